// Fuzzes AUTOMATIC1111's answers as A1111Job reads them: txt2img/img2img "images" (the
// first decoded from base64), an error answer (FastAPI detail or handle_exception()) and a
// /sdapi/v1/progress answer.
// fuzz-max-len: 262144

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
        (void)responses::readA1111Image(document.object());
    (void)responses::readA1111Problem(input);
    (void)responses::readA1111Progress(input);
    return 0;
}
