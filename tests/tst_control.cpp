// The control channel in one process: a ControlServer on a real Engine (the built-in local
// provider, slowed down) and ControlClients. The codecs round-trip, hello carries the
// snapshot, steering reaches the engine, events arrive, and hostile messages get an error
// reply or a clean disconnect while the server keeps serving the others.
#include "engine/engine.h"
#include "localstoryboard.h"
#include "project/storyboardloader.h"
#include "session/controlclient.h"
#include "session/controlprotocol.h"
#include "session/controlserver.h"
#include "session/feedtext.h"
#include "session/ownerinfo.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <limits>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace retake;
using namespace Qt::StringLiterals;
using retake::test::LocalStoryboard;

namespace {

// `shots` shots on a local profile that takes `latencyMs` per attempt, one at a time.
Project slowProject(int shots, int latencyMs)
{
    LocalStoryboard board;
    board.shots = shots;
    board.latencyMs = latencyMs;
    board.concurrency = 1;
    board.title = u"Control test"_s;
    const LoadResult loaded = StoryboardLoader::loadJson(board.toJson(), u"control.retake.json"_s);
    return loaded.project.value_or(Project{});
}

// The next reply line on a raw socket, without blocking (the server runs on this thread).
QJsonObject readReply(QLocalSocket &socket)
{
    if (!socket.canReadLine())
        return {};
    return QJsonDocument::fromJson(socket.readLine()).object();
}

// A request answered while this thread's event loop runs (ControlClient::request blocks,
// so in-process it is only used from another thread).
QJsonObject call(ControlClient &client, const QString &cmd, const QJsonObject &args = {})
{
    std::optional<QJsonObject> reply;
    client.send(cmd, args, [&reply](const QJsonObject &r) { reply = r; });
    QDeadlineTimer deadline(10000);
    while (!reply && !deadline.hasExpired())
        QTest::qWait(5);
    return reply.value_or(QJsonObject{{u"ok"_s, false}, {u"error"_s, u"no reply"_s}});
}

} // namespace

class TestControl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void codecsRoundTrip();
    void taskTextIsTheSameJson();
    void requestValidation_data();
    void requestValidation();
    void exitCodes();
    void socketIsPrivate();
    void staleSocketIsReplacedLiveOneIsNot();
    void helloCarriesTheSnapshot();
    void steeringReachesTheEngine();
    void blockingRequestsFromAnotherThread();
    void eventsFollowTheEngine();
    void lateSubscriberStartsFromTheTruth();
    void eventsOlderThanASnapshotFollowOnlyOlderSubscribers();
    void unknownIdsAreNamed();
    void hostileMessages_data();
    void hostileMessages();
    void endIsAnnounced();
    void engineGoneIsRefused();

private:
    bool openEngine(int shots, int latencyMs);
    bool startServer();
    QJsonObject hello(ControlClient &client);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ControlServer> m_server;
};

void TestControl::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestControl::cleanup()
{
    m_server.reset();
    if (m_engine)
        m_engine->shutDown();
    m_engine.reset();
    m_dir.reset();
}

bool TestControl::openEngine(int shots, int latencyMs)
{
    const Project project = slowProject(shots, latencyMs);
    if (project.scenes.isEmpty())
        return false;
    m_engine = std::make_unique<Engine>();
    QString error;
    if (!m_engine->open(project, m_dir->filePath(u"ws"_s), &error)) {
        qWarning() << error;
        return false;
    }
    EngineOptions options = m_engine->options();
    options.updateIntervalMs = 10;
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    m_engine->setOptions(options);
    return true;
}

bool TestControl::startServer()
{
    const OwnerInfo owner = OwnerInfo::forThisProcess(m_dir->filePath(u"ws"_s), u"test"_s);
    m_server = std::make_unique<ControlServer>(m_engine.get(), owner);
    QString error;
    if (!m_server->listen(&error)) {
        qWarning() << error;
        return false;
    }
    return true;
}

QJsonObject TestControl::hello(ControlClient &client)
{
    return call(client, u"hello"_s);
}

