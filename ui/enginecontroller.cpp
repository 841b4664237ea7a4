#include "enginecontroller.h"

#include "session/controlclient.h"
#include "session/controlprotocol.h"
#include "session/controlserver.h"
#include "session/workspacelock.h"

#include <QJsonArray>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

// A watcher tries to reach its owner this often, this many times, while the owner starts
// (its lock taken, its channel not listening yet) or ends (channel closed, lock not yet
// released).
constexpr int kConnectAttempts = 25;
constexpr int kConnectRetryMs = 200;

} // namespace

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
    closeEngine();
    stopWatching();
    m_project = project;
    m_workspaceDir = workspaceDir;
    m_first = first;
    if (!m_lock || m_lockDir != workspaceDir) {
        m_lock.reset();
        m_lockDir.clear();
        auto lock = std::make_unique<WorkspaceLock>(workspaceDir);
        QString message;
        const auto outcome =
            lock->acquire(OwnerInfo::forThisProcess(workspaceDir, u"window"_s), false, &message);
        if (outcome == WorkspaceLock::Outcome::Owned) {
            openWatching(project, workspaceDir, lock->owner());
            return;
        }
        if (outcome == WorkspaceLock::Outcome::Failed) {
            const int generation = ++m_generation;
            QTimer::singleShot(0, this, [this, generation, message] {
                if (m_generation == generation)
                    Q_EMIT openFailed(message);
            });
            return;
        }
        if (!message.isEmpty())
            Q_EMIT logMessage(message); // a stale lock of a process that died was taken over
        m_lock = std::move(lock);
        m_lockDir = workspaceDir;
    }
    openEngine(project, workspaceDir, first);
}

