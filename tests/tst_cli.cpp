// retake-cli as a user runs it: exit codes on the demo and on broken files, JSON lines,
// status, retry-failed, and Ctrl-C cancelling cleanly and resuming afterwards.
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

extern char **environ;

using namespace Qt::StringLiterals;

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

const QString kNoFaultStoryboard = uR"({
  "format": "retake-project/1",
  "title": "Three calm shots",
  "defaults": {"image": {"width": 96, "height": 54, "steps": 4},
               "video": {"duration": 0.5, "fps": 8, "motion": "zoom-in"}},
  "scenes": [{"id": "s01", "title": "Harbour", "shots": [
    {"id": "s01-sh01", "prompt": "A harbour at dawn, gulls over the masts."},
    {"id": "s01-sh02", "prompt": "A fisherman mending nets on the quay."},
    {"id": "s01-sh03", "prompt": "Boats leaving the harbour in mist."}]}]
})"_s;

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void versionAndHelp();
    void validateDemo();
    void brokenStoryboardExitsTwo();
    void unknownCommandExitsTwo();
    void fifosAreRefusedWithoutWaiting();
    void runAllDoneExitsZero();
    void mixedStagesRunOnlyTheirTasks();
    void demoRunShowsRecoveryAndExitsThree();
    void jsonLinesParse();
    void jsonLinesAllReachAStalledReaderInOrder();
    void ctrlCCancelsCleanlyAndRunResumes();
    void checkpointPublishAndDiscardFromTheCommandLine();
    void checkpointListJsonEscapesTheReason();
    void checkpointsWithoutTheEngineMatchTheEngine();
    void nonFiniteLimitsExitTwo_data();
    void nonFiniteLimitsExitTwo();
    void unsavedStateExitsOne();

private:
    CliResult cli(const QStringList &args, int timeoutMs = 120000,
                  const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    QString write(const QString &name, const QString &text);
    // The demo without its voice-overs and cuts (72 tasks): for the tests of recovery and
    // Ctrl-C, which the film's ffmpeg and espeak-ng runs would only slow down.
    QString writeDemoWithoutFilm();
    // `shots` image-only shots "s01-sh001"... on the built-in provider.
    QString writeImageShots(const QString &name, int shots, int latencyMs, int concurrency);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCli::cleanup()
{
    m_dir.reset();
}

CliResult TestCli::cli(const QStringList &args, int timeoutMs, const QProcessEnvironment &env)
{
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString TestCli::writeDemoWithoutFilm()
{
    QFile source(QStringLiteral(RETAKE_SOURCE_DIR) + u"/resources/examples/demo.retake.json"_s);
    if (!source.open(QIODevice::ReadOnly))
        return {};
    QJsonObject root = QJsonDocument::fromJson(source.readAll()).object();
    root.remove(u"assemble"_s);
    QJsonArray scenes = root.value(u"scenes"_s).toArray();
    for (int s = 0; s < scenes.size(); ++s) {
        QJsonObject scene = scenes.at(s).toObject();
        scene.remove(u"voiceover"_s);
        scenes[s] = scene;
    }
    root.insert(u"scenes"_s, scenes);
    return write(u"demo.retake.json"_s, QString::fromUtf8(QJsonDocument(root).toJson()));
}

QString TestCli::writeImageShots(const QString &name, int shots, int latencyMs, int concurrency)
{
    QJsonArray list;
    for (int n = 1; n <= shots; ++n) {
        list.append(QJsonObject{{u"id"_s, u"s01-sh%1"_s.arg(n, 3, 10, QLatin1Char('0'))},
                                {u"prompt"_s, u"Lantern %1 along a canal at dusk."_s.arg(n)}});
    }
    const QJsonObject studio{{u"id"_s, u"studio"_s},
                             {u"kind"_s, u"local"_s},
                             {u"maxConcurrency"_s, concurrency},
                             {u"options"_s, QJsonObject{{u"latencyMs"_s, latencyMs}}}};
    const QJsonObject project{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Lanterns"_s},
        {u"assemble"_s, false},
        {u"defaults"_s,
         QJsonObject{{u"stages"_s, u"image"_s},
                     {u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}}}},
        {u"providerProfiles"_s, QJsonArray{studio}},
        {u"providers"_s,
         QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}}, {u"video"_s, QJsonArray{u"studio"_s}}}},
        {u"scenes"_s, QJsonArray{QJsonObject{{u"id"_s, u"s01"_s}, {u"shots"_s, list}}}}};
    return write(name, QString::fromUtf8(QJsonDocument(project).toJson()));
}

QString TestCli::write(const QString &name, const QString &text)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text.toUtf8());
    return path;
}