void TestControl::codecsRoundTrip()
{
    const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1800000000123, Qt::UTC);
    TaskSnapshot task;
    task.id = u"sh01/video"_s;
    task.sceneId = u"s01"_s;
    task.shotId = u"sh01"_s;
    task.stage = Stage::Video;
    task.state = TaskState::Retrying;
    task.quality = Quality::Reduced;
    task.rung = RungKind::LowerResolution;
    task.providerId = u"studio"_s;
    task.attemptCount = 3;
    task.retriesUsed = 2;
    task.progress = 0.25;
    task.retryAt = t0;
    task.lastError = ErrorClass::RateLimited;
    task.lastMessage = u"slow down \"now\"\n"_s;
    task.lastHttpStatus = 429;
    task.outputPath = u"/tmp/x.mp4"_s;
    task.manualRetries = 1;
    const TaskSnapshot t2 = taskSnapshotFromJson(toJson(task));
    QCOMPARE(toJson(t2), toJson(task));
    QCOMPARE(t2.retryAt, t0);
    QCOMPARE(t2.state, TaskState::Retrying);
    QCOMPARE(t2.rung, RungKind::LowerResolution);
    QCOMPARE(t2.progress, 0.25);

    Attempt a;
    a.number = 2;
    a.rung = RungKind::Fallback;
    a.providerId = u"local"_s;
    a.model = u"m"_s;
    a.paramsHash = u"abc"_s;
    a.params = {{u"width"_s, 64}, {u"prompt"_s, u"p"_s}};
    a.startedAt = t0;
    a.endedAt = t0.addMSecs(1500);
    a.errorClass = ErrorClass::ContentPolicy;
    a.httpStatus = 400;
    a.message = u"no"_s;
    a.stderrTail = u"tail"_s;
    a.outputPath = u"draft/x.png"_s;
    a.archivedTo = u"_failed/x"_s;
    a.costUnits = 1.5;
    a.countedAgainstBudget = false;
    a.mediaWidth = 96;
    a.mediaHeight = 64;
    a.mediaFps = 12.0;
    a.mediaDurationSec = 2.5;
    a.originalPath = u"draft/x.a2.original.mp4"_s;
    const Attempt a2 = attemptFromJson(toJson(a));
    QCOMPARE(toJson(a2), toJson(a));
    QCOMPARE(a2.durationMs(), 1500);
    QCOMPARE(a2.countedAgainstBudget, false);
    QCOMPARE(a2.params.value(u"width"_s).toInt(), 64);
    QCOMPARE(a2.mediaWidth, 96);
    QCOMPARE(a2.mediaHeight, 64);
    QCOMPARE(a2.mediaFps, 12.0);
    QCOMPARE(a2.mediaDurationSec, 2.5);
    QCOMPARE(a2.originalPath, u"draft/x.a2.original.mp4"_s);

    BatchSummary s;
    s.total = 7;
    s.counts = {{TaskState::Done, 4}, {TaskState::Failed, 3}};
    s.qualities = {{Quality::Full, 3}, {Quality::Fallback, 1}};
    s.running = true;
    s.paused = true;
    s.pauseReason = PauseReason::BudgetCap;
    s.spent = 2.5;
    s.budgetCap = 3.0;
    const BatchSummary s2 = batchSummaryFromJson(toJson(s));
    QCOMPARE(toJson(s2), toJson(s));
    QCOMPARE(s2.counts, s.counts);
    QCOMPARE(s2.qualities, s.qualities);
    QCOMPARE(s2.pauseReason, PauseReason::BudgetCap);

    ProviderStatus p;
    p.id = u"studio"_s;
    p.kind = u"local"_s;
    p.model = u"m"_s;
    p.breaker = ProviderStatus::Breaker::HalfOpen;
    p.breakerOpenUntil = t0;
    p.inFlight = 2;
    p.limit = 3;
    p.maxLimit = 4;
    p.queued = 5;
    p.recentErrorRate = 0.5;
    p.lastError = ErrorClass::Timeout;
    p.lastErrorMessage = u"late"_s;
    p.lastErrorAt = t0;
    const ProviderStatus p2 = providerStatusFromJson(toJson(p));
    QCOMPARE(toJson(p2), toJson(p));
    QCOMPARE(p2.breaker, ProviderStatus::Breaker::HalfOpen);
}

