#include "engine.h"

#include "engine/aimdlimiter.h"
#include "engine/circuitbreaker.h"
#include "engine/ladder.h"
#include "engine/outputverifier.h"
#include "engine/retrypolicy.h"
#include "project/storyboardloader.h"
#include "providers/provider.h"
#include "providers/providerfactory.h"
#include "store/statestore.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QStorageInfo>
#include <QTimer>

#include <map>
#include <set>

using namespace Qt::StringLiterals;

namespace retake {

double BatchSummary::percent() const
{
    if (total <= 0)
        return 0.0;
    int finished = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (isFinal(it.key()))
            finished += it.value();
    }
    return 100.0 * finished / total;
}

namespace {

struct TaskRecord {
    TaskSnapshot snap;
    int sceneIndex = -1;     // -1: the final assembly
    int shotIndex = -1;      // -1: a scene-level task (voice-over, assembly)
    int dependency = -1;     // a shot video's image
    QList<int> dependencies; // every task this one waits for (assembly: videos, audio)
    QList<int> dependents;
    Ladder ladder;
    int rungIndex = 0;
    int retriesUsed = 0;
    int rungFailures = 0;    // consecutive transient failures on the current rung
    qint64 dispatchedMs = 0; // engine clock when the current attempt was sent
    QList<Attempt> attempts;
    QByteArray paramsHash; // shot parameters the current output was made from
    // In flight.
    QPointer<ProviderJob> job;
    Attempt current;
    GenerationRequest request;
    quint64 limiterEpoch = 0;
    bool cancelRequested = false;
    // A full-quality retry of a degraded task keeps the old output if it fails.
    Quality previousQuality = Quality::None;
    QString previousOutput;
    ErrorClass manualRetryError = ErrorClass::None;
    QSet<QString> refusedBy;   // providers that answered auth / quota errors in this run
    QString providerOverride;  // chosen by "Switch provider"; first in the ladder
    double costEstimate = 0.0; // of the attempt in flight
};

struct ProviderState {
    std::unique_ptr<Provider> provider;
    CircuitBreaker breaker;
    AimdLimiter limiter;
    int inFlight = 0;
    // No dispatch before this (engine clock, ms): the provider's own Retry-After on a 429
    // holds every task queued for it, not only the one that was refused.
    qint64 holdUntilMs = 0;
    // After a hold, one request goes first; the others follow once it has succeeded.
    bool probing = false;
    bool probeInFlight = false;
    std::set<int> queue;        // queued task indices, in storyboard order
    QList<bool> recentOutcomes; // last 20 attempts, true = failed
    ErrorClass lastError = ErrorClass::None;
    QString lastErrorMessage;
    QDateTime lastErrorAt;

    void noteOutcome(bool failed)
    {
        recentOutcomes << failed;
        if (recentOutcomes.size() > 20)
            recentOutcomes.removeFirst();
    }
};

QByteArray hashParams(const QVariantMap &params)
{
    return QCryptographicHash::hash(
               QJsonDocument(QJsonObject::fromVariantMap(params)).toJson(QJsonDocument::Compact),
               QCryptographicHash::Sha1)
        .toHex();
}

} // namespace

class EnginePrivate
{
public:
    explicit EnginePrivate(Engine *engine) : q(engine) {}

    Engine *q;
    Project project;
    Workspace workspace;
    EngineOptions options;
    RetryPolicy policy;
    StateStore store;
    std::map<QString, ProviderState> providers;
    QList<TaskRecord> tasks;
    QHash<QString, int> index;
    QMap<TaskState, int> counts;
    QMap<Quality, int> qualities;
    std::multimap<qint64, int> retryTimers; // monotonic due time -> task index
    QSet<int> dirty;
    QElapsedTimer clock;
    QTimer updateTimer;
    QTimer wakeTimer;
    QTimer diskTimer;
    bool opened = false;
    bool started = false;
    bool userPaused = false;
    bool diskPaused = false;
    bool cancelling = false;
    bool finishedEmitted = false;
    bool schedulePending = false;
    QString runId;

    qint64 now() const { return clock.elapsed(); }
    const Shot &shotOf(const TaskRecord &t) const
    {
        return project.scenes.at(t.sceneIndex).shots.at(t.shotIndex);
    }
    bool isShotTask(const TaskRecord &t) const { return t.shotIndex >= 0; }
    QByteArray paramsHashOf(const TaskRecord &t) const;
    TaskState readyState(int i) const;
    void settleDependents(int i);
    void resetDependents(int i);
    void cancelDependents(int i);
    double durationOf(const TaskRecord &t) const;
    int maxAttempts() const { return options.retry.maxRetries + 1; }

    void log(const QString &line) { Q_EMIT q->logMessage(line); }

    // State bookkeeping.
    void setState(int i, TaskState state);
    void setQuality(int i, Quality quality);
    void markDirty(int i);
    void flushUpdates();
    void persistTask(int i);

    // Scheduling.
    void requestSchedule();
    void schedule();
    void enqueue(int i);
    void dequeue(int i);
    void divertFromOpenBreaker(const QString &providerId);
    void armWakeTimer();
    bool dispatchAllowed() const
    {
        return started && !userPaused && !diskPaused && !budgetPaused && !cancelling;
    }
    bool budgetAllows(int i);
    double estimateCost(const TaskRecord &t) const;
    double spent = 0.0; // cost units of this run's finished attempts
    double inFlightEstimate = 0.0;
    bool budgetPaused = false;
    bool resumedAfterCrash = false;
    bool resumedFromSuspend = false; // the run was stopped with suspend(), not by a crash
    QString lastRunId;
    QString budgetEndedRunId; // the run that checkFinished() ended at the budget cap
    void liftBudgetPause();
    qint64 measureFreeSpace() const;
    bool checkDiskSpace();
    // Stops dispatching until space returns (polled): not a task failure.
    void pauseForDiskFull(const QString &why);
    // Commits the queued state; a full drive pauses the batch like any other write.
    void saveState();
    void dispatch(int i);
    GenerationRequest buildRequest(const TaskRecord &t) const;

    // Results.
    void onJobFinished(int i, const GenerationResult &result);
    void onVerified(int i, const QString &file, const VerificationResult &verification);
    void succeed(int i, const QString &stagedFile);
    void fail(int i, const GenerationResult &result);
    void finishAttempt(TaskRecord &t, const GenerationResult &result);
    QString archiveFailure(TaskRecord &t, const QString &fromDir);
    void releaseSlot(TaskRecord &t);
    void resetForRerun(int i);
    void checkFinished();

    // Loading.
    void buildTasks();
    void loadState(const QList<StoredTask> &stored, bool continuingRun);
    Ladder ladderFor(const TaskRecord &t) const;
    QString countsJson() const;
    CheckpointInfo checkpoint(const QString &reason, QString *error);
    void noteStageProgress(Stage stage);
    QSet<Stage> stageCheckpointed;
    QMap<Stage, int> openPerStage; // tasks of a stage not in a final state
    ProviderState *providerState(const QString &id)
    {
        const auto it = providers.find(id);
        return it == providers.end() ? nullptr : &it->second;
    }
    void addProvider(std::unique_ptr<Provider> provider);
    int maxLimitOf(const Provider *provider) const
    {
        const int configured = provider ? std::max(1, provider->maxConcurrency()) : 1;
        return options.concurrencyCap > 0 ? std::min(configured, options.concurrencyCap)
                                          : configured;
    }
    void addTask(TaskRecord &&t);
};

// ---------------------------------------------------------------------------------------
// Bookkeeping

void EnginePrivate::setState(int i, TaskState state)
{
    TaskRecord &t = tasks[i];
    if (t.snap.state == state)
        return;
    counts[t.snap.state] -= 1;
    counts[state] += 1;
    const bool wasFinal = isFinal(t.snap.state);
    if (wasFinal != isFinal(state)) {
        openPerStage[t.snap.stage] += wasFinal ? 1 : -1;
        if (wasFinal)
            stageCheckpointed.remove(t.snap.stage);
    }
    if (t.snap.state == TaskState::Queued)
        dequeue(i);
    t.snap.state = state;
    if (state != TaskState::Running)
        t.snap.progress = -1.0;
    if (state != TaskState::Retrying)
        t.snap.retryAt = {};
    if (state == TaskState::Queued)
        enqueue(i);
    markDirty(i);
    if (isFinal(state) && openPerStage.value(t.snap.stage) == 0)
        noteStageProgress(t.snap.stage);
}

void EnginePrivate::setQuality(int i, Quality quality)
{
    TaskRecord &t = tasks[i];
    if (t.snap.quality == quality)
        return;
    if (t.snap.quality != Quality::None)
        qualities[t.snap.quality] -= 1;
    if (quality != Quality::None)
        qualities[quality] += 1;
    t.snap.quality = quality;
    markDirty(i);
}

void EnginePrivate::markDirty(int i)
{
    dirty.insert(i);
    if (!updateTimer.isActive())
        updateTimer.start(options.updateIntervalMs);
}

