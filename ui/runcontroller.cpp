#include "runcontroller.h"

#include "enginecontroller.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "report/runestimate.h"
#include "reportscontroller.h"
#include "runconfirmationdialog.h"

#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake::ui {

RunController::RunController(ProjectSession *session, EngineController *engine,
                             ReportsController *reports, QWidget *window)
    : QObject(window), m_session(session), m_engine(engine), m_reports(reports)
{
}

QWidget *RunController::window() const
{
    return qobject_cast<QWidget *>(parent());
}

void RunController::runBatch()
{
    if (!m_session->loaded) {
        m_runAfterOpen = RunAfterOpen::Ask;
        return;
    }
    const BatchSummary &summary = m_session->summary;
    if (m_engine->isWatching()) {
        // Only resuming the owner's paused run goes through it.
        if (summary.paused && summary.pauseReason != PauseReason::DiskFull &&
            summary.pauseReason != PauseReason::BudgetCap) {
            Q_EMIT logLine(MainWindow::tr("You resumed the batch in %1.")
                               .arg(m_engine->watchedOwner().describe()));
            m_engine->resume();
        }
        return;
    }
    if (summary.paused && summary.pauseReason == PauseReason::BudgetCap) {
        raiseBudget();
    } else if (summary.paused && summary.pauseReason != PauseReason::DiskFull) {
        // Resuming a paused run asks nothing: the run and its budget cap go on.
        Q_EMIT logLine(MainWindow::tr("You resumed the batch."));
        m_engine->resume();
    } else if (m_session->preferences.confirmRun) {
        askToRun();
    } else {
        startRun(m_session->preferences.runBudgetCap);
    }
}

void RunController::pause()
{
    Q_EMIT logLine(
        m_engine->isWatching()
            ? MainWindow::tr("You paused the batch in %1.").arg(m_engine->watchedOwner().describe())
            : MainWindow::tr("You paused the batch."));
    m_engine->pause();
}

void RunController::cancel()
{
    Q_EMIT logLine(m_engine->isWatching() ? MainWindow::tr("You cancelled the batch in %1.")
                                                .arg(m_engine->watchedOwner().describe())
                                          : MainWindow::tr("You cancelled the batch."));
    m_engine->cancel();
}

void RunController::askToRun()
{
    if (m_askingToRun)
        return;
    m_askingToRun = true;
    Q_EMIT statusMessage(MainWindow::tr("Estimating the run…"));
    m_engine->query<RunEstimate>(
        [](const Engine &engine) { return RunEstimate::of(engine); }, this,
        [this](const RunEstimate &estimate) {
            auto *dialog =
                new RunConfirmationDialog(estimate, m_session->preferences.runBudgetCap, window());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::finished, this, [this] { m_askingToRun = false; });
            connect(dialog, &QDialog::rejected, this, [this] {
                Q_EMIT statusMessage(MainWindow::tr("Run cancelled: nothing started."));
            });
            connect(dialog, &QDialog::accepted, this, [this, dialog] {
                Preferences &preferences = m_session->preferences;
                preferences.runBudgetCap = dialog->budgetCap();
                if (dialog->dontAskAgain()) {
                    preferences.confirmRun = false;
                    Q_EMIT logLine(MainWindow::tr(
                        "Run no longer asks first; turn it back on in Preferences."));
                }
                preferences.save();
                startRun(dialog->budgetCap());
            });
            dialog->open();
        });
}

void RunController::startRun(double budgetCap)
{
    m_runBudgetCap = budgetCap;
    Q_EMIT logLine(budgetCap > 0.0
                       ? MainWindow::tr("You started the batch with a budget cap of %1 cost "
                                        "units.")
                             .arg(RunConfirmationDialog::costText(budgetCap))
                       : MainWindow::tr("You started the batch."));
    Q_EMIT statusMessage(MainWindow::tr("Running %1…").arg(QFileInfo(m_session->path).fileName()));
    m_engine->startRun(budgetCap);
}

