// Which URLs Retake may talk to (docs/ARCHITECTURE.md, "Providers"): https anywhere; plain http
// only to loopback or to hosts the user allowed explicitly (a ComfyUI on the LAN, say). Credentials
// only ever go to the origin they were configured for.
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace retake {

class UrlPolicy final
{
public:
    UrlPolicy() = default;
    // `allowedHttpHosts`: host names or addresses where plain http is allowed besides
    // loopback (compared case-insensitively, without port).
    explicit UrlPolicy(const QStringList &allowedHttpHosts);

    // Empty when `url` may be requested, otherwise why not (for a user message).
    QString problem(const QUrl &url) const;
    bool allows(const QUrl &url) const { return problem(url).isEmpty(); }

    // localhost, 127.0.0.0/8, ::1 (names are not resolved).
    static bool isLoopbackHost(const QString &host);
    // Same scheme, host and port (default ports filled in).
    static bool sameOrigin(const QUrl &a, const QUrl &b);

private:
    QStringList m_allowedHttpHosts;
};

} // namespace retake
