// Remote jobs outlive Retake (docs/ARCHITECTURE.md, "Remote jobs across a restart"): a queue-style
// job (Replicate, fal, ComfyUI) created with the id of a job the server still knows
// re-attaches to it — it fetches the output of a finished one and polls a running one — and
// submits nothing; an id the server does not know is submitted once; an id read from the
// (untrusted) state never makes a request go to another host. The engine commits the job's
// id to state.sqlite before it waits on it, clears it when the attempt ends, and a state left
// by a kill re-attaches instead of paying again.
#include "engine/engine.h"
#include "engine/outputverifier.h"
#include "enginefixture.h"
#include "providers/comfyuiprovider.h"
#include "providers/falprovider.h"
#include "providers/replicateprovider.h"
#include "providertestkit.h"
#include "simserver.h"
#include "testprinters.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;
using retake::sim::SimServer;

namespace {

const QString kKey = u"r8_reattach_5c4b3a2910"_s;

std::unique_ptr<Provider> makeProvider(const ProviderProfile &profile)
{
    if (profile.kind == u"replicate")
        return std::make_unique<ReplicateProvider>(profile);
    if (profile.kind == u"fal")
        return std::make_unique<FalProvider>(profile);
    return std::make_unique<ComfyUiProvider>(profile);
}

// What a job said through remoteJobAccepted().
struct Accepted {
    QString id;
    bool reattached = false;
    int count = 0;
};

JobRun runWithResume(Provider &provider, GenerationRequest request, const QString &resumeId,
                     Accepted *accepted)
{
    request.resumeJobId = resumeId;
    return runJob(provider, request, 20000, [accepted](ProviderJob *job) {
        QObject::connect(job, &ProviderJob::remoteJobAccepted, job,
                         [accepted](const QString &id, bool reattached) {
                             accepted->id = id;
                             accepted->reattached = reattached;
                             accepted->count += 1;
                         });
    });
}

// The id in a submission's answer.
QString idOfAnswer(const QString &kind, const QJsonObject &answer)
{
    if (kind == u"fal")
        return answer.value(u"request_id"_s).toString();
    if (kind == u"comfyui")
        return answer.value(u"prompt_id"_s).toString();
    return answer.value(u"id"_s).toString();
}

// A column of a task's or an attempt's row, read through a connection of its own while the
// engine writes (WAL): empty when the row, the column or the value is missing.
QString readColumn(const QString &database, const QString &sql, const QString &key)
{
    const QString name = u"reader-"_s + QString::number(quintptr(&sql));
    QString value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(database);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            query.addBindValue(key);
            if (query.exec() && query.next())
                value = query.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

QString storedRemoteJob(const QString &database, const QString &taskId)
{
    return readColumn(database, u"SELECT remote_job FROM tasks WHERE id = ?"_s, taskId);
}

} // namespace

class TestProviderReattach : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const QString &id : {u"rep"_s, u"fal"_s, u"comfy"_s})
            plantKey(id, kKey);
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->start() > 0);
        setJobMs(120);
    }
    void cleanup()
    {
        m_sim.reset();
        m_dir.reset();
    }

    void finishedJobDeliversWithoutSubmitting_data() { kinds(); }
    void finishedJobDeliversWithoutSubmitting();
    void runningJobIsPolledToItsEnd_data() { kinds(); }
    void runningJobIsPolledToItsEnd();
    void unknownJobIsSubmittedOnce_data() { kinds(); }
    void unknownJobIsSubmittedOnce();
    void idFromTheStateNeverNamesAHost_data();
    void idFromTheStateNeverNamesAHost();
    void engineCommitsTheJobBeforeWaitingOnIt();
    void engineReattachesToTheJobAKilledRunLeft();

private:
    // One shot (image and video) on the Replicate simulator, polled every `pollMs`.
    Project replicateProject(int pollMs) const
    {
        ProviderProfile profile = profileFor(u"replicate"_s);
        profile.timeouts.pollIntervalMs = pollMs;
        profile.timeouts.maxPollIntervalMs = pollMs;
        Project project = makeProject(1, {u"rep"_s}, {u"rep"_s});
        project.providers = {profile};
        return project;
    }
    std::unique_ptr<Engine> openEngine(const Project &project, const QString &workspace,
                                       int updateIntervalMs)
    {
        auto engine = std::make_unique<Engine>();
        QString error;
        if (!engine->open(project, workspace, &error)) {
            qWarning("open: %s", qPrintable(error));
            return nullptr;
        }
        EngineOptions options = engine->options();
        options.updateIntervalMs = updateIntervalMs;
        options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
        engine->setOptions(options);
        return engine;
    }
    void kinds()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("replicate") << u"replicate"_s;
        QTest::newRow("fal") << u"fal"_s;
        QTest::newRow("comfyui") << u"comfyui"_s;
    }
    void setJobMs(int ms)
    {
        sim::SimProfile profile = m_sim->profile();
        profile.requiredKey = kKey;
        profile.jobMs = ms;
        m_sim->setProfile(profile);
    }
    ProviderProfile profileFor(const QString &kind) const
    {
        const QString id = kind == u"replicate" ? u"rep"_s : kind == u"fal" ? u"fal"_s : u"comfy"_s;
        return simProfile(*m_sim, kind, id);
    }
    int submitted(const QString &kind) const
    {
        return m_sim->stats().protocols.value(kind).submitted;
    }
    // Runs one job to its end the normal way; returns the id it was accepted as.
    QString runFresh(Provider &provider, const QString &kind)
    {
        Accepted accepted;
        const JobRun run =
            runWithResume(provider, imageRequest(m_dir->filePath(u"fresh"_s)), {}, &accepted);
        if (!run.result.ok() || accepted.count != 1 || accepted.reattached || submitted(kind) != 1)
            qWarning("fresh run: %s", qPrintable(run.result.message));
        return accepted.id;
    }
    // Sends the last submission again as a killed Retake would have left it: a job that
    // runs on the server with no client waiting. Returns its id.
    QString submitAgainBehindRetakesBack(const QString &kind);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimServer> m_sim;
};

