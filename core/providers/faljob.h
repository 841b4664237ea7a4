// One attempt on fal's queue:
//  POST {base}/{endpoint} <input> -> {"request_id", "response_url", "status_url",
//    "cancel_url"}
//  GET status_url?logs=1 -> {"status": "IN_QUEUE", "queue_position"} | "IN_PROGRESS"
//    with "logs" | "COMPLETED" (optionally with "error" and "error_type")
//  GET response_url -> {"images": [{"url", "content_type", "width", "height"}]} or
//    {"video": {"url"}}; model errors 422 {"detail": [{loc, msg, type}]} (type
//    content_policy_violation -> content_policy); request errors {"detail", "error_type"}
//  cancel: PUT cancel_url
//  re-attach (request.resumeJobId): GET {base}/{owner/app}/requests/{id}/status; 404 -> the
//    server no longer knows it, submit anew; else go on as with a fresh request
#pragma once

#include "providers/queuedjob.h"
#include "providers/responseparsers.h"

#include <QJsonObject>
#include <QUrl>

namespace retake {

class FalJob final : public QueuedJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FalJob)
public:
    FalJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
           const QString &model, QObject *parent = nullptr);

    // fal's error_type values (request errors) and model error types.
    static ErrorClass classifyErrorType(const QString &errorType, ErrorClass fallback);

protected:
    void begin() override;
    void failAnswer(const HttpResponse &response, const QString &doing) override;

private:
    void submitNew();
    void reattach();
    void onReattach(const HttpResponse &response);
    void onSubmitted(const HttpResponse &response);
    void pollStatus();
    void onStatus(const responses::FalStatus &state);
    void fetchResult();
    void onResult(const HttpResponse &response);
    QUrl ownUrl(const QString &candidate, const QString &suffix) const;

    QUrl m_statusUrl;
    QUrl m_responseUrl;
};

} // namespace retake
