// Fuzzes ComfyUI's /ws text messages as ComfyUiJob reads them: the event kind, its prompt
// id, progress (value / max) and an execution_error's data.
// fuzz-max-len: 16384

#include "providers/responseparsers.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace retake;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The job receives the message as a QString and reads its UTF-8 form.
    const QByteArray input =
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)).toUtf8();
    const responses::ComfySocketEvent event = responses::readComfySocketEvent(input);
    if (event.progress && (*event.progress < 0.0 || *event.progress > 1.0))
        __builtin_trap(); // progress must stay within 0..1
    if (event.kind == responses::ComfySocketEvent::Kind::Error)
        (void)responses::readComfyExecutionError(event.data);
    return 0;
}