// The feed writes task lists as text (feedtext.h): it must parse to exactly the codec's
// JSON, whatever a message or a path holds.
void TestControl::taskTextIsTheSameJson()
{
    QList<TaskSnapshot> tasks;
    TaskSnapshot plain;
    plain.id = u"s01-sh01/image"_s;
    tasks << plain;
    TaskSnapshot hostile;
    hostile.id = u"s\u00e9-\"q\"/video"_s;
    hostile.state = TaskState::Retrying;
    hostile.progress = 1.0 / 3.0;
    hostile.retryAt = QDateTime::fromMSecsSinceEpoch(1800000000123, Qt::UTC);
    hostile.lastMessage = QString::fromUtf8("tab\t nl\n cr\r bs\\ quote\" \x01\x1f del\x7f "
                                            "\xc3\xa9 \xf0\x9f\x8e\xac </script>");
    hostile.lastHttpStatus = 503;
    hostile.outputPath = u"/tmp/a b/\u202eevil.png"_s;
    hostile.attemptCount = 7;
    tasks << hostile;
    TaskSnapshot odd;
    odd.progress = std::numeric_limits<double>::quiet_NaN();
    odd.manualRetries = -2;
    tasks << odd;

    const QByteArray text = encodeTasks(tasks);
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(text, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.array().size(), 3);
    QJsonArray expected = toJson(tasks);
    QJsonObject oddExpected = expected.at(2).toObject();
    oddExpected.insert(u"progress"_s, QJsonValue()); // not finite: null, as QJsonDocument writes
    expected.replace(2, oddExpected);
    QCOMPARE(parsed.array(), expected);
    QCOMPARE(encodeTasks({}), QByteArray("[]"));

    Attempt a;
    a.number = 3;
    a.rung = RungKind::SimplifiedPrompt;
    a.providerId = u"studio"_s;
    a.paramsHash = u"ab12"_s;
    a.params = {{u"prompt"_s, u"a \"quoted\"\nprompt \u00e9"_s},
                {u"seed"_s, qint64(1) << 40},
                {u"width"_s, 640},
                {u"duration"_s, 1.5},
                {u"fps"_s, 12.0},
                {u"tags"_s, QStringList{u"x"_s, u"y"_s}}};
    a.startedAt = QDateTime::fromMSecsSinceEpoch(1800000000123, Qt::UTC);
    a.endedAt = a.startedAt.addMSecs(40);
    a.errorClass = ErrorClass::ContentPolicy;
    a.httpStatus = 400;
    a.message = u"rejected\t\x01"_s;
    a.costUnits = 0.1;
    a.countedAgainstBudget = false;
    a.mediaWidth = 1280;
    a.mediaHeight = 720;
    a.mediaFps = 23.976;
    a.mediaDurationSec = 5.041;
    a.originalPath = u"draft/s01/sh01/video.a3.original.mp4"_s;
    // Times are written without QDateTime's formatting: every calendar corner as Qt writes it.
    for (const qint64 ms : {qint64(0), qint64(-1), qint64(951782400000) /* 2000-02-29 */,
                            qint64(1709251199999) /* 2024-02-29 23:59:59.999 */,
                            qint64(4102444800000) /* 2100-01-01 */, qint64(-62135596800000),
                            qint64(253402300800000) /* year 10000 */}) {
        Attempt timed;
        timed.startedAt = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        timed.endedAt = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toOffsetFromUtc(3600);
        const QJsonObject parsed = QJsonDocument::fromJson(encodeAttempt(timed)).object();
        QCOMPARE(parsed.value(u"startedAt"_s), toJson(timed).value(u"startedAt"_s));
        QCOMPARE(parsed.value(u"endedAt"_s), toJson(timed).value(u"endedAt"_s));
    }
    for (const Attempt &attempt : {a, Attempt{}}) {
        const QJsonDocument doc = QJsonDocument::fromJson(encodeAttempt(attempt), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.object(), toJson(attempt));
    }

    ProviderStatus busy;
    busy.id = u"studio"_s;
    busy.kind = u"comfyui"_s;
    busy.breaker = ProviderStatus::Breaker::HalfOpen;
    busy.breakerOpenUntil = QDateTime::fromMSecsSinceEpoch(1800000000123, Qt::UTC);
    busy.inFlight = 3;
    busy.recentErrorRate = 0.35;
    busy.lastError = ErrorClass::RateLimited;
    busy.lastErrorMessage = u"slow \"down\""_s;
    const QList<ProviderStatus> providers{busy, ProviderStatus{}};
    QCOMPARE(QJsonDocument::fromJson(encodeProviders(providers)).array(), toJson(providers));
    QCOMPARE(encodeProviders({}), QByteArray("[]"));

    BatchSummary summary;
    QCOMPARE(QJsonDocument::fromJson(encodeSummary(summary)).object(), toJson(summary));
    summary.total = 7;
    summary.counts = {{TaskState::Done, 4}, {TaskState::Failed, 1}, {TaskState::Running, 2}};
    summary.qualities = {{Quality::Full, 3}, {Quality::Fallback, 1}};
    summary.running = true;
    summary.paused = true;
    summary.pauseReason = PauseReason::BudgetCap;
    summary.spent = 0.1 + 0.2;
    summary.budgetCap = 12.5;
    QCOMPARE(QJsonDocument::fromJson(encodeSummary(summary)).object(), toJson(summary));
    summary.spent = std::numeric_limits<double>::infinity(); // written as null by both
    QCOMPARE(QJsonDocument::fromJson(encodeSummary(summary)).object(),
             QJsonDocument::fromJson(QJsonDocument(toJson(summary)).toJson()).object());

    QCOMPARE(withRawMember("{\"v\":1}\n", u"tasks", "[]"), QByteArray("{\"v\":1,\"tasks\":[]}\n"));
    QCOMPARE(withRawMember("{}", u"a\"b", "1"), QByteArray("{\"a\\\"b\":1}"));
}