void EnginePrivate::persistTask(int i)
{
    if (!store.isOpen())
        return;
    const TaskRecord &t = tasks.at(i);
    StoredTask s;
    s.id = t.snap.id;
    s.state = t.snap.state;
    s.quality = t.snap.quality;
    s.rung = t.snap.rung;
    s.providerId = t.snap.providerId;
    s.attemptCount = t.snap.attemptCount;
    s.lastError = t.snap.lastError;
    s.lastMessage = t.snap.lastMessage;
    s.lastHttpStatus = t.snap.lastHttpStatus;
    s.outputPath =
        t.snap.outputPath.isEmpty() ? QString() : workspace.relativePath(t.snap.outputPath);
    // Done: the parameters its output was made from; otherwise the shot's current ones,
    // so that an edit of the storyboard is noticed on the next open.
    s.paramsHash = t.snap.state == TaskState::Done ? t.paramsHash : paramsHashOf(t);
    s.manualRetries = t.snap.manualRetries;
    s.rungIndex = t.rungIndex;
    s.retriesUsed = t.retriesUsed;
    s.rungFailures = t.rungFailures;
    s.providerOverride = t.providerOverride;
    store.saveTask(s);
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
        TaskRecord &t = tasks[i];
        t.snap.rung = t.ladder.value(t.rungIndex).kind;
        t.snap.providerId = t.ladder.value(t.rungIndex).providerId;
        t.snap.retriesUsed = t.retriesUsed;
        snapshots << t.snap;
        persistTask(i);
    }
    saveState();
    if (!snapshots.isEmpty())
        Q_EMIT q->tasksUpdated(snapshots);
    Q_EMIT q->summaryChanged(q->summary());
    Q_EMIT q->providersUpdated(q->providerStatuses());
}

// ---------------------------------------------------------------------------------------
// Scheduling

void EnginePrivate::enqueue(int i)
{
    TaskRecord &t = tasks[i];
    const QString providerId = t.ladder.value(t.rungIndex).providerId;
    if (ProviderState *ps = providerState(providerId))
        ps->queue.insert(i);
    else
        providers[providerId]; // unknown: dispatch reports it
    requestSchedule();
}

void EnginePrivate::dequeue(int i)
{
    for (auto &entry : providers)
        entry.second.queue.erase(i);
}

void EnginePrivate::requestSchedule()
{
    if (schedulePending || !started)
        return;
    schedulePending = true;
    QMetaObject::invokeMethod(
        q, [this] { schedule(); }, Qt::QueuedConnection);
}

qint64 EnginePrivate::measureFreeSpace() const
{
    return options.freeSpaceProbe ? options.freeSpaceProbe(workspace.root())
                                  : QStorageInfo(workspace.root()).bytesAvailable();
}

bool EnginePrivate::checkDiskSpace()
{
    const qint64 free = measureFreeSpace();
    const bool low = free >= 0 && free < options.diskReserveBytes;
    if (low && !diskPaused) {
        pauseForDiskFull(u"%1 MB free in %2, below the %3 MB reserve"_s.arg(free / (1024 * 1024))
                             .arg(workspace.root())
                             .arg(options.diskReserveBytes / (1024 * 1024)));
    } else if (!low && diskPaused) {
        // Space is back only when the state that waited in memory can be written too.
        QString error;
        if (store.isOpen() && !store.flush(&error) && store.lastFlushFailedForSpace())
            return false;
        diskPaused = false;
        diskTimer.stop();
        log(u"Disk space is back: resuming."_s);
        Q_EMIT q->pausedChanged(userPaused, userPaused ? u"paused"_s : QString());
        Q_EMIT q->summaryChanged(q->summary());
    }
    return !diskPaused;
}

void EnginePrivate::pauseForDiskFull(const QString &why)
{
    if (diskPaused)
        return;
    diskPaused = true;
    log(u"Disk full: %1. Dispatching is paused and resumes by itself when space returns; "
        "finished outputs are kept."_s.arg(why));
    diskTimer.start(options.diskPollIntervalMs);
    Q_EMIT q->pausedChanged(true, u"disk full"_s);
    Q_EMIT q->summaryChanged(q->summary());
}

void EnginePrivate::saveState()
{
    QString error;
    if (!store.isOpen() || store.flush(&error))
        return;
    if (store.lastFlushFailedForSpace()) {
        pauseForDiskFull(error);
        return;
    }
    log(u"Could not save the batch state (will try again): %1"_s.arg(error));
}

void EnginePrivate::schedule()
{
    schedulePending = false;
    if (!started || cancelling)
        return;
    const qint64 t = now();
    // Retrying tasks whose backoff is over become queued again.
    while (!retryTimers.empty() && retryTimers.begin()->first <= t) {
        const int i = retryTimers.begin()->second;
        retryTimers.erase(retryTimers.begin());
        if (tasks.at(i).snap.state == TaskState::Retrying)
            setState(i, TaskState::Queued);
    }
    if (dispatchAllowed() && checkDiskSpace()) {
        for (auto &[id, ps] : providers) {
            if (!ps.queue.empty() && !ps.breaker.allowRequest(t) &&
                ps.breaker.state(t) == CircuitBreaker::State::Open) {
                divertFromOpenBreaker(id);
            }
        }
        for (auto &[id, ps] : providers) {
            while (!ps.queue.empty() && dispatchAllowed()) {
                if (ps.provider && !ps.breaker.allowRequest(t))
                    break;
                if (ps.provider && ps.inFlight >= ps.limiter.limit())
                    break;
                if (t < ps.holdUntilMs || (ps.probing && ps.probeInFlight))
                    break;
                const int i = *ps.queue.begin();
                if (!budgetAllows(i))
                    break;
                ps.probeInFlight = ps.probing;
                dispatch(i); // leaves the queue through setState(Running) or a failure
                if (ps.queue.count(i))
                    ps.queue.erase(i);
            }
        }
    }
    armWakeTimer();
    checkFinished();
}

double EnginePrivate::estimateCost(const TaskRecord &t) const
{
    const auto it = providers.find(t.ladder.value(t.rungIndex).providerId);
    if (it == providers.end() || !it->second.provider)
        return 0.0;
    const double perUnit = it->second.provider->costPerUnit();
    // Images and voice-overs cost one unit; videos one unit per second (as providers bill
    // them); assembly is local.
    switch (t.snap.stage) {
    case Stage::Image:
    case Stage::Audio:
        return perUnit;
    case Stage::Video:
        return perUnit * shotOf(t).video.durationSec;
    case Stage::Assembly:
        return 0.0;
    }
    Q_UNREACHABLE();
    return 0.0;
}

bool EnginePrivate::budgetAllows(int i)
{
    if (options.budgetCap <= 0.0)
        return true;
    const double next = estimateCost(tasks.at(i));
    if (spent + inFlightEstimate + next <= options.budgetCap + 1e-9)
        return true;
    if (!budgetPaused) {
        budgetPaused = true;
        log(u"Budget cap reached: %1 of %2 cost units spent, %3 in flight, the next task "
            "would cost %4. Dispatching stopped; nothing in flight is lost. Raise the cap to "
            "continue."_s.arg(spent, 0, 'f', 2)
                .arg(options.budgetCap, 0, 'f', 2)
                .arg(inFlightEstimate, 0, 'f', 2)
                .arg(next, 0, 'f', 2));
        Q_EMIT q->pausedChanged(true, u"budget cap"_s);
        Q_EMIT q->summaryChanged(q->summary());
        checkFinished();
    }
    return false;
}

void EnginePrivate::divertFromOpenBreaker(const QString &providerId)
{
    ProviderState &ps = providers.at(providerId);
    const std::set<int> waiting = ps.queue;
    const qint64 t = now();
    for (int i : waiting) {
        TaskRecord &task = tasks[i];
        // Move to an alternative provider of the same quality that is not avoided right
        // now; with none, the task waits for the cool-down rather than degrade.
        for (int r = task.rungIndex + 1; r < task.ladder.size(); ++r) {
            const ProviderState *other = providerState(task.ladder.at(r).providerId);
            if (task.ladder.at(r).kind != RungKind::AlternativeProvider ||
                task.ladder.at(r).providerId == providerId || !other ||
                other->breaker.state(t) == CircuitBreaker::State::Open)
                continue;
            ps.queue.erase(i);
            task.rungIndex = r;
            task.rungFailures = 0;
            log(u"%1: %2 is cooling down after repeated failures; moving to %3 (%4)."_s.arg(
                task.snap.id, providerId, task.ladder.at(r).providerId,
                nameOf(task.ladder.at(r).kind)));
            enqueue(i);
            markDirty(i);
            break;
        }
    }
}

void EnginePrivate::armWakeTimer()
{
    qint64 due = -1;
    if (!retryTimers.empty())
        due = retryTimers.begin()->first;
    const qint64 t = now();
    for (const auto &entry : providers) {
        const ProviderState &ps = entry.second;
        if (!ps.queue.empty() && ps.breaker.state(t) == CircuitBreaker::State::Open) {
            const qint64 reopen = ps.breaker.openUntilMs();
            due = due < 0 ? reopen : std::min(due, reopen);
        }
        if (!ps.queue.empty() && ps.holdUntilMs > t)
            due = due < 0 ? ps.holdUntilMs : std::min(due, ps.holdUntilMs);
    }
    if (due < 0) {
        wakeTimer.stop();
        return;
    }
    wakeTimer.start(int(std::clamp<qint64>(due - t, 0, 24 * 3600 * 1000)));
}

double EnginePrivate::durationOf(const TaskRecord &t) const
{
    // The picture length a task contributes to an assembly.
    if (isShotTask(t))
        return shotOf(t).video.durationSec;
    double total = 0.0;
    for (int d : t.dependencies) {
        if (tasks.at(d).snap.stage != Stage::Audio)
            total += durationOf(tasks.at(d));
    }
    return total;
}

