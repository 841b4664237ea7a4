// The window owns or watches (issue 12, docs/ARCHITECTURE.md, "Ownership and watching"):
// a storyboard whose workspace a live retake-cli run (or another window) owns is watched,
// not opened a second time. The banner names the owner, Run and the actions that change
// the workspace are disabled with a tooltip that says why, the grid and the counts follow
// the owner, Pause/Resume/Cancel act there. When the owner ends, the banner says how and the
// window owns the workspace; when it dies, the window offers to take over and resume.
// Real retake-cli processes; offscreen; no sleeps.
#include "bannercoordinator.h"
#include "localstoryboard.h"
#include "store/workspace.h"
#include "testprinters.h"
#include "tst_gui_fixture.h"

#include "session/workspacelock.h"

#include <QProcess>

#include <csignal>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace Qt::StringLiterals;
using retake::test::LocalStoryboard;

namespace {

constexpr int kOpenTimeoutMs = 20000;

// `shots` shots of one scene on the built-in renderer ("studio", 2 at a time), each image
// taking `latencyMs`: a run that lasts a few seconds.
QString writeSlowStoryboard(const QTemporaryDir &dir, int shots, int latencyMs)
{
    LocalStoryboard board;
    board.shots = shots;
    board.latencyMs = latencyMs;
    board.title = u"Watched"_s;
    board.sceneId = u"w"_s;
    board.shotPrefix = u"w-"_s;
    board.fps = 6;
    const QString path = dir.filePath(u"watched.retake.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(board.toJson());
    return path;
}

QString bannerText(MainWindow *window, const QString &key)
{
    MessageBanner *banner = window->bannerArea()->banner(key);
    return banner ? banner->text() : QString();
}

QAction *bannerAction(MainWindow *window, const QString &key, const QString &name)
{
    MessageBanner *banner = window->bannerArea()->banner(key);
    if (!banner)
        return nullptr;
    for (QAction *action : banner->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

} // namespace

class TestGuiWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void windowWatchesACliRunAndOwnsItWhenItEnds();
    void windowTakesOverFromAKilledCli();
    void secondWindowWatchesTheFirst();

private:
    // Starts `retake-cli run board --json` and waits until it owns the workspace.
    void startCli(const QString &board);
    // Opens `board` in `window` and waits until it follows the owner.
    void openWatching(MainWindow *window, const QString &board);
    void checkWatchingUi(MainWindow *window, const QString &program, qint64 pid);

    std::unique_ptr<GuiFixture> f;
    std::unique_ptr<QProcess> m_cli;
};

void TestGuiWatch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_watch"_s);
}

void TestGuiWatch::init()
{
    f = std::make_unique<GuiFixture>();
    QVERIFY(f->dir->isValid());
}

void TestGuiWatch::cleanup()
{
    if (m_cli && m_cli->state() != QProcess::NotRunning) {
        m_cli->kill();
        m_cli->waitForFinished(10000);
    }
    m_cli.reset();
    f.reset();
}

void TestGuiWatch::startCli(const QString &board)
{
    m_cli = std::make_unique<QProcess>();
    m_cli->setWorkingDirectory(f->dir->path());
    m_cli->setProcessChannelMode(QProcess::SeparateChannels);
    // RETAKE_TEST_CLI=<path> tries the window against another build's retake-cli.
    const QString cli = qEnvironmentVariable("RETAKE_TEST_CLI", QStringLiteral(RETAKE_CLI_PATH));
    m_cli->start(cli, {u"run"_s, board, u"--json"_s});
    QVERIFY(m_cli->waitForStarted(10000));
    const QString workspace = Workspace::forStoryboard(board);
    // It owns the workspace and has started rendering.
    QTRY_VERIFY_WITH_TIMEOUT(WorkspaceLock::liveOwner(workspace).has_value() &&
                                 WorkspaceLock::liveOwner(workspace)->pid == m_cli->processId(),
                             kOpenTimeoutMs);
    QCOMPARE(m_cli->state(), QProcess::Running);
}

void TestGuiWatch::openWatching(MainWindow *window, const QString &board)
{
    QSignalSpy opened(window, &MainWindow::projectOpened);
    window->openFile(board);
    QVERIFY(opened.wait(kOpenTimeoutMs));
    QVERIFY(window->engineController()->isWatching());
    QVERIFY(window->engineController()->isOwnerConnected());
}

void TestGuiWatch::checkWatchingUi(MainWindow *window, const QString &program, qint64 pid)
{
    // The banner names the owner and its pid,
    const QString text = bannerText(window, BannerCoordinator::watchingKey());
    QVERIFY2(text.contains(u"%1 (pid %2)"_s.arg(program).arg(pid)), qPrintable(text));
    QVERIFY2(text.contains(u"you are watching"_s), qPrintable(text));
    // the title says it,
    QVERIFY2(window->windowTitle().contains(u"watching %1"_s.arg(program)),
             qPrintable(window->windowTitle()));
    // and what needs the workspace is disabled, saying why.
    for (MainWindow::Action which :
         {MainWindow::Action::Checkpoint, MainWindow::Action::Checkpoints,
          MainWindow::Action::Publish, MainWindow::Action::EditPrompt}) {
        QAction *action = window->action(which);
        QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
        QVERIFY2(action->toolTip().contains(u"you are watching"_s), qPrintable(action->toolTip()));
    }
    if (!window->summary().paused) {
        QAction *run = window->action(MainWindow::Action::Run);
        QVERIFY(!run->isEnabled());
        QVERIFY2(run->toolTip().contains(u"pid %1"_s.arg(pid)), qPrintable(run->toolTip()));
        QVERIFY2(run->toolTip().contains(u"Run is available when it ends"_s),
                 qPrintable(run->toolTip()));
    }
}

// (a) A live `retake-cli run`: the window watches it, steers it, and owns the workspace
// when it ends.
void TestGuiWatch::windowWatchesACliRunAndOwnsItWhenItEnds()
{
    const QString board = writeSlowStoryboard(*f->dir, 24, 250);
    startCli(board);
    MainWindow *window = f->window.get();
    openWatching(window, board);
    const qint64 pid = m_cli->processId();
    checkWatchingUi(window, u"retake-cli"_s, pid);
    QVERIFY(window->summary().running);

    // The counts follow the CLI's run.
    const int doneAtOpen = window->summary().count(TaskState::Done);
    QTRY_VERIFY_WITH_TIMEOUT(window->summary().count(TaskState::Done) > doneAtOpen, kOpenTimeoutMs);
    QTRY_VERIFY(window->shotModel()->tasks().size() == window->summary().total);
    // The detail panel shows the attempts the CLI made.
    QTRY_COMPARE_WITH_TIMEOUT(window->shotModel()->task(u"w-01/image"_s).state, TaskState::Done,
                              kOpenTimeoutMs);
    QSignalSpy attemptsShown(window, &MainWindow::attemptsShown);
    f->selectShot(u"w-01"_s);
    QTRY_VERIFY(!attemptsShown.isEmpty());
    QVERIFY(window->detailPanel()->attemptModel()->rowCount() > 0);
    // A look at the window watching the CLI (thumbnails load on the pool).
    QTRY_VERIFY_WITH_TIMEOUT(window->summary().count(TaskState::Done) >= 6, kOpenTimeoutMs);
    QTest::qWait(300);
    QCoreApplication::sendPostedEvents();
    QVERIFY(window->grab().save(u"/tmp/retake-watch.png"_s));

    // Pause in the window pauses the CLI,
    QAction *pause = window->action(MainWindow::Action::Pause);
    QTRY_VERIFY(pause->isEnabled());
    pause->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window->summary().paused, kOpenTimeoutMs);
    QCOMPARE(m_cli->state(), QProcess::Running);
    // and nothing more gets done while it is paused (running attempts finish).
    QTRY_COMPARE_WITH_TIMEOUT(window->summary().count(TaskState::Running), 0, kOpenTimeoutMs);
    const int donePaused = window->summary().count(TaskState::Done);
    QTest::qWait(700);
    QCOMPARE(window->summary().count(TaskState::Done), donePaused);
    // Resume (Run reads Resume) goes through the CLI too.
    QAction *run = window->action(MainWindow::Action::Run);
    QTRY_VERIFY(run->isEnabled());
    run->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window->summary().paused, kOpenTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->summary().count(TaskState::Done) > donePaused, kOpenTimeoutMs);

    // Cancel ends the CLI (exit 130); the banner says how and Run is available.
    QAction *cancel = window->action(MainWindow::Action::Cancel);
    QVERIFY(cancel->isEnabled());
    cancel->trigger();
    QVERIFY(m_cli->waitForFinished(60000));
    QCOMPARE(m_cli->exitCode(), 130);
    QTRY_VERIFY_WITH_TIMEOUT(!window->engineController()->isWatching(), kOpenTimeoutMs);
    QTRY_VERIFY(window->isProjectOpen());
    const QString ended = bannerText(window, BannerCoordinator::watchingKey());
    QVERIFY2(ended.contains(u"retake-cli was cancelled"_s) && ended.contains(u"(exit 130)"_s),
             qPrintable(ended));
    QTRY_VERIFY(window->action(MainWindow::Action::Run)->isEnabled());
    QVERIFY(!window->windowTitle().contains(u"watching"_s));
    // The window owns the workspace now.
    const auto owner = WorkspaceLock::liveOwner(Workspace::forStoryboard(board));
    QVERIFY(owner.has_value());
    QCOMPARE(owner->pid, QCoreApplication::applicationPid());
    grabIfAsked(window, u"watch-ended"_s);
    // And it can run the rest to the end.
    f->runToEnd();
    QVERIFY(window->summary().allDone());
}

