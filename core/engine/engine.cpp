// The engine's public face: it opens a workspace, takes the user's commands and answers
// what the UI and the CLI read. Every decision lives in a collaborator (engineprivate.h
// lists them; docs/ARCHITECTURE.md tells the life of a task through them).
#include "engine.h"

#include "engine/engineprivate.h"
#include "engine/statedigest.h"
#include "providers/provider.h"
#include "providers/providerfactory.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// A pool's status: the sum of its endpoints' slots, avoided only when every endpoint is,
// the latest error of any, and each endpoint's own line (docs/ARCHITECTURE.md, "Endpoint
// pools").
void fillPoolStatus(const ProviderLane &lane, ProviderStatus *status, qint64 now)
{
    status->inFlight = 0;
    status->limit = 0;
    status->maxLimit = 0;
    bool anyClosed = false;
    double errorRate = 0.0;
    for (const LaneEndpoint &endpoint : lane.endpoints) {
        ProviderStatus one;
        endpoint.gate.fillStatus(&one, now);
        status->inFlight += one.inFlight;
        status->limit += one.limit;
        status->maxLimit += one.maxLimit;
        anyClosed = anyClosed || one.breaker == ProviderStatus::Breaker::Closed;
        errorRate += one.recentErrorRate / double(lane.endpoints.size());
        if (one.lastErrorAt.isValid() &&
            (!status->lastErrorAt.isValid() || one.lastErrorAt > status->lastErrorAt)) {
            status->lastError = one.lastError;
            status->lastErrorMessage = one.lastErrorMessage;
            status->lastErrorAt = one.lastErrorAt;
        }
        if (one.breaker == ProviderStatus::Breaker::Open &&
            (!status->breakerOpenUntil.isValid() ||
             one.breakerOpenUntil < status->breakerOpenUntil))
            status->breakerOpenUntil = one.breakerOpenUntil;
        status->endpoints << EndpointStatus{endpoint.url, endpoint.gate.endpointState(now),
                                            one.inFlight, one.limit};
    }
    status->recentErrorRate = errorRate;
    if (anyClosed) {
        status->breaker = ProviderStatus::Breaker::Closed;
        status->breakerOpenUntil = QDateTime();
    } else if (lane.allOpen(now)) {
        status->breaker = ProviderStatus::Breaker::Open;
    } else {
        status->breaker = ProviderStatus::Breaker::HalfOpen;
        status->breakerOpenUntil = QDateTime();
    }
}

} // namespace

Engine::Engine(QObject *parent) : QObject(parent), d(std::make_unique<EnginePrivate>(this))
{
    qRegisterMetaType<TaskSnapshot>();
    qRegisterMetaType<QList<TaskSnapshot>>();
    qRegisterMetaType<Attempt>();
    qRegisterMetaType<BatchSummary>();
    qRegisterMetaType<PauseReason>();
    qRegisterMetaType<ProviderStatus>();
    qRegisterMetaType<QList<ProviderStatus>>();
    qRegisterMetaType<CheckpointInfo>();
    qRegisterMetaType<GenerationResult>();
    d->clock.start();
    d->updateTimer.setSingleShot(true);
    connect(&d->updateTimer, &QTimer::timeout, this, [this] { d->flushUpdates(); });
    d->commitTimer.setSingleShot(true);
    connect(&d->commitTimer, &QTimer::timeout, this, [this] { d->saveState(); });
}

Engine::~Engine()
{
    for (int i = 0; i < d->tasks.size(); ++i) {
        TaskRecord &t = d->tasks.at(i);
        if (t.job) {
            t.cancelRequested = true;
            t.job->disconnect(this);
            t.job->cancel();
            // Cancelled on the server too: the next open must not re-attach to it.
            if (t.remoteJob.isValid()) {
                t.remoteJob = RemoteJobRef();
                d->markDirty(i);
            }
        }
    }
    d->flushUpdates();
}

