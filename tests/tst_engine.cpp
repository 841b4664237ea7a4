// The engine against scripted in-process providers: routes of every error class, the
// retry budget, the ladder, the breaker and AIMD seen from the scheduler, the task DAG,
// recovery actions, cancel, the failure archive and resuming from the state store.
#include "engine/engine.h"
#include "enginefixture.h"
#include "report/reportbuilder.h"
#include "store/workspace.h"
#include "testprinters.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace retake;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {
QString img(int n)
{
    return imageTask(n);
}
QString vid(int n)
{
    return videoTask(n);
}
} // namespace

class TestEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void allTasksSucceed();
    // Every route of an error class through the real engine, as seen by the providers.
    void routes_data();
    void routes();
    void retryAfterWins();
    void retryAfterHoldsTheWholeProvider();
    void afterAHoldOneRequestGoesFirst();
    void breakerOpensCoolsDownAndCloses();
    void aimdHalvesOn429AndRecovers();
    void concurrencyCapLowersEveryProvider();
    void videoNeverStartsBeforeItsImage();
    void retryAllFailedTouchesOnlyFailedAndBlocked();
    void switchProviderForOneFailedTask();
    void retryAtFullQualityRerunsDegraded();
    void doneOnAnotherProviderIsItsOwnQuality();
    void cancelStopsEverythingAndLeavesNoPartialFiles();
    void failedAttemptsAreArchivedAndLogged();
    void stagingSlotsAreReusedEmptyAndArchived();
    void unconfiguredProviderLeavesTheWorkingDirectoryAlone();
    void debugLoggingAddsPromptsToTheLog();
    void echoedPromptsAreWithheld_data();
    void echoedPromptsAreWithheld();
    void resumeKeepsDoneTasks();
    void interruptedTaskKeepsItsRetryBudget();
    void updatesAreCoalesced();

private:
    // Opens an engine on `project` with fakes a, b and local; short timers.
    void openEngine(const Project &project);
    bool runToEnd(int timeoutMs = 15000);

    EngineFixture m_f;
    Engine *m_engine = nullptr;
    FakeProvider *m_a = nullptr;
    FakeProvider *m_b = nullptr;
    FakeProvider *m_local = nullptr;
};

void TestEngine::init()
{
    m_f.close();
    m_f.dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_f.dir->isValid());
}

void TestEngine::cleanup()
{
    m_f.close();
}

void TestEngine::openEngine(const Project &project)
{
    QString error;
    QVERIFY2(m_f.open(project, &error), qPrintable(error));
    m_engine = m_f.engine.get();
    m_a = m_f.a;
    m_b = m_f.b;
    m_local = m_f.local;
}

bool TestEngine::runToEnd(int timeoutMs)
{
    return m_f.runToEnd(timeoutMs);
}

void TestEngine::allTasksSucceed()
{
    openEngine(makeProject(3));
    QVERIFY(runToEnd());
    const BatchSummary s = m_engine->summary();
    QCOMPARE(s.total, 6);
    QCOMPARE(s.count(TaskState::Done), 6);
    QCOMPARE(s.qualities.value(Quality::Full), 6);
    QVERIFY(s.allDone());
    QCOMPARE(m_a->callCount(), 6);
    QCOMPARE(m_b->callCount(), 0);
    const TaskSnapshot t = m_engine->task(img(1));
    QCOMPARE(t.outputPath, m_f.path(u"ws/draft/s01/sh01/image.a1.png"_s));
    QVERIFY(QFile::exists(t.outputPath));
    QVERIFY(QFile::exists(m_f.path(u"ws/draft/s01/sh01/video.a1.mp4"_s)));
}

