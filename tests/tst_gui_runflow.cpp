// The run's flow in the window (issues 5 and 6): Run asks first with the estimate (the
// figures of `retake-cli estimate`) and an optional budget cap; a cap reached shows a
// banner that raises the budget and continues the same run; Don't ask again and resuming
// a paused run skip the question; the concurrency preference limits the providers on the
// engine's thread; a cancelled run, Pause and quit, and a run whose process died get
// their reports. Scripted providers keep outcomes certain; offscreen, no sleeps.
#include "bannercoordinator.h"
#include "preferences.h"
#include "preferencesdialog.h"
#include "project/storyboardloader.h"
#include "report/reportbuilder.h"
#include "report/runreport.h"
#include "reportdialog.h"
#include "runconfirmationdialog.h"
#include "store/workspace.h"
#include "testprinters.h"
#include "tst_gui_fixture.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

// Three shots of one scene on provider "studio" at 1 cost unit per image and per second
// of video (1 s clips): 6 tasks, 6 units.
QString writeCostlyStoryboard(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(u"costly.retake.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(R"({
  "format": "retake-project/1",
  "title": "Costly",
  "defaults": {"image": {"width": 64, "height": 36}, "video": {"duration": 1, "fps": 6}},
  "providers": {"image": ["studio"], "video": ["studio"]},
  "providerProfiles": [{"id": "studio", "kind": "local", "model": "m", "costPerUnit": 1.0}],
  "scenes": [{"id": "a", "title": "A", "shots": [
    {"id": "a-1", "title": "one", "prompt": "a red lighthouse"},
    {"id": "a-2", "title": "two", "prompt": "a stormy sea"},
    {"id": "a-3", "title": "three", "prompt": "a brass barometer"}]}]
})");
    return path;
}

// The engine-thread fake of "studio", readable from tests through a query.
struct FakeHandle {
    std::atomic<FakeProvider *> provider{nullptr};
};

// Replaces "studio" (and the built-in "local") by fakes that bill `cost` per unit.
EngineController::Setup costlyFakes(const std::shared_ptr<FakeHandle> &handle, int latencyMs,
                                    int maxConcurrency = 4)
{
    return [handle, latencyMs, maxConcurrency](Engine &engine) {
        EngineOptions options = engine.options();
        options.verifyOutputs = false;
        engine.setOptions(options);
        for (const QString &id : {u"studio"_s, u"local"_s}) {
            auto provider = std::make_unique<FakeProvider>(id, maxConcurrency);
            provider->setCostPerUnit(1.0);
            provider->setLatencyMs(latencyMs);
            if (id == u"studio"_s)
                handle->provider = provider.get();
            engine.setProvider(std::move(provider));
        }
    };
}

QAction *actionNamed(MessageBanner *banner, const QString &name)
{
    for (QAction *action : banner->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

QStringList actionNames(MessageBanner *banner)
{
    QStringList names;
    for (QAction *action : banner->actions())
        names << action->objectName();
    return names;
}

// An engine of the CLI's kind in the test: "studio" is a fake that takes 30 ms per attempt,
// one at a time, and writes outputs that are not verified.
void useSlowStudio(Engine &engine)
{
    auto provider = std::make_unique<FakeProvider>(u"studio"_s, 1);
    provider->setLatencyMs(30);
    engine.setProvider(std::move(provider));
    EngineOptions options = engine.options();
    options.verifyOutputs = false;
    engine.setOptions(options);
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestGuiRunFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void runConfirmationShowsTheCliEstimate();
    void budgetCapBannerRaisesTheBudgetAndContinues();
    void resumeSkipsTheQuestionAndCancelWritesAReport();
    void concurrencyPreferenceLimitsProviders();
    void crashedRunGetsAPartialReportAtOpen();
    void pendingReportOfACancelledRunIsWrittenAtOpen();
    void pauseAndQuitWritesAReportAndIsNoCrash();

private:
    // Edits the preferences through the real dialog and accepts it.
    void editPreferences(const std::function<void(PreferencesDialog *)> &edit);
    RunConfirmationDialog *pressRunAndWaitForTheQuestion();
    template <typename Result> Result ask(std::function<Result(Engine &)> question)
    {
        std::optional<Result> answer;
        f->window->engineController()->query<Result>(
            question, this, [&answer](const Result &value) { answer = value; });
        [&] { QTRY_VERIFY(answer.has_value()); }();
        return answer.value_or(Result());
    }

    std::unique_ptr<GuiFixture> f;
};

void TestGuiRunFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_runflow"_s);
}

void TestGuiRunFlow::init()
{
    f = std::make_unique<GuiFixture>();
    QVERIFY(f->dir->isValid());
}

void TestGuiRunFlow::cleanup()
{
    f.reset();
}

void TestGuiRunFlow::editPreferences(const std::function<void(PreferencesDialog *)> &edit)
{
    f->window->action(MainWindow::Action::Preferences)->trigger();
    PreferencesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<PreferencesDialog>(f->window.get())));
    edit(dialog);
    dialog->accept();
    QTRY_VERIFY(!visibleChild<PreferencesDialog>(f->window.get()));
}

