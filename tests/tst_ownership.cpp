// One owner per workspace (issue 12, docs/ARCHITECTURE.md "Ownership and watching"), with
// real processes: a second writer exits 4 and changes nothing, a killed owner's lock is
// taken over, a lock from another host is honoured until --take-over; and WorkspaceLock
// itself in one process.
#include "localstoryboard.h"
#include "session/workspacelock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace retake;
using namespace Qt::StringLiterals;
using retake::test::LocalStoryboard;

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

// `shots` shots (2 tasks each) on the built-in provider, each attempt taking `latencyMs`,
// two at a time: 8 shots at 350 ms last about three seconds.
QByteArray storyboard(int shots, int latencyMs)
{
    LocalStoryboard board;
    board.shots = shots;
    board.latencyMs = latencyMs;
    board.title = u"Ownership"_s;
    board.sceneId = u"s1"_s;
    board.shotPrefix = u"s1-sh"_s;
    return board.toJson();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Runs `sql` (one integer result) on the workspace's state.sqlite.
qint64 queryCount(const QString &database, const QString &sql)
{
    qint64 value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"ownership-check"_s);
        db.setDatabaseName(database);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(u"ownership-check"_s);
    return value;
}

// Tasks with more than one successful attempt: generated (and paid) twice.
const QString kTwiceDone =
    u"SELECT COUNT(*) FROM (SELECT task_id FROM attempts WHERE error_class = 'none'"
    " AND COALESCE(output_path, '') <> '' GROUP BY task_id HAVING COUNT(*) > 1)"_s;

} // namespace

class TestOwnership : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void secondRunExitsFourAndNamesTheOwner();
    void writingCommandsDuringARunChangeNothing();
    void killedOwnerIsTakenOver();
    void readOnlyCommandsDuringARunChangeNothing();
    void lockFromAnotherHostIsHonouredUntilTakeOver();
    void lockInOneProcess();
    void lockNamingALivePidButNotHeldIsStale();
    void uncreatableWorkspaceFails();

private:
    CliResult cli(const QStringList &args, int timeoutMs = 120000);
    // Starts `retake-cli run` on `board` and returns once it owns the workspace.
    bool startOwner(QProcess *process, const QString &board);
    QString workspace() const { return m_dir->filePath(u"own.retake"_s); }
    QString database() const { return workspace() + u"/state.sqlite"_s; }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_board;
};

void TestOwnership::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_board = m_dir->filePath(u"own.retake.json"_s);
    QVERIFY(writeFile(m_board, storyboard(8, 350)));
}

void TestOwnership::cleanup()
{
    m_dir.reset();
}

CliResult TestOwnership::cli(const QStringList &args, int timeoutMs)
{
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

bool TestOwnership::startOwner(QProcess *process, const QString &board)
{
    process->setWorkingDirectory(m_dir->path());
    process->start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, board});
    if (!process->waitForStarted())
        return false;
    const QString ownerJson = WorkspaceLock::ownerPath(workspace());
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && process->state() == QProcess::Running) {
        QFile file(ownerJson);
        if (file.open(QIODevice::ReadOnly) &&
            QJsonDocument::fromJson(file.readAll()).object().value(u"pid"_s).toInteger() ==
                process->processId())
            return true;
        QTest::qWait(20);
    }
    return false;
}

void TestOwnership::secondRunExitsFourAndNamesTheOwner()
{
    QProcess first;
    QVERIFY(startOwner(&first, m_board));

    const CliResult second = cli({u"run"_s, m_board});
    QVERIFY2(first.state() == QProcess::Running, "the first run ended before the second tried");
    QCOMPARE(second.exitCode, 4);
    QVERIFY2(second.err.contains(u"pid %1"_s.arg(first.processId())), qPrintable(second.err));
    QVERIFY2(second.err.contains(u"retake-cli watch "_s), qPrintable(second.err));
    QVERIFY2(second.err.contains(u"(run)"_s), qPrintable(second.err));
    QVERIFY2(second.out.isEmpty(), qPrintable(second.out));

    QVERIFY(first.waitForFinished(120000));
    QCOMPARE(first.exitCode(), 0);
    QCOMPARE(queryCount(database(), u"SELECT COUNT(*) FROM tasks WHERE state = 'done'"_s), 16);
    QCOMPARE(queryCount(database(), kTwiceDone), 0);
    // Let go on exit.
    QVERIFY(!QFile::exists(WorkspaceLock::lockPath(workspace())));
    QVERIFY(!QFile::exists(WorkspaceLock::ownerPath(workspace())));
}

