// Endpoint pools (docs/ARCHITECTURE.md, "Endpoint pools"): a profile's "endpoints" are read
// and checked; a pool's task goes to the least-loaded endpoint that admits it and never to an
// avoided one; and a batch on three retake-sim processes, one of them killed with SIGKILL
// mid-run, ends with every image done at full quality on the pool without a retry or a rung
// spent, the killed endpoint's tasks finished by the other two.
#include "domain/project.h"
#include "engine/engine.h"
#include "engine/providerlane.h"
#include "fakeprovider.h"
#include "project/storyboardloader.h"
#include "providers/providerprofilestore.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <QTcpSocket>

#include <arpa/inet.h>
#include <csignal>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

// retake-sim in its own process, on a port of its choosing.
class SimProcess
{
public:
    explicit SimProcess(const QStringList &arguments)
    {
        m_process.setProgram(QStringLiteral(RETAKE_SIM_PATH));
        m_process.setArguments(QStringList{u"--port"_s, u"0"_s} + arguments);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        m_process.waitForStarted();
        static const QRegularExpression listening(u"listening on (http://\\S+)"_s);
        QByteArray out;
        while (m_base.isEmpty() && m_process.waitForReadyRead(10000)) {
            out += m_process.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(out));
            if (match.hasMatch())
                m_base = match.captured(1);
        }
    }
    ~SimProcess()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    QString base() const { return m_base; }
    // How many ComfyUI prompts it was sent.
    int submitted() const
    {
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(QUrl(m_base + u"/_sim/stats"_s)));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QJsonObject all = QJsonDocument::fromJson(reply->readAll()).object();
        delete reply;
        return all.value(u"protocols"_s)
            .toObject()
            .value(u"comfyui"_s)
            .toObject()
            .value(u"submitted"_s)
            .toInt();
    }
    void killHard()
    {
        ::kill(pid_t(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
    QString m_base;
};

// The remote jobs stored on the task rows of the state database at `path`.
QList<RemoteJobRef> storedJobs(const QString &path)
{
    QList<RemoteJobRef> refs;
    const QString name = u"tst-pools-read"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(u"SELECT remote_job FROM tasks"_s);
            while (query.next()) {
                const RemoteJobRef ref = RemoteJobRef::fromJson(query.value(0).toByteArray());
                if (ref.isValid())
                    refs << ref;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return refs;
}

// Runs the event loop for `ms` or until `process` ends; true when it ended.
bool waitForEnd(QProcess &process, int ms)
{
    if (process.state() == QProcess::NotRunning)
        return true;
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
    return process.state() == QProcess::NotRunning;
}

// A machine that silently drops what is sent to it (switched off behind a router, a
// firewall): a listening socket whose queue of connections is full, so the kernel drops
// every new connection's SYN and a connect hangs until its timeout.
class BlackHole
{
public:
    BlackHole()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), length) ||
            ::listen(m_listener, 0) ||
            ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length))
            return;
        m_port = ntohs(address.sin_port);
        for (int n = 0; n < 3; ++n) { // fills the queue (0 means one) and then some
            const int filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            ::connect(filler, reinterpret_cast<sockaddr *>(&address), length);
            m_fillers.push_back(filler);
        }
    }
    ~BlackHole()
    {
        for (int fd : m_fillers)
            ::close(fd);
        if (m_listener >= 0)
            ::close(m_listener);
    }
    Q_DISABLE_COPY_MOVE(BlackHole)
    QString base() const { return u"http://127.0.0.1:%1"_s.arg(m_port); }
    // True when a connection to it really hangs here.
    bool swallows() const
    {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        return m_port != 0 && !probe.waitForConnected(300);
    }

private:
    int m_listener = -1;
    quint16 m_port = 0;
    std::vector<int> m_fillers;
};