// (b) kill -9 of the CLI: the window says the owner died and offers to take over; taking
// over resumes the run in the window to the end (and only then is the crash recorded).
void TestGuiWatch::windowTakesOverFromAKilledCli()
{
    const QString board = writeSlowStoryboard(*f->dir, 24, 250);
    startCli(board);
    MainWindow *window = f->window.get();
    QSignalSpy reports(window, &MainWindow::runReportWritten);
    openWatching(window, board);
    const qint64 pid = m_cli->processId();
    checkWatchingUi(window, u"retake-cli"_s, pid);
    QTRY_VERIFY_WITH_TIMEOUT(window->summary().count(TaskState::Done) >= 2, kOpenTimeoutMs);
    const QString workspace = Workspace::forStoryboard(board);

    ::kill(pid_t(pid), SIGKILL);
    QVERIFY(m_cli->waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(bannerAction(window, BannerCoordinator::watchingKey(), u"takeOver"_s),
                             kOpenTimeoutMs);
    const QString lost = bannerText(window, BannerCoordinator::watchingKey());
    QVERIFY2(lost.contains(u"pid %1"_s.arg(pid)) && lost.contains(u"killed or crashed"_s),
             qPrintable(lost));
    QVERIFY(window->engineController()->isWatching());
    QVERIFY(!window->engineController()->isOwnerConnected());
    QVERIFY(!window->action(MainWindow::Action::Run)->isEnabled());
    QVERIFY(!window->action(MainWindow::Action::Pause)->isEnabled());
    // No crash report while the window only watches.
    QCOMPARE(reports.count(), 0);
    grabIfAsked(window, u"watch-owner-died"_s);

    QSignalSpy finished(window, &MainWindow::batchFinished);
    bannerAction(window, BannerCoordinator::watchingKey(), u"takeOver"_s)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window->engineController()->isWatching() && window->isProjectOpen(),
                             kOpenTimeoutMs);
    QCOMPARE(WorkspaceLock::liveOwner(workspace)->pid, QCoreApplication::applicationPid());
    // The killed run's partial report, written by the new owner,
    QTRY_COMPARE_WITH_TIMEOUT(reports.count(), 1, kOpenTimeoutMs);
    QCOMPARE(reports.first().at(1).toString(), u"crashed"_s);
    // and the run goes on here to the end.
    QVERIFY(finished.wait(kRunTimeoutMs));
    QTRY_COMPARE(window->summary().running, false);
    QVERIFY(window->summary().allDone());
}

