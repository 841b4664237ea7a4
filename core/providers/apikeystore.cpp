#include "providers/apikeystore.h"

#include <qt6keychain/keychain.h>

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace retake {

QString ApiKeyLookup::sourceName() const
{
    switch (source) {
    case Source::None:
        return u"none"_s;
    case Source::Keychain:
        return u"the system keychain"_s;
    case Source::Session:
        return u"this session's memory"_s;
    case Source::Environment:
        return u"environment variable "_s + ApiKeyStore::environmentVariable(keyRef);
    }
    Q_UNREACHABLE();
    return {};
}

QString ApiKeyStore::serviceName()
{
    return u"retake"_s;
}

QString ApiKeyStore::environmentVariable(const QString &keyRef)
{
    QString name = u"RETAKE_KEY_"_s;
    for (const QChar c : keyRef.toUpper()) {
        const bool plain = (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        name += plain ? c : u'_';
    }
    return name;
}

bool ApiKeyStore::keychainEnabled()
{
    const QByteArray value = qgetenv("RETAKE_KEYCHAIN").trimmed().toLower();
    return value != "off" && value != "0" && value != "no" && value != "false";
}

namespace {

// Keys stored while the keychain is switched off: this process only, never on disk.
struct SessionKeys {
    QMutex mutex;
    QHash<QString, QString> keys;
};

SessionKeys &sessionKeys()
{
    static SessionKeys keys;
    return keys;
}

ApiKeyLookup fromEnvironment(const QString &keyRef, const QString &keychainProblem)
{
    ApiKeyLookup lookup;
    lookup.keyRef = keyRef;
    lookup.keychainProblem = keychainProblem;
    {
        SessionKeys &session = sessionKeys();
        const QMutexLocker locker(&session.mutex);
        const QString stored = session.keys.value(keyRef);
        if (!stored.isEmpty()) {
            lookup.key = stored;
            lookup.source = ApiKeyLookup::Source::Session;
            return lookup;
        }
    }
    const QString value =
        qEnvironmentVariable(ApiKeyStore::environmentVariable(keyRef).toLatin1().constData())
            .trimmed();
    if (!value.isEmpty()) {
        lookup.key = value;
        lookup.source = ApiKeyLookup::Source::Environment;
    }
    return lookup;
}

} // namespace

void ApiKeyStore::lookup(const QString &keyRef, QObject *context,
                         std::function<void(const ApiKeyLookup &)> done)
{
    QPointer<QObject> guard(context);
    if (!keychainEnabled()) {
        const ApiKeyLookup result = fromEnvironment(keyRef, u"the keychain is switched off"_s);
        QMetaObject::invokeMethod(
            context,
            [guard, done, result] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setKey(keyRef);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [keyRef, done, guard](QKeychain::Job *finishedJob) {
                         if (!guard)
                             return;
                         auto *read = static_cast<QKeychain::ReadPasswordJob *>(finishedJob);
                         if (read->error() == QKeychain::NoError &&
                             !read->textData().trimmed().isEmpty()) {
                             ApiKeyLookup result;
                             result.keyRef = keyRef;
                             result.key = read->textData().trimmed();
                             result.source = ApiKeyLookup::Source::Keychain;
                             done(result);
                             return;
                         }
                         const QString problem = read->error() == QKeychain::EntryNotFound
                                                     ? u"no keychain entry"_s
                                                     : read->errorString();
                         done(fromEnvironment(keyRef, problem));
                     });
    job->start();
}

namespace {

void answerLater(QObject *context, std::function<void(const QString &)> done)
{
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        context,
        [guard, done] {
            if (guard)
                done(QString());
        },
        Qt::QueuedConnection);
}

} // namespace

void ApiKeyStore::store(const QString &keyRef, const QString &key, QObject *context,
                        std::function<void(const QString &)> done)
{
    if (!keychainEnabled()) {
        SessionKeys &session = sessionKeys();
        {
            const QMutexLocker locker(&session.mutex);
            session.keys.insert(keyRef, key.trimmed());
        }
        answerLater(context, std::move(done));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setKey(keyRef);
    job->setTextData(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job *j) {
        done(j->error() == QKeychain::NoError ? QString() : j->errorString());
    });
    job->start();
}

void ApiKeyStore::remove(const QString &keyRef, QObject *context,
                         std::function<void(const QString &)> done)
{
    if (!keychainEnabled()) {
        SessionKeys &session = sessionKeys();
        {
            const QMutexLocker locker(&session.mutex);
            session.keys.remove(keyRef);
        }
        answerLater(context, std::move(done));
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setAutoDelete(true);
    job->setKey(keyRef);
    QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job *j) {
        done(j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound
                 ? QString()
                 : j->errorString());
    });
    job->start();
}

} // namespace retake
