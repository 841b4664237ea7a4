// Fuzzes providers.json: ProviderProfileStore::loadJson, the in-memory half of loadFile
// (every profile through fromJson and ProfileReader, duplicate ids).
// fuzz-max-len: 65536

#include "providers/providerprofilestore.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const retake::ProfileLoad load = retake::ProviderProfileStore::loadJson(
        input, QStringLiteral("providers.json"), QStringLiteral("/project"));
    for (const retake::ProviderProfile &profile : load.profiles)
        (void)retake::ProviderProfileStore::toJson(profile);
    return 0;
}