void TestControl::requestValidation_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("error"); // a part of the error; empty: valid
    QTest::addColumn<bool>("fatal");
    QTest::newRow("valid") << QByteArray(R"({"v":1,"id":1,"cmd":"pause"})") << QString() << false;
    QTest::newRow("valid retry") << QByteArray(
                                        R"({"v":1,"id":2,"cmd":"retry","tasks":["a/image"]})")
                                 << QString() << false;
    QTest::newRow("not json") << QByteArray("hello there") << u"not JSON"_s << true;
    QTest::newRow("array") << QByteArray("[1,2]") << u"not a JSON object"_s << true;
    QTest::newRow("no v") << QByteArray(R"({"id":1,"cmd":"pause"})") << u"version"_s << true;
    QTest::newRow("v2") << QByteArray(R"({"v":2,"id":1,"cmd":"pause"})") << u"version 2"_s << true;
    QTest::newRow("v string") << QByteArray(R"({"v":"1","id":1,"cmd":"pause"})") << u"version"_s
                              << true;
    QTest::newRow("no id") << QByteArray(R"({"v":1,"cmd":"pause"})") << u"\"id\""_s << false;
    QTest::newRow("unknown cmd") << QByteArray(R"({"v":1,"id":1,"cmd":"format-disk"})")
                                 << u"unknown command \"format-disk\""_s << false;
    QTest::newRow("cmd number") << QByteArray(R"({"v":1,"id":1,"cmd":7})") << u"unknown command"_s
                                << false;
    QTest::newRow("tasks string") << QByteArray(R"({"v":1,"id":1,"cmd":"retry","tasks":"a/image"})")
                                  << u"\"tasks\""_s << false;
    QTest::newRow("tasks empty") << QByteArray(R"({"v":1,"id":1,"cmd":"retry","tasks":[]})")
                                 << u"\"tasks\""_s << false;
    QTest::newRow("tasks numbers") << QByteArray(R"({"v":1,"id":1,"cmd":"retry-full","tasks":[1]})")
                                   << u"\"tasks\""_s << false;
    QTest::newRow("provider missing")
        << QByteArray(R"({"v":1,"id":1,"cmd":"switch-provider","tasks":["x"]})")
        << u"\"provider\""_s << false;
    QTest::newRow("provider object")
        << QByteArray(R"({"v":1,"id":1,"cmd":"retry-failed","provider":{}})") << u"\"provider\""_s
        << false;
    QTest::newRow("task missing") << QByteArray(R"({"v":1,"id":1,"cmd":"attempts"})")
                                  << u"\"task\""_s << false;
    QTest::newRow("too long") << QByteArray(kMaxLineBytes + 1, ' ') << u"longer"_s << true;
}

void TestControl::requestValidation()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, error);
    QFETCH(bool, fatal);
    const ControlRequest request = parseControlRequest(line);
    if (error.isEmpty()) {
        QVERIFY2(request.ok(), qPrintable(request.error));
        return;
    }
    QVERIFY(!request.ok());
    QVERIFY2(request.error.contains(error), qPrintable(request.error));
    QCOMPARE(request.fatal, fatal);
}

void TestControl::exitCodes()
{
    BatchSummary s;
    s.total = 2;
    s.counts = {{TaskState::Done, 2}};
    QCOMPARE(runExitCode(s, false), 0);
    QCOMPARE(runExitCode(s, true), 130);
    s.counts = {{TaskState::Done, 1}, {TaskState::Failed, 1}};
    QCOMPARE(runExitCode(s, false), 3);
    s.counts = {{TaskState::Done, 1}, {TaskState::Cancelled, 1}};
    QCOMPARE(runExitCode(s, false), 3);
    s.counts = {{TaskState::Done, 1}, {TaskState::Queued, 1}};
    QCOMPARE(runExitCode(s, false), 3);
}

void TestControl::socketIsPrivate()
{
    QVERIFY(openEngine(1, 0));
    QVERIFY(startServer());
    struct stat info {
    };
    QCOMPARE(::stat(QFile::encodeName(m_server->owner().socketPath).constData(), &info), 0);
    QVERIFY(S_ISSOCK(info.st_mode));
    QCOMPARE(info.st_mode & 07777, mode_t(0600));
    QVERIFY(m_server->owner().socketPath.toUtf8().size() < int(sizeof(sockaddr_un::sun_path)));
}

void TestControl::staleSocketIsReplacedLiveOneIsNot()
{
    QVERIFY(openEngine(1, 0));
    const OwnerInfo owner = OwnerInfo::forThisProcess(m_dir->filePath(u"ws"_s), u"test"_s);
    // A socket file whose process is gone: bound, never unlinked.
    QFile::remove(owner.socketPath);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    qstrncpy(address.sun_path, QFile::encodeName(owner.socketPath).constData(),
             sizeof(address.sun_path));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    ::close(fd);
    QVERIFY(QFile::exists(owner.socketPath));
    QVERIFY(startServer());
    ControlClient client;
    QString error;
    QVERIFY2(client.connectTo(owner.socketPath, 2000, &error), qPrintable(error));
    QVERIFY(hello(client).value(u"ok"_s).toBool());

    // A second server on the same path must not take it from the live one.
    ControlServer second(m_engine.get(), owner);
    QVERIFY(!second.listen(&error));
    QVERIFY2(error.contains(u"another process"_s), qPrintable(error));
    QVERIFY(hello(client).value(u"ok"_s).toBool());
}

