// Adaptive concurrency per provider (docs/ARCHITECTURE.md, "Failures"): start at the configured
// limit, halve on 429 (min 1), add one after a window of successes (AIMD). 429s from requests sent
// before the last decrease do not halve again: one burst of rejections counts once.
#pragma once

#include "engine/engineoptions.h"

namespace retake {

class AimdLimiter final
{
public:
    explicit AimdLimiter(int maxLimit = 4, const AimdSettings &settings = {});

    int limit() const { return m_limit; }
    int maxLimit() const { return m_maxLimit; }
    // The epoch to remember with a request when it is sent.
    quint64 epoch() const { return m_epoch; }
    void onRateLimited(quint64 requestEpoch);
    void onSuccess();

private:
    AimdSettings m_settings;
    int m_maxLimit;
    int m_limit;
    int m_successes = 0;
    quint64 m_epoch = 0;
};

} // namespace retake
