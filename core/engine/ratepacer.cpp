#include "engine/ratepacer.h"

#include <algorithm>
#include <cmath>

namespace retake {

namespace {

constexpr qint64 kWindowMs = 1000;          // "accepted just before" for the first guess
constexpr qint64 kMeasureMs = 1000;         // shortest span between refusals to measure over
constexpr double kUnderMeasured = 0.95;     // pace this far under a measured rate
constexpr double kCut = 0.85;               // a refusal at a known rate lowers it this much
constexpr double kRaiseGuess = 2e-2;        // each accepted request raises a guess ...
constexpr double kRaiseMeasured = 1e-3;     // ... and a measured rate
constexpr double kMinPerMs = 1.0 / 60000.0; // never under one request a minute

} // namespace

RatePacer::RatePacer(double statedPerMinute)
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
    m_acceptedSinceEmpty += 1;
    if (m_perMs > 0 && !m_fromHeaders) {
        const double ceiling = m_statedPerMs > 0 ? m_statedPerMs : 1e9;
        const double raise = m_measured ? kRaiseMeasured : kRaiseGuess;
        m_perMs = std::min(ceiling, m_perMs * (1.0 + raise));
    }
}

void RatePacer::onRateLimited(qint64 nowMs)
{
    settle(nowMs);
    m_tokens = std::min(m_tokens, 0.0); // the provider's own bucket is empty now
    if (m_emptyAtMs >= 0 && nowMs - m_emptyAtMs < kMeasureMs)
        return; // one burst of refusals counts once
    const double measured = m_emptyAtMs >= 0 && m_acceptedSinceEmpty > 0
                                ? double(m_acceptedSinceEmpty) / double(nowMs - m_emptyAtMs)
                                : 0.0;
    m_emptyAtMs = nowMs;
    m_acceptedSinceEmpty = 0;
    if (m_fromHeaders) {
        m_perMs = std::max(kMinPerMs, m_perMs * kCut); // the next answer's headers say more
    } else if (measured > 0) {
        double perMs = kUnderMeasured * measured;
        if (m_perMs > 0)
            perMs = std::min(perMs, m_perMs * kCut + measured * (1.0 - kCut));
        m_perMs = std::max(kMinPerMs, perMs);
        m_measured = true;
    } else if (m_perMs > 0) {
        m_perMs = std::max(kMinPerMs, m_perMs * kCut);
    } else {
        // A first guess: what the provider accepted in the last second.
        while (!m_accepted.empty() && m_accepted.front() < nowMs - kWindowMs)
            m_accepted.pop_front();
        if (!m_accepted.empty())
            m_perMs = std::max(kMinPerMs, double(m_accepted.size()) / double(kWindowMs));
    }
    if (m_statedPerMs > 0)
        m_perMs = std::min(m_perMs, m_statedPerMs);
    m_capacity = m_fromHeaders ? std::max(1.0, m_perMs * 1000.0) : 1.0;
}

} // namespace retake