RunConfirmationDialog *TestGuiRunFlow::pressRunAndWaitForTheQuestion()
{
    RunConfirmationDialog *dialog = nullptr;
    [&] {
        QVERIFY(f->window->action(MainWindow::Action::Run)->isEnabled());
        f->window->action(MainWindow::Action::Run)->trigger();
        QTRY_VERIFY((dialog = visibleChild<RunConfirmationDialog>(f->window.get())));
    }();
    return dialog;
}

void TestGuiRunFlow::runConfirmationShowsTheCliEstimate()
{
    const QString board = writeCostlyStoryboard(*f->dir);
    // Given what retake-cli estimate says about the storyboard,
    QProcess cli;
    cli.setWorkingDirectory(f->dir->path());
    cli.start(QStringLiteral(RETAKE_CLI_PATH), {u"estimate"_s, board, u"--json"_s});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    QMap<QString, QJsonObject> expected;
    QJsonObject total;
    for (const QByteArray &line : cli.readAllStandardOutput().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(u"event"_s) == u"estimate"_s)
            expected.insert(event.value(u"provider"_s).toString(), event);
        else if (event.value(u"event"_s) == u"estimate-total"_s)
            total = event;
    }
    QCOMPARE(expected.keys(), QStringList{u"studio"_s});
    QCOMPARE(total.value(u"costUnits"_s).toDouble(), 6.0);

    // when the user turned the question on and presses Run,
    editPreferences([](PreferencesDialog *dialog) {
        dialog->findChild<QCheckBox *>(u"confirmRun"_s)->setChecked(true);
    });
    QVERIFY(Preferences::load().confirmRun);
    f->openAndWait(board);
    RunConfirmationDialog *dialog = pressRunAndWaitForTheQuestion();
    QVERIFY(dialog);

    // then the dialog shows the same figures per provider,
    QTableWidget *table = dialog->estimateTable();
    QCOMPARE(table->rowCount(), int(expected.size()));
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString id = table->item(row, RunConfirmationDialog::ProviderColumn)->text();
        QVERIFY2(expected.contains(id), qPrintable(id));
        const QJsonObject e = expected.value(id);
        const auto text = [&](int column) { return table->item(row, column)->text(); };
        QCOMPARE(text(RunConfirmationDialog::TasksColumn),
                 QString::number(e.value(u"tasks"_s).toInt()));
        QCOMPARE(text(RunConfirmationDialog::ImagesColumn),
                 QString::number(e.value(u"images"_s).toInt()));
        QCOMPARE(text(RunConfirmationDialog::VideosColumn),
                 QString::number(e.value(u"videos"_s).toInt()));
        QCOMPARE(text(RunConfirmationDialog::TimeColumn),
                 RunConfirmationDialog::durationText(e.value(u"timeMs"_s).toInteger()));
        QCOMPARE(text(RunConfirmationDialog::WallTimeColumn),
                 RunConfirmationDialog::durationText(e.value(u"wallTimeMs"_s).toInteger()));
        QCOMPARE(text(RunConfirmationDialog::CostColumn),
                 RunConfirmationDialog::costText(e.value(u"costUnits"_s).toDouble()));
        QCOMPARE(text(RunConfirmationDialog::SourceColumn), u"defaults"_s);
    }
    QVERIFY2(dialog->summaryText().contains(RunConfirmationDialog::costText(6.0)),
             qPrintable(dialog->summaryText()));
    QVERIFY(dialog->summaryText().startsWith(u"6 task(s) of 6"_s));
    // with no cap unless one is chosen; a cap below the estimate is pointed out.
    QCOMPARE(dialog->budgetCap(), 0.0);
    dialog->setBudgetCap(4.0);
    QLabel *hint = dialog->findChild<QLabel *>(u"budgetHint"_s);
    QVERIFY(hint);
    QVERIFY2(hint->text().contains(u"above the cap"_s), qPrintable(hint->text()));
    grabIfAsked(dialog, u"run-confirmation"_s);

    // Cancel starts nothing.
    dialog->reject();
    QTRY_VERIFY(!visibleChild<RunConfirmationDialog>(f->window.get()));
    QVERIFY(ask<QString>([](Engine &engine) { return engine.lastRunId(); }).isEmpty());
    QVERIFY(!f->window->summary().running);
    QCOMPARE(Preferences::load().runBudgetCap, 0.0); // only an accepted cap is remembered
}

