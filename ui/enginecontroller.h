// The GUI's handle on the engine. The Engine lives on its own QThread and is created,
// opened and destroyed there (its timers and its SQLite connection belong to the thread
// that creates them). The GUI thread never calls an engine getter directly: actions are
// posted with post(), queries with query(), and the engine's signals arrive here queued.
#pragma once

#include "domain/project.h"
#include "domain/task.h"
#include "engine/engine.h"

#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

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
    // the added setups in the order they were added.
    void open(const Project &project, const QString &workspaceDir, const Setup &first = {});
    void addSetup(const Setup &setup) { m_setups << setup; }
    // Destroys the engine (blocking until its thread has let go of it).
    void close();

    bool isOpen() const { return m_engine != nullptr; }
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

private:
    void ensureThread();

    QThread *m_thread = nullptr;
    QObject *m_threadContext = nullptr; // lives on m_thread; creates the engine there
    Engine *m_engine = nullptr;         // lives on m_thread
    QList<Setup> m_setups;
    int m_generation = 0;
    int m_readyGeneration = -1;
};

} // namespace retake::ui

Q_DECLARE_METATYPE(retake::ui::EngineSnapshot)
