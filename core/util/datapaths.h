// Where Retake's read-only data is: <prefix>/share/retake, found relative to the running
// executable so an installed tree works from any prefix and no source path is compiled in.
//
//   share/retake/examples/      demo storyboards (demo.retake.json)
//   share/retake/schema/        JSON Schemas of the project format
//   share/retake/translations/  retake_<lang>.qm
//
// The build tree mirrors this layout (packaging/CMakeLists.txt stages build/share/retake),
// so programs and tests run from the build tree find the same files.
#pragma once

#include <QString>

namespace retake {

enum class DataFolder { Examples, Schema, Translations };

// The data folder, the first that exists of:
//   1. $RETAKE_DATA_DIR
//   2. <directory of the executable>/<bin-to-data path>, "../share/retake" by default
//   3. "retake" in the XDG data folders (~/.local/share, /usr/local/share, /usr/share)
// Empty when none exists. Step 2 needs a QCoreApplication (the executable's directory).
QString dataDirectory();

// "<binDirectory>/<bin-to-data path>" when that folder exists, else empty: where an
// executable installed in binDirectory finds its data (step 2 above).
QString dataDirectoryForBinDirectory(const QString &binDirectory);

// A subfolder of dataDirectory(); empty when it does not exist.
QString dataDirectory(DataFolder folder);

// examples/demo.retake.json in the data folder; empty when it is not installed.
QString demoStoryboardPath();

} // namespace retake