void TestEngine::routes_data()
{
    QTest::addColumn<QList<int>>("scriptA"); // outcomes of a's attempts on shot 1's image
    QTest::addColumn<QList<int>>("scriptB"); // the same for b
    QTest::addColumn<int>("defaultOutcome"); // every other call of a and b (None: success)
    QTest::addColumn<bool>("localFails");    // the built-in fallback fails the same way
    QTest::addColumn<int>("maxRetries");
    QTest::addColumn<bool>("longBackoff"); // a backoff would make the row time out
    QTest::addColumn<QList<int>>("rungs"); // RungKind of each attempt of shot 1's image
    QTest::addColumn<QStringList>("providers");
    QTest::addColumn<int>("state"); // TaskState of shot 1's image
    QTest::addColumn<int>("quality");
    QTest::addColumn<int>("videoState"); // TaskState of shot 1's video
    QTest::addColumn<int>("degraded");   // degraded tasks in the summary, -1: not checked

    const auto i = [](auto value) { return int(value); };
    const int none = i(ErrorClass::None);
    const int primary = i(RungKind::Primary);
    const int alternative = i(RungKind::AlternativeProvider);
    const int fallback = i(RungKind::Fallback);
    QTest::newRow("transient: same rung")
        << QList<int>{i(ErrorClass::Timeout)} << QList<int>{} << none << false << 3 << false
        << QList<int>{primary, primary} << QStringList{u"a"_s, u"a"_s} << i(TaskState::Done)
        << i(Quality::Full) << i(TaskState::Done) << -1;
    QTest::newRow("content policy: simplified prompt, alternative skipped")
        << QList<int>{i(ErrorClass::ContentPolicy)} << QList<int>{} << none << false << 3 << false
        << QList<int>{primary, i(RungKind::SimplifiedPrompt)} << QStringList{u"a"_s, u"a"_s}
        << i(TaskState::Done) << i(Quality::Reduced) << i(TaskState::Done) << -1;
    QTest::newRow("out of memory: lower resolution at once, prompt rungs skipped")
        << QList<int>{i(ErrorClass::OutOfMemory)} << QList<int>{} << none << false << 3 << false
        << QList<int>{primary, i(RungKind::LowerResolution)} << QStringList{u"a"_s, u"a"_s}
        << i(TaskState::Done) << i(Quality::Reduced) << i(TaskState::Done) << -1;
    QTest::newRow("auth: other provider at once")
        << QList<int>{i(ErrorClass::Auth)} << QList<int>{} << none << false << 3 << true
        << QList<int>{primary, alternative} << QStringList{u"a"_s, u"b"_s} << i(TaskState::Done)
        << i(Quality::FullOtherProvider) << i(TaskState::Done) << -1;
    QTest::newRow("quota: neither a nor b again, only the fallback")
        << QList<int>{i(ErrorClass::QuotaExhausted)} << QList<int>{i(ErrorClass::QuotaExhausted)}
        << none << false << 3 << false << QList<int>{primary, alternative, fallback}
        << QStringList{u"a"_s, u"b"_s, u"local"_s} << i(TaskState::Done) << i(Quality::Fallback)
        << i(TaskState::Done) << -1;
    QTest::newRow("invalid request: fails fast and blocks the video")
        << QList<int>{i(ErrorClass::InvalidRequest)} << QList<int>{} << none << false << 3 << false
        << QList<int>{primary} << QStringList{u"a"_s} << i(TaskState::Failed) << i(Quality::None)
        << i(TaskState::Blocked) << -1;
    QTest::newRow("provider cancel: never retried")
        << QList<int>{i(ErrorClass::Cancelled)} << QList<int>{} << none << false << 3 << false
        << QList<int>{primary} << QStringList{u"a"_s} << i(TaskState::Cancelled) << i(Quality::None)
        << i(TaskState::Cancelled) << -1;
    QTest::newRow("never more than three automatic retries; the last is the fallback")
        << QList<int>{} << QList<int>{} << i(ErrorClass::Timeout) << true << 3 << false
        << QList<int>{primary, primary, alternative, fallback}
        << QStringList{u"a"_s, u"a"_s, u"b"_s, u"local"_s} << i(TaskState::Failed)
        << i(Quality::None) << i(TaskState::Blocked) << -1;
    QTest::newRow("the whole ladder in order")
        << QList<int>{} << QList<int>{} << i(ErrorClass::ProviderError) << false << 6 << false
        << QList<int>{primary, alternative, i(RungKind::SimplifiedPrompt),
                      i(RungKind::LowerResolution), fallback}
        << QStringList{u"a"_s, u"b"_s, u"a"_s, u"a"_s, u"local"_s} << i(TaskState::Done)
        << i(Quality::Fallback) << i(TaskState::Done) << 2; // the video fell back as well
}

