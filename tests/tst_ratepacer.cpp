// The rate pacer and the rate-limit hints it learns from (docs/ARCHITECTURE.md, "Rate
// limits"): a stated rate, OpenAI's x-ratelimit-* headers, a wait named in words, and a rate
// learnt from refusals; plus the gate's probe after a hold, and the scheduler waking when a
// hold ends.
#include "engine/providergate.h"
#include "engine/ratepacer.h"
#include "engine/scheduler.h"
#include "engine/tasktable.h"
#include "enginefixture.h"
#include "net/ratelimitheaders.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace retake;

class TestRatePacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void durations_data();
    void durations();
    void headers();
    void waitsInWords_data();
    void waitsInWords();
    void nothingKnownAdmitsEverything();
    void aStatedRateAllowsASecondsBurstThenPaces();
    void headersSetTheRateAndTheTokens();
    void aRefusalSetsTheRateUnderWhatWasAccepted();
    void aBurstOfRefusalsCutsOnce();
    void aLearntRateClimbsBackToJustUnderTheRefusedRate();
    void lateRefusalDuringTheProbeLeavesTheGateOpen();
    void aCautiousStartGrowsWithEachAcceptedRequest();
    void aHoldEndingDuringAPassStillWakesTheScheduler();
};

void TestRatePacer::durations_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("ms"); // -1: refused
    QTest::newRow("ms") << QByteArray("20ms") << qint64(20);
    QTest::newRow("s") << QByteArray("1s") << qint64(1000);
    QTest::newRow("fraction") << QByteArray("0.5s") << qint64(500);
    QTest::newRow("m s") << QByteArray("6m0s") << qint64(360000);
    QTest::newRow("h m") << QByteArray("1h30m") << qint64(5400000);
    QTest::newRow("m s ms") << QByteArray("1m2s300ms") << qint64(62300);
    QTest::newRow("spaces") << QByteArray(" 2s ") << qint64(2000);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("bare number") << QByteArray("12") << qint64(-1);
    QTest::newRow("junk between") << QByteArray("1s and 2s") << qint64(-1);
    QTest::newRow("negative") << QByteArray("-1s") << qint64(-1);
    QTest::newRow("huge") << QByteArray("99999999h") << qint64(24ll * 3600 * 1000);
}

void TestRatePacer::durations()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, ms);
    const std::optional<qint64> parsed = ratelimit::parseDurationMs(text);
    QCOMPARE(parsed.value_or(-1), ms);
}

void TestRatePacer::headers()
{
    const HttpHeaderList openai{{"X-RateLimit-Limit-Requests", "600"},
                                {"x-ratelimit-remaining-requests", "599"},
                                {"x-ratelimit-reset-requests", "100ms"},
                                {"x-ratelimit-limit-tokens", "150000"}};
    const RateHint hint = ratelimit::fromHeaders(openai);
    QCOMPARE(hint.limitPerMinute.value_or(-1), 600.0);
    QCOMPARE(hint.remaining.value_or(-1), 599);
    QCOMPARE(hint.resetMs.value_or(-1), qint64(100));
    QVERIFY(ratelimit::fromHeaders({{"Content-Type", "application/json"}}).isEmpty());
    // Hostile values are ignored, not trusted.
    const RateHint hostile = ratelimit::fromHeaders(
        {{"x-ratelimit-limit-requests", "-5"}, {"x-ratelimit-remaining-requests", "nan"}});
    QVERIFY(hostile.isEmpty());
}

void TestRatePacer::waitsInWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("ms"); // -1: none
    QTest::newRow("replicate") << u"Request was throttled. Expected available in 1 second."_s
                               << 1000;
    QTest::newRow("plural") << u"Expected available in 12 seconds"_s << 12000;
    QTest::newRow("openai ms") << u"Rate limit reached. Please try again in 250ms."_s << 250;
    QTest::newRow("openai s") << u"Please try again in 1.5s."_s << 1500;
    QTest::newRow("none") << u"Too Many Requests"_s << -1;
}

void TestRatePacer::waitsInWords()
{
    QFETCH(QString, text);
    QFETCH(int, ms);
    QCOMPARE(ratelimit::waitInMessage(text).value_or(-1), ms);
}

void TestRatePacer::nothingKnownAdmitsEverything()
{
    RatePacer pacer;
    for (int k = 0; k < 1000; ++k) {
        QVERIFY(pacer.admits(0));
        pacer.onSent(0);
    }
    QVERIFY(!pacer.isPacing());
    QCOMPARE(pacer.nextSlotMs(0), qint64(-1));
}

