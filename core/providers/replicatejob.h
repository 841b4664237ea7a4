// One attempt on Replicate:
//  POST /models/{owner}/{name}/predictions {"input"} or POST /predictions {"version",
//    "input"} -> 201 prediction {"id", "status", "urls": {"get", "cancel"}, "logs", ...}
//  poll urls.get with backoff; status starting | processing (progress from the tqdm
//    figures in "logs") | succeeded ("output": URL or list of URLs) | failed ("error") |
//    canceled | aborted
//  errors: application/problem+json {"title", "detail", "status"}: 401 auth, 402 quota
//    (insufficient credit), 404 unknown model/version, 422 invalid input, 429 throttled
//    with Retry-After
//  cancel: POST urls.cancel
//  re-attach (request.resumeJobId): GET /predictions/{id} on the profile's base URL; 404 ->
//    the server no longer knows it, submit anew; else go on as with a fresh prediction
#pragma once

#include "providers/queuedjob.h"
#include "providers/responseparsers.h"

#include <QJsonObject>
#include <QUrl>

namespace retake {

class ReplicateJob final : public QueuedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicateJob)
public:
    ReplicateJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
                 const QString &model, QObject *parent = nullptr);

    // Failed predictions: content filters -> content_policy, else provider_error.
    static ErrorClass classifyFailure(const QString &error);

protected:
    void begin() override;
    // application/problem+json answers.
    void failAnswer(const HttpResponse &response, const QString &doing) override;

private:
    void submitNew();
    void reattach();
    void onReattach(const HttpResponse &response);
    void onCreated(const HttpResponse &response);
    void poll();
    void onPrediction(const responses::ReplicatePrediction &prediction);
    void takeUrls(const responses::ReplicatePrediction &prediction);

    QUrl m_getUrl;
};

} // namespace retake
