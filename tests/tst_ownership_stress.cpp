// Never twice (issue 12, docs/ARCHITECTURE.md "Ownership and watching"): an owner with
// watchers while pause, resume, retry-failed, publish and cancel arrive from other processes
// at random moments, and at least 20 rounds in which the owner is killed with SIGKILL and
// the next run takes the workspace over. Afterwards no task has two successful attempts for
// the same parameters, no verified output is missing, published/ matches its manifest, and a
// crashed-run report was written only by an owner that followed a killed one.
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// 48 shots (96 tasks), two at a time, 300 ms per attempt, with repeatable failures so that
// retry-failed has work: about 15 s of work. Each `take` changes every prompt, so that a
// finished batch has all of its work to do again (with new parameters, simplified prompts
// included: the take leads the prompt).
QByteArray storyboard(int take)
{
    QJsonArray shots;
    for (int n = 1; n <= 48; ++n) {
        shots.append(QJsonObject{
            {u"id"_s, u"s1-sh%1"_s.arg(n, 2, 10, QLatin1Char('0'))},
            {u"prompt"_s, u"Take %2 shot %1: gulls over a harbour wall."_s.arg(n).arg(take)}});
    }
    const QJsonObject studio{
        {u"id"_s, u"studio"_s},
        {u"kind"_s, u"local"_s},
        {u"maxConcurrency"_s, 2},
        {u"faults"_s, QJsonObject{{u"seed"_s, 11},
                                  {u"rates"_s, QJsonObject{{u"provider_error"_s, 0.1},
                                                           {u"content_policy"_s, 0.05}}}}},
        {u"options"_s, QJsonObject{{u"latencyMs"_s, 300}}}};
    const QJsonObject project{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Stress"_s},
        {u"defaults"_s,
         QJsonObject{{u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}},
                     {u"video"_s, QJsonObject{{u"duration"_s, 0.5}, {u"fps"_s, 8}}}}},
        {u"providerProfiles"_s, QJsonArray{studio}},
        {u"providers"_s,
         QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}}, {u"video"_s, QJsonArray{u"studio"_s}}}},
        {u"retry"_s, QJsonObject{{u"baseDelayMs"_s, 10}, {u"maxDelayMs"_s, 50}}},
        {u"scenes"_s, QJsonArray{QJsonObject{{u"id"_s, u"s1"_s}, {u"shots"_s, shots}}}}};
    return QJsonDocument(project).toJson();
}

struct Row {
    QString taskId;
    QString state;
    QString outputPath;
};

class StateDb
{
public:
    explicit StateDb(const QString &path)
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"stress-check"_s);
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        m_db.open();
    }
    ~StateDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"stress-check"_s);
    }
    StateDb(const StateDb &) = delete;
    StateDb &operator=(const StateDb &) = delete;

    QStringList column(const QString &sql) const
    {
        QStringList values;
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            return {u"query failed: "_s + sql};
        while (query.next())
            values << query.value(0).toString();
        return values;
    }

private:
    QSqlDatabase m_db;
};

} // namespace

class TestOwnershipStress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ownerKilledAndSteeredNeverDoesWorkTwice();

private:
    QString cliOut(const QStringList &args, int *exitCode, int timeoutMs = 30000);
    void command(const QStringList &args);
    bool waitForOwner(QProcess *owner);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_board;
    QString m_ws;
};

QString TestOwnershipStress::cliOut(const QStringList &args, int *exitCode, int timeoutMs)
{
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        *exitCode = -1;
    } else {
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

// Whether the owner started by `owner` has published itself (its socket is announced).
bool TestOwnershipStress::waitForOwner(QProcess *owner)
{
    const QString ownerFile = m_ws + u"/owner.json"_s;
    for (int i = 0; i < 1500; ++i) { // up to 15 s on a loaded machine
        QFile file(ownerFile);
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
            if (qint64(o.value(u"pid"_s).toDouble()) == owner->processId())
                return true;
        }
        if (owner->state() == QProcess::NotRunning)
            return false;
        QTest::qWait(10);
    }
    return false;
}

