// The user's commands on a batch: cancel, retry one task, retry all failed, switch
// provider, retry at full quality, and "retry now" for a provider that is avoided. Each
// bulk action first checkpoints, so that it can be undone.
#include "engine.h"

#include "engine/engineprivate.h"

using namespace Qt::StringLiterals;

namespace retake {

void Engine::cancel()
{
    if (!d->started)
        return;
    d->cancelling = true;
    d->scheduler.clearRetries();
    for (int i = 0; i < d->tasks.size(); ++i) {
        TaskRecord &t = d->tasks.at(i);
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
            d->tasks.setState(i, TaskState::Cancelled);
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
    const int i = d->tasks.indexOf(taskId);
    if (i < 0)
        return;
    TaskRecord &t = d->tasks.at(i);
    const TaskState s = t.snap.state;
    if (s != TaskState::Failed && s != TaskState::Blocked && s != TaskState::Cancelled)
        return;
    if (s == TaskState::Blocked && t.node.dependency >= 0) {
        retryTask(d->tasks.at(t.node.dependency).snap.id);
        return;
    }
    // Loop guard: count the user's retries that meet the same error class again.
    if (t.snap.lastError != ErrorClass::None && t.snap.lastError == t.manualRetryError)
        t.snap.manualRetries += 1;
    else
        t.snap.manualRetries = 1;
    t.manualRetryError = t.snap.lastError;
    d->journal.event(EventKind::UserRetry, {}, taskId);
    d->resetForRerun(i);
    d->scheduler.request();
}

void Engine::retryAllFailed()
{
    QString error;
    d->checkpoint(CheckpointReason::beforeBulkAction(u"retry all failed"_s), &error);
    d->journal.event(EventKind::RetryAllFailed);
    for (int i = 0; i < d->tasks.size(); ++i) {
        if (d->tasks.at(i).snap.state == TaskState::Failed)
            d->resetForRerun(i);
    }
    d->settleBlocked();
    d->scheduler.request();
}

void Engine::switchProvider(const QStringList &taskIds, const QString &providerId)
{
    QString error;
    d->checkpoint(CheckpointReason::beforeBulkAction(u"switch to provider %1"_s.arg(providerId)),
                  &error);
    d->journal.event(EventKind::SwitchProvider, providerId + u": "_s + taskIds.join(u','));
    for (const QString &id : taskIds) {
        const int i = d->tasks.indexOf(id);
        if (i < 0)
            continue;
        TaskRecord &t = d->tasks.at(i);
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
    d->scheduler.request();
}

void Engine::switchProviderForFailed(const QString &providerId)
{
    QStringList ids;
    for (const TaskRecord &t : d->tasks.all()) {
        if (t.snap.state == TaskState::Failed)
            ids << t.snap.id;
    }
    switchProvider(ids, providerId);
    d->settleBlocked();
}

void Engine::retryAtFullQuality(const QStringList &taskIds)
{
    for (const QString &id : taskIds) {
        const int i = d->tasks.indexOf(id);
        if (i < 0)
            continue;
        const TaskRecord &t = d->tasks.at(i);
        if (t.snap.state != TaskState::Done || !isDegraded(t.snap.quality))
            continue;
        d->journal.event(EventKind::RetryFullQuality, {}, id);
        d->resetForRerun(i);
    }
    d->scheduler.request();
}

void Engine::retryProviderNow(const QString &providerId)
{
    ProviderLane *lane = d->scheduler.lane(providerId);
    if (!lane)
        return;
    for (LaneEndpoint &endpoint : lane->endpoints)
        endpoint.gate.reopen(d->options.breaker);
    d->scheduler.request();
}

} // namespace retake
