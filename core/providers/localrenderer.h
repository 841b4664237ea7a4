// The built-in provider's procedural storyboard frame: sky, sun or moon, ridges, and the
// city, water, trees, figure and small landmarks that the prompt's words ask for. Everything
// is derived from integer hashes of the prompt words and the seed, so the same inputs paint
// the same pixels; no text, no fonts. The simplified-prompt rung drops the details, the
// fallback rung paints a plain sky and ground without antialiasing.
#pragma once

#include "domain/types.h"

#include <QImage>
#include <QString>

namespace retake {

class LocalRenderer final
{
public:
    LocalRenderer() = delete;
    // Pure and thread-safe: runs on the thread pool.
    static QImage renderFrame(const QString &prompt, qint64 seed, int width, int height,
                              RungKind rung);
};

} // namespace retake
