// The environment of the tools Retake starts (ffmpeg, ffprobe, espeak-ng): this process's,
// without the API keys a user may give as RETAKE_KEY_<PROVIDER> variables
// (docs/ARCHITECTURE.md, "State and workspace": keys never leave the process that needs
// them). A tool has no use for them, and a crash dump or a debug print of its environment
// would carry them.
#pragma once

#include <QProcessEnvironment>

namespace retake {

QProcessEnvironment toolEnvironment();

} // namespace retake
