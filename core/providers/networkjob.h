// The common half of every network provider's job: API key lookup, requests through
// HttpExchange with the profile's limits, status polling with backoff, output downloads
// into the attempt folder, progress, a whole-job timeout, cancellation that tells the
// server, and results whose messages name the provider and never contain the key.
//
// Lifecycle (the ProviderJob contract): start() and cancel() never block and never emit;
// finished() is emitted exactly once, from the event loop. cancel() before start(), twice
// or after finished() is harmless. Cancelling while a submission is in flight waits (briefly) for
// its answer, so that the server-side job it created can be cancelled too.
#pragma once

#include "net/httpexchange.h"
#include "providers/networkcontext.h"
#include "providers/provider.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace retake {

class NetworkJob : public ProviderJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkJob)
public:
    NetworkJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
               QObject *parent = nullptr);
    ~NetworkJob() override;

    void start() final;

    // File names of outputs inside request.outputDir: "image.png", "video.mp4", ... chosen
    // from the file's signature (server-supplied names are never used as paths).
    static QString mediaFileName(Stage stage, const QByteArray &head,
                                 const QByteArray &contentType = {});

protected:
    using ResponseHandler = std::function<void(const HttpResponse &)>;
    enum class KeyNeed { Required, Optional };
    // What cancel() does with an exchange in flight: abort it, or wait for the answer of
    // a submission (its id is needed to cancel the server-side job).
    enum class OnCancel { Abort, AwaitAnswer };

    virtual KeyNeed keyNeed() const = 0;
    // Starts the work; the API key (if any) is available through apiKey().
    virtual void begin() = 0;
    // Tells the server to stop what this job submitted (through sendDetached()). May be
    // called more than once; send each cancellation once. Jobs that can be cancelled on
    // the server also call it from their destructor when isRunning(): a job destroyed
    // unfinished must not leave work behind.
    virtual void cancelOnServer() {}
    // Adds credentials (e.g. an Authorization header) to a request for the provider's
    // own API. The default adds nothing.
    virtual void authorize(HttpRequestSpec &spec) const;
    void doCancel() final;

    const GenerationRequest &request() const { return m_request; }
    NetworkContext &context() const { return *m_context; }
    const ProviderProfile &profile() const { return m_context->profile(); }
    QString apiKey() const { return m_key.key; }
    QString name() const { return m_context->displayName(); }
    bool isCancelling() const { return !isFinished() && m_phase == Phase::Cancelling; }
    bool isRunning() const { return !isFinished() && m_phase == Phase::Running; }

    // A request to `url` with the profile's limits; with credentials when `url` is on the
    // provider's own origin (credentials never go to another host).
    HttpRequestSpec apiRequest(const QByteArray &method, const QUrl &url) const;
    HttpRequestSpec jsonRequest(const QByteArray &method, const QUrl &url,
                                const QByteArray &json) const;
    HttpExchange *send(const HttpRequestSpec &spec, ResponseHandler handler,
                       OnCancel onCancel = OnCancel::Abort);
    // Fire and forget (server-side cancellation): survives this job.
    void sendDetached(const HttpRequestSpec &spec);
    // Streams `url` into request.outputDir and, on success, names the file by its
    // signature; `done` gets the path or a failure has been reported already.
    void downloadOutput(const QUrl &url, std::function<void(const QString &path)> done);
    // Writes decoded bytes (a base64 image from the answer) as the output file, then calls
    // `done`. On a full drive it keeps the bytes and tries again (see waitingForSpace()).
    void writeOutput(const QByteArray &bytes, std::function<void(const QString &path)> done);

    // Runs `poll` after the current poll delay (first pollIntervalMs, then x1.5 up to
    // maxPollIntervalMs). resetPollDelay() starts again from the first delay.
    void schedulePoll(std::function<void()> poll);
    void resetPollDelay();
    // For a failed poll: true when it may be tried again (transient, at most 3 in a row);
    // then the caller schedules the next poll. A good answer resets the count.
    bool mayRetryPoll(const HttpResponse &response);
    void pollSucceeded() { m_pollFailures = 0; }

    void reportProgress(double fraction);
    // Announces waitingForSpace() and runs `again` after the request's spaceRetryMs, unless
    // the job was cancelled meanwhile.
    void waitForSpace(const QString &what, std::function<void()> again);
    void succeed(const QStringList &files, double costUnits);
    // The output as delivered: the engine conforms it to the shot (cloud APIs offer a few
    // sizes only, video models choose their own) and keeps this file beside it.
    void succeedWithOutput(const QString &path, double costUnits);
    // "<provider>: <what>"; secrets are scrubbed from message and detail.
    void fail(ErrorClass errorClass, const QString &what, int httpStatus = 0,
              std::optional<int> retryAfterMs = std::nullopt, const QString &detail = {});
    // The failure for an exchange that got no usable HTTP answer (transport, timeout,
    // size, policy, download problems); `doing` says what the request was for.
    void failTransport(const HttpResponse &response, const QString &doing);
    // The generic failure for an HTTP error answer whose body says nothing more specific.
    void failStatus(const HttpResponse &response, const QString &doing, const QString &why = {});
    void finishCancelled();
    // The answer's body as a JSON object; on malformed JSON reports provider_error
    // ("<doing>: the server answered with malformed JSON") and returns nothing.
    std::optional<QJsonObject> parseObject(const HttpResponse &response, const QString &doing);
    // Reports `result` as it is (after scrubbing secrets): connection tests.
    void finishWith(const GenerationResult &result) { finish(result); }

private:
    enum class Phase { Created, Resolving, Running, Cancelling };
    struct Pending {
        QPointer<HttpExchange> exchange;
        OnCancel onCancel = OnCancel::Abort;
    };

    void onKey(const ApiKeyLookup &key);
    void onJobTimeout();
    void finish(GenerationResult result);
    void abortExchanges(bool includingAwaited);
    bool awaitingAnswers() const;
    QString scrub(const QString &text) const;

    std::shared_ptr<NetworkContext> m_context;
    GenerationRequest m_request;
    Phase m_phase = Phase::Created;
    ApiKeyLookup m_key;
    QList<Pending> m_pending;
    RateHint m_rateHint; // from the last answer whose headers had one
    QTimer *m_pollTimer = nullptr;
    std::function<void()> m_poll;
    int m_pollDelayMs = 0;
    int m_pollFailures = 0;
    QTimer *m_jobTimer = nullptr;
    QTimer *m_cancelGrace = nullptr;
    double m_lastProgress = -1.0;
};

} // namespace retake
