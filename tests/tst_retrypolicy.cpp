// Backoff schedule, jitter bounds, Retry-After, the circuit breaker, AIMD and the ladder.
#include "engine/aimdlimiter.h"
#include "engine/circuitbreaker.h"
#include "engine/ladder.h"
#include "engine/retrypolicy.h"
#include "testprinters.h"

#include <QTest>

using namespace retake;
using namespace Qt::StringLiterals;

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nominalSchedule_data();
    void nominalSchedule();
    void jitterStaysWithinTwentyPercent();
    void jitterIsRepeatableWithSeed();
    void retryAfterWinsWhenLonger();
    void retryAfterIsCapped();
    void budgetIsThreeRetries();
    void breakerOpensAfterFiveTransientFailures();
    void breakerCoolsDownAndCloses();
    void breakerReopensWithDoubledCooldown();
    void breakerIgnoresPermanentErrors();
    void aimdHalvesOnRateLimitAndRecovers();
    void aimdIgnoresStaleRateLimits();
    void aimdDisabledKeepsLimit();
    void imageLadderOrder();
    void videoLadderOrder();
    void routes_data();
    void routes();
    void rungChangesRequest();
};

void TestRetryPolicy::nominalSchedule_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("1st retry") << 1 << qint64(2000);
    QTest::newRow("2nd retry") << 2 << qint64(4000);
    QTest::newRow("3rd retry") << 3 << qint64(8000);
    QTest::newRow("capped") << 20 << qint64(300000);
}

void TestRetryPolicy::nominalSchedule()
{
    QFETCH(int, retry);
    QFETCH(qint64, expected);
    RetryPolicy policy;
    QCOMPARE(policy.nominalBackoffMs(retry), expected);
}

void TestRetryPolicy::jitterStaysWithinTwentyPercent()
{
    RetryPolicy policy(RetrySettings{}, 42);
    for (int retry = 1; retry <= 3; ++retry) {
        const double nominal = double(policy.nominalBackoffMs(retry));
        qint64 lowest = std::numeric_limits<qint64>::max();
        qint64 highest = 0;
        for (int n = 0; n < 2000; ++n) {
            const qint64 delay = policy.backoffMs(retry);
            QVERIFY2(delay >= qint64(nominal * 0.8) && delay <= qint64(nominal * 1.2 + 1),
                     qPrintable(u"retry %1: %2 ms"_s.arg(retry).arg(delay)));
            lowest = std::min(lowest, delay);
            highest = std::max(highest, delay);
        }
        // The jitter really spreads the delays over most of the +-20 % band.
        QVERIFY(lowest < qint64(nominal * 0.85));
        QVERIFY(highest > qint64(nominal * 1.15));
    }
}

void TestRetryPolicy::jitterIsRepeatableWithSeed()
{
    RetryPolicy a(RetrySettings{}, 7);
    RetryPolicy b(RetrySettings{}, 7);
    for (int n = 0; n < 10; ++n)
        QCOMPARE(a.backoffMs(2), b.backoffMs(2));
}

void TestRetryPolicy::retryAfterWinsWhenLonger()
{
    RetrySettings settings;
    settings.jitter = 0;
    RetryPolicy policy(settings, 1);
    QCOMPARE(policy.delayMs(1, 30000), qint64(30000)); // Retry-After 30 s > 2 s backoff
    QCOMPARE(policy.delayMs(3, 1000), qint64(8000));   // backoff 8 s > Retry-After 1 s
    QCOMPARE(policy.delayMs(1, std::nullopt), qint64(2000));
}

void TestRetryPolicy::retryAfterIsCapped()
{
    RetrySettings settings;
    settings.jitter = 0;
    RetryPolicy policy(settings, 1);
    QCOMPARE(policy.delayMs(1, 3600 * 1000), qint64(5 * 60 * 1000));
}

void TestRetryPolicy::budgetIsThreeRetries()
{
    RetryPolicy policy;
    QVERIFY(policy.canRetry(0));
    QVERIFY(policy.canRetry(2));
    QVERIFY(!policy.canRetry(3));
}