QJsonObject storyboard(const QJsonArray &endpoints, int shots, int connectMs = 2000)
{
    QJsonArray shotList;
    for (int n = 1; n <= shots; ++n) {
        const QString id = u"sh%1"_s.arg(n, 2, 10, QLatin1Char('0'));
        shotList.append(QJsonObject{{u"id"_s, id}, {u"prompt"_s, u"Shot %1: a harbour."_s.arg(n)}});
    }
    const QJsonObject pool{{u"id"_s, u"gpus"_s},
                           {u"kind"_s, u"comfyui"_s},
                           {u"model"_s, u"v1-5-pruned-emaonly.safetensors"_s},
                           {u"maxConcurrency"_s, 2},
                           {u"endpoints"_s, endpoints},
                           {u"timeouts"_s, QJsonObject{{u"connectMs"_s, connectMs},
                                                       {u"pollIntervalMs"_s, 20},
                                                       {u"maxPollIntervalMs"_s, 60}}}};
    return QJsonObject{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Pool"_s},
        {u"defaults"_s,
         QJsonObject{{u"stages"_s, u"image"_s},
                     {u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}}}},
        {u"providerProfiles"_s, QJsonArray{pool}},
        {u"providers"_s, QJsonObject{{u"image"_s, QJsonArray{u"gpus"_s}}}},
        {u"retry"_s, QJsonObject{{u"baseDelayMs"_s, 10}, {u"maxDelayMs"_s, 50}}},
        {u"scenes"_s, QJsonArray{QJsonObject{{u"id"_s, u"s01"_s}, {u"shots"_s, shotList}}}}};
}

std::optional<ProviderProfile> readProfile(const QJsonObject &object, QStringList *problems)
{
    return ProviderProfileStore::fromJson(object, u"providers.json[0]"_s, {}, problems);
}

QJsonObject poolObject(const QJsonValue &endpoints)
{
    return QJsonObject{{u"id"_s, u"gpus"_s},
                       {u"kind"_s, u"comfyui"_s},
                       {u"maxConcurrency"_s, 3},
                       {u"endpoints"_s, endpoints}};
}

ProviderLane laneOf(const QList<int> &limits)
{
    ProviderLane lane;
    lane.endpoints.clear();
    for (int limit : limits) {
        LaneEndpoint endpoint;
        endpoint.provider = std::make_unique<test::FakeProvider>(u"gpus"_s, limit);
        endpoint.gate = ProviderGate(limit, BreakerSettings{}, AimdSettings{});
        lane.endpoints.push_back(std::move(endpoint));
    }
    return lane;
}

} // namespace

class TestPools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readerTakesEndpoints();
    void readerRefusesBadEndpoints_data();
    void readerRefusesBadEndpoints();
    void pickGoesToLeastLoaded();
    void pickSkipsAvoidedEndpoint();
    void killedEndpointHandsItsTasksToTheOthers();
    void silentEndpointHandsItsTasksToTheOthers();
    void restartReattachesOnLiveEndpointAndResubmitsLostJobs();
};

void TestPools::readerTakesEndpoints()
{
    // Given a profile with a URL and an object with its own concurrency
    QStringList problems;
    const auto profile =
        readProfile(poolObject(QJsonArray{u"http://127.0.0.1:8188"_s,
                                          QJsonObject{{u"baseUrl"_s, u"http://127.0.0.1:8189"_s},
                                                      {u"maxConcurrency"_s, 1}}}),
                    &problems);

    // Then both are read, the first with the profile's concurrency (0 = the profile's)
    QVERIFY2(profile, qPrintable(problems.join(u'\n')));
    QCOMPARE(profile->endpoints.size(), 2);
    QCOMPARE(profile->endpoints.at(0).baseUrl, u"http://127.0.0.1:8188"_s);
    QCOMPARE(profile->endpoints.at(0).maxConcurrency, 0);
    QCOMPARE(profile->endpoints.at(1).baseUrl, u"http://127.0.0.1:8189"_s);
    QCOMPARE(profile->endpoints.at(1).maxConcurrency, 1);
    QVERIFY(profile->baseUrl.isEmpty());

    // And they survive a write and a read (the settings' copy of a profile)
    problems.clear();
    const auto again = readProfile(ProviderProfileStore::toJson(*profile), &problems);
    QVERIFY2(again, qPrintable(problems.join(u'\n')));
    QCOMPARE(again->endpoints.size(), 2);
    QCOMPARE(again->endpoints.at(1).maxConcurrency, 1);

    // And a storyboard's own profile takes them too
    const LoadResult loaded = StoryboardLoader::loadJson(
        QJsonDocument(storyboard(QJsonArray{u"http://127.0.0.1:1"_s, u"http://127.0.0.1:2"_s}, 1))
            .toJson(),
        u"pool.retake.json"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issueStrings().join(u'\n')));
    QCOMPARE(loaded.project->providers.first().endpoints.size(), 2);
}

