// What an engine is told (retry, breaker, AIMD, timers, disk reserve, budget, concurrency
// cap) and what it shows of each provider. Plain values, shared by the engine's
// collaborators, so that none of them needs the engine's own header.
#pragma once

#include "domain/project.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <functional>

namespace retake {

struct BreakerSettings {
    int failureThreshold = 5;   // consecutive transient failures that open the breaker
    int cooldownMs = 30 * 1000; // first cool-down; doubles on each re-open
    int maxCooldownMs = 10 * 60 * 1000;
};

struct AimdSettings {
    bool enabled = true;
    // Additive increase: one more slot after this many successes in a row at the
    // current limit (0 = one window, i.e. as many successes as the current limit).
    int successesPerIncrease = 0;
};

struct EngineOptions {
    RetrySettings retry; // taken from the project by open(), overridable after
    BreakerSettings breaker;
    AimdSettings aimd;
    int updateIntervalMs = 100; // coalescing of tasksUpdated
    quint64 jitterSeed = 0;     // 0 = random
    bool verifyOutputs = true;
    // Free-space probe in bytes for the workspace; empty = QStorageInfo.
    std::function<qint64(const QString &path)> freeSpaceProbe;
    qint64 diskReserveBytes = 500ll * 1024 * 1024;
    int diskPollIntervalMs = 5000;
    // Cost cap per run in the providers' cost units (0 = none): dispatching stops before
    // an attempt would take the run's cost past it; nothing in flight is thrown away.
    double budgetCap = 0.0;
    // At most this many attempts in flight per provider (0 = as each provider's profile
    // says). Lowers, never raises, a profile's max concurrency; AIMD works below it.
    int concurrencyCap = 0;
    // Off by default: logs and reports then never contain prompts or raw provider bodies.
    bool debugLogging = false;
};

// One endpoint of a provider's pool (docs/ARCHITECTURE.md, "Endpoint pools").
struct EndpointStatus {
    QString url;
    enum class State { Ok, Avoided, Down } state = State::Ok; // avoided: breaker open
    int inFlight = 0;
    int limit = 0;
};

// What the UI shows of a provider while a batch runs.
struct ProviderStatus {
    QString id;
    QString kind;
    QString model;
    enum class Breaker { Closed, Open, HalfOpen } breaker = Breaker::Closed;
    QDateTime breakerOpenUntil; // when an open breaker lets a probe through
    int inFlight = 0;
    int limit = 0;    // current adaptive concurrency limit
    int maxLimit = 0; // configured limit
    int queued = 0;
    double recentErrorRate = 0.0; // failed share of the last 20 attempts
    ErrorClass lastError = ErrorClass::None;
    QString lastErrorMessage;
    QDateTime lastErrorAt;
    QList<EndpointStatus> endpoints; // a pool's endpoints; empty for a provider of one URL
};

} // namespace retake

Q_DECLARE_METATYPE(retake::ProviderStatus)
