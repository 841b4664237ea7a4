// Watching and steering a run from other processes, as a user does it in three terminals:
// `retake-cli run` in one, `retake-cli watch --json` in another, pause / resume / retry /
// cancel from a third. The watcher ends with the run's final states and exit code; a
// cancel ends both with 130; an owner killed with SIGKILL leaves the watcher with exit 1
// and a message naming it.
#include "localstoryboard.h"
#include "session/controlclient.h"
#include "session/controlprotocol.h"
#include "session/ownerinfo.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace retake;
using namespace Qt::StringLiterals;
using retake::test::LocalStoryboard;

namespace {

// `shots` shots on one slow local provider, one attempt at a time; with `failures`, a
// repeatable share of invalid requests (failed at once, never retried automatically).
QByteArray storyboard(int shots, int latencyMs, bool failures)
{
    LocalStoryboard board;
    board.shots = shots;
    board.latencyMs = latencyMs;
    board.concurrency = 1;
    board.title = u"Watch test"_s;
    if (failures) {
        board.faults =
            QJsonObject{{u"seed"_s, 11}, {u"rates"_s, QJsonObject{{u"invalid_request"_s, 0.3}}}};
    }
    return board.toJson();
}

// A retake-cli process whose output is collected as it comes.
struct Cli {
    QProcess process;
    QByteArray out;
    QByteArray err;

    void start(const QString &dir, const QStringList &args)
    {
        process.setWorkingDirectory(dir);
        process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    }
    // Collects what arrived; safe to call repeatedly (QTRY conditions).
    void pump()
    {
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();
    }
    bool finished()
    {
        pump();
        return process.state() == QProcess::NotRunning;
    }
    int exitCode() const
    {
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    // The JSON lines of kind `event`.
    QList<QJsonObject> events(const QString &event)
    {
        pump();
        QList<QJsonObject> list;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(u"event"_s).toString() == event)
                list.append(o);
        }
        return list;
    }
    // task id -> its last state in the task events.
    QMap<QString, QString> lastStates()
    {
        QMap<QString, QString> states;
        for (const QJsonObject &o : events(u"task"_s))
            states.insert(o.value(u"id"_s).toString(), o.value(u"state"_s).toString());
        return states;
    }
    QString anyTaskIn(const QString &state)
    {
        const QMap<QString, QString> states = lastStates();
        for (auto it = states.cbegin(); it != states.cend(); ++it) {
            if (it.value() == state)
                return it.key();
        }
        return {};
    }
};

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void watchEndsLikeTheRun();
    void steeringFromAThirdProcess();
    void ownerKilledEndsTheWatchWithOne();
    void nothingRunning();

private:
    Result cli(const QStringList &args, int timeoutMs = 60000);
    QString writeStoryboard(int shots, int latencyMs, bool failures);
    QString ownerFile() const { return m_dir->filePath(u"watch.retake/owner.json"_s); }
    bool pausedPerOwner(bool *paused);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

void TestWatch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWatch::cleanup()
{
    m_dir.reset();
}