void TestEngine::routes()
{
    QFETCH(QList<int>, scriptA);
    QFETCH(QList<int>, scriptB);
    QFETCH(int, defaultOutcome);
    QFETCH(bool, localFails);
    QFETCH(int, maxRetries);
    QFETCH(bool, longBackoff);
    QFETCH(QList<int>, rungs);
    QFETCH(QStringList, providers);
    QFETCH(int, state);
    QFETCH(int, quality);
    QFETCH(int, videoState);
    QFETCH(int, degraded);

    // Given two shots; the first one's image meets the scripted failures,
    openEngine(makeProject(2));
    EngineOptions options = m_engine->options();
    options.retry.maxRetries = maxRetries;
    if (longBackoff)
        options.retry.baseDelayMs = 60 * 1000;
    m_engine->setOptions(options);
    const auto outcomes = [](const QList<int> &classes) {
        QList<FakeOutcome> list;
        for (int cls : classes) {
            const auto errorClass = ErrorClass(cls);
            const int status = errorClass == ErrorClass::Auth             ? 401
                               : errorClass == ErrorClass::QuotaExhausted ? 429
                               : errorClass == ErrorClass::InvalidRequest ? 400
                                                                          : 0;
            list << FakeOutcome{errorClass, {}, status};
        }
        return list;
    };
    m_a->script(img(1), outcomes(scriptA));
    m_b->script(img(1), outcomes(scriptB));
    if (ErrorClass(defaultOutcome) != ErrorClass::None) {
        m_a->setDefaultOutcome({ErrorClass(defaultOutcome)});
        m_b->setDefaultOutcome({ErrorClass(defaultOutcome)});
        if (localFails)
            m_local->setDefaultOutcome({ErrorClass(defaultOutcome)});
    }
    // When the batch runs,
    QVERIFY(runToEnd(longBackoff ? 5000 : 15000));
    // then the image's attempts walked the expected rungs on the expected providers,
    QList<int> seenRungs;
    QStringList seenProviders;
    for (const Attempt &a : m_engine->attempts(img(1))) {
        seenRungs << int(a.rung);
        seenProviders << a.providerId;
    }
    QCOMPARE(seenRungs, rungs);
    QCOMPARE(seenProviders, providers);
    QCOMPARE(m_a->callCount(img(1)), int(providers.count(u"a"_s)));
    QCOMPARE(m_b->callCount(img(1)), int(providers.count(u"b"_s)));
    QCOMPARE(m_local->callCount(img(1)), int(providers.count(u"local"_s)));
    QCOMPARE(m_engine->task(img(1)).state, TaskState(state));
    QCOMPARE(m_engine->task(img(1)).quality, Quality(quality));
    QCOMPARE(m_engine->task(vid(1)).state, TaskState(videoState));
    if (TaskState(videoState) == TaskState::Blocked)
        QCOMPARE(m_a->callCount(vid(1)), 0);
    if (TaskState(state) == TaskState::Cancelled)
        QCOMPARE(m_a->callCount(img(1)) + m_b->callCount(img(1)) + m_local->callCount(img(1)), 1);
    if (ErrorClass(defaultOutcome) == ErrorClass::None) {
        // the other shot is not touched by the first one's failures,
        QCOMPARE(m_engine->task(img(2)).state, TaskState::Done);
        QCOMPARE(m_engine->task(vid(2)).state, TaskState::Done);
    }
    if (degraded >= 0)
        QCOMPARE(m_engine->summary().degraded(), degraded + 2); // shot 2 fell back as well
    // and the simpler rungs really asked for less.
    for (const FakeCall &call : m_a->calls()) {
        if (call.taskId != img(1))
            continue;
        if (call.rung == RungKind::SimplifiedPrompt)
            QCOMPARE(call.prompt, u"A lighthouse in a storm"_s);
        if (call.rung == RungKind::LowerResolution)
            QCOMPARE(call.width, 32); // half the size
    }
    if (rungs.contains(int(RungKind::SimplifiedPrompt)) && providers.count(u"b"_s) == 0)
        QCOMPARE(m_b->callCount(), 0); // the alternative provider is skipped
}

void TestEngine::retryAfterWins()
{
    openEngine(makeProject(1));
    m_a->script(img(1), {{ErrorClass::RateLimited, 300, 429}});
    QVERIFY(runToEnd());
    const QList<FakeCall> calls = m_a->calls();
    QVERIFY(calls.size() >= 2);
    QCOMPARE(calls.at(1).taskId, img(1));
    // Backoff is 1 ms; the provider asked for 300 ms and got at least that.
    QVERIFY2(calls.at(1).startedMs - calls.at(0).startedMs >= 295,
             qPrintable(QString::number(calls.at(1).startedMs - calls.at(0).startedMs)));
}

void TestEngine::retryAfterHoldsTheWholeProvider()
{
    // Given one provider that takes one request at a time and three shots,
    openEngine(makeProject(3, {u"a"_s}, {u"a"_s}));
    auto provider = std::make_unique<FakeProvider>(u"a"_s, 1);
    m_a = provider.get();
    m_engine->setProvider(std::move(provider));
    // when its first answer is a 429 asking for 300 ms,
    m_a->script(img(1), {{ErrorClass::RateLimited, 300, 429}});
    QVERIFY(runToEnd());
    // then nothing at all is sent to it for those 300 ms: the other shots wait too
    // instead of bouncing off the same limit.
    const QList<FakeCall> calls = m_a->calls();
    QCOMPARE(calls.size(), 7);
    QCOMPARE(calls.at(0).taskId, img(1));
    for (int c = 1; c < calls.size(); ++c) {
        QVERIFY2(calls.at(c).startedMs - calls.at(0).startedMs >= 295,
                 qPrintable(u"%1 after %2 ms"_s.arg(calls.at(c).taskId)
                                .arg(calls.at(c).startedMs - calls.at(0).startedMs)));
    }
    QCOMPARE(m_engine->summary().count(TaskState::Done), 6);
}

