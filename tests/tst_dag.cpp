// The task DAG beyond shots: a scene's voice-over and assembly, and the final assembly,
// which wait for every recovery attempt and never drop a shot silently.
#include "enginefixture.h"
#include "report/statereader.h"
#include "testprinters.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace retake;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

// Two scenes of two shots; scene s01 has a voice-over.
Project assembledProject()
{
    Project project = makeProject(0);
    project.assemble = true;
    project.scenes.clear();
    for (int s = 1; s <= 2; ++s) {
        Scene scene;
        scene.id = u"s0%1"_s.arg(s);
        for (int n = 1; n <= 2; ++n) {
            Shot shot;
            shot.id = u"s0%1-sh0%2"_s.arg(s).arg(n);
            shot.prompt = u"Shot %1 of scene %2."_s.arg(n).arg(s);
            shot.video.durationSec = 1.5;
            scene.shots << shot;
        }
        if (s == 1)
            scene.voiceOver = {u"The keeper climbs the stairs."_s, {}, u"en"_s};
        project.scenes << scene;
    }
    return project;
}

} // namespace

class TestDag : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_f = std::make_unique<EngineFixture>(); }
    void cleanup() { m_f.reset(); }

    void tasksOfAnAssembledStoryboard();
    void assemblyWaitsForEveryRetry();
    void failedShotBecomesASlateAndDegradesTheScene();
    void sceneWithASlateIsNotCutAgain();
    void finalAssemblyWaitsForAllScenes();
    void cancelledBatchDoesNotAssemble();
    void retryOfAShotReassembles();
    void failedAssemblyKeepsFfmpegsStderrTail();

private:
    std::unique_ptr<EngineFixture> m_f;
};

void TestDag::tasksOfAnAssembledStoryboard()
{
    QVERIFY(m_f->open(assembledProject()));
    Engine &e = *m_f->engine;
    QCOMPARE(e.summary().total, 8 + 1 + 2 + 1); // shots' images and videos, audio, cuts
    QCOMPARE(e.task(u"s01/audio"_s).stage, Stage::Audio);
    QCOMPARE(e.task(u"s01/audio"_s).state, TaskState::Queued);
    QCOMPARE(e.task(u"s01/assemble"_s).state, TaskState::Waiting);
    QCOMPARE(e.task(u"final/assemble"_s).state, TaskState::Waiting);
    QVERIFY(e.task(u"s02/audio"_s).id.isEmpty()); // no voice-over, no audio task
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.summary().count(TaskState::Done), 12);
    // The scene cut got its clips in order, with durations, and the voice-over.
    FakeCall cut;
    for (const FakeCall &call : m_f->local->calls()) {
        if (call.taskId == u"s01/assemble"_s)
            cut = call;
    }
    QCOMPARE(cut.clips.size(), 2);
    QVERIFY(cut.clips.at(0).path.endsWith(u"draft/s01/s01-sh01/video.a1.mp4"_s));
    QCOMPARE(cut.clips.at(1).durationSec, 1.5);
    QVERIFY(cut.audioPath.endsWith(u".wav"_s) || cut.audioPath.endsWith(u".mp4"_s) ||
            !cut.audioPath.isEmpty());
    FakeCall final;
    for (const FakeCall &call : m_f->local->calls()) {
        if (call.taskId == u"final/assemble"_s)
            final = call;
    }
    QCOMPARE(final.clips.size(), 2);
    QCOMPARE(final.clips.at(0).durationSec, 3.0);
}