void TestRatePacer::aStatedRateAllowsASecondsBurstThenPaces()
{
    RatePacer pacer(600); // 10 a second
    int sent = 0;
    while (pacer.admits(0) && sent < 100) {
        pacer.onSent(0);
        ++sent;
    }
    QCOMPARE(sent, 10);
    QCOMPARE(pacer.nextSlotMs(0), qint64(100));
    QVERIFY(!pacer.admits(99));
    QVERIFY(pacer.admits(100));
    // Over ten seconds it admits about 10 a second after the first burst.
    for (qint64 t = 100; t <= 10000; ++t) {
        while (pacer.admits(t)) {
            pacer.onSent(t);
            ++sent;
        }
    }
    QVERIFY2(sent >= 109 && sent <= 111, qPrintable(QString::number(sent)));
}

void TestRatePacer::headersSetTheRateAndTheTokens()
{
    RatePacer pacer;
    RateHint hint;
    hint.limitPerMinute = 1200; // 20 a second
    hint.remaining = 2;
    pacer.onHint(hint, 1000);
    QVERIFY(pacer.isPacing());
    QCOMPARE(pacer.perMinute(), 1200.0);
    // The server's remaining count is what may go now.
    QVERIFY(pacer.admits(1000));
    pacer.onSent(1000);
    QVERIFY(pacer.admits(1000));
    pacer.onSent(1000);
    QVERIFY(!pacer.admits(1000));
    QCOMPARE(pacer.nextSlotMs(1000), qint64(1050));
    // A stated rate is never raised by headers.
    RatePacer stated(300);
    stated.onHint(hint, 0);
    QCOMPARE(stated.perMinute(), 300.0);
}

void TestRatePacer::aRefusalSetsTheRateUnderWhatWasAccepted()
{
    RatePacer pacer;
    for (int k = 0; k < 20; ++k) {
        pacer.onSent(qint64(k) * 50);
        pacer.onAccepted(qint64(k) * 50 + 10); // 20 a second, for a second
    }
    // A first refusal only guesses the limit: what was accepted in the last second. The
    // pacer runs just under it (97 %).
    pacer.onRateLimited(1000);
    QVERIFY(pacer.isPacing());
    QCOMPARE(pacer.perMinute(), 1200.0 * 0.97);
    QVERIFY(!pacer.admits(1000)); // the provider's own bucket is empty now
    QVERIFY(pacer.nextSlotMs(1000) > 1000);
    // At that plateau accepted requests only creep the rate up (0.01 % each) ...
    for (int k = 0; k < 10; ++k)
        pacer.onAccepted(1000 + qint64(k) * 100);
    const double crept = 1200 * 0.97 * std::pow(1.0001, 10);
    QVERIFY2(qAbs(pacer.perMinute() - crept) < 0.01,
             qPrintable(QString::number(pacer.perMinute())));
    // ... a refusal while paced lowers it by 15 % ...
    pacer.onRateLimited(2000);
    QVERIFY2(qAbs(pacer.perMinute() - 0.85 * crept) < 0.01,
             qPrintable(QString::number(pacer.perMinute())));
    // ... and accepted requests raise it by 1 % each back to 97 % of the refused rate.
    pacer.onAccepted(2100);
    QVERIFY2(qAbs(pacer.perMinute() - 0.85 * crept * 1.01) < 0.01,
             qPrintable(QString::number(pacer.perMinute())));
    // A refusal before anything was accepted teaches nothing.
    RatePacer fresh;
    fresh.onRateLimited(0);
    QVERIFY(!fresh.isPacing());
    // Nor does any refusal to a pacer that does not learn (the built-in provider's injected
    // 429s are random faults, not a limit).
    RatePacer deaf(0.0, false);
    for (int k = 0; k < 20; ++k)
        deaf.onAccepted(qint64(k) * 50);
    deaf.onRateLimited(1000);
    QVERIFY(!deaf.isPacing());
    // The gate of such a provider gives its pacer the same deafness: a refusal after a busy
    // second does not pace it (it used to, and paced the demo to one request in 650 ms).
    ProviderGate gate(4, BreakerSettings(), AimdSettings(), RatePolicy());
    for (int k = 0; k < 20; ++k) {
        const GateTicket sent = gate.onSent(qint64(k) * 50);
        gate.onAccepted(sent, qint64(k) * 50 + 10);
        gate.onFinished(sent);
    }
    const GateTicket refused = gate.onSent(1000);
    gate.onFinished(refused);
    gate.onFailed(u"local"_s, ErrorClass::RateLimited, refused, std::nullopt, 60000, 1010, u"429"_s,
                  QDateTime::currentDateTimeUtc());
    QCOMPARE(gate.pacedPerMinute(), 0.0);
    QVERIFY(gate.admits(1011, true));
}