void TestEngine::afterAHoldOneRequestGoesFirst()
{
    // Given a provider taking four requests at a time, answering in 50 ms,
    openEngine(makeProject(6, {u"a"_s}, {u"a"_s}));
    m_a->setLatencyMs(50);
    // whose first answer is a 429 asking for 200 ms (the other images are in flight then),
    m_a->script(img(1), {{ErrorClass::RateLimited, 200, 429}});
    QVERIFY(runToEnd());
    // when the hold is over, one request probes the provider alone, and the rest follow
    // only once it has succeeded.
    const QList<FakeCall> calls = m_a->calls();
    int firstAfterHold = -1;
    for (int c = 1; c < calls.size(); ++c) {
        if (calls.at(c).startedMs - calls.at(0).startedMs >= 195) {
            firstAfterHold = c;
            break;
        }
    }
    QVERIFY(firstAfterHold > 0 && firstAfterHold + 1 < calls.size());
    const qint64 gap = calls.at(firstAfterHold + 1).startedMs - calls.at(firstAfterHold).startedMs;
    QVERIFY2(gap >= 45, qPrintable(u"the next request followed after %1 ms"_s.arg(gap)));
    QCOMPARE(m_engine->summary().count(TaskState::Done), 12);
}

void TestEngine::breakerOpensCoolsDownAndCloses()
{
    const Project project = makeProject(5, {u"a"_s}, {u"a"_s});
    openEngine(project);
    auto provider = std::make_unique<FakeProvider>(u"a"_s, 1); // one request at a time
    m_a = provider.get();
    m_engine->setProvider(std::move(provider));
    EngineOptions options = m_engine->options();
    options.retry.retriesPerRung = 10; // transient failures stay on the primary rung
    options.retry.maxRetries = 10;
    m_engine->setOptions(options);
    int calls = 0;
    m_a->setDecider([&calls](const GenerationRequest &) {
        return ++calls <= 5 ? FakeOutcome{ErrorClass::ProviderUnavailable, std::nullopt, 503}
                            : FakeOutcome{};
    });
    m_engine->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->isBreakerOpen(u"a"_s), 5000);
    ProviderStatus status;
    for (const ProviderStatus &p : m_engine->providerStatuses()) {
        if (p.id == u"a"_s)
            status = p;
    }
    QVERIFY(status.breaker != ProviderStatus::Breaker::Closed);
    QCOMPARE(status.lastError, ErrorClass::ProviderUnavailable);
    QVERIFY(status.recentErrorRate > 0.99);
    QCOMPARE(status.maxLimit, 1);
    QVERIFY(runToEnd());
    QVERIFY(!m_engine->isBreakerOpen(u"a"_s));
    QCOMPARE(m_engine->summary().count(TaskState::Done), 10);
    QCOMPARE(m_engine->summary().qualities.value(Quality::Full), 10); // waited, no degrading
    const QList<FakeCall> log = m_a->calls();
    // The first request after the 5th failure waited for the cool-down (100 ms).
    QVERIFY2(log.at(5).startedMs - log.at(4).startedMs >= 95,
             qPrintable(QString::number(log.at(5).startedMs - log.at(4).startedMs)));
    // The opening is kept in the state: the report's timeline shades the cool-down.
    ReportBuilder report(project, m_engine->workspaceDir());
    QString error;
    QVERIFY2(report.build(QString(), &error), qPrintable(error));
    const QJsonArray open =
        report.json().value(u"timeline"_s).toObject().value(u"breakerOpen"_s).toArray();
    QCOMPARE(open.size(), 1);
    QVERIFY2(open.first().toArray().at(2).toDouble() - open.first().toArray().at(1).toDouble() >=
                 99,
             QJsonDocument(open).toJson().constData());
}

void TestEngine::aimdHalvesOn429AndRecovers()
{
    openEngine(makeProject(40, {u"a"_s}, {u"a"_s}));
    auto provider = std::make_unique<FakeProvider>(u"a"_s, 8);
    m_a = provider.get();
    m_a->setLatencyMs(2);
    m_engine->setProvider(std::move(provider));
    QCOMPARE(m_engine->providerLimit(u"a"_s), 8);
    int calls = 0;
    m_a->setDecider([&calls](const GenerationRequest &) {
        return ++calls <= 8 ? FakeOutcome{ErrorClass::RateLimited, std::nullopt, 429}
                            : FakeOutcome{};
    });
    QList<int> limitsAfter429;
    connect(m_engine, &Engine::attemptFinished, this,
            [this, &limitsAfter429](const QString &, const Attempt &a) {
                if (a.errorClass == ErrorClass::RateLimited)
                    limitsAfter429 << m_engine->providerLimit(u"a"_s);
            });
    QVERIFY(runToEnd());
    QVERIFY(!limitsAfter429.isEmpty());
    QCOMPARE(limitsAfter429.first(), 4); // halved on the first 429
    QCOMPARE(m_engine->summary().count(TaskState::Done), 80);
    QCOMPARE(m_engine->providerLimit(u"a"_s), 8); // recovered by additive increase
}