void EngineController::openEngine(const Project &project, const QString &workspaceDir,
                                  const Setup &first)
{
    ensureThread();
    m_mode = Mode::Owning;
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

    // As owner.json describes this window (the lock's record).
    const OwnerInfo owner = m_lock && m_lock->isHeld()
                                ? m_lock->owner()
                                : OwnerInfo::forThisProcess(workspaceDir, u"window"_s);
    QList<Setup> setups;
    if (first)
        setups << first;
    setups << m_setups;
    QPointer<EngineController> self(this);
    QMetaObject::invokeMethod(
        engine,
        [engine, project, workspaceDir, setups, self, generation, owner] {
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
            // The control channel, on the engine's thread: watchers follow this window, and
            // what they ask for shows in its log.
            auto *server = new ControlServer(engine, owner, engine);
            QString listenError;
            if (server->listen(&listenError)) {
                QObject::connect(server, &ControlServer::commandExecuted, self.data(),
                                 [self](const QString &, qint64, const QString &line) {
                                     if (self)
                                         Q_EMIT self->logMessage(line);
                                 });
            } else {
                delete server;
            }
            EngineSnapshot snapshot;
            snapshot.tasks = engine->tasks();
            snapshot.providerIds = engine->providerIds();
            snapshot.summary = engine->summary();
            snapshot.providers = engine->providerStatuses();
            snapshot.options = engine->options();
            snapshot.workspaceDir = engine->workspaceDir();
            QMetaObject::invokeMethod(
                self.data(),
                [self, snapshot, generation, listenError] {
                    if (self && self->m_generation == generation) {
                        self->m_readyGeneration = generation;
                        Q_EMIT self->opened(snapshot);
                        if (!listenError.isEmpty())
                            Q_EMIT self->logMessage(tr("Other windows and retake-cli watch "
                                                       "cannot follow this window: %1.")
                                                        .arg(listenError));
                    }
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void EngineController::close()
{
    closeEngine();
    stopWatching();
    m_lock.reset();
    m_lockDir.clear();
    m_mode = Mode::Closed;
}

void EngineController::closeEngine()
{
    if (!m_engine)
        return;
    ++m_generation;
    m_mode = Mode::Closed;
    Engine *engine = m_engine;
    m_engine = nullptr;
    engine->disconnect(this);
    QMetaObject::invokeMethod(
        engine,
        [engine] {
            // Watchers learn that this window let go (and may take the workspace over).
            if (auto *server = engine->findChild<ControlServer *>()) {
                server->announceEnd(runExitCode(engine->summary(), false),
                                    u"the window closed the storyboard"_s);
                delete server;
            }
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
    if (isWatching())
        sendToOwner(u"pause"_s);
    else
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
    if (isWatching())
        sendToOwner(u"resume"_s);
    else
        post([](Engine &e) { e.resume(); });
}

void EngineController::cancel()
{
    if (isWatching())
        sendToOwner(u"cancel"_s);
    else
        post([](Engine &e) { e.cancel(); });
}

void EngineController::retryTasks(const QStringList &taskIds)
{
    if (isWatching()) {
        sendToOwner(u"retry"_s, {{u"tasks"_s, QJsonArray::fromStringList(taskIds)}});
        return;
    }
    post([taskIds](Engine &e) {
        for (const QString &id : taskIds)
            e.retryTask(id);
    });
}

void EngineController::retryAllFailed()
{
    if (isWatching())
        sendToOwner(u"retry-failed"_s);
    else
        post([](Engine &e) { e.retryAllFailed(); });
}

void EngineController::switchProvider(const QStringList &taskIds, const QString &providerId)
{
    if (isWatching()) {
        sendToOwner(u"switch-provider"_s, {{u"tasks"_s, QJsonArray::fromStringList(taskIds)},
                                           {u"provider"_s, providerId}});
        return;
    }
    post([taskIds, providerId](Engine &e) { e.switchProvider(taskIds, providerId); });
}

void EngineController::switchProviderForFailed(const QString &providerId)
{
    if (isWatching())
        sendToOwner(u"retry-failed"_s, {{u"provider"_s, providerId}});
    else
        post([providerId](Engine &e) { e.switchProviderForFailed(providerId); });
}

void EngineController::retryAtFullQuality(const QStringList &taskIds)
{
    if (isWatching())
        sendToOwner(u"retry-full"_s, {{u"tasks"_s, QJsonArray::fromStringList(taskIds)}});
    else
        post([taskIds](Engine &e) { e.retryAtFullQuality(taskIds); });
}

void EngineController::retryProviderNow(const QString &providerId)
{
    if (isWatching())
        sendToOwner(u"retry-provider-now"_s, {{u"provider"_s, providerId}});
    else
        post([providerId](Engine &e) { e.retryProviderNow(providerId); });
}

void EngineController::fetchAttempts(
    const QStringList &taskIds, QObject *receiver,
    const std::function<void(const QList<QList<Attempt>> &)> &reply)
{
    if (!isWatching()) {
        query<QList<QList<Attempt>>>(
            [taskIds](Engine &engine) {
                QList<QList<Attempt>> attempts;
                for (const QString &id : taskIds)
                    attempts << engine.attempts(id);
                return attempts;
            },
            receiver, reply);
        return;
    }
    if (!m_client || taskIds.isEmpty())
        return;
    // One "attempts" request per task; the reply once all have answered (an unknown task,
    // such as the video of a shot without one, has none).
    struct Pending {
        QList<QList<Attempt>> attempts;
        int left = 0;
    };
    auto pending = std::make_shared<Pending>();
    pending->attempts.resize(taskIds.size());
    pending->left = int(taskIds.size());
    QPointer<QObject> guard(receiver);
    const int generation = m_generation;
    for (int i = 0; i < taskIds.size(); ++i) {
        m_client->send(u"attempts"_s, {{u"task"_s, taskIds.at(i)}},
                       [this, pending, i, guard, generation, reply](const QJsonObject &answer) {
                           for (const QJsonValue a : answer.value(u"attempts"_s).toArray())
                               pending->attempts[i] << attemptFromJson(a.toObject());
                           if (--pending->left == 0 && guard && m_generation == generation)
                               reply(pending->attempts);
                       });
    }
}

void EngineController::changeOptions(const std::function<void(EngineOptions &)> &change)
{
    // Watching: the owner's engine keeps its options; the preferences apply when this
    // window owns the workspace.
    post([change](Engine &e) {
        EngineOptions options = e.options();
        change(options);
        e.setOptions(options);
    });
}

// Watching (docs/ARCHITECTURE.md, "Ownership and watching").

void EngineController::openWatching(const Project &project, const QString &workspaceDir,
                                    const OwnerInfo &owner)
{
    closeEngine();
    stopWatching();
    m_lock.reset(); // another process owns it
    m_lockDir.clear();
    m_project = project;
    m_workspaceDir = workspaceDir;
    m_owner = owner;
    if (m_owner.socketPath.isEmpty())
        m_owner.socketPath = OwnerInfo::socketPathFor(workspaceDir);
    m_mode = Mode::Watching;
    m_ownerEnded = false;
    const int generation = ++m_generation;
    m_client = new ControlClient(this);
    connectClient(generation);
    tryConnect(generation, kConnectAttempts);
}

bool EngineController::watchingNow(int generation) const
{
    return m_generation == generation && m_client && isWatching();
}

void EngineController::connectClient(int generation)
{
    const auto current = [this, generation] {
        return watchingNow(generation) && m_readyGeneration == generation;
    };
    ControlClient *client = m_client;
    connect(client, &ControlClient::hello, this,
            [this, generation](const RemoteSnapshot &remote) { onHello(generation, remote); });
    connect(client, &ControlClient::tasksUpdated, this,
            [this, current](const QList<TaskSnapshot> &t) {
                if (current())
                    Q_EMIT tasksUpdated(t);
            });
    connect(client, &ControlClient::attemptFinished, this,
            [this, current](const QString &taskId, const Attempt &attempt) {
                if (current())
                    Q_EMIT attemptFinished(taskId, attempt);
            });
    connect(client, &ControlClient::summaryChanged, this, [this, current](const BatchSummary &s) {
        if (current())
            Q_EMIT summaryChanged(s);
    });
    connect(client, &ControlClient::providersUpdated, this,
            [this, current](const QList<ProviderStatus> &providers) {
                if (current())
                    Q_EMIT providersUpdated(providers);
            });
    connect(client, &ControlClient::pausedChanged, this,
            [this, current](bool paused, PauseReason reason) {
                if (current())
                    Q_EMIT pausedChanged(paused, reason);
            });
    connect(client, &ControlClient::logMessage, this, [this, current](const QString &line) {
        if (current())
            Q_EMIT logMessage(line);
    });
    connect(client, &ControlClient::batchFinished, this, [this, current](const BatchSummary &s) {
        if (current())
            Q_EMIT batchFinished(s);
    });
    connect(client, &ControlClient::runEnded, this,
            [this, generation](int exitCode, const QString &how) {
                if (!watchingNow(generation) || m_ownerEnded)
                    return;
                m_ownerEnded = true;
                Q_EMIT ownerEnded(m_owner, exitCode, how);
            });
    connect(client, &ControlClient::protocolError, this, [this, generation](const QString &error) {
        if (watchingNow(generation))
            Q_EMIT logMessage(tr("The owner of the workspace sent something this window "
                                 "cannot read: %1")
                                  .arg(error));
    });
    connect(client, &ControlClient::disconnected, this,
            [this, generation] { onOwnerDisconnected(generation); });
}

void EngineController::tryConnect(int generation, int attemptsLeft)
{
    if (!watchingNow(generation))
        return;
    QString error;
    if (m_owner.isThisHost() && m_client->connectTo(m_owner.socketPath, 1000, &error)) {
        m_client->subscribe();
        return;
    }
    if (m_owner.isThisHost() && attemptsLeft > 0) {
        // Starting (lock taken, not listening yet) or ending (channel closed, lock not yet
        // released): ask again shortly, and own the workspace once it is free.
        QTimer::singleShot(kConnectRetryMs, this, [this, generation, attemptsLeft] {
            if (!watchingNow(generation))
                return;
            const std::optional<OwnerInfo> owner = WorkspaceLock::liveOwner(m_workspaceDir);
            if (!owner) {
                open(m_project, m_workspaceDir, m_first);
                return;
            }
            m_owner = *owner;
            if (m_owner.socketPath.isEmpty())
                m_owner.socketPath = OwnerInfo::socketPathFor(m_workspaceDir);
            tryConnect(generation, attemptsLeft - 1);
        });
        return;
    }
    const QString reason =
        m_owner.isThisHost()
            ? tr("%1 owns this workspace but does not answer on %2 (%3). Wait until it ends, "
                 "or stop it, then open the storyboard again.")
                  .arg(m_owner.describe(), m_owner.socketPath, error)
            : tr("%1 owns this workspace from another computer; this window cannot follow it. "
                 "Watch it there, or run retake-cli run FILE --take-over here once it has "
                 "stopped.")
                  .arg(m_owner.describe());
    stopWatching();
    m_mode = Mode::Closed;
    Q_EMIT openFailed(reason);
}

void EngineController::onHello(int generation, const RemoteSnapshot &remote)
{
    if (!watchingNow(generation))
        return;
    if (remote.owner.isValid())
        m_owner = remote.owner;
    EngineSnapshot snapshot;
    snapshot.tasks = remote.tasks;
    snapshot.providerIds = remote.providerIds;
    snapshot.summary = remote.summary;
    snapshot.summary.paused = remote.paused;
    snapshot.summary.pauseReason = remote.pauseReason;
    snapshot.providers = remote.providers;
    snapshot.workspaceDir = m_workspaceDir;
    m_readyGeneration = generation;
    Q_EMIT watchingStarted(m_owner);
    Q_EMIT opened(snapshot);
}

void EngineController::onOwnerDisconnected(int generation)
{
    if (!watchingNow(generation))
        return;
    if (m_ownerEnded) {
        // It ended its run and is letting go; its lock may outlive its channel briefly.
        QTimer::singleShot(kConnectRetryMs, this, [this, generation] {
            if (watchingNow(generation))
                Q_EMIT ownerReleased();
        });
        return;
    }
    m_mode = Mode::OwnerLost;
    Q_EMIT ownerLost(m_owner);
}

void EngineController::stopWatching()
{
    if (!m_client)
        return;
    ++m_generation;
    ControlClient *client = std::exchange(m_client, nullptr);
    client->disconnect(this);
    client->disconnectFromOwner();
    client->deleteLater();
    if (isWatching())
        m_mode = Mode::Closed;
}

void EngineController::sendToOwner(const QString &cmd, const QJsonObject &args)
{
    if (!m_client || m_mode != Mode::Watching) {
        Q_EMIT logMessage(tr("%1 is gone: take over the workspace first.").arg(m_owner.describe()));
        return;
    }
    const OwnerInfo owner = m_owner;
    QPointer<EngineController> self(this);
    m_client->send(cmd, args, [self, owner, cmd](const QJsonObject &reply) {
        if (self && !reply.value(u"ok"_s).toBool())
            Q_EMIT self->logMessage(
                tr("%1 refused %2: %3")
                    .arg(owner.describe(), cmd, reply.value(u"error"_s).toString()));
    });
}

} // namespace retake::ui
