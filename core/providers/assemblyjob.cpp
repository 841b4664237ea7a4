#include "providers/assemblyjob.h"
#include "util/diskspace.h"

#include "engine/mediatools.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QStorageInfo>
#include <QTimer>

#include <climits>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr qsizetype kStderrTailBytes = 2048;
constexpr qsizetype kStderrTailLines = 20;
constexpr int kMaxSide = 4096;
constexpr int kMaxFps = 120;
constexpr double kMaxTotalSec = 6 * 60 * 60.0;
constexpr int kSampleRate = 48000;
constexpr qsizetype kMaxGraphArgument = 64 * 1024;
constexpr qsizetype kMaxReasonChars = 80;

QString slateColor()
{
    return u"0x1b1e24"_s;
}

QString audioFormat()
{
    return u"aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo"_s;
}

// Whether an ffmpeg binary has the drawtext filter, asked once per binary.
QMutex &filtersMutex()
{
    static QMutex mutex;
    return mutex;
}

QHash<QString, bool> &drawtextByProgram()
{
    static QHash<QString, bool> cache;
    return cache;
}

std::optional<bool> cachedDrawtext(const QString &ffmpeg)
{
    QMutexLocker locker(&filtersMutex());
    const auto it = drawtextByProgram().constFind(ffmpeg);
    if (it == drawtextByProgram().constEnd())
        return std::nullopt;
    return *it;
}

// Escapes a value for a filter option inside a filter graph: first for the option
// parser (\ ' :), then for the graph parser (\ ' [ ] , ;).
QString escapeFilterValue(const QString &value)
{
    QString option;
    for (const QChar c : value) {
        if (c == u'\\' || c == u'\'' || c == u':')
            option += u'\\';
        option += c;
    }
    QString graph;
    for (const QChar c : std::as_const(option)) {
        if (c == u'\\' || c == u'\'' || c == u'[' || c == u']' || c == u',' || c == u';')
            graph += u'\\';
        graph += c;
    }
    return graph;
}

QString oneLine(QString text, qsizetype maxChars)
{
    text = text.simplified();
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

// What the attempt record keeps of ffmpeg's stderr: the last kStderrTailLines lines, at most
// kStderrTailBytes, cut at a line start.
QString tailOf(const QByteArray &text)
{
    QList<QByteArray> lines = text.trimmed().split('\n');
    if (lines.size() > kStderrTailLines)
        lines = lines.mid(lines.size() - kStderrTailLines);
    QByteArray tail = lines.join('\n');
    if (tail.size() > kStderrTailBytes) {
        tail = tail.right(kStderrTailBytes);
        const qsizetype newline = tail.indexOf('\n');
        if (newline >= 0 && newline + 1 < tail.size())
            tail = tail.mid(newline + 1);
    }
    return QString::fromUtf8(tail);
}

QString lastLine(const QByteArray &text)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.constLast().trimmed());
}

QString number(double value)
{
    return QString::number(value, 'f', 6);
}

} // namespace

AssemblyJob::AssemblyJob(const GenerationRequest &request, const LocalJobSettings &settings,
                         QObject *parent)
    : ProviderJob(parent), m_request(request), m_settings(settings)
{
}

AssemblyJob::~AssemblyJob()
{
    if (m_phase != Phase::Probing && m_phase != Phase::Encoding && m_phase != Phase::Cancelling)
        return;
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(5000); // the process is killed; this reaps it
    }
    removePartialOutputs();
}

QString AssemblyJob::outputFileName(const GenerationRequest &request)
{
    QString name = request.taskId.section(u'/', 0, 0);
    if (name.isEmpty())
        name = request.sceneId;
    for (QChar &c : name) {
        const bool safe = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                          (c >= u'0' && c <= u'9') || c == u'-' || c == u'_' || c == u'.';
        if (!safe)
            c = u'_';
    }
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.isEmpty())
        name = u"assembly"_s;
    return name + u".mp4"_s;
}

