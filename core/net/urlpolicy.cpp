#include "net/urlpolicy.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace retake {

UrlPolicy::UrlPolicy(const QStringList &allowedHttpHosts)
{
    for (const QString &host : allowedHttpHosts) {
        const QString trimmed = host.trimmed().toLower();
        if (!trimmed.isEmpty())
            m_allowedHttpHosts.append(trimmed);
    }
}

bool UrlPolicy::isLoopbackHost(const QString &host)
{
    const QString lower = host.toLower();
    if (lower == u"localhost" || lower.endsWith(u".localhost"))
        return true;
    QHostAddress address;
    if (!address.setAddress(lower))
        return false;
    return address.isLoopback();
}

bool UrlPolicy::sameOrigin(const QUrl &a, const QUrl &b)
{
    auto defaultPort = [](const QUrl &url) {
        return url.port(url.scheme() == u"https" ? 443 : url.scheme() == u"http" ? 80 : -1);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && defaultPort(a) == defaultPort(b);
}

QString UrlPolicy::problem(const QUrl &url) const
{
    if (!url.isValid() || url.host().isEmpty())
        return u"\"%1\" is not a valid URL"_s.arg(url.toDisplayString(QUrl::RemoveUserInfo));
    if (!url.userInfo().isEmpty())
        return u"URLs with a user name or password are not accepted; use the key store"_s;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return {};
    if (scheme != u"http")
        return u"unsupported URL scheme \"%1\" (use https)"_s.arg(scheme);
    const QString host = url.host().toLower();
    if (isLoopbackHost(host) || m_allowedHttpHosts.contains(host))
        return {};
    return u"plain http to %1 is not allowed: use https, or add the host to the profile's "
           u"allowHttpHosts"_s.arg(host);
}

} // namespace retake