void TestOwnershipStress::ownerKilledAndSteeredNeverDoesWorkTwice()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    if (qEnvironmentVariableIsSet("RETAKE_TEST_KEEP")) {
        m_dir->setAutoRemove(false);
        qInfo("keeping %s", qPrintable(m_dir->path()));
    }
    m_board = m_dir->filePath(u"stress.retake.json"_s);
    m_ws = m_dir->filePath(u"stress.retake"_s);
    int take = 1;
    const auto writeBoard = [this, &take] {
        QFile file(m_board);
        return file.open(QIODevice::WriteOnly) && file.write(storyboard(take)) > 0;
    };
    QVERIFY(writeBoard());
    const quint32 seed = qEnvironmentVariableIsSet("RETAKE_TEST_STRESS_SEED")
                             ? quint32(qEnvironmentVariable("RETAKE_TEST_STRESS_SEED").toUInt())
                             : QRandomGenerator::global()->generate();
    qInfo("stress seed %u", seed);
    QRandomGenerator random(seed);

    int kills = 0;
    int rounds = 0;
    bool previousKilled = false;
    QStringList crashReportsOutOfPlace;
    QStringList watchProblems;
    for (; rounds < 80 && kills < 20; ++rounds) {
        // The owner: `run`, or `retry-failed` now and then (both own the workspace).
        QProcess owner;
        owner.setWorkingDirectory(m_dir->path());
        const bool retrying = random.bounded(4) == 0;
        owner.start(QStringLiteral(RETAKE_CLI_PATH),
                    {retrying ? u"retry-failed"_s : u"run"_s, m_board, u"--json"_s});
        QVERIFY(owner.waitForStarted());
        if (!waitForOwner(&owner)) {
            // The batch was already over (nothing left to do) or the owner failed to start.
            owner.waitForFinished(30000);
            const QString err = QString::fromUtf8(owner.readAllStandardError());
            QVERIFY2(owner.exitCode() == 0 || owner.exitCode() == 3, qPrintable(err));
            if (err.contains(u"stopped before it finished"_s) && !previousKilled)
                crashReportsOutOfPlace << u"round %1 (no owner window)"_s.arg(rounds);
            previousKilled = false;
            ++take; // the batch was over: the next round has new work
            QVERIFY(writeBoard());
            continue;
        }

        // Two watchers.
        std::vector<std::unique_ptr<QProcess>> watchers;
        for (int w = 0; w < 2; ++w) {
            auto watcher = std::make_unique<QProcess>();
            watcher->setWorkingDirectory(m_dir->path());
            watcher->start(QStringLiteral(RETAKE_CLI_PATH), {u"watch"_s, m_board, u"--json"_s});
            watchers.push_back(std::move(watcher));
        }

        // Steering from other processes at random moments.
        const int steps = int(random.bounded(4));
        QStringList steered;
        for (int s = 0; s < steps && owner.state() != QProcess::NotRunning; ++s) {
            QTest::qWait(int(random.bounded(50, 300)));
            static const QStringList kinds{u"pause"_s, u"resume"_s, u"retry-failed"_s, u"publish"_s,
                                           u"status"_s};
            const QString kind = kinds.at(int(random.bounded(kinds.size())));
            int exitCode = 0;
            const QString out = cliOut({kind, m_board}, &exitCode);
            steered << u"%1=%2"_s.arg(kind).arg(exitCode);
            // Publish is refused while the owner lives; it may succeed only once it ended.
            if (kind == u"publish"_s && exitCode != 4 && exitCode != 2) {
                QVERIFY2(
                    owner.state() == QProcess::NotRunning || owner.waitForFinished(2000),
                    qPrintable(
                        u"publish exited %1 while the owner ran: %2"_s.arg(exitCode).arg(out)));
            }
            // retry-failed on an owned workspace is handed to the owner, never refused.
            if (kind == u"retry-failed"_s)
                QVERIFY2(exitCode != 4, qPrintable(out));
            if (out.contains(u"stopped before it finished"_s))
                crashReportsOutOfPlace << u"round %1, %2"_s.arg(rounds).arg(kind);
        }
        // Resume in case the last command paused it, so that the round can end.
        int ignored = 0;
        cliOut({u"resume"_s, m_board}, &ignored);

        // End of the round: mostly SIGKILL, sometimes a cancel from another process,
        // sometimes the batch's own end.
        const int ending = int(random.bounded(10));
        bool killed = false;
        if (ending < 8) {
            const qint64 pid = owner.processId();
            if (owner.state() != QProcess::NotRunning && pid > 0 &&
                !owner.waitForFinished(int(random.bounded(50, 700)))) {
                ::kill(pid_t(pid), SIGKILL);
                killed = true;
                ++kills;
            }
        } else if (ending == 8) {
            cliOut({u"cancel"_s, m_board}, &ignored);
        }
        if (owner.state() != QProcess::NotRunning && !owner.waitForFinished(60000)) {
            owner.kill();
            owner.waitForFinished();
            QFAIL(qPrintable(
                u"round %1 (ending %2, steered: %3): the owner did not end: %4"_s.arg(rounds)
                    .arg(ending)
                    .arg(steered.join(u' '))
                    .arg(QString::fromUtf8(owner.readAllStandardError()))));
        }
        const QString ownerErr = QString::fromUtf8(owner.readAllStandardError());
        if (ownerErr.contains(u"stopped before it finished"_s) && !previousKilled)
            crashReportsOutOfPlace << u"round %1 owner"_s.arg(rounds);
        const int ownerExit = owner.exitStatus() == QProcess::NormalExit ? owner.exitCode() : -1;

        // Every watcher ends: with the owner's exit code, or 1 when the owner was killed.
        for (auto &watcher : watchers) {
            if (!watcher->waitForFinished(15000)) {
                watchProblems << u"round %1: a watcher did not end"_s.arg(rounds);
                watcher->kill();
                watcher->waitForFinished();
                continue;
            }
            const int watchExit = watcher->exitCode();
            const QString watchErr = QString::fromUtf8(watcher->readAllStandardError());
            const bool expected =
                killed ? watchExit == 1 : (watchExit == ownerExit || watchExit == 1);
            if (!expected) {
                watchProblems << u"round %1: watch exited %2, owner %3%4: %5"_s.arg(rounds)
                                     .arg(watchExit)
                                     .arg(ownerExit)
                                     .arg(killed ? u" (killed)"_s : QString(), watchErr.trimmed());
            }
            if (watchErr.contains(u"stopped before it finished"_s))
                crashReportsOutOfPlace << u"round %1 watcher"_s.arg(rounds);
        }
        previousKilled = killed;
        if (!killed && ownerExit != 130) {
            ++take; // the batch ended on its own: the next round has new work
            QVERIFY(writeBoard());
        }
    }
    qInfo("%d rounds, %d kills, %d takes", rounds, kills, take);
    QVERIFY2(kills >= 20, qPrintable(u"only %1 kills in %2 rounds"_s.arg(kills).arg(rounds)));
    QVERIFY2(watchProblems.isEmpty(), qPrintable(watchProblems.join(u"\n"_s)));
    QVERIFY2(crashReportsOutOfPlace.isEmpty(), qPrintable(crashReportsOutOfPlace.join(u", "_s)));

    // The batch to its end, then publish.
    int exitCode = -1;
    QString out = cliOut({u"run"_s, m_board}, &exitCode, 180000);
    QVERIFY2(exitCode == 0 || exitCode == 3, qPrintable(out));
    out = cliOut({u"publish"_s, m_board, u"--allow-partial"_s}, &exitCode);
    QVERIFY2(exitCode == 0, qPrintable(out));

    {
        StateDb db(m_ws + u"/state.sqlite"_s);
        // No task was generated twice for the same parameters.
        const QStringList twice = db.column(
            u"SELECT task_id || ' x' || COUNT(*) FROM attempts WHERE error_class = 'none' AND "
            "COALESCE(output_path, '') <> '' GROUP BY task_id, params_hash HAVING COUNT(*) > 1"_s);
        QVERIFY2(twice.isEmpty(), qPrintable(twice.join(u", "_s)));
        // Every done task's output is there and not empty.
        const QStringList done = db.column(u"SELECT output_path FROM tasks WHERE state = 'done'"_s);
        QVERIFY(!done.isEmpty());
        for (const QString &path : done) {
            const QFileInfo file(QDir(m_ws).filePath(path));
            QVERIFY2(file.isFile() && file.size() > 0, qPrintable(path));
        }
    }

    // published/ holds exactly what its manifest lists.
    QFile manifestFile(m_ws + u"/published/manifest.json"_s);
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    QMap<QString, QString> listed; // file -> sha256
    for (const QJsonValue &item : manifest.value(u"files"_s).toArray()) {
        const QJsonObject entry = item.toObject();
        listed.insert(entry.value(u"file"_s).toString(), entry.value(u"sha256"_s).toString());
    }
    QMap<QString, QString> present;
    const QDir published(m_ws + u"/published"_s);
    QDirIterator it(published.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString file = published.relativeFilePath(path);
        if (file == u"manifest.json"_s)
            continue;
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        present.insert(
            file, QString::fromLatin1(
                      QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()));
    }
    QVERIFY(!listed.isEmpty());
    QCOMPARE(present, listed);
}

QTEST_GUILESS_MAIN(TestOwnershipStress)
#include "tst_ownership_stress.moc"