QString AssemblyJob::slateFontPath()
{
    const QString override = qEnvironmentVariable("RETAKE_SLATE_FONT");
    if (!override.isEmpty())
        return QFileInfo(override).isFile() ? QFileInfo(override).absoluteFilePath() : QString();
    static const char *const candidates[] = {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", // Debian fonts-dejavu-core
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",               // Arch
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf", // Fedora
        "/usr/share/fonts/google-noto/NotoSans-Bold.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf", // macOS
        "/Library/Fonts/Arial.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
    };
    for (const char *candidate : candidates) {
        const QString path = QString::fromUtf8(candidate);
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

QString AssemblyJob::outputPath(const QString &fileName) const
{
    return QDir(m_request.outputDir).filePath(fileName);
}

// ---------------------------------------------------------------------------------------
// Lifecycle

void AssemblyJob::start()
{
    if (m_phase != Phase::Created)
        return;
    m_phase = Phase::Waiting;
    m_latencyTimer = new QTimer(this);
    m_latencyTimer->setSingleShot(true);
    m_latencyTimer->setTimerType(Qt::PreciseTimer);
    connect(m_latencyTimer, &QTimer::timeout, this, &AssemblyJob::beginWork);
    m_latencyTimer->start(m_settings.latencyMs);
}

void AssemblyJob::cancel()
{
    switch (m_phase) {
    case Phase::Created:
    case Phase::Waiting:
        finish(
            GenerationResult::failure(ErrorClass::Cancelled, m_request.taskId % u": cancelled"_s));
        return;
    case Phase::Probing:
    case Phase::Encoding:
        if (m_process && m_process->state() != QProcess::NotRunning) {
            // Report only once the process is gone, so that nothing can write afterwards.
            m_phase = Phase::Cancelling;
            if (m_processTimer)
                m_processTimer->stop();
            m_process->kill();
        } else {
            finishCancelled();
        }
        return;
    case Phase::Cancelling:
    case Phase::Finished:
        return;
    }
}

void AssemblyJob::fail(ErrorClass errorClass, const QString &message)
{
    removePartialOutputs();
    GenerationResult result =
        GenerationResult::failure(errorClass, m_request.taskId % u": "_s % message);
    result.detail = QString::fromUtf8(m_stderrTail);
    result.stderrTail = tailOf(m_stderrTail);
    finish(result);
}

void AssemblyJob::beginWork()
{
    if (m_phase != Phase::Waiting)
        return;
    m_phase = Phase::Probing;
    if (m_settings.fault.injectsFailure()) {
        finish(m_settings.fault.toResult());
        return;
    }
    if (m_request.outputDir.isEmpty()) {
        fail(ErrorClass::InvalidRequest, u"the request has no output folder"_s);
        return;
    }
    if (m_request.clips.isEmpty()) {
        fail(ErrorClass::InvalidRequest, u"there is nothing to assemble (no clips)"_s);
        return;
    }
    if (m_request.fps < 1 || m_request.fps > kMaxFps) {
        fail(ErrorClass::InvalidRequest,
             u"frame rate %1 is invalid (1 to %2 fps)"_s.arg(m_request.fps).arg(kMaxFps));
        return;
    }
    m_width = m_request.width - m_request.width % 2; // H.264 in 4:2:0 needs even sizes
    m_height = m_request.height - m_request.height % 2;
    if (m_width < 0 || m_height < 0 || m_width > kMaxSide || m_height > kMaxSide) {
        fail(ErrorClass::InvalidRequest,
             u"output size %1x%2 is invalid (2 to %3 pixels per side)"_s.arg(m_request.width)
                 .arg(m_request.height)
                 .arg(kMaxSide));
        return;
    }
    for (qsizetype i = 0; i < m_request.clips.size(); ++i) {
        const AssemblyClip &clip = m_request.clips.at(i);
        Segment segment;
        segment.durationSec = clip.durationSec;
        if (!std::isfinite(segment.durationSec) || segment.durationSec < 0 ||
            segment.durationSec > kMaxTotalSec) {
            fail(ErrorClass::InvalidRequest,
                 u"clip %1 has an invalid duration (%2 s)"_s.arg(i + 1).arg(clip.durationSec));
            return;
        }
        if (clip.path.isEmpty()) {
            segment.label = oneLine(clip.slateLabel, kMaxReasonChars);
            segment.reason = oneLine(clip.slateReason, kMaxReasonChars);
            if (segment.label.isEmpty())
                segment.label = u"clip %1"_s.arg(i + 1);
            if (!(segment.durationSec > 0)) {
                fail(ErrorClass::InvalidRequest,
                     u"the slate for %1 has no duration"_s.arg(segment.label));
                return;
            }
        } else {
            const QFileInfo info(clip.path);
            if (!info.isFile()) {
                fail(ErrorClass::InvalidRequest,
                     u"clip %1 (%2) does not exist"_s.arg(i + 1).arg(info.fileName()));
                return;
            }
            segment.path = info.absoluteFilePath();
        }
        m_segments << segment;
    }
    if (!m_request.audioPath.isEmpty() && !QFileInfo(m_request.audioPath).isFile()) {
        fail(ErrorClass::InvalidRequest,
             u"the voice-over %1 does not exist"_s.arg(QFileInfo(m_request.audioPath).fileName()));
        return;
    }
    if (!QDir().mkpath(m_request.outputDir)) {
        fail(ErrorClass::FileIo, u"cannot create the output folder %1"_s.arg(
                                     QDir::toNativeSeparators(m_request.outputDir)));
        return;
    }
    m_ffmpeg = mediaToolPath(MediaTool::Ffmpeg);
    m_ffprobe = mediaToolPath(MediaTool::Ffprobe);
    for (const MediaTool tool : {MediaTool::Ffmpeg, MediaTool::Ffprobe}) {
        if ((tool == MediaTool::Ffmpeg ? m_ffmpeg : m_ffprobe).isEmpty()) {
            fail(ErrorClass::ProviderUnavailable,
                 u"cannot assemble: "_s % mediaToolMissingMessage(tool));
            return;
        }
    }
    m_outputName = outputFileName(m_request);
    reportProgress(0.0);
    nextStep();
}

void AssemblyJob::nextStep()
{
    bool slates = false;
    for (const Segment &segment : std::as_const(m_segments))
        slates = slates || segment.path.isEmpty();
    if (slates && !cachedDrawtext(m_ffmpeg)) {
        checkFilters();
        return;
    }
    const int probes = int(m_segments.size()) + (m_request.audioPath.isEmpty() ? 0 : 1);
    while (m_probeIndex < int(m_segments.size()) && m_segments.at(m_probeIndex).path.isEmpty())
        ++m_probeIndex;
    if (m_probeIndex < probes) {
        probeNext();
        return;
    }
    encode();
}

// ---------------------------------------------------------------------------------------
// Processes

void AssemblyJob::startProcess(ProcessRole role, const QString &program,
                               const QStringList &arguments, int timeoutMs)
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_role = role;
    m_stdout.clear();
    m_stdoutLine.clear();
    m_processTimedOut = false;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setWorkingDirectory(m_request.outputDir);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &AssemblyJob::onProcessOutput);
    connect(m_process, &QProcess::readyReadStandardError, this, &AssemblyJob::onProcessErrorOutput);
    connect(m_process, &QProcess::finished, this, &AssemblyJob::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &AssemblyJob::onProcessError);
    if (timeoutMs > 0) {
        if (!m_processTimer) {
            m_processTimer = new QTimer(this);
            m_processTimer->setSingleShot(true);
            connect(m_processTimer, &QTimer::timeout, this, &AssemblyJob::onProcessTimeout);
        }
        m_processTimer->start(timeoutMs);
    }
    m_process->start(program, arguments, QIODevice::ReadOnly);
}