void TestEngine::concurrencyCapLowersEveryProvider()
{
    openEngine(makeProject(12, {u"a"_s}, {u"a"_s}));
    auto provider = std::make_unique<FakeProvider>(u"a"_s, 6);
    m_a = provider.get();
    m_a->setLatencyMs(5);
    m_engine->setProvider(std::move(provider));
    QCOMPARE(m_engine->providerLimit(u"a"_s), 6);

    // A cap of 2 lowers the profile's 6 (and every other provider's limit) ...
    EngineOptions options = m_engine->options();
    options.concurrencyCap = 2;
    m_engine->setOptions(options);
    QCOMPARE(m_engine->providerLimit(u"a"_s), 2);
    QCOMPARE(m_engine->providerLimit(u"b"_s), 2);
    for (const ProviderStatus &status : m_engine->providerStatuses())
        QVERIFY2(status.maxLimit <= 2, qPrintable(status.id));
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->summary().count(TaskState::Done), 24);
    QCOMPARE(m_a->maxInFlight(), 2);

    // ... but never raises it, and 0 goes back to the profiles.
    options.concurrencyCap = 100;
    m_engine->setOptions(options);
    QCOMPARE(m_engine->providerLimit(u"a"_s), 6);
    options.concurrencyCap = 0;
    m_engine->setOptions(options);
    QCOMPARE(m_engine->providerLimit(u"a"_s), 6);
    // A provider added later gets the cap too.
    options.concurrencyCap = 3;
    m_engine->setOptions(options);
    m_engine->setProvider(std::make_unique<FakeProvider>(u"c"_s, 8));
    QCOMPARE(m_engine->providerLimit(u"c"_s), 3);
}

void TestEngine::videoNeverStartsBeforeItsImage()
{
    openEngine(makeProject(6));
    QStringList violations;
    m_a->setLatencyMs(3);
    m_a->setDecider([this, &violations](const GenerationRequest &r) {
        if (r.stage == Stage::Video) {
            const TaskSnapshot image = m_engine->task(r.shotId + u"/image"_s);
            if (image.state != TaskState::Done || !QFile::exists(r.inputImagePath))
                violations << r.taskId;
        }
        return FakeOutcome{};
    });
    m_a->script(img(2), {{ErrorClass::Timeout}, {ErrorClass::Timeout}});
    QVERIFY(runToEnd());
    QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u", "_s)));
    QCOMPARE(m_engine->summary().count(TaskState::Done), 12);
}

void TestEngine::retryAllFailedTouchesOnlyFailedAndBlocked()
{
    openEngine(makeProject(4));
    m_a->script(img(1), {{ErrorClass::InvalidRequest, {}, 400}});
    m_a->script(vid(2), {{ErrorClass::InvalidRequest, {}, 400}});
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Failed);
    QCOMPARE(m_engine->task(vid(1)).state, TaskState::Blocked);
    QCOMPARE(m_engine->task(vid(2)).state, TaskState::Failed);
    const int doneBefore = m_engine->summary().count(TaskState::Done);
    QCOMPARE(doneBefore, 5);
    QHash<QString, int> callsBefore;
    for (int n = 1; n <= 4; ++n) {
        callsBefore.insert(img(n), m_a->callCount(img(n)));
        callsBefore.insert(vid(n), m_a->callCount(vid(n)));
    }

    // When: the user presses "Retry all failed".
    m_engine->retryAllFailed();
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Queued);
    QCOMPARE(m_engine->task(vid(1)).state, TaskState::Waiting); // unblocked
    QCOMPARE(m_engine->task(vid(2)).state, TaskState::Queued);
    QCOMPARE(m_engine->task(img(3)).state, TaskState::Done);
    QVERIFY(runToEnd());

    // Then: exactly the failed and blocked tasks ran again, and now everything is done.
    QCOMPARE(m_engine->summary().count(TaskState::Done), 8);
    for (const QString &id : {img(1), vid(1), vid(2)})
        QCOMPARE(m_a->callCount(id), callsBefore.value(id) + 1);
    for (const QString &id : {img(2), img(3), img(4), vid(3), vid(4)})
        QCOMPARE(m_a->callCount(id), callsBefore.value(id));
}

void TestEngine::switchProviderForOneFailedTask()
{
    openEngine(makeProject(2));
    m_a->script(img(1), {{ErrorClass::InvalidRequest, {}, 400}});
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Failed);
    m_engine->switchProvider({img(1)}, u"b"_s);
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Done);
    QCOMPARE(m_b->callCount(img(1)), 1);
    QCOMPARE(m_engine->attempts(img(1)).last().providerId, u"b"_s);
    QCOMPARE(m_engine->task(vid(1)).state, TaskState::Done);
}

void TestEngine::retryAtFullQualityRerunsDegraded()
{
    openEngine(makeProject(1));
    m_a->script(img(1), {{ErrorClass::ContentPolicy}});
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->task(img(1)).quality, Quality::Reduced);
    m_engine->retryAtFullQuality({img(1)});
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->task(img(1)).quality, Quality::Full);
    QCOMPARE(m_engine->attempts(img(1)).last().rung, RungKind::Primary);
    QCOMPARE(m_engine->task(vid(1)).state, TaskState::Done); // re-made from the new image
    QCOMPARE(m_a->callCount(vid(1)), 2);
}

