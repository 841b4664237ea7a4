// The main window driven like a user drives it, on a copy of the demo storyboard
// (offscreen, no sleeps): open (command line path, drop, invalid file), keyboard and
// selection, the detail panel, prompt editing, preferences, and closing while a batch
// runs. Every model and proxy runs under QAbstractItemModelTester.
#include "activitylog.h"
#include "attemptmodel.h"
#include "bannerarea.h"
#include "bannercoordinator.h"
#include "editpromptdialog.h"
#include "enginecontroller.h"
#include "errorlogdialog.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "preferencesdialog.h"
#include "recentfiles.h"
#include "shotdetailpanel.h"
#include "shotfilterproxy.h"
#include "shotgridview.h"
#include "shotlistmodel.h"
#include "summarybar.h"
#include "switchproviderdialog.h"
#include "testprinters.h"
#include "tst_gui_fixture.h"
#include "validationdialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <atomic>
#include <memory>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace Qt::StringLiterals;

class TestGuiMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensFromCommandLinePath();
    void invalidStoryboardListsEveryIssue();
    void droppedStoryboardOpens();
    void keyboardNavigationAndMultiSelection();
    void detailPanelShowsPromptAttemptsAndPreview();
    void editPromptRewritesStoryboardAndRequeues();
    void preferencesApplyOnTheEngineThread();
    void closingWhileRunningAsks();

private:
    std::unique_ptr<retake::ui::test::GuiFixture> f;
};

void TestGuiMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_mainwindow"_s);
}

void TestGuiMainWindow::init()
{
    f = std::make_unique<retake::ui::test::GuiFixture>();
    QVERIFY(f->dir->isValid());
}

void TestGuiMainWindow::cleanup()
{
    f.reset();
}

void TestGuiMainWindow::opensFromCommandLinePath()
{
    const QString path = f->copyDemo(0.0);
    f->openAndWait(path);
    QVERIFY(f->window->isProjectOpen());
    // 12 scene headers and 36 shots (and the film's row when the storyboard is assembled),
    // every task queued or waiting: 72 shot tasks plus any voice-overs and cuts.
    const bool assembled = f->window->project().assemble;
    QCOMPARE(f->window->shotModel()->rowCount(), 12 + 36 + (assembled ? 1 : 0));
    QCOMPARE(f->window->summary().total, f->window->shotModel()->tasks().size());
    QVERIFY(f->window->summary().total >= 72);
    QCOMPARE(f->window->windowTitle(), u"The Lighthouse Keeper — 00% — Retake"_s);
    QCOMPARE(RecentFiles::list().value(0), path);
    QVERIFY(f->window->action(MainWindow::Action::Run)->isEnabled());
    QVERIFY(!f->window->action(MainWindow::Action::Pause)->isEnabled());
    QVERIFY(!f->window->action(MainWindow::Action::RetryAllFailed)->isEnabled());
    // Shortcuts and tooltips on the toolbar's actions.
    for (const auto which :
         {MainWindow::Action::Open, MainWindow::Action::Run, MainWindow::Action::Pause,
          MainWindow::Action::Cancel, MainWindow::Action::RetryAllFailed}) {
        QAction *action = f->window->action(which);
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->objectName()));
        QVERIFY(action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)));
    }
    QCOMPARE(f->window->summaryBar()->button(StateCategory::Queued)->text(),
             u"%1 queued"_s.arg(f->window->summary().total));
}

void TestGuiMainWindow::invalidStoryboardListsEveryIssue()
{
    const QString path = f->dir->filePath(u"broken.retake.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "retake-project/1", "title": "broken", "scenes": [
        {"id": "bad id!", "shots": [{"id": "a", "prompt": ""}, {"id": "a", "prompt": "x"}]}]})");
    file.close();
    const LoadResult expected = StoryboardLoader::loadFile(path);
    QVERIFY(expected.issues.size() >= 2);

    QSignalSpy failed(f->window.get(), &MainWindow::openFailed);
    f->window->openFile(path);
    QVERIFY(failed.wait(10000));
    ValidationDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ValidationDialog>(f->window.get())));
    QCOMPARE(dialog->issueCount(), expected.issues.size());
    QVERIFY(!f->window->isProjectOpen());
    QVERIFY(!f->window->action(MainWindow::Action::Run)->isEnabled());
}

