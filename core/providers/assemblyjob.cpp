#include "providers/assemblyjob.h"
#include "util/diskspace.h"

#include "util/mediatools.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>

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
constexpr qsizetype kMaxGraphArgument = qsizetype(64) * 1024;
constexpr qsizetype kMaxReasonChars = 80;

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

} // namespace

AssemblyJob::AssemblyJob(const GenerationRequest &request, const LocalJobSettings &settings,
                         QObject *parent)
    : ProcessJob(request, settings, parent)
{
}

AssemblyJob::~AssemblyJob() = default;

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
        QString path = QString::fromUtf8(candidate);
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

// ---------------------------------------------------------------------------------------
// Lifecycle

QByteArray AssemblyJob::stderrTail() const
{
    return tool() ? tool()->stderrTail() : QByteArray();
}

void AssemblyJob::fail(ErrorClass errorClass, const QString &message)
{
    removePartialOutputs();
    GenerationResult result = failure(errorClass, message);
    result.detail = QString::fromUtf8(stderrTail());
    result.stderrTail = tailOf(stderrTail());
    finish(result);
}

void AssemblyJob::beginWork()
{
    const GenerationRequest &r = request();
    if (r.clips.isEmpty()) {
        fail(ErrorClass::InvalidRequest, u"there is nothing to assemble (no clips)"_s);
        return;
    }
    if (r.fps < 1 || r.fps > kMaxFps) {
        fail(ErrorClass::InvalidRequest,
             u"frame rate %1 is invalid (1 to %2 fps)"_s.arg(r.fps).arg(kMaxFps));
        return;
    }
    m_width = r.width - r.width % 2; // H.264 in 4:2:0 needs even sizes
    m_height = r.height - r.height % 2;
    if (m_width < 0 || m_height < 0 || m_width > kMaxSide || m_height > kMaxSide) {
        fail(ErrorClass::InvalidRequest,
             u"output size %1x%2 is invalid (2 to %3 pixels per side)"_s.arg(r.width)
                 .arg(r.height)
                 .arg(kMaxSide));
        return;
    }
    if (!takeSegments())
        return;
    if (!r.audioPath.isEmpty() && !QFileInfo(r.audioPath).isFile()) {
        fail(ErrorClass::InvalidRequest,
             u"the voice-over %1 does not exist"_s.arg(QFileInfo(r.audioPath).fileName()));
        return;
    }
    if (!makeOutputFolder() || !findTools())
        return;
    m_outputName = outputFileName(r);
    addPartialOutput(m_outputName + u".part"_s);
    addPartialOutput(m_outputName);
    reportProgress(0.0);
    nextStep();
}

bool AssemblyJob::takeSegments()
{
    for (qsizetype i = 0; i < request().clips.size(); ++i) {
        const AssemblyClip &clip = request().clips.at(i);
        Segment segment;
        segment.durationSec = clip.durationSec;
        if (!std::isfinite(segment.durationSec) || segment.durationSec < 0 ||
            segment.durationSec > kMaxTotalSec) {
            fail(ErrorClass::InvalidRequest,
                 u"clip %1 has an invalid duration (%2 s)"_s.arg(i + 1).arg(clip.durationSec));
            return false;
        }
        if (clip.path.isEmpty()) {
            segment.label = oneLine(clip.slateLabel, kMaxReasonChars);
            segment.reason = oneLine(clip.slateReason, kMaxReasonChars);
            if (segment.label.isEmpty())
                segment.label = u"clip %1"_s.arg(i + 1);
            if (!(segment.durationSec > 0)) {
                fail(ErrorClass::InvalidRequest,
                     u"the slate for %1 has no duration"_s.arg(segment.label));
                return false;
            }
        } else {
            const QFileInfo info(clip.path);
            if (!info.isFile()) {
                fail(ErrorClass::InvalidRequest,
                     u"clip %1 (%2) does not exist"_s.arg(i + 1).arg(info.fileName()));
                return false;
            }
            segment.path = info.absoluteFilePath();
            segment.still = clip.still;
            if (segment.still && !(segment.durationSec > 0)) {
                fail(ErrorClass::InvalidRequest,
                     u"the still %1 (%2) has no duration"_s.arg(i + 1).arg(info.fileName()));
                return false;
            }
        }
        m_segments << segment;
    }
    return true;
}