// (c) A second window on the workspace of a first (owning) window watches it.
void TestGuiWatch::secondWindowWatchesTheFirst()
{
    const QString board = writeSlowStoryboard(*f->dir, 16, 200);
    f->openAndWait(board);
    MainWindow *first = f->window.get();
    QVERIFY(!first->engineController()->isWatching());
    QAction *run = first->action(MainWindow::Action::Run);
    QVERIFY(run->isEnabled());
    run->trigger();
    QTRY_VERIFY(first->summary().running);

    auto second = std::make_unique<MainWindow>();
    second->show();
    QVERIFY(QTest::qWaitForWindowExposed(second.get()));
    openWatching(second.get(), board);
    checkWatchingUi(second.get(), QCoreApplication::applicationName(),
                    QCoreApplication::applicationPid());

    // The second window follows the first one's run,
    const int doneAtOpen = second->summary().count(TaskState::Done);
    QTRY_VERIFY_WITH_TIMEOUT(second->summary().count(TaskState::Done) > doneAtOpen, kOpenTimeoutMs);
    grabIfAsked(second.get(), u"watch-window"_s);
    // and pauses and resumes it.
    second->action(MainWindow::Action::Pause)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(first->summary().paused, kOpenTimeoutMs);
    QTRY_VERIFY(second->summary().paused);
    QTRY_VERIFY(second->action(MainWindow::Action::Run)->isEnabled());
    second->action(MainWindow::Action::Run)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!first->summary().paused, kOpenTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(first->summary().running, false, kRunTimeoutMs);
    QTRY_VERIFY(second->summary().allDone());
    QVERIFY(second->engineController()->isWatching());
    grabIfAsked(second.get(), u"watch-window-idle"_s);

    // When the first window lets go, the second one owns the workspace.
    f->attemptTester.reset();
    f->proxyTester.reset();
    f->modelTester.reset();
    f->window.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!second->engineController()->isWatching() && second->isProjectOpen(),
                             kOpenTimeoutMs);
    QVERIFY(second->action(MainWindow::Action::Publish)->isEnabled());
    QCOMPARE(WorkspaceLock::liveOwner(Workspace::forStoryboard(board))->pid,
             QCoreApplication::applicationPid());
    QVERIFY(second->summary().allDone());
}

QTEST_MAIN(TestGuiWatch)
#include "tst_gui_watch.moc"
