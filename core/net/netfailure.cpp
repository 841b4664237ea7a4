#include "net/netfailure.h"

#include <QLocale>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake::netfailure {

bool isTransportError(QNetworkReply::NetworkError error)
{
    const int code = int(error);
    return (code > 0 && code < 200) || error == QNetworkReply::UnknownNetworkError ||
           error == QNetworkReply::UnknownProxyError;
}

ErrorClass classifyTransport(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::NoError:
        return ErrorClass::None;
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ServiceUnavailableError:
        return ErrorClass::ProviderUnavailable;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::ProxyTimeoutError:
        return ErrorClass::Timeout;
    case QNetworkReply::OperationCanceledError:
        return ErrorClass::Cancelled;
    default:
        return ErrorClass::Network;
    }
}

QString describeTransport(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::NoError:
        return u"no error"_s;
    case QNetworkReply::ConnectionRefusedError:
        return u"connection refused (is the server running?)"_s;
    case QNetworkReply::RemoteHostClosedError:
        return u"the server closed the connection"_s;
    case QNetworkReply::HostNotFoundError:
        return u"host not found"_s;
    case QNetworkReply::TimeoutError:
        return u"the connection timed out"_s;
    case QNetworkReply::OperationCanceledError:
        return u"the request was aborted"_s;
    case QNetworkReply::SslHandshakeFailedError:
        return u"TLS handshake failed (certificate errors are never ignored)"_s;
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return u"the network is unavailable"_s;
    case QNetworkReply::TooManyRedirectsError:
        return u"too many redirects"_s;
    case QNetworkReply::InsecureRedirectError:
        return u"redirect to an insecure or foreign URL refused"_s;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return u"proxy error"_s;
    default:
        return u"network error %1"_s.arg(int(error));
    }
}

ErrorClass classifyStatus(int httpStatus)
{
    if (httpStatus < 400)
        return ErrorClass::None;
    switch (httpStatus) {
    case 401:
    case 403:
    case 407:
        return ErrorClass::Auth;
    case 402:
        return ErrorClass::QuotaExhausted;
    case 408:
        return ErrorClass::Timeout;
    case 429:
        return ErrorClass::RateLimited;
    case 504:
    case 524:
        return ErrorClass::Timeout;
    default:
        break;
    }
    return httpStatus >= 500 ? ErrorClass::ProviderUnavailable : ErrorClass::InvalidRequest;
}

QByteArray header(const HttpHeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return {};
}

std::optional<int> retryAfterMs(const HttpHeaderList &headers, const QDateTime &now)
{
    constexpr double kMaxMs = 24.0 * 3600 * 1000;
    bool ok = false;
    const QByteArray ms = header(headers, "retry-after-ms");
    if (!ms.isEmpty()) {
        const double value = ms.toDouble(&ok);
        if (ok && std::isfinite(value) && value >= 0)
            return int(std::ceil(std::min(value, kMaxMs)));
    }
    const QByteArray after = header(headers, "retry-after");
    if (after.isEmpty())
        return std::nullopt;
    const double seconds = after.toDouble(&ok);
    if (ok && std::isfinite(seconds) && seconds >= 0)
        return int(std::ceil(std::min(seconds * 1000.0, kMaxMs)));
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime date =
        QLocale::c().toDateTime(QString::fromLatin1(after), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!date.isValid())
        return std::nullopt;
    date.setTimeZone(QTimeZone::utc());
    const qint64 delta = now.msecsTo(date);
    return int(std::clamp<qint64>(delta, 0, qint64(kMaxMs)));
}

QString redact(QString text, const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (secret.size() >= 4)
            text.replace(secret, u"[redacted]"_s);
    }
    return text;
}

QString excerpt(const QByteArray &body, int maxChars)
{
    QString text = QString::fromUtf8(body.left(qsizetype(maxChars) * 4));
    const bool cut = text.size() > maxChars;
    text.truncate(maxChars);
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control && c != u'\n')
            c = u' ';
    }
    if (cut)
        text += u'…';
    return text;
}

} // namespace retake::netfailure