void Engine::shutDown()
{
    if (d->started && !d->journal.runId().isEmpty() && !d->finishedEmitted && d->store.isOpen()) {
        d->journal.suspend();
        d->saveState();
    }
}

bool Engine::open(const Project &project, const QString &workspaceDir, QString *error)
{
    return d->openWorkspace(project, workspaceDir, EnginePrivate::OpenMode::Write, error);
}

bool Engine::openReadOnly(const Project &project, const QString &workspaceDir, bool runIsLive,
                          QString *error)
{
    return d->openWorkspace(
        project, workspaceDir,
        runIsLive ? EnginePrivate::OpenMode::ReadLive : EnginePrivate::OpenMode::Read, error);
}

bool Engine::isReadOnly() const
{
    return d->store.isReadOnly();
}

void Engine::setInputsFingerprint(const QByteArray &fingerprint)
{
    d->inputsFingerprint = fingerprint;
}

void EnginePrivate::updateDigest()
{
    const QString root = workspace.root();
    const bool describable = !inputsFingerprint.isEmpty() && StateDigest::canDescribe(project);
    digestAwaited = describable && journal.staleRows() > 0;
    // The rows' meta says which inputs they are current for (StateStore::setRowsInputs): a
    // checkpoint keeps it, and a restore of rows of these inputs keeps the digest.
    if (!describable || digestAwaited) {
        StateDigest::remove(root);
        store.setRowsInputs({});
        return;
    }
    store.setRowsInputs(inputsFingerprint);
    if (StateDigest::isCurrent(root, inputsFingerprint))
        return;
    StateDigest digest;
    digest.inputs = inputsFingerprint;
    digest.skeleton = project;
    for (const auto &[id, lane] : scheduler.lanes()) {
        if (!lane.provider())
            continue;
        int configured = 0;
        for (const LaneEndpoint &endpoint : lane.endpoints)
            configured += std::max(1, endpoint.provider ? endpoint.provider->maxConcurrency() : 1);
        const ProviderProfile *profile = project.provider(id);
        digest.providers << StateDigest::Provider{id, lane.provider()->kind(),
                                                  lane.provider()->model(), configured,
                                                  profile ? profile->costPerUnit : 0.0};
    }
    QString error;
    if (!digest.write(root, &error)) {
        StateDigest::remove(root);
        log(Engine::tr("Could not write %1 (%2); status and estimate read the storyboard instead.")
                .arg(StateDigest::fileName(), error));
    }
}

const Project &Engine::project() const
{
    return d->project;
}
QString Engine::workspaceDir() const
{
    return d->workspace.root();
}
EngineOptions Engine::options() const
{
    return d->options;
}

void Engine::setOptions(const EngineOptions &options)
{
    const EngineOptions old = d->options;
    d->options = options;
    d->policy = RetryPolicy(options.retry, options.jitterSeed);
    // Preferences applied mid-run keep what the engine learnt about each provider (an open
    // breaker, a limit halved after 429s) unless those very settings changed.
    for (auto &entry : d->scheduler.lanes()) {
        for (LaneEndpoint &endpoint : entry.second.endpoints)
            endpoint.gate.reconfigure(d->maxLimitOf(endpoint.provider.get()), old, options);
    }
    // A higher (or no) cap lets a batch stopped by its cap continue.
    if (d->budget.liftsPause(old.budgetCap))
        d->liftBudgetPause();
    if (d->started)
        d->scheduler.request(); // a higher concurrency limit takes effect at once
}

void Engine::setBudgetCap(double budgetCap)
{
    const double previous = d->options.budgetCap;
    d->options.budgetCap = std::max(0.0, budgetCap);
    if (d->budget.liftsPause(previous))
        d->liftBudgetPause();
    else
        Q_EMIT summaryChanged(summary());
}

bool Engine::recheckDiskSpace(qint64 *freeBytes)
{
    if (freeBytes)
        *freeBytes = d->disk.measureFreeSpace();
    if (!d->opened)
        return true;
    const bool enough = d->disk.check();
    if (enough)
        d->scheduler.request();
    return enough;
}

