// Durable state seen through the engine: checkpoints (round trip, dependents, undo, and
// the automatic ones), path confinement of hostile outputs, disk-full pauses that spend
// no retry budget (and that a re-check lifts at once), a published/ tree that no run
// touches, a budget cap that keeps what is in flight, and runs suspended on purpose.
#include "enginefixture.h"
#include "report/reportbuilder.h"
#include "store/publisher.h"
#include "testprinters.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>

using namespace retake;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

QMap<QString, QByteArray> treeHashes(const QString &root)
{
    QMap<QString, QByteArray> hashes;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            hashes.insert(file, QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256));
    }
    return hashes;
}

// Records checkpoint `id` as an older Retake (schema 5) made it: a copy of the whole state
// file in checkpoints/ (left out when `withFile` is false: a row whose file is gone).
CheckpointInfo addFileCheckpoint(const QString &workspace, const QString &id, bool withFile)
{
    CheckpointInfo info;
    info.id = id;
    info.file = u"checkpoints/%1.sqlite"_s.arg(id);
    const QString copy = QDir(workspace).filePath(info.file);
    const auto exec = [](const QString &path, const QStringList &statements) {
        const QString name = u"file-checkpoint-"_s + path;
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            ok = db.open();
            for (const QString &sql : statements) {
                QSqlQuery query(db);
                if (ok && !query.exec(sql)) {
                    qWarning() << sql << query.lastError().text();
                    ok = false;
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    };
    const QString state = QDir(workspace).filePath(u"state.sqlite"_s);
    if (withFile && (!QDir().mkpath(QFileInfo(copy).absolutePath()) ||
                     !exec(state, {u"VACUUM INTO '%1'"_s.arg(copy)}) ||
                     !exec(copy, {u"DROP TABLE checkpoint_tasks"_s, u"DROP TABLE meta"_s,
                                  u"ALTER TABLE checkpoints DROP COLUMN meta_json"_s,
                                  u"PRAGMA user_version = 5"_s}))) {
        return {};
    }
    if (!exec(state, {u"INSERT INTO checkpoints (id, created_at, reason, file, counts_json,"
                      u" size_bytes) VALUES ('%1', '2026-01-01T00:00:00.000Z', 'manual',"
                      u" '%2', '{}', 1)"_s.arg(id, info.file)}))
        return {};
    return info;
}

} // namespace

class TestDurability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_f = std::make_unique<EngineFixture>(); }
    void cleanup() { m_f.reset(); }

    void checkpointRoundTripRollsBackDependents();
    void restoreIsUndoable();
    void restoreIsRefusedWhileRunning();
    void automaticCheckpoints();
    void checkpointSurvivesReopen();
    void interruptedCheckpointLeftoversAreCleanedOnOpen();
    void olderFileCheckpointsRestoreAndKeepTheirOutputs();
    void confinement_data();
    void confinement();
    void diskFullProbePausesWithoutSpendingBudget();
    void truncatedOutputOnAFullDrivePausesInsteadOfDegrading();
    void diskFullWriteErrorPausesAndResumes();
    void publishedTreeIsNeverTouchedByARun();
    void discardKeepsReferencedOutputs();
    void budgetCapStopsDispatchingBeforeTheCap();
    void budgetCapKeepsWhatIsInFlight();
    void diskRecheckResumesWithoutWaitingForThePoll();
    void suspendedRunIsNotACrash();
    void shutDownMidRunIsNotACrash();
    void readerWritesNothing();

private:
    std::unique_ptr<EngineFixture> m_f;
};

