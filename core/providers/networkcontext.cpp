#include "providers/networkcontext.h"

#include <QNetworkAccessManager>
#include <QThread>

using namespace Qt::StringLiterals;

namespace retake {

namespace {
constexpr int kConnectionsPerManager = 6; // QNAM's HTTP/1.1 limit per host
constexpr int kMaxManagers = 16;
} // namespace

NetworkContext::NetworkContext(const ProviderProfile &profile, const QString &kindLabel,
                               const QString &defaultBaseUrl)
    : m_profile(profile), m_kindLabel(kindLabel), m_policy(profile.allowHttpHosts)
{
    QString base = profile.baseUrl.trimmed();
    if (base.isEmpty())
        base = defaultBaseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    m_baseUrl = QUrl(base, QUrl::StrictMode);
}

NetworkContext::~NetworkContext()
{
    for (const QPointer<QNetworkAccessManager> &manager : std::as_const(m_managers)) {
        if (!manager)
            continue;
        if (manager->thread() == QThread::currentThread())
            delete manager.data();
        else
            manager->deleteLater();
    }
}

QString NetworkContext::displayName() const
{
    return m_kindLabel % u" \""_s % m_profile.id % u'"';
}

QString NetworkContext::configurationProblem() const
{
    if (m_baseUrl.isEmpty())
        return u"no base URL: set \"baseUrl\" in the profile"_s;
    return m_policy.problem(m_baseUrl);
}

QUrl NetworkContext::endpoint(const QString &path) const
{
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + path);
    return url;
}

HttpRequestSpec NetworkContext::request(const QByteArray &method, const QUrl &url) const
{
    HttpRequestSpec spec;
    spec.method = method;
    spec.url = url;
    spec.timeouts.connectMs = m_profile.timeouts.connectMs;
    spec.timeouts.firstByteMs = m_profile.timeouts.firstByteMs;
    spec.timeouts.totalMs = m_profile.timeouts.totalMs;
    spec.maxRedirects = m_profile.maxRedirects;
    spec.policy = m_policy;
    return spec;
}

QNetworkAccessManager *NetworkContext::network()
{
    const int wanted =
        qBound(1, (m_profile.maxConcurrency + kConnectionsPerManager - 1) / kConnectionsPerManager,
               kMaxManagers);
    for (qsizetype i = m_managers.size() - 1; i >= 0; --i) {
        if (!m_managers.at(i))
            m_managers.removeAt(i);
    }
    if (m_managers.size() < wanted) {
        auto *manager = new QNetworkAccessManager;
        manager->setAutoDeleteReplies(false);
        manager->setStrictTransportSecurityEnabled(true);
        m_managers.append(manager);
        return manager;
    }
    m_nextManager = (m_nextManager + 1) % int(m_managers.size());
    return m_managers.at(m_nextManager);
}

QString NetworkContext::keyRef() const
{
    return m_profile.keyRef.trimmed().isEmpty() ? m_profile.id : m_profile.keyRef.trimmed();
}

QStringList NetworkContext::secrets() const
{
    return m_key.found() ? QStringList{m_key.key} : QStringList{};
}

void NetworkContext::withApiKey(QObject *context, std::function<void(const ApiKeyLookup &)> done)
{
    if (m_keyState == KeyState::Known) {
        const ApiKeyLookup key = m_key;
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            context,
            [guard, done, key] {
                if (guard)
                    done(key);
            },
            Qt::QueuedConnection);
        return;
    }
    m_waiters.append({context, std::move(done)});
    if (m_keyState == KeyState::Looking)
        return;
    m_keyState = KeyState::Looking;
    m_keyContext = std::make_unique<QObject>();
    ApiKeyStore::lookup(keyRef(), m_keyContext.get(), [this](const ApiKeyLookup &lookup) {
        m_key = lookup;
        m_keyState = KeyState::Known;
        const QList<Waiter> waiters = std::exchange(m_waiters, {});
        for (const Waiter &waiter : waiters) {
            if (waiter.context)
                waiter.done(lookup);
        }
    });
}

} // namespace retake