void TestCli::versionAndHelp()
{
    const CliResult version = cli({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.contains(QStringLiteral(RETAKE_VERSION)), qPrintable(version.out));
    const CliResult help = cli({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    for (const QString &command : {u"validate"_s, u"run"_s, u"status"_s, u"retry-failed"_s})
        QVERIFY2(help.out.contains(command), qPrintable(command));
    QVERIFY2(help.out.contains(u"--quiet"_s), qPrintable(help.out));
}

void TestCli::validateDemo()
{
    const CliResult r = cli({u"validate"_s, QStringLiteral(RETAKE_SOURCE_DIR) +
                                                u"/resources/examples/demo.retake.json"_s});
    QCOMPARE(r.exitCode, 0);
    // 72 shot tasks, 12 voice-overs, 12 scene cuts and the film (issue 16: the demo tells
    // the whole story).
    QVERIFY2(r.out.contains(u"valid — 12 scenes, 36 shots, 97 tasks"_s), qPrintable(r.out));
}

void TestCli::brokenStoryboardExitsTwo()
{
    const QString path = write(u"broken.retake.json"_s, uR"({
      "format": "retake-project/1",
      "scenes": [{"id": "s01", "shots": [
        {"id": "s01-sh01", "prompt": "ok"},
        {"id": "s01-sh01", "prompt": "dup", "image": {"width": -5}},
        {"id": "s01-sh03"}]}]
    })"_s);
    const CliResult r = cli({u"run"_s, path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"scenes[0].shots[1].id: duplicate id \"s01-sh01\""_s),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(u"scenes[0].shots[1].image.width: must be a positive integer, "
                            "got -5"_s),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(u"scenes[0].shots[2].prompt: missing"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"nothing was run"_s), qPrintable(r.err));
    // Nothing ran: no workspace was created.
    QVERIFY(!QFile::exists(m_dir->filePath(u"broken.retake"_s)));

    const CliResult missing = cli({u"validate"_s, m_dir->filePath(u"nope.retake.json"_s)});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"cannot open"_s), qPrintable(missing.err));
}

void TestCli::unknownCommandExitsTwo()
{
    const CliResult r = cli({u"render"_s, u"x.retake.json"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(u"unknown command \"render\""_s));
}

void TestCli::fifosAreRefusedWithoutWaiting()
{
    // Given a FIFO as the storyboard, and one as providers.json beside a valid storyboard
    const QString pipe = m_dir->filePath(u"pipe.retake.json"_s);
    QVERIFY(::mkfifo(QFile::encodeName(pipe).constData(), 0600) == 0);

    // When they are validated, then neither waits for a writer: the storyboard is invalid
    // input (exit 2), a providers.json that is no file is named and left out.
    const CliResult r = cli({u"validate"_s, pipe}, 20000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"pipe.retake.json: cannot read: not a regular file"_s),
             qPrintable(r.err));

    const QString path = write(u"calm.retake.json"_s, kNoFaultStoryboard);
    const QString providers = m_dir->filePath(u"providers.json"_s);
    QVERIFY(::mkfifo(QFile::encodeName(providers).constData(), 0600) == 0);
    const CliResult beside = cli({u"validate"_s, path}, 20000);
    QCOMPARE(beside.exitCode, 0);
    QVERIFY2(beside.err.contains(u"retake-cli: providers.json: not a regular file"_s),
             qPrintable(beside.err));
}

void TestCli::runAllDoneExitsZero()
{
    const QString path = write(u"calm.retake.json"_s, kNoFaultStoryboard);
    const CliResult r = cli({u"run"_s, path});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(u"6 of 6 tasks done"_s));
    QVERIFY(QFile::exists(m_dir->filePath(u"calm.retake/draft/s01/s01-sh02/image.a1.png"_s)));
    QVERIFY(QFile::exists(m_dir->filePath(u"calm.retake/draft/s01/s01-sh02/video.a1.mp4"_s)));
    // A second run has nothing left to do and says so with the same exit code.
    const CliResult again = cli({u"run"_s, path});
    QCOMPARE(again.exitCode, 0);
    const CliResult status = cli({u"status"_s, path});
    QCOMPARE(status.exitCode, 0);
    QVERIFY(status.out.contains(u"6 tasks: 6 done"_s));
}