void AssemblyJob::onProcessOutput()
{
    const QByteArray bytes = m_process->readAllStandardOutput();
    if (m_role != ProcessRole::Encode) {
        m_stdout += bytes;
        return;
    }
    m_stdoutLine += bytes;
    qsizetype newline;
    while ((newline = m_stdoutLine.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdoutLine.left(newline).trimmed();
        m_stdoutLine.remove(0, newline + 1);
        // Both keys carry microseconds (out_time_ms is misnamed in ffmpeg).
        if (!line.startsWith("out_time_us=") && !line.startsWith("out_time_ms="))
            continue;
        bool ok = false;
        const qint64 us = line.mid(line.indexOf('=') + 1).toLongLong(&ok);
        if (ok && us >= 0 && m_totalSec > 0)
            reportProgress(qMin(0.99, double(us) / 1e6 / m_totalSec));
    }
}

void AssemblyJob::onProcessErrorOutput()
{
    if (!m_process)
        return;
    const QByteArray bytes = m_process->readAllStandardError();
    if (m_role == ProcessRole::Filters)
        return;
    m_stderrTail += bytes;
    if (m_stderrTail.size() > kStderrTailBytes)
        m_stderrTail = m_stderrTail.right(kStderrTailBytes);
}

void AssemblyJob::onProcessTimeout()
{
    if ((m_phase != Phase::Probing && m_phase != Phase::Encoding) || !m_process)
        return;
    m_processTimedOut = true;
    m_process->kill();
}

void AssemblyJob::onProcessError(QProcess::ProcessError error)
{
    // Crashes and kills arrive through finished(); only a failed start ends here alone.
    if (error != QProcess::FailedToStart)
        return;
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase != Phase::Probing && m_phase != Phase::Encoding)
        return;
    const QString tool = QFileInfo(m_process->program()).fileName();
    fail(ErrorClass::ProviderUnavailable,
         u"%1 could not be started (%2); install the Debian package ffmpeg"_s.arg(
             tool, m_process->errorString()));
}