void TestDurability::checkpointRoundTripRollsBackDependents()
{
    QVERIFY(m_f->open(makeProject(2)));
    m_f->a->script(imageTask(1), {{ErrorClass::ContentPolicy}});
    QVERIFY(m_f->runToEnd());
    Engine &e = *m_f->engine;
    const TaskSnapshot imageBefore = e.task(imageTask(1));
    const TaskSnapshot videoBefore = e.task(videoTask(1));
    QCOMPARE(imageBefore.quality, Quality::Reduced);

    // Given a checkpoint of the degraded state
    QString error;
    const CheckpointInfo cp = e.createCheckpoint(u"manual"_s, &error);
    QVERIFY2(!cp.id.isEmpty(), qPrintable(error));
    QVERIFY(QFile::exists(m_f->path(u"ws/"_s + cp.file)));
    QCOMPARE(e.checkpoints().last().id, cp.id);
    QVERIFY(cp.countsJson.contains(u"\"done\":4"_s));

    // When the image is re-made at full quality (and its video with it)
    e.retryAtFullQuality({imageTask(1)});
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.task(imageTask(1)).quality, Quality::Full);
    const QString laterImage = e.task(imageTask(1)).outputPath;
    const QString laterVideo = e.task(videoTask(1)).outputPath;
    QVERIFY(laterVideo != videoBefore.outputPath);

    // Then restoring the checkpoint rolls the image and its dependent video back
    QVERIFY2(e.restoreCheckpoint(cp.id, &error), qPrintable(error));
    QCOMPARE(e.task(imageTask(1)).quality, Quality::Reduced);
    QCOMPARE(e.task(imageTask(1)).outputPath, imageBefore.outputPath);
    QCOMPARE(e.task(videoTask(1)).outputPath, videoBefore.outputPath);
    QCOMPARE(e.task(imageTask(2)).state, TaskState::Done);
    // ... without deleting the later outputs
    QVERIFY(QFile::exists(laterImage));
    QVERIFY(QFile::exists(laterVideo));
    // ... and nothing runs again after a restore to a finished state
    const int calls = m_f->a->callCount();
    QVERIFY(m_f->runToEnd());
    QCOMPARE(m_f->a->callCount(), calls);
}

void TestDurability::restoreIsUndoable()
{
    QVERIFY(m_f->open(makeProject(1)));
    m_f->a->script(imageTask(1), {{ErrorClass::InvalidRequest, {}, 400}});
    QVERIFY(m_f->runToEnd());
    Engine &e = *m_f->engine;
    QString error;
    const CheckpointInfo failedState = e.createCheckpoint(u"manual"_s, &error);
    e.retryAllFailed(); // makes its own checkpoint first
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.task(videoTask(1)).state, TaskState::Done);

    QSignalSpy restored(&e, &Engine::restored);
    QVERIFY2(e.restoreCheckpoint(failedState.id, &error), qPrintable(error));
    QCOMPARE(e.task(imageTask(1)).state, TaskState::Failed);
    QCOMPARE(e.task(videoTask(1)).state, TaskState::Blocked);
    QCOMPARE(restored.count(), 1);
    const QString undoId = restored.first().at(1).toString();
    QVERIFY(e.checkpoints().last().reason.contains(u"before restore"_s));

    // Undo the restore: back to everything done.
    QVERIFY2(e.restoreCheckpoint(undoId, &error), qPrintable(error));
    QCOMPARE(e.task(imageTask(1)).state, TaskState::Done);
    QCOMPARE(e.task(videoTask(1)).state, TaskState::Done);

    QVERIFY(!e.restoreCheckpoint(u"cp-nope"_s, &error));
    QVERIFY(error.contains(u"no checkpoint \"cp-nope\""_s));
}

void TestDurability::restoreIsRefusedWhileRunning()
{
    QVERIFY(m_f->open(makeProject(2)));
    Engine &e = *m_f->engine;
    QString error;
    const CheckpointInfo cp = e.createCheckpoint(u"manual"_s, &error);
    m_f->a->setLatencyMs(300);
    e.start();
    QTRY_VERIFY(e.counts(TaskState::Running) > 0);
    QVERIFY(!e.restoreCheckpoint(cp.id, &error));
    QVERIFY2(error.contains(u"running"_s), qPrintable(error));
    e.cancel();
}

void TestDurability::automaticCheckpoints()
{
    QVERIFY(m_f->open(makeProject(3)));
    m_f->a->script(imageTask(2), {{ErrorClass::InvalidRequest, {}, 400}});
    Engine &e = *m_f->engine;
    QVERIFY(m_f->runToEnd());
    QTRY_VERIFY(e.checkpoints().size() >= 2);
    QStringList reasons;
    for (const CheckpointInfo &info : e.checkpoints())
        reasons << info.reason;
    QVERIFY2(reasons.contains(u"all images finished"_s), qPrintable(reasons.join(u", "_s)));
    QVERIFY2(reasons.contains(u"all videos finished"_s), qPrintable(reasons.join(u", "_s)));
    // Every bulk action checkpoints first.
    const int before = int(e.checkpoints().size());
    e.retryAllFailed();
    QCOMPARE(e.checkpoints().size(), before + 1);
    QCOMPARE(e.checkpoints().last().reason, u"before retry all failed"_s);
    QVERIFY(m_f->runToEnd());
    e.switchProvider({imageTask(1)}, u"b"_s);
    QVERIFY(e.checkpoints().last().reason.startsWith(u"before switch to provider b"_s));
}

