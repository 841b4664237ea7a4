// Fuzzes the CSV shot-list importer (core/project/csvimport): RFC 4180 records, then the
// project built from them, through StoryboardLoader::loadCsv (what importCsv runs).
// fuzz-max-len: 16384

#include "project/storyboardloader.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const retake::LoadResult result =
        retake::StoryboardLoader::loadCsv(input, QStringLiteral("shots.csv"));
    (void)result.issueStrings();
    return 0;
}