void Engine::setProvider(std::unique_ptr<Provider> provider)
{
    d->addProvider(std::move(provider));
}

QStringList Engine::providerIds() const
{
    QStringList ids;
    for (const auto &entry : d->scheduler.lanes()) {
        if (entry.second.provider())
            ids << entry.first;
    }
    return ids;
}

void Engine::start()
{
    if (!d->opened || d->store.isReadOnly())
        return;
    d->started = true;
    d->cancelling = false;
    d->finishedEmitted = false;
    if (d->journal.startOrContinue())
        d->budget.resetForNewRun(); // a new run: a new budget
    d->checkpoints.clearStages();
    for (int i = 0; i < d->tasks.size(); ++i) {
        const TaskState s = d->tasks.at(i).snap.state;
        if (s == TaskState::Interrupted || s == TaskState::Cancelled)
            d->tasks.setState(i, d->tasks.readyState(i));
    }
    // Re-link the provider queues (tasks may have been queued before providers changed).
    d->scheduler.relinkQueues();
    d->scheduler.request();
    Q_EMIT summaryChanged(summary());
}

void Engine::pause()
{
    if (d->userPaused)
        return;
    d->userPaused = true;
    Q_EMIT pausedChanged(true, PauseReason::User);
    Q_EMIT summaryChanged(summary());
}

void Engine::suspend()
{
    pause();
    if (!d->store.isOpen() || d->journal.runId().isEmpty())
        return;
    d->journal.suspend();
    d->log(tr("Run %1 is paused and continues the next time this storyboard is opened.")
               .arg(d->journal.runId()));
    d->saveState();
}

void Engine::resume()
{
    if (!d->userPaused)
        return;
    d->userPaused = false;
    Q_EMIT pausedChanged(d->disk.isPaused(),
                         d->disk.isPaused() ? PauseReason::DiskFull : PauseReason::None);
    d->scheduler.request();
    Q_EMIT summaryChanged(summary());
}

CheckpointInfo Engine::createCheckpoint(const QString &reason, QString *error)
{
    return d->checkpoint(reason.isEmpty() ? u"manual"_s : reason, error);
}

bool Engine::commitState(QString *error)
{
    d->flushUpdates();
    if (!d->store.isOpen() || !d->store.hasPendingWrites())
        return true;
    QString why;
    if (d->store.flush(&why))
        return true;
    if (error)
        *error = why;
    return false;
}

QList<CheckpointInfo> Engine::checkpoints() const
{
    return d->checkpoints.list();
}

