// Fuzzes fal's queue answers as FalJob reads them: the submission (request id and URLs),
// a status (logs and their progress, error and error_type with their class), a result's
// image and video URL, and the same bytes as an error answer (FastAPI detail).
// fuzz-max-len: 65536

#include "providers/faljob.h"
#include "providers/responseparsers.h"
#include "providers/wireformat.h"

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
    if (document.isObject()) {
        const QJsonObject object = document.object();
        (void)responses::readFalSubmission(object);
        const responses::FalStatus status = responses::readFalStatus(object);
        const auto progress = wireformat::progressFromLog(status.log);
        if (progress && (*progress < 0.0 || *progress > 1.0))
            __builtin_trap(); // progress must stay within 0..1
        (void)FalJob::classifyErrorType(status.errorType, ErrorClass::ProviderError);
        (void)responses::falResultUrl(object, false);
        (void)responses::falResultUrl(object, true);
    }
    (void)responses::readFalProblem(input);
    return 0;
}
