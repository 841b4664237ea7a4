#include "util/mediatools.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <atomic>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcMediaTools, "retake.mediatools")

const char *overrideVariable(MediaTool tool)
{
    switch (tool) {
    case MediaTool::Ffmpeg:
        return "RETAKE_FFMPEG";
    case MediaTool::Ffprobe:
        return "RETAKE_FFPROBE";
    }
    Q_UNREACHABLE();
}

std::atomic_bool &reportedFlag(MediaTool tool)
{
    static std::atomic_bool ffmpegReported{false};
    static std::atomic_bool ffprobeReported{false};
    return tool == MediaTool::Ffmpeg ? ffmpegReported : ffprobeReported;
}

} // namespace

QString resolveExecutable(const QString &program)
{
    if (program.contains(u'/')) {
        const QFileInfo info(program);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(program);
}

QString mediaToolName(MediaTool tool)
{
    switch (tool) {
    case MediaTool::Ffmpeg:
        return u"ffmpeg"_s;
    case MediaTool::Ffprobe:
        return u"ffprobe"_s;
    }
    Q_UNREACHABLE();
}

QString mediaToolPath(MediaTool tool)
{
    const char *variable = overrideVariable(tool);
    const QString override = qEnvironmentVariable(variable);
    QString path = resolveExecutable(override.isEmpty() ? mediaToolName(tool) : override);
    if (path.isEmpty() && !reportedFlag(tool).exchange(true)) {
        if (override.isEmpty())
            qCWarning(lcMediaTools, "%s", qUtf8Printable(mediaToolMissingMessage(tool)));
        else
            qCWarning(lcMediaTools, "%s=%s does not name an executable; %s", variable,
                      qUtf8Printable(override), qUtf8Printable(mediaToolMissingMessage(tool)));
    }
    return path;
}

QString mediaToolMissingMessage(MediaTool tool)
{
    return mediaToolName(tool) %
           u" was not found: install the Debian package ffmpeg (apt install ffmpeg) "
           u"or set "_s %
           QLatin1StringView(overrideVariable(tool)) % u" to its path"_s;
}

} // namespace retake
