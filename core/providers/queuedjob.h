// The common half of the jobs on queue-style APIs (fal, Replicate): the input built from
// the request and the profile's input template, a submission whose answer names the
// server-side job, status polling, the output delivered from a data URI or a download, and
// cancellation through the job's cancel URL (sent once; also when a running job is
// destroyed). Authorisation is "<scheme> <API key>" on the provider's own origin.
#pragma once

#include "providers/networkjob.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace retake {

class QueuedJob : public NetworkJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuedJob)
public:
    ~QueuedJob() override;

protected:
    // `authScheme`: "Key", "Bearer"; `cancelMethod`: the HTTP method of the cancel URL.
    QueuedJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
              const QString &model, const QByteArray &authScheme, const QByteArray &cancelMethod,
              QObject *parent);

    KeyNeed keyNeed() const override { return KeyNeed::Required; }
    void authorize(HttpRequestSpec &spec) const final;
    void cancelOnServer() final;
    // Reports an HTTP error answer in the provider's own terms.
    virtual void failAnswer(const HttpResponse &response, const QString &doing) = 0;

    const QString &model() const { return m_model; }
    // The request's input image as a data URI for the video stage, empty for images; false
    // (and the failure reported) when it cannot be read.
    bool inputImageUri(QString *uri);
    // Lays the profile's input template ("input", or "videoInput" for videos) over `input`;
    // false (and the failure reported) when it uses unknown placeholders.
    bool applyInputTemplate(QJsonObject *input, const QString &imageUri);
    // POSTs `body` to `url`; a cancel meanwhile waits for the answer (it names the job).
    void submit(const QUrl &url, const QJsonObject &body, ResponseHandler handler);
    // False (and the failure reported) when the answer is not a 2xx HTTP answer.
    bool acceptAnswer(const HttpResponse &response, const QString &doing);
    // A failed poll: polls again when the failure is transient, else reports it.
    void pollFailed(const HttpResponse &response, const QString &doing, std::function<void()> poll);

    // The server-side job's id and the URL that cancels it.
    const QString &serverJobId() const { return m_serverJobId; }
    void setServerJobId(const QString &id) { m_serverJobId = id; }
    // The server named (or, re-attaching, confirmed) the job: announces it before the
    // first poll so that the engine stores it (remoteJobAccepted()).
    void acceptServerJob(bool reattached) { Q_EMIT remoteJobAccepted(m_serverJobId, reattached); }
    // The job id to re-attach to (the request's resumeJobId when it is a safe id), else empty.
    QString resumeId() const;
    // The answer to a re-attach says the job is gone (404, 410: expired or never there):
    // its id and cancel URL are forgotten (nothing to cancel) and true is returned; the
    // caller submits anew.
    bool forgetGoneJob(const HttpResponse &response);
    void setCancelUrl(const QUrl &url) { m_cancelUrl = url; }
    // Starts the poll delay afresh whenever the server reports a new status.
    void noteStatus(const QString &status);
    // Writes (data URI) or downloads the output at `url`, then succeeds with the request's
    // cost; `downloadProgress` is reported before a download.
    void deliverOutput(const QString &url, std::optional<double> downloadProgress = std::nullopt);

private:
    QString m_model;
    QByteArray m_authScheme;
    QByteArray m_cancelMethod;
    QString m_serverJobId;
    QUrl m_cancelUrl;
    QString m_lastStatus;
    bool m_cancelSent = false;
};

} // namespace retake
