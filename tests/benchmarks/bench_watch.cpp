// The change feed (issue 12, docs/ARCHITECTURE.md "Ownership and watching"): how late a
// watcher learns that a task finished, and what watchers cost the owner.
//
//   bench_watch [shots] [watchers...]     e.g. bench_watch 150 0 1 10
//
// For each watcher count: a real `retake-cli run` owns a fresh workspace (built-in provider,
// 8 at a time, 20 ms per attempt); the watchers are raw control-channel clients in this
// process that subscribe and read every event until "ended". Latency of a finished task =
// the moment a watcher reads the "tasks" event that shows it done, minus the end of its
// successful attempt (the owner's clock; same host). Owner CPU = utime + stime of the owner
// process itself from /proc (its ffmpeg children excluded), sampled until it exits.
// Prints figures; no thresholds.
//
// BENCH_WATCH_PERF=DIR also records the owner with `perf record` (a sample every 0.5 ms of
// its CPU time, DWARF call graphs; Debian's linux-perf, run as root) and counts which of its
// samples are the feed's: a call chain through the control server or the feed's encoders, or
// a send(2) (only the control server sends). CPU seconds of two runs differ by ±10 % on a
// shared VM; within one run the share of samples does not depend on how fast the run was.
// The socket polls of the event loop (one more descriptor per watcher in every poll) are
// counted apart, to be compared with a run without watchers.
#include "session/controlprotocol.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

QByteArray storyboard(int shots)
{
    QJsonArray list;
    for (int n = 1; n <= shots; ++n) {
        list.append(QJsonObject{{u"id"_s, u"s1-sh%1"_s.arg(n, 3, 10, QLatin1Char('0'))},
                                {u"prompt"_s, u"Shot %1: lanterns along a canal."_s.arg(n)}});
    }
    const QJsonObject studio{{u"id"_s, u"studio"_s},
                             {u"kind"_s, u"local"_s},
                             {u"maxConcurrency"_s, 8},
                             {u"options"_s, QJsonObject{{u"latencyMs"_s, 20}}}};
    return QJsonDocument(
               QJsonObject{
                   {u"format"_s, u"retake-project/1"_s},
                   {u"title"_s, u"Feed"_s},
                   {u"defaults"_s,
                    QJsonObject{{u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}},
                                {u"video"_s, QJsonObject{{u"duration"_s, 0.25}, {u"fps"_s, 8}}}}},
                   {u"providerProfiles"_s, QJsonArray{studio}},
                   {u"providers"_s, QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}},
                                                {u"video"_s, QJsonArray{u"studio"_s}}}},
                   {u"scenes"_s, QJsonArray{QJsonObject{{u"id"_s, u"s1"_s}, {u"shots"_s, list}}}}})
        .toJson();
}

// Context switches of `pid`'s main thread (its event loop): voluntary + involuntary.
qint64 contextSwitches(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    qint64 total = 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.contains("ctxt_switches:"))
            total += line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
    }
    return total;
}

// CPU seconds (user + system) of `pid` itself, or -1; `system` gets the system part.
double cpuSeconds(qint64 pid, double *system)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the command name, which is in parentheses and may hold spaces.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 15)
        return -1;
    const double perSecond = double(::sysconf(_SC_CLK_TCK));
    *system = fields.at(12).toDouble() / perSecond;                           // stime
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / perSecond; // + utime
}

struct Watcher {
    std::unique_ptr<QLocalSocket> socket;
    QByteArray buffer;
    bool ended = false;
    QHash<QString, qint64> doneEndMs; // task -> end of its successful attempt (ms)
    QSet<QString> seenDone;
    std::vector<qint64> latencies;
};