bool AssemblyJob::findTools()
{
    m_ffmpeg = mediaToolPath(MediaTool::Ffmpeg);
    m_ffprobe = mediaToolPath(MediaTool::Ffprobe);
    for (const MediaTool tool : {MediaTool::Ffmpeg, MediaTool::Ffprobe}) {
        if ((tool == MediaTool::Ffmpeg ? m_ffmpeg : m_ffprobe).isEmpty()) {
            fail(ErrorClass::ProviderUnavailable,
                 u"cannot assemble: "_s % mediaToolMissingMessage(tool));
            return false;
        }
    }
    return true;
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
    const int probes = int(m_segments.size()) + (request().audioPath.isEmpty() ? 0 : 1);
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

void AssemblyJob::run(Step step, const QString &program, const QStringList &arguments,
                      int timeoutMs)
{
    m_step = step;
    runTool(program, arguments, timeoutMs,
            step == Step::Encode ? ToolProcess::Stdout::Lines : ToolProcess::Stdout::Collect,
            step == Step::Filters ? ToolProcess::Stderr::Discard : ToolProcess::Stderr::Keep);
    connect(tool(), &ToolProcess::outputLine, this, &AssemblyJob::onProgressLine,
            Qt::UniqueConnection);
}

void AssemblyJob::onProgressLine(const QByteArray &line)
{
    const std::optional<qint64> us = ToolProcess::progressMicroseconds(line);
    if (us && m_totalSec > 0)
        reportProgress(qMin(0.99, double(*us) / 1e6 / m_totalSec));
}

void AssemblyJob::toolFailedToStart()
{
    const QString name = QFileInfo(tool()->program()).fileName();
    fail(ErrorClass::ProviderUnavailable,
         u"%1 could not be started (%2); install the Debian package ffmpeg"_s.arg(
             name, tool()->errorString()));
}

void AssemblyJob::toolFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (tool()->timedOut()) {
        fail(ErrorClass::Timeout,
             u"%1 did not finish in time"_s.arg(QFileInfo(tool()->program()).fileName()));
        return;
    }
    switch (m_step) {
    case Step::Filters:
        onFiltersFinished(exitCode, exitStatus);
        return;
    case Step::Probe:
        onProbeFinished(exitCode, exitStatus);
        return;
    case Step::Encode:
        onEncodeFinished(exitCode, exitStatus);
        return;
    }
}

// ---------------------------------------------------------------------------------------
// Preparation

void AssemblyJob::checkFilters()
{
    run(Step::Filters, m_ffmpeg, {u"-hide_banner"_s, u"-filters"_s}, settings().processTimeoutMs);
}

void AssemblyJob::onFiltersFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    bool drawtext = false;
    if (exitStatus == QProcess::NormalExit && exitCode == 0) {
        for (const QByteArray &line : tool()->standardOutput().split('\n')) {
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
    const QString path = voiceOver ? request().audioPath : m_segments.at(m_probeIndex).path;
    run(Step::Probe, m_ffprobe,
        {u"-v"_s, u"error"_s, u"-show_entries"_s,
         u"stream=codec_type,width,height:format=duration"_s, u"-of"_s, u"json"_s,
         QFileInfo(path).absoluteFilePath()},
        settings().processTimeoutMs);
}

void AssemblyJob::onProbeFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    const bool voiceOver = m_probeIndex >= m_segments.size();
    const QString name =
        QFileInfo(voiceOver ? request().audioPath : m_segments.at(m_probeIndex).path).fileName();
    const QString what = voiceOver ? u"the voice-over %1"_s.arg(name)
                                   : u"clip %1 (%2)"_s.arg(m_probeIndex + 1).arg(name);
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        const QString reason = tool()->lastStderrLine();
        fail(ErrorClass::InvalidRequest,
             what % u" does not decode (ffprobe: "_s %
                 (reason.isEmpty() ? u"exit code %1"_s.arg(exitCode) : reason) % u')');
        return;
    }
    tool()->clearStderrTail(); // probes are quiet when they succeed; keep the tail for ffmpeg
    const QJsonObject root = QJsonDocument::fromJson(tool()->standardOutput()).object();
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