void TestDag::assemblyWaitsForEveryRetry()
{
    QVERIFY(m_f->open(assembledProject()));
    Engine &e = *m_f->engine;
    EngineOptions options = e.options();
    options.retry.baseDelayMs = 80; // the video is retrying for a while
    options.retry.retriesPerRung = 2;
    e.setOptions(options);
    m_f->a = m_f->replaceProvider(u"a"_s, 4);
    m_f->local = m_f->replaceProvider(u"local"_s, 4);
    m_f->a->script(u"s01-sh02/video"_s, {{ErrorClass::Timeout}, {ErrorClass::Timeout}});
    QStringList violations;
    m_f->local->setDecider([&](const GenerationRequest &r) {
        if (r.stage == Stage::Assembly && r.sceneId == u"s01"_s) {
            for (const TaskSnapshot &t : e.tasks()) {
                if (t.sceneId == u"s01"_s && t.stage != Stage::Assembly && !isFinal(t.state))
                    violations << t.id + u" was "_s + nameOf(t.state);
            }
        }
        return FakeOutcome{};
    });
    QVERIFY(m_f->runToEnd());
    QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u", "_s)));
    QCOMPARE(e.attempts(u"s01-sh02/video"_s).size(), 3);
    QCOMPARE(e.task(u"s01/assemble"_s).state, TaskState::Done);
    QCOMPARE(e.task(u"s01/assemble"_s).quality, Quality::Full);
}

void TestDag::failedShotBecomesASlateAndDegradesTheScene()
{
    QVERIFY(m_f->open(assembledProject()));
    Engine &e = *m_f->engine;
    m_f->a->script(u"s02-sh01/image"_s, {{ErrorClass::InvalidRequest, {}, 400}});
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.task(u"s02-sh01/image"_s).state, TaskState::Failed);
    QCOMPARE(e.task(u"s02-sh01/video"_s).state, TaskState::Blocked);
    QCOMPARE(e.task(u"s02/assemble"_s).state, TaskState::Done);
    QCOMPARE(e.task(u"s02/assemble"_s).quality, Quality::Reduced); // degraded, not dropped
    FakeCall cut;
    for (const FakeCall &call : m_f->local->calls()) {
        if (call.taskId == u"s02/assemble"_s)
            cut = call;
    }
    QCOMPARE(cut.clips.size(), 2);
    QVERIFY(cut.clips.at(0).path.isEmpty());
    QCOMPARE(cut.clips.at(0).slateLabel, u"s02-sh01"_s);
    QCOMPARE(cut.clips.at(0).slateReason, u"blocked"_s);
    QCOMPARE(cut.clips.at(0).durationSec, 1.5); // same duration as the shot
    QCOMPARE(e.task(u"final/assemble"_s).state, TaskState::Done);
    QCOMPARE(e.task(u"final/assemble"_s).quality, Quality::Reduced);
}

// Issue 13 defect 7: every run used to cut again a scene with a blocked shot (and the final
// film), because the restored video was compared while still "waiting".
void TestDag::sceneWithASlateIsNotCutAgain()
{
    QVERIFY(m_f->open(assembledProject()));
    m_f->a->script(u"s02-sh01/image"_s, {{ErrorClass::InvalidRequest, {}, 400}});
    QVERIFY(m_f->runToEnd());
    QCOMPARE(m_f->engine->task(u"s02-sh01/video"_s).state, TaskState::Blocked);
    QCOMPARE(m_f->local->callCount(u"s02/assemble"_s), 1);
    const QString cut = m_f->engine->task(u"s02/assemble"_s).outputPath;
    const QString film = m_f->engine->task(u"final/assemble"_s).outputPath;

    for (int run = 2; run <= 3; ++run) {
        QVERIFY(m_f->open(assembledProject()));
        QVERIFY(m_f->runToEnd());
        const Engine &e = *m_f->engine;
        QCOMPARE(e.task(u"s02-sh01/image"_s).state, TaskState::Failed);
        QCOMPARE(e.task(u"s02/assemble"_s).state, TaskState::Done);
        QCOMPARE(e.task(u"s02/assemble"_s).outputPath, cut);
        QCOMPARE(e.task(u"final/assemble"_s).outputPath, film);
        QCOMPARE(m_f->local->callCount(u"s02/assemble"_s), 0);
        QCOMPARE(m_f->local->callCount(u"final/assemble"_s), 0);
    }
}

