// The GUI's handle on the engine. The Engine lives on its own QThread and is created,
// opened and destroyed there (its timers and its SQLite connection belong to the thread
// that creates them). The GUI thread never calls an engine getter directly: actions are
// posted with post(), queries with query(), and the engine's signals arrive here queued.
//
// One owner per workspace (docs/ARCHITECTURE.md, "Ownership and watching"): open() takes
// the workspace's lock for as long as the workspace is open and serves the control channel
// from the engine's thread, so that retake-cli watch and other windows follow this one. A
// workspace another live process owns is watched instead: no engine, a ControlClient on the
// GUI thread whose events arrive as the same signals, and the steering actions sent to the
// owner. post() and query() do nothing while watching.
#pragma once

#include "domain/project.h"
#include "domain/task.h"
#include "engine/engine.h"
#include "session/ownerinfo.h"

#include <QJsonObject>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace retake {
class ControlClient;
class WorkspaceLock;
struct RemoteSnapshot;
} // namespace retake

namespace retake::ui {

// What the GUI needs from the engine right after open(), taken on the engine thread.
struct EngineSnapshot {
    QList<TaskSnapshot> tasks;
    QStringList providerIds;
    BatchSummary summary;
    QList<ProviderStatus> providers;
    EngineOptions options;
    QString workspaceDir;
};

// The outcome of EngineController::recheckDiskSpace().
struct DiskCheck {
    bool enough = true;    // the batch is not (or no longer) paused for disk space
    qint64 freeBytes = -1; // measured now; -1 when unknown
    qint64 reserveBytes = 0;
};

class EngineController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineController)
public:
    // Runs on the engine thread after Engine::open() and before the first snapshot:
    // options, injected providers (tests), preferences.
    using Setup = std::function<void(Engine &engine)>;

    explicit EngineController(QObject *parent = nullptr);
    ~EngineController() override;

    // Replaces the current engine (if any) by a new one on `project`. Asynchronous:
    // opened() or openFailed() follows. `first` runs first (the user's preferences), then
    // the added setups in the order they were added. Takes the workspace's lock first; when
    // another live process owns the workspace, watches it instead (openWatching()).
    void open(const Project &project, const QString &workspaceDir, const Setup &first = {});
    // Follows the run of `owner` (another process, or another window) on `workspaceDir`:
    // watchingStarted() and opened() follow once the owner has sent its snapshot.
    void openWatching(const Project &project, const QString &workspaceDir, const OwnerInfo &owner);
    void addSetup(const Setup &setup) { m_setups << setup; }
    // Destroys the engine (blocking until its thread has let go of it) or stops watching,
    // and lets go of the workspace.
    void close();

    bool isOpen() const { return m_engine != nullptr; }
    // The workspace is another process's: watching it, or its owner is gone (ownerLost()).
    bool isWatching() const { return m_mode == Mode::Watching || m_mode == Mode::OwnerLost; }
    // Watching, and the owner answers: the steering actions reach it.
    bool isOwnerConnected() const { return m_mode == Mode::Watching; }
    // The process watched (valid while isWatching()).
    const OwnerInfo &watchedOwner() const { return m_owner; }
    // Increases with every open(); signals of an older engine are dropped.
    int generation() const { return m_generation; }

    // Runs `work` on the engine thread. No-op without an engine.
    void post(const std::function<void(Engine &engine)> &work);

    // Runs `ask` on the engine thread and hands its result to `reply` on the GUI thread,
    // unless `receiver` was destroyed meanwhile. `ask` may act (create a checkpoint).
    template <typename Result>
    void query(std::function<Result(Engine &engine)> ask, QObject *receiver,
               std::function<void(const Result &result)> reply)
    {
        if (!m_engine)
            return;
        QPointer<QObject> guard(receiver);
        QPointer<EngineController> self(this);
        const int generation = m_generation;
        Engine *engine = m_engine;
        QMetaObject::invokeMethod(
            engine,
            [engine, ask, reply, guard, self, generation] {
                Result result = ask(*engine);
                if (!self)
                    return;
                QMetaObject::invokeMethod(
                    self.data(),
                    [result, reply, guard, self, generation] {
                        if (guard && self && self->m_generation == generation)
                            reply(result);
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    // Batch control and recovery, all posted to the engine thread.
    void start();
    // Starts the batch with a budget cap for the run (cost units; 0 = none).
    void startRun(double budgetCap);
    void pause();
    // Pause and quit: the run continues the next time the storyboard is opened.
    void suspend();
    void resume();
    void cancel();
    // Raises (or removes, with 0) the run's budget cap; a capped batch continues.
    void setBudgetCap(double budgetCap);
    // Makes the engine measure the free space now (Engine::recheckDiskSpace): a batch
    // paused for a full disk resumes at once when there is space. `reply` gets the result
    // on this thread unless `receiver` is gone.
    void recheckDiskSpace(QObject *receiver, const std::function<void(const DiskCheck &)> &reply);
    void retryTasks(const QStringList &taskIds);
    void retryAllFailed();
    void switchProvider(const QStringList &taskIds, const QString &providerId);
    void switchProviderForFailed(const QString &providerId);
    void retryAtFullQuality(const QStringList &taskIds);
    // Reads the options on the engine thread, lets `change` edit them, applies them.
    void changeOptions(const std::function<void(EngineOptions &options)> &change);
    // Stops waiting for `providerId`'s cool-down (its circuit breaker).
    void retryProviderNow(const QString &providerId);
    // The attempts of `taskIds`, in that order, from the engine or from the owner watched.
    void fetchAttempts(const QStringList &taskIds, QObject *receiver,
                       const std::function<void(const QList<QList<Attempt>> &)> &reply);

Q_SIGNALS:
    void opened(const retake::ui::EngineSnapshot &snapshot);
    void openFailed(const QString &error);
    void tasksUpdated(const QList<retake::TaskSnapshot> &tasks);
    void attemptFinished(const QString &taskId, const retake::Attempt &attempt);
    void summaryChanged(const retake::BatchSummary &summary);
    void providersUpdated(const QList<retake::ProviderStatus> &providers);
    void checkpointCreated(const retake::CheckpointInfo &checkpoint);
    void restored(const QString &checkpointId, const QString &undoCheckpointId);
    void pausedChanged(bool paused, retake::PauseReason reason);
    void batchFinished(const retake::BatchSummary &summary);
    void logMessage(const QString &line);
    // Watching `owner`: its snapshot arrived; opened() follows.
    void watchingStarted(const retake::OwnerInfo &owner);
    // The owner watched ended its run (`how`, and its exit code). ownerReleased() follows
    // when it has let go of the workspace.
    void ownerEnded(const retake::OwnerInfo &owner, int exitCode, const QString &how);
    // The owner that ended has let go: open() the workspace again to own it.
    void ownerReleased();
    // The owner watched went away without ending its run (killed, crashed): open() the
    // workspace to take it over.
    void ownerLost(const retake::OwnerInfo &owner);

private:
    enum class Mode { Closed, Owning, Watching, OwnerLost };

    void ensureThread();
    void openEngine(const Project &project, const QString &workspaceDir, const Setup &first);
    void closeEngine();
    void stopWatching();
    void connectClient(int generation);
    void tryConnect(int generation, int attemptsLeft);
    void onHello(int generation, const RemoteSnapshot &remote);
    void onOwnerDisconnected(int generation);
    // Sends `cmd` to the owner watched; a refusal is logged.
    void sendToOwner(const QString &cmd, const QJsonObject &args = {});
    bool watchingNow(int generation) const;

    QThread *m_thread = nullptr;
    QObject *m_threadContext = nullptr; // lives on m_thread; creates the engine there
    Engine *m_engine = nullptr;         // lives on m_thread
    QList<Setup> m_setups;
    int m_generation = 0;
    int m_readyGeneration = -1;

    Mode m_mode = Mode::Closed;
    std::unique_ptr<WorkspaceLock> m_lock; // held while this window owns m_lockDir
    QString m_lockDir;
    // Watching: the owner, its channel, and what reopening the workspace needs.
    OwnerInfo m_owner;
    ControlClient *m_client = nullptr;
    bool m_ownerEnded = false;
    Project m_project;
    QString m_workspaceDir;
    Setup m_first;
};

} // namespace retake::ui

Q_DECLARE_METATYPE(retake::ui::EngineSnapshot)
