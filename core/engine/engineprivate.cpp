#include "engineprivate.h"

#include "engine/recoveryplanner.h"
#include "providers/provider.h"
#include "providers/providerfactory.h"
#include "util/diskspace.h"

#include <QDir>

#include <utility>

using namespace Qt::StringLiterals;

namespace retake {

EnginePrivate::EnginePrivate(Engine *engine)
    : q(engine), scheduler(tasks, *this, engine), runner(tasks, workspace, options, *this, engine),
      archive(
          workspace, [this](const QString &line) { log(line); }, engine),
      checkpoints(store, journal, tasks, workspace,
                  {[this](const QString &line) { log(line); },
                   [this](const CheckpointInfo &info) { Q_EMIT q->checkpointCreated(info); }}),
      disk(options, store,
           {[this](const QString &line) { log(line); }, [this](bool) { emitPaused(); },
            [this] { scheduler.request(); }},
           engine),
      budget(options, {[this](const QString &line) { log(line); },
                       [this] {
                           Q_EMIT q->pausedChanged(true, PauseReason::BudgetCap);
                           Q_EMIT q->summaryChanged(q->summary());
                           checkFinished();
                       }})
{
}

PauseReason EnginePrivate::pauseReason() const
{
    return disk.isPaused()     ? PauseReason::DiskFull
           : budget.isPaused() ? PauseReason::BudgetCap
           : userPaused        ? PauseReason::User
                               : PauseReason::None;
}

void EnginePrivate::emitPaused()
{
    // The disk guard paused or resumed: the user's pause still shows when it is set.
    Q_EMIT q->pausedChanged(disk.isPaused() || userPaused, disk.isPaused() ? PauseReason::DiskFull
                                                           : userPaused    ? PauseReason::User
                                                                           : PauseReason::None);
    Q_EMIT q->summaryChanged(q->summary());
}

// ---------------------------------------------------------------------------------------
// Bookkeeping

void EnginePrivate::markDirty(int i)
{
    dirty.insert(i);
    persisted.remove(i);
    if (!updateTimer.isActive())
        updateTimer.start(options.updateIntervalMs);
}

void EnginePrivate::flushUpdates()
{
    if (dirty.isEmpty() && !store.hasPendingWrites())
        return;
    QList<int> changed(dirty.cbegin(), dirty.cend());
    std::sort(changed.begin(), changed.end());
    dirty.clear();
    QList<TaskSnapshot> snapshots;
    snapshots.reserve(changed.size());
    for (int i : changed) {
        TaskRecord &t = tasks.at(i);
        t.snap = t.snapshot();
        snapshots << t.snap;
        if (!persisted.contains(i))
            journal.persist(i);
    }
    persisted.clear();
    saveState();
    if (!snapshots.isEmpty())
        Q_EMIT q->tasksUpdated(snapshots);
    Q_EMIT q->summaryChanged(q->summary());
    Q_EMIT q->providersUpdated(q->providerStatuses());
}

void EnginePrivate::saveState()
{
    // Every row that changed goes with this write, so that no task's attempts are written
    // without the row they changed (docs/ARCHITECTURE.md, "State and workspace").
    for (int i : std::as_const(dirty)) {
        if (!persisted.contains(i)) {
            journal.persist(i);
            persisted.insert(i);
        }
    }
    commitTimer.stop();
    QString error;
    if (!store.isOpen())
        return;
    if (store.flush(&error)) {
        journal.committed();
        // The rows the storyboard's edit made stale are all rewritten now.
        if (digestAwaited && journal.staleRows() == 0)
            updateDigest();
        return;
    }
    if (store.lastFlushFailedForSpace()) {
        disk.pauseForDiskFull(error);
        return;
    }
    log(Engine::tr("Could not save the batch state (will try again): %1").arg(error));
}

void EnginePrivate::addProvider(std::unique_ptr<Provider> provider)
{
    ProviderLane &lane = scheduler.lanes()[provider->id()];
    lane.endpoints.resize(1);
    LaneEndpoint &only = lane.endpoints.front();
    only.gate = ProviderGate(maxLimitOf(provider.get()), options.breaker, options.aimd,
                             provider->ratePolicy());
    only.provider = std::move(provider);
    only.label.clear();
    only.url.clear();
}

bool EnginePrivate::addPool(const ProviderProfile &profile, QString *error)
{
    std::vector<LaneEndpoint> endpoints;
    for (const ProviderEndpoint &endpoint : profile.endpoints) {
        ProviderProfile one = profile;
        one.endpoints.clear();
        one.baseUrl = endpoint.baseUrl;
        if (endpoint.maxConcurrency > 0)
            one.maxConcurrency = endpoint.maxConcurrency;
        QString why;
        std::unique_ptr<Provider> provider = createProvider(one, &why);
        if (!provider) {
            if (error)
                *error = why;
            return false;
        }
        LaneEndpoint added;
        added.gate = ProviderGate(maxLimitOf(provider.get()), options.breaker, options.aimd,
                                  provider->ratePolicy());
        added.provider = std::move(provider);
        added.url = endpoint.baseUrl;
        added.label = ProviderLane::labelOf(endpoint.baseUrl);
        for (const LaneEndpoint &other : endpoints) {
            if (other.label == added.label) // two URLs on one host and port
                added.label = QUrl(endpoint.baseUrl).adjusted(QUrl::RemoveScheme).toString();
        }
        endpoints.push_back(std::move(added));
    }
    scheduler.lanes()[profile.id].endpoints = std::move(endpoints);
    return true;
}

ProviderGate *EnginePrivate::gateOf(int i)
{
    const TaskRecord &t = tasks.at(i);
    ProviderLane *lane = scheduler.lane(t.current.providerId);
    if (!lane || t.endpoint < 0 || size_t(t.endpoint) >= lane->endpoints.size())
        return nullptr;
    return &lane->gate(t.endpoint);
}

int EnginePrivate::maxLimitOf(const Provider *provider) const
{
    const int configured = provider ? std::max(1, provider->maxConcurrency()) : 1;
    return options.concurrencyCap > 0 ? std::min(configured, options.concurrencyCap) : configured;
}

double EnginePrivate::estimateCost(const TaskRecord &t) const
{
    const ProviderLane *lane = scheduler.lane(t.providerId());
    return requests.estimatedCost(t, lane ? lane->provider() : nullptr);
}

bool EnginePrivate::budgetAllows(int i)
{
    return budget.allows(estimateCost(tasks.at(i)));
}

void EnginePrivate::liftBudgetPause()
{
    budget.lift(); // re-evaluated against the new cap on the next dispatch
    journal.reopenBudgetRun();
    finishedEmitted = false;
    log(budget.liftMessage());
    emitPaused();
    scheduler.request();
}

bool EnginePrivate::openWorkspace(const Project &newProject, const QString &workspaceDir,
                                  OpenMode mode, QString *error)
{
    const bool write = mode == OpenMode::Write;
    project = newProject;
    workspace = Workspace(workspaceDir);
    disk.setRoot(workspaceDir);
    options.retry = newProject.retry;
    policy = RetryPolicy(options.retry, options.jitterSeed);
    if (write) {
        if (!workspace.ensureLayout(error))
            return false;
        // Leftovers of attempts that were in flight when the previous run stopped (after
        // the failures of an earlier run in this process have left their parked files).
        archive.waitForDone();
        QDir(workspace.path(u"draft/.staging"_s)).removeRecursively();
        runner.resetStaging();
    }

    scheduler.lanes().clear();
    addProvider(createBuiltinProvider());
    for (const ProviderProfile &profile : newProject.providers) {
        if (!profile.endpoints.isEmpty()) {
            if (!addPool(profile, error))
                return false;
            continue;
        }
        QString why;
        std::unique_ptr<Provider> provider = createProvider(profile, &why);
        if (!provider) {
            if (error)
                *error = why;
            return false;
        }
        addProvider(std::move(provider));
    }

    const QString database = workspace.path(u"state.sqlite"_s);
    if (!(write ? store.open(database, error) : store.openReadOnly(database, error)))
        return false;
    if (write) {
        for (const QString &note : journal.replayRedoLog())
            log(note);
        checkpoints.recover();
    } else {
        journal.closeRedoLog();
    }
    journal.openRuns();
    const QString runId = journal.runId();
    if (!write) {
        // A reader says nothing about crashes: the owner (or the next writer) decides.
    } else if (journal.resumedAfterCrash()) {
        log(Engine::tr("Resuming run %1, which stopped before it finished.").arg(runId));
    } else if (journal.resumedFromSuspend()) {
        log(Engine::tr("Run %1 was paused when Retake quit; Run continues it.").arg(runId));
    }
    journal.setLooksAtFiles(mode != OpenMode::Read);
    loadState(store.loadTasks(), !runId.isEmpty(), mode == OpenMode::ReadLive);
    budget.setSpent(journal.spentInRun());
    opened = true;
    started = false;
    finishedEmitted = false;
    return true;
}

CheckpointInfo EnginePrivate::checkpoint(const QString &reason, QString *error)
{
    return checkpoints.create(reason, error);
}

void EnginePrivate::stageFinished(Stage stage)
{
    // An automatic checkpoint when a stage has finished for every item.
    if (!started || cancelling || !checkpoints.claimStage(stage))
        return;
    QMetaObject::invokeMethod(
        q,
        [this, stage] {
            QString error;
            checkpoint(CheckpointReason::stageFinished(stage), &error);
        },
        Qt::QueuedConnection);
}

void EnginePrivate::loadState(const QList<StoredTask> &stored, bool continuingRun, bool keepRunning)
{
    tasks.build(project);
    scheduler.clearQueues();
    for (const QString &note : journal.restore(stored, continuingRun, keepRunning))
        log(note);
    dirty.clear();
    if (store.isOpen() && !store.isReadOnly())
        updateDigest();
}

// ---------------------------------------------------------------------------------------
// Dispatch

void EnginePrivate::dispatch(int i, int endpoint)
{
    TaskRecord &t = tasks.at(i);
    const Rung rung = t.rung();
    ProviderLane *lane = scheduler.lane(rung.providerId);
    Provider *provider = lane ? lane->provider(endpoint) : nullptr;
    t.endpoint = endpoint;
    t.request = requests.request(t);
    t.request.spaceRetryMs = options.diskPollIntervalMs;
    t.cancelRequested = false;

    Attempt &a = t.current;
    a = Attempt();
    a.number = t.request.attemptNumber;
    a.rung = rung.kind;
    a.providerId = rung.providerId;
    a.startedAt = QDateTime::currentDateTimeUtc();
    t.dispatchedMs = now();

    if (!provider || !provider->supports(t.snap.stage)) {
        tasks.setState(i, TaskState::Running);
        const QString why =
            !provider ? Engine::tr("provider \"%1\" is not configured").arg(rung.providerId)
                      //: %2 is the stage in English (image, video, voice...); "s" makes it plural.
                      : Engine::tr("provider \"%1\" cannot make %2s")
                            .arg(rung.providerId, nameOf(t.snap.stage));
        fail(i, GenerationResult::failure(
                    ErrorClass::InvalidRequest,
                    why + Engine::tr("; choose another provider for this task")));
        return;
    }

    t.request.model = provider->model();
    a.model = t.request.model;
    a.params = RequestBuilder::attemptParams(t.request);
    a.paramsHash = RequestBuilder::hashOf(a.params);
    const QString &label = lane->endpoints.at(size_t(endpoint)).label;
    if (lane->isPool())
        a.params.insert(u"endpoint"_s, label); // shown with the attempt; not in the hash
    // A job this provider accepted for these very parameters before the process stopped is
    // re-attached to, not paid for again (docs/ARCHITECTURE.md, "Remote jobs across a restart").
    // A pool's job lives on one endpoint: sent elsewhere, it is submitted again.
    const RemoteJobRef left = std::exchange(t.remoteJob, RemoteJobRef());
    if (left.isValid() && left.providerId == rung.providerId && left.paramsHash == a.paramsHash) {
        if (left.endpoint == label) {
            t.request.resumeJobId = left.id;
            t.remoteJob = left;
        } else {
            //: %1 task, %2 remote job id, %3 and %4 endpoints (host:port) of a pool.
            log(Engine::tr("%1: remote job %2 was on %3, which is not available now; it is "
                           "submitted again on %4.")
                    .arg(t.snap.id, left.id,
                         left.endpoint.isEmpty() ? rung.providerId : left.endpoint,
                         label.isEmpty() ? rung.providerId : label));
        }
    }

    QString error;
    if (!runner.prepareStaging(t, &error)) {
        tasks.setState(i, TaskState::Running);
        fail(i, GenerationResult::failure(ErrorClass::FileIo, error));
        return;
    }

    t.costEstimate = estimateCost(t);
    budget.addInFlight(t.costEstimate);
    ProviderJob *job = provider->createJob(t.request, q);
    t.ticket = lane->gate(endpoint).onSent(now());
    t.accepted = false;
    t.snap.attemptCount = a.number;
    t.snap.progress = 0.0;
    tasks.setState(i, TaskState::Running);
    runner.run(i, job);
}

void EnginePrivate::jobEnded(int i, const GenerationResult &result)
{
    TaskRecord &t = tasks.at(i);
    // The attempt's estimate stays in flight until the attempt ends (succeed(), fail()):
    // while its output is verified and filed, the budget still counts it.
    if (ProviderGate *gate = gateOf(i)) {
        gate->onHint(result.rateHint, now());
        // An answer that is not a rate limit shows what the provider takes (for pacing).
        const bool answered = result.ok() || (result.httpStatus > 0 && result.httpStatus != 429 &&
                                              result.errorClass != ErrorClass::RateLimited);
        if (answered && !t.accepted)
            gate->onAccepted(t.ticket, now());
        gate->onFinished(t.ticket);
    }
    t.accepted = false;
    t.job = nullptr;
}

bool EnginePrivate::driveIsFull() const
{
    return isOutOfSpace(disk.measureFreeSpace());
}

void EnginePrivate::attemptAcceptedRemotely(int i, const QString &id, bool reattached)
{
    TaskRecord &t = tasks.at(i);
    Attempt &a = t.current;
    a.remoteJobId = id;
    if (ProviderGate *gate = gateOf(i); gate && !t.accepted)
        gate->onAccepted(t.ticket, now());
    t.accepted = true;
    RemoteJobRef ref;
    ref.id = id;
    ref.providerId = a.providerId;
    ref.attemptNumber = a.number;
    ref.paramsHash = a.paramsHash;
    if (const ProviderLane *lane = scheduler.lane(a.providerId); lane && lane->isPool())
        ref.endpoint = lane->endpoints.at(size_t(t.endpoint)).label;
    ref.submittedAt = reattached && t.remoteJob.id == id ? t.remoteJob.submittedAt
                                                         : QDateTime::currentDateTimeUtc();
    if (reattached) {
        //: %1 is the provider's job id.
        a.message = Engine::tr("re-attached to remote job %1 after a restart").arg(id);
        //: %1 is the task, %2 the provider's job id, %3 the provider.
        log(Engine::tr("%1: re-attached to remote job %2 on %3 (submitted before the restart); "
                       "it is not submitted again.")
                .arg(t.snap.id, id, a.providerId));
    } else if (!t.request.resumeJobId.isEmpty()) {
        //: %1 is the task, %2 the old job id, %3 the provider, %4 the new job id.
        log(Engine::tr("%1: remote job %2 is no longer known to %3; submitted again as %4.")
                .arg(t.snap.id, t.request.resumeJobId, a.providerId, id));
    }
    if (!ref.isValid()) {
        // An id that cannot go into a URL safely is not stored: a kill now submits again.
        t.remoteJob = RemoteJobRef();
        //: %1 is the task, %2 the provider, %3 the job id it sent.
        log(Engine::tr("%1: %2 named its job with an id Retake does not store (%3); if Retake "
                       "stops before it ends, the job will be submitted again.")
                .arg(t.snap.id, a.providerId, id.left(80)));
        return;
    }
    // Committed before the job first waits on it, not with the coalesced updates: a kill
    // from here on re-attaches instead of paying for the job twice.
    t.remoteJob = ref;
    journal.persist(i);
    persisted.insert(i);
    saveState();
}

void EnginePrivate::attemptWaitsForSpace(int i, const QString &what)
{
    disk.pauseForDiskFull(
        //: %1 is the task, %2 what could not be written.
        Engine::tr("%1 keeps its output until there is room for it (%2)")
            .arg(tasks.at(i).snap.id, what));
}

// ---------------------------------------------------------------------------------------
// Results

void EnginePrivate::recordAttempt(int i)
{
    TaskRecord &t = tasks.at(i);
    t.attempts << t.current;
    // The attempt has ended: nothing to re-attach to any more. Not before: a kill while its
    // output is downloaded or verified fetches the output again, without a new submission.
    t.remoteJob = RemoteJobRef();
    // Held by the journal until the task's row is written with it: the store never holds an
    // attempt without the ladder position it led to (a kill in between would replay it).
    journal.saveAttempt(t, t.current);
    markDirty(i);
}

void EnginePrivate::succeed(int i, const QString &target)
{
    TaskRecord &t = tasks.at(i);
    Attempt &a = t.current;
    a.endedAt = QDateTime::currentDateTimeUtc();
    a.outputPath = workspace.relativePath(target);
    budget.releaseInFlight(std::exchange(t.costEstimate, 0.0));
    budget.addSpent(a.costUnits);
    recordAttempt(i);
    if (ProviderGate *gate = gateOf(i))
        gate->onSucceeded();
    t.rateWaitedMs = 0;
    t.rateWaits = 0;
    t.paramsHash = requests.paramsHash(t);
    t.snap.outputPath = target;
    t.snap.lastError = ErrorClass::None;
    t.snap.lastMessage.clear();
    t.snap.lastHttpStatus = 0;
    t.previousOutput.clear();
    t.previousQuality = Quality::None;
    Quality quality = qualityOf(a.rung);
    if (t.snap.stage == Stage::Assembly) {
        // A scene with a slate or a degraded shot in it is degraded too.
        for (int d : t.node.dependencies) {
            const TaskRecord &dep = tasks.at(d);
            if (dep.snap.state != TaskState::Done || isDegraded(dep.snap.quality))
                quality = Quality::Reduced;
        }
    }
    tasks.setQuality(i, quality);
    tasks.setState(i, TaskState::Done);
    if (isOnOtherProvider(quality)) {
        log(Engine::tr("%1: done at full quality on another provider (%2).")
                .arg(t.snap.id, a.providerId));
    } else if (quality != Quality::Full) {
        //: %1 is the task, %2 the quality reached (in English, e.g. reduced), %3 the
        //: fallback rung (in English), %4 the provider.
        log(Engine::tr("%1: done at %2 quality (%3 on %4).")
                .arg(t.snap.id, nameOf(quality), nameOf(a.rung), a.providerId));
    }
    // A verified output goes to the redo log at once and is committed with the next group
    // of writes (at most kGroupCommitMs later): after a crash it is never asked for again
    // (docs/ARCHITECTURE.md, "State and workspace"). Without the log, it is committed now.
    persisted.insert(i);
    if (journal.persistFinished(i)) {
        if (!commitTimer.isActive())
            commitTimer.start(kGroupCommitMs);
    } else {
        journal.persist(i);
        saveState();
    }
    Q_EMIT q->attemptFinished(t.snap.id, a);
    tasks.settleDependents(i);
    scheduler.request();
    checkFinished();
}

void EnginePrivate::finishAttempt(TaskRecord &t, const GenerationResult &result)
{
    budget.releaseInFlight(std::exchange(t.costEstimate, 0.0));
    Attempt &a = t.current;
    a.endedAt = QDateTime::currentDateTimeUtc();
    a.errorClass = result.errorClass;
    a.httpStatus = result.httpStatus;
    a.message = result.message;
    if (!result.stderrTail.isEmpty())
        a.stderrTail = result.stderrTail;
    if (!options.debugLogging) {
        // What the provider said goes to the state, error.log, error.json and reports.
        a.message = requests.withoutPrompts(t, a.message);
        a.stderrTail = requests.withoutPrompts(t, a.stderrTail);
    }
    a.costUnits = result.costUnits;
    budget.addSpent(a.costUnits);
    t.snap.lastError = result.errorClass;
    t.snap.lastMessage = a.message;
    t.snap.lastHttpStatus = result.httpStatus;
}

void EnginePrivate::pauseForSpace(int i, const QString &why)
{
    // Not a task failure: the batch pauses and the task waits for space.
    TaskRecord &t = tasks.at(i);
    runner.releaseStaging(t);
    t.current.countedAgainstBudget = false;
    recordAttempt(i);
    disk.pauseForDiskFull(why);
    tasks.setState(i, TaskState::Queued);
    Q_EMIT q->attemptFinished(t.snap.id, t.current);
}

void EnginePrivate::fail(int i, const GenerationResult &result)
{
    TaskRecord &t = tasks.at(i);
    finishAttempt(t, result);
    Attempt &a = t.current;
    const ErrorClass cls = result.errorClass;
    const qint64 nowMs = now();

    if (cls == ErrorClass::Cancelled) {
        // Cancelled attempts leave nothing in draft/ and are never retried.
        runner.releaseStaging(t);
        a.countedAgainstBudget = false;
        recordAttempt(i);
        tasks.setState(i, TaskState::Cancelled);
        tasks.cancelDependents(i);
        Q_EMIT q->attemptFinished(t.snap.id, a);
        checkFinished();
        return;
    }
    if (cls == ErrorClass::DiskFull) {
        //: %1 is the task, %2 the error.
        pauseForSpace(i,
                      Engine::tr("%1 could not write its output (%2)").arg(t.snap.id, a.message));
        return;
    }

    if (waitOutRateLimit(i, result) || bounceFromDeadEndpoint(i, result))
        return;
    a.archivedTo = archive.archive(t, t.request.outputDir);
    runner.releaseStaging(t);
    if (ProviderGate *gate = gateOf(i)) {
        const QString line = gate->onFailed(a.providerId, cls, t.ticket, result.retryAfterMs,
                                            options.retry.maxDelayMs, nowMs, a.message, a.endedAt);
        if (!line.isEmpty()) {
            log(line);
            // Kept in the state so that reports can show when the provider was avoided.
            journal.event(EventKind::BreakerOpened, line.chopped(1));
        }
    }

    const RecoveryDecision decision = RecoveryPlanner::decide(
        cls, a.providerId, {t.ladder, t.rungIndex, t.retriesUsed, t.rungFailures, t.refusedBy},
        options.retry);
    if (decision.refuseProvider)
        t.refusedBy.insert(a.providerId);
    recordAttempt(i);
    archive.logFailure(t, result, options.retry.maxRetries + 1, decision.retries(),
                       options.debugLogging);
    Q_EMIT q->attemptFinished(t.snap.id, a);

    if (!decision.retries()) {
        endWithoutRetry(i, cls);
        return;
    }
    t.retriesUsed += 1;
    if (decision.targetRung == t.rungIndex) {
        t.rungFailures += 1;
    } else {
        t.rungIndex = decision.targetRung;
        t.rungFailures = 0;
        t.rateWaitedMs = 0;
        t.rateWaits = 0;
    }
    const qint64 delay = decision.backoffRetryNumber > 0
                             ? policy.delayMs(decision.backoffRetryNumber, result.retryAfterMs)
                             : 0;
    tasks.setState(i, TaskState::Retrying);
    if (delay > 0) {
        scheduler.retryAt(i, nowMs + delay);
        t.snap.retryAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    } else {
        tasks.setState(i, TaskState::Queued);
    }
    scheduler.request();
}

bool EnginePrivate::waitOutRateLimit(int i, const GenerationResult &result)
{
    // A rate limit is not a failure (docs/ARCHITECTURE.md, "Rate limits"): the task waits on
    // the same provider and rung, spends no retry and no breaker count, until its waits on
    // this rung together pass the profile's maxWaitMs. So is a 503 that names its wait.
    const ErrorClass cls = result.errorClass;
    const bool namedBusy = cls == ErrorClass::ProviderUnavailable && result.retryAfterMs;
    if (cls != ErrorClass::RateLimited && !namedBusy)
        return false;
    TaskRecord &t = tasks.at(i);
    Attempt &a = t.current;
    ProviderLane *lane = scheduler.lane(a.providerId);
    ProviderGate *gate = gateOf(i);
    // The built-in provider's injected 429s are random faults, not a limit: they keep the
    // failure route (see RatePolicy::learnsRate).
    if (!lane || !gate || !lane->provider() || !lane->provider()->ratePolicy().learnsRate)
        return false;
    const qint64 nowMs = now();
    qint64 wait = 0;
    if (result.retryAfterMs) {
        wait = *result.retryAfterMs;
    } else {
        // No wait named: the pacer's next slot, or a short backoff that doubles.
        wait = std::max<qint64>(gate->nextSlotMs(nowMs) - nowMs,
                                policy.backoffMs(t.rateWaits + 1) / 4);
    }
    wait = std::max<qint64>(wait, 1);
    const int maxWaitMs = lane->provider()->ratePolicy().maxWaitMs;
    if (t.rateWaitedMs + wait > maxWaitMs)
        return false; // waited long enough: now it is a failure like any other
    t.rateWaitedMs += wait;
    t.rateWaits += 1;
    gate->onRateLimited(t.ticket, result.retryAfterMs ? std::optional<qint64>(wait) : std::nullopt,
                        nowMs, a.message, a.endedAt);
    a.countedAgainstBudget = false;
    //: Appended to a rate-limit message. %1 is the wait in seconds, %2 the provider, %3 the
    //: seconds waited so far on this rung of the fallback ladder, %4 the most it waits.
    a.message += Engine::tr(" — waiting %1 s on %2 (%3 s of %4 s waited on this rung; no retry "
                            "spent)")
                     .arg(wait / 1000.0, 0, 'f', wait < 10000 ? 1 : 0)
                     .arg(a.providerId)
                     .arg(t.rateWaitedMs / 1000.0, 0, 'f', 1)
                     .arg(maxWaitMs / 1000.0, 0, 'f', 0);
    runner.releaseStaging(t);
    recordAttempt(i);
    Q_EMIT q->attemptFinished(t.snap.id, a);
    tasks.setState(i, TaskState::Retrying);
    scheduler.retryAt(i, nowMs + wait);
    t.snap.retryAt = QDateTime::currentDateTimeUtc().addMSecs(wait);
    scheduler.request();
    return true;
}

bool EnginePrivate::bounceFromDeadEndpoint(int i, const GenerationResult &result)
{
    // docs/ARCHITECTURE.md, "Endpoint pools": a pool's endpoint that refuses or drops the
    // connection is down, not the task's fault. While another endpoint of the pool is alive,
    // the task goes back to the queue at once: no retry, no rung, no budget; the dead
    // endpoint's breaker opens so that its share goes to the others.
    const bool unreachable =
        result.httpStatus == 0 && (result.errorClass == ErrorClass::ProviderUnavailable ||
                                   result.errorClass == ErrorClass::Network);
    TaskRecord &t = tasks.at(i);
    Attempt &a = t.current;
    ProviderLane *lane = scheduler.lane(a.providerId);
    ProviderGate *gate = gateOf(i);
    if (!unreachable || !lane || !gate || !lane->isPool())
        return false;
    const qint64 nowMs = now();
    const QString endpoint = lane->endpoints.at(size_t(t.endpoint)).label;
    const QString line =
        gate->onUnreachable(a.providerId + u'@' + endpoint, t.ticket, nowMs, a.message, a.endedAt);
    if (!line.isEmpty()) {
        log(line);
        journal.event(EventKind::BreakerOpened, line.chopped(1));
    }
    if (!lane->hasOtherAlive(t.endpoint, nowMs))
        return false; // every endpoint is down: a failure like any other
    a.countedAgainstBudget = false;
    //: %1 is an endpoint (host:port), %2 the pool's provider id.
    a.message += Engine::tr(" — %1 cannot be reached; the task goes to another endpoint of %2 "
                            "(no retry spent)")
                     .arg(endpoint, a.providerId);
    runner.releaseStaging(t);
    recordAttempt(i);
    Q_EMIT q->attemptFinished(t.snap.id, a);
    tasks.setState(i, TaskState::Retrying);
    tasks.setState(i, TaskState::Queued);
    scheduler.request();
    return true;
}

void EnginePrivate::endWithoutRetry(int i, ErrorClass cls)
{
    TaskRecord &t = tasks.at(i);
    if (!t.previousOutput.isEmpty()) {
        // A full-quality retry failed: keep the degraded output that was there.
        t.snap.outputPath = t.previousOutput;
        tasks.setQuality(i, t.previousQuality);
        tasks.setState(i, TaskState::Done);
        //: %1 is the task, %2 the error class (in English).
        log(Engine::tr("%1: the full-quality retry failed (%2); keeping the degraded output.")
                .arg(t.snap.id, nameOf(cls)));
        t.previousOutput.clear();
        checkFinished();
        return;
    }
    tasks.setState(i, TaskState::Failed);
    //: %1 is the task, %2 the number of attempts, %3 the error class (in English, e.g.
    //: timeout), %4 the last attempt's message.
    log(Engine::tr("%1: failed after %2 attempt(s): %3 — %4")
            .arg(t.snap.id)
            .arg(t.current.number)
            .arg(nameOf(cls), t.current.message));
    tasks.settleDependents(i);
    checkFinished();
    scheduler.request();
}

void EnginePrivate::resetForRerun(int i)
{
    TaskRecord &t = tasks.at(i);
    if (t.snap.state == TaskState::Running)
        return;
    if (t.snap.state == TaskState::Retrying)
        scheduler.cancelRetry(i);
    t.ladder = TaskTable::ladderFor(project, t.snap.stage, t.providerOverride);
    t.rungIndex = 0;
    t.retriesUsed = 0;
    t.rungFailures = 0;
    t.rateWaitedMs = 0;
    t.rateWaits = 0;
    t.refusedBy.clear();
    if (t.snap.state == TaskState::Done) {
        t.previousOutput = t.snap.outputPath;
        t.previousQuality = t.snap.quality;
    }
    tasks.setQuality(i, Quality::None);
    tasks.setState(i, TaskState::Waiting);
    tasks.resetDependents(i);
    tasks.setState(i, tasks.readyState(i));
    finishedEmitted = false;
}

void EnginePrivate::settleBlocked()
{
    for (int i = 0; i < tasks.size(); ++i) {
        if (tasks.at(i).snap.state == TaskState::Blocked)
            tasks.setState(i, tasks.readyState(i));
    }
}

void EnginePrivate::checkFinished()
{
    if (!started || finishedEmitted)
        return;
    // A batch stopped by its budget cap ends once nothing is in flight; the rest stays
    // queued for a higher cap.
    const bool stoppedByBudget = budget.isPaused() && tasks.count(TaskState::Running) == 0;
    for (const TaskState s : {TaskState::Waiting, TaskState::Queued, TaskState::Running,
                              TaskState::Retrying, TaskState::Interrupted}) {
        if (tasks.count(s) > 0 && !stoppedByBudget)
            return;
    }
    finishedEmitted = true;
    cancelling = false;
    // The failures' files, error.json and error.log are on disk before anyone reads them.
    archive.waitForDone();
    flushUpdates();
    const BatchSummary s = q->summary();
    journal.endRun(s, budget.isPaused());
    Q_EMIT q->batchFinished(s);
}

} // namespace retake