void RunController::raiseBudget()
{
    if (!m_session->loaded)
        return;
    m_engine->query<RunEstimate>(
        [](const Engine &engine) { return RunEstimate::of(engine); }, this,
        [this](const RunEstimate &estimate) {
            if (estimate.budgetCap <= 0.0)
                return; // raised meanwhile
            auto *dialog = new QInputDialog(window());
            dialog->setObjectName(u"raiseBudgetDialog"_s);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setWindowTitle(MainWindow::tr("Raise the budget"));
            dialog->setInputMode(QInputDialog::DoubleInput);
            dialog->setDoubleDecimals(2);
            dialog->setDoubleRange(estimate.budgetCap + 0.01, 1e9);
            // Enough for what has not run yet, one attempt each.
            const double needed = std::ceil(estimate.spent + estimate.total.costUnits);
            dialog->setDoubleValue(std::max(needed, estimate.budgetCap + 1.0));
            dialog->setLabelText(
                MainWindow::tr("This run has spent %1 of its %2 cost units. The %n task(s) "
                               "not started are expected to cost about %3 more.",
                               nullptr, estimate.total.tasks)
                    .arg(RunConfirmationDialog::costText(estimate.spent),
                         RunConfirmationDialog::costText(estimate.budgetCap),
                         RunConfirmationDialog::costText(estimate.total.costUnits)) +
                u"\n\n"_s + MainWindow::tr("New budget cap for this run (cost units):"));
            dialog->setOkButtonText(MainWindow::tr("Raise and continue"));
            connect(dialog, &QInputDialog::doubleValueSelected, this, [this](double cap) {
                m_runBudgetCap = cap;
                Q_EMIT logLine(MainWindow::tr("You raised the budget cap to %1 cost units; the run "
                                              "continues.")
                                   .arg(RunConfirmationDialog::costText(cap)));
                m_engine->setBudgetCap(cap);
            });
            dialog->open();
        });
}

void RunController::continueAfterReload()
{
    const BatchSummary &summary = m_session->summary;
    m_runAfterOpen = summary.running && !summary.paused ? RunAfterOpen::Continue : RunAfterOpen::No;
}

void RunController::continueAfterTakeOver()
{
    m_runBudgetCap = 0.0;
    m_runAfterOpen = RunAfterOpen::Continue;
}

void RunController::dropRunAfterOpen()
{
    m_runAfterOpen = RunAfterOpen::No;
}

void RunController::forgetQuestion()
{
    // A Run asked for before the storyboard was reopened is void: its estimate was dropped.
    m_askingToRun = false;
}

void RunController::runAfterOpen()
{
    const RunAfterOpen runAfterOpen = m_runAfterOpen;
    m_runAfterOpen = RunAfterOpen::No;
    if (m_engine->isWatching()) {
        // Another process owns the workspace after all: Run waits until it ends.
        if (runAfterOpen != RunAfterOpen::No)
            Q_EMIT statusMessage(MainWindow::tr("%1 owns this workspace; Run is available when "
                                                "it ends.")
                                     .arg(m_engine->watchedOwner().describe()));
        return;
    }
    if (runAfterOpen == RunAfterOpen::Ask)
        runBatch();
    else if (runAfterOpen == RunAfterOpen::Continue)
        startRun(m_runBudgetCap);
}

void RunController::finishBatch(const BatchSummary &summary)
{
    const int failed = summary.count(TaskState::Failed) + summary.count(TaskState::Blocked);
    const bool budgetCapped = summary.paused && summary.pauseReason == PauseReason::BudgetCap;
    const bool cancelled = summary.count(TaskState::Cancelled) > 0;
    QString text;
    if (budgetCapped) {
        text = MainWindow::tr("The batch stopped at its budget cap: %1 of %2 cost units "
                              "spent, %n task(s) not started.",
                              nullptr,
                              summary.count(TaskState::Queued) + summary.count(TaskState::Waiting) +
                                  summary.count(TaskState::Retrying))
                   .arg(RunConfirmationDialog::costText(summary.spent),
                        RunConfirmationDialog::costText(summary.budgetCap));
    } else if (summary.allDone()) {
        text = MainWindow::tr("All %n task(s) are done.", nullptr, summary.total);
        if (summary.degraded() > 0)
            text += u' ' + MainWindow::tr("%n at reduced quality.", nullptr, summary.degraded());
        if (summary.onOtherProvider() > 0)
            text += u' ' + MainWindow::tr("%n at full quality on another provider.", nullptr,
                                          summary.onOtherProvider());
    } else if (summary.count(TaskState::Cancelled) > 0) {
        text = MainWindow::tr("The batch was cancelled: %1 of %2 tasks done.")
                   .arg(summary.count(TaskState::Done))
                   .arg(summary.total);
    } else {
        text = MainWindow::tr("The batch stopped with %n task(s) that need you.", nullptr, failed);
    }
    announce(text);
    // A run that stopped before its end gets its (partial) report now.
    if (m_quitWhenFinished) {
        m_quitWhenFinished = false;
        m_reports->writeRunReport([this] { Q_EMIT quitRequested(); });
    } else if (cancelled || budgetCapped) {
        m_reports->writeRunReport();
    }
}