void TestDurability::checkpointSurvivesReopen()
{
    const Project project = makeProject(1);
    QVERIFY(m_f->open(project));
    QVERIFY(m_f->runToEnd());
    QString error;
    const CheckpointInfo cp = m_f->engine->createCheckpoint(u"manual"_s, &error);
    QVERIFY(m_f->open(project));
    bool found = false;
    for (const CheckpointInfo &info : m_f->engine->checkpoints())
        found |= info.id == cp.id;
    QVERIFY(found);
    QVERIFY2(m_f->engine->restoreCheckpoint(cp.id, &error), qPrintable(error));
}

// A kill while a checkpoint was written: an older Retake left its row without the file, and
// a partial copy is left beside the checkpoints. The next open cleans both up.
void TestDurability::interruptedCheckpointLeftoversAreCleanedOnOpen()
{
    const Project project = makeProject(1);
    QVERIFY(m_f->open(project));
    QVERIFY(m_f->runToEnd());
    Engine &e = *m_f->engine;
    QString error;
    const CheckpointInfo kept = e.createCheckpoint(u"manual"_s, &error);
    QVERIFY2(!kept.id.isEmpty(), qPrintable(error));
    // (Checkpoints are rows from schema 6 on: the broken one is an older Retake's file.)
    const CheckpointInfo broken =
        addFileCheckpoint(m_f->path(u"ws"_s), u"cp-20260101-000000-8"_s, false);
    QVERIFY(!broken.id.isEmpty());
    const QString partial = m_f->path(u"ws/checkpoints/cp-20260101-000000-9.sqlite.part"_s);
    QVERIFY(QDir().mkpath(QFileInfo(partial).absolutePath()));
    {
        QFile stray(partial);
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.write("SQLite format 3\0 half of a copy");
    }

    QVERIFY(m_f->open(project));
    Engine &reopened = *m_f->engine;
    // discard works again,
    qint64 freed = 0;
    error.clear();
    QVERIFY2(reopened.discardUnreferencedOutputs(false, &freed, &error) >= 0, qPrintable(error));
    // the list holds only checkpoints that can be restored, the partial copy is gone,
    QStringList ids;
    for (const CheckpointInfo &info : reopened.checkpoints())
        ids << info.id;
    QVERIFY2(!ids.contains(broken.id), qPrintable(ids.join(u", "_s)));
    QVERIFY(ids.contains(kept.id));
    QVERIFY(!QFile::exists(partial));
    // restoring the broken one says its file is gone, and the others still restore.
    QVERIFY(!reopened.restoreCheckpoint(broken.id, &error));
    QVERIFY2(error.contains(u"is gone"_s) && error.contains(broken.file), qPrintable(error));
    QVERIFY2(reopened.restoreCheckpoint(kept.id, &error), qPrintable(error));
}

// A workspace checkpointed by an older Retake (a copy of the whole file): its checkpoint is
// listed, restores (undoably, the undo being rows), and keeps its outputs from discard.
void TestDurability::olderFileCheckpointsRestoreAndKeepTheirOutputs()
{
    const Project project = makeProject(1);
    QVERIFY(m_f->open(project));
    m_f->a->script(imageTask(1), {{ErrorClass::ContentPolicy}});
    QVERIFY(m_f->runToEnd());
    QString error;
    QVERIFY2(m_f->engine->commitState(&error), qPrintable(error));
    const QString degradedImage = m_f->engine->task(imageTask(1)).outputPath;
    const CheckpointInfo old =
        addFileCheckpoint(m_f->path(u"ws"_s), u"cp-20260101-000000-7"_s, true);
    QVERIFY(!old.id.isEmpty());
    m_f->engine->retryAtFullQuality({imageTask(1)});
    QVERIFY(m_f->runToEnd());
    const QString fullImage = m_f->engine->task(imageTask(1)).outputPath;
    QVERIFY(fullImage != degradedImage);

    // When the workspace is opened again, the older checkpoint is listed
    QVERIFY(m_f->open(project));
    Engine &e = *m_f->engine;
    QStringList ids;
    for (const CheckpointInfo &info : e.checkpoints())
        ids << info.id;
    QVERIFY2(ids.contains(old.id), qPrintable(ids.join(u", "_s)));
    // and restores, its undo kept as rows,
    QSignalSpy restored(&e, &Engine::restored);
    QVERIFY2(e.restoreCheckpoint(old.id, &error), qPrintable(error));
    QCOMPARE(e.task(imageTask(1)).quality, Quality::Reduced);
    QCOMPARE(e.task(imageTask(1)).outputPath, degradedImage);
    QCOMPARE(restored.count(), 1);
    const QString undoId = restored.first().at(1).toString();
    QVERIFY(e.checkpoints().last().file.isEmpty());
    // discard keeps what the undo checkpoint points to,
    qint64 freed = 0;
    QCOMPARE(e.discardUnreferencedOutputs(false, &freed, &error), 0);
    QVERIFY(QFile::exists(fullImage));
    // and after the undo, what the older checkpoint points to.
    QVERIFY2(e.restoreCheckpoint(undoId, &error), qPrintable(error));
    QCOMPARE(e.task(imageTask(1)).outputPath, fullImage);
    QCOMPARE(e.discardUnreferencedOutputs(false, &freed, &error), 0);
    QVERIFY(QFile::exists(degradedImage));
}

