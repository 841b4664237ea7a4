// One attempt on AUTOMATIC1111 (modules/api/api.py, models.py):
//  POST /sdapi/v1/txt2img (or img2img with init_images) -> {"images": [base64], "info"}
//  while it runs: GET /sdapi/v1/progress?skip_current_image=true -> {"progress", ...}
//  errors: 422 {"detail": [{loc, msg, type}]} (validation) -> invalid_request;
//    handle_exception body {"error", "detail", "body", "errors"}: 404 "Model not found",
//    400 "Sampler not found" -> invalid_request; 401 -> auth; 500 -> provider_error
//  cancel: abort the request and POST /sdapi/v1/interrupt
#pragma once

#include "providers/networkjob.h"

namespace retake {

class A1111Job final : public NetworkJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(A1111Job)
public:
    A1111Job(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
             const QString &model, QObject *parent = nullptr);
    ~A1111Job() override;

protected:
    KeyNeed keyNeed() const override { return KeyNeed::Optional; }
    void begin() override;
    void cancelOnServer() override;
    void authorize(HttpRequestSpec &spec) const override;

private:
    void onGenerated(const HttpResponse &response);
    void pollProgress();
    void failAnswer(const HttpResponse &response, const QString &doing);

    QString m_model;
    bool m_generating = false;
    bool m_progressInFlight = false;
    bool m_interruptSent = false;
};

} // namespace retake
