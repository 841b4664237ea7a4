// The engine: builds the task DAG from a project, dispatches runnable tasks to their
// providers under per-provider limits, retries with backoff, degrades along the ladder,
// verifies and files outputs, and publishes batched, coalesced task updates.
// Lives on one thread (the GUI moves it to its own QThread); all work is asynchronous.
#pragma once

#include "domain/project.h"
#include "domain/task.h"
#include "domain/types.h"
#include "engine/engineoptions.h"
#include "store/statestore.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace retake {

class Provider;
class EnginePrivate;

class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)
public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    // Builds the tasks of `project` with its workspace at `workspaceDir` (created when
    // missing). Providers declared by the project are created from their profiles; the
    // built-in local provider is always present. Returns false with `error` set.
    bool open(const Project &project, const QString &workspaceDir, QString *error);
    // Opens the workspace as a reader, for a process that does not own it
    // (docs/ARCHITECTURE.md, "Ownership and watching"): shows the state as last saved and
    // writes nothing (no folders, no events, no crash detection; start() does nothing).
    // `runIsLive`: its owner is running a batch now, so a task saved as running is shown
    // running rather than interrupted.
    bool openReadOnly(const Project &project, const QString &workspaceDir, bool runIsLive,
                      QString *error);
    bool isReadOnly() const;
    // Before open(): the fingerprint of the storyboard's bytes and the provider profiles
    // the project was loaded from. With it, a writer keeps a digest of its state for the
    // readers that do not load the storyboard (engine/statedigest.h); without, it removes it.
    void setInputsFingerprint(const QByteArray &fingerprint);
    const Project &project() const;
    QString workspaceDir() const;

    EngineOptions options() const;
    void setOptions(const EngineOptions &options);
    // Replaces (or adds) a provider; tests inject their own.
    void setProvider(std::unique_ptr<Provider> provider);
    QStringList providerIds() const;

    // Before an engine is deleted on purpose (a window closing, a reload after an edit): a
    // run it was executing and leaves unfinished is recorded as stopped on purpose, so the
    // next open resumes it without taking it for a crash. An engine deleted without this
    // leaves the state a killed process would.
    void shutDown();

    // Batch control.
    void start();
    void pause();
    void resume();
    void cancel();
    // "Pause and quit": pauses and records that the run stops on purpose, so that the next
    // open resumes it without calling it a crash (resumedAfterCrash() stays false).
    void suspend();
    // Sets the run's budget cap (0 = none). A batch stopped by its cap continues, in the
    // same run, when the new cap is higher than the old one or removed.
    void setBudgetCap(double budgetCap);
    // Measures the free space now instead of waiting for the next disk poll: a batch
    // paused because the disk was full resumes at once when there is space again. Returns
    // whether there is enough space; `freeBytes` gets the measured figure (-1: unknown).
    bool recheckDiskSpace(qint64 *freeBytes = nullptr);

    // Recovery actions.
    void retryTask(const QString &taskId);
    void retryAllFailed();
    // Re-runs the given tasks (failed, blocked, cancelled or degraded) on `providerId`.
    void switchProvider(const QStringList &taskIds, const QString &providerId);
    void switchProviderForFailed(const QString &providerId);
    void retryAtFullQuality(const QStringList &taskIds);
    // Stops waiting for `providerId`: closes its breaker and lifts a Retry-After hold, so
    // the tasks queued for it are sent again now. Its adaptive limit is kept.
    void retryProviderNow(const QString &providerId);

    // Checkpoints (docs/ARCHITECTURE.md, "State and workspace"): a consistent copy of the state,
    // made automatically when a stage finishes for every item and before every bulk action, or on
    // demand. Restore rolls every task back (dependents included) without copying or deleting a
    // file, and first checkpoints the current state so that it can be undone. Refused while tasks
    // are running.
    CheckpointInfo createCheckpoint(const QString &reason, QString *error);
    QList<CheckpointInfo> checkpoints() const;
    bool restoreCheckpoint(const QString &checkpointId, QString *error);
    // Deletes draft outputs that neither the current state nor any kept checkpoint points
    // to (outputs "after" a restore). With `dropCheckpoints`, checkpoints are removed
    // first, so only the current outputs stay. Returns the number of files removed.
    int discardUnreferencedOutputs(bool dropCheckpoints, qint64 *bytesFreed, QString *error);

    // Commits every change to the state database now. False, with `error` saying why, when
    // it could not be saved (a read-only or broken state.sqlite): the changes are lost when
    // the engine goes away, so a run that ends like this has not kept its results.
    bool commitState(QString *error);

    // Read access.
    QList<TaskSnapshot> tasks() const;
    TaskSnapshot task(const QString &taskId) const;
    QList<Attempt> attempts(const QString &taskId) const;
    QHash<QString, QList<Attempt>> allAttempts() const;
    BatchSummary summary() const;
    int counts(TaskState state) const;
    bool isFinished() const;
    // Cost units spent by attempts of the current run, and the expected cost of one
    // attempt of `taskId` on its current provider (from the profile's cost per unit).
    double spentThisRun() const;
    // The run being executed or resumed (empty before start), and whether it was resumed
    // after the process that started it died.
    QString currentRunId() const;
    // The run being executed, or the one that ended last in this session (empty before).
    QString lastRunId() const;
    // True when the run being resumed stopped because its process died (crash or kill),
    // false for a run stopped with suspend().
    bool resumedAfterCrash() const;
    double estimatedCost(const QString &taskId) const;
    // Per-provider live state: current concurrency limit, in flight, breaker.
    int providerLimit(const QString &providerId) const;
    int providerInFlight(const QString &providerId) const;
    bool isBreakerOpen(const QString &providerId) const;
    QList<ProviderStatus> providerStatuses() const;

Q_SIGNALS:
    // Coalesced: at most one emission per updateIntervalMs, with every changed task.
    void tasksUpdated(const QList<retake::TaskSnapshot> &tasks);
    void attemptFinished(const QString &taskId, const retake::Attempt &attempt);
    void summaryChanged(const retake::BatchSummary &summary);
    // With every coalesced update while a batch runs.
    void providersUpdated(const QList<retake::ProviderStatus> &providers);
    void pausedChanged(bool paused, retake::PauseReason reason);
    // Emitted once when no task can make progress any more (all final) or after cancel.
    void batchFinished(const retake::BatchSummary &summary);
    void checkpointCreated(const retake::CheckpointInfo &checkpoint);
    void restored(const QString &checkpointId, const QString &undoCheckpointId);
    // A line for the activity log / CLI (no prompts, no keys).
    void logMessage(const QString &line);

private:
    friend class EnginePrivate;
    std::unique_ptr<EnginePrivate> d;
};

} // namespace retake