GenerationRequest EnginePrivate::buildRequest(const TaskRecord &t) const
{
    GenerationRequest r;
    r.taskId = t.snap.id;
    r.stage = t.snap.stage;
    r.sceneId = t.snap.sceneId;
    r.shotId = t.snap.shotId;
    r.attemptNumber = int(t.attempts.size()) + 1;
    r.spaceRetryMs = options.diskPollIntervalMs;
    switch (t.snap.stage) {
    case Stage::Image:
    case Stage::Video: {
        const Shot &shot = shotOf(t);
        r.prompt = shot.prompt;
        r.negativePrompt = shot.negativePrompt;
        r.seed = shot.seed;
        r.width = shot.image.width;
        r.height = shot.image.height;
        r.steps = shot.image.steps;
        if (t.snap.stage == Stage::Video) {
            r.durationSec = shot.video.durationSec;
            r.fps = shot.video.fps;
            r.motion = shot.video.motion;
            if (t.dependency >= 0)
                r.inputImagePath = tasks.at(t.dependency).snap.outputPath;
        }
        break;
    }
    case Stage::Audio: {
        const VoiceOver &vo = project.scenes.at(t.sceneIndex).voiceOver;
        r.prompt = vo.text;
        r.voice = vo.voice;
        r.language = vo.language;
        break;
    }
    case Stage::Assembly:
        r.width = project.imageDefaults.width;
        r.height = project.imageDefaults.height;
        r.fps = project.videoDefaults.fps;
        for (int d : t.dependencies) {
            const TaskRecord &dep = tasks.at(d);
            if (dep.snap.stage == Stage::Audio) {
                if (dep.snap.state == TaskState::Done)
                    r.audioPath = dep.snap.outputPath;
                continue;
            }
            AssemblyClip clip;
            clip.durationSec = durationOf(dep);
            if (dep.snap.state == TaskState::Done) {
                clip.path = dep.snap.outputPath;
            } else {
                // Never dropped silently: a slate of the same length says what is missing.
                clip.slateLabel = isShotTask(dep) ? dep.snap.shotId : dep.snap.sceneId;
                clip.slateReason =
                    dep.snap.lastError != ErrorClass::None
                        ? u"%1: %2"_s.arg(nameOf(dep.snap.state), nameOf(dep.snap.lastError))
                        : nameOf(dep.snap.state);
            }
            r.clips << clip;
            r.durationSec += clip.durationSec;
        }
        break;
    }
    applyRung(r, t.ladder.at(t.rungIndex));
    return r;
}

QByteArray EnginePrivate::paramsHashOf(const TaskRecord &t) const
{
    if (isShotTask(t))
        return StoryboardLoader::shotParamsHash(shotOf(t), t.snap.stage);
    QCryptographicHash hash(QCryptographicHash::Sha1);
    if (t.snap.stage == Stage::Audio) {
        const VoiceOver &vo = project.scenes.at(t.sceneIndex).voiceOver;
        hash.addData((vo.text + u'\n' + vo.voice + u'\n' + vo.language).toUtf8());
    } else {
        // An assembly is current while its inputs are the ones it was made from.
        for (int d : t.dependencies) {
            const TaskRecord &dep = tasks.at(d);
            hash.addData((dep.snap.id + u'|' + nameOf(dep.snap.state) + u'|' +
                          workspace.relativePath(dep.snap.outputPath) + u'\n')
                             .toUtf8());
        }
    }
    return hash.result().toHex();
}

TaskState EnginePrivate::readyState(int i) const
{
    const TaskRecord &t = tasks.at(i);
    if (t.dependencies.isEmpty())
        return TaskState::Queued;
    if (t.snap.stage == Stage::Assembly) {
        // Waits for every input, including all of its retries and degradation; a failed
        // input becomes a slate, a cancelled batch does not assemble.
        for (int d : t.dependencies) {
            const TaskState s = tasks.at(d).snap.state;
            if (!isFinal(s) || s == TaskState::Cancelled)
                return TaskState::Waiting;
        }
        return TaskState::Queued;
    }
    switch (tasks.at(t.dependency).snap.state) {
    case TaskState::Done:
        return TaskState::Queued;
    case TaskState::Failed:
    case TaskState::Blocked:
    case TaskState::Skipped:
        return TaskState::Blocked;
    case TaskState::Waiting:
    case TaskState::Queued:
    case TaskState::Running:
    case TaskState::Retrying:
    case TaskState::Interrupted:
    case TaskState::Cancelled:
        return TaskState::Waiting;
    }
    Q_UNREACHABLE();
    return TaskState::Waiting;
}

void EnginePrivate::settleDependents(int i)
{
    for (int d : tasks.at(i).dependents) {
        const TaskState s = tasks.at(d).snap.state;
        if (s != TaskState::Waiting && s != TaskState::Queued && s != TaskState::Blocked)
            continue;
        const TaskState next = readyState(d);
        if (next == s)
            continue;
        setState(d, next);
        if (next == TaskState::Blocked)
            tasks[d].snap.lastMessage = u"blocked: %1 failed"_s.arg(tasks.at(i).snap.id);
        settleDependents(d);
    }
}

void EnginePrivate::resetDependents(int i)
{
    // Dependents were made from the old output (or never ran): they wait for the new one.
    for (int d : tasks.at(i).dependents) {
        const TaskState s = tasks.at(d).snap.state;
        if (s == TaskState::Running || s == TaskState::Skipped)
            continue;
        TaskRecord &dep = tasks[d];
        dep.rungIndex = 0;
        dep.retriesUsed = 0;
        dep.rungFailures = 0;
        dep.previousOutput.clear();
        setQuality(d, Quality::None);
        setState(d, TaskState::Waiting);
        resetDependents(d);
    }
}

void EnginePrivate::cancelDependents(int i)
{
    for (int d : tasks.at(i).dependents) {
        const TaskState s = tasks.at(d).snap.state;
        if (isFinal(s) || s == TaskState::Running)
            continue;
        setState(d, TaskState::Cancelled);
        cancelDependents(d);
    }
}

void EnginePrivate::dispatch(int i)
{
    TaskRecord &t = tasks[i];
    const Rung rung = t.ladder.at(t.rungIndex);
    ProviderState *ps = providerState(rung.providerId);
    t.request = buildRequest(t);
    t.cancelRequested = false;

    Attempt &a = t.current;
    a = Attempt();
    a.number = t.request.attemptNumber;
    a.rung = rung.kind;
    a.providerId = rung.providerId;
    a.startedAt = QDateTime::currentDateTimeUtc();
    t.dispatchedMs = now();

    if (!ps || !ps->provider || !ps->provider->supports(t.snap.stage)) {
        setState(i, TaskState::Running);
        const QString why =
            !ps || !ps->provider
                ? u"provider \"%1\" is not configured"_s.arg(rung.providerId)
                : u"provider \"%1\" cannot make %2s"_s.arg(rung.providerId, nameOf(t.snap.stage));
        fail(i, GenerationResult::failure(ErrorClass::InvalidRequest,
                                          why + u"; choose another provider for this task"_s));
        return;
    }

    t.request.model = ps->provider->model();
    a.model = t.request.model;
    QVariantMap params{
        {u"prompt"_s, t.request.prompt}, {u"negative"_s, t.request.negativePrompt},
        {u"seed"_s, t.request.seed},     {u"width"_s, t.request.width},
        {u"height"_s, t.request.height}, {u"steps"_s, t.request.steps},
        {u"model"_s, t.request.model},
    };
    if (t.snap.stage == Stage::Video) {
        params.insert(u"duration"_s, t.request.durationSec);
        params.insert(u"fps"_s, t.request.fps);
        params.insert(u"motion"_s, t.request.motion);
    }
    if (t.snap.stage == Stage::Audio) {
        // What a voice-over rung changes: the voice, the rate, the basic synthesis.
        params = {{u"prompt"_s, t.request.prompt},
                  {u"voice"_s, t.request.voice},
                  {u"language"_s, t.request.language},
                  {u"model"_s, t.request.model}};
        for (const QString &key : {u"rate"_s, u"fallback"_s}) {
            if (t.request.extra.contains(key))
                params.insert(key, t.request.extra.value(key));
        }
    }
    a.params = params;
    a.paramsHash = QString::fromLatin1(hashParams(params));

    t.request.outputDir = workspace.stagingDir(t.snap.id, a.number);
    QDir(t.request.outputDir).removeRecursively();
    if (!QDir().mkpath(t.request.outputDir)) {
        setState(i, TaskState::Running);
        fail(i, GenerationResult::failure(
                    ErrorClass::FileIo,
                    u"cannot create %1; check that the workspace is writable"_s.arg(
                        t.request.outputDir)));
        return;
    }

    t.costEstimate = estimateCost(t);
    inFlightEstimate += t.costEstimate;
    ProviderJob *job = ps->provider->createJob(t.request, q);
    t.job = job;
    t.limiterEpoch = ps->limiter.epoch();
    ps->inFlight += 1;
    ps->breaker.onRequestSent(now());
    t.snap.attemptCount = a.number;
    t.snap.progress = 0.0;
    setState(i, TaskState::Running);
    QObject::connect(job, &ProviderJob::progressed, q, [this, i, job](double fraction) {
        if (tasks.at(i).job == job) {
            tasks[i].snap.progress = fraction;
            markDirty(i);
        }
    });
    QObject::connect(job, &ProviderJob::waitingForSpace, q, [this, i, job](const QString &what) {
        if (tasks.at(i).job == job)
            pauseForDiskFull(u"%1 keeps its output until there is room for it (%2)"_s.arg(
                tasks.at(i).snap.id, what));
    });
    QObject::connect(job, &ProviderJob::finished, q,
                     [this, i, job](const GenerationResult &result) {
                         job->deleteLater();
                         if (tasks.at(i).job != job)
                             return; // reported after we gave up on it
                         onJobFinished(i, result);
                     });
    job->start();
}

// ---------------------------------------------------------------------------------------
// Results

void EnginePrivate::releaseSlot(TaskRecord &t)
{
    inFlightEstimate = std::max(0.0, inFlightEstimate - t.costEstimate);
    t.costEstimate = 0.0;
    if (ProviderState *ps = providerState(t.current.providerId))
        ps->inFlight = std::max(0, ps->inFlight - 1);
    t.job = nullptr;
}

