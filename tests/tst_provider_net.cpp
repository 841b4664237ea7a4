// core/net: the URL policy, Retry-After parsing, status and transport classification,
// redaction, and HttpExchange's limits against a scripted loopback server: redirects
// (never across origins with credentials, limited in number), first-byte and total
// timeouts, size caps, download content-type checks, TLS failures never ignored.
#include "net/httpexchange.h"
#include "net/netfailure.h"
#include "net/urlpolicy.h"
#include "testprinters.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

// Answers each request by its path with a canned response.
class ScriptedServer final : public QTcpServer
{
public:
    ScriptedServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    // One answer per complete request (header block plus its body).
                    QByteArray &buffer = m_buffers[socket];
                    buffer += socket->readAll();
                    if (!buffer.isEmpty() && !QChar::isLetter(uchar(buffer.at(0)))) {
                        // Not HTTP (a TLS ClientHello): answer nonsense and hang up.
                        socket->write("this is not a TLS server\r\n\r\n");
                        socket->disconnectFromHost();
                        buffer.clear();
                        return;
                    }
                    while (true) {
                        const qsizetype end = buffer.indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const QByteArray head = buffer.left(end);
                        qsizetype length = 0;
                        for (const QByteArray &line : head.split('\n')) {
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        }
                        if (buffer.size() < end + 4 + length)
                            return;
                        buffer.remove(0, end + 4 + length);
                        answer(socket, head.split(' ').value(1));
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QObject::destroyed, this,
                        [this, socket] { m_buffers.remove(socket); });
            }
        });
    }
    QByteArray url(const QByteArray &path, const QByteArray &host = "127.0.0.1") const
    {
        return "http://" + host + ':' + QByteArray::number(serverPort()) + path;
    }
    QList<QByteArray> paths;

private:
    QHash<QTcpSocket *, QByteArray> m_buffers;
    void answer(QTcpSocket *socket, const QByteArray &path)
    {
        paths << path;
        auto respond = [socket](const QByteArray &head, const QByteArray &body) {
            socket->write(head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                          body);
        };
        if (path == "/final") {
            respond("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", "final");
        } else if (path == "/to-other-origin") {
            respond("HTTP/1.1 302 Found\r\nLocation: " + url("/final", "localhost") + "\r\n", {});
        } else if (path == "/loop") {
            respond("HTTP/1.1 302 Found\r\nLocation: /loop\r\n", {});
        } else if (path == "/big") {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 10000000\r\n\r\n");
        } else if (path == "/html") {
            respond("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", "<html>login</html>");
        } else if (path == "/image") {
            respond("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n", QByteArray(3000, 'x'));
        } else if (path == "/headers-then-silence") {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 100\r\n\r\n{");
        } else if (path == "/hang") {
            // never answers
        } else if (path == "/not-tls") {
            socket->write("this is not a TLS server\r\n\r\n");
            socket->disconnectFromHost();
        } else {
            respond("HTTP/1.1 404 Not Found\r\n", "no");
        }
    }
};

HttpResponse exchange(QNetworkAccessManager &network, HttpRequestSpec spec)
{
    HttpExchange call(&network, spec);
    QSignalSpy finished(&call, &HttpExchange::finished);
    call.start();
    if (!finished.wait(10000))
        return {};
    return finished.first().first().value<HttpResponse>();
}

} // namespace

