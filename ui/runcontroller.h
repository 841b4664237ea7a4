// Running the batch: the Run confirmation (estimate and budget cap), resume, pause,
// cancel, raising the budget cap, what a finished batch tells the user, and closing the
// window while a batch runs (pause and quit, cancel and quit). Its texts keep the
// window's translation context (MainWindow::tr).
#pragma once

#include "domain/task.h"

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace retake::ui {

class EngineController;
class ReportsController;
struct ProjectSession;

class RunController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunController)
public:
    // Dialogs open on `window`, the parent.
    explicit RunController(ProjectSession *session, EngineController *engine,
                           ReportsController *reports, QWidget *window);

    // Run (F5): starts the batch after the Run confirmation (estimate and budget cap; not
    // when the user turned it off), resumes it when paused by the user (no question: the
    // run and its cap go on), or offers to raise the budget when its cap stopped it.
    void runBatch();
    // Asks for a higher budget cap for the run stopped by its cap, then continues it.
    void raiseBudget();
    void pause();
    void cancel();

    // A storyboard reloaded while its batch runs continues with the same budget cap.
    void continueAfterReload();
    // The workspace of an owner that died is being taken over: its run continues here
    // once the window owns it (no question, no budget cap).
    void continueAfterTakeOver();
    // The storyboard was not opened: a Run asked for meanwhile is dropped.
    void dropRunAfterOpen();
    // The storyboard is open: a Run asked for before it was reopened is void.
    void forgetQuestion();
    // Does what was asked for before the storyboard was open.
    void runAfterOpen();

    // Logs and shows how the batch ended; writes the report of a run that stopped early.
    void finishBatch(const BatchSummary &summary);

    // Closing the window while a batch runs asks what to do with it.
    bool mustAskBeforeClosing() const;
    void askHowToQuit();
    // "Pause and quit": the batch is suspended (running attempts stop and resume next
    // time), the run's partial report is written, then quitRequested().
    void pauseAndQuit();
    // The session ends without asking (SIGTERM, logout): a running batch pauses and quits
    // as with "Pause and quit"; otherwise the window closes. Once.
    void endSession();

Q_SIGNALS:
    // The user chose to quit and the batch is dealt with: close the window.
    void quitRequested();
    void logLine(const QString &line);
    void statusMessage(const QString &text);

private:
    void announce(const QString &text); // to the activity log and the status bar
    void askToRun();
    void startRun(double budgetCap);
    QWidget *window() const;

    ProjectSession *m_session;
    EngineController *m_engine;
    ReportsController *m_reports;
    // Run was pressed before the storyboard was open (ask first), or a storyboard reloaded
    // while it ran (continue with the same budget cap).
    enum class RunAfterOpen { No, Ask, Continue };
    RunAfterOpen m_runAfterOpen = RunAfterOpen::No;
    bool m_askingToRun = false;
    double m_runBudgetCap = 0.0; // of the run started last
    bool m_closeConfirmed = false;
    bool m_quitWhenFinished = false; // "Cancel the batch and quit" waits for the batch
};

} // namespace retake::ui
