// Rate limits through the real engine (docs/ARCHITECTURE.md, "Rate limits"): a 429 is waited
// out on the same provider without spending a retry, a rung or a breaker count, until the
// profile's maxWaitMs; a late 429 while the probe is out never stalls the provider; a stated
// or learnt rate paces the submissions.
#include "engine/engine.h"
#include "enginefixture.h"
#include "testprinters.h"

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;

namespace {

QString img(int shot)
{
    return imageTask(shot);
}

FakeOutcome limited(std::optional<int> retryAfterMs, int latencyMs = -1, int status = 429)
{
    FakeOutcome o(status == 429 ? ErrorClass::RateLimited : ErrorClass::ProviderUnavailable,
                  retryAfterMs, status);
    o.latencyMs = latencyMs;
    return o;
}

} // namespace

class TestRateLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void quickRateLimitsStayOnTheProvider();
    void waitsPastMaxWaitMoveOn();
    void rateLimitsNeverOpenTheBreaker();
    void aRateLimitedBreakerProbeDoesNotStall();
    void aBusyServerNamingItsWaitIsWaitedOut();
    void lateRateLimitDuringTheProbeDoesNotStall();
    void aStatedRateIsPaced();
    void anUnknownRateIsLearnt();

private:
    void openEngine(const Project &project);
    FakeProvider *soleProvider(int maxConcurrency);

    EngineFixture m_f;
    Engine *m_engine = nullptr;
};

void TestRateLimits::init()
{
    m_f.close();
    m_f.dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_f.dir->isValid());
}

void TestRateLimits::cleanup()
{
    m_f.close();
}

void TestRateLimits::openEngine(const Project &project)
{
    QString error;
    QVERIFY2(m_f.open(project, &error), qPrintable(error));
    m_engine = m_f.engine.get();
}

FakeProvider *TestRateLimits::soleProvider(int maxConcurrency)
{
    return m_f.replaceProvider(u"a"_s, maxConcurrency);
}

void TestRateLimits::quickRateLimitsStayOnTheProvider()
{
    // Given a provider that answers shot 1's image twice with "429, retry in 300 ms"
    // (retries per rung: 1, so a failure would move it to provider b the second time),
    openEngine(makeProject(1));
    m_f.a->script(img(1), {limited(300), limited(300)});
    QVERIFY(m_f.runToEnd());
    // then the image waits twice on provider a and is made there at full quality: no
    // retry spent, no rung, nothing sent to b, the breaker closed.
    const TaskSnapshot t = m_engine->task(img(1));
    QCOMPARE(t.state, TaskState::Done);
    QCOMPARE(t.quality, Quality::Full);
    QCOMPARE(t.providerId, u"a"_s);
    QCOMPARE(t.retriesUsed, 0);
    QCOMPARE(m_f.a->callCount(img(1)), 3);
    QCOMPARE(m_f.b->callCount(), 0);
    QVERIFY(!m_engine->isBreakerOpen(u"a"_s));
    const QList<Attempt> attempts = m_engine->attempts(img(1));
    QCOMPARE(attempts.size(), 3);
    QCOMPARE(attempts.at(0).errorClass, ErrorClass::RateLimited);
    QVERIFY2(attempts.at(0).message.contains(u"no retry spent"_s),
             qPrintable(attempts.at(0).message));
    QVERIFY(!attempts.at(0).countedAgainstBudget);
    const QList<FakeCall> calls = m_f.a->calls();
    QVERIFY2(calls.at(1).startedMs - calls.at(0).startedMs >= 295,
             qPrintable(QString::number(calls.at(1).startedMs - calls.at(0).startedMs)));
}

void TestRateLimits::waitsPastMaxWaitMoveOn()
{
    // Given a provider whose profile waits at most 500 ms in all and that keeps answering
    // "429, retry in 300 ms",
    openEngine(makeProject(1));
    RatePolicy policy;
    policy.maxWaitMs = 500;
    policy.learnsRate = true;
    m_f.a->setRatePolicy(policy);
    m_f.a->script(img(1), {limited(300), limited(300), limited(300), limited(300)});
    QVERIFY(m_f.runToEnd());
    // then the first wait is free, the second passes the limit and counts as a failure
    // like any other: the task spends retries and moves on to provider b.
    const TaskSnapshot t = m_engine->task(img(1));
    QCOMPARE(t.state, TaskState::Done);
    QVERIFY2(t.retriesUsed >= 1, qPrintable(QString::number(t.retriesUsed)));
    QCOMPARE(m_f.b->callCount(img(1)), 1);
    QCOMPARE(t.providerId, u"b"_s);
}

