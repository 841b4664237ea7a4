#include "providers/localjob.h"
#include "providers/localrenderer.h"
#include "util/diskspace.h"
#include "util/poolrun.h"

#include "util/mediatools.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QSaveFile>

#include <mutex>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr int kMaxImageSide = 8192;
constexpr int kMaxVideoSide = 4096;
constexpr double kMaxVideoDurationSec = 600.0;
constexpr int kMaxFps = 120;

} // namespace

// Shared with the pool thread: the write of image.png happens under the mutex and only
// when not cancelled, so once cancel() holds the mutex no output can appear any more.
// std::mutex, not QMutex: a contended QMutex waits on a futex inside libQt6Core, which
// ThreadSanitizer cannot see (util/poolrun.h).
struct LocalJob::WriteGuard {
    std::mutex mutex;
    bool cancelled = false;
};

LocalJob::LocalJob(const GenerationRequest &request, const LocalJobSettings &settings,
                   QObject *parent)
    : ProcessJob(request, settings, parent)
{
    addPartialOutput(imageFileName());
    addPartialOutput(videoFileName());
    addPartialOutput(videoFileName() + u".part"_s);
}

LocalJob::~LocalJob()
{
    // ProcessJob's destructor then kills ffmpeg and removes the partial outputs.
    stopWork();
}

QString LocalJob::imageFileName()
{
    return u"image.png"_s;
}
QString LocalJob::videoFileName()
{
    return u"video.mp4"_s;
}

QString LocalJob::model() const
{
    return request().model.isEmpty() ? settings().model : request().model;
}

void LocalJob::stopWork()
{
    if (!m_guard)
        return;
    const std::lock_guard<std::mutex> locker(m_guard->mutex);
    m_guard->cancelled = true;
}

void LocalJob::beginWork()
{
    if (!makeOutputFolder())
        return;
    reportProgress(0.0);
    if (request().stage == Stage::Image)
        startImage();
    else
        startVideo();
}

// ---------------------------------------------------------------------------------------
// Image

void LocalJob::startImage()
{
    const int width = request().width;
    const int height = request().height;
    if (width < 1 || height < 1 || width > kMaxImageSide || height > kMaxImageSide) {
        finish(GenerationResult::failure(
            ErrorClass::InvalidRequest,
            u"%1: image size %2x%3 is invalid (1 to %4 pixels per side)"_s.arg(request().taskId)
                .arg(width)
                .arg(height)
                .arg(kMaxImageSide)));
        return;
    }

    m_guard = std::make_shared<WriteGuard>();
    const QString prompt = request().prompt;
    const qint64 seed = request().seed;
    const RungKind rung = request().rung;
    const QString path = outputPath(imageFileName());
    const bool corrupt = settings().fault.corruptsOutput();
    QMap<QString, QString> text{{u"prompt"_s, prompt},
                                {u"seed"_s, QString::number(seed)},
                                {u"provider"_s, settings().providerId},
                                {u"model"_s, model()},
                                {u"rung"_s, nameOf(rung)}};
    const std::shared_ptr<WriteGuard> guard = m_guard;

    auto render = [=](PoolProgress &progress) -> RenderOutcome {
        auto cancelled = [&guard] {
            const std::lock_guard<std::mutex> locker(guard->mutex);
            return guard->cancelled;
        };
        progress.set(10);
        const QImage image = LocalRenderer::renderFrame(prompt, seed, width, height, rung);
        if (cancelled())
            return RenderOutcome{ErrorClass::Cancelled, {}, {}};
        progress.set(60);

        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "png");
        for (auto it = text.cbegin(); it != text.cend(); ++it)
            writer.setText(it.key(), it.value());
        if (!writer.write(image))
            return RenderOutcome{ErrorClass::ProviderError, u"the PNG encoder failed"_s,
                                 writer.errorString()};
        buffer.close();
        if (corrupt)
            bytes.truncate(bytes.size() / 3); // a download cut short
        progress.set(90);

        const std::lock_guard<std::mutex> locker(guard->mutex);
        if (guard->cancelled)
            return RenderOutcome{ErrorClass::Cancelled, {}, {}};
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
            !file.commit()) {
            const QString directory = QFileInfo(path).absolutePath();
            const ErrorClass errorClass =
                isOutOfSpace(directory, bytes.size()) ? ErrorClass::DiskFull : ErrorClass::FileIo;
            return RenderOutcome{errorClass, u"cannot write %1"_s.arg(imageFileName()),
                                 file.errorString()};
        }
        progress.set(100);
        return RenderOutcome{};
    };
    runOnPool<RenderOutcome>(
        this, std::move(render),
        [this](const RenderOutcome &outcome) { onRenderFinished(outcome); },
        [this](int value) { reportProgress(value / 100.0); });
}