bool RunController::mustAskBeforeClosing() const
{
    // A window that watches another process's run leaves it running.
    if (m_engine->isWatching())
        return false;
    const BatchSummary &summary = m_session->summary;
    const bool busy = m_session->loaded && summary.running && !summary.paused;
    return busy && !m_closeConfirmed;
}

void RunController::pauseAndQuit()
{
    Q_EMIT logLine(MainWindow::tr("Pausing and quitting; the batch resumes next time."));
    m_closeConfirmed = true;
    m_engine->suspend();
    // The run's partial report, then the window closes.
    Q_EMIT statusMessage(MainWindow::tr("Writing the report…"));
    m_reports->writeRunReport([this] { Q_EMIT quitRequested(); });
}

void RunController::endSession()
{
    if (m_closeConfirmed)
        return; // already quitting
    if (mustAskBeforeClosing()) {
        pauseAndQuit();
        return;
    }
    m_closeConfirmed = true;
    Q_EMIT quitRequested();
}

void RunController::askHowToQuit()
{
    const BatchSummary &summary = m_session->summary;
    auto *box = new QMessageBox(
        QMessageBox::Question, MainWindow::tr("A batch is running"),
        MainWindow::tr("%n task(s) are still running or waiting. What should happen "
                       "to them?",
                       nullptr,
                       summary.count(TaskState::Running) + summary.count(TaskState::Queued) +
                           summary.count(TaskState::Waiting) + summary.count(TaskState::Retrying)),
        QMessageBox::NoButton, window());
    box->setObjectName(u"closeWhileRunning"_s);
    box->setInformativeText(MainWindow::tr("Finished work is kept in every case."));
    QPushButton *pause = box->addButton(MainWindow::tr("Pause and quit"), QMessageBox::AcceptRole);
    pause->setObjectName(u"pauseAndQuit"_s);
    pause->setToolTip(MainWindow::tr("Running attempts are stopped and resume the next time "
                                     "you open this storyboard"));
    QPushButton *cancel =
        box->addButton(MainWindow::tr("Cancel the batch and quit"), QMessageBox::DestructiveRole);
    cancel->setObjectName(u"cancelAndQuit"_s);
    QPushButton *keep = box->addButton(MainWindow::tr("Keep running"), QMessageBox::RejectRole);
    keep->setObjectName(u"keepRunning"_s);
    box->setDefaultButton(pause);
    box->setEscapeButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, pause, cancel](QAbstractButton *b) {
        if (b == pause) {
            pauseAndQuit();
        } else if (b == cancel) {
            Q_EMIT logLine(MainWindow::tr("Cancelling the batch and quitting."));
            m_closeConfirmed = true;
            // Quits when the batch has finished (its report written), or after a while
            // if an attempt does not stop.
            m_quitWhenFinished = true;
            Q_EMIT statusMessage(MainWindow::tr("Cancelling…"));
            m_engine->cancel();
            QTimer::singleShot(10000, this, [this] {
                if (m_quitWhenFinished) {
                    m_quitWhenFinished = false;
                    Q_EMIT quitRequested();
                }
            });
        }
    });
    box->open();
}

void RunController::announce(const QString &text)
{
    Q_EMIT logLine(text);
    Q_EMIT statusMessage(text);
}

} // namespace retake::ui