Result TestWatch::cli(const QStringList &args, int timeoutMs)
{
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    Result result;
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

QString TestWatch::writeStoryboard(int shots, int latencyMs, bool failures)
{
    m_file = m_dir->filePath(u"watch.retake.json"_s);
    QFile file(m_file);
    if (file.open(QIODevice::WriteOnly))
        file.write(storyboard(shots, latencyMs, failures));
    return m_file;
}

// Asks the owner itself (through its socket) whether it is paused.
bool TestWatch::pausedPerOwner(bool *paused)
{
    QFile file(ownerFile());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const OwnerInfo owner = OwnerInfo::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    ControlClient client;
    QString error;
    if (!client.connectTo(owner.socketPath, 3000, &error))
        return false;
    const QJsonObject reply = client.request(u"hello"_s);
    if (!reply.value(u"ok"_s).toBool())
        return false;
    *paused = remoteSnapshotFromJson(reply).paused;
    return true;
}

void TestWatch::watchEndsLikeTheRun()
{
    writeStoryboard(8, 250, true);
    Cli run;
    run.start(m_dir->path(), {u"run"_s, m_file, u"--json"_s});
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(ownerFile()) || run.finished(), 30000);
    QVERIFY2(!run.finished(), run.err.constData());
    Cli watch;
    watch.start(m_dir->path(), {u"watch"_s, m_file, u"--json"_s});
    QTRY_VERIFY_WITH_TIMEOUT(run.finished(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(watch.finished(), 30000);
    QVERIFY2(watch.exitCode() == run.exitCode(), watch.err.constData());
    QCOMPARE(run.exitCode(), 3); // the invalid requests fail their tasks

    // The same final states, task by task, as the owner printed and as the state says.
    const QMap<QString, QString> ownerStates = run.lastStates();
    QCOMPARE(ownerStates.size(), 16);
    QCOMPARE(watch.lastStates(), ownerStates);
    QVERIFY(ownerStates.values().contains(u"failed"_s));
    QVERIFY(ownerStates.values().contains(u"done"_s));
    const QList<QJsonObject> ownerSummaries = run.events(u"summary"_s);
    const QList<QJsonObject> watchSummaries = watch.events(u"summary"_s);
    QVERIFY(!ownerSummaries.isEmpty());
    QVERIFY(!watchSummaries.isEmpty());
    QCOMPARE(watchSummaries.last(), ownerSummaries.last());
    // The watcher also saw the attempts that happened while it watched.
    QVERIFY(!watch.events(u"attempt"_s).isEmpty());
    // The owner let go of the workspace.
    QVERIFY(!QFileInfo::exists(ownerFile()));
}

void TestWatch::steeringFromAThirdProcess()
{
    writeStoryboard(12, 200, true);
    Cli run;
    run.start(m_dir->path(), {u"run"_s, m_file, u"--json"_s});
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(ownerFile()) || run.finished(), 30000);
    Cli watch;
    watch.start(m_dir->path(), {u"watch"_s, m_file, u"--json"_s});
    // Some finished work and a failed task to retry.
    QTRY_VERIFY_WITH_TIMEOUT(
        !watch.anyTaskIn(u"done"_s).isEmpty() && !watch.anyTaskIn(u"failed"_s).isEmpty(), 60000);
    QVERIFY(!run.finished());

    Result r = cli({u"pause"_s, m_file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Paused"_s), qPrintable(r.out));
    bool paused = false;
    QVERIFY(pausedPerOwner(&paused));
    QVERIFY(paused);

    // Retry: an unknown id and a done task are refused, a failed one is re-queued.
    r = cli({u"retry"_s, m_file, u"nope/image"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"nope/image"_s), qPrintable(r.err));
    const QString done = watch.anyTaskIn(u"done"_s);
    r = cli({u"retry"_s, m_file, done});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(done + u" is done"_s), qPrintable(r.err));
    const QString failed = watch.anyTaskIn(u"failed"_s);
    r = cli({u"retry"_s, m_file, failed});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(failed), qPrintable(r.out));
    QTRY_VERIFY_WITH_TIMEOUT(run.lastStates().value(failed) != u"failed"_s, 10000);

    r = cli({u"resume"_s, m_file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(pausedPerOwner(&paused));
    QVERIFY(!paused);

    r = cli({u"cancel"_s, m_file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QTRY_VERIFY_WITH_TIMEOUT(run.finished(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(watch.finished(), 30000);
    QCOMPARE(run.exitCode(), 130);
    QVERIFY2(watch.exitCode() == 130, watch.err.constData());
    QCOMPARE(watch.lastStates(), run.lastStates());
    QCOMPARE(watch.events(u"summary"_s).last(), run.events(u"summary"_s).last());

    // The finished work is kept: done tasks still have their outputs.
    r = cli({u"status"_s, m_file, u"--json"_s});
    int doneWithOutput = 0;
    for (const QString &line : r.out.split(u'\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(u"state"_s).toString() == u"done"_s &&
            QFileInfo::exists(o.value(u"output"_s).toString()))
            ++doneWithOutput;
    }
    QVERIFY(doneWithOutput >= 1);
    QCOMPARE(run.lastStates().value(done), u"done"_s);
}

void TestWatch::ownerKilledEndsTheWatchWithOne()
{
    writeStoryboard(12, 300, false);
    Cli run;
    run.start(m_dir->path(), {u"run"_s, m_file});
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(ownerFile()) || run.finished(), 30000);
    Cli watch;
    watch.start(m_dir->path(), {u"watch"_s, m_file});
    QTRY_VERIFY_WITH_TIMEOUT((watch.pump(), watch.out.contains("Watching")), 30000);
    const qint64 pid = run.process.processId();
    QVERIFY(pid > 0);
    ::kill(pid_t(pid), SIGKILL);
    QTRY_VERIFY_WITH_TIMEOUT(watch.finished(), 30000);
    QCOMPARE(watch.exitCode(), 1);
    const QString err = QString::fromUtf8(watch.err);
    QVERIFY2(err.contains(u"pid %1"_s.arg(pid)), qPrintable(err));
    QVERIFY2(err.contains(u"died or was killed"_s), qPrintable(err));
    QVERIFY2(err.contains(u"retake-cli run "_s + m_file), qPrintable(err));
    QTRY_VERIFY_WITH_TIMEOUT(run.finished(), 10000);

    // Afterwards nothing answers: watch and pause say so and exit 1.
    Result r = cli({u"watch"_s, m_file});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"nothing is running"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"pid %1"_s.arg(pid)), qPrintable(r.err));
}

void TestWatch::nothingRunning()
{
    writeStoryboard(1, 0, false);
    for (const QString &command : {u"watch"_s, u"pause"_s, u"resume"_s, u"cancel"_s}) {
        const Result r = cli({command, m_file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"nothing is running"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"retake-cli status "_s + m_file), qPrintable(r.err));
    }
    Result r = cli({u"retry"_s, m_file});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"task id"_s), qPrintable(r.err));
    r = cli({u"retry"_s, m_file, u"sh01/image"_s});
    QCOMPARE(r.exitCode, 1);
    // Nothing was created or changed by asking.
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"watch.retake/state.sqlite"_s)));
}

QTEST_GUILESS_MAIN(TestWatch)
#include "tst_watch.moc"