void handleLine(Watcher &w, const QByteArray &line)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    const QString event = o.value(u"event"_s).toString();
    if (event == u"ended"_s) {
        w.ended = true;
    } else if (event == u"attempt"_s) {
        const QJsonObject a = o.value(u"attempt"_s).toObject();
        const QString ended = a.value(u"endedAt"_s).toString();
        const QDateTime at = QDateTime::fromString(ended, Qt::ISODateWithMs);
        if (a.value(u"errorClass"_s).toString() == u"none"_s && at.isValid())
            w.doneEndMs.insert(o.value(u"task"_s).toString(), at.toMSecsSinceEpoch());
    } else if (event == u"tasks"_s) {
        for (const QJsonValue &v : o.value(u"tasks"_s).toArray()) {
            const QJsonObject t = v.toObject();
            const QString id = t.value(u"id"_s).toString();
            if (t.value(u"state"_s).toString() != u"done"_s || w.seenDone.contains(id))
                continue;
            w.seenDone.insert(id);
            if (w.doneEndMs.contains(id))
                w.latencies.push_back(now - w.doneEndMs.value(id));
        }
    }
}

// The owner's samples in a `perf record` of it: all of them, the feed's (see the top), and
// those in the kernel's poll.
struct Samples {
    int total = 0;
    int feed = 0;
    int poll = 0;
};

Samples classify(const QString &data, qint64 pid)
{
    Samples samples;
    QProcess script;
    script.setStandardErrorFile(QProcess::nullDevice());
    script.start(u"perf"_s, {u"script"_s, u"-i"_s, data, u"--pid"_s, QString::number(pid), u"-F"_s,
                             u"tid,ip,sym"_s});
    if (!script.waitForStarted())
        return samples;
    static const QByteArrayList feedFrames = {"ControlServer", "encodeTask",      "encodeAttempt",
                                              "encodeSummary", "encodeProviders", "withRawMember",
                                              "__libc_send"};
    bool inSample = false;
    bool feed = false;
    bool poll = false;
    const auto endSample = [&] {
        if (!inSample)
            return;
        ++samples.total;
        samples.feed += feed ? 1 : 0;
        samples.poll += (poll && !feed) ? 1 : 0;
        inSample = feed = poll = false;
    };
    QByteArray rest;
    const auto readLines = [&](bool all) {
        rest += script.readAllStandardOutput();
        qsizetype from = 0;
        for (qsizetype nl; (nl = rest.indexOf('\n', from)) >= 0; from = nl + 1) {
            const QByteArray line = rest.mid(from, nl - from);
            if (line.trimmed().isEmpty()) {
                endSample();
            } else if (line.startsWith('\t')) { // a frame; a sample starts with its tid
                feed = feed || std::any_of(feedFrames.cbegin(), feedFrames.cend(),
                                           [&](const QByteArray &f) { return line.contains(f); });
                poll = poll || line.contains("do_sys_poll");
            } else {
                endSample();
                inSample = true;
            }
        }
        rest.remove(0, from);
        if (all)
            endSample();
    };
    while (script.state() == QProcess::Running) {
        script.waitForReadyRead(1000);
        readLines(false);
    }
    readLines(true);
    return samples;
}

struct Figures {
    double seconds = 0;
    Samples samples;
    double ownerCpu = 0;
    double ownerSystem = 0; // of which in the kernel
    std::vector<qint64> latencies;
    int tasksSeen = 0;
    qint64 switches = 0; // of the owner's main thread
};