void TestEngine::doneOnAnotherProviderIsItsOwnQuality()
{
    // Given a primary provider whose model fails on every job of the batch,
    openEngine(makeProject(2));
    m_a->setDefaultOutcome({ErrorClass::ProviderError});
    // when the batch runs,
    QVERIFY(runToEnd());
    // then the images were made by the alternative at full parameters and say so,
    for (const int shot : {1, 2}) {
        const TaskSnapshot image = m_engine->task(img(shot));
        QCOMPARE(image.state, TaskState::Done);
        QCOMPARE(image.quality, Quality::FullOtherProvider);
        QCOMPARE(m_engine->attempts(img(shot)).last().providerId, u"b"_s);
        QVERIFY(!isDegraded(image.quality));
    }
    // and the summary counts them on their own, not as primary successes nor as degraded
    // (the videos, with no alternative, fell back).
    const BatchSummary s = m_engine->summary();
    QCOMPARE(s.count(TaskState::Done), 4);
    QCOMPARE(s.onOtherProvider(), 2);
    QCOMPARE(s.qualities.value(Quality::Full), 0);
    QCOMPARE(s.degraded(), 2);
    // A retry at full quality leaves them alone: they are at full parameters already.
    m_engine->retryAtFullQuality({img(1)});
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Done);
}

void TestEngine::cancelStopsEverythingAndLeavesNoPartialFiles()
{
    openEngine(makeProject(8));
    m_a->setLatencyMs(200);
    m_a->setWritePartialFiles(true);
    QSignalSpy finished(m_engine, &Engine::batchFinished);
    m_engine->start();
    QTRY_VERIFY(m_a->inFlight() > 0);
    // Work in flight has written partial files somewhere under the workspace.
    const auto partialFiles = [this] {
        QStringList found;
        QDirIterator it(m_f.path(u"ws"_s), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            if (file.endsWith(u"/out.part"_s))
                found << file;
        }
        return found;
    };
    QVERIFY(!partialFiles().isEmpty());
    m_engine->cancel();
    QVERIFY(finished.wait(5000) || finished.count() == 1);
    const BatchSummary s = m_engine->summary();
    QCOMPARE(s.count(TaskState::Running), 0);
    QCOMPARE(s.count(TaskState::Queued), 0);
    QCOMPARE(s.count(TaskState::Retrying), 0);
    QVERIFY(s.count(TaskState::Cancelled) > 0);
    QVERIFY(m_a->cancelCount() > 0);
    const int callsAtCancel = m_a->callCount();
    QTest::qWait(300); // nothing else may be dispatched after cancel
    QCOMPARE(m_a->callCount(), callsAtCancel);
    QDirIterator it(m_f.path(u"ws/draft"_s), QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFAIL(qPrintable(u"partial file left in draft/: "_s + file));
    }
    // Nor anywhere else: a cancelled attempt is not a failure to archive.
    QVERIFY2(partialFiles().isEmpty(), qPrintable(partialFiles().join(u", "_s)));
}

