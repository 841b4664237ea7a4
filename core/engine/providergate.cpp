#include "providergate.h"

#include <QCoreApplication>

#include <limits>

using namespace Qt::StringLiterals;

namespace retake {

namespace {
// Requests that may await an answer at once from a provider of unknown limit. Requests
// in flight when its limit is met are refused, so this bounds a batch's first refusals.
// A provider whose answer is the result (not a job to poll) gets one more per accepted
// request (the window doubles per round of answers: 4, 8, 16), else it would stay at four
// jobs at a time until its first refusal.
constexpr int kCautiousWindow = 4;
} // namespace

ProviderGate::ProviderGate(int maxLimit, const BreakerSettings &breaker, const AimdSettings &aimd,
                           const RatePolicy &rate)
    : m_breaker(breaker), m_limiter(maxLimit, aimd), m_pacer(rate.perMinute, rate.learnsRate),
      m_firstWindow(rate.cautiousStart ? kCautiousWindow : 0), m_windowGrows(!rate.answersWithJob)
{
}

void ProviderGate::reconfigure(int maxLimit, const EngineOptions &old, const EngineOptions &now)
{
    const bool breakerChanged = old.breaker.failureThreshold != now.breaker.failureThreshold ||
                                old.breaker.cooldownMs != now.breaker.cooldownMs ||
                                old.breaker.maxCooldownMs != now.breaker.maxCooldownMs;
    const bool aimdChanged = old.aimd.enabled != now.aimd.enabled ||
                             old.aimd.successesPerIncrease != now.aimd.successesPerIncrease;
    if (breakerChanged)
        m_breaker = CircuitBreaker(now.breaker);
    if (aimdChanged || maxLimit != m_limiter.maxLimit())
        m_limiter = AimdLimiter(maxLimit, now.aimd);
}

bool ProviderGate::admits(qint64 nowMs, bool configured) const
{
    if (configured && (!m_breaker.allowRequest(nowMs) || m_inFlight >= m_limiter.limit()))
        return false;
    if (m_firstWindow > 0 && !m_pacer.isPacing() &&
        qsizetype(m_unanswered.size()) >= m_firstWindow + m_acceptedCount)
        return false;
    if (m_probing)
        return nowMs >= m_holdUntilMs && !m_probeInFlight; // the probe goes unpaced
    return nowMs >= m_holdUntilMs && m_pacer.admits(nowMs);
}

bool ProviderGate::isAvoided(qint64 nowMs) const
{
    return !m_breaker.allowRequest(nowMs) && m_breaker.state(nowMs) == CircuitBreaker::State::Open;
}

qint64 ProviderGate::reopensAtMs(qint64 nowMs) const
{
    qint64 due = -1;
    if (m_breaker.state(nowMs) == CircuitBreaker::State::Open)
        due = m_breaker.openUntilMs();
    if (m_holdUntilMs > nowMs)
        due = due < 0 ? m_holdUntilMs : std::min(due, m_holdUntilMs);
    if (const qint64 slot = m_probing ? -1 : m_pacer.nextSlotMs(nowMs); slot >= 0)
        due = due < 0 ? slot : std::min(due, slot);
    return due;
}

GateTicket ProviderGate::onSent(qint64 nowMs)
{
    m_inFlight += 1;
    m_breaker.onRequestSent(nowMs);
    m_pacer.onSent(nowMs);
    GateTicket ticket{++m_sequence, m_limiter.epoch()};
    if (m_firstWindow > 0)
        m_unanswered.insert(ticket.sequence);
    if (m_probing && !m_probeInFlight) {
        m_probeInFlight = true;
        m_probeSequence = ticket.sequence;
    }
    return ticket;
}

void ProviderGate::onAccepted(const GateTicket &ticket, qint64 nowMs)
{
    m_pacer.onAccepted(nowMs);
    m_unanswered.erase(ticket.sequence);
    if (m_windowGrows)
        m_acceptedCount = std::min(m_acceptedCount + 1, m_limiter.maxLimit());
    // Only the probe being taken proves the hold is over; an answer to a request sent before
    // the hold proves nothing.
    if (ticket.sequence != 0 && ticket.sequence == m_probeSequence) {
        m_probing = false;
        m_probeInFlight = false;
    }
}

void ProviderGate::onFinished(const GateTicket &ticket)
{
    m_inFlight = std::max(0, m_inFlight - 1);
    m_unanswered.erase(ticket.sequence);
    // However the probe ended (a failure, a cancel, a lost job), the next one may go.
    if (ticket.sequence != 0 && ticket.sequence == m_probeSequence)
        m_probeInFlight = false;
}

void ProviderGate::onSucceeded()
{
    m_unreachable = false;
    m_breaker.recordSuccess();
    m_limiter.onSuccess();
    noteOutcome(false);
}

void ProviderGate::hold(std::optional<qint64> waitMs, qint64 maxHoldMs, qint64 nowMs)
{
    if (!waitMs || *waitMs <= 0)
        return;
    const qint64 wait = std::min<qint64>(*waitMs, maxHoldMs);
    m_holdUntilMs = std::max(m_holdUntilMs, nowMs + wait);
    m_probing = true;
}

void ProviderGate::rateLimited(const GateTicket &ticket, qint64 nowMs)
{
    // Once the rate is paced, a refusal lowers the rate, not the concurrency: halving the
    // slots of a provider whose jobs run for a while (a queue of predictions) would cut its
    // throughput far below the rate it allows, and win nothing against its rate limit.
    if (!m_pacer.isPacing())
        m_limiter.onRateLimited(ticket.limiterEpoch);
    m_pacer.onRateLimited(nowMs);
}

void ProviderGate::onRateLimited(const GateTicket &ticket, std::optional<qint64> waitMs,
                                 qint64 nowMs, const QString &message, const QDateTime &at)
{
    if (ticket.sequence != 0 && ticket.sequence == m_probeSequence)
        m_probeInFlight = false; // the probe was refused: the next one goes after the hold
    // Neither a failure nor a success for the breaker, but it ends a half-open breaker's probe
    // (left in flight, the breaker would let nothing through again).
    m_breaker.recordFailure(false, nowMs);
    rateLimited(ticket, nowMs);
    hold(waitMs, std::numeric_limits<qint64>::max(), nowMs);
    noteOutcome(true);
    noteError(ErrorClass::RateLimited, message, at);
}

QString ProviderGate::onFailed(const QString &providerId, ErrorClass errorClass,
                               const GateTicket &ticket, std::optional<qint64> retryAfterMs,
                               qint64 maxHoldMs, qint64 nowMs, const QString &message,
                               const QDateTime &at)
{
    QString line;
    const bool wasOpen = m_breaker.state(nowMs) != CircuitBreaker::State::Closed;
    // A rate limit says the provider is alive and busy: it never opens the breaker (it only
    // ends a half-open breaker's probe).
    m_breaker.recordFailure(errorClass != ErrorClass::RateLimited && isTransient(errorClass),
                            nowMs);
    if (!wasOpen && m_breaker.state(nowMs) == CircuitBreaker::State::Open) {
        //: %1 is the provider, %2 the number of failures, %3 seconds.
        line = QCoreApplication::translate("retake::Engine",
                                           "%1: %2 failures in a row; avoiding it for %3 s.")
                   .arg(providerId)
                   .arg(m_breaker.consecutiveFailures())
                   .arg(m_breaker.currentCooldownMs() / 1000.0);
    }
    if (ticket.sequence != 0 && ticket.sequence == m_probeSequence)
        m_probeInFlight = false; // the probe failed: the next one may go
    if (errorClass == ErrorClass::RateLimited) {
        rateLimited(ticket, nowMs);
        hold(retryAfterMs, maxHoldMs, nowMs);
    }
    noteOutcome(true);
    noteError(errorClass, message, at);
    return line;
}

QString ProviderGate::onUnreachable(const QString &endpointName, const GateTicket &ticket,
                                    qint64 nowMs, const QString &message, const QDateTime &at)
{
    const bool wasOpen = m_breaker.state(nowMs) == CircuitBreaker::State::Open;
    m_unreachable = true;
    m_breaker.trip(nowMs);
    if (ticket.sequence != 0 && ticket.sequence == m_probeSequence)
        m_probeInFlight = false;
    noteOutcome(true);
    noteError(ErrorClass::ProviderUnavailable, message, at);
    if (wasOpen)
        return {};
    //: %1 is a pool's endpoint (provider@host:port), %2 seconds.
    return QCoreApplication::translate("retake::Engine",
                                       "%1 cannot be reached; its tasks go to the pool's other "
                                       "endpoints, and it is tried again in %2 s.")
        .arg(endpointName)
        .arg(m_breaker.currentCooldownMs() / 1000.0);
}

EndpointStatus::State ProviderGate::endpointState(qint64 nowMs) const
{
    if (m_unreachable)
        return EndpointStatus::State::Down;
    return m_breaker.state(nowMs) == CircuitBreaker::State::Closed ? EndpointStatus::State::Ok
                                                                   : EndpointStatus::State::Avoided;
}

void ProviderGate::noteError(ErrorClass errorClass, const QString &message, const QDateTime &at)
{
    m_lastError = errorClass;
    m_lastErrorMessage = message;
    m_lastErrorAt = at;
}

void ProviderGate::reopen(const BreakerSettings &breaker)
{
    m_breaker = CircuitBreaker(breaker);
    m_holdUntilMs = 0;
    m_probing = false;
    m_probeInFlight = false;
    m_probeSequence = 0;
}

void ProviderGate::noteOutcome(bool failed)
{
    m_recentOutcomes << failed;
    if (m_recentOutcomes.size() > 20)
        m_recentOutcomes.removeFirst();
}

void ProviderGate::fillStatus(ProviderStatus *status, qint64 nowMs) const
{
    switch (m_breaker.state(nowMs)) {
    case CircuitBreaker::State::Closed:
        status->breaker = ProviderStatus::Breaker::Closed;
        break;
    case CircuitBreaker::State::Open:
        status->breaker = ProviderStatus::Breaker::Open;
        status->breakerOpenUntil =
            QDateTime::currentDateTimeUtc().addMSecs(m_breaker.openUntilMs() - nowMs);
        break;
    case CircuitBreaker::State::HalfOpen:
        status->breaker = ProviderStatus::Breaker::HalfOpen;
        break;
    }
    status->inFlight = m_inFlight;
    status->limit = m_limiter.limit();
    status->maxLimit = m_limiter.maxLimit();
    if (!m_recentOutcomes.isEmpty()) {
        status->recentErrorRate =
            double(m_recentOutcomes.count(true)) / double(m_recentOutcomes.size());
    }
    status->lastError = m_lastError;
    status->lastErrorMessage = m_lastErrorMessage;
    status->lastErrorAt = m_lastErrorAt;
}

} // namespace retake
