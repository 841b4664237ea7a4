// Scheduler benchmark (issue 2): 10,000 shots = 20,000 tasks on an instant in-process
// provider. Prints CPU microseconds per task spent in the engine, tasks/s and peak RSS;
// then the same with 10 % transient failures and zero backoff. No thresholds.
//
//   bench_engine [shots=10000]
#include "engine/engine.h"
#include "fakeprovider.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

using namespace retake;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

Project makeProject(int shots)
{
    Project project;
    project.title = u"benchmark"_s;
    project.providerPreference.insert(Stage::Image, {u"fast"_s});
    project.providerPreference.insert(Stage::Video, {u"fast"_s});
    constexpr int kShotsPerScene = 10;
    for (int s = 0; s * kShotsPerScene < shots; ++s) {
        Scene scene;
        scene.id = u"s%1"_s.arg(s + 1, 4, 10, QLatin1Char('0'));
        for (int n = 0; n < kShotsPerScene && s * kShotsPerScene + n < shots; ++n) {
            Shot shot;
            shot.id = scene.id + u"-sh%1"_s.arg(n + 1, 2, 10, QLatin1Char('0'));
            shot.prompt = u"Benchmark shot %1, a quiet harbour at dawn."_s.arg(shot.id);
            shot.seed = s * kShotsPerScene + n;
            scene.shots << shot;
        }
        project.scenes << scene;
    }
    return project;
}

void runOnce(QTextStream &out, int shots, double failureRate)
{
    QTemporaryDir dir;
    Engine engine;
    QString error;
    if (!engine.open(makeProject(shots), dir.filePath(u"ws"_s), &error)) {
        out << "open failed: " << error << '\n';
        return;
    }
    EngineOptions options = engine.options();
    options.verifyOutputs = false;
    options.retry.baseDelayMs = 0;
    options.retry.jitter = 0;
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    engine.setOptions(options);
    auto provider = std::make_unique<FakeProvider>(u"fast"_s, 64);
    FakeProvider *fast = provider.get();
    QRandomGenerator random(42);
    if (failureRate > 0) {
        fast->setDecider([&random, failureRate](const GenerationRequest &) {
            return random.generateDouble() < failureRate ? FakeOutcome{ErrorClass::Timeout}
                                                         : FakeOutcome{};
        });
    }
    engine.setProvider(std::move(provider));
    // The fallback rung must be instant too.
    engine.setProvider(std::make_unique<FakeProvider>(u"local"_s, 64));

    QEventLoop loop;
    QObject::connect(&engine, &Engine::batchFinished, &loop, &QEventLoop::quit);
    const double cpuStart = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    engine.start();
    loop.exec();
    const double elapsed = wall.nsecsElapsed() / 1e9;
    const double cpu = cpuSeconds() - cpuStart;
    const BatchSummary s = engine.summary();
    const int attempts = fast->callCount();
    out << u"  failures %1 %: %2 tasks, %3 attempts, %4 done, %5 failed, %6 degraded\n"_s
               .arg(failureRate * 100)
               .arg(s.total)
               .arg(attempts)
               .arg(s.count(TaskState::Done))
               .arg(s.count(TaskState::Failed))
               .arg(s.degraded());
    out << u"  wall %1 s, %2 tasks/s, CPU %3 s = %4 us per task (%5 us per attempt)\n"_s
               .arg(elapsed, 0, 'f', 2)
               .arg(s.total / elapsed, 0, 'f', 0)
               .arg(cpu, 0, 'f', 2)
               .arg(cpu * 1e6 / s.total, 0, 'f', 1)
               .arg(cpu * 1e6 / std::max(1, attempts), 0, 'f', 1);
    out << u"  peak RSS so far %1 MB\n"_s.arg(peakRssKb() / 1024.0, 0, 'f', 1);
    out.flush();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int shots = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTextStream out(stdout);
    out << u"bench_engine: %1 shots (%2 tasks), instant in-process provider, limit 64\n"_s
               .arg(shots)
               .arg(shots * 2);
    out << "(CPU includes the SQLite state store, file moves and the failure archive)\n";
    runOnce(out, shots, 0.0);
    runOnce(out, shots, 0.10);
    return 0;
}