void AssemblyJob::onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (m_processTimer)
        m_processTimer->stop();
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase != Phase::Probing && m_phase != Phase::Encoding)
        return;
    if (m_processTimedOut) {
        fail(ErrorClass::Timeout,
             u"%1 did not finish in time"_s.arg(QFileInfo(m_process->program()).fileName()));
        return;
    }
    m_stdout += m_process->readAllStandardOutput();
    switch (m_role) {
    case ProcessRole::Filters:
        onFiltersFinished(exitCode, exitStatus);
        return;
    case ProcessRole::Probe:
        onProbeFinished(exitCode, exitStatus);
        return;
    case ProcessRole::Encode:
        onEncodeFinished(exitCode, exitStatus);
        return;
    }
}

// ---------------------------------------------------------------------------------------
// Preparation

void AssemblyJob::checkFilters()
{
    startProcess(ProcessRole::Filters, m_ffmpeg, {u"-hide_banner"_s, u"-filters"_s},
                 m_settings.processTimeoutMs);
}

void AssemblyJob::onFiltersFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    bool drawtext = false;
    if (exitStatus == QProcess::NormalExit && exitCode == 0) {
        for (const QByteArray &line : m_stdout.split('\n')) {
            const QList<QByteArray> columns = line.simplified().split(' ');
            if (columns.size() >= 2 && columns.at(1) == "drawtext")
                drawtext = true;
        }
    }
    {
        QMutexLocker locker(&filtersMutex());
        drawtextByProgram().insert(m_ffmpeg, drawtext);
    }
    nextStep();
}

