// Crash safety as a user meets it: retake-cli killed with SIGKILL at random moments and
// restarted, publish killed half-way, and a disk that really fills up.
#include "engine/outputverifier.h"
#include "smalltmpfs.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace retake;
using namespace Qt::StringLiterals;
using retake::test::SmallTmpfs;

namespace {

// 40 shots = 80 tasks on a local provider with repeatable faults that do not depend on
// timing (no breaker-tripping bursts), slow enough that kills land mid-run.
QByteArray crashStoryboard(const QString &submissionLog)
{
    QJsonArray scenes;
    for (int s = 1; s <= 4; ++s) {
        QJsonArray shots;
        for (int n = 1; n <= 10; ++n) {
            const QString id = u"s%1-sh%2"_s.arg(s).arg(n, 2, 10, QLatin1Char('0'));
            shots.append(QJsonObject{
                {u"id"_s, id},
                {u"prompt"_s,
                 u"Shot %1: a lighthouse keeper climbs the stairs, lamp in hand."_s.arg(id)}});
        }
        scenes.append(QJsonObject{{u"id"_s, u"s%1"_s.arg(s)}, {u"shots"_s, shots}});
    }
    const QJsonObject studio{
        {u"id"_s, u"studio"_s},
        {u"kind"_s, u"local"_s},
        {u"maxConcurrency"_s, 2},
        {u"faults"_s, QJsonObject{{u"seed"_s, 5},
                                  {u"rates"_s, QJsonObject{{u"provider_error"_s, 0.08},
                                                           {u"content_policy"_s, 0.05},
                                                           {u"invalid_request"_s, 0.03},
                                                           {u"timeout"_s, 0.04}}}}},
        {u"options"_s, QJsonObject{{u"latencyMs"_s, 60}, {u"submissionLog"_s, submissionLog}}}};
    const QJsonObject project{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Crash test"_s},
        {u"defaults"_s,
         QJsonObject{{u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}},
                     {u"video"_s, QJsonObject{{u"duration"_s, 0.5}, {u"fps"_s, 8}}}}},
        {u"providerProfiles"_s, QJsonArray{studio}},
        {u"providers"_s,
         QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}}, {u"video"_s, QJsonArray{u"studio"_s}}}},
        {u"retry"_s, QJsonObject{{u"baseDelayMs"_s, 10}, {u"maxDelayMs"_s, 50}}},
        {u"scenes"_s, scenes}};
    return QJsonDocument(project).toJson();
}

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
    return path;
}

int runCli(const QStringList &args, const QString &dir, QByteArray *out = nullptr,
           const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    if (!process.waitForFinished(180000))
        return -1;
    if (out)
        *out = process.readAllStandardOutput();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

// task id -> "state/quality" from `retake-cli status --json`.
QMap<QString, QString> finalStates(const QString &storyboard, const QString &dir)
{
    QByteArray out;
    runCli({u"status"_s, storyboard, u"--json"_s}, dir, &out);
    QMap<QString, QString> states;
    for (const QByteArray &line : out.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(u"event"_s).toString() == u"task"_s) {
            states.insert(o.value(u"id"_s).toString(),
                          o.value(u"state"_s).toString() + u'/' + o.value(u"quality"_s).toString());
        }
    }
    return states;
}

// The crash storyboard on the built-in provider without faults, written to `dir`.
QString writeLocalStoryboard(const QString &dir)
{
    QJsonObject project = QJsonDocument::fromJson(crashStoryboard({})).object();
    project.remove(u"providerProfiles"_s);
    project.remove(u"providers"_s);
    return writeFile(dir + u"/full.retake.json"_s, QJsonDocument(project).toJson());
}

// Fills the drive of `dir` with <dir>/filler.bin until `leave` bytes are free.
bool fillDrive(const QString &dir, qint64 leave)
{
    const qint64 fillerSize = QStorageInfo(dir).bytesAvailable() - leave;
    QFile filler(dir + u"/filler.bin"_s);
    if (fillerSize <= 0 || !filler.open(QIODevice::WriteOnly))
        return false;
    const QByteArray chunk(64 * 1024, 'x');
    for (qint64 written = 0; written < fillerSize; written += chunk.size()) {
        const qint64 n = std::min<qint64>(chunk.size(), fillerSize - written);
        if (filler.write(chunk.constData(), n) != n)
            return false;
    }
    return filler.flush();
}

