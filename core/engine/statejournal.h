// The engine's side of state.sqlite: task records to rows and back, the run records
// (begin, end with an outcome, suspended on purpose or died), and restoring the tasks
// of a workspace when it is opened (a running task becomes interrupted; an edited shot
// starts over). Writes are queued in the store and committed by flush().
#pragma once

#include "engine/requestbuilder.h"
#include "engine/tasktable.h"
#include "store/redolog.h"
#include "store/statestore.h"

#include <QSet>

namespace retake {

class StateJournal final
{
public:
    StateJournal(StateStore &store, const Workspace &workspace, TaskTable &tasks,
                 const RequestBuilder &requests)
        : m_store(store), m_workspace(workspace), m_tasks(tasks), m_requests(requests)
    {
    }

    bool isOpen() const { return m_store.isOpen(); }
    void event(EventKind kind, const QString &detail = {}, const QString &taskId = {});
    void persist(int i);
    void persistAll();
    // Held until persist() writes the task's row: an attempt reaches the store only together
    // with the row it changed.
    void saveAttempt(const TaskRecord &t, const Attempt &attempt);

    // Group commit of finished tasks (docs/ARCHITECTURE.md, "State and workspace"): like
    // persist(), and the row with its attempts also goes to the redo log at once, so the
    // commit can wait for the next group. False when the log cannot be written: the caller
    // commits at once.
    bool persistFinished(int i);
    // After a commit of every queued write: the redo log is not needed any more.
    void committed() { m_redo.clear(); }
    // A writer's open, before the tasks are loaded: applies what the redo log holds and the
    // store does not (a kill between filing and committing), commits it, and opens the log
    // for this process's appends. Returns lines for the log.
    QStringList replayRedoLog();
    void closeRedoLog() { m_redo.close(); }

    // Run lifecycle. After open(): the run that did not end (empty when none) and whether
    // it stopped on purpose (suspend) or because its process died.
    void openRuns();
    const QString &runId() const { return m_runId; }
    const QString &lastRunId() const { return m_lastRunId; }
    bool resumedAfterCrash() const { return m_resumedAfterCrash; }
    bool resumedFromSuspend() const { return m_resumedFromSuspend; }
    // Cost units spent by the attempts of the open run.
    double spentInRun() const;
    // start(): a new run (true) or the one that was open goes on (false).
    bool startOrContinue();
    void suspend();
    // Ends the run with its outcome; a run ended at its budget cap can be reopened.
    void endRun(const BatchSummary &summary, bool stoppedByBudget);
    bool reopenBudgetRun();

    // Loads `stored` onto freshly built tasks; `continuingRun` keeps each task's position
    // on its ladder (a resumed run), otherwise only done tasks keep theirs. A done task whose
    // stored output leads outside draft/ runs again. A task stored as running becomes
    // interrupted, unless `keepRunning` (a reader of a live run). Returns lines for the log.
    QStringList restore(const QList<StoredTask> &stored, bool continuingRun,
                        bool keepRunning = false);
    // A reader that only shows the state (status, estimate, checkpoint list) takes a done
    // task's output as stored: its path is confined by name only and no file is looked at
    // (docs/ARCHITECTURE.md, "State and workspace"). Writers and the window look.
    void setLooksAtFiles(bool looks) { m_looksAtFiles = looks; }
    // Stored rows of shots and voice-overs whose parameters differed from the storyboard's
    // at the last restore() (edited since they were saved) and that persist() has not
    // rewritten yet. While there are none, the rows are current for the storyboard
    // (StateDigest) once the store has flushed.
    qsizetype staleRows() const { return m_staleRows.size(); }

private:
    StoredTask rowOf(const TaskRecord &t) const;
    static void killForTestAfterFiling(const QString &taskId);
    void restoreTask(int i, const StoredTask &s, bool continuingRun, bool keepRunning,
                     Workspace::ResolvedFolders *folders, QStringList *notes);

    StateStore &m_store;
    const Workspace &m_workspace;
    TaskTable &m_tasks;
    const RequestBuilder &m_requests;
    QHash<QString, QList<Attempt>> m_heldAttempts; // task id -> attempts not yet written
    RedoLog m_redo;
    bool m_looksAtFiles = true;
    QSet<int> m_staleRows; // task indices
    QString m_runId;
    QString m_lastRunId;
    QString m_budgetEndedRunId; // the run that ended at the budget cap
    bool m_resumedAfterCrash = false;
    bool m_resumedFromSuspend = false;
};

} // namespace retake
