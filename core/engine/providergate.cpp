#include "providergate.h"

using namespace Qt::StringLiterals;

namespace retake {

ProviderGate::ProviderGate(int maxLimit, const BreakerSettings &breaker, const AimdSettings &aimd)
    : m_breaker(breaker), m_limiter(maxLimit, aimd)
{
}

void ProviderGate::reconfigure(int maxLimit, const EngineOptions &old, const EngineOptions &now)
{
    const bool breakerChanged = old.breaker.failureThreshold != now.breaker.failureThreshold ||
                                old.breaker.cooldownMs != now.breaker.cooldownMs ||
                                old.breaker.maxCooldownMs != now.breaker.maxCooldownMs;
    const bool aimdChanged = old.aimd.enabled != now.aimd.enabled ||
                             old.aimd.successesPerIncrease != now.aimd.successesPerIncrease;
    if (breakerChanged)
        m_breaker = CircuitBreaker(now.breaker);
    if (aimdChanged || maxLimit != m_limiter.maxLimit())
        m_limiter = AimdLimiter(maxLimit, now.aimd);
}

bool ProviderGate::admits(qint64 nowMs, bool configured) const
{
    if (configured && (!m_breaker.allowRequest(nowMs) || m_inFlight >= m_limiter.limit()))
        return false;
    return nowMs >= m_holdUntilMs && !(m_probing && m_probeInFlight);
}

bool ProviderGate::isAvoided(qint64 nowMs) const
{
    return !m_breaker.allowRequest(nowMs) && m_breaker.state(nowMs) == CircuitBreaker::State::Open;
}

qint64 ProviderGate::reopensAtMs(qint64 nowMs) const
{
    qint64 due = -1;
    if (m_breaker.state(nowMs) == CircuitBreaker::State::Open)
        due = m_breaker.openUntilMs();
    if (m_holdUntilMs > nowMs)
        due = due < 0 ? m_holdUntilMs : std::min(due, m_holdUntilMs);
    return due;
}

quint64 ProviderGate::onSent(qint64 nowMs)
{
    m_inFlight += 1;
    m_breaker.onRequestSent(nowMs);
    return m_limiter.epoch();
}

void ProviderGate::onSucceeded(qint64 dispatchedMs)
{
    m_breaker.recordSuccess();
    m_limiter.onSuccess();
    // Only an answer to a request sent after the hold proves the limit has passed.
    if (dispatchedMs >= m_holdUntilMs) {
        m_probing = false;
        m_probeInFlight = false;
    }
    noteOutcome(false);
}

QString ProviderGate::onFailed(const QString &providerId, ErrorClass errorClass,
                               qint64 dispatchedMs, quint64 limiterEpoch,
                               std::optional<qint64> retryAfterMs, qint64 maxHoldMs, qint64 nowMs,
                               const QString &message, const QDateTime &at)
{
    QString line;
    const bool wasOpen = m_breaker.state(nowMs) != CircuitBreaker::State::Closed;
    m_breaker.recordFailure(isTransient(errorClass), nowMs);
    if (!wasOpen && m_breaker.state(nowMs) == CircuitBreaker::State::Open) {
        line = u"%1: %2 failures in a row; avoiding it for %3 s."_s.arg(providerId)
                   .arg(m_breaker.consecutiveFailures())
                   .arg(m_breaker.currentCooldownMs() / 1000.0);
    }
    if (dispatchedMs >= m_holdUntilMs)
        m_probeInFlight = false; // the probe failed: the next one may go
    if (errorClass == ErrorClass::RateLimited) {
        m_limiter.onRateLimited(limiterEpoch);
        if (retryAfterMs && *retryAfterMs > 0) {
            const qint64 wait = std::min<qint64>(*retryAfterMs, maxHoldMs);
            m_holdUntilMs = std::max(m_holdUntilMs, nowMs + wait);
            m_probing = true;
        }
    }
    noteOutcome(true);
    m_lastError = errorClass;
    m_lastErrorMessage = message;
    m_lastErrorAt = at;
    return line;
}

void ProviderGate::reopen(const BreakerSettings &breaker)
{
    m_breaker = CircuitBreaker(breaker);
    m_holdUntilMs = 0;
    m_probing = false;
    m_probeInFlight = false;
}

void ProviderGate::noteOutcome(bool failed)
{
    m_recentOutcomes << failed;
    if (m_recentOutcomes.size() > 20)
        m_recentOutcomes.removeFirst();
}

void ProviderGate::fillStatus(ProviderStatus *status, qint64 nowMs) const
{
    switch (m_breaker.state(nowMs)) {
    case CircuitBreaker::State::Closed:
        status->breaker = ProviderStatus::Breaker::Closed;
        break;
    case CircuitBreaker::State::Open:
        status->breaker = ProviderStatus::Breaker::Open;
        status->breakerOpenUntil =
            QDateTime::currentDateTimeUtc().addMSecs(m_breaker.openUntilMs() - nowMs);
        break;
    case CircuitBreaker::State::HalfOpen:
        status->breaker = ProviderStatus::Breaker::HalfOpen;
        break;
    }
    status->inFlight = m_inFlight;
    status->limit = m_limiter.limit();
    status->maxLimit = m_limiter.maxLimit();
    if (!m_recentOutcomes.isEmpty()) {
        status->recentErrorRate =
            double(m_recentOutcomes.count(true)) / double(m_recentOutcomes.size());
    }
    status->lastError = m_lastError;
    status->lastErrorMessage = m_lastErrorMessage;
    status->lastErrorAt = m_lastErrorAt;
}

} // namespace retake