void EnginePrivate::onJobFinished(int i, const GenerationResult &result)
{
    TaskRecord &t = tasks[i];
    releaseSlot(t);
    if (t.cancelRequested && !result.ok()) {
        GenerationResult cancelled = result;
        cancelled.errorClass = ErrorClass::Cancelled;
        fail(i, cancelled);
        return;
    }
    if (!result.ok()) {
        fail(i, result);
        return;
    }
    // Path confinement: every output must be inside the attempt's staging folder.
    const Workspace staging(t.request.outputDir);
    QString primary;
    for (const QString &file : result.outputFiles) {
        if (!staging.contains(file)) {
            QString error;
            workspace.moveDirContents(t.request.outputDir, workspace.untrustedDir(t.snap.id),
                                      &error);
            fail(i, GenerationResult::failure(
                        ErrorClass::UnsafeOutput,
                        u"the provider named an output outside the attempt folder (%1); "
                        "it was moved to _untrusted/"_s.arg(QFileInfo(file).fileName())));
            return;
        }
        if (primary.isEmpty())
            primary = file;
    }
    if (primary.isEmpty()) {
        fail(i, GenerationResult::failure(ErrorClass::OutputInvalid,
                                          u"the provider reported success without a file"_s));
        return;
    }
    t.current.costUnits = result.costUnits;
    t.current.stderrTail = result.stderrTail;
    if (!options.verifyOutputs) {
        succeed(i, primary);
        return;
    }
    VerificationExpectation expect;
    expect.stage = t.snap.stage;
    expect.width = t.request.width;
    expect.height = t.request.height;
    const bool timed = t.snap.stage == Stage::Video || t.snap.stage == Stage::Assembly;
    expect.durationSec = timed ? t.request.durationSec : 0.0;
    // Keep the slot-free task in Running until verification reports.
    auto *verifier = new OutputVerifier(q);
    QObject::connect(verifier, &OutputVerifier::finished, q,
                     [this, i, primary, verifier](const VerificationResult &v) {
                         verifier->deleteLater();
                         onVerified(i, primary, v);
                     });
    verifier->verify(primary, expect);
}

void EnginePrivate::onVerified(int i, const QString &file, const VerificationResult &verification)
{
    TaskRecord &t = tasks[i];
    if (t.snap.state != TaskState::Running)
        return; // cancelled meanwhile
    if (t.cancelRequested) {
        fail(i, GenerationResult::failure(ErrorClass::Cancelled, u"cancelled by the user"_s));
        return;
    }
    if (!verification.ok) {
        const ErrorClass cls = verification.errorClass == ErrorClass::None
                                   ? ErrorClass::OutputInvalid
                                   : verification.errorClass;
        fail(i, GenerationResult::failure(cls, verification.message));
        return;
    }
    succeed(i, file);
}

void EnginePrivate::succeed(int i, const QString &stagedFile)
{
    TaskRecord &t = tasks[i];
    const QString suffix = QFileInfo(stagedFile).suffix();
    const QString target =
        workspace.outputPath(t.snap.sceneId, t.snap.shotId, t.snap.stage, t.current.number,
                             suffix.isEmpty() ? u"bin"_s : suffix);
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile::remove(target); // only a leftover of a crash can be there: attempts are numbered
    if (!QFile::rename(stagedFile, target)) {
        fail(i, GenerationResult::failure(ErrorClass::FileIo,
                                          u"cannot move the verified output to %1"_s.arg(
                                              workspace.relativePath(target))));
        return;
    }
    QDir(t.request.outputDir).removeRecursively();

    Attempt &a = t.current;
    a.endedAt = QDateTime::currentDateTimeUtc();
    a.outputPath = workspace.relativePath(target);
    spent += a.costUnits;
    t.attempts << a;
    if (store.isOpen())
        store.saveAttempt(t.snap.id, a);

    if (ProviderState *ps = providerState(a.providerId)) {
        ps->breaker.recordSuccess();
        ps->limiter.onSuccess();
        // Only an answer to a request sent after the hold proves the limit has passed.
        if (t.dispatchedMs >= ps->holdUntilMs) {
            ps->probing = false;
            ps->probeInFlight = false;
        }
        ps->noteOutcome(false);
    }
    t.paramsHash = paramsHashOf(t);
    t.snap.outputPath = target;
    t.snap.lastError = ErrorClass::None;
    t.snap.lastMessage.clear();
    t.snap.lastHttpStatus = 0;
    t.previousOutput.clear();
    t.previousQuality = Quality::None;
    Quality quality = qualityOf(a.rung);
    if (t.snap.stage == Stage::Assembly) {
        // A scene with a slate or a degraded shot in it is degraded too.
        for (int d : t.dependencies) {
            const TaskRecord &dep = tasks.at(d);
            if (dep.snap.state != TaskState::Done || isDegraded(dep.snap.quality))
                quality = Quality::Reduced;
        }
    }
    setQuality(i, quality);
    setState(i, TaskState::Done);
    if (quality != Quality::Full) {
        log(u"%1: done at %2 quality (%3 on %4)."_s.arg(t.snap.id, nameOf(quality), nameOf(a.rung),
                                                        a.providerId));
    }
    // A verified output is recorded at once, not on the next tick: after a crash it is
    // never asked for again.
    persistTask(i);
    saveState();
    Q_EMIT q->attemptFinished(t.snap.id, a);
    settleDependents(i);
    requestSchedule();
    checkFinished();
}

void EnginePrivate::finishAttempt(TaskRecord &t, const GenerationResult &result)
{
    Attempt &a = t.current;
    a.endedAt = QDateTime::currentDateTimeUtc();
    a.errorClass = result.errorClass;
    a.httpStatus = result.httpStatus;
    a.message = result.message;
    if (!result.stderrTail.isEmpty())
        a.stderrTail = result.stderrTail;
    a.costUnits = result.costUnits;
    spent += a.costUnits;
    t.snap.lastError = result.errorClass;
    t.snap.lastMessage = result.message;
    t.snap.lastHttpStatus = result.httpStatus;
}

QString EnginePrivate::archiveFailure(TaskRecord &t, const QString &fromDir)
{
    const Attempt &a = t.current;
    const QString dir = workspace.failedAttemptDir(t.snap.id, a.number);
    QString error;
    if (!workspace.moveDirContents(fromDir, dir, &error))
        log(u"%1: could not archive the failed attempt's files: %2"_s.arg(t.snap.id, error));
    QDir().mkpath(dir);
    QJsonObject json{
        {u"task"_s, t.snap.id},
        {u"attempt"_s, a.number},
        {u"rung"_s, nameOf(a.rung)},
        {u"provider"_s, a.providerId},
        {u"model"_s, a.model},
        {u"class"_s, nameOf(a.errorClass)},
        {u"transient"_s, isTransient(a.errorClass)},
        {u"message"_s, a.message},
        {u"httpStatus"_s, a.httpStatus},
        {u"startedAt"_s, a.startedAt.toString(Qt::ISODateWithMs)},
        {u"endedAt"_s, a.endedAt.toString(Qt::ISODateWithMs)},
        {u"recommendedAction"_s, recommendedAction(a.errorClass)},
    };
    if (!a.stderrTail.isEmpty())
        json.insert(u"stderrTail"_s, a.stderrTail);
    if (!Workspace::writeJson(dir + u"/error.json"_s, json, &error))
        log(u"%1: could not write error.json: %2"_s.arg(t.snap.id, error));
    return workspace.relativePath(dir) + u'/';
}