void TestGuiRunFlow::budgetCapBannerRaisesTheBudgetAndContinues()
{
    auto studio = std::make_shared<FakeHandle>();
    f->window->engineController()->addSetup(costlyFakes(studio, 20));
    editPreferences([](PreferencesDialog *dialog) {
        dialog->findChild<QCheckBox *>(u"confirmRun"_s)->setChecked(true);
    });
    f->openAndWait(writeCostlyStoryboard(*f->dir));
    QSignalSpy reports(f->window.get(), &MainWindow::runReportWritten);
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);

    // Given a run started with a cap of 3 of the 6 units it needs,
    RunConfirmationDialog *dialog = pressRunAndWaitForTheQuestion();
    QVERIFY(dialog);
    dialog->findChild<QDoubleSpinBox *>(u"budgetCap"_s)->setValue(3.0);
    QTest::mouseClick(dialog->runButton(), Qt::LeftButton);

    // when the cap stops it, the banner says what was spent and what did not start,
    QVERIFY(finished.wait(kRunTimeoutMs));
    MessageBanner *budget = nullptr;
    QTRY_VERIFY((budget = f->banner(BannerCoordinator::budgetKey())));
    const QString spent = QLocale().toString(3.0, 'f', 2);
    QVERIFY2(budget->text().contains(spent + u" of "_s + spent + u" cost units spent"_s),
             qPrintable(budget->text()));
    QVERIFY2(budget->text().contains(u"3 task(s) not started"_s), qPrintable(budget->text()));
    QCOMPARE(actionNames(budget), (QStringList{u"raiseBudget"_s, u"viewReport"_s}));
    QCOMPARE(f->window->summary().count(TaskState::Done), 3);
    QCOMPARE(f->window->summary().count(TaskState::Failed), 0);
    QCOMPARE(f->window->action(MainWindow::Action::Run)->text(), u"&Raise budget…"_s);
    QCOMPARE(Preferences::load().runBudgetCap, 3.0);
    grabIfAsked(f->window.get(), u"budget-banner-window"_s);
    grabIfAsked(budget, u"budget-banner"_s);
    // and the stopped run got its report.
    QTRY_COMPARE(reports.count(), 1);
    QCOMPARE(reports.first().at(1).toString(), u"budget-cap"_s);
    const QString runId = reports.first().at(0).toString();
    QVERIFY(QFileInfo::exists(reports.first().at(2).toString()));

    // View report shows it in-app.
    QSignalSpy shown(f->window.get(), &MainWindow::reportShown);
    QTest::mouseClick(budget->button(actionNamed(budget, u"viewReport"_s)), Qt::LeftButton);
    QVERIFY(shown.wait(20000));
    ReportDialog *report = nullptr;
    QTRY_VERIFY((report = visibleChild<ReportDialog>(f->window.get())));
    report->close();

    // Raise budget… proposes enough for the rest and continues the same run.
    QTest::mouseClick(budget->button(actionNamed(budget, u"raiseBudget"_s)), Qt::LeftButton);
    QInputDialog *raise = nullptr;
    QTRY_VERIFY((raise = visibleChild<QInputDialog>(f->window.get())));
    QCOMPARE(raise->objectName(), u"raiseBudgetDialog"_s);
    QCOMPARE(raise->doubleValue(), 6.0);
    QVERIFY(raise->labelText().contains(u"3 task(s) not started"_s));
    grabIfAsked(raise, u"raise-budget"_s);
    raise->setDoubleValue(10.0);
    finished.clear();
    raise->accept();
    QVERIFY(finished.wait(kRunTimeoutMs));
    QTRY_COMPARE(f->window->summary().count(TaskState::Done), 6);
    QTRY_VERIFY(!f->banner(BannerCoordinator::budgetKey()));
    QCOMPARE(f->window->summary().budgetCap, 10.0);
    QCOMPARE(f->window->summary().spent, 6.0);
    QCOMPARE(ask<QString>([](Engine &engine) { return engine.lastRunId(); }), runId);
    QCOMPARE(f->window->action(MainWindow::Action::Run)->text(), u"&Run"_s);
}