void TestDurability::confinement_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("symlink");
    QTest::newRow("../x.png") << u"../x.png"_s << false;
    QTest::newRow("../../../../x.png") << u"../../../../x.png"_s << false;
    QTest::newRow("/etc/x") << u"/etc/x"_s << false;
    QTest::newRow("symlink escape") << u"out.png"_s << true;
}

void TestDurability::confinement()
{
    QFETCH(QString, name);
    QFETCH(bool, symlink);
    QVERIFY(m_f->open(makeProject(1)));
    const QString outside = m_f->path(u"outside.png"_s);
    {
        QFile file(outside);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not yours");
    }
    m_f->a->script(imageTask(1), {FakeOutcome::hostile(name, symlink ? outside : QString())});
    QVERIFY(m_f->runToEnd());
    const QList<Attempt> attempts = m_f->engine->attempts(imageTask(1));
    QVERIFY(attempts.size() >= 2);
    QCOMPARE(attempts.first().errorClass, ErrorClass::UnsafeOutput);
    QVERIFY(attempts.first().outputPath.isEmpty());
    // The next rung made the image; the hostile file is not the task's output.
    QCOMPARE(m_f->engine->task(imageTask(1)).state, TaskState::Done);
    QVERIFY(!m_f->engine->task(imageTask(1)).outputPath.contains(name.section(u'/', -1)) ||
            !symlink);
    // Nothing outside the workspace was written or removed.
    QFile file(outside);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("not yours"));
    QVERIFY(!QFile::exists(u"/etc/x"_s) || name != u"/etc/x"_s);
    QVERIFY(!QFile::exists(m_f->path(u"x.png"_s)));
    QDirIterator it(m_f->path(u"ws"_s), {u"x.png"_s}, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY2(!it.hasNext(), "Retake never writes a file under a provider-supplied name");
    if (symlink) {
        // The symlink itself was moved to _untrusted/<task>/.
        QVERIFY(QFileInfo(m_f->path(u"ws/_untrusted/sh01-image/out.png"_s)).isSymLink());
    }
}

