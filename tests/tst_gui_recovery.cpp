// Recovery from the window, as a user does it, on the demo storyboard with injected
// faults (offscreen, no sleeps): run, wait for failures, press the banner's Retry all
// failed, switch provider for one shot, filter by "failed" from the summary bar.
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

class TestGuiRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void bannerRetryAllFailedRequeuesExactlyFailedAndBlocked();
    void switchProviderForOneFailedShot();
    void summaryBarFiltersByFailed();

private:
    std::unique_ptr<retake::ui::test::GuiFixture> f;
};

void TestGuiRecovery::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_recovery"_s);
}

void TestGuiRecovery::init()
{
    f = std::make_unique<retake::ui::test::GuiFixture>();
    QVERIFY(f->dir->isValid());
}

void TestGuiRecovery::cleanup()
{
    f.reset();
}

void TestGuiRecovery::bannerRetryAllFailedRequeuesExactlyFailedAndBlocked()
{
    // Given the demo with injected invalid requests, run to the end.
    f->openAndWait(f->copyDemo(0.15));
    f->runToEnd();
    const QMap<QString, TaskSnapshot> before = tasksById(f->window->shotModel());
    QStringList failedOrBlocked;
    for (const TaskSnapshot &t : before) {
        if (t.state == TaskState::Failed || t.state == TaskState::Blocked)
            failedOrBlocked << t.id;
    }
    QVERIFY(f->window->summary().count(TaskState::Failed) > 0);
    QVERIFY(f->window->summary().count(TaskState::Blocked) > 0);
    MessageBanner *failedBanner = nullptr;
    QTRY_VERIFY((failedBanner = f->banner(BannerCoordinator::failedKey())));
    QVERIFY(failedBanner->text().contains(
        QString::number(f->window->summary().count(TaskState::Failed))));
    QToolButton *retryAll =
        failedBanner->button(f->window->action(MainWindow::Action::RetryAllFailed));
    QVERIFY(retryAll);

    // When the user pauses (so that nothing runs yet) and presses the banner's button,
    f->window->engineController()->pause();
    QTRY_VERIFY(f->window->summary().paused);
    QTest::mouseClick(retryAll, Qt::LeftButton);

    // then exactly the failed and blocked tasks are re-queued (images queued, videos
    // waiting for them) and nothing else changed.
    QTRY_COMPARE(f->window->summary().count(TaskState::Failed) +
                     f->window->summary().count(TaskState::Blocked),
                 0);
    const QMap<QString, TaskSnapshot> after = tasksById(f->window->shotModel());
    for (const TaskSnapshot &t : after) {
        const TaskSnapshot &old = before.value(t.id);
        if (failedOrBlocked.contains(t.id)) {
            QVERIFY2(t.state == TaskState::Queued || t.state == TaskState::Waiting,
                     qPrintable(t.id + u": "_s + nameOf(t.state)));
        } else {
            QCOMPARE(t.state, old.state);
            QCOMPARE(t.attemptCount, old.attemptCount);
            QCOMPARE(t.outputPath, old.outputPath);
        }
    }
    // The failed banner went away with its cause.
    QTRY_VERIFY(!f->banner(BannerCoordinator::failedKey()));

    // And Resume runs them.
    QAction *run = f->window->action(MainWindow::Action::Run);
    QTRY_VERIFY(run->isEnabled());
    QCOMPARE(run->text(), u"&Resume"_s);
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    run->trigger();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QTRY_VERIFY(!f->window->summary().running);
    for (const QString &id : failedOrBlocked)
        QVERIFY(f->window->shotModel()->task(id).attemptCount >= before.value(id).attemptCount);
}

void TestGuiRecovery::switchProviderForOneFailedShot()
{
    f->openAndWait(f->copyDemo(0.15));
    f->runToEnd();
    // Given a shot whose image failed (its video is blocked),
    QString shot;
    for (const TaskSnapshot &t : f->window->shotModel()->tasks()) {
        if (t.stage == Stage::Image && t.state == TaskState::Failed) {
            shot = t.shotId;
            break;
        }
    }
    QVERIFY(!shot.isEmpty());
    f->selectShot(shot);
    QAction *switchAction = f->window->action(MainWindow::Action::SwitchProvider);
    QTRY_VERIFY(switchAction->isEnabled());
    QCOMPARE(f->window->taskIdsFor(MainWindow::Action::SwitchProvider),
             (QStringList{shot + u"/image"_s, shot + u"/video"_s}));

    // when the user switches it to "backup" in the dialog,
    switchAction->trigger();
    SwitchProviderDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<SwitchProviderDialog>(f->window.get())));
    QCOMPARE(dialog->scope(), SwitchProviderDialog::Scope::Selection);
    QVERIFY(f->window->providerIds().contains(u"backup"_s));
    dialog->setProviderId(u"backup"_s);
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    dialog->accept();

    // then that shot, and only it, runs again on backup and gets an image.
    QVERIFY(finished.wait(kRunTimeoutMs));
    QTRY_COMPARE(f->window->shotModel()->task(shot + u"/image"_s).state, TaskState::Done);
    QCOMPARE(f->window->shotModel()->task(shot + u"/image"_s).providerId, u"backup"_s);
    QVERIFY(f->window->summary().count(TaskState::Failed) > 0); // the others still failed
    // The detail panel (on that shot) lists the new attempt on backup.
    f->selectShot(shot);
    AttemptModel *attempts = f->window->detailPanel()->attemptModel();
    const auto ranOnBackup = [attempts] {
        for (int row = 0; row < attempts->rowCount(); ++row) {
            if (attempts->attemptAt(row)->providerId == u"backup"_s)
                return true;
        }
        return false;
    };
    QTRY_VERIFY(ranOnBackup());
}

void TestGuiRecovery::summaryBarFiltersByFailed()
{
    f->openAndWait(f->copyDemo(0.15));
    f->runToEnd();
    QSet<QString> failedShots;
    for (const TaskSnapshot &t : f->window->shotModel()->tasks()) {
        if (t.state == TaskState::Failed)
            failedShots.insert(t.shotId);
    }
    QVERIFY(!failedShots.isEmpty());
    QToolButton *failed = f->window->summaryBar()->findChild<QToolButton *>(u"filter-failed"_s);
    QVERIFY(failed);
    QCOMPARE(failed->text(), u"%1 failed"_s.arg(f->window->summary().count(TaskState::Failed)));

    QTest::mouseClick(failed, Qt::LeftButton);
    QVERIFY(failed->isChecked());
    const QStringList shown = shotsShown(f->window->filterProxy());
    QCOMPARE(QSet<QString>(shown.cbegin(), shown.cend()), failedShots);
    // Only the headers of scenes with a failed shot remain.
    int headers = 0;
    for (int row = 0; row < f->window->filterProxy()->rowCount(); ++row)
        headers += f->window->filterProxy()
                       ->index(row, 0)
                       .data(ShotListModel::KindRole)
                       .value<ShotListModel::RowKind>() == ShotListModel::RowKind::Scene;
    QSet<QString> scenes;
    for (const QString &id : failedShots)
        scenes.insert(id.section(u'-', 0, 0));
    QCOMPARE(headers, scenes.size());

    QTest::mouseClick(failed, Qt::LeftButton);
    QCOMPARE(f->window->filterProxy()->rowCount(), f->window->shotModel()->rowCount());
}

QTEST_MAIN(TestGuiRecovery)
#include "tst_gui_recovery.moc"
