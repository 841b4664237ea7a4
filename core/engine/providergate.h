// Admission for one provider: may a task be sent to it now? Each provider has its own
// circuit breaker, adaptive concurrency limit (AIMD), Retry-After hold with a single probe
// after it, and its count of requests in flight. The scheduler asks before every dispatch
// and reports every outcome back. See docs/ARCHITECTURE.md ("Admission").
#pragma once

#include "domain/types.h"
#include "engine/aimdlimiter.h"
#include "engine/circuitbreaker.h"
#include "engine/engineoptions.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace retake {

class Provider;

class ProviderGate final
{
public:
    ProviderGate() = default;
    ProviderGate(int maxLimit, const BreakerSettings &breaker, const AimdSettings &aimd);

    // Settings changed mid-run: what was learnt (open breaker, halved limit) is kept
    // unless those very settings changed.
    void reconfigure(int maxLimit, const EngineOptions &old, const EngineOptions &now);

    // True when one more request may go now. A provider that is not configured has no
    // breaker or limit to ask; its tasks fail when dispatched.
    bool admits(qint64 nowMs, bool configured) const;
    bool isAvoided(qint64 nowMs) const; // breaker open: its queue looks elsewhere
    // The moment the gate may admit again (a breaker cool-down or a hold), or -1.
    qint64 reopensAtMs(qint64 nowMs) const;

    // A dispatch is about to be tried; after a hold it is the probe.
    void onAdmitted() { m_probeInFlight = m_probing; }
    // A request was sent; returns the AIMD epoch to report back with its outcome.
    quint64 onSent(qint64 nowMs);
    void onFinished() { m_inFlight = std::max(0, m_inFlight - 1); }
    void onSucceeded(qint64 dispatchedMs);
    // Returns a line for the log when this failure opened the breaker.
    QString onFailed(const QString &providerId, ErrorClass errorClass, qint64 dispatchedMs,
                     quint64 limiterEpoch, std::optional<qint64> retryAfterMs, qint64 maxHoldMs,
                     qint64 nowMs, const QString &message, const QDateTime &at);
    // The user's "retry now": closes the breaker and lifts a hold; the limit is kept.
    void reopen(const BreakerSettings &breaker);

    int inFlight() const { return m_inFlight; }
    int limit() const { return m_limiter.limit(); }
    int maxLimit() const { return m_limiter.maxLimit(); }
    CircuitBreaker::State breakerState(qint64 nowMs) const { return m_breaker.state(nowMs); }
    // What the providers dock shows (id, kind and model are the caller's).
    void fillStatus(ProviderStatus *status, qint64 nowMs) const;

private:
    CircuitBreaker m_breaker;
    AimdLimiter m_limiter;
    int m_inFlight = 0;
    // No dispatch before this (engine clock, ms): the provider's own Retry-After on a 429
    // holds every task queued for it, not only the one that was refused.
    qint64 m_holdUntilMs = 0;
    // After a hold, one request goes first; the others follow once it has succeeded.
    bool m_probing = false;
    bool m_probeInFlight = false;
    QList<bool> m_recentOutcomes; // last 20 attempts, true = failed
    ErrorClass m_lastError = ErrorClass::None;
    QString m_lastErrorMessage;
    QDateTime m_lastErrorAt;

    void noteOutcome(bool failed);
};

} // namespace retake