bool Engine::restoreCheckpoint(const QString &checkpointId, QString *error)
{
    QString why;
    if (counts(TaskState::Running) > 0) {
        why = tr("%1 task(s) are running; pause and wait for them (or cancel) before "
                 "restoring a checkpoint")
                  .arg(counts(TaskState::Running));
    }
    QString undoId;
    const QList<StoredTask> stored =
        why.isEmpty() ? d->checkpoints.restore(checkpointId, &undoId, &why) : QList<StoredTask>();
    if (stored.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    d->scheduler.clearRetries();
    d->loadState(stored, true);
    for (int i = 0; i < d->tasks.size(); ++i) {
        d->journal.persist(i);
        d->dirty.insert(i);
        if (d->tasks.at(i).snap.state == TaskState::Queued)
            d->scheduler.enqueue(i);
    }
    d->finishedEmitted = false;
    d->flushUpdates();
    d->log(tr("Restored checkpoint %1; the state before it is checkpoint %2.")
               .arg(checkpointId, undoId));
    Q_EMIT restored(checkpointId, undoId);
    d->scheduler.request();
    return true;
}

int Engine::discardUnreferencedOutputs(bool dropCheckpoints, qint64 *bytesFreed, QString *error)
{
    if (counts(TaskState::Running) > 0) {
        if (error)
            *error = tr("tasks are running; wait for the batch to finish first");
        return -1;
    }
    return d->checkpoints.discardUnreferenced(dropCheckpoints, bytesFreed, error);
}

// ---------------------------------------------------------------------------------------
// Read access

QHash<QString, QList<Attempt>> Engine::allAttempts() const
{
    QHash<QString, QList<Attempt>> all;
    all.reserve(d->tasks.size());
    for (const TaskRecord &t : d->tasks.all())
        all.insert(t.snap.id, t.attempts);
    return all;
}

int Engine::counts(TaskState state) const
{
    return d->tasks.count(state);
}

QList<TaskSnapshot> Engine::tasks() const
{
    QList<TaskSnapshot> list;
    list.reserve(d->tasks.size());
    for (const TaskRecord &t : d->tasks.all())
        list << t.snapshot();
    return list;
}

TaskSnapshot Engine::task(const QString &taskId) const
{
    const int i = d->tasks.indexOf(taskId);
    return i < 0 ? TaskSnapshot() : d->tasks.at(i).snapshot();
}

QList<Attempt> Engine::attempts(const QString &taskId) const
{
    const int i = d->tasks.indexOf(taskId);
    return i < 0 ? QList<Attempt>() : d->tasks.at(i).attempts;
}

BatchSummary Engine::summary() const
{
    BatchSummary s;
    s.total = d->tasks.size();
    for (auto it = d->tasks.counts().cbegin(); it != d->tasks.counts().cend(); ++it) {
        if (it.value() > 0)
            s.counts.insert(it.key(), it.value());
    }
    for (auto it = d->tasks.qualities().cbegin(); it != d->tasks.qualities().cend(); ++it) {
        if (it.value() > 0)
            s.qualities.insert(it.key(), it.value());
    }
    s.running = d->started && !d->finishedEmitted;
    s.paused = d->userPaused || d->disk.isPaused() || d->budget.isPaused();
    s.pauseReason = d->pauseReason();
    s.spent = d->budget.spent();
    s.budgetCap = d->options.budgetCap;
    return s;
}

bool Engine::isFinished() const
{
    return d->finishedEmitted;
}

QString Engine::currentRunId() const
{
    return d->journal.runId();
}

QString Engine::lastRunId() const
{
    return d->journal.lastRunId();
}

bool Engine::resumedAfterCrash() const
{
    return d->journal.resumedAfterCrash();
}

double Engine::spentThisRun() const
{
    return d->budget.spent();
}

double Engine::estimatedCost(const QString &taskId) const
{
    const int i = d->tasks.indexOf(taskId);
    return i < 0 ? 0.0 : d->estimateCost(d->tasks.at(i));
}

int Engine::providerLimit(const QString &providerId) const
{
    const ProviderLane *lane = d->scheduler.lane(providerId);
    return lane ? lane->limit() : 0;
}

int Engine::providerInFlight(const QString &providerId) const
{
    const ProviderLane *lane = d->scheduler.lane(providerId);
    return lane ? lane->inFlight() : 0;
}

QList<ProviderStatus> Engine::providerStatuses() const
{
    QList<ProviderStatus> list;
    const qint64 now = d->now();
    for (const auto &[id, lane] : d->scheduler.lanes()) {
        if (!lane.provider())
            continue;
        ProviderStatus status;
        status.id = id;
        status.kind = lane.provider()->kind();
        status.model = lane.provider()->model();
        lane.gate().fillStatus(&status, now);
        if (lane.isPool())
            fillPoolStatus(lane, &status, now);
        status.queued = int(lane.queue.size());
        list << status;
    }
    return list;
}

bool Engine::isBreakerOpen(const QString &providerId) const
{
    const ProviderLane *lane = d->scheduler.lane(providerId);
    if (!lane)
        return false;
    for (const LaneEndpoint &endpoint : lane->endpoints) {
        if (endpoint.gate.breakerState(d->now()) == CircuitBreaker::State::Closed)
            return false;
    }
    return true;
}

} // namespace retake