void TestGuiRunFlow::resumeSkipsTheQuestionAndCancelWritesAReport()
{
    auto studio = std::make_shared<FakeHandle>();
    f->window->engineController()->addSetup(costlyFakes(studio, 150));
    editPreferences([](PreferencesDialog *dialog) {
        dialog->findChild<QCheckBox *>(u"confirmRun"_s)->setChecked(true);
    });
    f->openAndWait(writeCostlyStoryboard(*f->dir));
    QAction *run = f->window->action(MainWindow::Action::Run);
    QAction *pause = f->window->action(MainWindow::Action::Pause);

    // Given a run started through the question and paused,
    RunConfirmationDialog *dialog = pressRunAndWaitForTheQuestion();
    QVERIFY(dialog);
    dialog->accept();
    QTRY_VERIFY(pause->isEnabled());
    pause->trigger();
    QTRY_VERIFY(f->window->summary().paused);
    QCOMPARE(run->text(), u"&Resume"_s);

    // Resume asks nothing: the run goes on.
    run->trigger();
    QTRY_VERIFY(!f->window->summary().paused);
    QVERIFY(!visibleChild<RunConfirmationDialog>(f->window.get()));

    // A cancelled run gets a report,
    QSignalSpy reports(f->window.get(), &MainWindow::runReportWritten);
    f->window->action(MainWindow::Action::Cancel)->trigger();
    QVERIFY(reports.wait(kRunTimeoutMs));
    QCOMPARE(reports.first().at(1).toString(), u"cancelled"_s);
    const QJsonObject json =
        readJson(QFileInfo(reports.first().at(2).toString()).dir().filePath(u"report.json"_s));
    QCOMPARE(json.value(u"run"_s).toObject().value(u"partial"_s).toBool(), true);
    QVERIFY(f->window->summary().count(TaskState::Cancelled) > 0);

    // and running the rest asks again; Don't ask again turns the question off for good.
    dialog = pressRunAndWaitForTheQuestion();
    QVERIFY(dialog);
    dialog->findChild<QCheckBox *>(u"dontAskAgain"_s)->setChecked(true);
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
    QVERIFY(finished.wait(kRunTimeoutMs));
    QTRY_COMPARE(f->window->summary().count(TaskState::Done), 6);
    QCOMPARE(Preferences::load().confirmRun, false);
    editPreferences([](PreferencesDialog *dialog) {
        QVERIFY(!dialog->findChild<QCheckBox *>(u"confirmRun"_s)->isChecked());
    });
}