void AssemblyJob::probeNext()
{
    const bool voiceOver = m_probeIndex >= m_segments.size();
    const QString path = voiceOver ? m_request.audioPath : m_segments.at(m_probeIndex).path;
    startProcess(ProcessRole::Probe, m_ffprobe,
                 {u"-v"_s, u"error"_s, u"-show_entries"_s,
                  u"stream=codec_type,width,height:format=duration"_s, u"-of"_s, u"json"_s,
                  QFileInfo(path).absoluteFilePath()},
                 m_settings.processTimeoutMs);
}

void AssemblyJob::onProbeFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    const bool voiceOver = m_probeIndex >= m_segments.size();
    const QString name =
        QFileInfo(voiceOver ? m_request.audioPath : m_segments.at(m_probeIndex).path).fileName();
    const QString what = voiceOver ? u"the voice-over %1"_s.arg(name)
                                   : u"clip %1 (%2)"_s.arg(m_probeIndex + 1).arg(name);
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        const QString reason = lastLine(m_stderrTail);
        fail(ErrorClass::InvalidRequest,
             what % u" does not decode (ffprobe: "_s %
                 (reason.isEmpty() ? u"exit code %1"_s.arg(exitCode) : reason) % u')');
        return;
    }
    m_stderrTail.clear(); // probes are quiet when they succeed; keep the tail for ffmpeg
    const QJsonObject root = QJsonDocument::fromJson(m_stdout).object();
    bool hasVideo = false;
    bool hasAudio = false;
    int width = 0;
    int height = 0;
    for (const QJsonValue value : root.value(u"streams").toArray()) {
        const QJsonObject stream = value.toObject();
        const QString type = stream.value(u"codec_type").toString();
        if (type == u"audio") {
            hasAudio = true;
        } else if (type == u"video" && !hasVideo) {
            hasVideo = true;
            width = stream.value(u"width").toInt();
            height = stream.value(u"height").toInt();
        }
    }
    bool ok = false;
    const double duration =
        root.value(u"format").toObject().value(u"duration").toString().toDouble(&ok);

    if (voiceOver) {
        if (!hasAudio) {
            fail(ErrorClass::InvalidRequest, what % u" has no audio stream"_s);
            return;
        }
    } else {
        Segment &segment = m_segments[m_probeIndex];
        if (!hasVideo) {
            fail(ErrorClass::InvalidRequest, what % u" has no video stream"_s);
            return;
        }
        segment.hasAudio = hasAudio;
        segment.width = width;
        segment.height = height;
        if (!(segment.durationSec > 0)) {
            if (!ok || !(duration > 0) || !std::isfinite(duration)) {
                fail(ErrorClass::InvalidRequest, what % u" has no known duration"_s);
                return;
            }
            segment.durationSec = duration;
        }
    }
    ++m_probeIndex;
    nextStep();
}

// ---------------------------------------------------------------------------------------
// Encoding