void TestEngine::failedAttemptsAreArchivedAndLogged()
{
    openEngine(makeProject(1));
    // (A rate limit is waited out, not archived: a dead server is a failure.)
    m_a->script(img(1), {{ErrorClass::ProviderUnavailable, {}, 503}});
    QVERIFY(runToEnd());
    const QString dir = m_f.path(u"ws/_failed/sh01-image/attempt-1"_s);
    QFile errorJson(dir + u"/error.json"_s);
    QVERIFY(errorJson.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(errorJson.readAll()).object();
    QCOMPARE(json.value(u"class"_s).toString(), u"provider_unavailable"_s);
    QCOMPARE(json.value(u"httpStatus"_s).toInt(), 503);
    QCOMPARE(json.value(u"provider"_s).toString(), u"a"_s);
    QCOMPARE(json.value(u"rung"_s).toString(), u"primary"_s);
    QFile log(m_f.path(u"ws/logs/error.log"_s));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(log.readAll());
    QVERIFY(text.contains(u"ERROR REPORT"_s));
    QVERIFY(text.contains(u"Task: sh01/image   Stage: image   Provider: a (model a-model)"_s));
    QVERIFY(text.contains(u"Attempt: 1/4   Rung: primary"_s));
    QVERIFY(text.contains(u"Status: RETRYING"_s));
    QVERIFY(text.contains(u"Error Type: provider_unavailable (HTTP 503)"_s));
    QVERIFY(text.contains(u"Failed Artifacts Moved To: _failed/sh01-image/attempt-1/"_s));
    QVERIFY(!text.contains(u"lighthouse"_s)); // no prompt in logs by default
}

// Issue 15, point 3: an attempt stages in a slot that an earlier attempt emptied, not in a
// folder made and removed for it; a failure still takes what its attempt left to _failed/.
void TestEngine::stagingSlotsAreReusedEmptyAndArchived()
{
    openEngine(makeProject(24));
    m_a->setWritePartialFiles(true); // every attempt leaves an out.part in its slot
    m_b->setWritePartialFiles(true);
    m_a->script(img(3), {{ErrorClass::ProviderError, {}, 500}});
    m_a->script(img(7), {{ErrorClass::ProviderError, {}, 500}});
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->summary().count(TaskState::Done), 48);
    const QList<FakeCall> calls = m_a->calls() + m_b->calls();
    QCOMPARE(calls.size(), 50); // a 500 sends the task to "b", where it succeeds
    QSet<QString> slotFolders;
    for (const FakeCall &call : calls) {
        QVERIFY2(call.stagedAtStart.isEmpty(),
                 qPrintable(u"%1 attempt %2 found %3 in %4"_s.arg(call.taskId)
                                .arg(call.attemptNumber)
                                .arg(call.stagedAtStart.join(u", "_s), call.outputDir)));
        slotFolders.insert(call.outputDir);
    }
    // 50 attempts, 4 at a time on "a" (and "b" beside it): a few slots, each used again.
    QVERIFY2(slotFolders.size() <= 12,
             qPrintable(QStringList(slotFolders.cbegin(), slotFolders.cend()).join(u' ')));
    const QDir staging(m_f.path(u"ws/draft/.staging"_s));
    for (const QString &name :
         staging.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
        QVERIFY2(name.startsWith(u"slot-"_s), qPrintable(name));
        QVERIFY2(
            QDir(staging.filePath(name))
                .isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
            qPrintable(name + u" is not empty"_s));
    }
    // Every failed attempt's leftovers went to its archive folder, with its error.json.
    int failed = 0;
    for (const QString &task : {img(3), img(7)}) {
        for (const Attempt &attempt : m_engine->attempts(task)) {
            if (attempt.ok())
                continue;
            failed += 1;
            const QString dir = m_f.path(u"ws/"_s + attempt.archivedTo);
            QVERIFY2(QFile::exists(dir + u"out.part"_s), qPrintable(dir));
            QVERIFY2(QFile::exists(dir + u"error.json"_s), qPrintable(dir));
        }
        QCOMPARE(m_engine->task(task).state, TaskState::Done);
    }
    QCOMPARE(failed, 2);
}

// A task whose provider is not configured fails before it has an attempt folder. That empty
// folder path stood for the current directory: the failure archive moved the working
// directory's files into _failed/ and then deleted the directory (the window, started from
// the home folder, would have deleted it).
void TestEngine::unconfiguredProviderLeavesTheWorkingDirectoryAlone()
{
    QTemporaryDir cwd;
    QVERIFY(cwd.isValid());
    QVERIFY(QDir(cwd.path()).mkpath(u"keep"_s));
    for (const QString &name : {u"precious.txt"_s, u"keep/precious.txt"_s}) {
        QFile file(cwd.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("mine");
    }
    const QString before = QDir::currentPath();
    const auto restore = qScopeGuard([before] { QDir::setCurrent(before); });
    QVERIFY(QDir::setCurrent(cwd.path()));

    openEngine(makeProject(1, {u"nowhere"_s}, {u"nowhere"_s}));
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Failed);
    QVERIFY(QFile::exists(cwd.filePath(u"precious.txt"_s)));
    QVERIFY(QFile::exists(cwd.filePath(u"keep/precious.txt"_s)));
    const QString archived = m_f.path(u"ws/_failed/sh01-image/attempt-1"_s);
    QVERIFY(!QFile::exists(archived + u"/precious.txt"_s));
    QVERIFY(QFile::exists(archived + u"/error.json"_s)); // the failure is still archived
}

void TestEngine::debugLoggingAddsPromptsToTheLog()
{
    openEngine(makeProject(1));
    EngineOptions options = m_engine->options();
    options.debugLogging = true;
    m_engine->setOptions(options);
    m_a = m_f.replaceProvider(u"a"_s, 4);
    m_a->script(img(1), {{ErrorClass::ProviderError, {}, 500}});
    QVERIFY(runToEnd());
    QFile log(m_f.path(u"ws/logs/error.log"_s));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(log.readAll());
    QVERIFY2(text.contains(u"Debug: Prompt: A lighthouse in a storm"_s), qPrintable(text));
}

// Issue 13, defect 8: a provider that echoes the prompt in its error puts no form of it
// into the state, error.log or error.json unless debug logging is on.
void TestEngine::echoedPromptsAreWithheld_data()
{
    QTest::addColumn<bool>("debugLogging");
    QTest::newRow("default") << false;
    QTest::newRow("debug logging") << true;
}