void TestRetryPolicy::breakerOpensAfterFiveTransientFailures()
{
    CircuitBreaker breaker(BreakerSettings{5, 1000, 8000});
    for (int n = 0; n < 4; ++n) {
        breaker.recordFailure(true, 100);
        QCOMPARE(breaker.state(100), CircuitBreaker::State::Closed);
    }
    breaker.recordFailure(true, 100);
    QCOMPARE(breaker.state(100), CircuitBreaker::State::Open);
    QVERIFY(!breaker.allowRequest(500));
    QCOMPARE(breaker.openUntilMs(), qint64(1100));
}

void TestRetryPolicy::breakerCoolsDownAndCloses()
{
    CircuitBreaker breaker(BreakerSettings{5, 1000, 8000});
    for (int n = 0; n < 5; ++n)
        breaker.recordFailure(true, 0);
    QCOMPARE(breaker.state(999), CircuitBreaker::State::Open);
    QCOMPARE(breaker.state(1000), CircuitBreaker::State::HalfOpen);
    QVERIFY(breaker.allowRequest(1000));
    breaker.onRequestSent(1000);
    QVERIFY(!breaker.allowRequest(1001)); // one probe at a time
    breaker.recordSuccess();
    QCOMPARE(breaker.state(1002), CircuitBreaker::State::Closed);
    QCOMPARE(breaker.consecutiveFailures(), 0);
}

void TestRetryPolicy::breakerReopensWithDoubledCooldown()
{
    CircuitBreaker breaker(BreakerSettings{5, 1000, 3000});
    for (int n = 0; n < 5; ++n)
        breaker.recordFailure(true, 0);
    breaker.onRequestSent(1000);
    breaker.recordFailure(true, 1000);
    QCOMPARE(breaker.state(1500), CircuitBreaker::State::Open);
    QCOMPARE(breaker.openUntilMs(), qint64(3000)); // 2 s cool-down now
    breaker.onRequestSent(3000);
    breaker.recordFailure(true, 3000);
    QCOMPARE(breaker.openUntilMs(), qint64(6000)); // capped at 3 s
    breaker.onRequestSent(6000);
    breaker.recordSuccess();
    QCOMPARE(breaker.currentCooldownMs(), qint64(1000)); // reset on success
}

void TestRetryPolicy::breakerIgnoresPermanentErrors()
{
    CircuitBreaker breaker(BreakerSettings{5, 1000, 8000});
    for (int n = 0; n < 20; ++n)
        breaker.recordFailure(false, 0);
    QCOMPARE(breaker.state(0), CircuitBreaker::State::Closed);
}

void TestRetryPolicy::aimdHalvesOnRateLimitAndRecovers()
{
    AimdLimiter limiter(8);
    QCOMPARE(limiter.limit(), 8);
    limiter.onRateLimited(limiter.epoch());
    QCOMPARE(limiter.limit(), 4);
    limiter.onRateLimited(limiter.epoch());
    QCOMPARE(limiter.limit(), 2);
    limiter.onRateLimited(limiter.epoch());
    limiter.onRateLimited(limiter.epoch());
    QCOMPARE(limiter.limit(), 1); // never below one
    // Additive increase: a window of successes (as many as the limit) adds one slot.
    limiter.onSuccess();
    QCOMPARE(limiter.limit(), 2);
    limiter.onSuccess();
    QCOMPARE(limiter.limit(), 2);
    limiter.onSuccess();
    QCOMPARE(limiter.limit(), 3);
    for (int n = 0; n < 100; ++n)
        limiter.onSuccess();
    QCOMPARE(limiter.limit(), 8); // never above the configured maximum
}

void TestRetryPolicy::aimdIgnoresStaleRateLimits()
{
    AimdLimiter limiter(8);
    const quint64 burstEpoch = limiter.epoch();
    limiter.onRateLimited(burstEpoch);
    limiter.onRateLimited(burstEpoch); // same burst, sent before the first decrease
    limiter.onRateLimited(burstEpoch);
    QCOMPARE(limiter.limit(), 4);
}

