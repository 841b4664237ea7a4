// One attempt on the OpenAI Images API:
//  POST /images/generations {"model", "prompt", "n": 1, "size": "WxH"[, "response_format":
//    "b64_json" for dall-e models]} -> {"created", "data": [{"b64_json"} | {"url"}]}
//  errors: {"error": {"message", "type", "param", "code"}}: moderation_blocked /
//    content_policy_violation -> content_policy; insufficient_quota /
//    billing_hard_limit_reached -> quota_exhausted; other 429 -> rate_limited with
//    retry-after-ms / retry-after; 401/403 -> auth; other 4xx -> invalid_request naming the
//    parameter; 5xx -> provider_unavailable
#pragma once

#include "providers/networkjob.h"

namespace retake {

class OpenAiImagesJob final : public NetworkJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenAiImagesJob)
public:
    OpenAiImagesJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
                    const QString &model, QObject *parent = nullptr);

    // The error class of an OpenAI error envelope with HTTP `status`.
    static ErrorClass classify(int status, const QString &type, const QString &code,
                               const QString &message);

protected:
    KeyNeed keyNeed() const override { return KeyNeed::Required; }
    void begin() override;
    void authorize(HttpRequestSpec &spec) const override;

private:
    void onGenerated(const HttpResponse &response);
    void failEnvelope(const HttpResponse &response, const QString &doing);

    QString m_model;
};

} // namespace retake