void TestPools::readerRefusesBadEndpoints_data()
{
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not a list") << poolObject(u"http://a:1"_s) << u"a list of 1 to 64"_s;
    QTest::newRow("empty") << poolObject(QJsonArray{}) << u"a list of 1 to 64"_s;
    QTest::newRow("not a url") << poolObject(QJsonArray{u"gpu1:8188"_s})
                               << u"endpoints[0]: expected an http or https URL"_s;
    QTest::newRow("credentials") << poolObject(QJsonArray{u"http://me:pw@gpu1:8188"_s})
                                 << u"endpoints[0]: a URL with a user name"_s;
    QTest::newRow("twice") << poolObject(QJsonArray{u"http://gpu1:8188"_s, u"http://gpu1:8188/"_s})
                           << u"endpoints[1]: \"http://gpu1:8188/\" is listed twice"_s;
    QTest::newRow("bad concurrency")
        << poolObject(QJsonArray{
               QJsonObject{{u"baseUrl"_s, u"http://gpu1:8188"_s}, {u"maxConcurrency"_s, 0}}})
        << u"endpoints[0].maxConcurrency: from 1 to 256"_s;
    QTest::newRow("unknown field")
        << poolObject(
               QJsonArray{QJsonObject{{u"baseUrl"_s, u"http://gpu1:8188"_s}, {u"weight"_s, 2}}})
        << u"endpoints[0].weight: unknown field"_s;
    QJsonObject both = poolObject(QJsonArray{u"http://gpu1:8188"_s});
    both.insert(u"baseUrl"_s, u"http://gpu2:8188"_s);
    QTest::newRow("with baseUrl") << both << u"either baseUrl or endpoints, not both"_s;
}

void TestPools::readerRefusesBadEndpoints()
{
    QFETCH(QJsonObject, object);
    QFETCH(QString, problem);
    QStringList problems;
    const auto profile = readProfile(object, &problems);
    QVERIFY(!profile);
    QVERIFY2(problems.join(u'\n').contains(problem), qPrintable(problems.join(u'\n')));
}

void TestPools::pickGoesToLeastLoaded()
{
    // Given a pool of three endpoints with limits 2, 2 and 4
    ProviderLane lane = laneOf({2, 2, 4});

    // Then an idle pool starts with the first, and each task goes where the share of busy
    // slots is lowest
    QCOMPARE(lane.pick(0), 0);
    lane.gate(0).onSent(0); // 1/2
    QCOMPARE(lane.pick(0), 1);
    lane.gate(1).onSent(0); // 1/2
    QCOMPARE(lane.pick(0), 2);
    lane.gate(2).onSent(0); // 1/4
    QCOMPARE(lane.pick(0), 2);
    lane.gate(2).onSent(0); // 2/4: a tie goes to the first
    QCOMPARE(lane.pick(0), 0);
    lane.gate(0).onSent(0); // full
    lane.gate(1).onSent(0); // full
    QCOMPARE(lane.pick(0), 2);
    lane.gate(2).onSent(0);
    lane.gate(2).onSent(0);
    QCOMPARE(lane.pick(0), -1); // every slot busy
    // A remote job's own endpoint wins when it has room.
    lane.gate(1).onFinished({});
    lane.gate(2).onFinished({});
    QCOMPARE(lane.pick(0, 1), 1);
}

void TestPools::pickSkipsAvoidedEndpoint()
{
    // Given a pool of three whose least-loaded endpoint cannot be reached
    ProviderLane lane = laneOf({2, 2, 2});
    lane.gate(1).onSent(0);
    lane.gate(2).onSent(0);
    const GateTicket ticket = lane.gate(0).onSent(0);
    lane.gate(0).onFinished(ticket);
    const QString line =
        lane.gate(0).onUnreachable(u"gpus@h1:8188"_s, ticket, 0, u"connection refused"_s, {});

    // Then it is down, its breaker open, and tasks go to the others though it is idle
    QVERIFY2(line.contains(u"gpus@h1:8188 cannot be reached"_s), qPrintable(line));
    QVERIFY(lane.gate(0).isDown());
    QCOMPARE(lane.gate(0).endpointState(0), EndpointStatus::State::Down);
    QCOMPARE(lane.pick(0), 1);
    QVERIFY(lane.hasOtherAlive(0, 0));
    QVERIFY(!lane.isAvoided(0));
    // Even its remote jobs' tasks go elsewhere while it cools down.
    QCOMPARE(lane.pick(0, 0), 1);

    // And when the cool-down is over, one request (the health probe) may try it again
    const qint64 later = BreakerSettings{}.cooldownMs + 1;
    lane.gate(1).onSent(later);
    lane.gate(2).onSent(later);
    QCOMPARE(lane.pick(later), 0);
    lane.gate(0).onSent(later);
    QCOMPARE(lane.pick(later), -1); // only one probe at a time
    // A second refusal keeps it down for twice as long; a success brings it back.
    lane.gate(0).onUnreachable(u"gpus@h1:8188"_s, {}, later, u"connection refused"_s, {});
    QCOMPARE(lane.gate(0).breakerState(later + BreakerSettings{}.cooldownMs + 1),
             CircuitBreaker::State::Open);
    lane.gate(0).onSucceeded();
    QCOMPARE(lane.gate(0).endpointState(later), EndpointStatus::State::Ok);

    // And a pool whose every endpoint is down is avoided as a whole
    ProviderLane dead = laneOf({1, 1});
    for (int e = 0; e < 2; ++e)
        dead.gate(e).onUnreachable(u"x"_s, {}, 0, u"refused"_s, {});
    QVERIFY(dead.isAvoided(0));
    QVERIFY(!dead.hasOtherAlive(0, 0));
}