Figures measure(int shots, int watcherCount)
{
    Figures f;
    QTemporaryDir dir;
    const QString board = dir.filePath(u"feed.retake.json"_s);
    QFile file(board);
    file.open(QIODevice::WriteOnly);
    file.write(storyboard(shots));
    file.close();
    const QString ownerJson = dir.filePath(u"feed.retake/owner.json"_s);

    QProcess owner;
    owner.setWorkingDirectory(dir.path());
    owner.setStandardOutputFile(QProcess::nullDevice());
    owner.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer clock;
    clock.start();
    // BENCH_WATCH_WRAPPER="valgrind --tool=callgrind ...": counts the owner's instructions,
    // which do not depend on what else the two cores are doing (valgrind keeps the pid).
    QStringList command =
        qEnvironmentVariable("BENCH_WATCH_WRAPPER").split(u' ', Qt::SkipEmptyParts);
    command << QStringLiteral(RETAKE_CLI_PATH) << u"run"_s << board;
    // BENCH_WATCH_PERF=DIR: the owner starts as a shell that waits half a second, for
    // `perf record` to attach, then becomes the owner (exec keeps the pid), so that every
    // thread of the owner is recorded from its start.
    const QString perfDir = qEnvironmentVariable("BENCH_WATCH_PERF");
    const QString perfData = dir.filePath(u"owner.perf"_s);
    if (!perfDir.isEmpty())
        command = QStringList{u"sh"_s, u"-c"_s, u"sleep 0.5; exec \"$@\""_s, u"sh"_s} + command;
    owner.start(command.takeFirst(), command);
    owner.waitForStarted();
    const qint64 pid = owner.processId();
    QProcess perf;
    if (!perfDir.isEmpty()) {
        perf.setStandardOutputFile(QProcess::nullDevice());
        perf.setStandardErrorFile(QProcess::nullDevice());
        perf.start(u"perf"_s, {u"record"_s, u"-q"_s, u"-B"_s, u"-m"_s, u"32M"_s, u"--call-graph"_s,
                               u"dwarf,16384"_s, u"-c"_s, u"500000"_s, u"-p"_s,
                               QString::number(pid), u"-o"_s, perfData});
        perf.waitForStarted();
    }

    // The owner's socket, once it announces itself.
    QString socketPath;
    while (socketPath.isEmpty() && owner.state() == QProcess::Running) {
        QFile json(ownerJson);
        if (json.open(QIODevice::ReadOnly)) {
            const QJsonObject o = QJsonDocument::fromJson(json.readAll()).object();
            if (qint64(o.value(u"pid"_s).toDouble()) == pid)
                socketPath = o.value(u"socket"_s).toString();
        }
        if (socketPath.isEmpty())
            owner.waitForFinished(5); // also notices an owner that is gone
    }
    std::vector<Watcher> watchers(size_t(std::max(0, watcherCount)));
    for (Watcher &w : watchers) {
        w.socket = std::make_unique<QLocalSocket>();
        for (int tries = 0; tries < 600 && w.socket->state() != QLocalSocket::ConnectedState;
             ++tries) {
            w.socket->connectToServer(socketPath);
            if (!w.socket->waitForConnected(100))
                QThread::msleep(10);
        }
        // BENCH_WATCH_IDLE=1: connected but not subscribed, to tell the cost of the feed
        // from the cost of this process competing for the same cores.
        if (!qEnvironmentVariableIsSet("BENCH_WATCH_IDLE"))
            w.socket->write(R"({"v":1,"id":1,"cmd":"subscribe"})"
                            "\n");
        w.socket->flush();
    }

    double lastCpu = 0;
    while (owner.state() == QProcess::Running) {
        double system = 0;
        const double cpu = cpuSeconds(pid, &system);
        if (cpu >= 0) {
            lastCpu = cpu;
            f.ownerSystem = system;
        }
        const qint64 switches = contextSwitches(pid);
        if (switches >= 0)
            f.switches = switches;
        for (Watcher &w : watchers) {
            if (w.socket->bytesAvailable() == 0)
                w.socket->waitForReadyRead(2);
            w.buffer += w.socket->readAll();
            qsizetype newline;
            while ((newline = w.buffer.indexOf('\n')) >= 0) {
                handleLine(w, w.buffer.left(newline));
                w.buffer.remove(0, newline + 1);
            }
        }
        if (watchers.empty())
            owner.waitForFinished(20);
        QCoreApplication::processEvents(); // lets QProcess notice the owner's exit
    }
    owner.waitForFinished(-1);
    f.seconds = clock.elapsed() / 1000.0;
    f.ownerCpu = lastCpu;
    if (!perfDir.isEmpty()) {
        perf.waitForFinished(300000); // it ends with the process it records
        f.samples = classify(perfData, pid);
        if (qEnvironmentVariableIsSet("BENCH_WATCH_PERF_KEEP"))
            QFile::rename(perfData, perfDir + u"/owner-%1.data"_s.arg(pid));
    }
    for (Watcher &w : watchers) {
        f.latencies.insert(f.latencies.end(), w.latencies.begin(), w.latencies.end());
        f.tasksSeen += int(w.seenDone.size());
    }
    std::sort(f.latencies.begin(), f.latencies.end());
    return f;
}

