// Durable-state benchmark (issue 3). Prints figures only:
//  - durable status updates per second (StateStore, batched transactions),
//  - checkpoint create and restore time and size for a 10,000-shot storyboard,
//  - time to reopen that storyboard's workspace and have every task's state.
//
//   bench_durability [shots=10000]    (workspace in $TMPDIR)
//   BENCH_KEEP=<dir>: the workspace goes to <dir>/ws and is kept; when <dir>/ws exists, only
//   the reopen is measured (five times), for a profiler.
#include "engine/engine.h"
#include "enginefixture.h"
#include "store/statestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

using namespace retake;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

Project bigProject(int shots)
{
    Project project = makeProject(0, {u"fast"_s}, {u"fast"_s});
    project.scenes.clear();
    for (int s = 0; s * 10 < shots; ++s) {
        Scene scene;
        scene.id = u"s%1"_s.arg(s + 1, 4, 10, QLatin1Char('0'));
        for (int n = 0; n < 10 && s * 10 + n < shots; ++n) {
            Shot shot;
            shot.id = scene.id + u"-sh%1"_s.arg(n + 1, 2, 10, QLatin1Char('0'));
            shot.prompt = u"Durability benchmark shot %1."_s.arg(shot.id);
            scene.shots << shot;
        }
        project.scenes << scene;
    }
    return project;
}

double cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

double ms(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

void reopen(const Project &project, const QString &ws, QTextStream &out)
{
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuMs();
    Engine engine;
    QString error;
    engine.open(project, ws, &error);
    const QList<TaskSnapshot> tasks = engine.tasks();
    out << u"  reopen and read every task's state: %1 ms, CPU %2 ms (%3 tasks, %4 done)\n"_s
               .arg(ms(timer), 0, 'f', 0)
               .arg(cpuMs() - cpu0, 0, 'f', 0)
               .arg(tasks.size())
               .arg(engine.summary().count(TaskState::Done));
    out.flush();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int shots = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTextStream out(stdout);
    QTemporaryDir temporary;
    const QString keep = qEnvironmentVariable("BENCH_KEEP");
    const QDir dir(keep.isEmpty() ? temporary.path() : keep);
    const Project project = bigProject(shots);
    const QString ws = dir.filePath(u"ws"_s);
    if (!keep.isEmpty() && QDir(ws).exists()) {
        for (int round = 0; round < 5; ++round)
            reopen(project, ws, out);
        return 0;
    }
    out << u"bench_durability: %1 shots (%2 tasks) in %3\n"_s.arg(shots).arg(shots * 2).arg(
        dir.path());

    // 1. Durable status updates per second.
    {
        StateStore store;
        QString error;
        store.open(dir.filePath(u"updates.sqlite"_s), &error);
        constexpr int kRounds = 5;
        QElapsedTimer timer;
        timer.start();
        for (int round = 0; round < kRounds; ++round) {
            for (int i = 0; i < shots * 2; ++i) {
                StoredTask t;
                t.id = u"task-%1"_s.arg(i);
                t.state = round % 2 ? TaskState::Running : TaskState::Done;
                t.attemptCount = round;
                store.saveTask(t);
            }
            store.flush(&error);
        }
        const double elapsed = ms(timer);
        out << u"  durable task updates: %1 in %2 ms = %3 updates/s (batched, one transaction "
               "per flush)\n"_s.arg(kRounds * shots * 2)
                   .arg(elapsed, 0, 'f', 0)
                   .arg(kRounds * shots * 2 / (elapsed / 1000.0), 0, 'f', 0);
        timer.restart();
        for (int i = 0; i < 200; ++i) {
            StoredTask t;
            t.id = u"task-%1"_s.arg(i);
            t.state = TaskState::Done;
            store.saveTask(t);
            store.flush(&error);
        }
        out << u"  one update per transaction: %1 updates/s\n"_s.arg(200 / (ms(timer) / 1000.0), 0,
                                                                     'f', 0);
    }

    // 2. A finished 10,000-shot batch, then checkpoint, restore and reopen.
    {
        Engine engine;
        QString error;
        engine.open(project, ws, &error);
        EngineOptions options = engine.options();
        options.verifyOutputs = false;
        options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
        engine.setOptions(options);
        engine.setProvider(std::make_unique<FakeProvider>(u"fast"_s, 64));
        QEventLoop loop;
        QObject::connect(&engine, &Engine::batchFinished, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        engine.start();
        loop.exec();
        out << u"  batch of %1 tasks finished in %2 s\n"_s.arg(engine.summary().total)
                   .arg(ms(timer) / 1000.0, 0, 'f', 1);

        timer.restart();
        const CheckpointInfo cp = engine.createCheckpoint(u"bench"_s, &error);
        out << u"  checkpoint create: %1 ms, %2 MB\n"_s.arg(ms(timer), 0, 'f', 0)
                   .arg(cp.sizeBytes / 1048576.0, 0, 'f', 1);
        timer.restart();
        const bool ok = engine.restoreCheckpoint(cp.id, &error);
        out << u"  checkpoint restore: %1 ms (%2; includes the undo checkpoint)\n"_s
                   .arg(ms(timer), 0, 'f', 0)
                   .arg(ok ? u"ok"_s : error);
    }
    reopen(project, ws, out);
    return 0;
}
