// Commands at scale (issue 15, point 7): how long `retake-cli status`, `estimate`,
// `checkpoint list`, `checkpoint create` and `checkpoint restore` take on a big finished
// workspace, each as the user runs it: a process of its own.
//
//   bench_commands [shots=20000] [rounds=3]
//
// The storyboard has image-only shots (stages "image") on the built-in provider, so the
// workspace is filled by one real `retake-cli run` in a minute or two: 20,000 shots make
// the 20,000 tasks without making 10,000 videos through ffmpeg. Each command is run
// `rounds` times; printed per run: wall ms, CPU ms (user + system of the command's process)
// and its peak RSS. BENCH_KEEP=<dir>: the storyboard and its workspace go to <dir> and are
// kept; a later run with the same shots only times the commands. Prints figures; no
// thresholds.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

using namespace Qt::StringLiterals;

extern char **environ;

namespace {

QByteArray storyboard(int shots)
{
    QJsonArray scenes;
    for (int s = 0; s * 10 < shots; ++s) {
        const QString scene = u"s%1"_s.arg(s + 1, 4, 10, QLatin1Char('0'));
        QJsonArray list;
        for (int n = 0; n < 10 && s * 10 + n < shots; ++n) {
            const QString id = scene + u"-sh%1"_s.arg(n + 1, 2, 10, QLatin1Char('0'));
            list.append(QJsonObject{{u"id"_s, id},
                                    {u"prompt"_s, u"Shot %1: lanterns along a canal."_s.arg(id)}});
        }
        scenes.append(QJsonObject{{u"id"_s, scene}, {u"shots"_s, list}});
    }
    const QJsonObject studio{{u"id"_s, u"studio"_s},
                             {u"kind"_s, u"local"_s},
                             {u"maxConcurrency"_s, 16},
                             {u"costPerUnit"_s, 0.01},
                             {u"options"_s, QJsonObject{{u"latencyMs"_s, 0}}}};
    return QJsonDocument(
               QJsonObject{
                   {u"format"_s, u"retake-project/1"_s},
                   {u"title"_s, u"Commands at scale"_s},
                   {u"assemble"_s, false},
                   {u"defaults"_s,
                    QJsonObject{{u"stages"_s, u"image"_s},
                                {u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}}}},
                   {u"providerProfiles"_s, QJsonArray{studio}},
                   {u"providers"_s, QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}},
                                                {u"video"_s, QJsonArray{u"studio"_s}}}},
                   {u"scenes"_s, scenes}})
        .toJson(QJsonDocument::Compact);
}

struct Figures {
    int exitCode = -1;
    double wallMs = 0;
    double cpuMs = 0;
    long maxRssKb = 0;
    QByteArray output;
};

// Runs the command with its output into a file (read back for the checkpoint's id), and
// takes the process's own resource use from wait4().
Figures run(const QStringList &args, const QString &outFile)
{
    std::vector<QByteArray> storage;
    storage.push_back(QByteArray(RETAKE_CLI_PATH));
    for (const QString &a : args)
        storage.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const QByteArray out = outFile.toLocal8Bit();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    Figures f;
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return f;
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    f.wallMs = timer.nsecsElapsed() / 1e6;
    f.cpuMs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
              double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    f.maxRssKb = usage.ru_maxrss;
    f.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    QFile file(outFile);
    if (file.open(QIODevice::ReadOnly))
        f.output = file.readAll();
    return f;
}

void print(QTextStream &out, const QString &what, const Figures &f)
{
    out << u"%1  exit %2  wall %3 ms  CPU %4 ms  peak RSS %5 MB\n"_s.arg(what, -34)
               .arg(f.exitCode)
               .arg(f.wallMs, 8, 'f', 0)
               .arg(f.cpuMs, 7, 'f', 0)
               .arg(f.maxRssKb / 1024.0, 6, 'f', 1);
    out.flush();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const int shots = args.value(0, u"20000"_s).toInt();
    const int rounds = args.value(1, u"3"_s).toInt();
    QTextStream out(stdout);
    QTemporaryDir temporary;
    const QString keep = qEnvironmentVariable("BENCH_KEEP");
    const QDir dir(keep.isEmpty() ? temporary.path() : keep);
    QDir().mkpath(dir.path());
    const QString board = dir.filePath(u"cmds%1.retake.json"_s.arg(shots));
    const QString log = dir.filePath(u"command.out"_s);
    out << u"bench_commands: %1 image-only shots (%1 tasks), built-in provider, in %2\n"_s
               .arg(shots)
               .arg(dir.path());
    if (!QFile::exists(dir.filePath(u"cmds%1.retake/state.sqlite"_s.arg(shots)))) {
        QFile file(board);
        if (!file.open(QIODevice::WriteOnly) || file.write(storyboard(shots)) < 0)
            return 1;
        file.close();
        print(out, u"run (fills the workspace)"_s, run({u"run"_s, board}, log));
    }
    QString lastCheckpoint;
    for (int round = 0; round < rounds; ++round) {
        print(out, u"status"_s, run({u"status"_s, board}, log));
        print(out, u"status --json"_s, run({u"status"_s, board, u"--json"_s}, log));
        print(out, u"estimate"_s, run({u"estimate"_s, board}, log));
        print(out, u"checkpoint list"_s, run({u"checkpoint"_s, u"list"_s, board}, log));
        const Figures created = run(
            {u"checkpoint"_s, u"create"_s, board, u"--reason"_s, u"bench %1"_s.arg(round)}, log);
        print(out, u"checkpoint create"_s, created);
        static const QRegularExpression idPattern(u"Created checkpoint (\\S+) "_s);
        const QRegularExpressionMatch match = idPattern.match(QString::fromUtf8(created.output));
        if (match.hasMatch())
            lastCheckpoint = match.captured(1);
        if (!lastCheckpoint.isEmpty()) {
            print(out, u"checkpoint restore"_s,
                  run({u"checkpoint"_s, u"restore"_s, board, lastCheckpoint}, log));
        } else {
            out << "checkpoint restore: no checkpoint id in create's output: "
                << created.output.left(200) << '\n';
        }
    }
    return 0;
}
