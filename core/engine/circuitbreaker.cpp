#include "circuitbreaker.h"

#include <algorithm>

namespace retake {

CircuitBreaker::CircuitBreaker(const BreakerSettings &settings)
    : m_settings(settings), m_cooldownMs(settings.cooldownMs)
{
}

CircuitBreaker::State CircuitBreaker::state(qint64 nowMs) const
{
    if (!m_open)
        return State::Closed;
    return nowMs >= m_openUntilMs ? State::HalfOpen : State::Open;
}

bool CircuitBreaker::allowRequest(qint64 nowMs) const
{
    switch (state(nowMs)) {
    case State::Closed:
        return true;
    case State::Open:
        return false;
    case State::HalfOpen:
        return !m_probeInFlight;
    }
    Q_UNREACHABLE();
    return false;
}

void CircuitBreaker::onRequestSent(qint64 nowMs)
{
    if (state(nowMs) == State::HalfOpen)
        m_probeInFlight = true;
}

void CircuitBreaker::recordSuccess()
{
    m_consecutiveFailures = 0;
    m_open = false;
    m_probeInFlight = false;
    m_cooldownMs = m_settings.cooldownMs;
}

void CircuitBreaker::recordFailure(bool transient, qint64 nowMs)
{
    if (!transient) {
        // A permanent error says nothing about the provider's health; a failed probe
        // still ends the probe.
        m_probeInFlight = false;
        return;
    }
    ++m_consecutiveFailures;
    if (m_open && m_probeInFlight) {
        m_probeInFlight = false;
        m_cooldownMs = std::min<qint64>(m_cooldownMs * 2, m_settings.maxCooldownMs);
        m_openUntilMs = nowMs + m_cooldownMs;
        return;
    }
    if (!m_open && m_consecutiveFailures >= m_settings.failureThreshold) {
        m_open = true;
        m_openUntilMs = nowMs + m_cooldownMs;
    }
}

void CircuitBreaker::trip(qint64 nowMs)
{
    ++m_consecutiveFailures;
    if (m_open && !m_probeInFlight)
        return; // still cooling down: an older request that failed only now
    if (m_open)
        m_cooldownMs = std::min<qint64>(m_cooldownMs * 2, m_settings.maxCooldownMs);
    m_open = true;
    m_probeInFlight = false;
    m_openUntilMs = nowMs + m_cooldownMs;
}

} // namespace retake
