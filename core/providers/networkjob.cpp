#include "providers/networkjob.h"
#include "util/diskspace.h"

#include "net/netfailure.h"
#include "net/partfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr int kMaxPollFailures = 3;
constexpr int kMaxCancelGraceMs = 10 * 1000;

QString durationText(int ms)
{
    if (ms >= 120 * 1000)
        return QString::number(ms / 60000.0, 'f', 1) % u" min"_s;
    return QString::number(ms / 1000.0, 'g', 3) % u" s"_s;
}

} // namespace

NetworkJob::NetworkJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
                       QObject *parent)
    : ProviderJob(parent), m_context(std::move(context)), m_request(request)
{
    m_pollTimer = new QTimer(this);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, [this] {
        if (isRunning() && m_poll)
            m_poll();
    });
    resetPollDelay();
}

NetworkJob::~NetworkJob()
{
    // Derived jobs tell the server in their own destructors (cancelOnServer() cannot
    // reach them from here); this only drops what is still in flight.
    abortExchanges(true);
}

void NetworkJob::authorize(HttpRequestSpec &) const
{
}

// ---------------------------------------------------------------------------------------
// Lifecycle

void NetworkJob::start()
{
    if (isFinished() || m_phase != Phase::Created)
        return;
    m_phase = Phase::Resolving;
    const int jobMs = profile().timeouts.jobMs;
    if (jobMs > 0) {
        m_jobTimer = new QTimer(this);
        m_jobTimer->setSingleShot(true);
        connect(m_jobTimer, &QTimer::timeout, this, &NetworkJob::onJobTimeout);
        m_jobTimer->start(jobMs);
    }
    const QString problem = m_context->configurationProblem();
    if (!problem.isEmpty()) {
        fail(ErrorClass::InvalidRequest, problem);
        return;
    }
    m_context->withApiKey(this, [this](const ApiKeyLookup &key) { onKey(key); });
}

void NetworkJob::onKey(const ApiKeyLookup &key)
{
    if (isFinished() || m_phase != Phase::Resolving)
        return;
    m_key = key;
    if (!key.found() && keyNeed() == KeyNeed::Required) {
        fail(ErrorClass::Auth,
             u"no API key: store it in the system keychain (service \"retake\", account \"%1\") "
             u"or set the environment variable %2"_s.arg(
                 m_context->keyRef(), ApiKeyStore::environmentVariable(m_context->keyRef())));
        return;
    }
    m_phase = Phase::Running;
    begin();
}

void NetworkJob::doCancel()
{
    switch (m_phase) {
    case Phase::Cancelling:
        return;
    case Phase::Created:
    case Phase::Resolving:
        finishCancelled();
        return;
    case Phase::Running:
        break;
    }
    m_phase = Phase::Cancelling;
    m_pollTimer->stop();
    abortExchanges(false);
    cancelOnServer();
    if (!awaitingAnswers()) {
        finishCancelled();
        return;
    }
    // A submission is in flight: its answer names the server-side job to cancel.
    m_cancelGrace = new QTimer(this);
    m_cancelGrace->setSingleShot(true);
    connect(m_cancelGrace, &QTimer::timeout, this, [this] {
        abortExchanges(true);
        finishCancelled();
    });
    const int firstByte = profile().timeouts.firstByteMs;
    m_cancelGrace->start(firstByte > 0 ? qMin(firstByte, kMaxCancelGraceMs) : kMaxCancelGraceMs);
}

void NetworkJob::onJobTimeout()
{
    if (isFinished() || (m_phase != Phase::Running && m_phase != Phase::Resolving))
        return;
    cancelOnServer();
    fail(ErrorClass::Timeout, u"the job did not finish within %1; it was cancelled on the "
                              u"server"_s.arg(durationText(profile().timeouts.jobMs)));
}

void NetworkJob::finishCancelled()
{
    GenerationResult result = GenerationResult::failure(
        ErrorClass::Cancelled, name() % u": cancelled; the server was told to stop"_s);
    finish(result);
}

void NetworkJob::finish(GenerationResult result)
{
    if (isFinished())
        return;
    m_pollTimer->stop();
    if (m_jobTimer)
        m_jobTimer->stop();
    if (m_cancelGrace)
        m_cancelGrace->stop();
    abortExchanges(true);
    if (result.rateHint.isEmpty())
        result.rateHint = m_rateHint;
    if (result.errorClass == ErrorClass::RateLimited && !result.retryAfterMs) {
        // Some servers name the wait only in words ("Expected available in 2 seconds").
        result.retryAfterMs = ratelimit::waitInMessage(result.message);
        if (!result.retryAfterMs)
            result.retryAfterMs = ratelimit::waitInMessage(result.detail);
    }
    result.message = scrub(result.message);
    result.detail = scrub(result.detail);
    emitResult(result);
}