void LocalJob::onRenderFinished(const RenderOutcome &outcome)
{
    if (isFinished())
        return;
    if (outcome.errorClass == ErrorClass::Cancelled) {
        finishCancelled();
        return;
    }
    if (outcome.errorClass != ErrorClass::None) {
        GenerationResult result = failure(outcome.errorClass, outcome.message);
        result.detail = outcome.detail;
        finish(result);
        return;
    }
    reportProgress(1.0);
    GenerationResult result;
    result.outputFiles = {outputPath(imageFileName())};
    result.costUnits = settings().costPerUnit;
    finish(result);
}

// ---------------------------------------------------------------------------------------
// Video

void LocalJob::startVideo()
{
    const QString ffmpeg = mediaToolPath(MediaTool::Ffmpeg);
    if (ffmpeg.isEmpty()) {
        finish(failure(ErrorClass::ProviderUnavailable,
                       u"cannot make the motion clip: "_s %
                           mediaToolMissingMessage(MediaTool::Ffmpeg)));
        return;
    }
    const QString input = request().inputImagePath;
    const QString inputName = QFileInfo(input).fileName();
    if (input.isEmpty() || !QFileInfo(input).isFile()) {
        finish(failure(ErrorClass::InvalidRequest,
                       input.isEmpty() ? u"no input image for the video"_s
                                       : u"input image %1 does not exist"_s.arg(inputName)));
        return;
    }
    QImageReader reader(input);
    const QSize inputSize = reader.size();
    if (!inputSize.isValid()) {
        finish(failure(ErrorClass::InvalidRequest, u"input image %1 cannot be read (%2)"_s.arg(
                                                       inputName, reader.errorString())));
        return;
    }
    int width = request().width > 0 ? request().width : inputSize.width();
    int height = request().height > 0 ? request().height : inputSize.height();
    width -= width % 2; // H.264 in 4:2:0 needs even dimensions
    height -= height % 2;
    if (width < 2 || height < 2 || width > kMaxVideoSide || height > kMaxVideoSide) {
        finish(failure(
            ErrorClass::InvalidRequest,
            u"video size %1x%2 is invalid (2 to %3 pixels per side)"_s.arg(width).arg(height).arg(
                kMaxVideoSide)));
        return;
    }
    const double duration = request().durationSec;
    if (!(duration > 0.0) || duration > kMaxVideoDurationSec) {
        finish(
            failure(ErrorClass::InvalidRequest,
                    u"video duration %1 s is invalid (above 0, at most %2 s)"_s.arg(duration).arg(
                        kMaxVideoDurationSec)));
        return;
    }
    const int fps = request().fps;
    if (fps < 1 || fps > kMaxFps) {
        finish(failure(ErrorClass::InvalidRequest,
                       u"video frame rate %1 is invalid (1 to %2 fps)"_s.arg(fps).arg(kMaxFps)));
        return;
    }
    const int frames = qMax(1, qRound(duration * fps));
    const QString filter = motionFilter(width, height, fps, frames);
    if (filter.isEmpty())
        return;
    const QString temp = outputPath(videoFileName() + u".part"_s);
    QFile::remove(temp);
    const QStringList arguments = {u"-hide_banner"_s,
                                   u"-nostdin"_s,
                                   u"-nostats"_s,
                                   u"-loglevel"_s,
                                   u"error"_s,
                                   u"-y"_s,
                                   u"-i"_s,
                                   input,
                                   u"-vf"_s,
                                   filter,
                                   u"-t"_s,
                                   QString::number(duration, 'g', 10),
                                   u"-c:v"_s,
                                   u"libx264"_s,
                                   u"-preset"_s,
                                   u"ultrafast"_s,
                                   u"-pix_fmt"_s,
                                   u"yuv420p"_s,
                                   u"-movflags"_s,
                                   u"+faststart"_s,
                                   u"-progress"_s,
                                   u"pipe:1"_s,
                                   u"-f"_s,
                                   u"mp4"_s,
                                   temp};

    m_videoDurationSec = duration;
    runTool(ffmpeg, arguments, settings().processTimeoutMs, ToolProcess::Stdout::Lines);
    connect(tool(), &ToolProcess::outputLine, this, &LocalJob::onProgressLine,
            Qt::UniqueConnection);
}

