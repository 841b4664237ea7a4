// Failures that the user has to look into, on the demo storyboard (offscreen, no sleeps):
// a shot's failures found in the error log, and the disk-full banner with its Retry now
// driven by an injected free-space probe.
// Every model and proxy runs under QAbstractItemModelTester.
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

class TestGuiErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showInErrorLogHighlightsTheShot();
    void diskFullBannerAndRetryNow();

private:
    std::unique_ptr<retake::ui::test::GuiFixture> f;
};

void TestGuiErrors::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_errors"_s);
}

void TestGuiErrors::init()
{
    f = std::make_unique<retake::ui::test::GuiFixture>();
    QVERIFY(f->dir->isValid());
}

void TestGuiErrors::cleanup()
{
    f.reset();
}

void TestGuiErrors::showInErrorLogHighlightsTheShot()
{
    f->openAndWait(f->copyDemo(0.15));
    f->runToEnd();
    QString shot;
    for (const TaskSnapshot &t : f->window->shotModel()->tasks()) {
        if (t.state == TaskState::Failed) {
            shot = t.shotId;
            break;
        }
    }
    f->selectShot(shot);
    f->window->action(MainWindow::Action::ShowInErrorLog)->trigger();
    ErrorLogDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ErrorLogDialog>(f->window.get())));
    QTRY_VERIFY(dialog->matchCount() > 0);
    QCOMPARE(dialog->currentMatch(), dialog->matchCount() - 1);
    QVERIFY(dialog->text().contains(u"Task: "_s + shot));
}

void TestGuiErrors::diskFullBannerAndRetryNow()
{
    // The engine's own disk poll is far away: only Retry now can resume within the test.
    f->window->engineController()->addSetup([](Engine &engine) {
        EngineOptions options = engine.options();
        options.diskPollIntervalMs = 60 * 60 * 1000;
        engine.setOptions(options);
    });
    f->openAndWait(f->copyDemo(0.0));
    // Given a disk below the reserve,
    f->freeSpace->store(10ll * 1024 * 1024);
    f->window->action(MainWindow::Action::Run)->trigger();
    // the disk-full banner appears and the batch is paused,
    MessageBanner *disk = nullptr;
    QTRY_VERIFY((disk = f->banner(BannerCoordinator::diskFullKey())));
    QVERIFY(f->window->summary().paused);
    QCOMPARE(f->window->summary().pauseReason, PauseReason::DiskFull);
    QAction *retryNow = nullptr;
    QAction *openFolder = nullptr;
    for (QAction *a : disk->actions()) {
        if (a->objectName() == u"diskRetryNow"_s)
            retryNow = a;
        if (a->objectName() == u"openWorkspaceFolder"_s)
            openFolder = a;
    }
    QVERIFY(retryNow && openFolder);
    // Retry now while the disk is still full says so,
    QTest::mouseClick(disk->button(retryNow), Qt::LeftButton);
    QTRY_VERIFY(disk->text().contains(u"Still only 10 MB"_s));
    QVERIFY(f->window->summary().paused);
    // and after space was freed it finds the space, and the batch resumes and finishes.
    f->freeSpace->store(qint64(1) << 40);
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    QTest::mouseClick(disk->button(retryNow), Qt::LeftButton);
    QTRY_VERIFY(!f->banner(BannerCoordinator::diskFullKey()));
    QVERIFY(!f->window->summary().paused);
    QVERIFY(finished.wait(kRunTimeoutMs));
    // Everything ran (the demo fails one video on purpose).
    QTRY_COMPARE(f->window->summary().count(TaskState::Done) +
                     f->window->summary().count(TaskState::Failed),
                 72);
    QVERIFY(f->window->summary().count(TaskState::Done) >= 70);
    QVERIFY(f->window->activityLog()->text().contains(u"MB free again"_s));
}

QTEST_MAIN(TestGuiErrors)
#include "tst_gui_errors.moc"