QString NetworkJob::scrub(const QString &text) const
{
    QStringList secrets = m_context->secrets();
    if (m_key.found())
        secrets << m_key.key;
    return netfailure::redact(text, secrets);
}

void NetworkJob::abortExchanges(bool includingAwaited)
{
    for (qsizetype i = m_pending.size() - 1; i >= 0; --i) {
        const Pending pending = m_pending.at(i);
        if (!pending.exchange) {
            m_pending.removeAt(i);
            continue;
        }
        if (!includingAwaited && pending.onCancel == OnCancel::AwaitAnswer)
            continue;
        pending.exchange->abort();
        pending.exchange->deleteLater();
        m_pending.removeAt(i);
    }
}

bool NetworkJob::awaitingAnswers() const
{
    for (const Pending &pending : m_pending) {
        if (pending.exchange && pending.exchange->isRunning() &&
            pending.onCancel == OnCancel::AwaitAnswer)
            return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------
// Requests

HttpRequestSpec NetworkJob::apiRequest(const QByteArray &method, const QUrl &url) const
{
    HttpRequestSpec spec = m_context->request(method, url);
    if (UrlPolicy::sameOrigin(url, m_context->baseUrl())) {
        const int before = int(spec.headers.size());
        authorize(spec);
        spec.carriesCredentials = spec.headers.size() != before;
    }
    return spec;
}

HttpRequestSpec NetworkJob::jsonRequest(const QByteArray &method, const QUrl &url,
                                        const QByteArray &json) const
{
    HttpRequestSpec spec = apiRequest(method, url);
    spec.body = json;
    spec.contentType = "application/json";
    spec.addHeader("Accept", "application/json");
    return spec;
}

HttpExchange *NetworkJob::send(const HttpRequestSpec &spec, ResponseHandler handler,
                               OnCancel onCancel)
{
    auto *exchange = new HttpExchange(m_context->network(), spec, this);
    m_pending.append({exchange, onCancel});
    connect(exchange, &HttpExchange::finished, this,
            [this, exchange, onCancel, handler](const HttpResponse &response) {
                exchange->deleteLater();
                if (const RateHint hint = ratelimit::fromHeaders(response.headers); !hint.isEmpty())
                    m_rateHint = hint;
                for (qsizetype i = 0; i < m_pending.size(); ++i) {
                    if (m_pending.at(i).exchange == exchange) {
                        m_pending.removeAt(i);
                        break;
                    }
                }
                if (isRunning()) {
                    handler(response);
                    return;
                }
                if (isCancelling() && onCancel == OnCancel::AwaitAnswer) {
                    handler(response); // records the server-side id
                    cancelOnServer();
                    if (!awaitingAnswers())
                        finishCancelled();
                }
            });
    exchange->start();
    return exchange;
}

void NetworkJob::sendDetached(const HttpRequestSpec &spec)
{
    QNetworkAccessManager *network = m_context->network();
    auto *exchange = new HttpExchange(network, spec, network);
    connect(exchange, &HttpExchange::finished, exchange, &QObject::deleteLater);
    exchange->start();
}

void NetworkJob::downloadOutput(const QUrl &url, std::function<void(const QString &)> done)
{
    const bool video = m_request.stage == Stage::Video;
    HttpRequestSpec spec = apiRequest("GET", url);
    spec.sinkPath =
        QDir(m_request.outputDir).filePath(video ? u"video.download"_s : u"image.download"_s);
    spec.maxResponseBytes = profile().maxDownloadBytes;
    spec.acceptedContentTypes =
        video ? QList<QByteArray>{"video/", "application/octet-stream", "binary/octet-stream",
                                  "image/gif"}
              : QList<QByteArray>{"image/", "application/octet-stream", "binary/octet-stream"};
    send(spec, [this, url, done](const HttpResponse &response) {
        if (response.failure == HttpResponse::Failure::WriteFailed &&
            isOutOfSpace(m_request.outputDir, response.bytesReceived)) {
            // The output stays on the server: fetch it again once there is room for it.
            waitForSpace(u"downloading the output: "_s + response.failureText,
                         [this, url, done] { downloadOutput(url, done); });
            return;
        }
        if (!response.answered()) {
            failTransport(response, u"downloading the output"_s);
            return;
        }
        if (!response.ok()) {
            failStatus(response, u"downloading the output"_s);
            return;
        }
        QFile file(response.filePath);
        QByteArray head;
        if (file.open(QIODevice::ReadOnly))
            head = file.read(64);
        file.close();
        if (head.isEmpty()) {
            QFile::remove(response.filePath);
            fail(ErrorClass::OutputInvalid, u"the server sent an empty output file"_s,
                 response.status);
            return;
        }
        const QString target =
            QDir(m_request.outputDir)
                .filePath(mediaFileName(m_request.stage, head, response.contentType()));
        QFile::remove(target);
        if (!QFile::rename(response.filePath, target)) {
            fail(ErrorClass::FileIo,
                 u"cannot rename the download to %1"_s.arg(QFileInfo(target).fileName()));
            return;
        }
        done(target);
    });
}

void NetworkJob::writeOutput(const QByteArray &bytes, std::function<void(const QString &path)> done)
{
    if (bytes.isEmpty()) {
        fail(ErrorClass::OutputInvalid, u"the answer carried an empty image"_s);
        return;
    }
    if (bytes.size() > profile().maxDownloadBytes) {
        fail(ErrorClass::OutputInvalid,
             u"the output is larger than the %1 bytes allowed"_s.arg(profile().maxDownloadBytes));
        return;
    }
    const QString path =
        QDir(m_request.outputDir).filePath(mediaFileName(m_request.stage, bytes.left(64)));
    PartFile file(path);
    if (!file.open() || !file.write(bytes) || !file.commit()) {
        const QString what =
            u"cannot write %1: %2"_s.arg(QFileInfo(path).fileName(), file.errorString());
        if (isOutOfSpace(m_request.outputDir, bytes.size())) {
            // The provider has done its work: keep the bytes rather than ask again.
            waitForSpace(what, [this, bytes, done] { writeOutput(bytes, done); });
            return;
        }
        fail(ErrorClass::FileIo, what);
        return;
    }
    done(path);
}

void NetworkJob::waitForSpace(const QString &what, std::function<void()> again)
{
    Q_EMIT waitingForSpace(what);
    QTimer::singleShot(std::max(1, m_request.spaceRetryMs), this, [this, again] {
        if (isRunning())
            again();
    });
}

QString NetworkJob::mediaFileName(Stage stage, const QByteArray &head,
                                  const QByteArray &contentType)
{
    const QString base = stage == Stage::Video ? u"video"_s : u"image"_s;
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return base + u".png"_s;
    if (head.startsWith("\xff\xd8\xff"))
        return base + u".jpg"_s;
    if (head.startsWith("RIFF") && head.mid(8, 4) == "WEBP")
        return base + u".webp"_s;
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return base + u".gif"_s;
    if (head.mid(4, 4) == "ftyp")
        return base + (head.mid(8, 2) == "qt" ? u".mov"_s : u".mp4"_s);
    if (head.startsWith("\x1a\x45\xdf\xa3"))
        return base + u".webm"_s;
    // Unknown signature: keep the announced type so verification names the problem.
    const int slash = contentType.indexOf('/');
    QString suffix = slash > 0 ? QString::fromLatin1(contentType.mid(slash + 1)) : QString();
    suffix.remove(QRegularExpression(u"[^a-z0-9]"_s));
    return base + u'.' + (suffix.isEmpty() || suffix.size() > 8 ? u"bin"_s : suffix);
}

// ---------------------------------------------------------------------------------------
// Polling and progress

void NetworkJob::resetPollDelay()
{
    m_pollDelayMs = qMax(1, profile().timeouts.pollIntervalMs);
}

void NetworkJob::schedulePoll(std::function<void()> poll)
{
    if (!isRunning())
        return;
    m_poll = std::move(poll);
    m_pollTimer->start(m_pollDelayMs);
    const int ceiling =
        qMax(profile().timeouts.pollIntervalMs, profile().timeouts.maxPollIntervalMs);
    m_pollDelayMs = qMin(ceiling, qMax(m_pollDelayMs + 1, m_pollDelayMs * 3 / 2));
}

bool NetworkJob::mayRetryPoll(const HttpResponse &response)
{
    bool transient = false;
    if (!response.answered()) {
        transient = response.failure == HttpResponse::Failure::Transport ||
                    response.failure == HttpResponse::Failure::ConnectTimeout ||
                    response.failure == HttpResponse::Failure::FirstByteTimeout ||
                    response.failure == HttpResponse::Failure::TotalTimeout ||
                    response.failure == HttpResponse::Failure::Truncated;
    } else {
        transient = response.status >= 500 || response.status == 429 || response.status == 408;
    }
    if (!transient || m_pollFailures >= kMaxPollFailures)
        return false;
    ++m_pollFailures;
    return true;
}

void NetworkJob::reportProgress(double fraction)
{
    fraction = qBound(0.0, fraction, 1.0);
    if (fraction <= m_lastProgress || !isRunning())
        return;
    m_lastProgress = fraction;
    Q_EMIT progressed(fraction);
}

// ---------------------------------------------------------------------------------------
// Results

void NetworkJob::succeed(const QStringList &files, double costUnits)
{
    reportProgress(1.0);
    GenerationResult result;
    result.outputFiles = files;
    result.costUnits = costUnits;
    finish(result);
}

void NetworkJob::succeedWithOutput(const QString &path, double costUnits)
{
    // The engine conforms the output to the shot after verification and keeps this file
    // beside it (docs/ARCHITECTURE.md, "Conforming outputs").
    succeed({path}, costUnits);
}

void NetworkJob::fail(ErrorClass errorClass, const QString &what, int httpStatus,
                      std::optional<int> retryAfterMs, const QString &detail)
{
    GenerationResult result =
        GenerationResult::failure(errorClass, name() % u": "_s % what, httpStatus);
    result.retryAfterMs = retryAfterMs;
    result.detail = detail;
    finish(result);
}

void NetworkJob::failTransport(const HttpResponse &response, const QString &doing)
{
    using Failure = HttpResponse::Failure;
    const QString what = doing % u": "_s % response.failureText;
    switch (response.failure) {
    case Failure::None:
        failStatus(response, doing);
        return;
    case Failure::Transport: {
        ErrorClass cls = netfailure::classifyTransport(response.networkError);
        if (cls == ErrorClass::Cancelled || cls == ErrorClass::None)
            cls = ErrorClass::Network;
        fail(cls, what, response.status);
        return;
    }
    case Failure::ConnectTimeout:
        // No connection at all: the machine cannot be reached (switched off, a firewall),
        // like a refused connection; not a slow provider (docs/ARCHITECTURE.md, "Endpoint
        // pools": a pool moves the task to another endpoint).
        fail(ErrorClass::Network, what, response.status);
        return;
    case Failure::FirstByteTimeout:
    case Failure::TotalTimeout:
        fail(ErrorClass::Timeout, what, response.status);
        return;
    case Failure::Truncated:
        fail(ErrorClass::Network, what, response.status);
        return;
    case Failure::TooLarge:
    case Failure::WrongContentType:
        fail(ErrorClass::OutputInvalid, what, response.status);
        return;
    case Failure::PolicyRefused:
        fail(ErrorClass::InvalidRequest, what, response.status);
        return;
    case Failure::WriteFailed:
        fail(isOutOfSpace(m_request.outputDir, response.bytesReceived) ? ErrorClass::DiskFull
                                                                       : ErrorClass::FileIo,
             what, response.status);
        return;
    }
    Q_UNREACHABLE();
}

void NetworkJob::failStatus(const HttpResponse &response, const QString &doing, const QString &why)
{
    ErrorClass cls = netfailure::classifyStatus(response.status);
    if (cls == ErrorClass::None)
        cls = ErrorClass::ProviderError;
    QString text = doing % u": HTTP "_s % QString::number(response.status);
    if (!why.isEmpty())
        text += u" — "_s % why;
    else if (cls == ErrorClass::RateLimited)
        text += u" — too many requests"_s;
    else if (cls == ErrorClass::Auth)
        text += u" — the API key was refused"_s;
    else if (cls == ErrorClass::ProviderUnavailable)
        text += u" — the server is unavailable"_s;
    fail(cls, text, response.status, netfailure::retryAfterMs(response.headers),
         netfailure::excerpt(response.body));
}

std::optional<QJsonObject> NetworkJob::parseObject(const HttpResponse &response,
                                                   const QString &doing)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        fail(ErrorClass::ProviderError,
             doing % u": the server answered with malformed JSON ("_s %
                 (error.error != QJsonParseError::NoError ? error.errorString()
                                                          : u"not an object"_s) %
                 u" at byte "_s % QString::number(error.offset) % u')',
             response.status, std::nullopt, netfailure::excerpt(response.body));
        return std::nullopt;
    }
    return document.object();
}

} // namespace retake