void TestRetryPolicy::aimdDisabledKeepsLimit()
{
    AimdLimiter limiter(8, AimdSettings{false, 0});
    limiter.onRateLimited(limiter.epoch());
    QCOMPARE(limiter.limit(), 8);
}

void TestRetryPolicy::imageLadderOrder()
{
    const Ladder ladder = buildLadder(Stage::Image, {u"a"_s, u"b"_s});
    const Ladder expected{{RungKind::Primary, u"a"_s},
                          {RungKind::AlternativeProvider, u"b"_s},
                          {RungKind::SimplifiedPrompt, u"a"_s},
                          {RungKind::LowerResolution, u"a"_s},
                          {RungKind::Fallback, u"local"_s}};
    QCOMPARE(ladder, expected);
}

void TestRetryPolicy::videoLadderOrder()
{
    const Ladder ladder = buildLadder(Stage::Video, {u"a"_s});
    const Ladder expected{{RungKind::Primary, u"a"_s},
                          {RungKind::LowerResolution, u"a"_s},
                          {RungKind::Fallback, u"local"_s}};
    QCOMPARE(ladder, expected);
}

void TestRetryPolicy::routes_data()
{
    QTest::addColumn<int>("errorClass");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("expected");
    // Ladder: 0 primary(a) 1 alternative(b) 2 simplified(a) 3 lower-res(a) 4 fallback(local)
    QTest::newRow("provider_error moves down") << int(ErrorClass::ProviderError) << 0 << 1;
    QTest::newRow("content_policy -> simplified") << int(ErrorClass::ContentPolicy) << 0 << 2;
    QTest::newRow("content_policy at simplified -> fallback")
        << int(ErrorClass::ContentPolicy) << 2 << 4;
    QTest::newRow("auth -> other provider") << int(ErrorClass::Auth) << 0 << 1;
    QTest::newRow("quota on b -> next not b") << int(ErrorClass::QuotaExhausted) << 1 << 2;
    QTest::newRow("quota on a at simplified -> fallback")
        << int(ErrorClass::QuotaExhausted) << 2 << 4;
    QTest::newRow("invalid_request fails fast") << int(ErrorClass::InvalidRequest) << 0 << -1;
    QTest::newRow("cancelled never retried") << int(ErrorClass::Cancelled) << 0 << -1;
    QTest::newRow("end of ladder") << int(ErrorClass::ProviderError) << 4 << -1;
}

void TestRetryPolicy::routes()
{
    QFETCH(int, errorClass);
    QFETCH(int, from);
    QFETCH(int, expected);
    const Ladder ladder = buildLadder(Stage::Image, {u"a"_s, u"b"_s});
    QCOMPARE(nextRungAfter(ladder, from, ErrorClass(errorClass)), expected);
}

void TestRetryPolicy::rungChangesRequest()
{
    GenerationRequest base;
    base.stage = Stage::Image;
    base.prompt = u"A lighthouse on a cliff, storm, (dramatic:1.3), 35mm. Waves crash below."_s;
    base.negativePrompt = u"blurry"_s;
    base.width = 768;
    base.height = 432;
    base.steps = 20;

    GenerationRequest simplified = base;
    applyRung(simplified, {RungKind::SimplifiedPrompt, u"a"_s});
    QCOMPARE(simplified.prompt, u"A lighthouse on a cliff"_s);
    QVERIFY(simplified.negativePrompt.isEmpty());
    QCOMPARE(simplified.steps, 10);
    QCOMPARE(simplified.width, 768);

    GenerationRequest lower = base;
    applyRung(lower, {RungKind::LowerResolution, u"a"_s});
    QCOMPARE(lower.width, 384);
    QCOMPARE(lower.height, 216);
    QCOMPARE(lower.prompt, base.prompt);

    GenerationRequest primary = base;
    applyRung(primary, {RungKind::Primary, u"a"_s});
    QCOMPARE(primary.prompt, base.prompt);
    QCOMPARE(primary.rung, RungKind::Primary);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
