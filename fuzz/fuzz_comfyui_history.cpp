// Fuzzes ComfyUI's GET /history/{id} answer as ComfyUiJob reads it: the prompt's entry and
// its status messages, an execution_error's data, the output file chosen for an image and
// for a video, and the check of its name (ComfyUiJob::unsafeOutputReason).
// The prompt id is the document's first key, so every entry can be reached.
// fuzz-max-len: 65536

#include "providers/comfyuijob.h"
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
    const QJsonObject history = QJsonDocument::fromJson(input).object();
    const QString promptId = history.isEmpty() ? QStringLiteral("p") : history.begin().key();
    const responses::ComfyHistory entry = responses::readComfyHistory(history, promptId);
    if (entry.state == responses::ComfyHistory::State::ExecutionError)
        (void)responses::readComfyExecutionError(entry.errorData);
    if (entry.state != responses::ComfyHistory::State::Finished)
        return 0;
    for (const bool video : {false, true}) {
        const auto file = responses::chooseComfyOutput(entry.outputs, video, {});
        if (file)
            (void)ComfyUiJob::unsafeOutputReason(file->fileName, file->subfolder, file->type);
    }
    (void)responses::chooseComfyOutput(entry.outputs, false, QStringLiteral("9"));
    return 0;
}