void TestControl::helloCarriesTheSnapshot()
{
    QVERIFY(openEngine(3, 0));
    QVERIFY(startServer());
    ControlClient client;
    QString error;
    QVERIFY2(client.connectTo(m_server->owner().socketPath, 2000, &error), qPrintable(error));
    const QJsonObject reply = hello(client);
    QVERIFY2(reply.value(u"ok"_s).toBool(), qPrintable(reply.value(u"error"_s).toString()));
    QCOMPARE(reply.value(u"v"_s).toInt(), 1);
    const RemoteSnapshot snapshot = remoteSnapshotFromJson(reply);
    QCOMPARE(snapshot.owner.pid, QCoreApplication::applicationPid());
    QCOMPARE(snapshot.owner.command, u"test"_s);
    QCOMPARE(snapshot.title, u"Control test"_s);
    QCOMPARE(snapshot.workspace, m_engine->workspaceDir());
    QCOMPARE(snapshot.tasks.size(), m_engine->tasks().size());
    QCOMPARE(snapshot.tasks.size(), 6);
    QCOMPARE(snapshot.summary.total, 6);
    QCOMPARE(snapshot.providerIds, m_engine->providerIds());
    QVERIFY(snapshot.providerIds.contains(u"studio"_s));
    QCOMPARE(snapshot.providers.size(), m_engine->providerStatuses().size());

    // subscribe() delivers the same snapshot through hello().
    QSignalSpy helloSpy(&client, &ControlClient::hello);
    client.subscribe();
    QTRY_COMPARE_WITH_TIMEOUT(helloSpy.size(), 1, 5000);
    const auto viaSignal = helloSpy.first().first().value<RemoteSnapshot>();
    QCOMPARE(viaSignal.tasks.size(), 6);
    QCOMPARE(viaSignal.owner.pid, QCoreApplication::applicationPid());
}

void TestControl::steeringReachesTheEngine()
{
    QVERIFY(openEngine(4, 300));
    QVERIFY(startServer());
    ControlClient client;
    QString error;
    QVERIFY(client.connectTo(m_server->owner().socketPath, 2000, &error));
    QSignalSpy paused(&client, &ControlClient::pausedChanged);
    QSignalSpy executed(m_server.get(), &ControlServer::commandExecuted);
    client.subscribe();
    QSignalSpy finished(m_engine.get(), &Engine::batchFinished);
    m_engine->start();

    QVERIFY(call(client, u"pause"_s).value(u"ok"_s).toBool());
    QVERIFY(m_engine->summary().paused);
    QCOMPARE(m_engine->summary().pauseReason, PauseReason::User);
    QTRY_VERIFY_WITH_TIMEOUT(!paused.isEmpty(), 5000);
    QCOMPARE(paused.last().at(0).toBool(), true);
    QCOMPARE(paused.last().at(1).value<PauseReason>(), PauseReason::User);
    QCOMPARE(executed.last().at(0).toString(), u"pause"_s);
    QCOMPARE(executed.last().at(1).toLongLong(), QCoreApplication::applicationPid());

    QVERIFY(call(client, u"resume"_s).value(u"ok"_s).toBool());
    QVERIFY(!m_engine->summary().paused);
    QTRY_VERIFY_WITH_TIMEOUT(!paused.last().at(0).toBool(), 5000);

    QVERIFY(!m_server->cancelledByUser());
    QSignalSpy cancelled(m_server.get(), &ControlServer::cancelRequested);
    QVERIFY(call(client, u"cancel"_s).value(u"ok"_s).toBool());
    QVERIFY(m_server->cancelledByUser());
    QCOMPARE(cancelled.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    const BatchSummary summary = m_engine->summary();
    QVERIFY(summary.count(TaskState::Cancelled) > 0);
    QCOMPARE(runExitCode(summary, m_server->cancelledByUser()), 130);

    // A cancelled task can be retried from the client; a done one is named as not retried.
    QString cancelledTask;
    QString doneOrOther;
    for (const TaskSnapshot &t : m_engine->tasks()) {
        if (t.state == TaskState::Cancelled && cancelledTask.isEmpty())
            cancelledTask = t.id;
        else if (t.state != TaskState::Cancelled && doneOrOther.isEmpty())
            doneOrOther = t.id;
    }
    QVERIFY(!cancelledTask.isEmpty());
    QStringList ids{cancelledTask};
    if (!doneOrOther.isEmpty())
        ids << doneOrOther;
    const QJsonObject reply =
        call(client, u"retry"_s, {{u"tasks"_s, QJsonArray::fromStringList(ids)}});
    QVERIFY2(reply.value(u"ok"_s).toBool(), qPrintable(reply.value(u"error"_s).toString()));
    QCOMPARE(reply.value(u"retried"_s).toArray(), QJsonArray{cancelledTask});
    QCOMPARE(reply.value(u"notRetried"_s).toArray().size(), ids.size() - 1);
    QVERIFY(m_engine->task(cancelledTask).state != TaskState::Cancelled);
}

// ControlClient::request blocks its thread (the CLI's way); the owner answers on its own.
void TestControl::blockingRequestsFromAnotherThread()
{
    QVERIFY(openEngine(1, 0));
    QVERIFY(startServer());
    const QString path = m_server->owner().socketPath;
    QJsonObject hello;
    QJsonObject paused;
    QJsonObject unknown;
    QJsonObject afterClose;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        ControlClient client;
        QString error;
        if (!client.connectTo(path, 2000, &error))
            return;
        hello = client.request(u"hello"_s);
        paused = client.request(u"pause"_s);
        unknown = client.request(u"retry"_s, {{u"tasks"_s, QJsonArray{u"zz/image"_s}}});
        client.disconnectFromOwner();
        afterClose = client.request(u"hello"_s, {}, 200);
    }));
    thread->start();
    QTRY_VERIFY_WITH_TIMEOUT(thread->isFinished(), 20000);
    QVERIFY(hello.value(u"ok"_s).toBool());
    QCOMPARE(hello.value(u"owner"_s).toObject().value(u"pid"_s).toInteger(),
             QCoreApplication::applicationPid());
    QVERIFY(paused.value(u"ok"_s).toBool());
    QVERIFY(m_engine->summary().paused);
    QVERIFY(!unknown.value(u"ok"_s).toBool());
    QVERIFY(unknown.value(u"error"_s).toString().contains(u"zz/image"_s));
    QVERIFY(!afterClose.value(u"ok"_s).toBool());
    QVERIFY(!afterClose.value(u"error"_s).toString().isEmpty());
}

