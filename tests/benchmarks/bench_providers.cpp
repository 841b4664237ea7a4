// Provider benchmark (issue 4); prints figures, asserts nothing.
//
//  1. Throughput: N image jobs (default 10,000) on the a1111 adapter against retake-sim
//     with 20 ms latency per answer, 64 jobs in flight: makespan / ideal (tasks x latency
//     / concurrency), CPU per task and peak RSS of this process. The simulator runs as
//     its own process, so the figures are the client's: provider, HTTP, base64 decoding,
//     writing the output.
//  2. Rate limit: M image tasks (default 200 and 1,000) through the real Engine with its
//     default retry, breaker and AIMD settings against a 10 requests/s token bucket (burst
//     10) at 16 in flight: on the openai-images adapter (429 with retry-after-ms, and
//     x-ratelimit-* headers on every answer, as OpenAI sends them) and on the replicate
//     adapter (429 with Retry-After in whole seconds and no rate headers: the rate is
//     learnt). Prints the share done at full quality on the provider, goodput as a fraction
//     of 10 req/s and the share of submissions answered 429. Videos go to an instant fake;
//     outputs are not verified (the fake's videos are not real).
//
//  3. Endpoint pool: 240 images (BENCH_POOL_TASKS) through the real Engine on a comfyui
//     profile whose "endpoints" are three retake-sim processes (4 slots each, 200 ms a job):
//     makespan / ideal (tasks x 200 ms / 12 slots), healthy and with one simulator killed
//     (SIGKILL) a third of the way through (its share then goes to two: ideal is not
//     reachable, the figure shows what the loss costs).
//
//   bench_providers [tasks=10000] [rateTasks=200,1000] [--skip-throughput] [--skip-rate]
//                   [--skip-pool]
#include "engine/engine.h"
#include "fakeprovider.h"
#include "providers/providerfactory.h"
#include "providertestkit.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// retake-sim in its own process.
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
    void kill()
    {
        m_process.kill(); // SIGKILL: the machine is gone, jobs and all
        m_process.waitForFinished(5000);
    }
    ~SimProcess()
    {
        m_process.terminate();
        m_process.waitForFinished(5000);
    }
    QString base() const { return m_base; }
    QJsonObject stats(const QString &protocol) const
    {
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(QUrl(m_base + u"/_sim/stats"_s)));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QJsonObject all = QJsonDocument::fromJson(reply->readAll()).object();
        delete reply;
        return all.value(u"protocols"_s).toObject().value(protocol).toObject();
    }

private:
    QProcess m_process;
    QString m_base;
};

ProviderProfile profileFor(const QString &kind, const QString &base, int concurrency)
{
    ProviderProfile profile;
    profile.id = u"bench"_s;
    profile.kind = kind;
    profile.maxConcurrency = concurrency;
    profile.baseUrl = kind == u"openai-images" ? base + u"/openai/v1"_s : base;
    profile.timeouts.connectMs = 10000;
    profile.timeouts.firstByteMs = 30000;
    profile.timeouts.totalMs = 60000;
    return profile;
}

void throughput(int tasks)
{
    const int kConcurrency = qEnvironmentVariableIntValue("BENCH_CONCURRENCY") > 0
                                 ? qEnvironmentVariableIntValue("BENCH_CONCURRENCY")
                                 : 64;
    constexpr int kLatencyMs = 20;
    SimProcess sim({u"--latency"_s, QString::number(kLatencyMs), u"--job-ms"_s, u"0"_s});
    if (sim.base().isEmpty()) {
        std::printf("throughput: retake-sim did not start\n");
        return;
    }
    QString error;
    const std::unique_ptr<Provider> provider =
        createProvider(profileFor(u"a1111"_s, sim.base(), kConcurrency), &error);
    QTemporaryDir dir;
    QObject parent;
    int started = 0;
    int finished = 0;
    int failed = 0;
    QEventLoop loop;
    // One output folder per slot, made once: the figures are about the provider, not
    // about creating and removing folders (the engine's staging, benchmarked apart).
    std::function<void(int)> launch = [&](int slot) {
        const int n = started++;
        GenerationRequest request = test::imageRequest(dir.filePath(u"slot%1"_s.arg(slot)), 64, 48);
        request.taskId = u"t%1/image"_s.arg(n);
        ProviderJob *job = provider->createJob(request, &parent);
        QObject::connect(job, &ProviderJob::finished, &parent,
                         [&, job, slot](const GenerationResult &result) {
                             job->deleteLater();
                             failed += result.ok() ? 0 : 1;
                             if (++finished == tasks)
                                 loop.quit();
                             else if (started < tasks)
                                 launch(slot);
                         });
        job->start();
    };
    const double cpu0 = cpuSeconds();
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < qMin(kConcurrency, tasks); ++i)
        launch(i);
    loop.exec();
    const double makespan = clock.elapsed() / 1000.0;
    const double cpu = cpuSeconds() - cpu0;
    const double ideal = tasks * kLatencyMs / 1000.0 / kConcurrency;
    const QJsonObject stats = sim.stats(u"a1111"_s);
    std::printf("throughput: %d image jobs (a1111, 64x48 PNG), %d in flight, %d ms latency\n",
                tasks, kConcurrency, kLatencyMs);
    std::printf("  makespan %.2f s, ideal %.2f s, makespan/ideal %.2f\n", makespan, ideal,
                makespan / ideal);
    std::printf("  CPU %.2f s = %.3f ms per task; peak RSS %.1f MB; failures %d; sim completed "
                "%d\n",
                cpu, cpu * 1000.0 / tasks, peakRssKb() / 1024.0, failed,
                stats.value(u"completed"_s).toInt());
}