void TestCli::mixedStagesRunOnlyTheirTasks()
{
    // Issue 14, point 7: a still, an image and its video, and a video made from a file
    // beside the storyboard, cut together with the built-in provider.
    QVERIFY(QDir(m_dir->path()).mkpath(u"stills"_s));
    QImage keeper(96, 54, QImage::Format_RGB32);
    keeper.fill(Qt::darkYellow);
    QVERIFY(keeper.save(m_dir->filePath(u"stills/keeper.png"_s)));
    const QString storyboard = uR"({
  "format": "retake-project/1",
  "assemble": true,
  "defaults": {"image": {"width": 96, "height": 54, "steps": 4},
               "video": {"duration": 0.5, "fps": 8, "motion": "zoom-in"}},
  "scenes": [{"id": "s01", "shots": [
    {"id": "s01-sh01", "prompt": "A map of the coast.", "stages": "image"},
    {"id": "s01-sh02", "prompt": "A lighthouse at dusk."},
    {"id": "s01-sh03", "prompt": "The keeper's photograph.", "stages": "video",
     "inputImage": "stills/keeper.png"}]}]
})"_s;
    const QString path = write(u"mixed.retake.json"_s, storyboard);
    const CliResult validate = cli({u"validate"_s, path});
    QVERIFY2(validate.exitCode == 0, qPrintable(validate.out + validate.err));
    QVERIFY2(validate.out.contains(u"3 shots, 6 tasks"_s), qPrintable(validate.out));

    // The estimate counts only the tasks that exist: two images, two videos, two cuts.
    const CliResult estimate = cli({u"estimate"_s, path, u"--json"_s});
    QCOMPARE(estimate.exitCode, 0);
    int images = 0;
    int videos = 0;
    QJsonObject total;
    for (const QString &line : estimate.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
        if (event.value(u"event"_s) == u"estimate"_s) {
            images += event.value(u"images"_s).toInt();
            videos += event.value(u"videos"_s).toInt();
        } else if (event.value(u"event"_s) == u"estimate-total"_s) {
            total = event;
        }
    }
    QCOMPARE(images, 2);
    QCOMPARE(videos, 2);
    QCOMPARE(total.value(u"total"_s).toInt(), 6);
    QCOMPARE(total.value(u"tasks"_s).toInt(), 6);

    const CliResult r = cli({u"run"_s, path});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(u"6 of 6 tasks done"_s), qPrintable(r.out));
    const QString draft = m_dir->filePath(u"mixed.retake/draft/s01/"_s);
    QVERIFY(QFile::exists(draft + u"s01-sh01/image.a1.png"_s));
    QVERIFY(QFile::exists(draft + u"s01-sh02/image.a1.png"_s));
    QVERIFY(QFile::exists(draft + u"s01-sh02/video.a1.mp4"_s));
    QVERIFY(QFile::exists(draft + u"s01-sh03/video.a1.mp4"_s));
    QCOMPARE(QDir(draft + u"s01-sh01"_s).entryList({u"video.*"_s}), QStringList());
    QCOMPARE(QDir(draft + u"s01-sh03"_s).entryList({u"image.*"_s}), QStringList());
    // The scene's cut holds the still for its shot's half second: three shots, 1.5 s.
    QString cut;
    QDirIterator it(draft, {u"assemble.a1.mp4"_s}, QDir::Files);
    if (it.hasNext())
        cut = it.next();
    QVERIFY2(!cut.isEmpty(), "the scene was cut");
    QProcess probe;
    probe.start(u"ffprobe"_s, {u"-v"_s, u"error"_s, u"-show_entries"_s, u"format=duration"_s,
                               u"-of"_s, u"default=nw=1:nk=1"_s, cut});
    QVERIFY(probe.waitForFinished(30000));
    const double seconds = QString::fromUtf8(probe.readAllStandardOutput()).trimmed().toDouble();
    QVERIFY2(std::abs(seconds - 1.5) < 0.05, qPrintable(QString::number(seconds)));

    // The job report lists the six tasks, no video for the still, no image for the file.
    const auto reportTasks = [&](const QString &runReport) {
        QStringList ids;
        QFile file(runReport);
        if (!file.open(QIODevice::ReadOnly))
            return ids;
        const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
        for (const QJsonValue &task : report.value(u"tasks"_s).toArray())
            ids << task.toObject().value(u"id"_s).toString();
        ids << QString::number(report.value(u"counts"_s).toObject().value(u"total"_s).toInt());
        return ids;
    };
    QDirIterator reports(m_dir->filePath(u"mixed.retake/reports"_s), {u"report.json"_s},
                         QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(reports.hasNext());
    const QString report = reports.next();
    QCOMPARE(reportTasks(report),
             (QStringList{u"s01-sh01/image"_s, u"s01-sh02/image"_s, u"s01-sh02/video"_s,
                          u"s01-sh03/video"_s, u"s01/assemble"_s, u"final/assemble"_s, u"6"_s}));

    // Made a still afterwards, s01-sh02's video row is no longer one of the report's tasks.
    QString still = storyboard;
    still.replace(u"\"prompt\": \"A lighthouse at dusk.\""_s,
                  u"\"prompt\": \"A lighthouse at dusk.\", \"stages\": \"image\""_s);
    write(u"mixed.retake.json"_s, still);
    const CliResult again = cli({u"report"_s, path, u"--format"_s, u"json"_s});
    QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
    QCOMPARE(reportTasks(report),
             (QStringList{u"s01-sh01/image"_s, u"s01-sh02/image"_s, u"s01-sh03/video"_s,
                          u"s01/assemble"_s, u"final/assemble"_s, u"5"_s}));
}

