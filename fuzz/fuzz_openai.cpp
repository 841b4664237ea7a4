// Fuzzes the OpenAI Images answer as OpenAiImagesJob reads it: data[0] (b64_json decoded,
// or url) and the same bytes as an error envelope with its class for a 400 and a 429.
// fuzz-max-len: 262144

#include "providers/openaiimagesjob.h"
#include "providers/responseparsers.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace retake;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(input);
    if (document.isObject())
        (void)responses::readOpenAiImage(document.object());
    const responses::OpenAiError error = responses::readOpenAiError(input);
    for (const int status : {400, 429})
        (void)OpenAiImagesJob::classify(status, error.type, error.code, error.message);
    return 0;
}