void AssemblyJob::encode()
{
    if (tool())
        tool()->clearStderrTail();
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
    AssemblyGraph graph(m_segments, m_width, m_height, request().fps);
    const bool drawtext = cachedDrawtext(m_ffmpeg).value_or(false);
    graph.setSlateFont(drawtext ? slateFontPath() : QString());
    graph.setVoiceOver(request().audioPath);
    const bool built = graph.build(request().outputDir);
    for (const QString &name : graph.textFiles())
        addTemporaryFile(name);
    m_totalSec = graph.totalSec();
    if (!built) {
        fail(isOutOfSpace(request().outputDir) ? ErrorClass::DiskFull : ErrorClass::FileIo,
             u"cannot write the slate texts into the output folder"_s);
        return;
    }
    const QStringList arguments = encodeArguments(graph);
    if (arguments.isEmpty())
        return;
    QFile::remove(outputPath(m_outputName + u".part"_s));

    // The watchdog grows with the length of the film: ten seconds per second of output.
    int timeoutMs = settings().processTimeoutMs;
    if (timeoutMs > 0)
        timeoutMs = int(qMin(double(INT_MAX), qMax(double(timeoutMs), m_totalSec * 10000.0)));
    run(Step::Encode, m_ffmpeg, arguments, timeoutMs);
}

QStringList AssemblyJob::encodeArguments(const AssemblyGraph &graph)
{
    QString title = m_outputName.chopped(4);
    if (!graph.plainSlates().isEmpty())
        title += u" — slates: "_s % graph.plainSlates().join(u"; "_s);
    QStringList slates;
    for (const Segment &segment : std::as_const(m_segments)) {
        if (segment.path.isEmpty())
            slates << segment.label % u": "_s % segment.reason;
    }

    QStringList arguments = {u"-hide_banner"_s, u"-nostdin"_s, u"-nostats"_s,
                             u"-loglevel"_s,    u"warning"_s,  u"-y"_s};
    for (const QString &input : graph.inputs())
        arguments << u"-i"_s << input;
    if (graph.graph().size() > kMaxGraphArgument) {
        const QString script = u".assembly-graph.txt"_s;
        QFile file(outputPath(script));
        if (!file.open(QIODevice::WriteOnly) || file.write(graph.graph().toUtf8()) < 0) {
            fail(isOutOfSpace(request().outputDir) ? ErrorClass::DiskFull : ErrorClass::FileIo,
                 u"cannot write the filter script into the output folder"_s);
            return {};
        }
        addTemporaryFile(script);
        arguments << u"-filter_complex_script"_s << script;
    } else {
        arguments << u"-filter_complex"_s << graph.graph();
    }
    // -map_metadata -1: nothing of the clips' own metadata (a ComfyUI video carries its
    // workflow, prompt included) is copied into the cut; only our title and slate list.
    const int sampleRate = AssemblyGraph::kSampleRate;
    arguments << u"-map"_s << u"[v]"_s << u"-map"_s << u"[a]"_s << u"-c:v"_s << u"libx264"_s
              << u"-preset"_s << u"ultrafast"_s << u"-pix_fmt"_s << u"yuv420p"_s << u"-r"_s
              << QString::number(request().fps) << u"-c:a"_s << u"aac"_s << u"-b:a"_s << u"128k"_s
              << u"-ar"_s << QString::number(sampleRate) << u"-ac"_s << u"2"_s << u"-map_metadata"_s
              << u"-1"_s << u"-metadata"_s << u"title="_s + title;
    if (!slates.isEmpty())
        arguments << u"-metadata"_s << u"comment=slates: "_s + slates.join(u"; "_s);
    arguments << u"-movflags"_s << u"+faststart"_s << u"-progress"_s << u"pipe:1"_s << u"-f"_s
              << u"mp4"_s << m_outputName + u".part"_s;
    return arguments;
}

void AssemblyJob::onEncodeFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    removeTemporaryFiles();
    const QString temp = outputPath(m_outputName + u".part"_s);
    const QString target = outputPath(m_outputName);
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        const bool noSpace = tool()->ranOutOfSpace(request().outputDir);
        const QString reason = exitStatus == QProcess::CrashExit
                                   ? u"ffmpeg crashed"_s
                                   : u"ffmpeg failed with exit code %1"_s.arg(exitCode);
        fail(noSpace ? ErrorClass::DiskFull : ErrorClass::ProviderError,
             tool()->withLastLine(reason));
        return;
    }
    if (QFileInfo(temp).size() <= 0) {
        fail(ErrorClass::ProviderError, u"ffmpeg finished without writing the assembly"_s);
        return;
    }
    if (settings().fault.corruptsOutput()) {
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
    result.detail = QString::fromUtf8(stderrTail());
    result.stderrTail = tailOf(stderrTail());
    finish(result);
}

// ---------------------------------------------------------------------------------------
// Results

void AssemblyJob::addTemporaryFile(const QString &fileName)
{
    m_temporaryFiles << fileName;
    addPartialOutput(fileName);
}

void AssemblyJob::removeTemporaryFiles() const
{
    for (const QString &name : m_temporaryFiles)
        QFile::remove(outputPath(name));
}

} // namespace retake