void EnginePrivate::fail(int i, const GenerationResult &result)
{
    TaskRecord &t = tasks[i];
    finishAttempt(t, result);
    Attempt &a = t.current;
    const ErrorClass cls = result.errorClass;
    const qint64 nowMs = now();

    if (cls == ErrorClass::Cancelled) {
        // Cancelled attempts leave nothing in draft/ and are never retried.
        QDir(t.request.outputDir).removeRecursively();
        a.countedAgainstBudget = false;
        t.attempts << a;
        if (store.isOpen())
            store.saveAttempt(t.snap.id, a);
        setState(i, TaskState::Cancelled);
        cancelDependents(i);
        Q_EMIT q->attemptFinished(t.snap.id, a);
        checkFinished();
        return;
    }
    if (cls == ErrorClass::DiskFull) {
        // Not a task failure: the batch pauses and the task waits for space.
        QDir(t.request.outputDir).removeRecursively();
        a.countedAgainstBudget = false;
        t.attempts << a;
        if (store.isOpen())
            store.saveAttempt(t.snap.id, a);
        pauseForDiskFull(u"%1 could not write its output (%2)"_s.arg(t.snap.id, a.message));
        setState(i, TaskState::Queued);
        Q_EMIT q->attemptFinished(t.snap.id, a);
        return;
    }

    a.archivedTo = archiveFailure(t, t.request.outputDir);
    if (ProviderState *ps = providerState(a.providerId)) {
        const bool wasOpen = ps->breaker.state(nowMs) != CircuitBreaker::State::Closed;
        ps->breaker.recordFailure(isTransient(cls), nowMs);
        if (!wasOpen && ps->breaker.state(nowMs) == CircuitBreaker::State::Open) {
            log(u"%1: %2 failures in a row; avoiding it for %3 s."_s.arg(a.providerId)
                    .arg(ps->breaker.consecutiveFailures())
                    .arg(ps->breaker.currentCooldownMs() / 1000.0));
        }
        if (t.dispatchedMs >= ps->holdUntilMs)
            ps->probeInFlight = false; // the probe failed: the next one may go
        if (cls == ErrorClass::RateLimited) {
            ps->limiter.onRateLimited(t.limiterEpoch);
            if (result.retryAfterMs && *result.retryAfterMs > 0) {
                const qint64 wait =
                    std::min<qint64>(*result.retryAfterMs, options.retry.maxDelayMs);
                ps->holdUntilMs = std::max(ps->holdUntilMs, nowMs + wait);
                ps->probing = true;
            }
        }
        ps->noteOutcome(true);
        ps->lastError = cls;
        ps->lastErrorMessage = a.message;
        ps->lastErrorAt = a.endedAt;
    }

    // Decide the route.
    int target = -1;
    qint64 delay = 0;
    const RecoveryRoute route = recoveryRoute(cls);
    const bool budgetLeft = t.retriesUsed < options.retry.maxRetries;
    if (route != RecoveryRoute::FailFast && route != RecoveryRoute::Stop && budgetLeft) {
        const int retryNumber = t.retriesUsed + 1;
        if (route == RecoveryRoute::RetrySameRung &&
            t.rungFailures < options.retry.retriesPerRung) {
            target = t.rungIndex;
        } else {
            target = nextRungAfter(t.ladder, t.rungIndex, cls);
        }
        if (route == RecoveryRoute::SwitchProvider) {
            // A provider that refused the key or the quota will refuse again.
            t.refusedBy.insert(a.providerId);
            while (target >= 0 && t.refusedBy.contains(t.ladder.at(target).providerId))
                target = target + 1 < t.ladder.size() ? target + 1 : -1;
        }
        // The last automatic retry goes to the basic fallback: degrade rather than stop.
        const int fallback = int(t.ladder.size()) - 1;
        if (target >= 0 && retryNumber == options.retry.maxRetries && target < fallback)
            target = fallback;
        if (target >= 0) {
            const QString nextProvider = t.ladder.at(target).providerId;
            if (nextProvider == a.providerId && isTransient(cls))
                delay = policy.delayMs(
                    retryNumber, result.retryAfterMs ? std::optional<qint64>(*result.retryAfterMs)
                                                     : std::nullopt);
        }
    }

    t.attempts << a;
    if (store.isOpen())
        store.saveAttempt(t.snap.id, a);

    ErrorLogEntry entry;
    entry.timestamp = a.endedAt;
    entry.taskId = t.snap.id;
    entry.stage = t.snap.stage;
    entry.providerId = a.providerId;
    entry.model = a.model;
    entry.attempt = a.number;
    entry.maxAttempts = t.retriesUsed + 1 + (options.retry.maxRetries - t.retriesUsed);
    entry.rung = a.rung;
    entry.willRetry = target >= 0;
    entry.errorClass = cls;
    entry.httpStatus = a.httpStatus;
    entry.message = a.message;
    entry.archivedTo = a.archivedTo;
    if (options.debugLogging) {
        entry.debugDetail = u"Prompt: %1\nNegative: %2\nProvider detail: %3"_s.arg(
            t.request.prompt, t.request.negativePrompt, result.detail);
    }
    QString logError;
    if (!workspace.appendErrorLog(entry, &logError))
        log(logError);
    Q_EMIT q->attemptFinished(t.snap.id, a);

    if (target < 0) {
        if (!t.previousOutput.isEmpty()) {
            // A full-quality retry failed: keep the degraded output that was there.
            t.snap.outputPath = t.previousOutput;
            setQuality(i, t.previousQuality);
            setState(i, TaskState::Done);
            log(u"%1: the full-quality retry failed (%2); keeping the degraded output."_s.arg(
                t.snap.id, nameOf(cls)));
            t.previousOutput.clear();
            checkFinished();
            return;
        }
        setState(i, TaskState::Failed);
        log(u"%1: failed after %2 attempt(s): %3 — %4"_s.arg(t.snap.id).arg(a.number).arg(
            nameOf(cls), a.message));
        settleDependents(i);
        checkFinished();
        requestSchedule();
        return;
    }

    t.retriesUsed += 1;
    if (target == t.rungIndex) {
        t.rungFailures += 1;
    } else {
        t.rungIndex = target;
        t.rungFailures = 0;
    }
    if (delay > 0) {
        const qint64 due = nowMs + delay;
        retryTimers.emplace(due, i);
        setState(i, TaskState::Retrying);
        t.snap.retryAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    } else {
        setState(i, TaskState::Retrying);
        setState(i, TaskState::Queued);
    }
    requestSchedule();
}

void EnginePrivate::resetForRerun(int i)
{
    TaskRecord &t = tasks[i];
    if (t.snap.state == TaskState::Running)
        return;
    if (t.snap.state == TaskState::Retrying) {
        for (auto it = retryTimers.begin(); it != retryTimers.end();) {
            it = it->second == i ? retryTimers.erase(it) : std::next(it);
        }
    }
    t.ladder = ladderFor(t);
    t.rungIndex = 0;
    t.retriesUsed = 0;
    t.rungFailures = 0;
    t.refusedBy.clear();
    if (t.snap.state == TaskState::Done) {
        t.previousOutput = t.snap.outputPath;
        t.previousQuality = t.snap.quality;
    }
    setQuality(i, Quality::None);
    setState(i, TaskState::Waiting);
    resetDependents(i);
    setState(i, readyState(i));
    finishedEmitted = false;
}

void EnginePrivate::checkFinished()
{
    if (!started || finishedEmitted)
        return;
    // A batch stopped by its budget cap ends once nothing is in flight; the rest stays
    // queued for a higher cap.
    const bool stoppedByBudget = budgetPaused && counts.value(TaskState::Running, 0) == 0;
    for (const TaskState s : {TaskState::Waiting, TaskState::Queued, TaskState::Running,
                              TaskState::Retrying, TaskState::Interrupted}) {
        if (counts.value(s, 0) > 0 && !stoppedByBudget)
            return;
    }
    finishedEmitted = true;
    cancelling = false;
    flushUpdates();
    const BatchSummary s = q->summary();
    if (store.isOpen() && !runId.isEmpty()) {
        const QString outcome = resumedAfterCrash && s.count(TaskState::Failed) == 0 &&
                                        s.count(TaskState::Cancelled) == 0
                                    ? u"crashed-and-resumed"_s
                                : budgetPaused                      ? u"budget cap"_s
                                : s.count(TaskState::Cancelled) > 0 ? u"cancelled"_s
                                : s.count(TaskState::Failed) > 0    ? u"partial"_s
                                                                    : u"complete"_s;
        store.endRun(runId, QDateTime::currentDateTimeUtc(), outcome);
        // A higher cap continues this run rather than starting a new one.
        budgetEndedRunId = budgetPaused ? runId : QString();
        lastRunId = runId;
        runId.clear();
    }
    Q_EMIT q->batchFinished(s);
}

// ---------------------------------------------------------------------------------------
// Loading

void EnginePrivate::addProvider(std::unique_ptr<Provider> provider)
{
    const QString id = provider->id();
    ProviderState &ps = providers[id];
    ps.breaker = CircuitBreaker(options.breaker);
    ps.limiter = AimdLimiter(maxLimitOf(provider.get()), options.aimd);
    ps.provider = std::move(provider);
}

void EnginePrivate::buildTasks()
{
    tasks.clear();
    index.clear();
    counts.clear();
    qualities.clear();
    openPerStage.clear();
    QList<int> sceneAssemblies;
    const Ladder imageLadder =
        buildLadder(Stage::Image, project.providerPreference.value(Stage::Image));
    const Ladder videoLadder =
        buildLadder(Stage::Video, project.providerPreference.value(Stage::Video));
    for (int s = 0; s < project.scenes.size(); ++s) {
        const Scene &scene = project.scenes.at(s);
        for (int h = 0; h < scene.shots.size(); ++h) {
            const Shot &shot = scene.shots.at(h);
            for (const Stage stage : {Stage::Image, Stage::Video}) {
                TaskRecord t;
                t.sceneIndex = s;
                t.shotIndex = h;
                t.snap.id = shot.id + u'/' + nameOf(stage);
                t.snap.sceneId = scene.id;
                t.snap.shotId = shot.id;
                t.snap.stage = stage;
                t.snap.state = stage == Stage::Image ? TaskState::Queued : TaskState::Waiting;
                t.ladder = stage == Stage::Image ? imageLadder : videoLadder;
                if (stage == Stage::Video)
                    t.dependency = int(tasks.size()) - 1;
                if (stage == Stage::Video)
                    t.dependencies << t.dependency;
                addTask(std::move(t));
            }
        }
        if (!scene.voiceOver.isEmpty()) {
            TaskRecord t;
            t.sceneIndex = s;
            t.snap.id = scene.id + u"/audio"_s;
            t.snap.sceneId = scene.id;
            t.snap.stage = Stage::Audio;
            t.snap.state = TaskState::Queued;
            t.ladder = ladderFor(t);
            addTask(std::move(t));
        }
        if (project.assemble) {
            // The scene's cut waits for its shot videos and its voice-over.
            TaskRecord t;
            t.sceneIndex = s;
            t.snap.id = scene.id + u"/assemble"_s;
            t.snap.sceneId = scene.id;
            t.snap.stage = Stage::Assembly;
            t.snap.state = TaskState::Waiting;
            t.ladder = ladderFor(t);
            for (int i = 0; i < tasks.size(); ++i) {
                const TaskRecord &dep = tasks.at(i);
                if (dep.sceneIndex == s &&
                    (dep.snap.stage == Stage::Video || dep.snap.stage == Stage::Audio))
                    t.dependencies << i;
            }
            sceneAssemblies << int(tasks.size());
            addTask(std::move(t));
        }
    }
    if (project.assemble && !sceneAssemblies.isEmpty()) {
        TaskRecord t;
        t.snap.id = QString::fromUtf16(kFinalSceneId) + u"/assemble"_s;
        t.snap.sceneId = QString::fromUtf16(kFinalSceneId);
        t.snap.stage = Stage::Assembly;
        t.snap.state = TaskState::Waiting;
        t.ladder = ladderFor(t);
        t.dependencies = sceneAssemblies;
        addTask(std::move(t));
    }
}

void EnginePrivate::addTask(TaskRecord &&t)
{
    const int i = int(tasks.size());
    for (int d : t.dependencies)
        tasks[d].dependents << i;
    t.snap.rung = t.ladder.first().kind;
    t.snap.providerId = t.ladder.first().providerId;
    index.insert(t.snap.id, i);
    counts[t.snap.state] += 1;
    openPerStage[t.snap.stage] += 1;
    tasks << std::move(t);
}

