// Checkpoints, publish and the job report from the window: a bulk action offers to
// restore the checkpoint made before it, the checkpoints dialog restores it after a
// confirmation (and the restore can be undone), Publish copies the done outputs into
// published/, and Report writes the run's report and shows it in-app. Scripted providers
// keep every outcome certain; offscreen, no sleeps.
#include "bannercoordinator.h"
#include "bannerid.h"
#include "checkpointsdialog.h"
#include "reportdialog.h"
#include "testprinters.h"
#include "tst_gui_fixture.h"

#include <QDir>
#include <QDirIterator>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

// a-1's image is refused on its first attempt only: Retry all failed then fixes it.
EngineController::Setup firstAttemptRefused()
{
    return fakes({u"studio"_s}, [](const GenerationRequest &request) {
        return request.taskId == u"a-1/image"_s && request.attemptNumber == 1
                   ? FakeOutcome(ErrorClass::InvalidRequest, std::nullopt, 400)
                   : FakeOutcome();
    });
}

} // namespace

class TestGuiCheckpoints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void bulkActionOffersRestoreAndDialogRestores();
    void manualCheckpointIsListed();
    void publishCopiesDoneOutputs();
    void reportOpensInApp();

private:
    std::unique_ptr<GuiFixture> f;
};

void TestGuiCheckpoints::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_checkpoints"_s);
}

void TestGuiCheckpoints::init()
{
    f = std::make_unique<GuiFixture>();
}

void TestGuiCheckpoints::cleanup()
{
    f.reset();
}

void TestGuiCheckpoints::bulkActionOffersRestoreAndDialogRestores()
{
    // Given a batch that ended with a-1's image failed and its video blocked,
    f->window->engineController()->addSetup(firstAttemptRefused());
    f->openAndWait(writeStoryboard(*f->dir));
    f->runToEnd();
    ShotListModel *model = f->window->shotModel();
    QCOMPARE(model->task(u"a-1/image"_s).state, TaskState::Failed);
    QCOMPARE(model->task(u"a-1/video"_s).state, TaskState::Blocked);

    // when the user retries all failed tasks, which fixes them,
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    f->window->action(MainWindow::Action::RetryAllFailed)->trigger();
    QVERIFY(finished.wait(30000));
    QTRY_COMPARE(model->task(u"a-1/video"_s).state, TaskState::Done);

    // a banner offers the checkpoint made before the bulk action,
    MessageBanner *offer = nullptr;
    QTRY_VERIFY((offer = f->banner(bannerKey(BannerId::Checkpoint))));
    QVERIFY(offer->text().contains(u"before retry all failed"_s));
    QCOMPARE(offer->actions().size(), 1);
    QTest::mouseClick(offer->button(offer->actions().first()), Qt::LeftButton);

    // the dialog opens on it, and restoring it (after confirming) brings the failure back.
    CheckpointsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<CheckpointsDialog>(f->window.get())));
    QTRY_VERIFY(dialog->count() >= 1);
    QTRY_VERIFY(!dialog->selectedId().isEmpty());
    const QString chosen = dialog->selectedId();
    dialog->requestRestore();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = visibleChild<QMessageBox>(dialog)));
    QTest::mouseClick(confirm->findChild<QPushButton *>(u"confirmRestoreButton"_s), Qt::LeftButton);
    QTRY_COMPARE(model->task(u"a-1/image"_s).state, TaskState::Failed);
    QTRY_COMPARE(model->task(u"a-1/video"_s).state, TaskState::Blocked);
    QCOMPARE(model->task(u"a-2/image"_s).state, TaskState::Done);
    MessageBanner *restored = nullptr;
    QTRY_VERIFY((restored = f->banner(bannerKey(BannerId::Restored))));
    QVERIFY(restored->text().contains(chosen));
    QVERIFY(!f->banner(bannerKey(BannerId::Checkpoint)));
    QVERIFY(f->banner(BannerCoordinator::failedKey()) != nullptr);
}

void TestGuiCheckpoints::manualCheckpointIsListed()
{
    f->window->engineController()->addSetup(firstAttemptRefused());
    f->openAndWait(writeStoryboard(*f->dir));
    QSignalSpy made(f->window.get(), &MainWindow::checkpointCreated);
    f->window->action(MainWindow::Action::Checkpoint)->trigger();
    QVERIFY(made.wait(10000));
    const QString id = made.first().first().toString();
    QVERIFY(!id.isEmpty());
    f->window->action(MainWindow::Action::Checkpoints)->trigger();
    CheckpointsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<CheckpointsDialog>(f->window.get())));
    QTRY_VERIFY(dialog->count() >= 1);
    dialog->select(id);
    QCOMPARE(dialog->selectedId(), id);
}

void TestGuiCheckpoints::publishCopiesDoneOutputs()
{
    f->window->engineController()->addSetup(firstAttemptRefused());
    f->openAndWait(writeStoryboard(*f->dir));
    f->runToEnd();
    const int done = f->window->summary().count(TaskState::Done);
    QVERIFY(done > 0 && done < f->window->summary().total);
    QAction *publish = f->window->action(MainWindow::Action::Publish);
    QVERIFY(publish->isEnabled());
    QSignalSpy published(f->window.get(), &MainWindow::published);
    publish->trigger();
    // Some tasks are not done: the user confirms.
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = visibleChild<QMessageBox>(f->window.get())));
    QCOMPARE(confirm->objectName(), u"confirmPublish"_s);
    QTest::mouseClick(confirm->findChild<QPushButton *>(u"confirmPublishButton"_s), Qt::LeftButton);
    QVERIFY(published.wait(20000));
    QVERIFY2(published.first().at(0).toBool(), qPrintable(published.first().at(1).toString()));
    const QDir out(QDir(f->window->workspaceDir()).filePath(u"published"_s));
    QVERIFY(out.exists());
    int files = 0;
    QDirIterator it(out.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        files +=
            it.fileName().startsWith(u"image"_s) || it.fileName().startsWith(u"video"_s) ? 1 : 0;
    }
    QVERIFY2(files >= 1, qPrintable(u"%1 outputs published"_s.arg(files)));
}

void TestGuiCheckpoints::reportOpensInApp()
{
    f->window->engineController()->addSetup(firstAttemptRefused());
    f->openAndWait(writeStoryboard(*f->dir));
    f->runToEnd();
    QSignalSpy shown(f->window.get(), &MainWindow::reportShown);
    f->window->action(MainWindow::Action::Report)->trigger();
    QVERIFY(shown.wait(20000));
    const QString path = shown.first().first().toString();
    QVERIFY(QFileInfo::exists(path));
    ReportDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ReportDialog>(f->window.get())));
    QCOMPARE(dialog->htmlPath(), path);
    QVERIFY(dialog->text().contains(u"a-1"_s));
    QVERIFY(dialog->findChild<QPushButton *>(u"openReportInBrowser"_s));
}

QTEST_MAIN(TestGuiCheckpoints)
#include "tst_gui_checkpoints.moc"
