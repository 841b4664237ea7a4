#include "engine/ratepacer.h"

#include <algorithm>
#include <cmath>

namespace retake {

namespace {

constexpr qint64 kWindowMs = 1000;          // "accepted just before" for the first guess
constexpr qint64 kCutEveryMs = 1000;        // one burst of refusals lowers the rate once
constexpr double kCut = 0.85;               // a refusal at a paced rate lowers it this much
constexpr double kPlateau = 0.97;           // ... and the rate climbs back to this share of it
constexpr double kRaiseBelow = 1e-2;        // per accepted request, up to the plateau ...
constexpr double kRaiseAbove = 1e-4;        // ... and past it (the limit may have grown)
constexpr double kMinPerMs = 1.0 / 60000.0; // never under one request a minute

} // namespace

RatePacer::RatePacer(double statedPerMinute, bool learns) : m_learns(learns)
{
    if (statedPerMinute > 0) {
        m_statedPerMs = statedPerMinute / 60000.0;
        m_perMs = m_statedPerMs;
        m_capacity = std::max(1.0, m_perMs * 1000.0);
        m_tokens = m_capacity;
    }
}

double RatePacer::tokensAt(qint64 nowMs) const
{
    if (m_perMs <= 0)
        return 0;
    const double elapsed = double(std::max<qint64>(0, nowMs - m_lastMs));
    return std::min(m_capacity, m_tokens + elapsed * m_perMs);
}

void RatePacer::settle(qint64 nowMs)
{
    m_tokens = tokensAt(nowMs);
    m_lastMs = std::max(m_lastMs, nowMs);
}

bool RatePacer::admits(qint64 nowMs) const
{
    return m_perMs <= 0 || tokensAt(nowMs) >= 1.0 - 1e-9;
}

qint64 RatePacer::nextSlotMs(qint64 nowMs) const
{
    if (admits(nowMs))
        return -1;
    const double missing = 1.0 - tokensAt(nowMs);
    return nowMs + std::max<qint64>(1, qint64(std::ceil(missing / m_perMs)));
}

void RatePacer::onSent(qint64 nowMs)
{
    if (m_perMs <= 0)
        return;
    settle(nowMs);
    m_tokens -= 1.0; // may go below 0 when the gate let a probe through
}

void RatePacer::onHint(const RateHint &hint, qint64 nowMs)
{
    if (!hint.limitPerMinute)
        return;
    const bool wasPacing = m_perMs > 0;
    settle(nowMs);
    double perMs = *hint.limitPerMinute / 60000.0;
    if (m_statedPerMs > 0)
        perMs = std::min(perMs, m_statedPerMs);
    m_perMs = perMs;
    // A second's worth at most: pace evenly rather than spend a minute's window at once.
    m_capacity = std::max(1.0, m_perMs * 1000.0);
    if (!wasPacing)
        m_tokens = hint.remaining ? double(*hint.remaining) : 1.0;
    else if (!m_fromHeaders)
        m_tokens = std::min(m_tokens, 1.0); // what was learnt before did not know the window
    m_fromHeaders = true;
    if (hint.remaining)
        m_tokens = std::min(m_tokens, double(*hint.remaining));
    m_tokens = std::min(m_tokens, m_capacity);
}

void RatePacer::onAccepted(qint64 nowMs)
{
    m_accepted.push_back(nowMs);
    while (!m_accepted.empty() && m_accepted.front() < nowMs - kWindowMs)
        m_accepted.pop_front();
    if (m_perMs > 0 && !m_fromHeaders) {
        // Back quickly to just under the rate that was refused, then only a creep: a batch
        // runs for minutes at the plateau instead of meeting the limit every few seconds
        // (each refusal costs the provider a Retry-After hold).
        const double plateau = kPlateau * m_refusedPerMs;
        double raised = m_perMs;
        if (raised < plateau)
            raised = std::min(plateau, raised * (1.0 + kRaiseBelow));
        else
            raised *= 1.0 + kRaiseAbove;
        m_perMs = std::min(m_statedPerMs > 0 ? m_statedPerMs : 1e9, raised);
    }
}

void RatePacer::onRateLimited(qint64 nowMs)
{
    if (!m_learns)
        return;
    settle(nowMs);
    m_tokens = std::min(m_tokens, 0.0); // the provider's own bucket is empty now
    if (m_lastCutMs >= 0 && nowMs - m_lastCutMs < kCutEveryMs)
        return; // one burst of refusals counts once
    m_lastCutMs = nowMs;
    if (m_perMs > 0) {
        // Paced and still refused: this rate is above the limit, by little if the rate had
        // crept up since the last cut. (A count of what was accepted between two refusals
        // would be fooled by the holds in between, while nothing was sent.)
        m_refusedPerMs = m_perMs;
        m_perMs = std::max(kMinPerMs, m_perMs * kCut);
    } else {
        // A first guess: what the provider accepted in the last second was about its
        // limit; pace just under it.
        while (!m_accepted.empty() && m_accepted.front() < nowMs - kWindowMs)
            m_accepted.pop_front();
        if (!m_accepted.empty()) {
            m_refusedPerMs = std::max(kMinPerMs, double(m_accepted.size()) / double(kWindowMs));
            m_perMs = std::max(kMinPerMs, kPlateau * m_refusedPerMs);
        }
    }
    if (m_statedPerMs > 0)
        m_perMs = std::min(m_perMs, m_statedPerMs);
    m_capacity = m_fromHeaders ? std::max(1.0, m_perMs * 1000.0) : 1.0;
}

} // namespace retake