void TestGuiRunFlow::concurrencyPreferenceLimitsProviders()
{
    // Given one parallel request per provider chosen in Preferences,
    editPreferences([](PreferencesDialog *dialog) {
        auto *spin = dialog->findChild<QSpinBox *>(u"concurrencyCap"_s);
        QVERIFY(spin);
        QCOMPARE(spin->value(), 0);
        QCOMPARE(spin->text(), u"As in the provider profiles"_s);
        spin->setValue(1);
    });
    QCOMPARE(Preferences::load().concurrencyCap, 1);
    auto studio = std::make_shared<FakeHandle>();
    f->window->engineController()->addSetup(costlyFakes(studio, 20, 4));
    f->openAndWait(writeCostlyStoryboard(*f->dir));

    // a run never has more than one request in flight on the 4-slot provider;
    f->runToEnd();
    QCOMPARE(f->window->summary().count(TaskState::Done), 6);
    QCOMPARE(ask<int>([studio](Engine &) { return studio->provider.load()->maxInFlight(); }), 1);
    QCOMPARE(ask<int>([](Engine &engine) { return engine.providerLimit(u"studio"_s); }), 1);

    // and changing it applies to the open engine at once.
    editPreferences([](PreferencesDialog *dialog) {
        dialog->findChild<QSpinBox *>(u"concurrencyCap"_s)->setValue(0);
    });
    QCOMPARE(ask<int>([](Engine &engine) { return engine.providerLimit(u"studio"_s); }), 4);
    editPreferences([](PreferencesDialog *dialog) {
        dialog->findChild<QSpinBox *>(u"concurrencyCap"_s)->setValue(2);
    });
    QCOMPARE(ask<int>([](Engine &engine) { return engine.providerLimit(u"studio"_s); }), 2);
    QCOMPARE(Preferences::load().concurrencyCap, 2);
}

void TestGuiRunFlow::crashedRunGetsAPartialReportAtOpen()
{
    const QString board = writeCostlyStoryboard(*f->dir);
    const LoadResult loaded = StoryboardLoader::loadFile(board);
    QVERIFY(loaded.ok());
    // Given a run whose process died after its first attempt (its engine is gone without
    // ending the run or suspending it),
    {
        Engine engine;
        QString error;
        QVERIFY2(engine.open(*loaded.project, Workspace::forStoryboard(board), &error),
                 qPrintable(error));
        useSlowStudio(engine);
        QSignalSpy attempt(&engine, &Engine::attemptFinished);
        engine.start();
        QVERIFY(attempt.wait(10000));
    }

    // when the window opens the storyboard,
    auto studio = std::make_shared<FakeHandle>();
    f->window->engineController()->addSetup(costlyFakes(studio, 5));
    QSignalSpy reports(f->window.get(), &MainWindow::runReportWritten);
    f->openAndWait(board);

    // then the run gets a partial report, and a banner offers it.
    QVERIFY(reports.count() == 1 || reports.wait(20000));
    QCOMPARE(reports.first().at(1).toString(), u"crashed"_s);
    const QString html = reports.first().at(2).toString();
    const QJsonObject json = readJson(QFileInfo(html).dir().filePath(u"report.json"_s));
    QCOMPARE(json.value(u"run"_s).toObject().value(u"outcome"_s).toString(), u"crashed"_s);
    QCOMPARE(json.value(u"run"_s).toObject().value(u"partial"_s).toBool(), true);
    MessageBanner *crashed = nullptr;
    QTRY_VERIFY((crashed = f->banner(BannerCoordinator::crashedRunKey())));
    QVERIFY(crashed->text().contains(reports.first().at(0).toString()));
    grabIfAsked(crashed, u"crashed-run-banner"_s);
    QSignalSpy shown(f->window.get(), &MainWindow::reportShown);
    QTest::mouseClick(crashed->button(actionNamed(crashed, u"viewCrashedRunReport"_s)),
                      Qt::LeftButton);
    QVERIFY(shown.count() == 1 || shown.wait(5000));
    ReportDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ReportDialog>(f->window.get())));
    QCOMPARE(dialog->htmlPath(), html);
    dialog->close();

    // Running continues the run, and the banner goes.
    f->runToEnd();
    QTRY_VERIFY(!f->banner(BannerCoordinator::crashedRunKey()));
    QCOMPARE(f->window->summary().count(TaskState::Done), 6);
}

