// Fuzzes ComfyUI's POST /prompt answers as ComfyUiJob reads them: a 2xx answer (prompt_id,
// node_errors described for the user) and the same bytes as a 400 rejection.
// fuzz-max-len: 65536

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
        const responses::ComfyPromptAnswer answer = responses::readComfyPrompt(document.object());
        (void)responses::describeComfyNodeErrors(answer.nodeErrors);
    }
    (void)responses::readComfyRejection(input);
    return 0;
}
