// Engine throughput benchmark (issue 15); prints figures, asserts nothing.
//
// N image tasks (default 5,000) through the real Engine and the real openai-images adapter
// against retake-sim in its own process (20 ms per answer, 256x256 PNGs as base64), 64 in
// flight, outputs verified as in a real run. Prints makespan / ideal (tasks x latency /
// concurrency), CPU per task of this whole process, and the share of that CPU spent on the
// main thread, where the engine decides. The videos of the shots go to a fake provider that
// holds one of them for an hour: they stay out of the figures and the batch is cancelled
// once every image is done.
//
//   bench_throughput [tasks=5000] [concurrency=64]
#include "engine/engine.h"
#include "fakeprovider.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <sys/resource.h>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double loadAverage()
{
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

QString startSim(QProcess *process, int latencyMs)
{
    process->setProgram(QStringLiteral(RETAKE_SIM_PATH));
    process->setArguments(
        {u"--port"_s, u"0"_s, u"--latency"_s, QString::number(latencyMs), u"--job-ms"_s, u"0"_s});
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start();
    process->waitForStarted();
    static const QRegularExpression listening(u"listening on (http://\\S+)"_s);
    QByteArray out;
    while (process->waitForReadyRead(10000)) {
        out += process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch())
            return match.captured(1);
    }
    return {};
}

Project benchProject(const QString &simBase, int tasks, int concurrency)
{
    ProviderProfile profile;
    profile.id = u"openai"_s;
    profile.kind = u"openai-images"_s;
    profile.model = u"dall-e-2"_s;
    profile.options.insert(u"size"_s, u"256x256"_s);
    profile.maxConcurrency = concurrency;
    profile.baseUrl = simBase + u"/openai/v1"_s;
    profile.timeouts.connectMs = 10000;
    profile.timeouts.firstByteMs = 30000;
    profile.timeouts.totalMs = 60000;
    Project project;
    project.title = u"throughput"_s;
    project.providers << profile;
    project.providerPreference.insert(Stage::Image, {u"openai"_s});
    project.providerPreference.insert(Stage::Video, {u"held"_s});
    for (int s = 0; s * 10 < tasks; ++s) {
        Scene scene;
        scene.id = u"s%1"_s.arg(s, 4, 10, QLatin1Char('0'));
        for (int n = 0; n < 10 && s * 10 + n < tasks; ++n) {
            Shot shot;
            shot.id = scene.id + u"-%1"_s.arg(n);
            shot.prompt = u"a lighthouse at dusk, shot %1"_s.arg(s * 10 + n);
            shot.image.width = 256;
            shot.image.height = 256;
            scene.shots << shot;
        }
        project.scenes << scene;
    }
    return project;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("RETAKE_KEYCHAIN", "off");
    qputenv("RETAKE_KEY_OPENAI", "sk-bench");
    const QStringList args = app.arguments().mid(1);
    const int tasks = args.value(0, u"5000"_s).toInt();
    const int concurrency = args.value(1, u"64"_s).toInt();
    constexpr int kLatencyMs = 20;
    std::printf("bench_throughput on %s, %d cores, Qt %s, load average %.2f\n",
                qPrintable(QSysInfo::prettyProductName()), QThread::idealThreadCount(), qVersion(),
                loadAverage());
    QProcess sim;
    const QString base = startSim(&sim, kLatencyMs);
    if (base.isEmpty()) {
        std::printf("retake-sim did not start\n");
        return 1;
    }
    QTemporaryDir dir(qEnvironmentVariable("BENCH_DIR", QDir::tempPath()) +
                      u"/bench_throughput-XXXXXX"_s);
    Engine engine;
    QString error;
    if (!engine.open(benchProject(base, tasks, concurrency), dir.filePath(u"ws"_s), &error)) {
        std::printf("open: %s\n", qPrintable(error));
        return 1;
    }
    EngineOptions options = engine.options();
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    engine.setOptions(options);
    auto held = std::make_unique<test::FakeProvider>(u"held"_s, 1);
    held->setLatencyMs(3600 * 1000);
    engine.setProvider(std::move(held));

    int imagesDone = 0;
    QElapsedTimer clock;
    qint64 makespanMs = -1;
    double cpuAtEnd = 0;
    double mainAtEnd = 0;
    QObject::connect(&engine, &Engine::attemptFinished, &engine,
                     [&](const QString &taskId, const Attempt &attempt) {
                         if (!taskId.endsWith(u"/image"_s) || !attempt.ok())
                             return;
                         if (++imagesDone < tasks)
                             return;
                         makespanMs = clock.elapsed();
                         cpuAtEnd = cpuSeconds(RUSAGE_SELF);
                         mainAtEnd = cpuSeconds(RUSAGE_THREAD);
                         engine.cancel();
                     });
    QSignalSpy finished(&engine, &Engine::batchFinished);
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    const double main0 = cpuSeconds(RUSAGE_THREAD);
    clock.start();
    engine.start();
    finished.wait(tasks * 200 + 60000);
    if (makespanMs < 0) {
        std::printf("only %d of %d images were done\n", imagesDone, tasks);
        return 1;
    }
    const double makespan = makespanMs / 1000.0;
    const double ideal = double(tasks) * kLatencyMs / 1000.0 / concurrency;
    const double cpu = cpuAtEnd - cpu0;
    const double mainCpu = mainAtEnd - main0;
    std::printf("%d images (openai-images, 256x256 PNG, verified), %d in flight, %d ms latency\n",
                tasks, concurrency, kLatencyMs);
    std::printf("  makespan %.2f s, ideal %.2f s, makespan/ideal %.2f\n", makespan, ideal,
                makespan / ideal);
    std::printf("  CPU %.2f s = %.3f ms per task; main thread %.2f s = %.0f %% of it; load "
                "average now %.2f\n",
                cpu, cpu * 1000.0 / tasks, mainCpu, cpu > 0 ? 100.0 * mainCpu / cpu : 0.0,
                loadAverage());
    std::fflush(stdout);
    sim.terminate();
    sim.waitForFinished(5000);
    return 0;
}