void TestDurability::diskFullProbePausesWithoutSpendingBudget()
{
    QVERIFY(m_f->open(makeProject(2)));
    Engine &e = *m_f->engine;
    auto freeBytes = std::make_shared<std::atomic<qint64>>(10 * 1024 * 1024); // 10 MB
    EngineOptions options = e.options();
    options.diskReserveBytes = 100 * 1024 * 1024;
    options.freeSpaceProbe = [freeBytes](const QString &) { return freeBytes->load(); };
    e.setOptions(options);
    m_f->a = m_f->replaceProvider(u"a"_s, 4);
    QSignalSpy paused(&e, &Engine::pausedChanged);
    e.start();
    QTRY_VERIFY(paused.count() >= 1);
    QCOMPARE(paused.first().at(0).toBool(), true);
    QCOMPARE(paused.first().at(1).value<PauseReason>(), PauseReason::DiskFull);
    QCOMPARE(e.summary().pauseReason, PauseReason::DiskFull);
    QTest::qWait(100);
    QCOMPARE(m_f->a->callCount(), 0); // nothing dispatched while the disk is full

    // When space returns, the batch resumes by itself.
    freeBytes->store(qint64(1) << 40);
    QSignalSpy finished(&e, &Engine::batchFinished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(e.summary().count(TaskState::Done), 4);
    for (const TaskSnapshot &t : e.tasks())
        QCOMPARE(t.retriesUsed, 0);
}

void TestDurability::truncatedOutputOnAFullDrivePausesInsteadOfDegrading()
{
    // Given a drive that fills up while the first image is being made (less than a
    // megabyte left, below a 600 KB reserve once it is full),
    QVERIFY(m_f->open(makeProject(1)));
    Engine &e = *m_f->engine;
    auto freeBytes = std::make_shared<std::atomic<qint64>>(qint64(1) << 40);
    EngineOptions options = e.options();
    options.verifyOutputs = true;
    options.diskReserveBytes = 600 * 1024;
    options.freeSpaceProbe = [freeBytes](const QString &) { return freeBytes->load(); };
    e.setOptions(options);
    // and a tool that leaves its output cut short (it does not decode),
    int calls = 0;
    m_f->a->setDecider([&calls, freeBytes](const GenerationRequest &) {
        if (++calls > 1)
            return FakeOutcome();
        freeBytes->store(512 * 1024);
        return FakeOutcome::hostile(u"out.png"_s);
    });
    QSignalSpy paused(&e, &Engine::pausedChanged);
    e.start();

    // when it is verified, the batch pauses for the disk instead of moving down the ladder,
    QTRY_VERIFY(!e.attempts(imageTask(1)).isEmpty());
    const Attempt first = e.attempts(imageTask(1)).first();
    QCOMPARE(first.errorClass, ErrorClass::DiskFull);
    QVERIFY(!first.countedAgainstBudget);
    QVERIFY(paused.count() >= 1);
    QCOMPARE(paused.first().at(1).value<PauseReason>(), PauseReason::DiskFull);
    QCOMPARE(calls, 1); // nothing more is sent while the drive is full

    // and once there is room the same rung runs again, at full quality, with no retry spent.
    options.verifyOutputs = false; // the fake's later outputs are not real images
    e.setOptions(options);
    freeBytes->store(qint64(1) << 40);
    QVERIFY(m_f->runToEnd());
    const TaskSnapshot image = e.task(imageTask(1));
    QCOMPARE(image.state, TaskState::Done);
    QCOMPARE(image.quality, Quality::Full);
    QCOMPARE(image.retriesUsed, 0);
    QCOMPARE(e.attempts(imageTask(1)).last().rung, RungKind::Primary);
    QCOMPARE(e.attempts(imageTask(1)).last().providerId, u"a"_s);
}

void TestDurability::diskFullWriteErrorPausesAndResumes()
{
    QVERIFY(m_f->open(makeProject(1)));
    Engine &e = *m_f->engine;
    auto freeBytes = std::make_shared<std::atomic<qint64>>(qint64(1) << 40);
    EngineOptions options = e.options();
    options.freeSpaceProbe = [freeBytes](const QString &) { return freeBytes->load(); };
    e.setOptions(options);
    m_f->a = m_f->replaceProvider(u"a"_s, 4);
    m_f->a->script(imageTask(1), {{ErrorClass::DiskFull}});
    freeBytes->store(0); // the write failed because the disk really is full
    QSignalSpy paused(&e, &Engine::pausedChanged);
    e.start();
    QTRY_VERIFY(paused.count() >= 1);
    QCOMPARE(e.summary().pauseReason, PauseReason::DiskFull);
    QCOMPARE(e.task(imageTask(1)).state, TaskState::Queued); // not a task failure
    freeBytes->store(qint64(1) << 40);
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.task(imageTask(1)).state, TaskState::Done);
    QCOMPARE(e.task(imageTask(1)).retriesUsed, 0);
    QCOMPARE(e.attempts(imageTask(1)).first().countedAgainstBudget, false);
}

