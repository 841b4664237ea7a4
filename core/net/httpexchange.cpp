#include "net/httpexchange.h"

#include "net/partfile.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslError>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QString seconds(int ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) % u" s"_s
                          : QString::number(ms / 1000.0, 'f', 1) % u" s"_s;
}

} // namespace

QByteArray HttpResponse::contentType() const
{
    QByteArray type = header("content-type");
    const int semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

HttpExchange::HttpExchange(QNetworkAccessManager *network, const HttpRequestSpec &spec,
                           QObject *parent)
    : QObject(parent), m_network(network), m_spec(spec)
{
    static const int registered = qRegisterMetaType<retake::HttpResponse>();
    Q_UNUSED(registered);
}

HttpExchange::~HttpExchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
}

bool HttpExchange::bodyGoesToFile() const
{
    return !m_spec.sinkPath.isEmpty() && m_response.status >= 200 && m_response.status < 300;
}

void HttpExchange::start()
{
    if (m_running || m_done)
        return;
    m_running = true;
    m_clock.start();
    m_phaseTimer = new QTimer(this);
    m_phaseTimer->setSingleShot(true);
    connect(m_phaseTimer, &QTimer::timeout, this, &HttpExchange::onTimer);
    m_totalTimer = new QTimer(this);
    m_totalTimer->setSingleShot(true);
    connect(m_totalTimer, &QTimer::timeout, this, &HttpExchange::onTimer);

    const QString refused = m_spec.policy.problem(m_spec.url);
    if (!refused.isEmpty()) {
        fail(HttpResponse::Failure::PolicyRefused, refused);
        return;
    }
    if (!m_network) {
        fail(HttpResponse::Failure::Transport, u"no network access manager"_s);
        return;
    }

    m_url = m_spec.url;
    m_method = m_spec.method;
    m_body = m_spec.body;
    sendRequest();
    if (m_spec.timeouts.totalMs > 0)
        m_totalTimer->start(m_spec.timeouts.totalMs);
    // Until a connection starts (or on a reused one): waiting in the queue, connecting
    // and the first byte together.
    armPhase(TimerPhase::ConnectAndFirstByte);
}

void HttpExchange::sendRequest()
{
    QNetworkRequest request(m_url);
    // Redirects are followed here, not by Qt: each hop is checked against the URL policy
    // and the credentials before it is requested, and counted.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray("Retake/" RETAKE_VERSION " (Qt network)"));
    for (const auto &[name, value] : std::as_const(m_spec.headers))
        request.setRawHeader(name, value);
    if (!m_spec.contentType.isEmpty() && !m_body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, m_spec.contentType);

    m_reply = m_network->sendCustomRequest(request, m_method, m_body);
    m_reply->setParent(nullptr); // owned by this exchange, not by the manager
    // Qt 6.4 emits requestSent() only for requests with a body: for the others the
    // connect and first-byte limits run as one from the moment a connection starts.
    connect(m_reply, &QNetworkReply::socketStartedConnecting, this, [this] {
        if (m_headersSeen)
            return;
        if (m_body.isEmpty())
            armPhase(TimerPhase::ConnectAndFirstByte);
        else
            armPhase(TimerPhase::Connect);
    });
    connect(m_reply, &QNetworkReply::requestSent, this, &HttpExchange::onRequestSent);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpExchange::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpExchange::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, &HttpExchange::onSslErrors);
}

bool HttpExchange::followRedirect()
{
    const QVariant target = m_reply->attribute(QNetworkRequest::RedirectionTargetAttribute);
    if (!target.isValid())
        return false;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QUrl next = m_url.resolved(target.toUrl());
    if (++m_redirects > m_spec.maxRedirects) {
        m_response.networkError = QNetworkReply::TooManyRedirectsError;
        fail(HttpResponse::Failure::Transport,
             u"too many redirects (more than %1)"_s.arg(m_spec.maxRedirects));
        return true;
    }
    QString refused = m_spec.policy.problem(next);
    if (refused.isEmpty() && m_url.scheme() == u"https" && next.scheme() != u"https")
        refused = u"redirect from https to plain http refused"_s;
    if (refused.isEmpty() && m_spec.carriesCredentials && !UrlPolicy::sameOrigin(m_spec.url, next))
        refused = u"redirect to another host (%1) refused: the request carries the API key"_s.arg(
            next.host());
    if (!refused.isEmpty()) {
        fail(HttpResponse::Failure::PolicyRefused, refused);
        return true;
    }
    // 307/308 repeat the request; the others become a GET without a body.
    if (status != 307 && status != 308) {
        m_method = "GET";
        m_body.clear();
    }
    m_reply->disconnect(this);
    m_reply->deleteLater();
    m_reply = nullptr;
    m_url = next;
    m_headersSeen = false;
    m_expectedBytes = -1;
    m_response = HttpResponse();
    sendRequest();
    armPhase(TimerPhase::ConnectAndFirstByte);
    return true;
}

