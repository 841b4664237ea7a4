// Admission for one provider: may a task be sent to it now? Each provider has its own
// circuit breaker, adaptive concurrency limit (AIMD), pacing of its rate (a token bucket),
// Retry-After hold with a single probe after it, and its count of requests in flight. The
// scheduler asks before every dispatch and reports every outcome back. See
// docs/ARCHITECTURE.md ("Admission", "Rate limits").
#pragma once

#include "domain/types.h"
#include "engine/aimdlimiter.h"
#include "engine/circuitbreaker.h"
#include "engine/engineoptions.h"
#include "engine/ratepacer.h"
#include "providers/provider.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <set>

namespace retake {

// What the gate gave a request when it was sent; reported back with its outcome.
struct GateTicket {
    quint64 sequence = 0;     // 0 = never sent
    quint64 limiterEpoch = 0; // AIMD epoch at sending
};

class ProviderGate final
{
public:
    ProviderGate() = default;
    ProviderGate(int maxLimit, const BreakerSettings &breaker, const AimdSettings &aimd,
                 const RatePolicy &rate = {});

    // Settings changed mid-run: what was learnt (open breaker, halved limit) is kept
    // unless those very settings changed.
    void reconfigure(int maxLimit, const EngineOptions &old, const EngineOptions &now);

    // True when one more request may go now. A provider that is not configured has no
    // breaker or limit to ask; its tasks fail when dispatched.
    bool admits(qint64 nowMs, bool configured) const;
    bool isAvoided(qint64 nowMs) const; // breaker open: its queue looks elsewhere
    // The moment the gate may admit again (a breaker cool-down or a hold), or -1.
    qint64 reopensAtMs(qint64 nowMs) const;

    // A request was sent (after a hold, the first one is the probe).
    GateTicket onSent(qint64 nowMs);
    // What an answer's headers said about the rate limit.
    void onHint(const RateHint &hint, qint64 nowMs) { m_pacer.onHint(hint, nowMs); }
    // The provider took the request: it named a remote job, or answered with anything but
    // a rate limit. A probe taken ends the hold.
    void onAccepted(const GateTicket &ticket, qint64 nowMs);
    // The request ended, whatever its outcome (cancelled and interrupted ones too).
    void onFinished(const GateTicket &ticket);
    void onSucceeded();
    // A rate limit (429, or a 503 naming its wait) that the task waits out on this
    // provider: no breaker count; the provider is held for `waitMs` when it named a wait.
    void onRateLimited(const GateTicket &ticket, std::optional<qint64> waitMs, qint64 nowMs,
                       const QString &message, const QDateTime &at);
    // Returns a line for the log when this failure opened the breaker.
    QString onFailed(const QString &providerId, ErrorClass errorClass, const GateTicket &ticket,
                     std::optional<qint64> retryAfterMs, qint64 maxHoldMs, qint64 nowMs,
                     const QString &message, const QDateTime &at);
    // A pool's endpoint could not be reached (connection refused or reset, host unreachable):
    // its breaker opens at once and it shows as down until a request succeeds on it.
    // Returns a line for the log when this opened the breaker.
    QString onUnreachable(const QString &endpointName, const GateTicket &ticket, qint64 nowMs,
                          const QString &message, const QDateTime &at);
    bool isDown() const { return m_unreachable; }
    // When the pacer lets the next request go, or -1 (now, or not paced).
    qint64 nextSlotMs(qint64 nowMs) const { return m_pacer.nextSlotMs(nowMs); }
    double pacedPerMinute() const { return m_pacer.perMinute(); }
    // The user's "retry now": closes the breaker and lifts a hold; the limit is kept.
    void reopen(const BreakerSettings &breaker);

    int inFlight() const { return m_inFlight; }
    int limit() const { return m_limiter.limit(); }
    int maxLimit() const { return m_limiter.maxLimit(); }
    CircuitBreaker::State breakerState(qint64 nowMs) const { return m_breaker.state(nowMs); }
    // What the providers dock shows (id, kind and model are the caller's).
    void fillStatus(ProviderStatus *status, qint64 nowMs) const;
    EndpointStatus::State endpointState(qint64 nowMs) const;

private:
    CircuitBreaker m_breaker;
    AimdLimiter m_limiter;
    RatePacer m_pacer;
    int m_inFlight = 0;
    quint64 m_sequence = 0;
    // A cautious start: while the provider's rate is unknown, a few requests may await its
    // answer at once (and, if its answers are results, one more for each it accepted).
    int m_firstWindow = 0;
    bool m_windowGrows = true;
    int m_acceptedCount = 0;
    std::set<quint64> m_unanswered; // tickets sent and not yet answered (cautious start only)
    bool m_unreachable = false;     // the last request could not reach it
    // No dispatch before this (engine clock, ms): the provider's own Retry-After on a 429
    // holds every task queued for it, not only the one that was refused.
    qint64 m_holdUntilMs = 0;
    // After a hold, one request goes first; the others follow once it has succeeded.
    bool m_probing = false;
    bool m_probeInFlight = false;
    quint64 m_probeSequence = 0;  // the probe's ticket: only its end settles the probe
    QList<bool> m_recentOutcomes; // last 20 attempts, true = failed
    ErrorClass m_lastError = ErrorClass::None;
    QString m_lastErrorMessage;
    QDateTime m_lastErrorAt;

    void noteOutcome(bool failed);
    void hold(std::optional<qint64> waitMs, qint64 maxHoldMs, qint64 nowMs);
    void rateLimited(const GateTicket &ticket, qint64 nowMs);
    void noteError(ErrorClass errorClass, const QString &message, const QDateTime &at);
};

} // namespace retake