void TestDurability::publishedTreeIsNeverTouchedByARun()
{
    QVERIFY(m_f->open(makeProject(3)));
    Engine &e = *m_f->engine;
    QVERIFY(m_f->runToEnd());
    const PublishResult published = Publisher::publish(
        Workspace(e.workspaceDir()), Publisher::itemsFor(e.tasks(), e.allAttempts()));
    QVERIFY2(published.ok, qPrintable(published.message));
    QCOMPARE(published.files, 6);
    const QMap<QString, QByteArray> before = treeHashes(m_f->path(u"ws/published"_s));
    QCOMPARE(before.size(), 7); // 6 outputs and the manifest

    // A failing run, a restore and a full-quality retry later ...
    for (FakeProvider *p : {m_f->a, m_f->b, m_f->local})
        p->setDefaultOutcome({ErrorClass::ProviderError});
    e.switchProvider({imageTask(1), imageTask(2)}, u"b"_s);
    e.retryTask(imageTask(3));
    QVERIFY(m_f->runToEnd());
    QString error;
    QVERIFY(e.restoreCheckpoint(e.checkpoints().first().id, &error));

    // ... published/ is byte for byte what was published.
    QCOMPARE(treeHashes(m_f->path(u"ws/published"_s)), before);
}

void TestDurability::discardKeepsReferencedOutputs()
{
    QVERIFY(m_f->open(makeProject(1)));
    m_f->a->script(imageTask(1), {{ErrorClass::ContentPolicy}});
    Engine &e = *m_f->engine;
    QVERIFY(m_f->runToEnd());
    QString error;
    const CheckpointInfo degraded = e.createCheckpoint(u"manual"_s, &error);
    const QString degradedImage = e.task(imageTask(1)).outputPath;
    e.retryAtFullQuality({imageTask(1)});
    QVERIFY(m_f->runToEnd());
    const QString fullImage = e.task(imageTask(1)).outputPath;
    QVERIFY(e.restoreCheckpoint(degraded.id, &error));

    // The full-quality output is referenced by the "before restore" checkpoint: kept.
    qint64 freed = 0;
    QCOMPARE(e.discardUnreferencedOutputs(false, &freed, &error), 0);
    QVERIFY(QFile::exists(fullImage));
    // Dropping the checkpoints lets discard remove what the current state does not use.
    QVERIFY(e.discardUnreferencedOutputs(true, &freed, &error) >= 1);
    QVERIFY(!QFile::exists(fullImage));
    QVERIFY(QFile::exists(degradedImage));
    QVERIFY(e.checkpoints().isEmpty());
}

void TestDurability::budgetCapStopsDispatchingBeforeTheCap()
{
    Project project = makeProject(10);
    for (Shot &shot : project.scenes[0].shots)
        shot.video.durationSec = 1.0; // every task costs one unit
    QVERIFY(m_f->open(project));
    Engine &e = *m_f->engine;
    // Provider "a" bills 1 unit per image and per second of video.
    auto provider = std::make_unique<FakeProvider>(u"a"_s, 4);
    provider->setCostPerUnit(1.0);
    m_f->a = provider.get();
    e.setProvider(std::move(provider));
    EngineOptions options = e.options();
    options.budgetCap = 7.0;
    e.setOptions(options);
    QSignalSpy paused(&e, &Engine::pausedChanged);
    QVERIFY(m_f->runToEnd());
    QVERIFY(e.spentThisRun() <= 7.0);
    QCOMPARE(m_f->a->callCount(), 7);
    QCOMPARE(e.summary().pauseReason, PauseReason::BudgetCap);
    QVERIFY(!paused.isEmpty());
    QCOMPARE(e.summary().count(TaskState::Failed), 0); // capped tasks wait, they do not fail

    // Raising the cap lets the batch continue.
    options.budgetCap = 100.0;
    e.setOptions(options);
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.summary().count(TaskState::Done), 20);
}