QString AssemblyJob::buildGraph(QStringList *inputs, QString *title)
{
    const int fps = m_request.fps;
    const QString size = QString::number(m_width) % u'x' % QString::number(m_height);
    const QString w = QString::number(m_width);
    const QString h = QString::number(m_height);
    const bool drawtext = cachedDrawtext(m_ffmpeg).value_or(false);
    const QString font = drawtext ? slateFontPath() : QString();
    const bool textOnSlates = drawtext && !font.isEmpty();

    // Frame-exact segment boundaries on the cumulative timeline.
    double end = 0.0;
    qint64 frameCursor = 0;
    qint64 sampleCursor = 0;
    for (Segment &segment : m_segments) {
        end += segment.durationSec;
        const qint64 endFrame = qMax(frameCursor + 1, qint64(std::llround(end * fps)));
        segment.frames = int(endFrame - frameCursor);
        const qint64 endSample = std::llround(double(endFrame) * kSampleRate / fps);
        segment.samples = endSample - sampleCursor;
        frameCursor = endFrame;
        sampleCursor = endSample;
    }
    m_totalSec = double(frameCursor) / fps;
    const qint64 totalSamples = sampleCursor;

    QStringList chains;
    QString concatInputs;
    QStringList plainSlates;
    for (qsizetype k = 0; k < m_segments.size(); ++k) {
        Segment &segment = m_segments[k];
        const QString frames = QString::number(segment.frames);
        const QString samples = QString::number(segment.samples);
        const QString v = u"[v"_s % QString::number(k) % u']';
        const QString a = u"[a"_s % QString::number(k) % u']';
        if (!segment.path.isEmpty()) {
            segment.inputIndex = int(inputs->size());
            *inputs << segment.path;
            const QString in = u'[' % QString::number(segment.inputIndex);
            chains << in % u":v]setpts=PTS-STARTPTS,fps="_s % QString::number(fps) % u",scale="_s %
                          w % u':' % h %
                          u":force_original_aspect_ratio=decrease:force_divisible_by=2,pad="_s % w %
                          u':' % h % u":(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,"_s %
                          u"format=yuv420p,tpad=stop_mode=clone:stop="_s % frames %
                          u",trim=end_frame="_s % frames % u",setpts=PTS-STARTPTS"_s % v;
            if (segment.hasAudio) {
                chains << in % u":a]asetpts=PTS-STARTPTS,aresample="_s %
                              QString::number(kSampleRate) % u',' % audioFormat() %
                              u",apad=whole_len="_s % samples % u",atrim=end_sample="_s % samples %
                              u",asetpts=PTS-STARTPTS"_s % a;
            }
        } else {
            QString chain =
                u"color=c="_s % slateColor() % u":s="_s % size % u":r="_s % QString::number(fps) %
                u":d="_s % number(double(segment.frames + 1) / fps) % u",format=yuv420p,setsar=1"_s;
            if (textOnSlates) {
                const QString labelFile = u".slate-%1-label.txt"_s.arg(k);
                const QString reasonFile = u".slate-%1-reason.txt"_s.arg(k);
                QFile label(outputPath(labelFile));
                QFile reason(outputPath(reasonFile));
                if (!label.open(QIODevice::WriteOnly) || label.write(segment.label.toUtf8()) < 0 ||
                    !reason.open(QIODevice::WriteOnly) ||
                    reason.write(segment.reason.toUtf8()) < 0) {
                    return {};
                }
                m_temporaryFiles << labelFile << reasonFile;
                const QString fontFile = escapeFilterValue(font);
                const int big = qMax(8, m_height / 10);
                const int small = qMax(6, m_height / 20);
                const int gap = qMax(2, m_height / 40);
                chain += u",drawtext=fontfile="_s % fontFile % u":textfile="_s % labelFile %
                         u":expansion=none:fontcolor=white:fontsize="_s % QString::number(big) %
                         u":x=(w-text_w)/2:y=h/2-text_h-"_s % QString::number(gap);
                if (!segment.reason.isEmpty()) {
                    chain += u",drawtext=fontfile="_s % fontFile % u":textfile="_s % reasonFile %
                             u":expansion=none:fontcolor=0xc8ccd4:fontsize="_s %
                             QString::number(small) % u":x=(w-text_w)/2:y=h/2+"_s %
                             QString::number(gap);
                }
            } else {
                plainSlates << (segment.reason.isEmpty()
                                    ? segment.label
                                    : segment.label % u" ("_s % segment.reason % u')');
            }
            chains << chain % u",trim=end_frame="_s % frames % u",setpts=PTS-STARTPTS"_s % v;
        }
        if (segment.path.isEmpty() || !segment.hasAudio) {
            chains << u"anullsrc=r="_s % QString::number(kSampleRate) %
                          u":cl=stereo,atrim=end_sample="_s % samples % u',' % audioFormat() %
                          u",asetpts=PTS-STARTPTS"_s % a;
        }
        concatInputs += v % a;
    }
    const bool voiceOver = !m_request.audioPath.isEmpty();
    chains << concatInputs % u"concat=n="_s % QString::number(m_segments.size()) %
                  u":v=1:a=1[v]"_s % (voiceOver ? u"[picture]"_s : u"[a]"_s);
    if (voiceOver) {
        const QString in = u'[' % QString::number(inputs->size());
        *inputs << QFileInfo(m_request.audioPath).absoluteFilePath();
        const QString total = QString::number(totalSamples);
        // Padded with silence or trimmed to the picture, then laid under the clips' sound.
        chains << in % u":a]asetpts=PTS-STARTPTS,aresample="_s % QString::number(kSampleRate) %
                      u',' % audioFormat() % u",apad=whole_len="_s % total %
                      u",atrim=end_sample="_s % total % u"[voice]"_s;
        chains << u"[picture][voice]amix=inputs=2:duration=first:dropout_transition=0:"_s
                  u"normalize=0,atrim=end_sample="_s %
                      total % u"[a]"_s;
    }

    *title = m_outputName.chopped(4);
    if (!plainSlates.isEmpty())
        *title += u" — slates: "_s % plainSlates.join(u"; "_s);
    return chains.join(u';');
}

