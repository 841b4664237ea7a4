// retake-cli at a terminal, as a user sees it (issue 16): `run` under a pseudo-terminal of a
// given width keeps one line redrawn in place with the percent, the rate and an ETA, never
// wider than the terminal; the closing summary is printed once; --quiet prints only that
// summary; piped output stays free of terminal control.
#include "localstoryboard.h"
#include "ptyprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using retake::test::LocalStoryboard;
using retake::test::PtyProcess;
using retake::test::PtyResult;

namespace {

// 8 shots (16 tasks) on the slow local provider, two at a time: a few seconds of work.
QByteArray storyboard(bool failures = false, int latencyMs = 120)
{
    LocalStoryboard board;
    board.shots = 8;
    board.latencyMs = latencyMs;
    board.concurrency = 2;
    board.title = u"Terminal test"_s;
    if (failures) {
        board.faults =
            QJsonObject{{u"seed"_s, 11}, {u"rates"_s, QJsonObject{{u"invalid_request"_s, 0.3}}}};
    }
    return board.toJson();
}

qsizetype occurrences(const QString &text, const QString &what)
{
    return text.count(what);
}

} // namespace

class TestCliTty : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void liveLineIsRedrawnWithRateAndEta_data();
    void liveLineIsRedrawnWithRateAndEta();
    void quietPrintsOnlyTheClosingSummary();
    void quietKeepsTheExitCode();
    void pipedOutputHasNoLiveLine();
    void quietJsonPrintsOnlyTheClosingEvents();
    void watchDrawsTheSameLine_data();
    void watchDrawsTheSameLine();
    void pausedLineShowsNoEta();

private:
    QString writeStoryboard(bool failures = false, int latencyMs = 120);
    PtyResult runInPty(const QStringList &args, int columns,
                       const std::function<void(const QByteArray &)> &onOutput = {});

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliTty::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliTty::cleanup()
{
    m_dir.reset();
}

QString TestCliTty::writeStoryboard(bool failures, int latencyMs)
{
    const QString path = m_dir->filePath(u"tty.retake.json"_s);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(storyboard(failures, latencyMs));
    return path;
}

PtyResult TestCliTty::runInPty(const QStringList &args, int columns,
                               const std::function<void(const QByteArray &)> &onOutput)
{
    PtyProcess pty;
    pty.program = QStringLiteral(RETAKE_CLI_PATH);
    pty.arguments = args;
    pty.workingDirectory = m_dir->path();
    pty.columns = columns;
    // The terminal's own size decides, as at a real terminal where COLUMNS is not exported.
    pty.unsetEnvironment = {u"COLUMNS"_s};
    pty.onOutput = onOutput;
    return pty.run(120000);
}

void TestCliTty::liveLineIsRedrawnWithRateAndEta_data()
{
    QTest::addColumn<int>("columns");
    QTest::newRow("wide") << 120;
    QTest::newRow("60 columns") << 60;
    QTest::newRow("narrow") << 24;
}

void TestCliTty::liveLineIsRedrawnWithRateAndEta()
{
    QFETCH(int, columns);
    const QString path = writeStoryboard();
    const PtyResult r = runInPty({u"run"_s, path}, columns);
    const QString screen = retake::test::screenText(r.output);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(screen));

    // Then the line is redrawn in place: many states, each after a carriage return and
    // ending with an erase to the end of the line.
    const QStringList lines = retake::test::redrawnLines(r.output);
    QVERIFY2(lines.size() >= 3, qPrintable(screen));
    // None is wider than the terminal: it would wrap and leave a trail of copies.
    for (const QString &line : lines)
        QVERIFY2(line.size() <= columns,
                 qPrintable(u"%1 > %2: %3"_s.arg(line.size()).arg(columns).arg(line)));
    // Every state shows the percent.
    static const QRegularExpression percent(u"\\d+%"_s);
    for (const QString &line : lines)
        QVERIFY2(line.contains(percent), qPrintable(line));
    if (columns >= 60) {
        // Before the first tasks finish there is no ETA yet; once they have, the rate and
        // the ETA are measured.
        QVERIFY2(lines.first().contains(u"ETA —"_s), qPrintable(lines.first()));
        static const QRegularExpression measured(u"[0-9.]+/min .*ETA [0-9]+s"_s);
        bool seen = false;
        for (const QString &line : lines)
            seen = seen || line.contains(measured);
        QVERIFY2(seen, qPrintable(lines.join(u'\n')));
    }
    // The closing summary is printed once, in one sentence, on a line of its own.
    QCOMPARE(occurrences(screen, u"tasks done"_s), 1);
    QVERIFY2(screen.contains(u"\n16 of 16 tasks done.\n"_s), qPrintable(screen));
}

