#include "retrypolicy.h"

#include <algorithm>
#include <cmath>

namespace retake {

RetryPolicy::RetryPolicy(const RetrySettings &settings, quint64 seed)
    : m_settings(settings),
      m_random(seed != 0 ? quint32(seed ^ (seed >> 32)) : QRandomGenerator::global()->generate())
{
}

qint64 RetryPolicy::nominalBackoffMs(int retryNumber) const
{
    const int exponent = std::clamp(retryNumber - 1, 0, 30);
    const double nominal = double(m_settings.baseDelayMs) * std::pow(2.0, exponent);
    return qint64(std::min(nominal, double(m_settings.maxDelayMs)));
}

qint64 RetryPolicy::backoffMs(int retryNumber)
{
    const double nominal = double(nominalBackoffMs(retryNumber));
    const double jitter = std::clamp(m_settings.jitter, 0.0, 1.0);
    const double factor = 1.0 + jitter * (2.0 * m_random.generateDouble() - 1.0);
    return std::clamp(qint64(std::llround(nominal * factor)), qint64(0),
                      qint64(m_settings.maxDelayMs));
}

qint64 RetryPolicy::delayMs(int retryNumber, std::optional<qint64> retryAfterMs)
{
    const qint64 backoff = backoffMs(retryNumber);
    if (!retryAfterMs)
        return backoff;
    return std::min(std::max(backoff, *retryAfterMs), qint64(m_settings.maxDelayMs));
}

} // namespace retake