void TestPools::killedEndpointHandsItsTasksToTheOthers()
{
    // Given three simulators (200 ms a job) in a pool of two slots each, and 30 images
    constexpr int kShots = 30;
    std::vector<std::unique_ptr<SimProcess>> sims;
    QJsonArray endpoints;
    QStringList labels;
    for (int n = 0; n < 3; ++n) {
        sims.push_back(std::make_unique<SimProcess>(QStringList{u"--job-ms"_s, u"200"_s}));
        QVERIFY2(!sims.back()->base().isEmpty(), "retake-sim did not start");
        endpoints.append(sims.back()->base());
        labels << ProviderLane::labelOf(sims.back()->base());
    }
    const LoadResult loaded = StoryboardLoader::loadJson(
        QJsonDocument(storyboard(endpoints, kShots)).toJson(), u"pool.retake.json"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issueStrings().join(u'\n')));
    QTemporaryDir dir;
    Engine engine;
    QString error;
    QVERIFY2(engine.open(*loaded.project, dir.filePath(u"ws"_s), &error), qPrintable(error));
    EngineOptions options = engine.options();
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    engine.setOptions(options);

    // When the second simulator is killed once a few images are done and it has jobs running
    int done = 0;
    bool killed = false;
    QStringList log;
    connect(&engine, &Engine::logMessage, this, [&](const QString &line) { log << line; });
    connect(&engine, &Engine::attemptFinished, this, [&](const QString &, const Attempt &a) {
        if (a.ok() && ++done >= 8 && !killed &&
            a.params.value(u"endpoint"_s).toString() != labels.at(1)) {
            bool busy = false;
            for (const ProviderStatus &status : engine.providerStatuses()) {
                if (status.id == u"gpus" && status.endpoints.size() == 3)
                    busy = status.endpoints.at(1).inFlight > 0;
            }
            if (busy) {
                killed = true;
                sims.at(1)->killHard();
            }
        }
    });
    QSignalSpy finished(&engine, &Engine::batchFinished);
    engine.start();
    if (!finished.wait(60000)) {
        for (const TaskSnapshot &t : engine.tasks())
            log << t.id + u": "_s + nameOf(t.state) + u" "_s + t.lastMessage;
        QFAIL(qPrintable(log.join(u'\n')));
    }
    QVERIFY2(killed, "the kill did not land while the second simulator had jobs");

    // Then every image is done at full quality on the pool, with no retry and no rung spent
    const QHash<QString, QList<Attempt>> attempts = engine.allAttempts();
    QHash<QString, int> donePerEndpoint;
    int bounced = 0;
    QStringList differing;
    for (const TaskSnapshot &t : engine.tasks()) {
        int successes = 0;
        bool movedOff = false;
        for (const Attempt &a : attempts.value(t.id)) {
            const QString endpoint = a.params.value(u"endpoint"_s).toString();
            if (a.ok()) {
                ++successes;
                donePerEndpoint[endpoint] += 1;
                if (movedOff && endpoint == labels.at(1))
                    differing << t.id + u": went back to the killed endpoint"_s;
            } else if (endpoint == labels.at(1) && a.message.contains(u"cannot be reached")) {
                movedOff = true;
                ++bounced;
            } else {
                differing << t.id + u": failed on "_s + endpoint + u": "_s + a.message;
            }
        }
        if (t.state != TaskState::Done || t.quality != Quality::Full || t.providerId != u"gpus" ||
            t.rung != RungKind::Primary || t.retriesUsed != 0 || successes != 1)
            differing << u"%1: %2, %3 on %4, %5 retries, %6 successful attempts"_s
                             .arg(t.id, nameOf(t.state), nameOf(t.quality), t.providerId)
                             .arg(t.retriesUsed)
                             .arg(successes);
    }
    QVERIFY2(differing.isEmpty(), qPrintable(differing.join(u'\n')));
    QCOMPARE(engine.tasks().size(), kShots);

    // And the killed endpoint's jobs in flight were finished by the others, which shared the
    // work; the pool shows it as down
    QVERIFY2(bounced > 0, "no task moved off the killed endpoint");
    QVERIFY2(donePerEndpoint.value(labels.at(0)) >= 5 && donePerEndpoint.value(labels.at(2)) >= 5,
             qPrintable(u"done per endpoint: %1 %2 %3"_s.arg(donePerEndpoint.value(labels.at(0)))
                            .arg(donePerEndpoint.value(labels.at(1)))
                            .arg(donePerEndpoint.value(labels.at(2)))));
    const QList<ProviderStatus> statuses = engine.providerStatuses();
    const auto pool = std::find_if(statuses.cbegin(), statuses.cend(),
                                   [](const ProviderStatus &s) { return s.id == u"gpus"; });
    QVERIFY(pool != statuses.cend());
    QCOMPARE(pool->endpoints.size(), 3);
    QCOMPARE(pool->endpoints.at(1).state, EndpointStatus::State::Down);
    QCOMPARE(pool->endpoints.at(0).state, EndpointStatus::State::Ok);
    QVERIFY2(log.join(u'\n').contains(u"gpus@%1 cannot be reached"_s.arg(labels.at(1))),
             qPrintable(log.join(u'\n')));
}

