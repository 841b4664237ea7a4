// Fuzzes Replicate's answers as ReplicateJob reads them: a prediction (id, status, urls,
// logs with their progress, error and its class, output URL) and the same bytes as an
// application/problem+json error answer.
// fuzz-max-len: 65536

#include "providers/replicatejob.h"
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
    if (document.isObject()) {
        const responses::ReplicatePrediction prediction =
            responses::readReplicatePrediction(document.object());
        if (prediction.progress && (*prediction.progress < 0.0 || *prediction.progress > 1.0))
            __builtin_trap(); // progress must stay within 0..1
        (void)ReplicateJob::classifyFailure(prediction.error);
    }
    (void)responses::describeReplicateProblem(input);
    return 0;
}