void TestGuiMainWindow::droppedStoryboardOpens()
{
    const QString path = f->copyDemo(0.0);
    QSignalSpy opened(f->window.get(), &MainWindow::projectOpened);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(f->window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(f->window.get(), &drop);
    QVERIFY(opened.wait(20000));
    QCOMPARE(f->window->storyboardPath(), path);

    // Something that is not a storyboard is refused.
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(f->dir->filePath(u"notes.txt"_s))});
    QDragEnterEvent refused(QPoint(50, 50), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(f->window.get(), &refused);
    QVERIFY(!refused.isAccepted());
}

void TestGuiMainWindow::keyboardNavigationAndMultiSelection()
{
    f->openAndWait(f->copyDemo(0.0));
    ShotGridView *grid = f->window->gridView();
    grid->setFocus();
    f->selectShot(u"s01-sh01"_s);
    QTest::keyClick(grid, Qt::Key_Right);
    QCOMPARE(grid->currentShotId(), u"s01-sh02"_s);
    QTest::keyClick(grid, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(grid->selectedShotIds(), (QStringList{u"s01-sh02"_s, u"s01-sh03"_s}));
    // Down skips the next scene's header and lands on a tile of scene 2.
    QTest::keyClick(grid, Qt::Key_Down);
    QVERIFY2(grid->currentShotId().startsWith(u"s02-"_s), qPrintable(grid->currentShotId()));
    QTest::keyClick(grid, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(grid->selectedShotIds().size(), 36);
    // The context menu holds the per-item actions.
    QCOMPARE(grid->contextMenuPolicy(), Qt::ActionsContextMenu);
    for (const auto which : {MainWindow::Action::Retry, MainWindow::Action::RetryFullQuality,
                             MainWindow::Action::SwitchProvider})
        QVERIFY(grid->actions().contains(f->window->action(which)));
}

void TestGuiMainWindow::detailPanelShowsPromptAttemptsAndPreview()
{
    f->openAndWait(f->copyDemo(0.0));
    f->runToEnd();
    const QString shot = u"s01-sh02"_s;
    const ShotTile *tile = f->window->shotModel()->tileForShot(shot);
    QVERIFY(tile);
    QCOMPARE(tile->image.state, TaskState::Done);
    QSignalSpy shown(f->window.get(), &MainWindow::attemptsShown);
    f->selectShot(shot);
    ShotDetailPanel *panel = f->window->detailPanel();
    QCOMPARE(panel->shotId(), shot);
    QTRY_COMPARE(panel->attemptModel()->rowCount(), tile->attemptCount());
    auto *prompt = panel->findChild<QPlainTextEdit *>(u"prompt"_s);
    QVERIFY(prompt);
    QCOMPARE(prompt->toPlainText(), f->window->project().scenes.at(0).shots.at(1).prompt);
    // The video's first frame (ffmpeg) is previewed; then the image on request.
    QCOMPARE(panel->previewStage(), Stage::Video);
    QTRY_VERIFY_WITH_TIMEOUT(panel->hasPreview(), 20000);
    panel->setPreviewStage(Stage::Image);
    QTRY_VERIFY(panel->hasPreview());
    // The panel's buttons are the window's actions.
    auto *retryButton = panel->findChild<QToolButton *>(u"detail-actionRetry"_s);
    QVERIFY(retryButton);
    QCOMPARE(retryButton->defaultAction(), f->window->action(MainWindow::Action::Retry));
    QVERIFY(!retryButton->isEnabled()); // nothing to retry on a done shot
}

void TestGuiMainWindow::editPromptRewritesStoryboardAndRequeues()
{
    const QString path = f->copyDemo(0.15);
    f->openAndWait(path);
    f->runToEnd();
    QString shot;
    for (const TaskSnapshot &t : f->window->shotModel()->tasks()) {
        if (t.stage == Stage::Image && t.state == TaskState::Failed) {
            shot = t.shotId;
            break;
        }
    }
    QVERIFY(!shot.isEmpty());
    f->selectShot(shot);
    QSignalSpy opened(f->window.get(), &MainWindow::projectOpened);
    f->window->action(MainWindow::Action::EditPrompt)->trigger();
    EditPromptDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<EditPromptDialog>(f->window.get())));
    QCOMPARE(dialog->shotId(), shot);
    dialog->findChild<QPlainTextEdit *>(u"promptEdit"_s)->setPlainText(u"A quiet harbour"_s);
    dialog->accept();
    // The storyboard holds the new prompt, is reloaded, and the shot is queued again.
    QVERIFY(opened.wait(20000));
    const LoadResult reloaded = StoryboardLoader::loadFile(path);
    QVERIFY(reloaded.ok());
    bool found = false;
    for (const Scene &scene : reloaded.project->scenes) {
        for (const Shot &s : scene.shots)
            found = found || (s.id == shot && s.prompt == u"A quiet harbour"_s);
    }
    QVERIFY(found);
    QCOMPARE(f->window->shotModel()->task(shot + u"/image"_s).state, TaskState::Queued);
    QCOMPARE(f->window->shotModel()->task(shot + u"/video"_s).state, TaskState::Waiting);
}