qint64 percentile(const std::vector<qint64> &sorted, double p)
{
    if (sorted.empty())
        return -1;
    const size_t i = std::min(sorted.size() - 1, size_t(p * double(sorted.size() - 1) + 0.5));
    return sorted.at(i);
}

} // namespace

// What the owner spends encoding the feed of one such batch: 1,200 task changes in
// "tasks" events of 4 and 300 "attempt" events, without any socket.
void measureEncoding(QTextStream &out)
{
    retake::TaskSnapshot t;
    t.id = u"s1-sh042/image"_s;
    t.state = retake::TaskState::Done;
    t.lastMessage = u"provider error: the server answered 503"_s;
    t.outputPath = u"/tmp/feed.retake/draft/s1/s1-sh042/image.a1.png"_s;
    retake::Attempt a;
    a.number = 1;
    a.providerId = u"studio"_s;
    a.model = u"procedural-v1"_s;
    a.startedAt = QDateTime::currentDateTimeUtc();
    a.endedAt = a.startedAt.addMSecs(40);
    a.outputPath = u"draft/s1/s1-sh042/image.a1.png"_s;
    QElapsedTimer timer;
    timer.start();
    qsizetype bytes = 0;
    for (int i = 0; i < 300; ++i) {
        bytes += retake::encodeControlLine(
                     retake::controlEvent(
                         u"tasks"_s,
                         {{u"tasks"_s, retake::toJson(QList<retake::TaskSnapshot>{t, t, t, t})}}))
                     .size();
        bytes += retake::encodeControlLine(
                     retake::controlEvent(u"attempt"_s,
                                          {{u"task"_s, t.id}, {u"attempt"_s, retake::toJson(a)}}))
                     .size();
    }
    out << u"encoding 300 tasks events (4 tasks each) + 300 attempt events: %1 ms, %2 KB\n"_s
               .arg(timer.nsecsElapsed() / 1e6, 0, 'f', 1)
               .arg(bytes / 1024);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.value(0) == u"--classify"_s && args.size() == 3) { // a kept record: FILE PID
        const Samples samples = classify(args.at(1), args.at(2).toLongLong());
        QTextStream(stdout) << u"%1 samples, the feed's %2, in the kernel's poll %3\n"_s
                                   .arg(samples.total)
                                   .arg(samples.feed)
                                   .arg(samples.poll);
        return 0;
    }
    if (args.value(0) == u"--encode"_s) {
        QTextStream out(stdout);
        measureEncoding(out);
        return 0;
    }
    const int shots = args.isEmpty() ? 150 : args.takeFirst().toInt();
    QList<int> counts;
    for (const QString &a : args)
        counts << a.toInt();
    if (counts.isEmpty())
        counts = {0, 1, 10};
    QTextStream out(stdout);
    out << u"bench_watch: %1 shots (%2 tasks), built-in provider, 8 at a time\n"_s.arg(shots).arg(
        shots * 2);
    out << "watchers  wall s  owner CPU s (system)  done seen  latency p50  p99  max (ms)  "
           "owner main-thread context switches\n";
    for (int n : counts) {
        const Figures f = measure(shots, n);
        out << u"%1  %2  %3 (%9)  %4  %5  %6  %7  %8\n"_s.arg(n, 8)
                   .arg(f.seconds, 6, 'f', 1)
                   .arg(f.ownerCpu, 11, 'f', 2)
                   .arg(f.tasksSeen, 9)
                   .arg(percentile(f.latencies, 0.5), 11)
                   .arg(percentile(f.latencies, 0.99), 4)
                   .arg(f.latencies.empty() ? -1 : f.latencies.back(), 4)
                   .arg(f.switches)
                   .arg(f.ownerSystem, 0, 'f', 2);
        if (f.samples.total > 0) {
            out << u"          perf: %1 owner samples (0.5 ms each), the feed's %2 (%3 %), in "
                   "the kernel's poll %4 (%5 %)\n"_s.arg(f.samples.total)
                       .arg(f.samples.feed)
                       .arg(100.0 * f.samples.feed / f.samples.total, 0, 'f', 1)
                       .arg(f.samples.poll)
                       .arg(100.0 * f.samples.poll / f.samples.total, 0, 'f', 1);
        }
        out.flush();
    }
    return 0;
}
