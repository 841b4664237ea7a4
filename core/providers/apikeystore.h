// API keys of network providers (docs/ARCHITECTURE.md, "State and workspace"). A key lives in the
// system keychain through QtKeychain (service "retake", account = the profile's keyRef, by default
// its id) or, as a fallback, in the environment variable RETAKE_KEY_<KEYREF> (upper-cased, every
// character that is not a letter or digit replaced by "_"). Keys are never written to the
// storyboard, the state database, logs or reports.
//
// Set RETAKE_KEYCHAIN=off to skip the keychain (CI, containers without a secret service):
// a key stored then is kept in this process's memory only, for the session, and found
// before the environment variable.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace retake {

struct ApiKeyLookup {
    enum class Source { None, Keychain, Session, Environment };
    QString key;
    Source source = Source::None;
    QString keychainProblem; // why the keychain had nothing, when it was asked

    bool found() const { return !key.isEmpty(); }
    // "the system keychain", "this session's memory", "environment variable RETAKE_KEY_X",
    // "none"
    QString sourceName() const;
    QString keyRef;
};

class ApiKeyStore final
{
public:
    ApiKeyStore() = delete;

    static QString serviceName(); // "retake"
    static QString environmentVariable(const QString &keyRef);
    static bool keychainEnabled();

    // Looks the key up (keychain first, then the environment) and calls `done` from the
    // event loop of the calling thread, unless `context` was destroyed meanwhile.
    static void lookup(const QString &keyRef, QObject *context,
                       std::function<void(const ApiKeyLookup &)> done);
    // Stores `key` in the keychain (in this session's memory when the keychain is switched
    // off); `done` gets an empty string on success, else why not.
    static void store(const QString &keyRef, const QString &key, QObject *context,
                      std::function<void(const QString &problem)> done);
    // Removes the keychain entry (the session's copy when the keychain is switched off).
    static void remove(const QString &keyRef, QObject *context,
                       std::function<void(const QString &problem)> done);
};

} // namespace retake
