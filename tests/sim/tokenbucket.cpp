#include "tokenbucket.h"

#include <cmath>

namespace retake::sim {

TokenBucket::TokenBucket(double ratePerSecond, int capacity)
    : m_rate(ratePerSecond), m_capacity(qMax(1, capacity)), m_tokens(qMax(1, capacity))
{
    m_clock.start();
    m_lastNs = m_clock.nsecsElapsed();
}

void TokenBucket::refill()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_tokens = std::min(m_capacity, m_tokens + (now - m_lastNs) * 1e-9 * m_rate);
    m_lastNs = now;
}

bool TokenBucket::take(int *waitMs)
{
    if (!isEnabled())
        return true;
    refill();
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return true;
    }
    if (waitMs)
        *waitMs = int(std::ceil((1.0 - m_tokens) / m_rate * 1000.0));
    return false;
}

int TokenBucket::remaining()
{
    refill();
    return int(std::floor(m_tokens));
}

qint64 TokenBucket::msUntilFull()
{
    refill();
    return qint64(std::ceil((m_capacity - m_tokens) / m_rate * 1000.0));
}

} // namespace retake::sim
