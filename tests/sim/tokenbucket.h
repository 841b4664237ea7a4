// A token bucket: `ratePerSecond` tokens flow in, at most `capacity` are kept. A request
// takes one token or is refused with the time until the next token.
#pragma once

#include <QElapsedTimer>

namespace retake::sim {

class TokenBucket final
{
public:
    TokenBucket() = default;
    TokenBucket(double ratePerSecond, int capacity);

    bool isEnabled() const { return m_rate > 0; }
    // True when a token was taken; otherwise `waitMs` is when the next one arrives.
    bool take(int *waitMs);
    double ratePerSecond() const { return m_rate; }
    // Whole tokens left, and the time until the bucket is full again (after a refill).
    int remaining();
    qint64 msUntilFull();

private:
    void refill();

    double m_rate = 0;
    double m_capacity = 1;
    double m_tokens = 1;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
};

} // namespace retake::sim