void TestOwnership::writingCommandsDuringARunChangeNothing()
{
    // A checkpoint to restore, made before the run.
    const CliResult made = cli({u"checkpoint"_s, u"create"_s, m_board, u"--reason"_s, u"b"_s});
    QCOMPARE(made.exitCode, 0);
    const qint64 checkpoints = queryCount(database(), u"SELECT COUNT(*) FROM checkpoints"_s);
    QCOMPARE(checkpoints, 1);
    const CliResult list = cli({u"checkpoint"_s, u"list"_s, m_board, u"--json"_s});
    const QString id = QJsonDocument::fromJson(list.out.toUtf8().split('\n').value(0))
                           .object()[u"id"_s]
                           .toString();
    QVERIFY2(!id.isEmpty(), qPrintable(list.out));

    QProcess owner;
    QVERIFY(startOwner(&owner, m_board));
    const QList<QStringList> writers{
        {u"publish"_s, m_board, u"--allow-partial"_s},
        {u"discard"_s, m_board, u"--all-checkpoints"_s},
        {u"checkpoint"_s, u"create"_s, m_board, u"--reason"_s, u"intruder"_s},
        {u"checkpoint"_s, u"restore"_s, m_board, id}};
    for (const QStringList &args : writers) {
        const CliResult r = cli(args);
        QVERIFY2(r.exitCode == 4, qPrintable(args.join(u' ') + u": "_s + r.err));
        QVERIFY2(r.err.contains(u"pid %1"_s.arg(owner.processId())), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(args.join(u' ') + u": "_s + r.out));
    }
    QVERIFY2(owner.state() == QProcess::Running, "the run ended before the writers tried");
    // (The run makes checkpoints of its own: count only what the writers would have made.)
    QVERIFY(queryCount(
                database(),
                u"SELECT COUNT(*) FROM checkpoint_tasks WHERE checkpoint_id = '%1'"_s.arg(id)) > 0);
    QVERIFY(!QFileInfo::exists(workspace() + u"/published"_s));

    QVERIFY(owner.waitForFinished(120000));
    QCOMPARE(owner.exitCode(), 0);
    // Not rolled back under the run, nor discarded: every task done, its output there.
    QCOMPARE(queryCount(database(), u"SELECT COUNT(*) FROM tasks WHERE state = 'done'"_s), 16);
    QCOMPARE(queryCount(database(), u"SELECT COUNT(*) FROM checkpoints WHERE id = '%1'"_s.arg(id)),
             1);
    QCOMPARE(
        queryCount(database(), u"SELECT COUNT(*) FROM checkpoints WHERE reason = 'intruder'"_s), 0);
    QCOMPARE(queryCount(database(), kTwiceDone), 0);
    const CliResult publish = cli({u"publish"_s, m_board});
    QCOMPARE(publish.exitCode, 0);
}

void TestOwnership::killedOwnerIsTakenOver()
{
    QProcess owner;
    QVERIFY(startOwner(&owner, m_board));
    const qint64 pid = owner.processId();
    QTRY_VERIFY_WITH_TIMEOUT(
        queryCount(database(), u"SELECT COUNT(*) FROM tasks WHERE state = 'done'"_s) > 0, 20000);
    ::kill(pid_t(pid), SIGKILL);
    QVERIFY(owner.waitForFinished(10000));
    // The dead owner's files are still there: the next run must judge them stale.
    QVERIFY(QFile::exists(WorkspaceLock::lockPath(workspace())));
    QVERIFY(QFile::exists(WorkspaceLock::ownerPath(workspace())));
    QVERIFY(!WorkspaceLock::liveOwner(workspace()).has_value());

    const CliResult next = cli({u"run"_s, m_board});
    QCOMPARE(next.exitCode, 0);
    QVERIFY2(next.err.contains(u"pid %1"_s.arg(pid)) && next.err.contains(u"is gone"_s),
             qPrintable(next.err));
    QCOMPARE(queryCount(database(), u"SELECT COUNT(*) FROM tasks WHERE state = 'done'"_s), 16);
    QCOMPARE(queryCount(database(), kTwiceDone), 0);
    QVERIFY(!QFile::exists(WorkspaceLock::lockPath(workspace())));
}