class TestProviderNet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlPolicy_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << u"https://api.openai.com/v1"_s << true;
        QTest::newRow("http loopback") << u"http://127.0.0.1:8188"_s << true;
        QTest::newRow("http localhost") << u"http://localhost:7860"_s << true;
        QTest::newRow("http ::1") << u"http://[::1]:8188"_s << true;
        QTest::newRow("http allowed LAN host") << u"http://gpu-box.lan:8188"_s << true;
        QTest::newRow("http other host") << u"http://example.com"_s << false;
        QTest::newRow("ftp") << u"ftp://127.0.0.1/x"_s << false;
        QTest::newRow("user info") << u"https://user:pw@api.example.com"_s << false;
    }
    void urlPolicy()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        const UrlPolicy policy({u"GPU-BOX.lan"_s});
        QCOMPARE(policy.allows(QUrl(url)), allowed);
        QVERIFY(UrlPolicy::sameOrigin(QUrl(u"https://a.io/x"_s), QUrl(u"https://A.io:443/y"_s)));
        QVERIFY(!UrlPolicy::sameOrigin(QUrl(u"https://a.io"_s), QUrl(u"http://a.io"_s)));
        QVERIFY(
            !UrlPolicy::sameOrigin(QUrl(u"http://127.0.0.1:1"_s), QUrl(u"http://localhost:1"_s)));
    }

    void retryAfter()
    {
        using netfailure::retryAfterMs;
        QCOMPARE(retryAfterMs({{"Retry-After", "3"}}).value_or(-1), 3000);
        QCOMPARE(retryAfterMs({{"retry-after-ms", "1500"}, {"Retry-After", "2"}}).value_or(-1),
                 1500);
        QCOMPARE(retryAfterMs({{"Retry-After", "0.25"}}).value_or(-1), 250);
        const QDateTime now = QDateTime(QDate(2026, 11, 24), QTime(10, 30, 0), QTimeZone::utc());
        QCOMPARE(retryAfterMs({{"Retry-After", "Tue, 24 Nov 2026 10:30:10 GMT"}}, now).value_or(-1),
                 10000);
        QVERIFY(!retryAfterMs({{"Retry-After", "soon"}}).has_value());
        QVERIFY(!retryAfterMs({}).has_value());
    }

    void classification()
    {
        QCOMPARE(netfailure::classifyStatus(401), ErrorClass::Auth);
        QCOMPARE(netfailure::classifyStatus(402), ErrorClass::QuotaExhausted);
        QCOMPARE(netfailure::classifyStatus(422), ErrorClass::InvalidRequest);
        QCOMPARE(netfailure::classifyStatus(429), ErrorClass::RateLimited);
        QCOMPARE(netfailure::classifyStatus(503), ErrorClass::ProviderUnavailable);
        QCOMPARE(netfailure::classifyStatus(504), ErrorClass::Timeout);
        QCOMPARE(netfailure::classifyTransport(QNetworkReply::ConnectionRefusedError),
                 ErrorClass::ProviderUnavailable);
        QCOMPARE(netfailure::classifyTransport(QNetworkReply::RemoteHostClosedError),
                 ErrorClass::Network);
        QCOMPARE(netfailure::classifyTransport(QNetworkReply::SslHandshakeFailedError),
                 ErrorClass::Network);
        QCOMPARE(netfailure::redact(u"bad key sk-abc123 here"_s, {u"sk-abc123"_s, u"x"_s}),
                 u"bad key [redacted] here"_s);
    }

    void credentialsNeverFollowARedirectElsewhere()
    {
        ScriptedServer server;
        QNetworkAccessManager network;
        HttpRequestSpec spec;
        spec.url = QUrl(QString::fromLatin1(server.url("/to-other-origin")));
        spec.addHeader("Authorization", "Bearer secret");
        spec.carriesCredentials = true;
        const HttpResponse refused = exchange(network, spec);
        QCOMPARE(refused.failure, HttpResponse::Failure::PolicyRefused);
        QVERIFY(refused.failureText.contains(u"carries the API key"_s));
        QVERIFY(!server.paths.contains("/final"));
        // Without credentials the same redirect is followed.
        spec.headers.clear();
        spec.carriesCredentials = false;
        const HttpResponse followed = exchange(network, spec);
        QVERIFY2(followed.ok(), qPrintable(followed.failureText));
        QCOMPARE(followed.body, QByteArray("final"));
    }

    void redirectsAreLimited()
    {
        ScriptedServer server;
        QNetworkAccessManager network;
        HttpRequestSpec spec;
        spec.url = QUrl(QString::fromLatin1(server.url("/loop")));
        spec.maxRedirects = 3;
        const HttpResponse response = exchange(network, spec);
        QCOMPARE(response.failure, HttpResponse::Failure::Transport);
        QCOMPARE(response.networkError, QNetworkReply::TooManyRedirectsError);
        QVERIFY2(response.failureText.contains(u"too many redirects (more than 3)"_s),
                 qPrintable(response.failureText));
        QCOMPARE(server.paths.count("/loop"), 4);
    }

    void timeouts()
    {
        ScriptedServer server;
        QNetworkAccessManager network;
        HttpRequestSpec spec;
        // A request with a body: the first-byte limit starts once it is sent.
        spec.url = QUrl(QString::fromLatin1(server.url("/hang")));
        spec.method = "POST";
        spec.body = "{}";
        spec.contentType = "application/json";
        spec.timeouts = {2000, 150, 5000};
        const HttpResponse silent = exchange(network, spec);
        QCOMPARE(silent.failure, HttpResponse::Failure::FirstByteTimeout);
        QVERIFY(silent.elapsedMs < 2000);
        QVERIFY(silent.failureText.contains(u"of sending the request"_s));
        // Without a body Qt 6.4 may not report "sent": at most connect and first byte.
        spec = HttpRequestSpec();
        spec.url = QUrl(QString::fromLatin1(server.url("/hang")));
        spec.timeouts = {100, 150, 5000};
        const HttpResponse get = exchange(network, spec);
        QCOMPARE(get.failure, HttpResponse::Failure::FirstByteTimeout);
        QVERIFY2(get.elapsedMs >= 140 && get.elapsedMs < 2000,
                 qPrintable(QString::number(get.elapsedMs)));
        spec = HttpRequestSpec();
        spec.url = QUrl(QString::fromLatin1(server.url("/headers-then-silence")));
        spec.timeouts = {2000, 2000, 300};
        const HttpResponse stalled = exchange(network, spec);
        QCOMPARE(stalled.failure, HttpResponse::Failure::TotalTimeout);
    }

    void sizeAndTypeChecks()
    {
        ScriptedServer server;
        QNetworkAccessManager network;
        QTemporaryDir dir;
        HttpRequestSpec spec;
        spec.url = QUrl(QString::fromLatin1(server.url("/big")));
        spec.maxResponseBytes = 1024 * 1024;
        QCOMPARE(exchange(network, spec).failure, HttpResponse::Failure::TooLarge);

        spec.url = QUrl(QString::fromLatin1(server.url("/html")));
        spec.sinkPath = dir.filePath(u"image.download"_s);
        spec.acceptedContentTypes = {"image/"};
        QCOMPARE(exchange(network, spec).failure, HttpResponse::Failure::WrongContentType);
        QVERIFY(!QFile::exists(spec.sinkPath));

        spec.url = QUrl(QString::fromLatin1(server.url("/image")));
        const HttpResponse image = exchange(network, spec);
        QVERIFY2(image.ok(), qPrintable(image.failureText));
        QCOMPARE(image.filePath, spec.sinkPath);
        QCOMPARE(QFileInfo(spec.sinkPath).size(), 3000);
        QVERIFY(image.body.isEmpty()); // streamed to the file, not kept in memory
    }

    void tlsFailuresAreNeverIgnored()
    {
        ScriptedServer server;
        QNetworkAccessManager network;
        HttpRequestSpec spec;
        spec.url = QUrl(u"https://127.0.0.1:%1/not-tls"_s.arg(server.serverPort()));
        const HttpResponse response = exchange(network, spec);
        QCOMPARE(response.failure, HttpResponse::Failure::Transport);
        QCOMPARE(netfailure::classifyTransport(response.networkError), ErrorClass::Network);
        QVERIFY(!response.answered());
    }

    // A real TLS server with a self-signed certificate: the handshake fails on the
    // certificate, the request never reaches the server, and the message says why.
    void untrustedCertificateIsNeverIgnored()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend on this machine (install libssl3)");
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty())
            QSKIP("openssl is not installed (scripts/install-deps.sh installs it)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess make;
        make.start(openssl, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                             u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-keyout"_s,
                             dir.filePath(u"key.pem"_s), u"-out"_s, dir.filePath(u"cert.pem"_s)});
        QVERIFY(make.waitForFinished(60000));
        QCOMPARE(make.exitCode(), 0);
        QFile certFile(dir.filePath(u"cert.pem"_s));
        QFile keyFile(dir.filePath(u"key.pem"_s));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
        tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
        QVERIFY(!tls.localCertificate().isNull() && !tls.privateKey().isNull());

        QSslServer server;
        server.setSslConfiguration(tls);
        QByteArray received;
        connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [&] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [&received, socket] {
                    received += socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                });
            }
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));

        QNetworkAccessManager network;
        HttpRequestSpec spec;
        spec.url = QUrl(u"https://127.0.0.1:%1/v1/models"_s.arg(server.serverPort()));
        const HttpResponse response = exchange(network, spec);
        QCOMPARE(response.failure, HttpResponse::Failure::Transport);
        QCOMPARE(response.networkError, QNetworkReply::SslHandshakeFailedError);
        QVERIFY(!response.answered());
        QVERIFY2(response.failureText.contains(u"self signed"_s, Qt::CaseInsensitive) ||
                     response.failureText.contains(u"self-signed"_s, Qt::CaseInsensitive),
                 qPrintable(response.failureText));
        QVERIFY2(received.isEmpty(), received.constData());
    }

    void plainHttpElsewhereIsRefusedBeforeConnecting()
    {
        QNetworkAccessManager network;
        HttpRequestSpec spec;
        spec.url = QUrl(u"http://example.com/v1"_s);
        const HttpResponse response = exchange(network, spec);
        QCOMPARE(response.failure, HttpResponse::Failure::PolicyRefused);
        QVERIFY(response.failureText.contains(u"allowHttpHosts"_s));
    }
};

QTEST_MAIN(TestProviderNet)
#include "tst_provider_net.moc"
