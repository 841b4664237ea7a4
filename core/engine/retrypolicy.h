// Exponential backoff with jitter (docs/ARCHITECTURE.md, "Failures"): before automatic retry n the
// engine waits base * 2^(n-1) +- jitter; a provider's Retry-After wins when longer; both are
// capped.
#pragma once

#include "domain/project.h"

#include <QRandomGenerator>

#include <optional>

namespace retake {

class RetryPolicy final
{
public:
    // seed 0 draws a random seed; any other value makes the jitter repeatable.
    explicit RetryPolicy(const RetrySettings &settings = {}, quint64 seed = 0);

    const RetrySettings &settings() const { return m_settings; }
    // Delay before automatic retry `retryNumber` (1-based) without jitter.
    qint64 nominalBackoffMs(int retryNumber) const;
    // Nominal backoff with +-jitter applied, capped at maxDelayMs.
    qint64 backoffMs(int retryNumber);
    // What the engine waits: the jittered backoff, or the provider's Retry-After when
    // that is longer; never more than maxDelayMs.
    qint64 delayMs(int retryNumber, std::optional<qint64> retryAfterMs);
    bool canRetry(int retriesUsed) const { return retriesUsed < m_settings.maxRetries; }

private:
    RetrySettings m_settings;
    QRandomGenerator m_random;
};

} // namespace retake