void TestOwnership::readOnlyCommandsDuringARunChangeNothing()
{
    QProcess owner;
    QVERIFY(startOwner(&owner, m_board));
    QTRY_VERIFY_WITH_TIMEOUT(
        queryCount(database(), u"SELECT COUNT(*) FROM tasks WHERE state = 'done'"_s) > 0, 20000);
    const QString resumed = u"SELECT COUNT(*) FROM events WHERE kind = 'run-resumed'"_s;
    QCOMPARE(queryCount(database(), resumed), 0);

    // status shows the live state: running tasks as running, never as interrupted.
    int running = 0;
    for (int round = 0; round < 5 && running == 0; ++round) {
        const CliResult status = cli({u"status"_s, m_board, u"--json"_s});
        QVERIFY2(status.exitCode >= 0, "status did not exit");
        for (const QString &line : status.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            if (o.value(u"event"_s).toString() != u"task"_s)
                continue;
            QVERIFY2(o.value(u"state"_s).toString() != u"interrupted"_s, qPrintable(line));
            if (o.value(u"state"_s).toString() == u"running"_s)
                ++running;
        }
        QVERIFY2(!status.err.contains(u"stopped before it finished"_s), qPrintable(status.err));
    }
    QVERIFY2(running > 0, "status never showed a running task during the run");
    for (const QStringList &args :
         {QStringList{u"estimate"_s, m_board}, QStringList{u"checkpoint"_s, u"list"_s, m_board}}) {
        const CliResult r = cli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(args.join(u' ') + u": "_s + r.err));
    }
    QVERIFY2(owner.state() == QProcess::Running, "the run ended before the readers were done");
    // No run-resumed event, no crashed-run report for the live run.
    QCOMPARE(queryCount(database(), resumed), 0);
    QVERIFY(QDir(workspace() + u"/reports"_s)
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                .isEmpty());

    QVERIFY(owner.waitForFinished(120000));
    QCOMPARE(owner.exitCode(), 0);
    QCOMPARE(queryCount(database(), resumed), 0);
    QCOMPARE(queryCount(database(), u"SELECT COUNT(*) FROM runs"_s), 1);
    QCOMPARE(queryCount(database(), kTwiceDone), 0);
}

void TestOwnership::lockFromAnotherHostIsHonouredUntilTakeOver()
{
    QVERIFY(writeFile(m_board, storyboard(2, 0)));
    QVERIFY(QDir().mkpath(workspace()));
    // What QLockFile and WorkspaceLock write, as from a process on farm-2.
    QVERIFY(writeFile(WorkspaceLock::lockPath(workspace()),
                      "1\nretake-cli\nfarm-2\nf00df00df00df00df00df00df00df00d\n"
                      "0b0b0b0b-0000-4000-8000-000000000000\n"));
    OwnerInfo farm;
    farm.program = u"retake-cli"_s;
    farm.pid = 1;
    farm.host = u"farm-2"_s;
    farm.user = u"ana"_s;
    farm.startedAt = QDateTime::currentDateTimeUtc().addSecs(-600);
    farm.command = u"run"_s;
    QVERIFY(
        writeFile(WorkspaceLock::ownerPath(workspace()), QJsonDocument(farm.toJson()).toJson()));

    const std::optional<OwnerInfo> seen = WorkspaceLock::liveOwner(workspace());
    QVERIFY(seen.has_value());
    QCOMPARE(seen->host, u"farm-2"_s);
    QCOMPARE(seen->user, u"ana"_s);

    const CliResult refused = cli({u"run"_s, m_board});
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.err.contains(u"farm-2"_s) && refused.err.contains(u"--take-over"_s) &&
                 refused.err.contains(u"watch"_s),
             qPrintable(refused.err));
    QVERIFY(!QFile::exists(database()));

    const CliResult taken = cli({u"run"_s, m_board, u"--take-over"_s});
    QCOMPARE(taken.exitCode, 0);
    QVERIFY2(taken.err.contains(u"took over"_s) && taken.err.contains(u"farm-2"_s) &&
                 taken.err.contains(u"pid 1"_s),
             qPrintable(taken.err));
    QCOMPARE(queryCount(database(), u"SELECT COUNT(*) FROM tasks WHERE state = 'done'"_s), 4);
    QVERIFY(!QFile::exists(WorkspaceLock::lockPath(workspace())));
}