void AssemblyJob::encode()
{
    m_phase = Phase::Encoding;
    m_stderrTail.clear();
    if (m_width <= 0 || m_height <= 0) {
        // No output size requested: the first clip's.
        for (const Segment &segment : std::as_const(m_segments)) {
            if (!segment.path.isEmpty()) {
                m_width = qMin(kMaxSide, segment.width - segment.width % 2);
                m_height = qMin(kMaxSide, segment.height - segment.height % 2);
                break;
            }
        }
        if (m_width < 2 || m_height < 2) {
            fail(ErrorClass::InvalidRequest, u"no output size: the request names none and "
                                             u"no clip has one"_s);
            return;
        }
    }
    QStringList inputs;
    QString title;
    const QString graph = buildGraph(&inputs, &title);
    if (graph.isEmpty()) {
        fail(isOutOfSpace(m_request.outputDir) ? ErrorClass::DiskFull : ErrorClass::FileIo,
             u"cannot write the slate texts into the output folder"_s);
        return;
    }
    QStringList slates;
    for (const Segment &segment : std::as_const(m_segments)) {
        if (segment.path.isEmpty())
            slates << segment.label % u": "_s % segment.reason;
    }

    QStringList arguments = {u"-hide_banner"_s, u"-nostdin"_s, u"-nostats"_s,
                             u"-loglevel"_s,    u"warning"_s,  u"-y"_s};
    for (const QString &input : std::as_const(inputs))
        arguments << u"-i"_s << input;
    if (graph.size() > kMaxGraphArgument) {
        const QString script = u".assembly-graph.txt"_s;
        QFile file(outputPath(script));
        if (!file.open(QIODevice::WriteOnly) || file.write(graph.toUtf8()) < 0) {
            fail(isOutOfSpace(m_request.outputDir) ? ErrorClass::DiskFull : ErrorClass::FileIo,
                 u"cannot write the filter script into the output folder"_s);
            return;
        }
        m_temporaryFiles << script;
        arguments << u"-filter_complex_script"_s << script;
    } else {
        arguments << u"-filter_complex"_s << graph;
    }
    // -map_metadata -1: nothing of the clips' own metadata (a ComfyUI video carries its
    // workflow, prompt included) is copied into the cut; only our title and slate list.
    arguments << u"-map"_s << u"[v]"_s << u"-map"_s << u"[a]"_s << u"-c:v"_s << u"libx264"_s
              << u"-preset"_s << u"ultrafast"_s << u"-pix_fmt"_s << u"yuv420p"_s << u"-r"_s
              << QString::number(m_request.fps) << u"-c:a"_s << u"aac"_s << u"-b:a"_s << u"128k"_s
              << u"-ar"_s << QString::number(kSampleRate) << u"-ac"_s << u"2"_s
              << u"-map_metadata"_s << u"-1"_s << u"-metadata"_s << u"title="_s + title;
    if (!slates.isEmpty())
        arguments << u"-metadata"_s << u"comment=slates: "_s + slates.join(u"; "_s);
    arguments << u"-movflags"_s << u"+faststart"_s << u"-progress"_s << u"pipe:1"_s << u"-f"_s
              << u"mp4"_s << m_outputName + u".part"_s;
    QFile::remove(outputPath(m_outputName + u".part"_s));

    // The watchdog grows with the length of the film: ten seconds per second of output.
    int timeoutMs = m_settings.processTimeoutMs;
    if (timeoutMs > 0)
        timeoutMs = int(qMin(double(INT_MAX), qMax(double(timeoutMs), m_totalSec * 10000.0)));
    startProcess(ProcessRole::Encode, m_ffmpeg, arguments, timeoutMs);
}

