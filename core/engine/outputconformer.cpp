#include "engine/outputconformer.h"
#include "util/poolrun.h"

#include "providers/toolprocess.h"
#include "util/mediatools.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImage>
#include <QImageReader>
#include <QPainter>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// A long clip at a slow preset still ends well within this; a hung ffmpeg does not.
constexpr int kConformTimeoutMs = 10 * 60 * 1000;

QString number(double value)
{
    return QString::number(value, 'f', 3);
}

int frameCount(const ConformTarget &target)
{
    return qMax(1, int(std::lround(target.durationSec * target.fps)));
}

// Writes the conformed image; an empty string, or what went wrong.
QString conformImage(const QString &source, const QString &output, const ConformTarget &target)
{
    QImageReader reader(source);
    reader.setDecideFormatFromContent(true);
    const QImage image = reader.read();
    //: %1 is a file name, %2 why it cannot be read.
    if (image.isNull())
        return QCoreApplication::translate("retake::Engine", "cannot read %1 (%2)")
            .arg(QFileInfo(source).fileName(), reader.errorString());
    const ImagePlacement place = conformImagePlacement(image.size(), target);
    QImage canvas(target.width, target.height, QImage::Format_RGB32);
    canvas.fill(Qt::black);
    {
        QPainter painter(&canvas);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(place.to, image, place.from);
    }
    if (!canvas.save(output, "PNG"))
        return QCoreApplication::translate("retake::Engine", "cannot write %1")
            .arg(QFileInfo(output).fileName());
    const VerificationResult check =
        verifyOutputFile(output, {Stage::Image, target.width, target.height, 0});
    return check.ok ? QString() : check.message;
}

} // namespace

std::optional<FitMode> fitModeFromString(const QString &text)
{
    if (text.isEmpty() || text == u"pad")
        return FitMode::Pad;
    if (text == u"crop")
        return FitMode::Crop;
    if (text == u"stretch")
        return FitMode::Stretch;
    return std::nullopt;
}

QString nameOf(FitMode mode)
{
    switch (mode) {
    case FitMode::Pad:
        return u"pad"_s;
    case FitMode::Crop:
        return u"crop"_s;
    case FitMode::Stretch:
        return u"stretch"_s;
    }
    Q_UNREACHABLE();
    return {};
}

bool needsConform(const VerificationResult &measured, double measuredFps,
                  const ConformTarget &target)
{
    if (target.width <= 0 || target.height <= 0)
        return false;
    if (measured.width != target.width || measured.height != target.height)
        return true;
    if (target.stage != Stage::Video || target.fps <= 0 || target.durationSec <= 0)
        return false;
    const double frame = 1.0 / target.fps;
    return std::abs(measuredFps - target.fps) > 0.01 ||
           std::abs(measured.durationSec - target.durationSec) > frame + 1e-3;
}

QString conformVideoFilter(const ConformTarget &target, double sourceDurationSec)
{
    const QString w = QString::number(target.width);
    const QString h = QString::number(target.height);
    QString chain;
    switch (target.fit) {
    case FitMode::Pad:
        chain = u"scale="_s % w % u':' % h % u":force_original_aspect_ratio=decrease,pad="_s % w %
                u':' % h % u":(ow-iw)/2:(oh-ih)/2:color=black"_s;
        break;
    case FitMode::Crop:
        chain = u"scale="_s % w % u':' % h % u":force_original_aspect_ratio=increase,crop="_s % w %
                u':' % h;
        break;
    case FitMode::Stretch:
        chain = u"scale="_s % w % u':' % h;
        break;
    }
    const int frames = frameCount(target);
    chain += u",setsar=1,fps="_s % QString::number(target.fps) % u",format=yuv420p"_s;
    if (sourceDurationSec < target.durationSec) {
        // Shorter than the shot: hold the last frame for what is missing (and one frame
        // more, which the trim takes off again, against rounding).
        const int missing =
            int(std::ceil((target.durationSec - sourceDurationSec) * target.fps)) + 1;
        chain += u",tpad=stop_mode=clone:stop="_s % QString::number(missing);
    }
    chain += u",trim=end_frame="_s % QString::number(frames) % u",setpts=PTS-STARTPTS"_s;
    return chain;
}