void TestCli::demoRunShowsRecoveryAndExitsThree()
{
    const QString path = writeDemoWithoutFilm();
    QVERIFY(QFileInfo::exists(path));
    const CliResult r = cli({u"run"_s, path});
    QVERIFY2(r.exitCode == 3, qPrintable(u"exit %1\n"_s.arg(r.exitCode) + r.out + r.err));
    QVERIFY2(r.out.contains(u"attempt 2"_s), "automatic retries are shown");
    QVERIFY2(r.out.contains(u"task(s) failed"_s), qPrintable(r.out));
    // One closing sentence, the counts not repeated after it (issue 16).
    static const QRegularExpression closing(
        u"\n\\d+ of 72 tasks done \\(\\d+ degraded(, \\d+ on another provider)?\\), \\d+ failed"
        u"(, \\d+ blocked)?\\.\n"_s);
    QVERIFY2(r.out.contains(closing), qPrintable(r.out));
    QVERIFY(QFile::exists(m_dir->filePath(u"demo.retake/logs/error.log"_s)));

    // The demo's promise, counted from the state: at least one shot done below full
    // quality and at least one task failed for good.
    const auto summaryOf = [this](const QString &storyboard) {
        const CliResult status = cli({u"status"_s, storyboard, u"--json"_s});
        const QStringList lines = status.out.split(u'\n', Qt::SkipEmptyParts);
        return lines.isEmpty() ? QJsonObject()
                               : QJsonDocument::fromJson(lines.last().toUtf8()).object();
    };
    const QJsonObject before = summaryOf(path);
    QCOMPARE(before.value(u"event"_s).toString(), u"summary"_s);
    QVERIFY2(before.value(u"degraded"_s).toInt() >= 1, qPrintable(r.out));
    const int failedBefore = before.value(u"counts"_s).toObject().value(u"failed"_s).toInt();
    QVERIFY2(failedBefore >= 1, qPrintable(r.out));

    const CliResult status = cli({u"status"_s, path});
    QCOMPARE(status.exitCode, 3);
    QVERIFY(status.out.contains(u"failed"_s));
    // The demo's model error on s03-sh02's image is cured by the backup at full parameters:
    // that is its own quality, in the table, the counts and the closing sentence.
    QVERIFY2(before.value(u"onOtherProvider"_s).toInt() >= 1, qPrintable(r.out));
    static const QRegularExpression otherRow(u"\ns03-sh02/image +done +full · other provider "_s);
    QVERIFY2(status.out.contains(otherRow), qPrintable(status.out));
    QVERIFY2(status.out.contains(u" on another provider"_s), qPrintable(status.out));
    QVERIFY2(r.out.contains(u" on another provider), "_s), qPrintable(r.out));

    // Retry the failures on the backup provider: fewer tasks are left failed.
    const CliResult retry = cli({u"retry-failed"_s, path, u"--provider"_s, u"backup"_s});
    QVERIFY2(retry.exitCode == 0 || retry.exitCode == 3, qPrintable(retry.out + retry.err));
    const QJsonObject after = summaryOf(path);
    const int failedAfter = after.value(u"counts"_s).toObject().value(u"failed"_s).toInt();
    QVERIFY2(failedAfter < failedBefore,
             qPrintable(u"failed %1 -> %2\n"_s.arg(failedBefore).arg(failedAfter) + retry.out));
    const CliResult unknown = cli({u"retry-failed"_s, path, u"--provider"_s, u"nope"_s});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.err.contains(u"unknown provider \"nope\""_s));
}

void TestCli::jsonLinesParse()
{
    const QString path = write(u"calm.retake.json"_s, kNoFaultStoryboard);
    const CliResult r = cli({u"run"_s, path, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 6);
    QJsonObject last;
    int attempts = 0;
    for (const QString &line : lines) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), qPrintable(line));
        last = doc.object();
        attempts += last.value(u"event"_s).toString() == u"attempt"_s ? 1 : 0;
    }
    QCOMPARE(attempts, 6);
    QCOMPARE(last.value(u"event"_s).toString(), u"summary"_s);
    QCOMPARE(last.value(u"counts"_s).toObject().value(u"done"_s).toInt(), 6);
}

namespace {

// A retake-cli whose stdout is a pipe that the test reads only when it wants to.
struct StalledChild {
    pid_t pid = 0;
    int out = -1; // the pipe's read end
    int status = 0;