void HttpExchange::armPhase(TimerPhase phase)
{
    const HttpTimeouts &t = m_spec.timeouts;
    int ms = 0;
    switch (phase) {
    case TimerPhase::None:
        break;
    case TimerPhase::Connect:
        ms = t.connectMs;
        break;
    case TimerPhase::FirstByte:
        ms = t.firstByteMs;
        break;
    case TimerPhase::ConnectAndFirstByte:
        ms = t.connectMs > 0 && t.firstByteMs > 0 ? t.connectMs + t.firstByteMs : 0;
        break;
    }
    m_phaseTimer->stop();
    m_timerPhase = ms > 0 ? phase : TimerPhase::None;
    if (ms > 0)
        m_phaseTimer->start(ms);
}

void HttpExchange::abort()
{
    if (m_done)
        return;
    m_done = true;
    m_running = false;
    stopTimers();
    m_file.reset(); // removes the partial file
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void HttpExchange::stopTimers()
{
    if (m_phaseTimer)
        m_phaseTimer->stop();
    if (m_totalTimer)
        m_totalTimer->stop();
}

void HttpExchange::onRequestSent()
{
    if (m_headersSeen || m_done)
        return;
    armPhase(TimerPhase::FirstByte);
}

void HttpExchange::onTimer()
{
    if (m_done)
        return;
    if (sender() == m_totalTimer) {
        fail(HttpResponse::Failure::TotalTimeout,
             u"no complete answer within %1"_s.arg(seconds(m_spec.timeouts.totalMs)));
    } else if (m_timerPhase == TimerPhase::FirstByte) {
        fail(HttpResponse::Failure::FirstByteTimeout,
             u"no answer within %1 of sending the request"_s.arg(
                 seconds(m_spec.timeouts.firstByteMs)));
    } else if (m_timerPhase == TimerPhase::ConnectAndFirstByte) {
        fail(HttpResponse::Failure::FirstByteTimeout,
             u"no answer within %1 (connecting and waiting for the server)"_s.arg(
                 seconds(m_phaseTimer->interval())));
    } else {
        fail(HttpResponse::Failure::ConnectTimeout,
             u"could not connect within %1"_s.arg(seconds(m_phaseTimer->interval())));
    }
}

void HttpExchange::onMetaData()
{
    if (m_done || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    const int code = status.toInt();
    if (code >= 300 && code < 400)
        return; // a redirect being followed
    m_headersSeen = true;
    m_phaseTimer->stop();
    m_timerPhase = TimerPhase::None;
    m_response.status = code;
    m_response.headers = m_reply->rawHeaderPairs();
    bool ok = false;
    m_expectedBytes = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
    if (!ok)
        m_expectedBytes = -1;
    if (m_expectedBytes > m_spec.maxResponseBytes) {
        fail(HttpResponse::Failure::TooLarge,
             u"the answer announces %1 bytes, more than the %2 allowed"_s.arg(m_expectedBytes)
                 .arg(m_spec.maxResponseBytes));
        return;
    }
    if (!bodyGoesToFile())
        return;
    const QByteArray type = m_response.contentType();
    if (!m_spec.acceptedContentTypes.isEmpty()) {
        bool accepted = false;
        for (const QByteArray &prefix : std::as_const(m_spec.acceptedContentTypes))
            accepted = accepted || type.startsWith(prefix);
        if (!accepted) {
            fail(HttpResponse::Failure::WrongContentType,
                 u"the download is \"%1\", not a media file"_s.arg(
                     QString::fromLatin1(type.isEmpty() ? QByteArray("no content type") : type)));
            return;
        }
    }
    QDir().mkpath(QFileInfo(m_spec.sinkPath).absolutePath());
    m_file = std::make_unique<PartFile>(m_spec.sinkPath);
    if (!m_file->open()) {
        const QString why = m_file->errorString();
        m_file.reset();
        fail(HttpResponse::Failure::WriteFailed,
             u"cannot write %1: %2"_s.arg(QFileInfo(m_spec.sinkPath).fileName(), why));
    }
}

void HttpExchange::onReadyRead()
{
    if (m_done || !m_reply)
        return;
    if (!m_headersSeen)
        onMetaData();
    if (m_done)
        return;
    const QByteArray chunk = m_reply->readAll();
    m_response.bytesReceived += chunk.size();
    if (m_response.bytesReceived > m_spec.maxResponseBytes) {
        fail(HttpResponse::Failure::TooLarge,
             u"the answer is larger than the %1 bytes allowed"_s.arg(m_spec.maxResponseBytes));
        return;
    }
    if (m_file) {
        if (!m_file->write(chunk)) {
            fail(HttpResponse::Failure::WriteFailed,
                 u"cannot write %1: %2"_s.arg(QFileInfo(m_spec.sinkPath).fileName(),
                                              m_file->errorString()));
        }
        return;
    }
    m_response.body += chunk;
    constexpr qint64 kMaxErrorBody = qint64(1024) * 1024;
    if (!m_spec.sinkPath.isEmpty() && m_response.body.size() > kMaxErrorBody) {
        fail(HttpResponse::Failure::TooLarge, u"the error answer is larger than 1 MiB"_s);
    }
}

void HttpExchange::onSslErrors(const QList<QSslError> &errors)
{
    // Never ignored: the handshake fails and finished() reports it.
    QStringList texts;
    for (const QSslError &error : errors)
        texts << error.errorString();
    m_sslProblem = texts.join(u"; "_s);
}

void HttpExchange::onFinished()
{
    if (m_done || !m_reply)
        return;
    const int code = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (code >= 300 && code < 400 && followRedirect())
        return;
    onReadyRead();
    if (m_done)
        return;
    const QNetworkReply::NetworkError error = m_reply->error();
    m_response.networkError = error;
    if (!m_headersSeen) {
        const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (status.isValid() && !netfailure::isTransportError(error)) {
            m_response.status = status.toInt();
            m_response.headers = m_reply->rawHeaderPairs();
            m_headersSeen = true;
        }
    }
    if (netfailure::isTransportError(error) || m_response.status <= 0) {
        QString text = netfailure::describeTransport(error);
        if (error == QNetworkReply::SslHandshakeFailedError && !m_sslProblem.isEmpty())
            text += u": "_s % m_sslProblem;
        if (m_headersSeen) {
            const QString got =
                m_expectedBytes >= 0
                    ? u"%1 of %2 bytes"_s.arg(m_response.bytesReceived).arg(m_expectedBytes)
                    : u"%1 bytes"_s.arg(m_response.bytesReceived);
            fail(m_file ? HttpResponse::Failure::Truncated : HttpResponse::Failure::Transport,
                 text % u" after "_s % got);
        } else {
            fail(HttpResponse::Failure::Transport, text);
        }
        return;
    }
    if (m_response.status >= 300 && m_response.status < 400) {
        // A redirect without a target is never an answer.
        fail(HttpResponse::Failure::Transport,
             u"HTTP %1 without a Location to follow"_s.arg(m_response.status));
        return;
    }
    if (m_expectedBytes >= 0 && m_response.bytesReceived < m_expectedBytes) {
        fail(HttpResponse::Failure::Truncated,
             u"the answer was cut short after %1 of %2 bytes"_s.arg(m_response.bytesReceived)
                 .arg(m_expectedBytes));
        return;
    }
    if (m_file) {
        if (!m_file->commit()) {
            const QString why = m_file->errorString();
            m_file.reset();
            fail(HttpResponse::Failure::WriteFailed,
                 u"cannot write %1: %2"_s.arg(QFileInfo(m_spec.sinkPath).fileName(), why));
            return;
        }
        m_file.reset();
        m_response.filePath = m_spec.sinkPath;
    }
    complete();
}

void HttpExchange::fail(HttpResponse::Failure failure, const QString &text)
{
    if (m_done)
        return;
    m_response.failure = failure;
    m_response.failureText = text;
    if (m_reply && m_response.networkError == QNetworkReply::NoError)
        m_response.networkError = m_reply->error();
    m_file.reset(); // removes the partial file
    complete();
}

void HttpExchange::complete()
{
    m_done = true;
    m_running = false;
    stopTimers();
    m_response.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    const HttpResponse response = m_response;
    QMetaObject::invokeMethod(
        this, [this, response] { Q_EMIT finished(response); }, Qt::QueuedConnection);
}

} // namespace retake