QMap<QString, QByteArray> treeHashes(const QString &root)
{
    QMap<QString, QByteArray> hashes;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            hashes.insert(QDir(root).relativeFilePath(file), f.readAll());
    }
    return hashes;
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedRunsResumeToTheSameResult();
    void killBeforeTheGroupCommitKeepsTheFiledOutput();
    void killedPublishLeavesPreviousPublishedIntact();
    void killedCheckpointLeavesNoBrokenCheckpoint();
    void killedRestoreLeavesTheStateBeforeIt();
    void diskFullOnARealSmallFilesystem();
    void outOfSpaceWhileWritingPausesAndLosesNothing();
};

void TestCrash::killedRunsResumeToTheSameResult()
{
    QTemporaryDir reference;
    QTemporaryDir crashed;
    const QString refBoard = writeFile(reference.filePath(u"crash.retake.json"_s),
                                       crashStoryboard(reference.filePath(u"submissions.log"_s)));
    const QString log = crashed.filePath(u"submissions.log"_s);
    const QString board = writeFile(crashed.filePath(u"crash.retake.json"_s), crashStoryboard(log));

    // The uninterrupted run.
    const int refExit = runCli({u"run"_s, refBoard}, reference.path());
    QVERIFY2(refExit == 0 || refExit == 3, qPrintable(QString::number(refExit)));
    const QMap<QString, QString> expected = finalStates(refBoard, reference.path());
    QCOMPARE(expected.size(), 80);

    // The same batch, killed with SIGKILL at random moments and restarted each time.
    // RETAKE_TEST_KILL_SEED replays the kill timing of a failed run (as closely as timing allows).
    const quint32 seed = qEnvironmentVariableIsSet("RETAKE_TEST_KILL_SEED")
                             ? quint32(qEnvironmentVariable("RETAKE_TEST_KILL_SEED").toUInt())
                             : QRandomGenerator::global()->generate();
    qInfo("kill timing seed %u", seed);
    QRandomGenerator random(seed);
    int kills = 0;
    for (int round = 0; round < 60 && kills < 20; ++round) {
        QProcess process;
        process.setWorkingDirectory(crashed.path());
        process.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, board, u"--json"_s});
        QVERIFY(process.waitForStarted());
        if (process.waitForFinished(random.bounded(80, 320)))
            break; // the batch finished before this kill
        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(10000));
        ++kills;
    }
    QVERIFY2(kills >= 20,
             qPrintable(u"only %1 kills landed before the batch finished"_s.arg(kills)));
    const int exit = runCli({u"run"_s, board}, crashed.path());
    QVERIFY2(exit == 0 || exit == 3, qPrintable(QString::number(exit)));

    // The final states equal those of the uninterrupted run; a difference names the tasks.
    const QMap<QString, QString> actual = finalStates(board, crashed.path());
    QStringList differences;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (actual.value(it.key()) != it.value())
            differences << u"%1: %2 after kills, %3 uninterrupted"_s.arg(
                it.key(), actual.value(it.key(), u"missing"_s), it.value());
    }
    QVERIFY2(differences.isEmpty() && actual.size() == expected.size(),
             qPrintable(differences.join(u"; "_s)));

    // Every output file decodes.
    const QString ws = crashed.filePath(u"crash.retake"_s);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"crash-check"_s);
    db.setDatabaseName(ws + u"/state.sqlite"_s);
    QVERIFY(db.open());
    {
        QSqlQuery check(db);
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);

        QSqlQuery outputs(db);
        QVERIFY(outputs.exec(u"SELECT id, output_path FROM tasks WHERE state = 'done'"_s));
        int verified = 0;
        while (outputs.next()) {
            const QString id = outputs.value(0).toString();
            const VerificationResult v = verifyOutputFile(
                ws + u'/' + outputs.value(1).toString(),
                {id.endsWith(u"/video"_s) ? Stage::Video : Stage::Image, 0, 0, 0.0});
            QVERIFY2(v.ok, qPrintable(id + u": "_s + v.message));
            ++verified;
        }
        QVERIFY(verified > 40);

        // No torn file anywhere in draft/, pointed to or not: every output of every
        // attempt decodes, and no staging leftover of a killed attempt survives.
        int drafts = 0;
        QDirIterator files(ws + u"/draft"_s, QDir::Files | QDir::Hidden,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString file = files.next();
            QVERIFY2(!file.contains(u"/.staging/"_s), qPrintable(u"leftover: "_s + file));
            const bool video = QFileInfo(file).fileName().startsWith(u"video."_s);
            const VerificationResult v =
                verifyOutputFile(file, {video ? Stage::Video : Stage::Image, 0, 0, 0.0});
            QVERIFY2(v.ok, qPrintable(file + u": "_s + v.message));
            ++drafts;
        }
        QVERIFY(drafts >= verified);

        // No attempt that had succeeded was submitted again: the provider saw no job for a
        // task after its success was recorded.
        QHash<QString, qint64> succeededAt;
        QSqlQuery attempts(db);
        QVERIFY(attempts.exec(u"SELECT task_id, ended_at FROM attempts"
                              u" WHERE output_path IS NOT NULL AND output_path != ''"_s));
        while (attempts.next()) {
            const qint64 at = QDateTime::fromString(attempts.value(1).toString(), Qt::ISODateWithMs)
                                  .toMSecsSinceEpoch();
            const QString task = attempts.value(0).toString();
            succeededAt.insert(task, std::min(at, succeededAt.value(task, at)));
        }
        QFile submissions(log);
        QVERIFY(submissions.open(QIODevice::ReadOnly));
        int lines = 0;
        for (const QByteArray &line : submissions.readAll().split('\n')) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 3)
                continue;
            ++lines;
            const QString task = QString::fromUtf8(parts.at(1));
            if (succeededAt.contains(task)) {
                QVERIFY2(parts.at(0).toLongLong() <= succeededAt.value(task),
                         qPrintable(u"%1 was submitted again after it succeeded"_s.arg(task)));
            }
        }
        QVERIFY(lines >= 80);
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"crash-check"_s);
}