Ladder EnginePrivate::ladderFor(const TaskRecord &t) const
{
    QStringList preference = project.providerPreference.value(t.snap.stage);
    if (preference.isEmpty())
        preference << QString::fromUtf16(kBuiltinProviderId);
    if (!t.providerOverride.isEmpty()) {
        preference.removeAll(t.providerOverride);
        preference.prepend(t.providerOverride);
    }
    return buildLadder(t.snap.stage, preference);
}

void EnginePrivate::loadState(const QList<StoredTask> &stored, bool continuingRun)
{
    buildTasks();
    for (auto &entry : providers)
        entry.second.queue.clear();
    const QHash<QString, QList<Attempt>> attempts = store.loadAttempts();
    for (auto it = attempts.cbegin(); it != attempts.cend(); ++it) {
        const int i = index.value(it.key(), -1);
        if (i >= 0) {
            tasks[i].attempts = it.value();
            tasks[i].snap.attemptCount = int(it.value().size());
        }
    }
    // In task order, so that an assembly is compared with its inputs as restored.
    QHash<QString, const StoredTask *> byId;
    for (const StoredTask &stored1 : stored)
        byId.insert(stored1.id, &stored1);
    for (int i = 0; i < tasks.size(); ++i) {
        const StoredTask *found = byId.value(tasks.at(i).snap.id);
        if (!found)
            continue; // a new task (e.g. a shot added to the storyboard)
        const StoredTask &s = *found;
        TaskRecord &t = tasks[i];
        const QByteArray current = paramsHashOf(t);
        const bool outputExists =
            !s.outputPath.isEmpty() && QFileInfo::exists(workspace.path(s.outputPath));
        t.snap.lastError = s.lastError;
        t.snap.lastMessage = s.lastMessage;
        t.snap.lastHttpStatus = s.lastHttpStatus;
        t.snap.manualRetries = s.manualRetries;
        t.providerOverride = s.providerOverride;
        t.ladder = ladderFor(t);
        if (s.paramsHash != current) {
            // The storyboard was edited since: this task starts over.
            t.snap.lastError = ErrorClass::None;
            t.snap.lastMessage = u"the shot was edited since the last run; it will run again"_s;
            continue;
        }
        const bool keepPosition = continuingRun || s.state == TaskState::Done;
        if (keepPosition) {
            t.rungIndex = std::clamp(s.rungIndex, 0, int(t.ladder.size()) - 1);
            t.retriesUsed = s.retriesUsed;
            t.rungFailures = s.rungFailures;
        }
        if (s.state == TaskState::Done && outputExists) {
            t.paramsHash = s.paramsHash;
            t.snap.outputPath = workspace.path(s.outputPath);
            setQuality(i, s.quality);
            setState(i, TaskState::Done);
        } else if (s.state == TaskState::Failed || s.state == TaskState::Skipped) {
            setState(i, s.state);
        } else if (s.state == TaskState::Running) {
            setState(i, TaskState::Interrupted);
        } else if (s.state == TaskState::Cancelled) {
            setState(i, TaskState::Cancelled);
        }
    }
    // Settle dependencies: a video can run only on its image's current output.
    for (int i = 0; i < tasks.size(); ++i) {
        const TaskState s = tasks.at(i).snap.state;
        if (s == TaskState::Waiting || s == TaskState::Queued || s == TaskState::Blocked)
            setState(i, readyState(i));
    }
    dirty.clear();
}

QString EnginePrivate::countsJson() const
{
    QJsonObject counts;
    for (auto it = this->counts.cbegin(); it != this->counts.cend(); ++it) {
        if (it.value() > 0)
            counts.insert(nameOf(it.key()), it.value());
    }
    return QString::fromUtf8(QJsonDocument(counts).toJson(QJsonDocument::Compact));
}

CheckpointInfo EnginePrivate::checkpoint(const QString &reason, QString *error)
{
    for (int i = 0; i < tasks.size(); ++i)
        persistTask(i);
    const CheckpointInfo info =
        store.createCheckpoint(workspace.path(u"checkpoints"_s), reason, countsJson(), error);
    if (!info.id.isEmpty()) {
        store.addEvent(
            {QDateTime::currentDateTimeUtc(), {}, u"checkpoint"_s, info.id + u": "_s + reason});
        log(u"Checkpoint %1 (%2)."_s.arg(info.id, reason));
        Q_EMIT q->checkpointCreated(info);
    } else if (error) {
        log(u"Could not create a checkpoint (%1): %2"_s.arg(reason, *error));
    }
    return info;
}

void EnginePrivate::noteStageProgress(Stage stage)
{
    // An automatic checkpoint when a stage has finished for every item.
    if (!started || cancelling || stageCheckpointed.contains(stage))
        return;
    stageCheckpointed.insert(stage);
    QMetaObject::invokeMethod(
        q,
        [this, stage] {
            QString error;
            checkpoint(u"all %1s finished"_s.arg(nameOf(stage)), &error);
        },
        Qt::QueuedConnection);
}

// ---------------------------------------------------------------------------------------
// Engine

Engine::Engine(QObject *parent) : QObject(parent), d(std::make_unique<EnginePrivate>(this))
{
    qRegisterMetaType<TaskSnapshot>();
    qRegisterMetaType<QList<TaskSnapshot>>();
    qRegisterMetaType<Attempt>();
    qRegisterMetaType<BatchSummary>();
    qRegisterMetaType<ProviderStatus>();
    qRegisterMetaType<QList<ProviderStatus>>();
    qRegisterMetaType<CheckpointInfo>();
    qRegisterMetaType<GenerationResult>();
    d->clock.start();
    d->updateTimer.setSingleShot(true);
    d->wakeTimer.setSingleShot(true);
    connect(&d->updateTimer, &QTimer::timeout, this, [this] { d->flushUpdates(); });
    connect(&d->wakeTimer, &QTimer::timeout, this, [this] { d->requestSchedule(); });
    connect(&d->diskTimer, &QTimer::timeout, this, [this] {
        if (d->checkDiskSpace())
            d->requestSchedule();
    });
}

Engine::~Engine()
{
    for (TaskRecord &t : d->tasks) {
        if (t.job) {
            t.cancelRequested = true;
            t.job->disconnect(this);
            t.job->cancel();
        }
    }
    d->flushUpdates();
}

void Engine::shutDown()
{
    if (d->started && !d->runId.isEmpty() && !d->finishedEmitted && d->store.isOpen()) {
        d->store.addEvent({QDateTime::currentDateTimeUtc(), {}, u"run-suspended"_s, d->runId});
        d->saveState();
    }
}

bool Engine::open(const Project &project, const QString &workspaceDir, QString *error)
{
    d->project = project;
    d->workspace = Workspace(workspaceDir);
    d->options.retry = project.retry;
    d->policy = RetryPolicy(d->options.retry, d->options.jitterSeed);
    if (!d->workspace.ensureLayout(error))
        return false;
    // Leftovers of attempts that were in flight when the previous run stopped.
    QDir(d->workspace.path(u"draft/.staging"_s)).removeRecursively();

    d->providers.clear();
    d->addProvider(createBuiltinProvider());
    for (const ProviderProfile &profile : project.providers) {
        QString why;
        std::unique_ptr<Provider> provider = createProvider(profile, &why);
        if (!provider) {
            if (error)
                *error = why;
            return false;
        }
        d->addProvider(std::move(provider));
    }

    if (!d->store.open(d->workspace.path(u"state.sqlite"_s), error))
        return false;
    d->runId = d->store.unfinishedRunId();
    d->lastRunId = d->runId;
    d->budgetEndedRunId.clear();
    d->resumedFromSuspend = false;
    if (!d->runId.isEmpty()) {
        // Stopped on purpose when the last of its run events is "run-suspended"; a crash
        // or a kill leaves "run-resumed" / "run-continued" (or nothing) last.
        const QList<StoredEvent> events = d->store.loadEvents();
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            if (it->detail != d->runId)
                continue;
            if (it->kind == u"run-suspended"_s) {
                d->resumedFromSuspend = true;
                break;
            }
            if (it->kind == u"run-resumed"_s || it->kind == u"run-continued"_s)
                break;
        }
    }
    d->resumedAfterCrash = !d->runId.isEmpty() && !d->resumedFromSuspend;
    if (d->resumedAfterCrash) {
        d->log(tr("Resuming run %1, which stopped before it finished.").arg(d->runId));
        d->store.addEvent({QDateTime::currentDateTimeUtc(), {}, u"run-resumed"_s, d->runId});
    } else if (d->resumedFromSuspend) {
        d->log(tr("Run %1 was paused when Retake quit; Run continues it.").arg(d->runId));
    }
    d->loadState(d->store.loadTasks(), !d->runId.isEmpty());
    d->spent = 0.0;
    if (!d->runId.isEmpty()) {
        // A resumed run keeps what it already spent.
        const QDateTime runStart = d->store.runStartedAt(d->runId);
        for (const TaskRecord &t : d->tasks) {
            for (const Attempt &a : t.attempts) {
                if (a.startedAt >= runStart)
                    d->spent += a.costUnits;
            }
        }
    }
    d->opened = true;
    d->started = false;
    d->finishedEmitted = false;
    return true;
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
    const double previousCap = d->options.budgetCap;
    const BreakerSettings &oldBreaker = d->options.breaker;
    const bool breakerChanged = oldBreaker.failureThreshold != options.breaker.failureThreshold ||
                                oldBreaker.cooldownMs != options.breaker.cooldownMs ||
                                oldBreaker.maxCooldownMs != options.breaker.maxCooldownMs;
    const bool aimdChanged =
        d->options.aimd.enabled != options.aimd.enabled ||
        d->options.aimd.successesPerIncrease != options.aimd.successesPerIncrease;
    d->options = options;
    d->policy = RetryPolicy(options.retry, options.jitterSeed);
    // Preferences applied mid-run keep what the engine learnt about each provider (an open
    // breaker, a limit halved after 429s) unless those very settings changed.
    for (auto &entry : d->providers) {
        ProviderState &ps = entry.second;
        if (breakerChanged)
            ps.breaker = CircuitBreaker(options.breaker);
        const int maxLimit = d->maxLimitOf(ps.provider.get());
        if (aimdChanged || maxLimit != ps.limiter.maxLimit())
            ps.limiter = AimdLimiter(maxLimit, options.aimd);
    }
    // A higher (or no) cap lets a batch stopped by its cap continue.
    if (d->budgetPaused && (options.budgetCap <= 0.0 || options.budgetCap > previousCap))
        d->liftBudgetPause();
    if (d->started)
        d->requestSchedule(); // a higher concurrency limit takes effect at once
}

