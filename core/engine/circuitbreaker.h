// Per-provider circuit breaker (docs/ARCHITECTURE.md, "Failures"): after N consecutive transient
// failures the provider is avoided for a cool-down; then one probe request is let through
// (half-open). A success closes it and resets the cool-down; a failed probe re-opens it with the
// cool-down doubled. Time is passed in (monotonic ms), so the class is pure.
#pragma once

#include "engine/engineoptions.h"

namespace retake {

class CircuitBreaker final
{
public:
    enum class State { Closed, Open, HalfOpen };

    explicit CircuitBreaker(const BreakerSettings &settings = {});

    State state(qint64 nowMs) const;
    // True when a request may be sent now. In half-open state only one probe is allowed
    // until its result is recorded.
    bool allowRequest(qint64 nowMs) const;
    // Call when a request is actually sent.
    void onRequestSent(qint64 nowMs);
    void recordSuccess();
    void recordFailure(bool transient, qint64 nowMs);
    // The provider could not be reached at all (a pool's endpoint refused the connection):
    // opens at once, or re-opens with the cool-down doubled when it was the probe.
    void trip(qint64 nowMs);

    qint64 openUntilMs() const { return m_openUntilMs; }
    int consecutiveFailures() const { return m_consecutiveFailures; }
    qint64 currentCooldownMs() const { return m_cooldownMs; }

private:
    BreakerSettings m_settings;
    int m_consecutiveFailures = 0;
    bool m_open = false;
    bool m_probeInFlight = false;
    qint64 m_openUntilMs = 0;
    qint64 m_cooldownMs = 0;
};

} // namespace retake