void TestEngine::echoedPromptsAreWithheld()
{
    QFETCH(bool, debugLogging);
    openEngine(makeProject(1));
    EngineOptions options = m_engine->options();
    options.debugLogging = debugLogging;
    m_engine->setOptions(options);
    m_a = m_f.replaceProvider(u"a"_s, 4);
    // Rejected twice, the second time on the simplified prompt, each time echoing it.
    FakeOutcome echo(ErrorClass::ContentPolicy, {}, 400);
    echo.message = u"your prompt '{prompt}' was flagged"_s;
    echo.stderrTail = u"input: {prompt}"_s;
    m_a->script(img(1), {echo, echo});
    QVERIFY(runToEnd());

    QStringList texts;
    for (const Attempt &a : m_engine->attempts(img(1)))
        texts << a.message << a.stderrTail;
    for (int n = 1; n <= 2; ++n) {
        QFile json(m_f.path(u"ws/_failed/sh01-image/attempt-%1/error.json"_s.arg(n)));
        QVERIFY(json.open(QIODevice::ReadOnly));
        texts << QString::fromUtf8(json.readAll());
    }
    QFile log(m_f.path(u"ws/logs/error.log"_s));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString logText = QString::fromUtf8(log.readAll());
    const QString all = texts.join(u'\n');
    QVERIFY(all.contains(u"was flagged"_s));
    if (debugLogging) {
        QVERIFY2(all.contains(u"lighthouse"_s), qPrintable(all));
    } else {
        QVERIFY2(!all.contains(u"lighthouse"_s, Qt::CaseInsensitive), qPrintable(all));
        QVERIFY2(!logText.contains(u"lighthouse"_s, Qt::CaseInsensitive), qPrintable(logText));
        QVERIFY(all.contains(u"[prompt withheld]"_s));
    }
}

void TestEngine::resumeKeepsDoneTasks()
{
    const Project project = makeProject(3);
    openEngine(project);
    m_a->script(img(2), {{ErrorClass::InvalidRequest, {}, 400}});
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->summary().count(TaskState::Done), 4);
    m_f.close();

    // Reopen: done tasks stay done, the failed one stays failed until the user acts.
    openEngine(project);
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Done);
    QCOMPARE(m_engine->task(img(2)).state, TaskState::Failed);
    QCOMPARE(m_engine->task(vid(2)).state, TaskState::Blocked);
    QCOMPARE(m_engine->attempts(img(2)).size(), 1);
    QVERIFY(runToEnd());
    QCOMPARE(m_a->callCount(), 0);

    // Editing shot 3's prompt invalidates its image and video, and only those.
    Project edited = project;
    edited.scenes[0].shots[2].prompt = u"A different prompt"_s;
    m_f.close();
    openEngine(edited);
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Done);
    QCOMPARE(m_engine->task(img(3)).state, TaskState::Queued);
    QCOMPARE(m_engine->task(vid(3)).state, TaskState::Waiting);
    QVERIFY(runToEnd());
    QCOMPARE(m_a->callCount(), 2);
}

void TestEngine::interruptedTaskKeepsItsRetryBudget()
{
    // Given a task on its second attempt after a timeout,
    const Project project = makeProject(1);
    openEngine(project);
    m_a->setLatencyMs(300);
    m_a->script(img(1), {{ErrorClass::Timeout}});
    m_engine->start();
    QTRY_VERIFY(m_engine->attempts(img(1)).size() == 1 &&
                m_engine->task(img(1)).state == TaskState::Running);
    QCOMPARE(m_engine->task(img(1)).retriesUsed, 1);
    // when the process dies (the engine goes away without finishing its jobs; its last
    // coalesced state is what a crash leaves in the database)
    m_f.close();
    // then the reopened batch shows the task interrupted, with the retry it had spent
    // and nothing charged for the attempt that was cut off,
    openEngine(project);
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Interrupted);
    QCOMPARE(m_engine->task(img(1)).retriesUsed, 1);
    QCOMPARE(m_engine->attempts(img(1)).size(), 1);
    // and the resumed run finishes it without spending another retry.
    QVERIFY(runToEnd());
    QCOMPARE(m_engine->task(img(1)).state, TaskState::Done);
    QCOMPARE(m_engine->task(img(1)).retriesUsed, 1);
    QCOMPARE(m_engine->attempts(img(1)).size(), 2);
    QCOMPARE(m_engine->attempts(img(1)).last().rung, RungKind::Primary);
}

void TestEngine::updatesAreCoalesced()
{
    openEngine(makeProject(20));
    EngineOptions options = m_engine->options();
    options.updateIntervalMs = 50;
    m_engine->setOptions(options);
    QSignalSpy updates(m_engine, &Engine::tasksUpdated);
    QVERIFY(runToEnd());
    QTRY_VERIFY(updates.count() > 0);
    int snapshots = 0;
    for (const QList<QVariant> &args : updates)
        snapshots += int(args.at(0).value<QList<TaskSnapshot>>().size());
    // 40 tasks pass through at least queued -> running -> done: far more changes than
    // emissions, and each emission carries several tasks.
    QVERIFY2(updates.count() < snapshots,
             qPrintable(u"%1 emissions for %2 snapshots"_s.arg(updates.count()).arg(snapshots)));
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