void TestCliTty::quietPrintsOnlyTheClosingSummary()
{
    const QString path = writeStoryboard();
    const PtyResult r = runInPty({u"run"_s, path, u"--quiet"_s}, 60);
    const QString screen = retake::test::screenText(r.output);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(screen));
    // Nothing is drawn in place, nothing but the closing summary and the report's path.
    QVERIFY2(retake::test::redrawnLines(r.output).isEmpty(), qPrintable(screen));
    QVERIFY2(!r.output.contains("\x1b["), r.output.constData());
    const QStringList lines = screen.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.first(), u"16 of 16 tasks done."_s);
    // No blank line above it: there is no progress to separate it from.
    QVERIFY2(screen.startsWith(u"16 of 16 tasks done.\n"_s), qPrintable(screen));
    QVERIFY2(lines.last().startsWith(u"Job report"_s), qPrintable(lines.last()));
}

void TestCliTty::quietKeepsTheExitCode()
{
    // Given a batch in which some tasks fail for good
    const QString path = writeStoryboard(true);
    const PtyResult r = runInPty({u"run"_s, path, u"--quiet"_s}, 80);
    const QString screen = retake::test::screenText(r.output);
    // Then --quiet exits 3 like a run without it, and says what failed and what to do.
    QVERIFY2(r.finished && r.exitCode == 3, qPrintable(screen));
    static const QRegularExpression closing(u"^\\d+ of 16 tasks done(?: \\(\\d+ degraded\\))?, "
                                            "\\d+ failed(?:, \\d+ blocked)?\\.$"_s,
                                            QRegularExpression::MultilineOption);
    QVERIFY2(screen.contains(closing), qPrintable(screen));
    QVERIFY2(screen.contains(u"retake-cli retry-failed"_s), qPrintable(screen));
    QVERIFY2(!screen.contains(u" attempt "_s), qPrintable(screen));
}

void TestCliTty::pipedOutputHasNoLiveLine()
{
    // Given the output going to a pipe (a script, a log file)
    const QString path = writeStoryboard();
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, path});
    QVERIFY(process.waitForFinished(120000));
    const QByteArray out = process.readAllStandardOutput();
    QCOMPARE(process.exitCode(), 0);
    // Then it is plain lines, as before: no redraws, no escapes, no rate or ETA.
    QVERIFY2(!out.contains('\r') && !out.contains("\x1b["), out.constData());
    QVERIFY2(!out.contains("ETA"), out.constData());
    QVERIFY2(out.startsWith("Running 16 tasks of \"Terminal test\""), out.constData());
    QVERIFY2(out.contains("\n16 of 16 tasks done.\n"), out.constData());
}

void TestCliTty::quietJsonPrintsOnlyTheClosingEvents()
{
    // Given --json and --quiet, to a pipe
    const QString path = writeStoryboard();
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, path, u"--json"_s, u"-q"_s});
    QVERIFY(process.waitForFinished(120000));
    const QByteArray out = process.readAllStandardOutput();
    QCOMPARE(process.exitCode(), 0);
    // Then only the closing events are printed: the summary and the report.
    QStringList events;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            events << QJsonDocument::fromJson(line).object().value(u"event"_s).toString();
    }
    events.sort();
    QCOMPARE(events, (QStringList{u"report"_s, u"summary"_s}));
}