// A verified output is filed and written to the redo log, and committed with the next group
// of writes (docs/ARCHITECTURE.md, "State and workspace"). A kill in between: the next run
// keeps that output and does not make (or submit) the task again.
void TestCrash::killBeforeTheGroupCommitKeepsTheFiledOutput()
{
    QTemporaryDir dir;
    const QString log = dir.filePath(u"submissions.log"_s);
    QJsonObject project = QJsonDocument::fromJson(crashStoryboard(log)).object();
    QJsonObject studio = project.value(u"providerProfiles"_s).toArray().first().toObject();
    studio.remove(u"faults"_s); // every attempt succeeds: one submission per task
    studio.insert(u"options"_s, QJsonObject{{u"latencyMs"_s, 5}, {u"submissionLog"_s, log}});
    project.insert(u"providerProfiles"_s, QJsonArray{studio});
    const QString board =
        writeFile(dir.filePath(u"group.retake.json"_s), QJsonDocument(project).toJson());
    const QString ws = dir.filePath(u"group.retake"_s);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"RETAKE_TEST_KILL_AFTER_FILING"_s, u"5"_s);
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, board});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    const QString said = QString::fromUtf8(process.readAllStandardError());
    const QRegularExpression filedLine(u"killed after filing (\\S+)"_s);
    const QRegularExpressionMatch match = filedLine.match(said);
    QVERIFY2(match.hasMatch(), qPrintable(said));
    const QString task = match.captured(1);

    // The kill came before the commit: state.sqlite does not hold that success yet.
    const auto successesOf = [&](const QString &id) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"group-check"_s);
        db.setDatabaseName(ws + u"/state.sqlite"_s);
        int count = -1;
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(u"SELECT COUNT(*) FROM attempts WHERE task_id = ? AND "
                          u"output_path IS NOT NULL AND output_path != ''"_s);
            query.addBindValue(id);
            if (query.exec() && query.next())
                count = query.value(0).toInt();
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"group-check"_s);
        return count;
    };
    QCOMPARE(successesOf(task), 0);
    QVERIFY(QFileInfo(ws + u"/state.redo"_s).size() > 0);

    QByteArray out;
    const int exit = runCli({u"run"_s, board}, dir.path(), &out);
    QCOMPARE(exit, 0);
    QCOMPARE(successesOf(task), 1);
    QCOMPARE(QFileInfo(ws + u"/state.redo"_s).size(), 0);

    // Submitted once, over both runs.
    QFile submissions(log);
    QVERIFY(submissions.open(QIODevice::ReadOnly));
    int submitted = 0;
    for (const QByteArray &line : submissions.readAll().split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 3 && QString::fromUtf8(parts.at(1)) == task)
            ++submitted;
    }
    QCOMPARE(submitted, 1);
}

