// Kind "replicate": Replicate's HTTP API. Base URL default https://api.replicate.com/v1.
// The model is "owner/name" (official models: POST /models/owner/name/predictions),
// "owner/name:version" or a bare version id (POST /predictions with "version").
// Profile options:
//   "input"        JSON object merged over the default input, with placeholders
//                  ({{prompt}}, {{negative}}, {{seed}}, {{width}}, {{height}}, {{steps}},
//                  {{input_image}} as a data URI, {{duration}}, {{fps}}, {{frames}})
//   "videoInput"   the same for the video stage
// Default input: image {prompt, negative_prompt, seed, width, height, num_outputs: 1};
// video {prompt, image: <data URI of the shot's image>, duration, fps, seed}.
#pragma once

#include "providers/networkprovider.h"

namespace retake {

class ReplicateProvider final : public NetworkProvider
{
public:
    explicit ReplicateProvider(const ProviderProfile &profile);

    static QString kindName(); // "replicate"

    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override;
    ProviderJob *createConnectionTest(QObject *parent) override;
};

} // namespace retake