void TestPools::silentEndpointHandsItsTasksToTheOthers()
{
    // Given a pool of two simulators and a machine that never answers a connection
    BlackHole hole;
    QVERIFY2(hole.swallows(), "the full listen queue did not drop a new connection here");
    std::vector<std::unique_ptr<SimProcess>> sims;
    QJsonArray endpoints;
    for (int n = 0; n < 2; ++n) {
        sims.push_back(std::make_unique<SimProcess>(QStringList{u"--job-ms"_s, u"50"_s}));
        QVERIFY2(!sims.back()->base().isEmpty(), "retake-sim did not start");
        endpoints.append(sims.back()->base());
    }
    endpoints.insert(1, QJsonObject{{u"baseUrl"_s, hole.base()}, {u"maxConcurrency"_s, 1}});
    const QString silent = ProviderLane::labelOf(hole.base());
    const LoadResult loaded = StoryboardLoader::loadJson(
        QJsonDocument(storyboard(endpoints, 12, 300)).toJson(), u"pool.retake.json"_s);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issueStrings().join(u'\n')));
    QTemporaryDir dir;
    Engine engine;
    QString error;
    QVERIFY2(engine.open(*loaded.project, dir.filePath(u"ws"_s), &error), qPrintable(error));
    EngineOptions options = engine.options();
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    engine.setOptions(options);
    QStringList log;
    connect(&engine, &Engine::logMessage, this, [&](const QString &line) { log << line; });
    QSignalSpy finished(&engine, &Engine::batchFinished);
    engine.start();
    if (!finished.wait(60000)) {
        for (const TaskSnapshot &t : engine.tasks())
            log << t.id + u": "_s + nameOf(t.state) + u" "_s + t.lastMessage;
        QFAIL(qPrintable(log.join(u'\n')));
    }

    // Then the requests it swallowed (connect timeouts, not refusals) moved to the others
    // as a dead machine's do: no retry spent, every image at full quality on the pool
    const QHash<QString, QList<Attempt>> attempts = engine.allAttempts();
    int bounced = 0;
    QStringList differing;
    for (const TaskSnapshot &t : engine.tasks()) {
        for (const Attempt &a : attempts.value(t.id)) {
            if (!a.ok() && a.params.value(u"endpoint"_s).toString() == silent &&
                a.message.contains(u"cannot be reached"))
                ++bounced;
        }
        if (t.state != TaskState::Done || t.quality != Quality::Full || t.retriesUsed != 0)
            differing << u"%1: %2, %3, %4 retries"_s.arg(t.id, nameOf(t.state), nameOf(t.quality))
                             .arg(t.retriesUsed);
    }
    QVERIFY2(differing.isEmpty(), qPrintable(differing.join(u'\n')));
    QVERIFY2(bounced > 0, "no request went to the silent endpoint");
    for (const ProviderStatus &status : engine.providerStatuses()) {
        if (status.id == u"gpus") {
            QCOMPARE(status.endpoints.size(), 3);
            QCOMPARE(status.endpoints.at(1).state, EndpointStatus::State::Down);
        }
    }
}