void TestGuiMainWindow::preferencesApplyOnTheEngineThread()
{
    f->openAndWait(f->copyDemo(0.0));
    f->window->action(MainWindow::Action::Preferences)->trigger();
    PreferencesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PreferencesDialog>(f->window.get())));
    dialog->findChild<QCheckBox *>(u"overrideRetry"_s)->setChecked(true);
    dialog->findChild<QSpinBox *>(u"maxRetries"_s)->setValue(5);
    dialog->findChild<QSpinBox *>(u"diskReserve"_s)->setValue(42);
    dialog->findChild<QCheckBox *>(u"debugLogging"_s)->setChecked(true);
    dialog->accept();

    QList<qint64> seen;
    f->window->engineController()->query<QList<qint64>>(
        [](const Engine &engine) {
            return QList<qint64>{engine.options().retry.maxRetries,
                                 engine.options().diskReserveBytes};
        },
        this, [&seen](const QList<qint64> &values) { seen = values; });
    QTRY_COMPARE(seen, (QList<qint64>{5, 42ll * 1024 * 1024}));
    const Preferences saved = Preferences::load();
    QVERIFY(saved.overrideRetry);
    QCOMPARE(saved.maxRetries, 5);
    QVERIFY(saved.debugLogging);
    // Debug logging shows attempt parameters in the activity log.
    f->runToEnd();
    QVERIFY(f->window->activityLog()->text().contains(u"[debug]"_s));
}

void TestGuiMainWindow::closingWhileRunningAsks()
{
    f->openAndWait(f->copyDemo(0.0, 3000));
    f->window->action(MainWindow::Action::Run)->trigger();
    QTRY_VERIFY(f->window->summary().count(TaskState::Running) > 0);

    // Keep running: the window stays.
    f->window->close();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleChild<QMessageBox>(f->window.get())));
    QCOMPARE(box->objectName(), u"closeWhileRunning"_s);
    QTest::mouseClick(box->findChild<QPushButton *>(u"keepRunning"_s), Qt::LeftButton);
    QTRY_VERIFY(!visibleChild<QMessageBox>(f->window.get()));
    QVERIFY(f->window->isVisible());

    // Pause and quit: the engine is paused, then the window closes.
    f->window->close();
    QTRY_VERIFY((box = visibleChild<QMessageBox>(f->window.get())));
    QTest::mouseClick(box->findChild<QPushButton *>(u"pauseAndQuit"_s), Qt::LeftButton);
    QTRY_VERIFY(!f->window->isVisible());
    bool paused = false;
    f->window->engineController()->query<bool>(
        [](const Engine &engine) { return engine.summary().paused; }, this,
        [&paused](const bool &value) { paused = value; });
    QTRY_VERIFY(paused);
}

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_mainwindow.moc"
