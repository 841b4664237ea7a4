// Pacing of one provider's submissions by a token bucket (docs/ARCHITECTURE.md, "Rate
// limits"). The rate comes from the profile's `rateLimit`, from the provider's own headers
// (x-ratelimit-limit-requests / -remaining-requests), or is learnt from its 429s: the first
// refusal guesses the limit from what was accepted in the last second; a refusal while
// paced takes the rate as too high and lowers it by 15 %. Accepted requests raise the rate
// quickly back to 97 % of the last refused rate and only creep past it, so the batch runs
// just under the limit instead of bouncing off it. Without any
// of these the pacer admits everything. Time is passed in (monotonic ms): a pure class.
#pragma once

#include "net/ratelimitheaders.h"

#include <QtGlobal>

#include <deque>

namespace retake {

class RatePacer final
{
public:
    // A limit the profile states (requests per minute, 0 = none): paced from the start;
    // learning may lower it, never raise it above the stated limit.
    // `learns`: refusals teach a rate (see above); otherwise only a stated rate or headers
    // pace, and refusals are left to the gate's holds.
    explicit RatePacer(double statedPerMinute = 0.0, bool learns = true);

    bool isPacing() const { return m_perMs > 0; }
    double perMinute() const { return m_perMs * 60000.0; }
    bool admits(qint64 nowMs) const;
    // When the next request may go (ms), or -1 when it may go now or nothing is paced.
    qint64 nextSlotMs(qint64 nowMs) const;
    void onSent(qint64 nowMs);
    // What an answer's headers said.
    void onHint(const RateHint &hint, qint64 nowMs);
    // The provider took a request (answered it with anything but a rate limit).
    void onAccepted(qint64 nowMs);
    // The provider refused a request for its rate.
    void onRateLimited(qint64 nowMs);

private:
    double tokensAt(qint64 nowMs) const;
    void settle(qint64 nowMs);

    bool m_learns = true;
    double m_statedPerMs = 0.0;
    double m_perMs = 0.0; // 0 = not pacing
    double m_capacity = 1.0;
    double m_tokens = 0.0;
    qint64 m_lastMs = 0;
    bool m_fromHeaders = false;
    double m_refusedPerMs = 0.0; // the rate of the last refusal (or the first guess)
    qint64 m_lastCutMs = -1;
    std::deque<qint64> m_accepted; // answer times of the last second
};

} // namespace retake
