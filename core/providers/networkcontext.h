// What a network provider and its jobs share: the profile, the URL policy, the API key
// (looked up once, asynchronously) and the QNetworkAccessManagers. The managers are
// created lazily in the thread that runs the jobs (the engine's thread), one per six
// concurrent requests: over plain HTTP/1.1 a manager opens at most six connections per
// host, and a local server at concurrency 64 would otherwise queue in the client.
// Held through shared_ptr so a job outlives a provider replaced under it.
#pragma once

#include "domain/project.h"
#include "net/httpexchange.h"
#include "net/urlpolicy.h"
#include "providers/apikeystore.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace retake {

class NetworkContext final
{
    Q_DISABLE_COPY_MOVE(NetworkContext)
public:
    // `kindLabel` names the kind for users, e.g. "ComfyUI"; `defaultBaseUrl` is used
    // when the profile has none.
    NetworkContext(const ProviderProfile &profile, const QString &kindLabel,
                   const QString &defaultBaseUrl);
    ~NetworkContext();

    const ProviderProfile &profile() const { return m_profile; }
    // `ComfyUI "studio"`: how messages name this provider.
    QString displayName() const;
    QString kindLabel() const { return m_kindLabel; }
    QUrl baseUrl() const { return m_baseUrl; }
    const UrlPolicy &policy() const { return m_policy; }
    // Empty when the base URL is usable, otherwise why not.
    QString configurationProblem() const;
    // baseUrl + path (path starts with "/"), keeping a base path prefix if any.
    QUrl endpoint(const QString &path) const;
    // A request with the profile's timeouts, redirect limit and URL policy.
    HttpRequestSpec request(const QByteArray &method, const QUrl &url) const;

    // The next manager of the pool (round robin), created in the calling thread.
    QNetworkAccessManager *network();

    // The API key, looked up once; `done` runs from the event loop, unless `context`
    // died meanwhile.
    void withApiKey(QObject *context, std::function<void(const ApiKeyLookup &)> done);
    QString keyRef() const;
    // Secrets that must never appear in messages (the key once known).
    QStringList secrets() const;

private:
    ProviderProfile m_profile;
    QString m_kindLabel;
    QUrl m_baseUrl;
    UrlPolicy m_policy;
    QList<QPointer<QNetworkAccessManager>> m_managers;
    int m_nextManager = 0;
    enum class KeyState { Unknown, Looking, Known };
    KeyState m_keyState = KeyState::Unknown;
    ApiKeyLookup m_key;
    struct Waiter {
        QPointer<QObject> context;
        std::function<void(const ApiKeyLookup &)> done;
    };
    QList<Waiter> m_waiters;
    std::unique_ptr<QObject> m_keyContext; // receives the keychain answer
};

} // namespace retake