QStringList conformVideoArguments(const QString &input, const QString &output,
                                  const ConformTarget &target, double sourceDurationSec)
{
    return {u"-hide_banner"_s,
            u"-nostdin"_s,
            u"-loglevel"_s,
            u"error"_s,
            u"-y"_s,
            u"-i"_s,
            input,
            u"-filter_complex"_s,
            u"[0:v:0]"_s % conformVideoFilter(target, sourceDurationSec) % u"[v]"_s,
            u"-map"_s,
            u"[v]"_s,
            u"-map"_s,
            u"0:a:0?"_s,
            u"-af"_s,
            u"apad,atrim=0:"_s % number(double(frameCount(target)) / target.fps),
            u"-c:v"_s,
            u"libx264"_s,
            u"-preset"_s,
            u"veryfast"_s,
            u"-crf"_s,
            u"18"_s,
            u"-pix_fmt"_s,
            u"yuv420p"_s,
            u"-c:a"_s,
            u"aac"_s,
            u"-movflags"_s,
            u"+faststart"_s,
            output};
}

ImagePlacement conformImagePlacement(QSize source, const ConformTarget &target)
{
    const QRect whole(0, 0, target.width, target.height);
    const QRect all(QPoint(0, 0), source);
    if (source.isEmpty() || target.width <= 0 || target.height <= 0)
        return {all, whole};
    const double sx = double(target.width) / source.width();
    const double sy = double(target.height) / source.height();
    switch (target.fit) {
    case FitMode::Stretch:
        return {all, whole};
    case FitMode::Crop: {
        const double scale = qMax(sx, sy);
        const int w = qMin(source.width(), int(std::lround(target.width / scale)));
        const int h = qMin(source.height(), int(std::lround(target.height / scale)));
        return {QRect((source.width() - w) / 2, (source.height() - h) / 2, w, h), whole};
    }
    case FitMode::Pad: {
        const double scale = qMin(sx, sy);
        const int w = qMin(target.width, int(std::lround(source.width() * scale)));
        const int h = qMin(target.height, int(std::lround(source.height() * scale)));
        return {all, QRect((target.width - w) / 2, (target.height - h) / 2, w, h)};
    }
    }
    Q_UNREACHABLE();
    return {all, whole};
}

OutputConformer::OutputConformer(QObject *parent) : QObject(parent)
{
}

OutputConformer::~OutputConformer()
{
    if (m_tool)
        m_tool->abandon();
}

void OutputConformer::conform(const QString &source, const QString &output,
                              const ConformTarget &target, double sourceDurationSec)
{
    m_output = output;
    m_target = target;
    if (target.stage == Stage::Image) {
        // On the pool through util/poolrun.h, whose hand-overs ThreadSanitizer can see.
        runOnPool<QString>(
            this,
            [source, output, target](PoolProgress &) {
                return conformImage(source, output, target);
            },
            [this](const QString &problem) {
                Q_EMIT finished(problem.isEmpty(), problem, QString());
            });
        return;
    }
    const QString ffmpeg = mediaToolPath(MediaTool::Ffmpeg);
    if (ffmpeg.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                Q_EMIT finished(false, mediaToolMissingMessage(MediaTool::Ffmpeg), QString());
            },
            Qt::QueuedConnection);
        return;
    }
    m_tool = new ToolProcess(this);
    connect(m_tool, &ToolProcess::failedToStart, this, [this] {
        Q_EMIT finished(false,
                        m_tool->withLastLine(
                            QCoreApplication::translate("retake::Engine", "ffmpeg did not start")),
                        QString());
    });
    connect(
        m_tool, &ToolProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
            const QString tail = QString::fromUtf8(m_tool->stderrTail());
            if (m_tool->timedOut()) {
                Q_EMIT finished(false,
                                QCoreApplication::translate("retake::Engine",
                                                            "ffmpeg did not finish within %1 min")
                                    .arg(kConformTimeoutMs / 60000),
                                tail);
                return;
            }
            if (status != QProcess::NormalExit || exitCode != 0) {
                Q_EMIT finished(
                    false,
                    m_tool->withLastLine(QCoreApplication::translate(
                                             "retake::Engine", "ffmpeg failed with exit code %1")
                                             .arg(exitCode)),
                    tail);
                return;
            }
            verifyResult();
        });
    m_tool->start(ffmpeg, conformVideoArguments(source, output, target, sourceDurationSec),
                  QFileInfo(output).absolutePath(), kConformTimeoutMs);
}

void OutputConformer::verifyResult()
{
    auto *verifier = new OutputVerifier(this);
    connect(verifier, &OutputVerifier::finished, this,
            [this, verifier](const VerificationResult &result) {
                verifier->deleteLater();
                Q_EMIT finished(result.ok, result.ok ? QString() : result.message, QString());
            });
    VerificationExpectation expect;
    expect.stage = Stage::Video;
    expect.width = m_target.width;
    expect.height = m_target.height;
    expect.durationSec = double(frameCount(m_target)) / m_target.fps;
    verifier->verify(m_output, expect);
}

} // namespace retake