void TestGuiRunFlow::pendingReportOfACancelledRunIsWrittenAtOpen()
{
    const QString board = writeCostlyStoryboard(*f->dir);
    const LoadResult loaded = StoryboardLoader::loadFile(board);
    QVERIFY(loaded.ok());
    const QString ws = Workspace::forStoryboard(board);
    // Given a run cancelled with Ctrl-C in retake-cli, which left its report pending
    // (RunReport::markPending, as the CLI does),
    QString runId;
    {
        Engine engine;
        QString error;
        QVERIFY2(engine.open(*loaded.project, ws, &error), qPrintable(error));
        useSlowStudio(engine);
        QSignalSpy attempt(&engine, &Engine::attemptFinished);
        QSignalSpy finished(&engine, &Engine::batchFinished);
        engine.start();
        QVERIFY(attempt.wait(10000));
        runId = engine.currentRunId();
        engine.cancel();
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        QVERIFY2(RunReport::markPending(ws, runId, &error), qPrintable(error));
    }
    const QString reportDir = ReportBuilder::reportDirectory(ws, runId);
    QVERIFY(QFileInfo::exists(reportDir + u"/report.pending"_s));
    QVERIFY(!QFileInfo::exists(reportDir + u"/report.json"_s));

    // when the window opens the storyboard,
    auto studio = std::make_shared<FakeHandle>();
    f->window->engineController()->addSetup(costlyFakes(studio, 5));
    f->openAndWait(board);

    // then the cancelled run's report is written, and its mark cleared.
    QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(reportDir + u"/report.pending"_s), 20000);
    const QJsonObject json = readJson(reportDir + u"/report.json"_s);
    QCOMPARE(json.value(u"run"_s).toObject().value(u"id"_s).toString(), runId);
    QCOMPARE(json.value(u"run"_s).toObject().value(u"outcome"_s).toString(), u"cancelled"_s);
    QVERIFY(QFileInfo::exists(reportDir + u"/report.html"_s));
}

void TestGuiRunFlow::pauseAndQuitWritesAReportAndIsNoCrash()
{
    auto studio = std::make_shared<FakeHandle>();
    f->window->engineController()->addSetup(costlyFakes(studio, 200, 1));
    const QString board = writeCostlyStoryboard(*f->dir);
    f->openAndWait(board);
    f->window->action(MainWindow::Action::Run)->trigger();
    QTRY_VERIFY(f->window->summary().running);
    QTRY_VERIFY(f->window->summary().count(TaskState::Running) > 0);

    // Given Pause and quit while a batch runs,
    QSignalSpy reports(f->window.get(), &MainWindow::runReportWritten);
    f->window->close();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleChild<QMessageBox>(f->window.get())));
    QTest::mouseClick(box->findChild<QPushButton *>(u"pauseAndQuit"_s), Qt::LeftButton);

    // the run's partial report is written before the window goes,
    QTRY_VERIFY(!f->window->isVisible());
    QCOMPARE(reports.count(), 1);
    QCOMPARE(reports.first().at(1).toString(), u"unfinished"_s);
    const QString runId = reports.first().at(0).toString();
    QVERIFY(QFileInfo::exists(reports.first().at(2).toString()));

    // and opening the storyboard again resumes that run without calling it a crash.
    f->openAndWait(board);
    QCOMPARE(ask<QString>([](Engine &engine) { return engine.currentRunId(); }), runId);
    QCOMPARE(ask<bool>([](Engine &engine) { return engine.resumedAfterCrash(); }), false);
    QCOMPARE(reports.count(), 1);
    QVERIFY(!f->banner(BannerCoordinator::crashedRunKey()));
}

QTEST_MAIN(TestGuiRunFlow)
#include "tst_gui_runflow.moc"