void TestRateLimits::rateLimitsNeverOpenTheBreaker()
{
    // Given one request at a time and a provider that refuses the first eight for their rate
    // (the breaker opens after five failures in a row),
    openEngine(makeProject(4, {u"a"_s}, {u"a"_s}));
    FakeProvider *a = soleProvider(1);
    int calls = 0;
    a->setDecider(
        [&calls](const GenerationRequest &) { return ++calls <= 8 ? limited(5) : FakeOutcome{}; });
    QVERIFY(m_f.runToEnd());
    // then every task is done at full quality without a retry, and the breaker stayed shut.
    const BatchSummary s = m_engine->summary();
    QCOMPARE(s.count(TaskState::Done), 8);
    QCOMPARE(s.qualities.value(Quality::Full), 8);
    for (const TaskSnapshot &t : m_engine->tasks())
        QCOMPARE(t.retriesUsed, 0);
    QVERIFY(!m_engine->isBreakerOpen(u"a"_s));
    QCOMPARE(m_f.local->callCount(), 0);
}

void TestRateLimits::aRateLimitedBreakerProbeDoesNotStall()
{
    // Given one request at a time, five 503s in a row (the breaker opens), and a 429 as the
    // answer to the half-open breaker's probe,
    openEngine(makeProject(3, {u"a"_s}, {u"a"_s}));
    FakeProvider *a = soleProvider(1);
    EngineOptions options = m_engine->options();
    options.retry.retriesPerRung = 10;
    options.retry.maxRetries = 10;
    m_engine->setOptions(options);
    int calls = 0;
    a->setDecider([&calls](const GenerationRequest &) {
        ++calls;
        if (calls <= 5)
            return FakeOutcome{ErrorClass::ProviderUnavailable, std::nullopt, 503};
        return calls == 6 ? limited(std::nullopt) : FakeOutcome{};
    });
    // then the 429 ends the probe: the next probe goes and the batch finishes (the breaker
    // used to keep the refused probe "in flight" and let nothing through again).
    QVERIFY(m_f.runToEnd(10000));
    QCOMPARE(m_engine->summary().count(TaskState::Done), 6);
    QVERIFY(!m_engine->isBreakerOpen(u"a"_s));
}

void TestRateLimits::aBusyServerNamingItsWaitIsWaitedOut()
{
    // A 503 with Retry-After is "come back in a moment", not a dead server.
    openEngine(makeProject(1));
    m_f.a->script(img(1), {limited(50, -1, 503), limited(50, -1, 503)});
    QVERIFY(m_f.runToEnd());
    const TaskSnapshot t = m_engine->task(img(1));
    QCOMPARE(t.providerId, u"a"_s);
    QCOMPARE(t.retriesUsed, 0);
    QCOMPARE(t.quality, Quality::Full);
    // Without a named wait it stays a failure that spends a retry.
    init();
    openEngine(makeProject(1));
    m_f.a->script(img(1), {limited(std::nullopt, -1, 503)});
    QVERIFY(m_f.runToEnd());
    QCOMPARE(m_engine->task(img(1)).retriesUsed, 1);
}

void TestRateLimits::lateRateLimitDuringTheProbeDoesNotStall()
{
    // Given a provider taking two requests at a time: the first answers "429, retry in
    // 100 ms" at once; the second answers the same, but late (150 ms), while the probe sent
    // after the first hold (answering in 100 ms) is still out,
    openEngine(makeProject(4, {u"a"_s}, {u"a"_s}));
    FakeProvider *a = soleProvider(2);
    int calls = 0;
    a->setDecider([&calls](const GenerationRequest &) {
        switch (++calls) {
        case 1:
            return limited(100, 5);
        case 2:
            return limited(100, 150);
        case 3: {
            FakeOutcome probe;
            probe.latencyMs = 100;
            return probe;
        }
        default:
            return FakeOutcome{};
        }
    });
    // then the late 429 extends the hold but does not leave the probe "in flight" for ever:
    // the batch finishes (it used to send nothing more after the probe's answer).
    QVERIFY(m_f.runToEnd(10000));
    QCOMPARE(m_engine->summary().count(TaskState::Done), 8);
}