void EnginePrivate::liftBudgetPause()
{
    budgetPaused = false; // re-evaluated against the new cap on the next dispatch
    if (runId.isEmpty() && !budgetEndedRunId.isEmpty() && store.isOpen()) {
        // The run ended at its cap: it goes on under the same id.
        runId = budgetEndedRunId;
        lastRunId = runId;
        store.reopenRun(runId);
        store.addEvent({QDateTime::currentDateTimeUtc(), {}, u"budget-raised"_s, runId});
    }
    budgetEndedRunId.clear();
    finishedEmitted = false;
    log(options.budgetCap > 0.0
            ? u"Budget cap raised to %1 cost units (%2 spent): dispatching continues."_s
                  .arg(options.budgetCap, 0, 'f', 2)
                  .arg(spent, 0, 'f', 2)
            : u"Budget cap removed (%1 spent): dispatching continues."_s.arg(spent, 0, 'f', 2));
    Q_EMIT q->pausedChanged(userPaused || diskPaused, diskPaused   ? u"disk full"_s
                                                      : userPaused ? u"paused"_s
                                                                   : QString());
    Q_EMIT q->summaryChanged(q->summary());
    requestSchedule();
}

void Engine::setBudgetCap(double budgetCap)
{
    const double previous = d->options.budgetCap;
    d->options.budgetCap = std::max(0.0, budgetCap);
    if (d->budgetPaused && (d->options.budgetCap <= 0.0 || d->options.budgetCap > previous))
        d->liftBudgetPause();
    else
        Q_EMIT summaryChanged(summary());
}

bool Engine::recheckDiskSpace(qint64 *freeBytes)
{
    if (freeBytes)
        *freeBytes = d->measureFreeSpace();
    if (!d->opened)
        return true;
    const bool enough = d->checkDiskSpace();
    if (enough)
        d->requestSchedule();
    return enough;
}

void Engine::setProvider(std::unique_ptr<Provider> provider)
{
    d->addProvider(std::move(provider));
}

QStringList Engine::providerIds() const
{
    QStringList ids;
    for (const auto &entry : d->providers) {
        if (entry.second.provider)
            ids << entry.first;
    }
    return ids;
}

void Engine::start()
{
    if (!d->opened)
        return;
    d->started = true;
    d->cancelling = false;
    d->finishedEmitted = false;
    if (d->store.isOpen() && d->runId.isEmpty()) {
        // A new run: a new budget.
        d->runId = d->store.beginRun(QDateTime::currentDateTimeUtc());
        d->spent = 0.0;
        d->budgetPaused = false;
        d->budgetEndedRunId.clear();
    } else if (d->resumedFromSuspend && d->store.isOpen()) {
        // From here on a crash is a crash again.
        d->store.addEvent({QDateTime::currentDateTimeUtc(), {}, u"run-continued"_s, d->runId});
        d->resumedFromSuspend = false;
    }
    d->lastRunId = d->runId;
    d->stageCheckpointed.clear();
    for (int i = 0; i < d->tasks.size(); ++i) {
        const TaskState s = d->tasks.at(i).snap.state;
        if (s == TaskState::Interrupted || s == TaskState::Cancelled)
            d->setState(i, d->readyState(i));
    }
    // Re-link the provider queues (tasks may have been queued before providers changed).
    for (auto &entry : d->providers)
        entry.second.queue.clear();
    for (int i = 0; i < d->tasks.size(); ++i) {
        if (d->tasks.at(i).snap.state == TaskState::Queued)
            d->enqueue(i);
    }
    d->requestSchedule();
    Q_EMIT summaryChanged(summary());
}

void Engine::pause()
{
    if (d->userPaused)
        return;
    d->userPaused = true;
    Q_EMIT pausedChanged(true, tr("paused"));
    Q_EMIT summaryChanged(summary());
}

void Engine::suspend()
{
    pause();
    if (!d->store.isOpen() || d->runId.isEmpty())
        return;
    d->store.addEvent({QDateTime::currentDateTimeUtc(), {}, u"run-suspended"_s, d->runId});
    d->log(tr("Run %1 is paused and continues the next time this storyboard is opened.")
               .arg(d->runId));
    d->saveState();
}

void Engine::resume()
{
    if (!d->userPaused)
        return;
    d->userPaused = false;
    Q_EMIT pausedChanged(d->diskPaused, d->diskPaused ? u"disk full"_s : QString());
    d->requestSchedule();
    Q_EMIT summaryChanged(summary());
}

void Engine::cancel()
{
    if (!d->started)
        return;
    d->cancelling = true;
    d->retryTimers.clear();
    for (int i = 0; i < d->tasks.size(); ++i) {
        TaskRecord &t = d->tasks[i];
        switch (t.snap.state) {
        case TaskState::Running:
            t.cancelRequested = true;
            if (t.job)
                t.job->cancel();
            break;
        case TaskState::Waiting:
        case TaskState::Queued:
        case TaskState::Retrying:
        case TaskState::Interrupted:
            d->setState(i, TaskState::Cancelled);
            break;
        case TaskState::Done:
        case TaskState::Failed:
        case TaskState::Blocked:
        case TaskState::Cancelled:
        case TaskState::Skipped:
            break;
        }
    }
    d->log(tr("Cancelling: in-flight attempts are being stopped."));
    d->checkFinished();
}

void Engine::retryTask(const QString &taskId)
{
    const int i = d->index.value(taskId, -1);
    if (i < 0)
        return;
    TaskRecord &t = d->tasks[i];
    const TaskState s = t.snap.state;
    if (s != TaskState::Failed && s != TaskState::Blocked && s != TaskState::Cancelled)
        return;
    if (s == TaskState::Blocked && t.dependency >= 0) {
        retryTask(d->tasks.at(t.dependency).snap.id);
        return;
    }
    // Loop guard: count the user's retries that meet the same error class again.
    if (t.snap.lastError != ErrorClass::None && t.snap.lastError == t.manualRetryError)
        t.snap.manualRetries += 1;
    else
        t.snap.manualRetries = 1;
    t.manualRetryError = t.snap.lastError;
    if (d->store.isOpen())
        d->store.addEvent({QDateTime::currentDateTimeUtc(), taskId, u"user-retry"_s, {}});
    d->resetForRerun(i);
    d->requestSchedule();
}

void Engine::retryAllFailed()
{
    QString error;
    d->checkpoint(u"before retry all failed"_s, &error);
    if (d->store.isOpen())
        d->store.addEvent({QDateTime::currentDateTimeUtc(), {}, u"retry-all-failed"_s, {}});
    for (int i = 0; i < d->tasks.size(); ++i) {
        if (d->tasks.at(i).snap.state == TaskState::Failed)
            d->resetForRerun(i);
    }
    // Blocked tasks whose upstream is now on its way wait for it again.
    for (int i = 0; i < d->tasks.size(); ++i) {
        if (d->tasks.at(i).snap.state == TaskState::Blocked)
            d->setState(i, d->readyState(i));
    }
    d->requestSchedule();
}

void Engine::switchProvider(const QStringList &taskIds, const QString &providerId)
{
    QString error;
    d->checkpoint(u"before switch to provider %1"_s.arg(providerId), &error);
    if (d->store.isOpen()) {
        d->store.addEvent({QDateTime::currentDateTimeUtc(),
                           {},
                           u"switch-provider"_s,
                           providerId + u": "_s + taskIds.join(u',')});
    }
    for (const QString &id : taskIds) {
        const int i = d->index.value(id, -1);
        if (i < 0)
            continue;
        TaskRecord &t = d->tasks[i];
        const TaskState s = t.snap.state;
        const bool rerunnable = s == TaskState::Failed || s == TaskState::Blocked ||
                                s == TaskState::Cancelled || s == TaskState::Queued ||
                                s == TaskState::Retrying ||
                                (s == TaskState::Done && isDegraded(t.snap.quality));
        if (!rerunnable)
            continue;
        t.providerOverride = providerId;
        d->resetForRerun(i);
        d->log(tr("%1: switched to provider %2.").arg(id, providerId));
    }
    d->requestSchedule();
}

void Engine::switchProviderForFailed(const QString &providerId)
{
    QStringList ids;
    for (const TaskRecord &t : d->tasks) {
        if (t.snap.state == TaskState::Failed)
            ids << t.snap.id;
    }
    switchProvider(ids, providerId);
    for (int i = 0; i < d->tasks.size(); ++i) {
        if (d->tasks.at(i).snap.state == TaskState::Blocked)
            d->setState(i, d->readyState(i));
    }
}

void Engine::retryAtFullQuality(const QStringList &taskIds)
{
    for (const QString &id : taskIds) {
        const int i = d->index.value(id, -1);
        if (i < 0)
            continue;
        const TaskRecord &t = d->tasks.at(i);
        if (t.snap.state != TaskState::Done || !isDegraded(t.snap.quality))
            continue;
        if (d->store.isOpen())
            d->store.addEvent({QDateTime::currentDateTimeUtc(), id, u"retry-full-quality"_s, {}});
        d->resetForRerun(i);
    }
    d->requestSchedule();
}