void TestRatePacer::aBurstOfRefusalsCutsOnce()
{
    RatePacer pacer(600);
    pacer.onRateLimited(0);
    const double once = pacer.perMinute();
    QCOMPARE(once, 600 * 0.85);
    for (int k = 1; k < 10; ++k)
        pacer.onRateLimited(qint64(k) * 50);
    QCOMPARE(pacer.perMinute(), once);
    pacer.onRateLimited(1200); // a later burst cuts again
    QVERIFY(pacer.perMinute() < once);
}

void TestRatePacer::aLearntRateClimbsBackToJustUnderTheRefusedRate()
{
    RatePacer pacer;
    for (int k = 0; k < 10; ++k)
        pacer.onAccepted(qint64(k) * 100);
    pacer.onRateLimited(1000); // guessed: 10 a second
    pacer.onRateLimited(2500); // refused again at 9.7 a second
    const double refused = 600 * 0.97;
    QVERIFY2(qAbs(pacer.perMinute() - 0.85 * refused) < 0.01,
             qPrintable(QString::number(pacer.perMinute())));
    // Fourteen accepted requests (1 % each) bring it back to the plateau, not past it: a
    // batch that met the limit does not meet it again a few seconds later.
    for (int k = 0; k < 13; ++k)
        pacer.onAccepted(3000 + qint64(k) * 100);
    QVERIFY(pacer.perMinute() < 0.97 * refused);
    pacer.onAccepted(4300);
    QVERIFY2(qAbs(pacer.perMinute() - 0.97 * refused) < 0.01,
             qPrintable(QString::number(pacer.perMinute())));
    // Past it the rate only creeps (a limit may have grown): 300 more stay under the
    // refused rate, 1,000 more go past it.
    for (int k = 0; k < 300; ++k)
        pacer.onAccepted(5000 + qint64(k) * 100);
    QVERIFY(pacer.perMinute() < refused);
    for (int k = 0; k < 1000; ++k)
        pacer.onAccepted(35000 + qint64(k) * 100);
    QVERIFY(pacer.perMinute() > refused);
    // Never above a stated rate.
    RatePacer stated(600);
    for (int k = 0; k < 1000; ++k)
        stated.onAccepted(k);
    QCOMPARE(stated.perMinute(), 600.0);
}

void TestRatePacer::lateRefusalDuringTheProbeLeavesTheGateOpen()
{
    ProviderGate gate(4, BreakerSettings(), AimdSettings()); // AIMD halves it to 2
    const QDateTime at = QDateTime::currentDateTimeUtc();
    // Two requests out; the first is refused "retry in 100 ms" at 10 ms: a hold till 110.
    QVERIFY(gate.admits(0, true));
    const GateTicket first = gate.onSent(0);
    const GateTicket second = gate.onSent(0);
    gate.onFinished(first);
    gate.onRateLimited(first, 100, 10, u"429"_s, at);
    QVERIFY(!gate.admits(50, true));
    // After the hold one probe goes, alone.
    QVERIFY(gate.admits(120, true));
    const GateTicket probe = gate.onSent(120);
    QVERIFY(!gate.admits(121, true));
    // The second, sent before the hold, is refused late: the hold grows to 230.
    gate.onFinished(second);
    gate.onRateLimited(second, 100, 130, u"429"_s, at);
    // The probe is taken at 140: the hold was the provider's last word, then it took one.
    gate.onAccepted(probe, 140);
    gate.onFinished(probe);
    gate.onSucceeded();
    QVERIFY(!gate.admits(200, true)); // the grown hold still stands
    QVERIFY(gate.admits(231, true));  // and then the gate is open, not stuck on the probe
    gate.onSent(231);
    QVERIFY(gate.admits(231, true)); // and no longer probing: two at a time again
}