void TestRateLimits::aStatedRateIsPaced()
{
    // Given a profile stating 1,200 requests a minute (20 a second, a second's burst) and
    // 30 images that the provider answers at once, 8 at a time,
    openEngine(makeProject(30, {u"a"_s}, {u"local"_s}));
    auto provider = std::make_unique<FakeProvider>(u"a"_s, 8);
    FakeProvider *a = provider.get();
    RatePolicy policy;
    policy.perMinute = 1200;
    policy.learnsRate = true;
    a->setRatePolicy(policy); // before the engine builds its gate from it
    m_engine->setProvider(std::move(provider));
    QVERIFY(m_f.runToEnd());
    QCOMPARE(m_engine->summary().count(TaskState::Done), 60);
    // then the requests keep to the bucket: in any span of t ms at most 20 + 20 t / 1000
    // start (one more for timer rounding), and the ten after the burst are spread at about
    // 50 ms, so the last starts at least 400 ms after the first.
    QList<qint64> starts;
    for (const FakeCall &call : a->calls())
        starts << call.startedMs;
    std::sort(starts.begin(), starts.end());
    QCOMPARE(starts.size(), 30);
    for (int i = 0; i < starts.size(); ++i) {
        for (int j = i + 1; j < starts.size(); ++j) {
            const double allowed = 20 + 20.0 * double(starts.at(j) - starts.at(i)) / 1000.0 + 1;
            QVERIFY2(j - i + 1 <= allowed,
                     qPrintable(u"%1 requests within %2 ms"_s.arg(j - i + 1).arg(starts.at(j) -
                                                                                 starts.at(i))));
        }
    }
    QVERIFY2(starts.last() - starts.first() >= 400,
             qPrintable(QString::number(starts.last() - starts.first())));
}

void TestRateLimits::anUnknownRateIsLearnt()
{
    // Given a provider that allows 20 requests a second (a bucket of 5) and answers the rest
    // with a bare 429 (no wait named), 8 at a time, answering in 5 ms,
    openEngine(makeProject(40, {u"a"_s}, {u"local"_s}));
    auto provider = std::make_unique<FakeProvider>(u"a"_s, 8);
    FakeProvider *a = provider.get();
    RatePolicy policy;
    policy.learnsRate = true; // as network providers do
    a->setRatePolicy(policy);
    m_engine->setProvider(std::move(provider));
    a->setLatencyMs(5);
    QElapsedTimer clock;
    clock.start();
    double tokens = 5;
    qint64 lastMs = 0;
    int refused = 0;
    a->setDecider([&](const GenerationRequest &) {
        const qint64 t = clock.elapsed();
        tokens = std::min(5.0, tokens + double(t - lastMs) * 20.0 / 1000.0);
        lastMs = t;
        if (tokens < 1) {
            ++refused;
            return limited(std::nullopt);
        }
        tokens -= 1;
        return FakeOutcome{};
    });
    QVERIFY(m_f.runToEnd(30000));
    // then every image is made on the primary at full quality with no retry spent, and the
    // engine paces itself instead of bouncing: without pacing, nearly every one of the
    // ~200 requests a second would be refused.
    const BatchSummary s = m_engine->summary();
    QCOMPARE(s.count(TaskState::Done), 80);
    QCOMPARE(s.qualities.value(Quality::Full), 80);
    for (const TaskSnapshot &t : m_engine->tasks())
        QCOMPARE(t.retriesUsed, 0);
    QVERIFY2(refused < 40, qPrintable(u"%1 refusals for 40 images"_s.arg(refused)));
    qInfo("learnt pacing: %d refusals for 40 images in %lld ms", refused, qint64(clock.elapsed()));
}

QTEST_GUILESS_MAIN(TestRateLimits)
#include "tst_ratelimits.moc"