CheckpointInfo Engine::createCheckpoint(const QString &reason, QString *error)
{
    return d->checkpoint(reason.isEmpty() ? u"manual"_s : reason, error);
}

QList<CheckpointInfo> Engine::checkpoints() const
{
    return d->store.checkpoints();
}

void Engine::retryProviderNow(const QString &providerId)
{
    const auto it = d->providers.find(providerId);
    if (it == d->providers.end())
        return;
    ProviderState &ps = it->second;
    ps.breaker = CircuitBreaker(d->options.breaker);
    ps.holdUntilMs = 0;
    ps.probing = false;
    ps.probeInFlight = false;
    d->requestSchedule();
}

bool Engine::restoreCheckpoint(const QString &checkpointId, QString *error)
{
    if (counts(TaskState::Running) > 0) {
        if (error)
            *error = tr("%1 task(s) are running; pause and wait for them (or cancel) before "
                        "restoring a checkpoint")
                         .arg(counts(TaskState::Running));
        return false;
    }
    QString file;
    for (const CheckpointInfo &info : d->store.checkpoints()) {
        if (info.id == checkpointId)
            file = d->workspace.path(info.file);
    }
    if (file.isEmpty()) {
        if (error)
            *error = tr("there is no checkpoint \"%1\" (retake-cli checkpoint list shows them)")
                         .arg(checkpointId);
        return false;
    }
    QString why;
    const QList<StoredTask> stored = StateStore::loadTasksFrom(file, &why);
    if (stored.isEmpty()) {
        if (error)
            *error = tr("checkpoint %1 cannot be read: %2").arg(checkpointId, why);
        return false;
    }
    // A restore can be undone: the state before it is a checkpoint too.
    const CheckpointInfo undo = d->checkpoint(tr("before restore of %1").arg(checkpointId), &why);
    if (undo.id.isEmpty()) {
        if (error)
            *error = tr("could not save the current state before restoring: %1").arg(why);
        return false;
    }
    for (auto it = d->retryTimers.begin(); it != d->retryTimers.end();)
        it = d->retryTimers.erase(it);
    d->loadState(stored, true);
    for (int i = 0; i < d->tasks.size(); ++i) {
        d->persistTask(i);
        d->dirty.insert(i);
        if (d->tasks.at(i).snap.state == TaskState::Queued)
            d->enqueue(i);
    }
    d->store.addEvent({QDateTime::currentDateTimeUtc(), {}, u"restore"_s, checkpointId});
    d->finishedEmitted = false;
    d->flushUpdates();
    d->log(tr("Restored checkpoint %1; the state before it is checkpoint %2.")
               .arg(checkpointId, undo.id));
    Q_EMIT restored(checkpointId, undo.id);
    d->requestSchedule();
    return true;
}

int Engine::discardUnreferencedOutputs(bool dropCheckpoints, qint64 *bytesFreed, QString *error)
{
    if (counts(TaskState::Running) > 0) {
        if (error)
            *error = tr("tasks are running; wait for the batch to finish first");
        return -1;
    }
    if (dropCheckpoints) {
        for (const CheckpointInfo &info : d->store.checkpoints())
            d->store.removeCheckpoint(info.id, error);
    }
    QSet<QString> keep;
    for (const TaskRecord &t : d->tasks) {
        if (!t.snap.outputPath.isEmpty())
            keep.insert(QFileInfo(t.snap.outputPath).absoluteFilePath());
        if (!t.previousOutput.isEmpty())
            keep.insert(QFileInfo(t.previousOutput).absoluteFilePath());
    }
    for (const CheckpointInfo &info : d->store.checkpoints()) {
        QString why;
        const QList<StoredTask> stored =
            StateStore::loadTasksFrom(d->workspace.path(info.file), &why);
        if (stored.isEmpty()) {
            if (error)
                *error =
                    tr("checkpoint %1 cannot be read (%2); nothing was deleted").arg(info.id, why);
            return -1;
        }
        for (const StoredTask &s : stored) {
            if (!s.outputPath.isEmpty())
                keep.insert(d->workspace.path(s.outputPath));
        }
    }
    int removed = 0;
    qint64 freed = 0;
    QDirIterator it(d->workspace.draftDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (file.contains(u"/.staging/"_s) || keep.contains(file))
            continue;
        const qint64 size = QFileInfo(file).size();
        if (QFile::remove(file)) {
            ++removed;
            freed += size;
        }
    }
    if (bytesFreed)
        *bytesFreed = freed;
    d->store.addEvent({QDateTime::currentDateTimeUtc(),
                       {},
                       u"discard"_s,
                       QString::number(removed) + u" files"_s});
    QString flushError;
    d->store.flush(&flushError);
    return removed;
}

QHash<QString, QList<Attempt>> Engine::allAttempts() const
{
    QHash<QString, QList<Attempt>> all;
    for (const TaskRecord &t : d->tasks)
        all.insert(t.snap.id, t.attempts);
    return all;
}

int Engine::counts(TaskState state) const
{
    return d->counts.value(state, 0);
}

QList<TaskSnapshot> Engine::tasks() const
{
    QList<TaskSnapshot> list;
    list.reserve(d->tasks.size());
    for (const TaskRecord &t : d->tasks) {
        TaskSnapshot s = t.snap;
        s.rung = t.ladder.value(t.rungIndex).kind;
        s.providerId = t.ladder.value(t.rungIndex).providerId;
        s.retriesUsed = t.retriesUsed;
        list << s;
    }
    return list;
}

TaskSnapshot Engine::task(const QString &taskId) const
{
    const int i = d->index.value(taskId, -1);
    if (i < 0)
        return {};
    TaskSnapshot s = d->tasks.at(i).snap;
    s.rung = d->tasks.at(i).ladder.value(d->tasks.at(i).rungIndex).kind;
    s.providerId = d->tasks.at(i).ladder.value(d->tasks.at(i).rungIndex).providerId;
    s.retriesUsed = d->tasks.at(i).retriesUsed;
    return s;
}

QList<Attempt> Engine::attempts(const QString &taskId) const
{
    const int i = d->index.value(taskId, -1);
    return i < 0 ? QList<Attempt>() : d->tasks.at(i).attempts;
}

BatchSummary Engine::summary() const
{
    BatchSummary s;
    s.total = int(d->tasks.size());
    for (auto it = d->counts.cbegin(); it != d->counts.cend(); ++it) {
        if (it.value() > 0)
            s.counts.insert(it.key(), it.value());
    }
    for (auto it = d->qualities.cbegin(); it != d->qualities.cend(); ++it) {
        if (it.value() > 0)
            s.qualities.insert(it.key(), it.value());
    }
    s.running = d->started && !d->finishedEmitted;
    s.paused = d->userPaused || d->diskPaused || d->budgetPaused;
    s.pauseReason = d->diskPaused     ? u"disk full"_s
                    : d->budgetPaused ? u"budget cap"_s
                    : d->userPaused   ? u"paused"_s
                                      : QString();
    s.spent = d->spent;
    s.budgetCap = d->options.budgetCap;
    return s;
}

bool Engine::isFinished() const
{
    return d->finishedEmitted;
}

QString Engine::currentRunId() const
{
    return d->runId;
}

QString Engine::lastRunId() const
{
    return d->lastRunId;
}

bool Engine::resumedAfterCrash() const
{
    return d->resumedAfterCrash;
}

double Engine::spentThisRun() const
{
    return d->spent;
}

double Engine::estimatedCost(const QString &taskId) const
{
    const int i = d->index.value(taskId, -1);
    return i < 0 ? 0.0 : d->estimateCost(d->tasks.at(i));
}

int Engine::providerLimit(const QString &providerId) const
{
    const auto it = d->providers.find(providerId);
    return it == d->providers.end() ? 0 : it->second.limiter.limit();
}

int Engine::providerInFlight(const QString &providerId) const
{
    const auto it = d->providers.find(providerId);
    return it == d->providers.end() ? 0 : it->second.inFlight;
}

QList<ProviderStatus> Engine::providerStatuses() const
{
    QList<ProviderStatus> list;
    const qint64 now = d->now();
    for (const auto &[id, ps] : d->providers) {
        if (!ps.provider)
            continue;
        ProviderStatus status;
        status.id = id;
        status.kind = ps.provider->kind();
        status.model = ps.provider->model();
        switch (ps.breaker.state(now)) {
        case CircuitBreaker::State::Closed:
            status.breaker = ProviderStatus::Breaker::Closed;
            break;
        case CircuitBreaker::State::Open:
            status.breaker = ProviderStatus::Breaker::Open;
            status.breakerOpenUntil =
                QDateTime::currentDateTimeUtc().addMSecs(ps.breaker.openUntilMs() - now);
            break;
        case CircuitBreaker::State::HalfOpen:
            status.breaker = ProviderStatus::Breaker::HalfOpen;
            break;
        }
        status.inFlight = ps.inFlight;
        status.limit = ps.limiter.limit();
        status.maxLimit = ps.limiter.maxLimit();
        status.queued = int(ps.queue.size());
        if (!ps.recentOutcomes.isEmpty()) {
            status.recentErrorRate =
                double(ps.recentOutcomes.count(true)) / double(ps.recentOutcomes.size());
        }
        status.lastError = ps.lastError;
        status.lastErrorMessage = ps.lastErrorMessage;
        status.lastErrorAt = ps.lastErrorAt;
        list << status;
    }
    return list;
}

bool Engine::isBreakerOpen(const QString &providerId) const
{
    const auto it = d->providers.find(providerId);
    return it != d->providers.end() &&
           it->second.breaker.state(d->now()) != CircuitBreaker::State::Closed;
}

} // namespace retake