void TestDag::finalAssemblyWaitsForAllScenes()
{
    QVERIFY(m_f->open(assembledProject()));
    Engine &e = *m_f->engine;
    QStringList order;
    m_f->local->setDecider([&](const GenerationRequest &r) {
        order << r.taskId;
        return FakeOutcome{};
    });
    QVERIFY(m_f->runToEnd());
    QCOMPARE(order.last(), u"final/assemble"_s);
    QVERIFY(order.indexOf(u"s01/assemble"_s) < order.indexOf(u"final/assemble"_s));
    QVERIFY(order.indexOf(u"s02/assemble"_s) < order.indexOf(u"final/assemble"_s));
    QCOMPARE(e.task(u"final/assemble"_s).state, TaskState::Done);
}

void TestDag::cancelledBatchDoesNotAssemble()
{
    QVERIFY(m_f->open(assembledProject()));
    Engine &e = *m_f->engine;
    m_f->a->setLatencyMs(200);
    QSignalSpy finished(&e, &Engine::batchFinished);
    e.start();
    QTRY_VERIFY(m_f->a->inFlight() > 0);
    e.cancel();
    QVERIFY(finished.wait(5000) || finished.count() == 1);
    QCOMPARE(e.task(u"s01/assemble"_s).state, TaskState::Cancelled);
    QCOMPARE(e.task(u"final/assemble"_s).state, TaskState::Cancelled);
    for (const FakeCall &call : m_f->local->calls())
        QVERIFY2(!call.taskId.endsWith(u"/assemble"_s), qPrintable(call.taskId));
}

void TestDag::retryOfAShotReassembles()
{
    QVERIFY(m_f->open(assembledProject()));
    Engine &e = *m_f->engine;
    m_f->a->script(u"s02-sh01/image"_s, {{ErrorClass::InvalidRequest, {}, 400}});
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.task(u"s02/assemble"_s).quality, Quality::Reduced);
    e.retryAllFailed();
    QCOMPARE(e.task(u"s02/assemble"_s).state, TaskState::Waiting);
    QCOMPARE(e.task(u"final/assemble"_s).state, TaskState::Waiting);
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.task(u"s02/assemble"_s).quality, Quality::Full);
    QCOMPARE(e.task(u"final/assemble"_s).quality, Quality::Full);
}

void TestDag::failedAssemblyKeepsFfmpegsStderrTail()
{
    // Given a scene cut whose ffmpeg fails with a few lines on stderr
    QVERIFY(m_f->open(assembledProject()));
    Engine &e = *m_f->engine;
    const QString tail = u"[aac @ 0x55d1] Too many packets buffered for output stream 0:1.\n"
                         u"[out#0/mp4 @ 0x55d2] Error muxing a packet\nConversion failed!"_s;
    m_f->local->setDecider([&](const GenerationRequest &r) {
        if (r.taskId != u"s01/assemble"_s)
            return FakeOutcome{};
        FakeOutcome failure(ErrorClass::ProviderError);
        failure.stderrTail = tail;
        return failure;
    });

    // When the batch runs
    QVERIFY(m_f->runToEnd());

    // Then the failed attempt keeps the tail, in memory, in the state database and beside
    // the attempt's archived files
    QCOMPARE(e.task(u"s01/assemble"_s).state, TaskState::Failed);
    const QList<Attempt> attempts = e.attempts(u"s01/assemble"_s);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().stderrTail, tail);
    StateReader reader;
    QString error;
    QVERIFY2(reader.open(m_f->path(u"ws/state.sqlite"_s), &error), qPrintable(error));
    QCOMPARE(reader.attempts().value(u"s01/assemble"_s).value(0).stderrTail, tail);
    QFile json(m_f->path(u"ws/"_s) + attempts.first().archivedTo + u"error.json"_s);
    QVERIFY2(json.open(QIODevice::ReadOnly), qPrintable(json.fileName()));
    QCOMPARE(QJsonDocument::fromJson(json.readAll()).object().value(u"stderrTail"_s).toString(),
             tail);
    // And other attempts keep none: providers without a tool say nothing there
    QVERIFY(e.attempts(u"s01-sh01/image"_s).value(0).stderrTail.isEmpty());
}

QTEST_GUILESS_MAIN(TestDag)
#include "tst_dag.moc"