void TestDurability::budgetCapKeepsWhatIsInFlight()
{
    // Given four slots, four images of one unit each and a cap of three units,
    Project project = makeProject(4);
    for (Shot &shot : project.scenes[0].shots)
        shot.video.durationSec = 1.0;
    QVERIFY(m_f->open(project));
    Engine &e = *m_f->engine;
    auto provider = std::make_unique<FakeProvider>(u"a"_s, 4);
    provider->setCostPerUnit(1.0);
    provider->setLatencyMs(50);
    m_f->a = provider.get();
    e.setProvider(std::move(provider));
    EngineOptions options = e.options();
    options.budgetCap = 3.0;
    e.setOptions(options);
    int inFlightAtCap = -1;
    connect(&e, &Engine::pausedChanged, this, [&](bool paused, PauseReason reason) {
        if (paused && reason == PauseReason::BudgetCap && inFlightAtCap < 0)
            inFlightAtCap = e.providerInFlight(u"a"_s);
    });

    // when the cap is reached with three attempts in flight,
    QVERIFY(m_f->runToEnd());
    QCOMPARE(inFlightAtCap, 3);

    // then those three finish and their outputs are kept; nothing else started.
    QCOMPARE(m_f->a->callCount(), 3);
    QCOMPARE(m_f->a->cancelCount(), 0);
    for (int shot = 1; shot <= 3; ++shot) {
        const TaskSnapshot t = e.task(imageTask(shot));
        QCOMPARE(t.state, TaskState::Done);
        QVERIFY2(QFile::exists(t.outputPath), qPrintable(t.outputPath));
        QCOMPARE(e.attempts(imageTask(shot)).size(), 1);
        QVERIFY(e.attempts(imageTask(shot)).first().ok());
    }
    QCOMPARE(e.task(imageTask(4)).state, TaskState::Queued);
    QCOMPARE(e.spentThisRun(), 3.0);
    QCOMPARE(e.summary().pauseReason, PauseReason::BudgetCap);
    QCOMPARE(e.summary().spent, 3.0);
    QCOMPARE(e.summary().budgetCap, 3.0);
    const QString runId = e.lastRunId();
    QVERIFY(!runId.isEmpty());
    QVERIFY(e.currentRunId().isEmpty()); // the run ended at its cap

    // A cap that is not higher changes nothing;
    e.setBudgetCap(3.0);
    QCOMPARE(e.summary().pauseReason, PauseReason::BudgetCap);
    // a higher one continues the same run to its end.
    QSignalSpy finished(&e, &Engine::batchFinished);
    e.setBudgetCap(100.0);
    QCOMPARE(e.currentRunId(), runId);
    QVERIFY(finished.wait(5000));
    QCOMPARE(e.summary().count(TaskState::Done), 8);
    QCOMPARE(e.spentThisRun(), 8.0);
    QCOMPARE(e.lastRunId(), runId);
    QString error;
    QCOMPARE(ReportBuilder::newestRunId(e.workspaceDir(), &error), runId);
}

void TestDurability::diskRecheckResumesWithoutWaitingForThePoll()
{
    QVERIFY(m_f->open(makeProject(2)));
    Engine &e = *m_f->engine;
    auto freeBytes = std::make_shared<std::atomic<qint64>>(10 * 1024 * 1024);
    EngineOptions options = e.options();
    options.diskReserveBytes = 100 * 1024 * 1024;
    options.diskPollIntervalMs = 10 * 60 * 1000; // only a re-check can resume in time
    options.freeSpaceProbe = [freeBytes](const QString &) { return freeBytes->load(); };
    e.setOptions(options);
    QSignalSpy paused(&e, &Engine::pausedChanged);
    e.start();
    QTRY_VERIFY(paused.count() >= 1);
    QCOMPARE(e.summary().pauseReason, PauseReason::DiskFull);

    // Still full: the re-check says so and the batch stays paused.
    qint64 measured = 0;
    QVERIFY(!e.recheckDiskSpace(&measured));
    QCOMPARE(measured, 10 * 1024 * 1024);
    QCOMPARE(e.summary().pauseReason, PauseReason::DiskFull);

    // Space is back: the re-check resumes at once.
    freeBytes->store(qint64(1) << 40);
    QSignalSpy finished(&e, &Engine::batchFinished);
    QVERIFY(e.recheckDiskSpace(&measured));
    QCOMPARE(measured, qint64(1) << 40);
    QVERIFY(!e.summary().paused);
    QVERIFY(finished.wait(5000));
    QCOMPARE(e.summary().count(TaskState::Done), 4);
}

