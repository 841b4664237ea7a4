// Kind "a1111": an AUTOMATIC1111 stable-diffusion-webui started with --api. Images only
// (the API has no video). Profile options:
//   "sampler"            sampler_name (default "Euler a")
//   "cfgScale"           cfg_scale (7)
//   "denoisingStrength"  img2img strength when a request carries an input image (0.75)
// The model, when set, goes into override_settings.sd_model_checkpoint. A key of the form
// "user:password" is sent as HTTP Basic auth (--api-auth); any other key as a Bearer
// token. Base URL default http://127.0.0.1:7860.
#pragma once

#include "providers/networkprovider.h"

namespace retake {

class A1111Provider final : public NetworkProvider
{
public:
    explicit A1111Provider(const ProviderProfile &profile);

    static QString kindName(); // "a1111"
    // The Authorization header value for `key`.
    static QByteArray authorization(const QString &key);

    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override;
    ProviderJob *createConnectionTest(QObject *parent) override;
};

} // namespace retake