QString TestProviderReattach::submitAgainBehindRetakesBack(const QString &kind)
{
    SimServer::ReceivedRequest submission;
    for (const SimServer::ReceivedRequest &r : m_sim->received()) {
        if (r.method == "POST" && !r.path.contains(u"/upload/"_s) &&
            (kind == u"comfyui" ? r.path == u"/prompt" : !r.path.contains(u"/requests/"_s)))
            submission = r;
    }
    if (submission.path.isEmpty())
        return {};
    QNetworkAccessManager manager;
    QUrl url = m_sim->baseUrl();
    url.setPath(submission.path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("Authorization", submission.authorization);
    QNetworkReply *reply =
        manager.post(request, QJsonDocument(submission.body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    return idOfAnswer(kind, answer);
}

void TestProviderReattach::finishedJobDeliversWithoutSubmitting()
{
    QFETCH(QString, kind);
    auto provider = makeProvider(profileFor(kind));
    const QString id = runFresh(*provider, kind);
    QVERIFY(!id.isEmpty());
    QCOMPARE(submitted(kind), 1);

    // A new process resumes the attempt with the stored id of the finished job.
    Accepted accepted;
    const JobRun run =
        runWithResume(*provider, imageRequest(m_dir->filePath(u"resumed"_s)), id, &accepted);
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    const VerificationResult verified =
        verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 64, 48, 0});
    QVERIFY2(verified.ok, qPrintable(verified.message));
    QCOMPARE(submitted(kind), 1); // nothing paid for twice
    QCOMPARE(accepted.count, 1);
    QCOMPARE(accepted.id, id);
    QVERIFY(accepted.reattached);
}

void TestProviderReattach::runningJobIsPolledToItsEnd()
{
    QFETCH(QString, kind);
    auto provider = makeProvider(profileFor(kind));
    QVERIFY(!runFresh(*provider, kind).isEmpty());
    setJobMs(700);
    const QString id = submitAgainBehindRetakesBack(kind);
    QVERIFY(!id.isEmpty());
    QCOMPARE(submitted(kind), 2);
    QCOMPARE(m_sim->runningJobs(), 1);

    Accepted accepted;
    const JobRun run =
        runWithResume(*provider, imageRequest(m_dir->filePath(u"resumed"_s)), id, &accepted);
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    const VerificationResult verified =
        verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 64, 48, 0});
    QVERIFY2(verified.ok, qPrintable(verified.message));
    QCOMPARE(submitted(kind), 2);
    QCOMPARE(m_sim->runningJobs(), 0);
    QCOMPARE(accepted.id, id);
    QVERIFY(accepted.reattached);
    QVERIFY2(run.progress.size() >= 2, qPrintable(QString::number(run.progress.size())));
}

void TestProviderReattach::unknownJobIsSubmittedOnce()
{
    QFETCH(QString, kind);
    auto provider = makeProvider(profileFor(kind));
    // ComfyUI's ids are UUIDs, the others' "<n>-<hex>": both unknown to this server.
    const QString unknown =
        kind == u"comfyui" ? u"0b9e4f64-3c55-4c43-9f4e-6d0d7a3c1e11"_s : u"000999-00deadbeef"_s;
    Accepted accepted;
    const JobRun run =
        runWithResume(*provider, imageRequest(m_dir->filePath(u"a"_s)), unknown, &accepted);
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(submitted(kind), 1);
    QCOMPARE(accepted.count, 1);
    QVERIFY(!accepted.reattached);
    QVERIFY(accepted.id != unknown);
}

void TestProviderReattach::idFromTheStateNeverNamesAHost_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("resumeId");
    for (const QString &kind : {u"replicate"_s, u"fal"_s, u"comfyui"_s}) {
        for (const QString &id :
             {u"http://127.0.0.1:%1/steal"_s, u"//127.0.0.1:%1/steal"_s, u"x@127.0.0.1:%1"_s,
              u"../../../%1"_s, u"a/../../b%1"_s, u"x?next=http://127.0.0.1:%1"_s, u"x#%1"_s,
              u"%2e%2e%2f%1"_s, u"x %1"_s}) {
            QTest::addRow("%s %s", qPrintable(kind), qPrintable(id)) << kind << id;
        }
    }
}

