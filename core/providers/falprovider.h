// Kind "fal": fal.ai's queue API. Base URL default https://queue.fal.run; the model is
// the endpoint id, e.g. "fal-ai/flux/schnell". The key is sent as "Authorization: Key".
// Profile options "input" / "videoInput" as for Replicate. Default input: image {prompt,
// negative_prompt, seed, image_size: {width, height}, num_images: 1}; video {prompt,
// image_url: <data URI of the shot's image>, duration, seed}.
#pragma once

#include "providers/networkprovider.h"

namespace retake {

class FalProvider final : public NetworkProvider
{
public:
    explicit FalProvider(const ProviderProfile &profile);

    static QString kindName(); // "fal"

    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override;
    ProviderJob *createConnectionTest(QObject *parent) override;
};

} // namespace retake