QString LocalJob::motionFilter(int width, int height, int fps, int frames)
{
    const QString last = QString::number(qMax(1, frames - 1));
    const QString motion = request().motion.isEmpty() ? u"static"_s : request().motion;
    const QString centreX = u"iw/2-iw/zoom/2"_s;
    const QString centreY = u"ih/2-ih/zoom/2"_s;
    QString zoom;
    QString x = centreX;
    QString y = centreY;
    if (motion == u"zoom-in") {
        zoom = u"1+0.25*on/"_s % last;
    } else if (motion == u"zoom-out") {
        zoom = u"1.25-0.25*on/"_s % last;
    } else if (motion == u"pan-left") {
        zoom = u"1.2"_s;
        x = u"(iw-iw/zoom)*(1-on/"_s % last % u')';
    } else if (motion == u"pan-right") {
        zoom = u"1.2"_s;
        x = u"(iw-iw/zoom)*on/"_s % last;
    } else if (motion == u"static") {
        zoom = u"1"_s;
        x = u"0"_s;
        y = u"0"_s;
    } else {
        finish(failure(ErrorClass::InvalidRequest,
                       u"unknown motion \"%1\" (zoom-in, zoom-out, pan-left, pan-right or "
                       u"static)"_s.arg(motion)));
        return {};
    }

    // zoompan crops whole pixels of its input: upscale first so the motion is smooth.
    const int factor = qBound(1, 4096 / qMax(width, height), 4);
    const QString prescaled =
        QString::number(width * factor) % u':' % QString::number(height * factor);
    return u"scale="_s % prescaled %
           u":force_original_aspect_ratio=increase:flags=bicubic,crop="_s % prescaled %
           u",zoompan=z='"_s % zoom % u"':x='"_s % x % u"':y='"_s % y % u"':d="_s %
           QString::number(frames) % u":s="_s % QString::number(width) % u'x' %
           QString::number(height) % u":fps="_s % QString::number(fps) %
           u",setsar=1,format=yuv420p"_s;
}

void LocalJob::onProgressLine(const QByteArray &line)
{
    const std::optional<qint64> us = ToolProcess::progressMicroseconds(line);
    if (us && m_videoDurationSec > 0)
        reportProgress(qMin(0.99, double(*us) / 1e6 / m_videoDurationSec));
}

void LocalJob::toolFailedToStart()
{
    GenerationResult result =
        failure(ErrorClass::ProviderUnavailable,
                u"ffmpeg could not be started (%1); install the Debian "
                u"package ffmpeg or set RETAKE_FFMPEG"_s.arg(tool()->errorString()));
    result.detail = tool()->program();
    finish(result);
}

void LocalJob::toolFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    const QString stderrText = QString::fromUtf8(tool()->stderrTail());
    const QString temp = outputPath(videoFileName() + u".part"_s);
    const QString target = outputPath(videoFileName());

    if (tool()->timedOut()) {
        GenerationResult result =
            failure(ErrorClass::Timeout,
                    u"ffmpeg did not finish within %1 s"_s.arg(settings().processTimeoutMs / 1000));
        result.detail = stderrText;
        finish(result);
        return;
    }
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        const bool noSpace = tool()->ranOutOfSpace(request().outputDir);
        const QString reason = exitStatus == QProcess::CrashExit
                                   ? u"ffmpeg crashed"_s
                                   : u"ffmpeg failed with exit code %1"_s.arg(exitCode);
        GenerationResult result =
            failure(noSpace ? ErrorClass::DiskFull : ErrorClass::ProviderError,
                    tool()->withLastLine(reason));
        result.detail = stderrText;
        finish(result);
        return;
    }
    if (QFileInfo(temp).size() <= 0) {
        GenerationResult result =
            failure(ErrorClass::ProviderError, u"ffmpeg finished without writing a video"_s);
        result.detail = stderrText;
        finish(result);
        return;
    }
    if (settings().fault.corruptsOutput()) {
        QFile file(temp);
        file.resize(file.size() / 2); // a download cut short
    }
    QFile::remove(target);
    if (!QFile::rename(temp, target)) {
        finish(failure(ErrorClass::FileIo, u"cannot rename the clip to %1"_s.arg(videoFileName())));
        return;
    }
    reportProgress(1.0);
    GenerationResult result;
    result.outputFiles = {target};
    result.costUnits = settings().costPerUnit * m_videoDurationSec;
    finish(result);
}

} // namespace retake