    bool start(const QStringList &args, const QString &errFile)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return false;
        out = fds[0];
        QList<QByteArray> words{QByteArrayLiteral(RETAKE_CLI_PATH)};
        for (const QString &arg : args)
            words.append(arg.toLocal8Bit());
        std::vector<char *> argv;
        for (QByteArray &word : words)
            argv.push_back(word.data());
        argv.push_back(nullptr);
        const QByteArray err = errFile.toLocal8Bit();
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.constData(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int spawned =
            ::posix_spawn(&pid, argv.front(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        if (spawned != 0)
            pid = 0;
        return spawned == 0;
    }
    bool exited()
    {
        if (pid > 0 && ::waitpid(pid, &status, WNOHANG) == pid)
            pid = 0;
        return pid == 0;
    }
    // Everything it writes until it closes stdout; false when nothing came for `timeoutMs`.
    bool readAll(QByteArray *into, int timeoutMs)
    {
        char buffer[65536];
        for (;;) {
            pollfd ready{out, POLLIN, 0};
            if (::poll(&ready, 1, timeoutMs) <= 0)
                return false;
            const ssize_t n = ::read(out, buffer, sizeof buffer);
            if (n == 0)
                return true;
            if (n < 0 && errno != EINTR)
                return false;
            if (n > 0)
                into->append(buffer, n);
        }
    }
    int exitCode()
    {
        if (pid > 0 && ::waitpid(pid, &status, 0) == pid)
            pid = 0;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    ~StalledChild()
    {
        if (out >= 0)
            ::close(out);
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
};

} // namespace

// --json lines are written by a printer thread (docs/ARCHITECTURE.md, "Threads"): a reader
// that takes nothing while the run goes on holds up the printer, not the engine, and when it
// reads after the run has ended, every line is there and in the order of the events: each
// task's states in order up to done, its attempt, the report, and the summary once, last. The
// printer still had most of the lines queued when the run ended (more than twice what the
// pipe holds): a process that exited without writing them would fail here.
void TestCli::jsonLinesAllReachAStalledReaderInOrder()
{
    constexpr int kShots = 600; // about 200 KB of lines
    // About 2 s at 16 in flight: long enough for the watcher to connect.
    const QString path = writeImageShots(u"order.retake.json"_s, kShots, 50, 16);
    StalledChild run;
    QVERIFY(run.start({u"run"_s, path, u"--json"_s}, m_dir->filePath(u"run.err"_s)));
    const long pipeBytes = ::fcntl(run.out, F_GETPIPE_SZ);
    QVERIFY(pipeBytes > 0);
    // The owner has taken the workspace: a watcher follows it to its end. Waited for without
    // an event loop, and nothing of the run's stdout is read meanwhile.
    const QString ownerFile = m_dir->filePath(u"order.retake/owner.json"_s);
    for (int waited = 0; !QFileInfo::exists(ownerFile) && waited < 30000; waited += 20) {
        QVERIFY2(!run.exited(), "the run ended before it took its workspace");
        QThread::msleep(20);
    }
    QVERIFY(QFileInfo::exists(ownerFile));
    QProcess watch;
    watch.setWorkingDirectory(m_dir->path());
    watch.start(QStringLiteral(RETAKE_CLI_PATH), {u"watch"_s, path, u"--json"_s, u"--quiet"_s});
    // It ends when the owner announces the end of its run, after the run's last line was
    // handed to the printer; the owner then waits for the reader to take the rest.
    QVERIFY2(watch.waitForFinished(120000), "the run did not end while its stdout was not read");
    QVERIFY2(watch.exitStatus() == QProcess::NormalExit && watch.exitCode() == 0,
             watch.readAllStandardError().constData());

    QByteArray output;
    QVERIFY2(run.readAll(&output, 60000), "the run's stdout was not closed");
    QCOMPARE(run.exitCode(), 0);
    QVERIFY(output.endsWith('\n'));
    QList<QByteArray> lines = output.split('\n');
    lines.removeLast();

    // The order of a task's states in a run without faults (updates are coalesced: a task
    // may go from queued to done between two of them).
    const QStringList order{u"waiting"_s, u"queued"_s, u"running"_s, u"done"_s};
    QMap<QString, QStringList> states;
    QMap<QString, int> attempts;
    int summaries = 0;
    int reports = 0;
    for (int i = 0; i < lines.size(); ++i) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, lines.at(i).constData());
        const QString event = o.value(u"event"_s).toString();
        if (event == u"task"_s) {
            const QString id = o.value(u"id"_s).toString();
            const QString state = o.value(u"state"_s).toString();
            QVERIFY2(order.contains(state), lines.at(i).constData());
            QStringList &seen = states[id];
            QVERIFY2(seen.isEmpty() || order.indexOf(seen.last()) <= order.indexOf(state),
                     qPrintable(id + u": "_s + seen.join(u", "_s) + u" then "_s + state));
            QVERIFY2(!seen.contains(u"done"_s), lines.at(i).constData());
            seen.append(state);
        } else if (event == u"attempt"_s) {
            QCOMPARE(o.value(u"outcome"_s).toString(), u"ok"_s);
            ++attempts[o.value(u"task"_s).toString()];
        } else if (event == u"report"_s) {
            ++reports;
            QCOMPARE(attempts.size(), kShots); // after the last attempt
        } else if (event == u"summary"_s) {
            ++summaries;
            QCOMPARE(i, lines.size() - 1);
            QCOMPARE(o.value(u"counts"_s).toObject().value(u"done"_s).toInt(), kShots);
        } else {
            QFAIL(lines.at(i).constData());
        }
    }
    QCOMPARE(summaries, 1);
    QCOMPARE(reports, 1);
    QCOMPARE(states.size(), kShots);
    QCOMPARE(attempts.size(), kShots);
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        QVERIFY2(it.value().last() == u"done"_s, qPrintable(it.key()));
        QCOMPARE(attempts.value(it.key()), 1);
    }
    // Most of it was still in the printer when the run ended, not in the pipe.
    QVERIFY2(
        output.size() > 2 * pipeBytes,
        qPrintable(u"%1 bytes of output, the pipe holds %2"_s.arg(output.size()).arg(pipeBytes)));
}

void TestCli::ctrlCCancelsCleanlyAndRunResumes()
{
    const QString path = writeDemoWithoutFilm();
    QVERIFY(QFileInfo::exists(path));
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, path, u"--json"_s});
    QVERIFY(process.waitForStarted());
    // Wait until some work is finished and more is in flight, then press Ctrl-C.
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT(
        (output += process.readAllStandardOutput(), output.contains("\"outcome\":\"ok\"")), 30000);
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    // No partial file in draft/: everything there is a finished, numbered output.
    QDirIterator it(m_dir->filePath(u"demo.retake/draft"_s), QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    int outputs = 0;
    while (it.hasNext()) {
        const QString file = it.next();
        QVERIFY2(!file.contains(u"/.staging/"_s), qPrintable(u"partial file: "_s + file));
        QVERIFY2(file.contains(u".a"_s), qPrintable(file));
        ++outputs;
    }
    QVERIFY2(outputs > 0, "some work finished before Ctrl-C");
    // The tasks that were done when Ctrl-C came.
    QSet<QString> doneBefore;
    const CliResult stopped = cli({u"status"_s, path, u"--json"_s});
    for (const QString &line : stopped.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(u"event"_s).toString() == u"task"_s &&
            o.value(u"state"_s).toString() == u"done"_s)
            doneBefore.insert(o.value(u"id"_s).toString());
    }
    QVERIFY(!doneBefore.isEmpty());
    // Running again resumes: no task that was done is attempted again.
    const CliResult resumed = cli({u"run"_s, path, u"--json"_s});
    QVERIFY2(resumed.exitCode == 3 || resumed.exitCode == 0, qPrintable(resumed.err));
    int attempts = 0;
    for (const QString &line : resumed.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(u"event"_s).toString() == u"summary"_s)
            QCOMPARE(o.value(u"total"_s).toInt(), 72);
        if (o.value(u"event"_s).toString() != u"attempt"_s)
            continue;
        ++attempts;
        QVERIFY2(!doneBefore.contains(o.value(u"task"_s).toString()), qPrintable(line));
    }
    QVERIFY2(attempts > 0, "the resumed run finished the rest");
}