void TestCliTty::watchDrawsTheSameLine_data()
{
    QTest::addColumn<bool>("quiet");
    QTest::newRow("live line") << false;
    QTest::newRow("quiet") << true;
}

void TestCliTty::watchDrawsTheSameLine()
{
    QFETCH(bool, quiet);
    // Given a run owned by another process (its output to a pipe)
    const QString path = writeStoryboard(false, 300);
    QProcess owner;
    owner.setWorkingDirectory(m_dir->path());
    owner.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, path, u"--quiet"_s});
    const QString ownerFile = m_dir->filePath(u"tty.retake/owner.json"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ownerFile) || owner.state() == QProcess::NotRunning,
                             30000);
    QVERIFY2(owner.state() != QProcess::NotRunning, owner.readAllStandardError().constData());

    // When it is watched at a terminal 60 columns wide
    QStringList args{u"watch"_s, path};
    if (quiet)
        args << u"-q"_s;
    const PtyResult r = runInPty(args, 60);
    QVERIFY(owner.waitForFinished(60000));
    const QString screen = retake::test::screenText(r.output);
    QVERIFY2(r.finished && r.exitCode == 0 && owner.exitCode() == 0, qPrintable(screen));

    // Then it ends with the run's closing summary, once; the live line (without --quiet)
    // stays within the terminal.
    QCOMPARE(occurrences(screen, u"tasks done"_s), 1);
    const QStringList lines = retake::test::redrawnLines(r.output);
    if (quiet) {
        QVERIFY2(lines.isEmpty(), qPrintable(screen));
        QCOMPARE(screen.split(u'\n', Qt::SkipEmptyParts), QStringList{u"16 of 16 tasks done."_s});
        return;
    }
    QVERIFY2(!lines.isEmpty(), qPrintable(screen));
    for (const QString &line : lines)
        QVERIFY2(line.size() <= 60 && line.contains(u'%'), qPrintable(line));
    QVERIFY2(screen.contains(u"\n16 of 16 tasks done.\n"_s), qPrintable(screen));
}

void TestCliTty::pausedLineShowsNoEta()
{
    // Given a run owned by another process, paused by the user
    const QString path = writeStoryboard(false, 300);
    QProcess owner;
    owner.setWorkingDirectory(m_dir->path());
    owner.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, path, u"--quiet"_s});
    const QString ownerFile = m_dir->filePath(u"tty.retake/owner.json"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ownerFile) || owner.state() == QProcess::NotRunning,
                             30000);
    QProcess pause;
    pause.start(QStringLiteral(RETAKE_CLI_PATH), {u"pause"_s, path});
    QVERIFY(pause.waitForFinished(30000));
    QCOMPARE(pause.exitCode(), 0);

    // When it is watched at a terminal, and resumed once the watcher shows the pause
    bool resumed = false;
    const PtyResult r = runInPty({u"watch"_s, path}, 100, [&](const QByteArray &output) {
        if (!resumed && output.contains("PAUSED"))
            resumed = QProcess::execute(QStringLiteral(RETAKE_CLI_PATH), {u"resume"_s, path}) == 0;
    });
    QVERIFY(resumed);
    QVERIFY(owner.waitForFinished(60000));
    const QString screen = retake::test::screenText(r.output);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(screen));

    // Then while paused the line says so and shows no time left; afterwards it does again.
    const QStringList lines = retake::test::redrawnLines(r.output);
    qsizetype paused = 0;
    for (const QString &line : lines) {
        if (!line.contains(u"PAUSED"_s))
            continue;
        ++paused;
        QVERIFY2(!line.contains(u"ETA"_s) && !line.contains(u"PAUSED: paused"_s), qPrintable(line));
    }
    QVERIFY2(paused > 0, qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.last().contains(u"ETA"_s), qPrintable(lines.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestCliTty)
#include "tst_cli_tty.moc"