void TestControl::eventsFollowTheEngine()
{
    QVERIFY(openEngine(3, 20));
    QVERIFY(startServer());
    ControlClient client;
    QString error;
    QVERIFY(client.connectTo(m_server->owner().socketPath, 2000, &error));
    QHash<QString, TaskSnapshot> seen;
    int attempts = 0;
    connect(&client, &ControlClient::hello, this, [&](const RemoteSnapshot &s) {
        for (const TaskSnapshot &t : s.tasks)
            seen.insert(t.id, t);
    });
    connect(&client, &ControlClient::tasksUpdated, this, [&](const QList<TaskSnapshot> &tasks) {
        for (const TaskSnapshot &t : tasks)
            seen.insert(t.id, t);
    });
    connect(&client, &ControlClient::attemptFinished, this,
            [&](const QString &, const Attempt &) { ++attempts; });
    QSignalSpy summaries(&client, &ControlClient::summaryChanged);
    QSignalSpy finished(&client, &ControlClient::batchFinished);
    QSignalSpy logs(&client, &ControlClient::logMessage);
    QSignalSpy providers(&client, &ControlClient::providersUpdated);
    client.subscribe();
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 6, 5000);
    m_engine->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QVERIFY(!summaries.isEmpty());
    QVERIFY(!providers.isEmpty());
    QVERIFY(attempts >= 6);
    const auto summary = finished.first().first().value<BatchSummary>();
    QCOMPARE(toJson(summary), toJson(m_engine->summary()));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const TaskSnapshot &t : m_engine->tasks()) {
                if (seen.value(t.id).state != t.state ||
                    seen.value(t.id).outputPath != t.outputPath)
                    return false;
            }
            return true;
        }(),
        5000);
    Q_UNUSED(logs);
}

// The feed keeps what it last sent (task texts, summary, providers) to send only changes and
// to copy snapshots: what changed while nobody watched must still reach the next watcher.
void TestControl::lateSubscriberStartsFromTheTruth()
{
    QVERIFY(openEngine(4, 20));
    QVERIFY(startServer());
    QString error;
    {
        // A first watcher takes its snapshot (every task waiting), then goes away.
        ControlClient first;
        QVERIFY(first.connectTo(m_server->owner().socketPath, 2000, &error));
        QSignalSpy hello(&first, &ControlClient::hello);
        first.subscribe();
        QTRY_COMPARE_WITH_TIMEOUT(hello.size(), 1, 5000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), 0, 5000);
    // Unwatched, tasks run until the batch is paused.
    m_engine->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->counts(TaskState::Done) >= 2, 10000);
    m_engine->pause();
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->counts(TaskState::Running) == 0, 10000);
    QTest::qWait(250); // the coalesced updates nobody watched

    ControlClient late;
    QVERIFY(late.connectTo(m_server->owner().socketPath, 2000, &error));
    QHash<QString, TaskSnapshot> seen;
    BatchSummary lastSummary;
    connect(&late, &ControlClient::hello, this, [&](const RemoteSnapshot &s) {
        for (const TaskSnapshot &t : s.tasks)
            seen.insert(t.id, t);
        lastSummary = s.summary;
    });
    connect(&late, &ControlClient::tasksUpdated, this, [&](const QList<TaskSnapshot> &tasks) {
        for (const TaskSnapshot &t : tasks)
            seen.insert(t.id, t);
    });
    connect(&late, &ControlClient::summaryChanged, this,
            [&](const BatchSummary &s) { lastSummary = s; });
    const auto matchesEngine = [&] {
        for (const TaskSnapshot &t : m_engine->tasks()) {
            if (toJson(seen.value(t.id)) != toJson(t))
                return false;
        }
        return toJson(lastSummary) == toJson(m_engine->summary());
    };
    late.subscribe();
    QTRY_VERIFY_WITH_TIMEOUT(matchesEngine(), 5000);
    QVERIFY(lastSummary.paused);
    m_engine->resume();
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->summary().running, false, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(matchesEngine(), 5000);
    QVERIFY(!lastSummary.paused);
}