void TestDurability::suspendedRunIsNotACrash()
{
    const Project project = makeProject(4);
    QVERIFY(m_f->open(project));
    // One slot: the batch is far from its end when the first attempt finishes.
    m_f->a = m_f->replaceProvider(u"a"_s, 1);
    m_f->a->setLatencyMs(30);
    {
        Engine &e = *m_f->engine;
        QSignalSpy attempt(&e, &Engine::attemptFinished);
        e.start();
        QVERIFY(attempt.wait(5000));
        // Given a run stopped with "Pause and quit",
        e.suspend();
        QVERIFY(e.summary().paused);
    }
    const QString runId = m_f->engine->currentRunId();
    QVERIFY(!runId.isEmpty());
    m_f->close();

    // when the workspace is opened again, the run is resumed, not reported as a crash,
    QVERIFY(m_f->open(project));
    QCOMPARE(m_f->engine->currentRunId(), runId);
    QVERIFY(!m_f->engine->resumedAfterCrash());
    // also when it was opened and closed once more without running,
    m_f->close();
    QVERIFY(m_f->open(project));
    QVERIFY(!m_f->engine->resumedAfterCrash());

    // but once it runs again, dying is a crash again.
    m_f->a = m_f->replaceProvider(u"a"_s, 1);
    m_f->a->setLatencyMs(30);
    {
        Engine &e = *m_f->engine;
        QSignalSpy attempt(&e, &Engine::attemptFinished);
        e.start();
        QCOMPARE(e.currentRunId(), runId);
        QVERIFY(attempt.wait(5000));
    }
    m_f->close();
    QVERIFY(m_f->open(project));
    QCOMPARE(m_f->engine->currentRunId(), runId);
    QVERIFY(m_f->engine->resumedAfterCrash());
}

void TestDurability::shutDownMidRunIsNotACrash()
{
    const Project project = makeProject(4);
    QVERIFY(m_f->open(project));
    m_f->a = m_f->replaceProvider(u"a"_s, 1);
    m_f->a->setLatencyMs(30);
    QString runId;
    {
        Engine &e = *m_f->engine;
        QSignalSpy attempt(&e, &Engine::attemptFinished);
        e.start();
        runId = e.currentRunId();
        QVERIFY(attempt.wait(5000));
        // Given a window that closes (or reloads after an edit) in the middle of a run,
        e.shutDown();
    }
    m_f->close();
    // when the storyboard is opened again, its run continues and is no crash.
    QVERIFY(m_f->open(project));
    QCOMPARE(m_f->engine->currentRunId(), runId);
    QVERIFY(!m_f->engine->resumedAfterCrash());
}

// Issue 12: a process that does not own the workspace (status during a run, a watching
// window) reads it without changing it, and shows the live run as it is.
void TestDurability::readerWritesNothing()
{
    const Project project = makeProject(4);
    QVERIFY(m_f->open(project));
    m_f->a = m_f->replaceProvider(u"a"_s, 2);
    m_f->a->setLatencyMs(400);
    Engine &owner = *m_f->engine;
    owner.start();
    QTRY_VERIFY_WITH_TIMEOUT(owner.counts(TaskState::Running) > 0, 5000);
    QString error;
    QVERIFY2(owner.commitState(&error), qPrintable(error));
    const int running = owner.counts(TaskState::Running);

    const QString database = m_f->path(u"ws/state.sqlite"_s);
    const auto rowCounts = [&database] {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reader-check"_s);
        db.setDatabaseName(database);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        QStringList counts;
        if (db.open()) {
            for (const QString &table : {u"events"_s, u"runs"_s, u"attempts"_s}) {
                QSqlQuery q(db);
                q.exec(u"SELECT count(*) FROM "_s + table);
                counts << (q.next() ? q.value(0).toString() : u"?"_s);
            }
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"reader-check"_s);
        return counts.join(u'/');
    };
    const QString before = rowCounts();
    {
        // Given a reader of the live run,
        Engine reader;
        QVERIFY2(reader.openReadOnly(project, m_f->path(u"ws"_s), true, &error), qPrintable(error));
        QVERIFY(reader.isReadOnly());
        // it shows the running tasks as running, not as a crash,
        QCOMPARE(reader.counts(TaskState::Running), running);
        QCOMPARE(reader.counts(TaskState::Interrupted), 0);
        // and neither starting nor closing it writes a row.
        reader.start();
        QVERIFY(reader.commitState(&error));
        QCOMPARE(reader.counts(TaskState::Running), running);
    }
    {
        Engine reader;
        QVERIFY(reader.openReadOnly(project, m_f->path(u"ws"_s), false, &error));
        QCOMPARE(reader.counts(TaskState::Interrupted), running); // its owner is gone
    }
    QCOMPARE(rowCounts(), before);
    QVERIFY(m_f->runToEnd());

    // A reader of a workspace that does not exist creates nothing.
    Engine reader;
    QVERIFY(reader.openReadOnly(project, m_f->path(u"nothing-here"_s), false, &error));
    QCOMPARE(reader.counts(TaskState::Done), 0);
    QVERIFY(!QFileInfo::exists(m_f->path(u"nothing-here"_s)));
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