void TestProviderReattach::idFromTheStateNeverNamesAHost()
{
    QFETCH(QString, kind);
    QFETCH(QString, resumeId);
    SimServer elsewhere;
    QVERIFY(elsewhere.start() > 0);
    resumeId.replace(u"%1"_s, QString::number(elsewhere.port()));
    auto provider = makeProvider(profileFor(kind));
    Accepted accepted;
    const JobRun run =
        runWithResume(*provider, imageRequest(m_dir->filePath(u"a"_s)), resumeId, &accepted);
    // The unsafe id is not used at all: the job is submitted once, on the profile's server.
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(submitted(kind), 1);
    QVERIFY(!accepted.reattached);
    QCOMPARE(elsewhere.stats().total().requests, 0);
    for (const SimServer::ReceivedRequest &r : m_sim->received())
        QVERIFY2(!r.path.contains(u"steal"_s) && !r.path.contains(u".."_s), qPrintable(r.path));
}

void TestProviderReattach::engineCommitsTheJobBeforeWaitingOnIt()
{
    setJobMs(1200);
    // Coalesced updates would come a minute later: only the immediate commit can write it.
    const QString workspace = m_dir->filePath(u"ws"_s);
    auto engine = openEngine(replicateProject(400), workspace, 60000);
    QVERIFY(engine);
    QSignalSpy finished(engine.get(), &Engine::batchFinished);
    engine->start();

    const QString database = workspace + u"/state.sqlite"_s;
    QString stored;
    QVERIFY(QTest::qWaitFor(
        [&] { return !(stored = storedRemoteJob(database, imageTask(1))).isEmpty(); }, 10000));
    const RemoteJobRef ref = RemoteJobRef::fromJson(stored.toUtf8());
    QVERIFY2(ref.isValid(), qPrintable(stored));
    QCOMPARE(ref.providerId, u"rep"_s);
    QCOMPARE(ref.attemptNumber, 1);
    // Stored before the job first asked about it.
    QCOMPARE(submitted(u"replicate"_s), 1);
    for (const SimServer::ReceivedRequest &r : m_sim->received())
        QVERIFY2(!(r.method == "GET" && r.path.endsWith(ref.id)), qPrintable(r.path));

    QVERIFY(finished.wait(20000));
    QCOMPARE(engine->counts(TaskState::Done), 2);
    engine.reset();
    // Cleared when the attempt ended; the attempt keeps the id.
    QVERIFY(storedRemoteJob(database, imageTask(1)).isEmpty());
    QVERIFY(storedRemoteJob(database, videoTask(1)).isEmpty());
    QCOMPARE(readColumn(database,
                        u"SELECT remote_job_id FROM attempts WHERE task_id = ? AND number = 1"_s,
                        imageTask(1)),
             ref.id);
}

void TestProviderReattach::engineReattachesToTheJobAKilledRunLeft()
{
    setJobMs(500);
    const Project project = replicateProject(50);
    const QString first = m_dir->filePath(u"first"_s);
    auto engine = openEngine(project, first, 100);
    QVERIFY(engine);
    QSignalSpy finished(engine.get(), &Engine::batchFinished);
    engine->start();
    QString stored;
    QVERIFY(QTest::qWaitFor(
        [&] {
            return !(stored = storedRemoteJob(first + u"/state.sqlite"_s, imageTask(1))).isEmpty();
        },
        10000));
    // The state as a kill at this moment leaves it (committed: the database and its log).
    const QString second = m_dir->filePath(u"second"_s);
    QVERIFY(QDir().mkpath(second));
    for (const QString &file : {u"state.sqlite"_s, u"state.sqlite-wal"_s}) {
        if (QFile::exists(first + u'/' + file))
            QVERIFY(QFile::copy(first + u'/' + file, second + u'/' + file));
    }
    QVERIFY(finished.wait(20000));
    engine.reset();
    QCOMPARE(submitted(u"replicate"_s), 2); // the image and the video

    // The next run on that state: the image's prediction is fetched, not bought again.
    engine = openEngine(project, second, 100);
    QVERIFY(engine);
    QStringList log;
    connect(engine.get(), &Engine::logMessage, this, [&log](const QString &line) { log << line; });
    QSignalSpy resumed(engine.get(), &Engine::batchFinished);
    engine->start();
    QVERIFY(resumed.wait(20000));
    QCOMPARE(engine->counts(TaskState::Done), 2);
    QCOMPARE(submitted(u"replicate"_s), 3); // only the video, which had not been sent
    const RemoteJobRef ref = RemoteJobRef::fromJson(stored.toUtf8());
    QVERIFY2(log.join(u'\n').contains(u"re-attached to remote job "_s + ref.id),
             qPrintable(log.join(u'\n')));
    const QList<Attempt> attempts = engine->allAttempts().value(imageTask(1));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().number, 1);
    QCOMPARE(attempts.first().remoteJobId, ref.id);
}

QTEST_MAIN(TestProviderReattach)
#include "tst_provider_reattach.moc"