namespace {

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QStringList checkpointIds(const QString &listJson)
{
    QStringList ids;
    for (const QString &line : listJson.split(u'\n', Qt::SkipEmptyParts))
        ids << QJsonDocument::fromJson(line.toUtf8()).object().value(u"id"_s).toString();
    return ids;
}

} // namespace

void TestCli::checkpointPublishAndDiscardFromTheCommandLine()
{
    const QString path = write(u"calm.retake.json"_s, kNoFaultStoryboard);
    const QString workspace = m_dir->filePath(u"calm.retake"_s);

    // Given a checkpoint of the untouched batch and a finished run,
    const CliResult early = cli({u"checkpoint"_s, u"create"_s, path, u"--reason"_s, u"empty"_s});
    QVERIFY2(early.exitCode == 0, qPrintable(early.err));
    QCOMPARE(cli({u"run"_s, path}).exitCode, 0);
    const CliResult listed = cli({u"checkpoint"_s, u"list"_s, path, u"--json"_s});
    QCOMPARE(listed.exitCode, 0);
    QVERIFY2(listed.out.contains(u"\"reason\":\"empty\""_s), qPrintable(listed.out));
    const QString emptyId = checkpointIds(listed.out).first();

    // when it is published, the manifest names every output with its attempt, provider,
    // model and the sha256 of the published bytes.
    const CliResult published = cli({u"publish"_s, path});
    QVERIFY2(published.exitCode == 0, qPrintable(published.err));
    QFile manifestFile(workspace + u"/published/manifest.json"_s);
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    manifestFile.close();
    const QJsonArray files = manifest.value(u"files"_s).toArray();
    QCOMPARE(files.size(), 6);
    QSet<QString> tasks;
    for (const QJsonValue &value : files) {
        const QJsonObject entry = value.toObject();
        tasks.insert(entry.value(u"task"_s).toString());
        QCOMPARE(entry.value(u"attempt"_s).toInt(), 1);
        QCOMPARE(entry.value(u"provider"_s).toString(), u"local"_s);
        QVERIFY(!entry.value(u"model"_s).toString().isEmpty());
        const QString file = workspace + u"/published/"_s + entry.value(u"file"_s).toString();
        QCOMPARE(sha256Of(file), entry.value(u"sha256"_s).toString().toLatin1());
    }
    QVERIFY(tasks.contains(u"s01-sh02/video"_s));
    const QByteArray manifestHash = sha256Of(manifestFile.fileName());

    // Restoring the empty checkpoint rolls every task back and keeps the files;
    const CliResult restored = cli({u"checkpoint"_s, u"restore"_s, path, emptyId});
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
    QVERIFY2(restored.out.contains(u"0 done"_s), qPrintable(restored.out));
    const auto draftFiles = [&] {
        int n = 0;
        QDirIterator it(workspace + u"/draft"_s, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
        return n;
    };
    QCOMPARE(draftFiles(), 6);
    // publishing unfinished work is refused and published/ stays as it was;
    const CliResult refused = cli({u"publish"_s, path});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"--allow-partial"_s), qPrintable(refused.err));
    QCOMPARE(sha256Of(manifestFile.fileName()), manifestHash);
    // a plain discard keeps what the undo checkpoint points to;
    QCOMPARE(cli({u"discard"_s, path}).exitCode, 0);
    QCOMPARE(draftFiles(), 6);

    // and the restore is undone from the checkpoint it made first.
    const QStringList ids = checkpointIds(cli({u"checkpoint"_s, u"list"_s, path, u"--json"_s}).out);
    QVERIFY(ids.size() >= 3);
    const CliResult undone = cli({u"checkpoint"_s, u"restore"_s, path, ids.last()});
    QVERIFY2(undone.exitCode == 0, qPrintable(undone.err));
    QVERIFY2(undone.out.contains(u"6 tasks: 6 done"_s), qPrintable(undone.out));
    QCOMPARE(cli({u"status"_s, path}).exitCode, 0);

    // Back to the empty state and dropping every checkpoint: the outputs go.
    QCOMPARE(cli({u"checkpoint"_s, u"restore"_s, path, emptyId}).exitCode, 0);
    const CliResult discarded = cli({u"discard"_s, path, u"--all-checkpoints"_s});
    QVERIFY2(discarded.out.contains(u"Discarded 6 output file(s)"_s), qPrintable(discarded.out));
    QCOMPARE(draftFiles(), 0);
    QCOMPARE(sha256Of(manifestFile.fileName()), manifestHash);
}

