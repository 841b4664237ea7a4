// Pacing of one provider's submissions by a token bucket (docs/ARCHITECTURE.md, "Rate
// limits"). The rate comes from the profile's `rateLimit`, from the provider's own headers
// (x-ratelimit-limit-requests / -remaining-requests), or is learnt from its 429s. A refusal
// means the provider's bucket is empty; between two such moments it accepted exactly what
// flowed in, so the accepted requests between two refusals over the time between them is
// its rate. The first refusal only gives a cautious guess (what was accepted in the last
// second); accepted requests raise a learnt rate a little each (faster while it is only a
// guess), so the batch runs at the limit instead of bouncing off it. Without any of these
// the pacer admits everything. Time is passed in (monotonic ms), so the class is pure.
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
    explicit RatePacer(double statedPerMinute = 0.0);

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

    double m_statedPerMs = 0.0;
    double m_perMs = 0.0; // 0 = not pacing
    double m_capacity = 1.0;
    double m_tokens = 0.0;
    qint64 m_lastMs = 0;
    bool m_fromHeaders = false;
    bool m_measured = false; // the rate was measured between two refusals
    qint64 m_emptyAtMs = -1; // the last refusal the measure starts from
    int m_acceptedSinceEmpty = 0;
    std::deque<qint64> m_accepted; // answer times of the last second
};

} // namespace retake