void TestPools::restartReattachesOnLiveEndpointAndResubmitsLostJobs()
{
    // Given a pool of two simulators (slow jobs) and a `retake-cli run` killed with SIGKILL
    // once both endpoints hold stored jobs,
    constexpr int kShots = 6;
    SimProcess live({u"--job-ms"_s, u"1500"_s});
    SimProcess dying({u"--job-ms"_s, u"1500"_s});
    QVERIFY(!live.base().isEmpty() && !dying.base().isEmpty());
    const QString liveLabel = ProviderLane::labelOf(live.base());
    const QString dyingLabel = ProviderLane::labelOf(dying.base());
    QTemporaryDir dir;
    const QString board = dir.filePath(u"pool.retake.json"_s);
    {
        QFile file(board);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QJsonDocument(storyboard(QJsonArray{live.base(), dying.base()}, kShots)).toJson());
    }
    const QString database = dir.filePath(u"pool.retake/state.sqlite"_s);
    QProcess first;
    first.setWorkingDirectory(dir.path());
    first.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, board});
    QVERIFY(first.waitForStarted());
    QList<RemoteJobRef> refs;
    auto on = [&refs](const QString &label) {
        return std::count_if(refs.cbegin(), refs.cend(),
                             [&label](const RemoteJobRef &r) { return r.endpoint == label; });
    };
    for (int waited = 0; waited < 400 && (on(liveLabel) < 2 || on(dyingLabel) < 2); ++waited) {
        QVERIFY2(!waitForEnd(first, 20), "the run ended before both endpoints held jobs");
        refs = storedJobs(database);
    }
    QVERIFY2(on(liveLabel) == 2 && on(dyingLabel) == 2, "jobs were not stored on both endpoints");
    first.kill();
    QVERIFY(first.waitForFinished(10000));

    // when one machine dies with its jobs and the run is started again (the endpoints now
    // listed the other way round: a job's endpoint is its URL, not its place in the list),
    dying.killHard();
    {
        QFile file(board);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(
            QJsonDocument(storyboard(QJsonArray{dying.base(), live.base()}, kShots)).toJson());
    }
    QProcess second;
    second.setWorkingDirectory(dir.path());
    second.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, board});
    QVERIFY(second.waitForStarted());
    QVERIFY2(waitForEnd(second, 60000), "the second run did not finish in 60 s");
    const QString output = QString::fromUtf8(second.readAll());
    QCOMPARE(second.exitCode(), 0);

    // then the live endpoint's jobs are re-attached to, not paid for again, and the lost
    // ones are made on the live endpoint: every image once there, and done at full quality
    QVERIFY2(output.count(u"re-attached to remote job"_s) >= 2, qPrintable(output));
    QVERIFY2(output.contains(u"gpus@%1 cannot be reached"_s.arg(dyingLabel)), qPrintable(output));
    Engine engine;
    QString error;
    const LoadResult loaded = StoryboardLoader::loadFile(board);
    QVERIFY2(loaded.ok(), qPrintable(loaded.issueStrings().join(u'\n')));
    QVERIFY2(engine.openReadOnly(*loaded.project, dir.filePath(u"pool.retake"_s), false, &error),
             qPrintable(error));
    const QHash<QString, QList<Attempt>> attempts = engine.allAttempts();
    int doneOnLive = 0;
    for (const TaskSnapshot &t : engine.tasks()) {
        QVERIFY2(t.state == TaskState::Done && t.quality == Quality::Full && t.retriesUsed == 0,
                 qPrintable(t.id));
        for (const Attempt &a : attempts.value(t.id))
            doneOnLive += a.ok() && a.params.value(u"endpoint"_s) == liveLabel ? 1 : 0;
    }
    QCOMPARE(engine.tasks().size(), kShots);
    QCOMPARE(live.submitted(), doneOnLive);
}

QTEST_MAIN(TestPools)
#include "tst_pools.moc"
