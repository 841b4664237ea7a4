// One HTTP request on a QNetworkAccessManager with the protections every provider call
// needs: connect, first-byte and total timeouts; a cap on the response size; redirects
// limited and checked against the URL policy (credentials never follow a redirect to
// another origin); TLS errors never ignored. The body either stays in memory (JSON
// answers) or is streamed into a file (downloads) with a content-type check; the file
// appears under its final name only when it is complete (PartFile).
//
// finished() is emitted exactly once, from the event loop, unless abort() was called
// first (then never). The exchange owns its reply; delete it after finished().
#pragma once

#include "net/netfailure.h"
#include "net/urlpolicy.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace retake {

class PartFile;

struct HttpTimeouts {
    int connectMs = 15 * 1000;       // until the request is on the wire
    int firstByteMs = 2 * 60 * 1000; // from then until the response headers arrive
    int totalMs = 10 * 60 * 1000;    // the whole exchange; 0 = none for any of them
};

struct HttpRequestSpec {
    QByteArray method = "GET";
    QUrl url;
    HttpHeaderList headers; // e.g. Authorization; never logged
    QByteArray body;
    QByteArray contentType; // of the body
    HttpTimeouts timeouts;
    qint64 maxResponseBytes = 64ll * 1024 * 1024;
    int maxRedirects = 3;
    UrlPolicy policy;
    // Set when `headers` carry a secret: redirects must then stay on the same origin.
    bool carriesCredentials = false;
    // Download mode: a 2xx body is streamed into this file instead of memory.
    QString sinkPath;
    // Download mode: accepted Content-Type prefixes, e.g. "image/"; empty = any.
    QList<QByteArray> acceptedContentTypes;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(qMakePair(name, value));
    }
};

struct HttpResponse {
    enum class Failure {
        None,
        Transport,        // the connection failed (see networkError)
        ConnectTimeout,   // HttpTimeouts::connectMs
        FirstByteTimeout, // HttpTimeouts::firstByteMs
        TotalTimeout,     // HttpTimeouts::totalMs
        TooLarge,         // more than maxResponseBytes
        PolicyRefused,    // URL or redirect refused by the URL policy
        WrongContentType, // download mode: not one of acceptedContentTypes
        WriteFailed,      // download mode: the file could not be written
        Truncated,        // fewer bytes than Content-Length announced
    };

    int status = 0;  // 0 when no HTTP answer arrived
    QByteArray body; // the body in memory mode, or an error body in download mode
    HttpHeaderList headers;
    Failure failure = Failure::None;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString failureText; // what went wrong, for messages (no secrets, no URLs with keys)
    qint64 bytesReceived = 0;
    qint64 elapsedMs = 0;
    QString filePath; // download mode, success: the complete file

    // An HTTP answer arrived completely (any status).
    bool answered() const { return failure == Failure::None && status > 0; }
    bool ok() const { return answered() && status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const { return netfailure::header(headers, name); }
    QByteArray contentType() const;
};

class HttpExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpExchange)
public:
    HttpExchange(QNetworkAccessManager *network, const HttpRequestSpec &spec,
                 QObject *parent = nullptr);
    ~HttpExchange() override;

    // Sends the request; never blocks, never emits from here.
    void start();
    // Stops the exchange silently: no finished(), partial files removed.
    void abort();
    bool isRunning() const { return m_running; }
    const HttpRequestSpec &spec() const { return m_spec; }

Q_SIGNALS:
    void finished(const retake::HttpResponse &response);

private:
    enum class TimerPhase { None, Connect, FirstByte, ConnectAndFirstByte };

    void onRequestSent();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void sendRequest();
    bool followRedirect();
    void onSslErrors(const QList<QSslError> &errors);
    void onTimer();
    void fail(HttpResponse::Failure failure, const QString &text);
    void complete();
    void stopTimers();
    void armPhase(TimerPhase phase);
    bool bodyGoesToFile() const;

    QPointer<QNetworkAccessManager> m_network;
    HttpRequestSpec m_spec;
    QUrl m_url; // of the current hop
    QByteArray m_method;
    QByteArray m_body;
    QNetworkReply *m_reply = nullptr;
    std::unique_ptr<PartFile> m_file;
    QTimer *m_phaseTimer = nullptr; // connect, then first byte
    TimerPhase m_timerPhase = TimerPhase::None;
    QTimer *m_totalTimer = nullptr;
    QElapsedTimer m_clock;
    HttpResponse m_response;
    qint64 m_expectedBytes = -1;
    bool m_headersSeen = false;
    int m_redirects = 0;
    bool m_running = false;
    bool m_done = false;
    QString m_sslProblem;
};

} // namespace retake

Q_DECLARE_METATYPE(retake::HttpResponse)