void AssemblyJob::onEncodeFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    onProcessErrorOutput();
    removeTemporaryFiles();
    const QString temp = outputPath(m_outputName + u".part"_s);
    const QString target = outputPath(m_outputName);
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        const bool noSpace =
            m_stderrTail.contains("No space left on device") || isOutOfSpace(m_request.outputDir);
        const QString reason = exitStatus == QProcess::CrashExit
                                   ? u"ffmpeg crashed"_s
                                   : u"ffmpeg failed with exit code %1"_s.arg(exitCode);
        const QString tail = lastLine(m_stderrTail);
        fail(noSpace ? ErrorClass::DiskFull : ErrorClass::ProviderError,
             tail.isEmpty() ? reason : reason % u": "_s % tail);
        return;
    }
    if (QFileInfo(temp).size() <= 0) {
        fail(ErrorClass::ProviderError, u"ffmpeg finished without writing the assembly"_s);
        return;
    }
    if (m_settings.fault.corruptsOutput()) {
        QFile file(temp);
        file.resize(file.size() / 2); // a write cut short
    }
    QFile::remove(target);
    if (!QFile::rename(temp, target)) {
        fail(ErrorClass::FileIo, u"cannot rename the assembly to %1"_s.arg(m_outputName));
        return;
    }
    reportProgress(1.0);
    GenerationResult result;
    result.outputFiles = {target};
    result.detail = QString::fromUtf8(m_stderrTail);
    result.stderrTail = tailOf(m_stderrTail);
    finish(result);
}

// ---------------------------------------------------------------------------------------
// Results

void AssemblyJob::reportProgress(double fraction)
{
    if (fraction <= m_lastProgress)
        return;
    m_lastProgress = fraction;
    Q_EMIT progressed(fraction);
}

void AssemblyJob::finishCancelled()
{
    removePartialOutputs();
    finish(GenerationResult::failure(ErrorClass::Cancelled, m_request.taskId % u": cancelled"_s));
}

void AssemblyJob::finish(const GenerationResult &result)
{
    if (m_phase == Phase::Finished)
        return;
    m_phase = Phase::Finished;
    if (m_latencyTimer)
        m_latencyTimer->stop();
    if (m_processTimer)
        m_processTimer->stop();
    // Always from the event loop: never re-entrantly from start() or cancel().
    QMetaObject::invokeMethod(
        this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

void AssemblyJob::removeTemporaryFiles() const
{
    for (const QString &name : m_temporaryFiles)
        QFile::remove(outputPath(name));
}

void AssemblyJob::removePartialOutputs() const
{
    if (m_request.outputDir.isEmpty() || m_outputName.isEmpty())
        return;
    removeTemporaryFiles();
    QFile::remove(outputPath(m_outputName + u".part"_s));
    QFile::remove(outputPath(m_outputName));
}

} // namespace retake