void TestRatePacer::aCautiousStartGrowsWithEachAcceptedRequest()
{
    RatePolicy policy;
    policy.cautiousStart = true;
    policy.learnsRate = true;
    ProviderGate gate(16, BreakerSettings(), AimdSettings(), policy);
    QList<GateTicket> out;
    const auto sendAll = [&](qint64 t) {
        int sent = 0;
        while (gate.admits(t, true) && out.size() < 100) {
            out << gate.onSent(t);
            ++sent;
        }
        return sent;
    };
    // Four may await an answer before the provider has accepted any; each accepted request
    // lets one more await, so the window doubles per round of answers: 4, then 8.
    QCOMPARE(sendAll(0), 4);
    for (int k = 0; k < 4; ++k)
        gate.onAccepted(out.at(k), 5);
    QCOMPARE(sendAll(5), 8);
    // Jobs that end do not widen it (a short job's end says nothing about the rate): with 8
    // unanswered, nothing more goes although only 8 are in flight now.
    for (int k = 0; k < 4; ++k)
        gate.onFinished(out.at(k));
    QCOMPARE(sendAll(6), 0);
    // Eight more accepted: 16 may await, the concurrency limit (16) is what stops it.
    for (int k = 4; k < 12; ++k)
        gate.onAccepted(out.at(k), 10);
    QCOMPARE(sendAll(10), 8);
    // A provider that answers with a job to poll (Replicate, fal) keeps four awaiting an
    // answer, however many it accepted: its first refusals stay a handful even when its
    // answers come in bunches (they were 7 to 9 of 200 submissions with a growing window).
    RatePolicy jobs = policy;
    jobs.answersWithJob = true;
    ProviderGate polled(16, BreakerSettings(), AimdSettings(), jobs);
    QList<GateTicket> created;
    for (int round = 0; round < 3; ++round) {
        int sent = 0;
        while (polled.admits(round, true) && sent < 16) {
            created << polled.onSent(round);
            ++sent;
        }
        QCOMPARE(sent, 4);
        for (qsizetype k = created.size() - 4; k < created.size(); ++k)
            polled.onAccepted(created.at(k), round);
    }
    // Once a rate is known (here from the provider's headers), the window no longer
    // counts: the pacer and the concurrency limit do.
    ProviderGate told(16, BreakerSettings(), AimdSettings(), policy);
    RateHint hint;
    hint.limitPerMinute = 60000.0 * 100;
    hint.remaining = 100;
    told.onHint(hint, 0);
    int sent = 0;
    while (told.admits(0, true) && sent < 20) {
        told.onSent(0);
        ++sent;
    }
    QCOMPARE(sent, 16);
}

namespace {

// A scheduler's host whose clock moves on by 1 ms at every reading, as a real clock may
// between two readings of one pass; dispatch only notes the task.
class TickingHost final : public Scheduler::Host, public TaskTable::Listener
{
public:
    QObject context; // first: the scheduler's timer connects to it
    TaskTable tasks{this};
    Scheduler scheduler{tasks, *this, &context};
    mutable qint64 clock = 0;
    bool started = false;
    QList<int> dispatched;

    qint64 now() const override { return clock++; }
    bool isStarted() const override { return started; }
    bool isCancelling() const override { return false; }
    bool dispatchAllowed() const override { return true; }
    bool hasDiskSpace() override { return true; }
    bool budgetAllows(int) override { return true; }
    void dispatch(int task, int) override
    {
        dispatched << task;
        tasks.setState(task, TaskState::Running);
    }
    void taskDiverted(int) override {}
    void log(const QString &) override {}
    void passEnded() override {}

    void taskChanged(int) override {}
    void taskQueued(int i) override { scheduler.enqueue(i); }
    void taskLeftQueue(int i) override { scheduler.dequeue(i); }
    void stageFinished(Stage) override {}
    void stageReopened(Stage) override {}
};

} // namespace

void TestRatePacer::aHoldEndingDuringAPassStillWakesTheScheduler()
{
    // Given one queued image on provider "a", held by a 429's Retry-After until 5 ms,
    TickingHost host;
    host.tasks.build(test::makeProject(1, {u"a"_s}, {u"a"_s}));
    host.scheduler.relinkQueues();
    const int image = host.tasks.indexOf(test::imageTask(1));
    QVERIFY(image >= 0);
    QCOMPARE(host.tasks.at(image).snap.state, TaskState::Queued);
    ProviderLane *lane = host.scheduler.lane(u"a"_s);
    QVERIFY(lane);
    const GateTicket refused = lane->gate().onSent(0);
    lane->gate().onFinished(refused);
    lane->gate().onFailed(u"a"_s, ErrorClass::RateLimited, refused, 5, 60000, 0, u"429"_s,
                          QDateTime::currentDateTimeUtc());
    // when a pass asks the gate at 4 ms (refused: held) and the clock reads 5 ms right after,
    host.clock = 4;
    host.started = true;
    host.scheduler.request();
    // then the scheduler still wakes when the hold ends and sends the image (it used to read
    // the clock again, find the hold over, arm no timer, and leave the batch queued for ever).
    QTRY_VERIFY_WITH_TIMEOUT(host.dispatched.contains(image), 2000);
}

QTEST_GUILESS_MAIN(TestRatePacer)
#include "tst_ratepacer.moc"
