// Kind "openai-images": the OpenAI Images API (or a compatible server). Images only.
// Base URL default https://api.openai.com/v1; model default "gpt-image-1". Profile
// options: "size" (force e.g. "1536x1024"; default: the supported size closest to the
// shot's aspect ratio, then the image is scaled and cropped to the shot's size),
// "quality", "background", "moderation" (passed through when set).
#pragma once

#include "providers/networkprovider.h"

#include <QSize>

namespace retake {

class OpenAiImagesProvider final : public NetworkProvider
{
public:
    explicit OpenAiImagesProvider(const ProviderProfile &profile);

    static QString kindName(); // "openai-images"
    static QString defaultModel();
    // The size to ask `model` for, for a shot of `wanted` pixels.
    static QSize requestSize(const QString &model, const QSize &wanted);

    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override;
    ProviderJob *createConnectionTest(QObject *parent) override;
};

} // namespace retake