// One text value of `sql` on the database at `path` (its rows joined by '|').
static QString queryText(const QString &path, const QString &sql)
{
    const QString name = u"tst_cli-"_s + path;
    QStringList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql)) {
                while (query.next())
                    values << query.value(0).toString();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return values.join(u'|');
}

// `checkpoint create` and `restore` answer from the task rows without opening the engine
// (issue 15, point 5): they print what the engine path prints and leave the workspace as
// the engine path leaves it.
void TestCli::checkpointsWithoutTheEngineMatchTheEngine()
{
    const QString path = write(u"calm.retake.json"_s, kNoFaultStoryboard);
    const QString database = m_dir->filePath(u"calm.retake/state.sqlite"_s);
    QProcessEnvironment engineOnly = QProcessEnvironment::systemEnvironment();
    engineOnly.insert(u"RETAKE_TEST_ENGINE_CHECKPOINTS"_s, u"1"_s);
    const auto masked = [](QString text) {
        static const QRegularExpression ids(u"cp-\\d{8}-\\d{6}-\\d+"_s);
        static const QRegularExpression size(u"\\d+ KB"_s);
        return text.replace(ids, u"cp-ID"_s).replace(size, u"N KB"_s);
    };
    // Given a checkpoint of the untouched batch (no state yet: the engine makes it) and a
    // finished run,
    QCOMPARE(cli({u"checkpoint"_s, u"create"_s, path, u"--reason"_s, u"empty"_s}).exitCode, 0);
    QCOMPARE(cli({u"run"_s, path}).exitCode, 0);
    const QString emptyId =
        checkpointIds(cli({u"checkpoint"_s, u"list"_s, path, u"--json"_s}).out).first();
    const QString rowsBefore = queryText(database, u"SELECT updated_at FROM tasks"_s);

    // when a checkpoint is made each way, both print the same and count the same,
    const CliResult fast = cli({u"checkpoint"_s, u"create"_s, path, u"--reason"_s, u"a"_s});
    QVERIFY2(fast.exitCode == 0, qPrintable(fast.err));
    // (without the engine, the task rows are not written again)
    QCOMPARE(queryText(database, u"SELECT updated_at FROM tasks"_s), rowsBefore);
    const CliResult full =
        cli({u"checkpoint"_s, u"create"_s, path, u"--reason"_s, u"a"_s}, 30000, engineOnly);
    QVERIFY2(full.exitCode == 0, qPrintable(full.err));
    QCOMPARE(masked(fast.out), masked(full.out));
    QList<QJsonObject> made;
    for (const QString &line : cli({u"checkpoint"_s, u"list"_s, path, u"--json"_s})
                                   .out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject info = QJsonDocument::fromJson(line.toUtf8()).object();
        if (info.value(u"reason"_s).toString() == u"a"_s)
            made << info.value(u"counts"_s).toObject();
    }
    QCOMPARE(made.size(), 2);
    QCOMPARE(made.at(0), made.at(1));
    QCOMPARE(made.at(0).value(u"done"_s).toInt(), 6);

    // and restoring the empty checkpoint each way prints the same and leaves the same state,
    const CliResult fastRestore = cli({u"checkpoint"_s, u"restore"_s, path, emptyId});
    QVERIFY2(fastRestore.exitCode == 0, qPrintable(fastRestore.err));
    QVERIFY2(fastRestore.out.contains(u"6 tasks: 0 done"_s), qPrintable(fastRestore.out));
    const CliResult fastStatus = cli({u"status"_s, path, u"--json"_s});
    const QString undoId =
        checkpointIds(cli({u"checkpoint"_s, u"list"_s, path, u"--json"_s}).out).last();
    const CliResult undone = cli({u"checkpoint"_s, u"restore"_s, path, undoId});
    QVERIFY2(undone.out.contains(u"6 tasks: 6 done"_s), qPrintable(undone.out));
    const CliResult fullRestore =
        cli({u"checkpoint"_s, u"restore"_s, path, emptyId}, 30000, engineOnly);
    QVERIFY2(fullRestore.exitCode == 0, qPrintable(fullRestore.err));
    QCOMPARE(masked(fastRestore.out), masked(fullRestore.out));
    const CliResult fullStatus = cli({u"status"_s, path, u"--json"_s});
    QCOMPARE(fastStatus.out, fullStatus.out);
    // each restore undoable: a "before restore" checkpoint and the restore event apiece.
    QCOMPARE(queryText(database,
                       u"SELECT COUNT(*) FROM checkpoints WHERE reason LIKE 'before restore%'"_s),
             u"3"_s);
    QCOMPARE(queryText(database, u"SELECT COUNT(*) FROM events WHERE kind = 'restore'"_s), u"3"_s);
}

