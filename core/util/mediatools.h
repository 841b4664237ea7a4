// Locating the external media tools (ffmpeg, ffprobe) that the built-in provider and the
// output verifier run. RETAKE_FFMPEG / RETAKE_FFPROBE override the PATH lookup (a path
// or a program name); an override that does not resolve counts as missing, so tests can
// simulate a machine without ffmpeg. Thread-safe; a missing tool is logged once.
#pragma once

#include <QString>

namespace retake {

enum class MediaTool { Ffmpeg, Ffprobe };

// Absolute path of the executable, or an empty string when it cannot be found.
QString mediaToolPath(MediaTool tool);
// "ffmpeg" / "ffprobe".
QString mediaToolName(MediaTool tool);
// A program name looked up in PATH, or a path (containing '/') that must name an
// executable file: the absolute path, or an empty string.
QString resolveExecutable(const QString &program);
// A sentence for the user: what is missing and how to install it (Debian package ffmpeg).
QString mediaToolMissingMessage(MediaTool tool);

} // namespace retake