void TestCrash::killedPublishLeavesPreviousPublishedIntact()
{
    QTemporaryDir dir;
    QJsonObject project = QJsonDocument::fromJson(crashStoryboard({})).object();
    project.remove(u"providerProfiles"_s);
    project.remove(u"providers"_s); // the built-in provider, no faults
    const QString board =
        writeFile(dir.filePath(u"pub.retake.json"_s), QJsonDocument(project).toJson());
    QCOMPARE(runCli({u"run"_s, board}, dir.path()), 0);
    QCOMPARE(runCli({u"publish"_s, board}, dir.path()), 0);
    const QString published = dir.filePath(u"pub.retake/published"_s);
    const QMap<QString, QByteArray> before = treeHashes(published);
    QCOMPARE(before.size(), 81); // 80 outputs and the manifest

    // A second publish, slowed down by the test hook, killed half-way.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"RETAKE_TEST_PUBLISH_DELAY_MS"_s, u"20"_s);
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RETAKE_CLI_PATH), {u"publish"_s, board});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(dir.filePath(u"pub.retake"_s))
                                  .entryList({u"published.staging-*"_s}, QDir::Dirs)
                                  .isEmpty(),
                             10000);
    QTest::qWait(300);
    ::kill(pid_t(process.processId()), SIGKILL);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);

    // The previous published/ is intact, byte for byte.
    QCOMPARE(treeHashes(published), before);
    // The next publish cleans up the leftover staging folder.
    QCOMPARE(runCli({u"publish"_s, board}, dir.path()), 0);
    QVERIFY(QDir(dir.filePath(u"pub.retake"_s))
                .entryList({u"published.staging-*"_s}, QDir::Dirs)
                .isEmpty());
    QCOMPARE(treeHashes(published).size(), 81);
}

// Starts `retake-cli args` held by the test hook just before its checkpoint or restore
// commits, and kills it there.
static bool killBeforeCommit(const QStringList &args, const QString &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"RETAKE_TEST_CHECKPOINT_DELAY_MS"_s, u"60000"_s);
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessEnvironment(env);
    QByteArray said;
    QObject::connect(&process, &QProcess::readyReadStandardError,
                     [&] { said += process.readAllStandardError(); });
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    if (!process.waitForStarted())
        return false;
    if (!QTest::qWaitFor([&] { return said.contains("held before commit"); }, 20000)) {
        qWarning("never held before commit: %s", said.constData());
        process.kill();
        process.waitForFinished();
        return false;
    }
    ::kill(pid_t(process.processId()), SIGKILL);
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::CrashExit;
}

void TestCrash::killedCheckpointLeavesNoBrokenCheckpoint()
{
    QTemporaryDir dir;
    const QString board = writeLocalStoryboard(dir.path());
    QCOMPARE(runCli({u"checkpoint"_s, u"create"_s, board, u"--reason"_s, u"kept"_s}, dir.path()),
             0);

    // A checkpoint held by the test hook before it commits, killed there.
    QVERIFY(killBeforeCommit({u"checkpoint"_s, u"create"_s, board}, dir.path()));

    // Afterwards list shows the one checkpoint that exists, discard works, and no partial
    // copy is left.
    const QDir checkpoints(dir.filePath(u"full.retake/checkpoints"_s));
    QByteArray listed;
    QCOMPARE(runCli({u"checkpoint"_s, u"list"_s, board, u"--json"_s}, dir.path(), &listed), 0);
    QCOMPARE(listed.trimmed().split('\n').size(), 1);
    QVERIFY2(listed.contains("\"kept\""), listed.constData());
    QCOMPARE(runCli({u"discard"_s, board}, dir.path()), 0);
    QVERIFY(checkpoints.entryList({u"*.part*"_s}, QDir::Files).isEmpty());
}

// A restore killed at any moment leaves the state before it or the restored one, never a
// mix, and no undo checkpoint without its restore (one transaction).
void TestCrash::killedRestoreLeavesTheStateBeforeIt()
{
    QTemporaryDir dir;
    const QString board = writeLocalStoryboard(dir.path());
    QCOMPARE(runCli({u"checkpoint"_s, u"create"_s, board, u"--reason"_s, u"start"_s}, dir.path()),
             0);
    const QString database = dir.filePath(u"full.retake/state.sqlite"_s);
    QByteArray listed;
    QCOMPARE(runCli({u"checkpoint"_s, u"list"_s, board, u"--json"_s}, dir.path(), &listed), 0);
    const QString id = QJsonDocument::fromJson(listed.trimmed()).object()[u"id"_s].toString();
    QVERIFY2(!id.isEmpty(), listed.constData());
    // The task rows moved on since the checkpoint (as a retry by the user would).
    const auto scalar = [&](const QString &sql) {
        const QString name = u"killedRestore"_s;
        QString value;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(database);
            QSqlQuery query(db);
            if (db.open() && query.exec(sql) && query.next())
                value = query.value(0).toString();
        }
        QSqlDatabase::removeDatabase(name);
        return value;
    };
    scalar(u"UPDATE tasks SET manual_retries = 7"_s);
    const QString rows = u"SELECT group_concat(id || ':' || manual_retries) FROM tasks"_s;
    const QString before = scalar(rows);
    QVERIFY(before.contains(u":7"_s));

    // When the restore is killed just before it commits
    QVERIFY(killBeforeCommit({u"checkpoint"_s, u"restore"_s, board, id}, dir.path()));

    // Then the rows are as before it, with no undo checkpoint and no restore event,
    QCOMPARE(scalar(rows), before);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM checkpoints"_s), u"1"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM events WHERE kind = 'restore'"_s), u"0"_s);
    // and the restore then goes through whole.
    QCOMPARE(runCli({u"checkpoint"_s, u"restore"_s, board, id}, dir.path()), 0);
    QVERIFY(!scalar(rows).contains(u":7"_s));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM checkpoints"_s), u"2"_s);
}

