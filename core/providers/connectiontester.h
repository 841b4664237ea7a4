// "Test connection" for one provider profile, as the GUI runs it: creates the provider
// from the profile, runs its connection test (a cheap real call that proves the URL and
// the key) and reports the outcome once. Asynchronous, never blocks; the built-in local
// kind has nothing to connect to and answers at once.
#pragma once

#include "domain/project.h"
#include "providers/provider.h"

#include <QObject>
#include <QString>

#include <memory>

namespace retake {

class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    // Tests `profile`; a test still running is cancelled first (without a report).
    void start(const ProviderProfile &profile);
    void cancel();
    bool isRunning() const { return m_running; }
    QString profileId() const { return m_profileId; }

Q_SIGNALS:
    // Exactly once per start(): success with what answered, or a classified failure.
    void finished(const QString &profileId, const retake::GenerationResult &result);

private:
    void report(const GenerationResult &result);
    void release();

    std::unique_ptr<Provider> m_provider;
    ProviderJob *m_job = nullptr;
    QString m_profileId;
    int m_generation = 0;
    bool m_running = false; // drops queued answers of an earlier start()
};

} // namespace retake