// The feed queues one buffer of events for all subscribers. A subscriber that arrives while
// events wait starts from a snapshot taken after them: they go out to the others first and
// never follow its snapshot (a watcher would log an attempt or a line twice, or from before
// it was there).
void TestControl::eventsOlderThanASnapshotFollowOnlyOlderSubscribers()
{
    QVERIFY(openEngine(2, 20));
    QVERIFY(startServer());
    const auto subscribe = [this](QLocalSocket &socket) {
        socket.connectToServer(m_server->owner().socketPath);
        if (!socket.waitForConnected(2000))
            return false;
        socket.write(R"({"v":1,"id":1,"cmd":"subscribe"})"
                     "\n");
        return socket.flush();
    };
    const auto lines = [](QLocalSocket &socket, QList<QJsonObject> &into) {
        while (socket.canReadLine())
            into << QJsonDocument::fromJson(socket.readLine()).object();
        return into.size();
    };
    QLocalSocket first;
    QList<QJsonObject> firstLines;
    QVERIFY(subscribe(first));
    QTRY_COMPARE_WITH_TIMEOUT(lines(first, firstLines), 1, 5000); // its snapshot

    // An event waits for the next flush...
    const QString line = u"logged before the second watcher came"_s;
    Q_EMIT m_engine->logMessage(line);
    // ...when a second watcher subscribes.
    QLocalSocket second;
    QList<QJsonObject> secondLines;
    QVERIFY(subscribe(second));
    QTRY_COMPARE_WITH_TIMEOUT(lines(second, secondLines), 1, 5000);
    QCOMPARE(remoteSnapshotFromJson(secondLines.constFirst()).tasks.size(), 4);

    QTRY_COMPARE_WITH_TIMEOUT(lines(first, firstLines), 2, 5000);
    QCOMPARE(firstLines.at(1).value(u"event"_s).toString(), u"log"_s);
    QCOMPARE(firstLines.at(1).value(u"message"_s).toString(), line);
    // Past the longest an event waits (100 ms): nothing reached the second watcher.
    QTest::qWait(300);
    QCOMPARE(lines(second, secondLines), 1);
    // What comes after its snapshot does.
    Q_EMIT m_engine->logMessage(u"after"_s);
    QTRY_COMPARE_WITH_TIMEOUT(lines(second, secondLines), 2, 5000);
    QCOMPARE(secondLines.at(1).value(u"message"_s).toString(), u"after"_s);
}

void TestControl::unknownIdsAreNamed()
{
    QVERIFY(openEngine(1, 0));
    QVERIFY(startServer());
    ControlClient client;
    QString error;
    QVERIFY(client.connectTo(m_server->owner().socketPath, 2000, &error));
    QJsonObject reply =
        call(client, u"retry"_s, {{u"tasks"_s, QJsonArray{u"sh01/image"_s, u"nope/x"_s}}});
    QVERIFY(!reply.value(u"ok"_s).toBool());
    QVERIFY2(reply.value(u"error"_s).toString().contains(u"\"nope/x\""_s),
             qPrintable(reply.value(u"error"_s).toString()));
    reply = call(client, u"switch-provider"_s,
                 {{u"tasks"_s, QJsonArray{u"sh01/image"_s}}, {u"provider"_s, u"zz"_s}});
    QVERIFY(!reply.value(u"ok"_s).toBool());
    QVERIFY2(reply.value(u"error"_s).toString().contains(u"\"zz\""_s),
             qPrintable(reply.value(u"error"_s).toString()));
    QVERIFY(reply.value(u"error"_s).toString().contains(u"studio"_s));
    reply = call(client, u"retry-failed"_s, {{u"provider"_s, u"zz"_s}});
    QVERIFY(!reply.value(u"ok"_s).toBool());
    reply = call(client, u"attempts"_s, {{u"task"_s, u"nope"_s}});
    QVERIFY(!reply.value(u"ok"_s).toBool());
    reply = call(client, u"attempts"_s, {{u"task"_s, u"sh01/image"_s}});
    QVERIFY(reply.value(u"ok"_s).toBool());
    QVERIFY(reply.value(u"attempts"_s).isArray());
    QVERIFY(client.isConnected()); // errors in well-formed requests keep the connection
}

void TestControl::hostileMessages_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("expectReply");
    QTest::addColumn<bool>("expectDisconnect");
    QTest::newRow("not json") << QByteArray("rm -rf /\n") << true << true;
    QTest::newRow("array") << QByteArray("[1,2,3]\n") << true << true;
    QTest::newRow("v2") << QByteArray(R"({"v":2,"id":1,"cmd":"pause"})"
                                      "\n")
                        << true << true;
    QTest::newRow("unknown cmd") << QByteArray(R"({"v":1,"id":1,"cmd":"shutdown"})"
                                               "\n")
                                 << true << false;
    QTest::newRow("bad arg types") << QByteArray(R"({"v":1,"id":1,"cmd":"retry","tasks":5})"
                                                 "\n")
                                   << true << false;
    QTest::newRow("2 MiB line") << QByteArray(2 * 1024 * 1024, 'x') + '\n' << true << true;
    QTest::newRow("2 MiB without newline") << QByteArray(2 * 1024 * 1024, '{') << true << true;
    QByteArray junk;
    for (int i = 0; i < 4096; ++i)
        junk.append(char((i * 131 + 7) % 256));
    junk.replace('\n', ' ');
    QTest::newRow("binary junk") << junk + '\n' << true << true;
    QTest::newRow("mid-message") << QByteArray(R"({"v":1,"id":1,"cmd":"pa)") << false << false;
}