void TestCrash::diskFullOnARealSmallFilesystem()
{
    const SmallTmpfs drive(u"16m"_s);
    if (!drive.isMounted())
        QSKIP(qPrintable(drive.whyNot() + u"; tst_durability covers the free-space probe"_s));
    const QString mountPoint = drive.path();

    const QString board = writeLocalStoryboard(mountPoint);

    // Given a disk with less free space than the reserve (4 MB)
    QVERIFY(fillDrive(mountPoint, 3 * 1024 * 1024));

    // When the batch runs, it pauses instead of failing tasks
    QProcess process;
    process.setWorkingDirectory(mountPoint);
    process.start(QStringLiteral(RETAKE_CLI_PATH),
                  {u"run"_s, board, u"--json"_s, u"--disk-reserve-mb"_s, u"4"_s});
    QVERIFY(process.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT(
        (output += process.readAllStandardOutput(), output.contains("Disk full")), 20000);
    QVERIFY2(!output.contains("\"event\":\"attempt\""), "nothing was dispatched while full");

    // Then freeing space lets it resume by itself, with every task done and no budget spent
    QVERIFY(QFile::remove(mountPoint + u"/filler.bin"_s));
    QVERIFY(process.waitForFinished(120000));
    output += process.readAllStandardOutput();
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(output.contains("Disk space is back"));
    QVERIFY(!output.contains("\"outcome\":\"disk_full\""));
}

// The drive fills up in the middle of the batch with no reserve to warn first: real
// ENOSPC from the outputs and SQLITE_FULL from the state database.
void TestCrash::outOfSpaceWhileWritingPausesAndLosesNothing()
{
    const SmallTmpfs drive(u"16m"_s);
    if (!drive.isMounted())
        QSKIP(qPrintable(drive.whyNot() + u"; tst_durability covers a scripted disk_full"_s));
    const QString mountPoint = drive.path();

    const QString board = writeLocalStoryboard(mountPoint);
    // The workspace exists (its database too) before the drive fills. `status` only reads
    // (issue 12); `discard` owns the workspace, so it creates it, and finds nothing to delete.
    runCli({u"discard"_s, board}, mountPoint);
    QVERIFY(QFile::exists(mountPoint + u"/full.retake/state.sqlite"_s));

    // Given a drive with room for a handful of outputs and no reserve,
    QVERIFY(fillDrive(mountPoint, 160 * 1024));
    // when the batch runs into the full drive, it pauses instead of failing,
    QProcess process;
    process.setWorkingDirectory(mountPoint);
    process.start(QStringLiteral(RETAKE_CLI_PATH),
                  {u"run"_s, board, u"--json"_s, u"--disk-reserve-mb"_s, u"0"_s});
    QVERIFY(process.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT(
        (output += process.readAllStandardOutput(), output.contains("Disk full")), 60000);
    QVERIFY2(process.state() == QProcess::Running, output.constData());

    // and once space is freed it resumes by itself and finishes every task at full
    // quality: a full drive spends no retry and fails nothing.
    QVERIFY(QFile::remove(mountPoint + u"/filler.bin"_s));
    QVERIFY(process.waitForFinished(120000));
    output += process.readAllStandardOutput();
    QVERIFY2(process.exitCode() == 0, output.right(3000).constData());
    QVERIFY(output.contains("Disk space is back"));
    const QMap<QString, QString> states = finalStates(board, mountPoint);
    QCOMPARE(states.size(), 80);
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        QVERIFY2(it.value() == u"done/full"_s, qPrintable(it.key() + u": "_s + it.value()));
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