void TestOwnership::lockInOneProcess()
{
    const QString ws = workspace();
    const OwnerInfo me = OwnerInfo::forThisProcess(ws, u"test"_s);
    QString message;
    {
        WorkspaceLock first(ws);
        QCOMPARE(first.acquire(me, false, &message), WorkspaceLock::Outcome::Acquired);
        QVERIFY(first.isHeld());
        QCOMPARE(first.owner().pid, me.pid);
        QVERIFY(QFile::exists(WorkspaceLock::ownerPath(ws)));

        // A second lock in the same process is another owner: refused, even with takeOver.
        WorkspaceLock second(ws);
        QCOMPARE(second.acquire(me, false, &message), WorkspaceLock::Outcome::Owned);
        QVERIFY(!second.isHeld());
        QCOMPARE(second.owner().pid, QCoreApplication::applicationPid());
        QCOMPARE(second.owner().command, u"test"_s);
        QCOMPARE(second.acquire(me, true, &message), WorkspaceLock::Outcome::Owned);
        QVERIFY2(message.contains(u"alive on this host"_s), qPrintable(message));
        // Its destructor must not take the first one's files.
        second.release();
        QVERIFY(QFile::exists(WorkspaceLock::lockPath(ws)));

        const std::optional<OwnerInfo> live = WorkspaceLock::liveOwner(ws);
        QVERIFY(live.has_value());
        QCOMPARE(live->pid, me.pid);

        first.release();
        QVERIFY(!first.isHeld());
        QVERIFY(!QFile::exists(WorkspaceLock::lockPath(ws)));
        QVERIFY(!QFile::exists(WorkspaceLock::ownerPath(ws)));
        QVERIFY(!WorkspaceLock::liveOwner(ws).has_value());

        QCOMPARE(second.acquire(me, false, &message), WorkspaceLock::Outcome::Acquired);
        QVERIFY(message.isEmpty());
    }
    // Released by the destructor.
    QVERIFY(!QFile::exists(WorkspaceLock::lockPath(ws)));
    QVERIFY(!QFile::exists(WorkspaceLock::ownerPath(ws)));
}

void TestOwnership::lockNamingALivePidButNotHeldIsStale()
{
    // A lock file left by a process whose pid now belongs to a live process of the same
    // name (here: this test itself). QLockFile's pid check alone would call it alive; nobody
    // holds its flock, so it is stale.
    const QString ws = workspace();
    QVERIFY(QDir().mkpath(ws));
    const QString exe = QFileInfo(QCoreApplication::applicationFilePath()).fileName();
    QVERIFY(writeFile(WorkspaceLock::lockPath(ws),
                      QByteArray::number(QCoreApplication::applicationPid()) + '\n' + exe.toUtf8() +
                          '\n' + QSysInfo::machineHostName().toUtf8() + '\n' +
                          QSysInfo::machineUniqueId() + '\n' + QSysInfo::bootUniqueId() + '\n'));
    QVERIFY(!WorkspaceLock::liveOwner(ws).has_value());
    WorkspaceLock lock(ws);
    QString message;
    QCOMPARE(lock.acquire(OwnerInfo::forThisProcess(ws, u"test"_s), false, &message),
             WorkspaceLock::Outcome::Acquired);

    // And a lock of a process that is gone (same host).
    lock.release();
    QProcess gone;
    gone.start(u"true"_s);
    QVERIFY(gone.waitForFinished());
    const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
    QVERIFY(writeFile(WorkspaceLock::lockPath(ws), QByteArray::number(deadPid) + "\nretake-cli\n" +
                                                       QSysInfo::machineHostName().toUtf8() + '\n' +
                                                       QSysInfo::machineUniqueId() + '\n' +
                                                       QSysInfo::bootUniqueId() + '\n'));
    QVERIFY(!WorkspaceLock::liveOwner(ws).has_value());
    QCOMPARE(lock.acquire(OwnerInfo::forThisProcess(ws, u"test"_s), false, &message),
             WorkspaceLock::Outcome::Acquired);
}

void TestOwnership::uncreatableWorkspaceFails()
{
    // A workspace below a regular file cannot be created, even by root.
    const QString file = m_dir->filePath(u"plain-file"_s);
    QVERIFY(writeFile(file, "x"));
    WorkspaceLock lock(file + u"/ws.retake"_s);
    QString message;
    QCOMPARE(lock.acquire(OwnerInfo::forThisProcess(file, u"test"_s), false, &message),
             WorkspaceLock::Outcome::Failed);
    QVERIFY2(message.contains(file + u"/ws.retake"_s) && message.contains(u"--workspace"_s),
             qPrintable(message));
    QVERIFY(!lock.isHeld());
}

QTEST_GUILESS_MAIN(TestOwnership)
#include "tst_ownership.moc"
