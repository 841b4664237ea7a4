#include "aimdlimiter.h"

#include <algorithm>

namespace retake {

AimdLimiter::AimdLimiter(int maxLimit, const AimdSettings &settings)
    : m_settings(settings), m_maxLimit(std::max(1, maxLimit)), m_limit(m_maxLimit)
{
}

void AimdLimiter::onRateLimited(quint64 requestEpoch)
{
    m_successes = 0;
    if (!m_settings.enabled || requestEpoch < m_epoch)
        return;
    m_limit = std::max(1, m_limit / 2);
    ++m_epoch;
}

void AimdLimiter::onSuccess()
{
    if (!m_settings.enabled || m_limit >= m_maxLimit)
        return;
    const int window =
        m_settings.successesPerIncrease > 0 ? m_settings.successesPerIncrease : m_limit;
    if (++m_successes >= window) {
        m_successes = 0;
        ++m_limit;
    }
}

} // namespace retake
