// Every route a failed attempt can take, as one table over the pure RecoveryPlanner:
// the error class, where the task stands on its ladder, the retry settings -> the rung of
// the next attempt, whether it backs off first, and whether the provider is refused.
#include "engine/recoveryplanner.h"
#include "testprinters.h"

#include <QTest>

using namespace retake;
using namespace Qt::StringLiterals;

class TestRecoveryPlanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decide_data();
    void decide();
};

void TestRecoveryPlanner::decide_data()
{
    QTest::addColumn<Stage>("stage");
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<int>("rung");         // where the failed attempt ran
    QTest::addColumn<int>("retriesUsed");  // automatic retries spent before it
    QTest::addColumn<int>("rungFailures"); // transient failures on that rung before it
    QTest::addColumn<QStringList>("refusedBy");
    QTest::addColumn<int>("maxRetries");
    QTest::addColumn<int>("retriesPerRung");
    QTest::addColumn<int>("expectedRung"); // -1: no automatic retry
    QTest::addColumn<int>("expectedBackoff");
    QTest::addColumn<bool>("expectedRefuse");

    // Image ladder for preference [a, b]:
    //   0 primary a, 1 alternative b, 2 simplified a, 3 lower resolution a, 4 fallback local.
    const auto row = [](const char *name, ErrorClass cls, int rung, int retries, int rungFailures,
                        QStringList refused, int maxRetries, int perRung, int expected, int backoff,
                        bool refuse, Stage stage = Stage::Image) {
        QTest::newRow(name) << stage << cls << rung << retries << rungFailures << refused
                            << maxRetries << perRung << expected << backoff << refuse;
    };
    row("timeout: same rung after a backoff", ErrorClass::Timeout, 0, 0, 0, {}, 3, 1, 0, 1, false);
    row("network: same rung after a backoff", ErrorClass::Network, 0, 0, 0, {}, 3, 1, 0, 1, false);
    row("429: same rung after a backoff", ErrorClass::RateLimited, 0, 0, 0, {}, 3, 1, 0, 1, false);
    row("5xx: same rung after a backoff", ErrorClass::ProviderUnavailable, 0, 0, 0, {}, 3, 1, 0, 1,
        false);
    row("timeout again on the rung: next rung, other provider at once", ErrorClass::Timeout, 0, 1,
        1, {}, 3, 1, 1, 0, false);
    row("two retries per rung: same rung again", ErrorClass::Timeout, 0, 1, 1, {}, 3, 2, 0, 2,
        false);
    row("last retry goes to the fallback", ErrorClass::Timeout, 1, 2, 1, {}, 3, 1, 4, 0, false);
    row("no retry left", ErrorClass::Timeout, 4, 3, 0, {}, 3, 1, -1, 0, false);
    row("no automatic retries at all", ErrorClass::Timeout, 0, 0, 0, {}, 0, 1, -1, 0, false);
    row("provider error: next rung at once", ErrorClass::ProviderError, 0, 0, 0, {}, 3, 1, 1, 0,
        false);
    row("output invalid: next rung at once", ErrorClass::OutputInvalid, 0, 0, 0, {}, 3, 1, 1, 0,
        false);
    row("unsafe output: next rung at once", ErrorClass::UnsafeOutput, 0, 0, 0, {}, 3, 1, 1, 0,
        false);
    row("file i/o: next rung at once", ErrorClass::FileIo, 0, 0, 0, {}, 3, 1, 1, 0, false);
    row("content policy: simplified prompt, alternative skipped", ErrorClass::ContentPolicy, 0, 0,
        0, {}, 3, 1, 2, 0, false);
    row("auth: other provider at once, refused", ErrorClass::Auth, 0, 0, 0, {}, 3, 1, 1, 0, true);
    row("quota: other provider at once, refused", ErrorClass::QuotaExhausted, 0, 0, 0, {}, 3, 1, 1,
        0, true);
    row("quota on b after a: skips every rung of a", ErrorClass::QuotaExhausted, 1, 1, 0, {u"a"_s},
        3, 1, 4, 0, true);
    row("out of memory: lower resolution, prompt rungs skipped", ErrorClass::OutOfMemory, 0, 0, 0,
        {}, 3, 1, 3, 0, false);
    row("out of memory: never the same rung again", ErrorClass::OutOfMemory, 0, 0, 0, {}, 3, 2, 3,
        0, false);
    row("out of memory on the alternative: lower resolution", ErrorClass::OutOfMemory, 1, 1, 0, {},
        5, 1, 3, 0, false);
    row("out of memory at lower resolution: fallback", ErrorClass::OutOfMemory, 3, 1, 0, {}, 5, 1,
        4, 0, false);
    row("invalid request: fails fast", ErrorClass::InvalidRequest, 0, 0, 0, {}, 3, 1, -1, 0, false);
    row("cancelled: never retried", ErrorClass::Cancelled, 0, 0, 0, {}, 3, 1, -1, 0, false);
    row("disk full: not a rung change", ErrorClass::DiskFull, 0, 0, 0, {}, 3, 1, -1, 0, false);
    // Video ladder for preference [a]: 0 primary a, 1 lower resolution a, 2 fallback local.
    row("video timeout again: lower resolution on the same provider backs off", ErrorClass::Timeout,
        0, 1, 1, {}, 3, 1, 1, 2, false, Stage::Video);
    row("video out of memory: lower resolution at once", ErrorClass::OutOfMemory, 0, 0, 0, {}, 3, 1,
        1, 0, false, Stage::Video);
    // Voice-over ladder for preference [a]: 0 primary a, 1 alternative settings a, 2 fallback.
    row("voice-over out of memory: no smaller request, fallback", ErrorClass::OutOfMemory, 0, 0, 0,
        {}, 3, 1, 2, 0, false, Stage::Audio);
}

void TestRecoveryPlanner::decide()
{
    QFETCH(Stage, stage);
    QFETCH(ErrorClass, errorClass);
    QFETCH(int, rung);
    QFETCH(int, retriesUsed);
    QFETCH(int, rungFailures);
    QFETCH(QStringList, refusedBy);
    QFETCH(int, maxRetries);
    QFETCH(int, retriesPerRung);
    QFETCH(int, expectedRung);
    QFETCH(int, expectedBackoff);
    QFETCH(bool, expectedRefuse);

    RecoveryPosition position;
    position.ladder = buildLadder(stage, stage == Stage::Image ? QStringList{u"a"_s, u"b"_s}
                                                               : QStringList{u"a"_s});
    position.rungIndex = rung;
    position.retriesUsed = retriesUsed;
    position.rungFailures = rungFailures;
    position.refusedBy = QSet<QString>(refusedBy.cbegin(), refusedBy.cend());
    RetrySettings settings;
    settings.maxRetries = maxRetries;
    settings.retriesPerRung = retriesPerRung;

    const QString failedProvider = position.ladder.at(rung).providerId;
    const RecoveryDecision decision =
        RecoveryPlanner::decide(errorClass, failedProvider, position, settings);
    QCOMPARE(decision.targetRung, expectedRung);
    QCOMPARE(decision.retries(), expectedRung >= 0);
    QCOMPARE(decision.backoffRetryNumber, expectedBackoff);
    QCOMPARE(decision.refuseProvider, expectedRefuse);
}

QTEST_GUILESS_MAIN(TestRecoveryPlanner)
#include "tst_recoveryplanner.moc"
