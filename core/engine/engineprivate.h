// The engine's inside: it owns the collaborators and decides what happens to a task when
// an attempt ends. Each collaborator keeps one concern (docs/ARCHITECTURE.md, "Engine"):
//   TaskTable       tasks, counts, DAG readiness          Scheduler     queues, timers, order
//   ProviderGate    breaker, AIMD, Retry-After hold       BudgetGuard   the run's cost cap
//   DiskGuard       free space, pause and resume          RequestBuilder  request and params
//   AttemptRunner   staging, job, confinement, verify, file
//   RecoveryPlanner what a failure leads to (pure)        FailureArchive  _failed/, error.log
//   StateJournal    rows, runs, restore on open           Checkpoints   create, restore, discard
#pragma once

#include "engine/attemptrunner.h"
#include "engine/budgetguard.h"
#include "engine/checkpoints.h"
#include "engine/diskguard.h"
#include "engine/engine.h"
#include "engine/failurearchive.h"
#include "engine/requestbuilder.h"
#include "engine/retrypolicy.h"
#include "engine/scheduler.h"
#include "engine/statejournal.h"
#include "engine/tasktable.h"
#include "store/workspace.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTimer>

namespace retake {

class EnginePrivate final : public TaskTable::Listener,
                            public Scheduler::Host,
                            public AttemptRunner::Host
{
public:
    explicit EnginePrivate(Engine *engine);

    Engine *q;
    Project project;
    Workspace workspace;
    EngineOptions options;
    RetryPolicy policy;
    StateStore store;
    TaskTable tasks{this};
    RequestBuilder requests{project, tasks, workspace};
    Scheduler scheduler;
    AttemptRunner runner;
    FailureArchive archive;
    StateJournal journal{store, workspace, tasks, requests};
    Checkpoints checkpoints;
    DiskGuard disk;
    BudgetGuard budget;
    QSet<int> dirty;     // changed since the last coalesced update
    QSet<int> persisted; // rows written since their last change (a success, at once)
    QElapsedTimer clock;
    QTimer updateTimer;
    // Commits the finished tasks of the redo log as one group (see succeed()).
    QTimer commitTimer;
    static constexpr int kGroupCommitMs = 50;
    QByteArray inputsFingerprint; // of the storyboard and profiles (Engine::setInputsFingerprint)
    bool digestAwaited = false;   // written once the stale rows are rewritten
    bool opened = false;
    bool started = false;
    bool userPaused = false;
    bool cancelling = false;
    bool finishedEmitted = false;

    void log(const QString &line) override { Q_EMIT q->logMessage(line); }
    PauseReason pauseReason() const;
    void emitPaused();

    // Bookkeeping.
    void markDirty(int i);
    void flushUpdates();
    // Commits the queued state; a full drive pauses the batch like any other write.
    void saveState();
    void addProvider(std::unique_ptr<Provider> provider);
    // A profile with "endpoints": one provider and gate per base URL, in one lane.
    bool addPool(const ProviderProfile &profile, QString *error);
    // The gate of the endpoint task `i`'s attempt went to, or null.
    ProviderGate *gateOf(int i);
    // A pool endpoint that cannot be reached hands the task to the others (no retry spent).
    bool bounceFromDeadEndpoint(int i, const GenerationResult &result);
    int maxLimitOf(const Provider *provider) const;
    double estimateCost(const TaskRecord &t) const;
    void liftBudgetPause();
    CheckpointInfo checkpoint(const QString &reason, QString *error);
    // Write: the owner's open (creates the layout, clears staging, recovers checkpoints,
    // records a crash). Read / ReadLive: a reader's; nothing is written. ReadLive keeps
    // running tasks running (their owner is alive); Read shows them interrupted.
    enum class OpenMode { Write, Read, ReadLive };
    bool openWorkspace(const Project &newProject, const QString &workspaceDir, OpenMode mode,
                       QString *error);
    void loadState(const QList<StoredTask> &stored, bool continuingRun, bool keepRunning = false);
    // A writer after loading its state: keeps `<workspace>/state.digest.json` while the rows
    // are current for `inputsFingerprint`, removes it otherwise (engine/statedigest.h); with
    // stale rows, writes it after the flush that has rewritten the last of them.
    void updateDigest();

    // Results.
    void succeed(int i, const QString &target);
    void fail(int i, const GenerationResult &result);
    bool waitOutRateLimit(int i, const GenerationResult &result);
    void finishAttempt(TaskRecord &t, const GenerationResult &result);
    void recordAttempt(int i);
    void pauseForSpace(int i, const QString &why);
    void endWithoutRetry(int i, ErrorClass cls);
    void resetForRerun(int i);
    // Blocked tasks whose upstream is now on its way wait for it again.
    void settleBlocked();
    void checkFinished();

    // TaskTable::Listener
    void taskChanged(int i) override { markDirty(i); }
    void taskQueued(int i) override { scheduler.enqueue(i); }
    void taskLeftQueue(int i) override { scheduler.dequeue(i); }
    void stageFinished(Stage stage) override;
    void stageReopened(Stage stage) override { checkpoints.stageReopened(stage); }

    // Scheduler::Host
    qint64 now() const override { return clock.elapsed(); }
    bool isStarted() const override { return started; }
    bool isCancelling() const override { return cancelling; }
    bool dispatchAllowed() const override
    {
        return started && !userPaused && !disk.isPaused() && !budget.isPaused() && !cancelling;
    }
    bool hasDiskSpace() override { return disk.check(); }
    bool budgetAllows(int i) override;
    void dispatch(int i, int endpoint) override;
    void taskDiverted(int i) override { markDirty(i); }
    void passEnded() override { checkFinished(); }

    // AttemptRunner::Host
    void attemptProgressed(int i) override { markDirty(i); }
    void attemptWaitsForSpace(int i, const QString &what) override;
    void attemptAcceptedRemotely(int i, const QString &id, bool reattached) override;
    void jobEnded(int i, const GenerationResult &result) override;
    void attemptFiled(int i, const QString &target) override { succeed(i, target); }
    void attemptFailed(int i, const GenerationResult &result) override { fail(i, result); }
    bool driveIsFull() const override;
    QString conformFit(int i) const override
    {
        for (const ProviderProfile &profile : project.providers) {
            if (profile.id == tasks.at(i).current.providerId)
                return profile.options.value(QStringLiteral("fit")).toString();
        }
        return {};
    }
    void attemptNote(int, const QString &line) override { log(line); }
};

} // namespace retake