void TestControl::hostileMessages()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, expectReply);
    QFETCH(bool, expectDisconnect);
    QVERIFY(openEngine(1, 0));
    QVERIFY(startServer());
    ControlClient bystander;
    QString error;
    QVERIFY(bystander.connectTo(m_server->owner().socketPath, 2000, &error));
    QSignalSpy bystanderHello(&bystander, &ControlClient::hello);
    bystander.subscribe();
    QTRY_COMPARE_WITH_TIMEOUT(bystanderHello.size(), 1, 5000);

    {
        QLocalSocket hostile;
        hostile.connectToServer(m_server->owner().socketPath);
        QVERIFY(hostile.waitForConnected(2000));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), 2, 5000);
        hostile.write(bytes);
        hostile.flush();
        if (expectReply) {
            QTRY_VERIFY_WITH_TIMEOUT(hostile.canReadLine(), 10000);
            const QJsonObject reply = readReply(hostile);
            QCOMPARE(reply.value(u"ok"_s).toBool(true), false);
            QCOMPARE(reply.value(u"v"_s).toInt(), 1);
            QVERIFY(!reply.value(u"error"_s).toString().isEmpty());
        }
        if (expectDisconnect) {
            QTRY_COMPARE_WITH_TIMEOUT(hostile.state(), QLocalSocket::UnconnectedState, 10000);
            QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), 1, 5000);
        } else if (expectReply) {
            // Still served: a valid request on the same connection gets its answer.
            hostile.write("\n");
            hostile.write(R"({"v":1,"id":9,"cmd":"hello"})"
                          "\n");
            hostile.flush();
            QTRY_VERIFY_WITH_TIMEOUT(hostile.canReadLine(), 10000);
            const QJsonObject reply = readReply(hostile);
            QCOMPARE(reply.value(u"re"_s).toInt(), 9);
            QVERIFY(reply.value(u"ok"_s).toBool());
        }
        hostile.abort(); // a client that goes away mid-message
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), 1, 5000);

    // The others are still served, events included.
    QVERIFY(bystander.isConnected());
    QVERIFY(call(bystander, u"hello"_s).value(u"ok"_s).toBool());
    QSignalSpy paused(&bystander, &ControlClient::pausedChanged);
    QVERIFY(call(bystander, u"pause"_s).value(u"ok"_s).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 1, 5000);
    ControlClient newcomer;
    QVERIFY(newcomer.connectTo(m_server->owner().socketPath, 2000, &error));
    QVERIFY(call(newcomer, u"hello"_s).value(u"ok"_s).toBool());
}

void TestControl::endIsAnnounced()
{
    QVERIFY(openEngine(1, 0));
    QVERIFY(startServer());
    ControlClient early;
    QString error;
    QVERIFY(early.connectTo(m_server->owner().socketPath, 2000, &error));
    QSignalSpy earlyHello(&early, &ControlClient::hello);
    QSignalSpy earlyEnd(&early, &ControlClient::runEnded);
    early.subscribe();
    QTRY_COMPARE_WITH_TIMEOUT(earlyHello.size(), 1, 5000);
    m_server->announceEnd(3, u"2 tasks failed"_s);
    QTRY_COMPARE_WITH_TIMEOUT(earlyEnd.size(), 1, 5000);
    QCOMPARE(earlyEnd.first().at(0).toInt(), 3);
    QCOMPARE(earlyEnd.first().at(1).toString(), u"2 tasks failed"_s);

    // A watcher that arrives after the end learns it from its subscribe reply.
    ControlClient late;
    QVERIFY(late.connectTo(m_server->owner().socketPath, 2000, &error));
    QSignalSpy lateEnd(&late, &ControlClient::runEnded);
    late.subscribe();
    QTRY_COMPARE_WITH_TIMEOUT(lateEnd.size(), 1, 5000);
    QCOMPARE(lateEnd.first().at(0).toInt(), 3);
    // Steering is over.
    const QJsonObject reply = call(late, u"pause"_s);
    QVERIFY(!reply.value(u"ok"_s).toBool());
    QVERIFY(reply.value(u"error"_s).toString().contains(u"over"_s));

    // The server going away is a disconnect for its clients.
    QSignalSpy gone(&early, &ControlClient::disconnected);
    m_server.reset();
    QTRY_COMPARE_WITH_TIMEOUT(gone.size(), 1, 5000);
    QVERIFY(!call(early, u"hello"_s).value(u"ok"_s).toBool());
}

// A window may delete its engine before the server: requests are refused, nothing crashes.
void TestControl::engineGoneIsRefused()
{
    QVERIFY(openEngine(1, 0));
    QVERIFY(startServer());
    ControlClient client;
    QString error;
    QVERIFY(client.connectTo(m_server->owner().socketPath, 2000, &error));
    QVERIFY(call(client, u"hello"_s).value(u"ok"_s).toBool());
    m_engine.reset();
    const QJsonObject reply = call(client, u"pause"_s);
    QVERIFY(!reply.value(u"ok"_s).toBool());
    QVERIFY2(reply.value(u"error"_s).toString().contains(u"shutting down"_s),
             qPrintable(reply.value(u"error"_s).toString()));
    QVERIFY(!call(client, u"hello"_s).value(u"ok"_s).toBool());
}

QTEST_GUILESS_MAIN(TestControl)
#include "tst_control.moc"