void rateLimited(int tasks, const QString &kind)
{
    // BENCH_SIM_RATE=0 runs the same batch without the bucket (for comparison).
    const QString rate = qEnvironmentVariable("BENCH_SIM_RATE", u"10"_s);
    SimProcess sim({u"--rate"_s, rate, u"--burst"_s, u"10"_s, u"--job-ms"_s, u"0"_s});
    if (sim.base().isEmpty()) {
        std::printf("rate limit: retake-sim did not start\n");
        return;
    }
    ProviderProfile profile = profileFor(kind, sim.base(), 16);
    if (kind == u"openai-images") {
        profile.model = u"dall-e-2"_s;
        profile.options.insert(u"size"_s, u"256x256"_s);
    } else {
        profile.baseUrl = sim.base() + u"/replicate/v1"_s;
        profile.model = u"black-forest-labs/flux-schnell"_s;
        profile.timeouts.pollIntervalMs = 20;
    }
    Project project;
    project.title = u"bench"_s;
    project.providers << profile;
    project.providerPreference.insert(Stage::Image, {u"bench"_s});
    project.providerPreference.insert(Stage::Video, {u"fast"_s});
    for (int s = 0; s * 10 < tasks; ++s) {
        Scene scene;
        scene.id = u"s%1"_s.arg(s, 3, 10, QLatin1Char('0'));
        for (int n = 0; n < 10 && s * 10 + n < tasks; ++n) {
            Shot shot;
            shot.id = scene.id + u"-%1"_s.arg(n);
            shot.prompt = u"shot"_s;
            shot.image.width = 64;
            shot.image.height = 48;
            scene.shots << shot;
        }
        project.scenes << scene;
    }
    QTemporaryDir dir;
    Engine engine;
    QString error;
    if (!engine.open(project, dir.filePath(u"ws"_s), &error)) {
        std::printf("rate limit: %s\n", qPrintable(error));
        return;
    }
    EngineOptions options = engine.options();
    options.verifyOutputs = false;
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    engine.setOptions(options);
    engine.setProvider(std::make_unique<test::FakeProvider>(u"fast"_s, 64));
    engine.setProvider(std::make_unique<test::FakeProvider>(u"local"_s, 4));
    QSignalSpy finished(&engine, &Engine::batchFinished);
    QElapsedTimer clock;
    clock.start();
    engine.start();
    finished.wait(tasks * 1000);
    const double makespan = clock.elapsed() / 1000.0;
    const QJsonObject stats = sim.stats(kind);
    const int completed = stats.value(u"completed"_s).toInt();
    const int limited = stats.value(u"rateLimited"_s).toInt();
    const int submissions = limited + stats.value(u"submitted"_s).toInt();
    int full = 0;
    for (const TaskSnapshot &t : engine.tasks()) {
        if (t.stage == Stage::Image && t.quality == Quality::Full && t.providerId == u"bench"_s)
            ++full;
    }
    const double goodput = completed / makespan;
    std::printf("rate limit, %s: %d image tasks against 10 req/s (burst 10), 16 in flight, "
                "default retry settings\n",
                qPrintable(kind), tasks);
    std::printf("  done %d/%d, %.1f %% of the images at full quality on the provider; %.1f s; "
                "goodput %.2f req/s = %.1f %% of 10 req/s; 429 answers %d of %d submissions = "
                "%.1f %%\n",
                engine.summary().count(TaskState::Done), engine.summary().total,
                100.0 * full / tasks, makespan, goodput, goodput * 10.0, limited, submissions,
                submissions > 0 ? 100.0 * limited / submissions : 0.0);
    std::fflush(stdout);
}

Project imageProject(int tasks, const ProviderProfile &profile)
{
    Project project;
    project.title = u"bench"_s;
    project.providers << profile;
    project.providerPreference.insert(Stage::Image, {profile.id});
    for (int s = 0; s * 10 < tasks; ++s) {
        Scene scene;
        scene.id = u"s%1"_s.arg(s, 3, 10, QLatin1Char('0'));
        for (int n = 0; n < 10 && s * 10 + n < tasks; ++n) {
            Shot shot;
            shot.id = scene.id + u"-%1"_s.arg(n);
            shot.prompt = u"shot"_s;
            shot.image.width = 64;
            shot.image.height = 48;
            shot.stages = ShotStages::ImageOnly;
            scene.shots << shot;
        }
        project.scenes << scene;
    }
    return project;
}