void TestCli::checkpointListJsonEscapesTheReason()
{
    // Given a checkpoint whose reason holds quotes, a backslash, a newline and a tab
    const QString path = write(u"calm.retake.json"_s, kNoFaultStoryboard);
    const QString reason = u"before \"the big\" re-run\\\nsecond line\tand a tab"_s;
    const CliResult created = cli({u"checkpoint"_s, u"create"_s, path, u"--reason"_s, reason});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));

    // When the checkpoints are listed as JSON lines
    const CliResult listed = cli({u"checkpoint"_s, u"list"_s, path, u"--json"_s});
    QCOMPARE(listed.exitCode, 0);

    // Then every line is a JSON object and the reason comes back as it was given.
    const QStringList lines = listed.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QJsonParseError error;
    const QJsonDocument line = QJsonDocument::fromJson(lines.first().toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(listed.out));
    const QJsonObject object = line.object();
    QCOMPARE(object.value(u"reason"_s).toString(), reason);
    QVERIFY(!object.value(u"id"_s).toString().isEmpty());
    QVERIFY(object.value(u"counts"_s).isObject());
    QVERIFY(object.value(u"bytes"_s).toDouble() > 0);
    QVERIFY(!object.value(u"createdAt"_s).toString().isEmpty());
}

void TestCli::nonFiniteLimitsExitTwo_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    const QString reserve = u"--disk-reserve-mb needs a number of megabytes from 0 to 1048576 "
                            u"(1 TiB), got \"%1\""_s;
    const QString budget = u"--budget needs a positive number of cost units up to 1e12, got "
                           u"\"%1\""_s;
    for (const QString &value : {u"nan"_s, u"inf"_s, u"-inf"_s, u"1e308"_s, u"-1"_s, u"lots"_s})
        QTest::newRow(qPrintable(u"reserve "_s + value))
            << u"--disk-reserve-mb"_s << value << reserve.arg(value);
    for (const QString &value : {u"nan"_s, u"inf"_s, u"1e308"_s, u"0"_s, u"cheap"_s})
        QTest::newRow(qPrintable(u"budget "_s + value))
            << u"--budget"_s << value << budget.arg(value);
}

void TestCli::nonFiniteLimitsExitTwo()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, message);
    // Given a valid storyboard and a limit that is no usable number
    const QString path = write(u"calm.retake.json"_s, kNoFaultStoryboard);
    // When it is run with it, then nothing runs: exit 2 with the reason and what to give.
    const CliResult r = cli({u"run"_s, path, option + u'=' + value});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(m_dir->filePath(u"calm.retake/draft/s01/s01-sh01/image.a1.png"_s)));
}

// A state database that takes no writes (the test hook stands in for a read-only file, which
// root, who runs CI, could still write): every task is done, but nothing of it was saved, so
// the run is an error and says why.
void TestCli::unsavedStateExitsOne()
{
    const QString path = write(u"calm.retake.json"_s, kNoFaultStoryboard);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"RETAKE_TEST_STATE_READ_ONLY"_s, u"1"_s);
    const CliResult r = cli({u"run"_s, path}, 120000, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"the batch state was not saved"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"readonly"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"state.sqlite writable"_s), qPrintable(r.err));
    // With a writable database the same run saves its state and succeeds.
    QCOMPARE(cli({u"run"_s, path}).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
