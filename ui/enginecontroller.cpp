#include "enginecontroller.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace retake::ui {

EngineController::EngineController(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<EngineSnapshot>();
    qRegisterMetaType<TaskSnapshot>();
    qRegisterMetaType<QList<TaskSnapshot>>();
    qRegisterMetaType<Attempt>();
    qRegisterMetaType<BatchSummary>();
    qRegisterMetaType<ProviderStatus>();
    qRegisterMetaType<QList<ProviderStatus>>();
    qRegisterMetaType<CheckpointInfo>();
}

EngineController::~EngineController()
{
    close();
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_threadContext;
    }
}

void EngineController::ensureThread()
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(u"retake-engine"_s);
    m_threadContext = new QObject;
    m_threadContext->moveToThread(m_thread);
    m_thread->start();
}

void EngineController::open(const Project &project, const QString &workspaceDir, const Setup &first)
{
    close();
    ensureThread();
    const int generation = ++m_generation;

    // Created on its own thread so that its timers and database connection live there.
    Engine *engine = nullptr;
    QMetaObject::invokeMethod(
        m_threadContext, [&engine] { engine = new Engine; }, Qt::BlockingQueuedConnection);
    m_engine = engine;

    // Relays: queued to this (GUI-thread) object; signals of an older engine are dropped.
    // Until opened() the snapshot already holds what they say.
    const auto current = [this, generation] {
        return m_generation == generation && m_readyGeneration == generation;
    };
    connect(engine, &Engine::tasksUpdated, this, [this, current](const QList<TaskSnapshot> &t) {
        if (current())
            Q_EMIT tasksUpdated(t);
    });
    connect(engine, &Engine::attemptFinished, this,
            [this, current](const QString &taskId, const Attempt &attempt) {
                if (current())
                    Q_EMIT attemptFinished(taskId, attempt);
            });
    connect(engine, &Engine::summaryChanged, this, [this, current](const BatchSummary &s) {
        if (current())
            Q_EMIT summaryChanged(s);
    });
    connect(engine, &Engine::providersUpdated, this,
            [this, current](const QList<ProviderStatus> &providers) {
                if (current())
                    Q_EMIT providersUpdated(providers);
            });
    connect(engine, &Engine::checkpointCreated, this,
            [this, current](const CheckpointInfo &checkpoint) {
                if (current())
                    Q_EMIT checkpointCreated(checkpoint);
            });
    connect(engine, &Engine::restored, this,
            [this, current](const QString &checkpointId, const QString &undoId) {
                if (current())
                    Q_EMIT restored(checkpointId, undoId);
            });
    connect(engine, &Engine::pausedChanged, this, [this, current](bool paused, PauseReason reason) {
        if (current())
            Q_EMIT pausedChanged(paused, reason);
    });
    connect(engine, &Engine::batchFinished, this, [this, current](const BatchSummary &s) {
        if (current())
            Q_EMIT batchFinished(s);
    });
    connect(engine, &Engine::logMessage, this, [this, current](const QString &line) {
        if (current())
            Q_EMIT logMessage(line);
    });

    QList<Setup> setups;
    if (first)
        setups << first;
    setups << m_setups;
    QPointer<EngineController> self(this);
    QMetaObject::invokeMethod(
        engine,
        [engine, project, workspaceDir, setups, self, generation] {
            QString error;
            if (!engine->open(project, workspaceDir, &error)) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, error, generation] {
                        if (self && self->m_generation == generation)
                            Q_EMIT self->openFailed(error);
                    },
                    Qt::QueuedConnection);
                return;
            }
            for (const Setup &setup : setups)
                setup(*engine);
            EngineSnapshot snapshot;
            snapshot.tasks = engine->tasks();
            snapshot.providerIds = engine->providerIds();
            snapshot.summary = engine->summary();
            snapshot.providers = engine->providerStatuses();
            snapshot.options = engine->options();
            snapshot.workspaceDir = engine->workspaceDir();
            QMetaObject::invokeMethod(
                self.data(),
                [self, snapshot, generation] {
                    if (self && self->m_generation == generation) {
                        self->m_readyGeneration = generation;
                        Q_EMIT self->opened(snapshot);
                    }
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void EngineController::close()
{
    if (!m_engine)
        return;
    ++m_generation;
    Engine *engine = m_engine;
    m_engine = nullptr;
    engine->disconnect(this);
    QMetaObject::invokeMethod(
        engine,
        [engine] {
            engine->shutDown();
            delete engine;
        },
        Qt::BlockingQueuedConnection);
}

void EngineController::post(const std::function<void(Engine &)> &work)
{
    if (!m_engine)
        return;
    Engine *engine = m_engine;
    QMetaObject::invokeMethod(
        engine, [engine, work] { work(*engine); }, Qt::QueuedConnection);
}

void EngineController::start()
{
    post([](Engine &e) { e.start(); });
}

void EngineController::startRun(double budgetCap)
{
    post([budgetCap](Engine &e) {
        e.setBudgetCap(budgetCap);
        e.start();
    });
}

void EngineController::pause()
{
    post([](Engine &e) { e.pause(); });
}

void EngineController::suspend()
{
    post([](Engine &e) { e.suspend(); });
}

void EngineController::setBudgetCap(double budgetCap)
{
    post([budgetCap](Engine &e) { e.setBudgetCap(budgetCap); });
}

void EngineController::recheckDiskSpace(QObject *receiver,
                                        const std::function<void(const DiskCheck &)> &reply)
{
    query<DiskCheck>(
        [](Engine &engine) {
            DiskCheck check;
            check.enough = engine.recheckDiskSpace(&check.freeBytes);
            check.reserveBytes = engine.options().diskReserveBytes;
            return check;
        },
        receiver, reply);
}

void EngineController::resume()
{
    post([](Engine &e) { e.resume(); });
}

void EngineController::cancel()
{
    post([](Engine &e) { e.cancel(); });
}

void EngineController::retryTasks(const QStringList &taskIds)
{
    post([taskIds](Engine &e) {
        for (const QString &id : taskIds)
            e.retryTask(id);
    });
}

void EngineController::retryAllFailed()
{
    post([](Engine &e) { e.retryAllFailed(); });
}

void EngineController::switchProvider(const QStringList &taskIds, const QString &providerId)
{
    post([taskIds, providerId](Engine &e) { e.switchProvider(taskIds, providerId); });
}

void EngineController::switchProviderForFailed(const QString &providerId)
{
    post([providerId](Engine &e) { e.switchProviderForFailed(providerId); });
}

void EngineController::retryAtFullQuality(const QStringList &taskIds)
{
    post([taskIds](Engine &e) { e.retryAtFullQuality(taskIds); });
}

void EngineController::changeOptions(const std::function<void(EngineOptions &)> &change)
{
    post([change](Engine &e) {
        EngineOptions options = e.options();
        change(options);
        e.setOptions(options);
    });
}

} // namespace retake::ui