// endpoints 1: the reference, one simulator with all 12 slots (a profile of one URL).
void pool(int tasks, int endpoints, bool killOne)
{
    // Three ComfyUI simulators, 4 slots each, 200 ms a job: ideal = tasks x 200 ms / 12.
    constexpr int kJobMs = 200;
    constexpr int kSlots = 4;
    std::vector<std::unique_ptr<SimProcess>> sims;
    ProviderProfile profile = profileFor(u"comfyui"_s, {}, kSlots * 3 / endpoints);
    profile.timeouts.pollIntervalMs = 20;
    profile.timeouts.maxPollIntervalMs = 60;
    for (int n = 0; n < endpoints; ++n) {
        sims.push_back(std::make_unique<SimProcess>(
            QStringList{u"--job-ms"_s, QString::number(kJobMs), u"--latency"_s, u"2"_s}));
        if (sims.back()->base().isEmpty()) {
            std::printf("pool: retake-sim did not start\n");
            return;
        }
        profile.endpoints << ProviderEndpoint{sims.back()->base(), 0};
    }
    if (endpoints == 1) {
        profile.baseUrl = profile.endpoints.first().baseUrl;
        profile.endpoints.clear();
    }
    QTemporaryDir dir;
    Engine engine;
    QString error;
    if (!engine.open(imageProject(tasks, profile), dir.filePath(u"ws"_s), &error)) {
        std::printf("pool: %s\n", qPrintable(error));
        return;
    }
    EngineOptions options = engine.options();
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    engine.setOptions(options);
    int done = 0;
    int bounced = 0;
    QObject::connect(&engine, &Engine::attemptFinished, &engine,
                     [&](const QString &, const Attempt &a) {
                         bounced += a.message.contains(u"cannot be reached"_s) ? 1 : 0;
                         // One of three dies a third of the way through, jobs in flight.
                         if (a.ok() && ++done == tasks / 3 && killOne)
                             sims.at(1)->kill();
                     });
    QSignalSpy finished(&engine, &Engine::batchFinished);
    QElapsedTimer clock;
    clock.start();
    engine.start();
    finished.wait(tasks * 1000);
    const double makespan = clock.elapsed() / 1000.0;
    const double ideal = tasks * kJobMs / 1000.0 / (3 * kSlots);
    int full = 0;
    for (const TaskSnapshot &t : engine.tasks())
        full += t.quality == Quality::Full && t.retriesUsed == 0 ? 1 : 0;
    if (endpoints == 1)
        std::printf("reference: one endpoint (comfyui, %d slots, %d ms a job), %d images\n",
                    3 * kSlots, kJobMs, tasks);
    else
        std::printf("pool of three (comfyui, %d slots each, %d ms a job), %d images%s\n", kSlots,
                    kJobMs, tasks, killOne ? ", one endpoint killed a third of the way" : "");
    std::printf("  makespan %.2f s, ideal (12 slots) %.2f s, makespan/ideal %.2f; done %d/%d, "
                "%d at full quality without a retry; %d attempts moved off a dead endpoint\n",
                makespan, ideal, makespan / ideal, engine.summary().count(TaskState::Done),
                engine.summary().total, full, bounced);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("RETAKE_KEYCHAIN", "off");
    qputenv("RETAKE_KEY_BENCH", "sk-bench");
    QStringList args = app.arguments().mid(1);
    const bool skipThroughput = args.removeAll(u"--skip-throughput"_s) > 0;
    const bool skipRate = args.removeAll(u"--skip-rate"_s) > 0;
    const bool skipPool = args.removeAll(u"--skip-pool"_s) > 0;
    const int tasks = args.value(0, u"10000"_s).toInt();
    QList<int> rateTasks;
    for (const QString &n : args.value(1, u"200,1000"_s).split(u','))
        rateTasks << n.toInt();
    std::printf("bench_providers on %s, %d cores, Qt %s\n",
                qPrintable(QSysInfo::prettyProductName()), QThread::idealThreadCount(), qVersion());
    if (!skipThroughput)
        throughput(tasks);
    std::fflush(stdout);
    if (!skipRate) {
        const QStringList kinds = qEnvironmentVariableIsSet("BENCH_RATE_KINDS")
                                      ? qEnvironmentVariable("BENCH_RATE_KINDS").split(u',')
                                      : QStringList{u"openai-images"_s, u"replicate"_s};
        for (const QString &kind : kinds) {
            for (int n : rateTasks)
                rateLimited(n, kind);
        }
    }
    if (!skipPool) {
        const int poolTasks = qEnvironmentVariableIntValue("BENCH_POOL_TASKS") > 0
                                  ? qEnvironmentVariableIntValue("BENCH_POOL_TASKS")
                                  : 240;
        pool(poolTasks, 1, false);
        pool(poolTasks, 3, false);
        pool(poolTasks, 3, true);
    }
    return 0;
}
