#include "scheduler.h"

#include "providers/provider.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace retake {

Scheduler::Scheduler(TaskTable &tasks, Host &host, QObject *context)
    : m_tasks(tasks), m_host(host), m_context(context)
{
    m_wakeTimer.setSingleShot(true);
    QObject::connect(&m_wakeTimer, &QTimer::timeout, context, [this] { request(); });
}

ProviderLane *Scheduler::lane(const QString &providerId)
{
    const auto it = m_lanes.find(providerId);
    return it == m_lanes.end() ? nullptr : &it->second;
}

const ProviderLane *Scheduler::lane(const QString &providerId) const
{
    const auto it = m_lanes.find(providerId);
    return it == m_lanes.end() ? nullptr : &it->second;
}

void Scheduler::request()
{
    if (m_pending || !m_host.isStarted())
        return;
    m_pending = true;
    QMetaObject::invokeMethod(
        m_context, [this] { pass(); }, Qt::QueuedConnection);
}

void Scheduler::enqueue(int task)
{
    // An unknown provider gets an empty lane: dispatch reports it to the task.
    m_lanes[m_tasks.at(task).providerId()].queue.insert(task);
    request();
}

void Scheduler::dequeue(int task)
{
    for (auto &entry : m_lanes)
        entry.second.queue.erase(task);
}

void Scheduler::clearQueues()
{
    for (auto &entry : m_lanes)
        entry.second.queue.clear();
}

void Scheduler::relinkQueues()
{
    clearQueues();
    for (int i = 0; i < m_tasks.size(); ++i) {
        if (m_tasks.at(i).snap.state == TaskState::Queued)
            enqueue(i);
    }
}

void Scheduler::retryAt(int task, qint64 dueMs)
{
    m_retryTimers.emplace(dueMs, task);
}

void Scheduler::cancelRetry(int task)
{
    for (auto it = m_retryTimers.begin(); it != m_retryTimers.end();)
        it = it->second == task ? m_retryTimers.erase(it) : std::next(it);
}

void Scheduler::clearRetries()
{
    m_retryTimers.clear();
}

void Scheduler::pass()
{
    m_pending = false;
    if (!m_host.isStarted() || m_host.isCancelling())
        return;
    const qint64 t = m_host.now();
    // Retrying tasks whose backoff is over become queued again.
    while (!m_retryTimers.empty() && m_retryTimers.begin()->first <= t) {
        const int i = m_retryTimers.begin()->second;
        m_retryTimers.erase(m_retryTimers.begin());
        if (m_tasks.at(i).snap.state == TaskState::Retrying)
            m_tasks.setState(i, TaskState::Queued);
    }
    if (m_host.dispatchAllowed() && m_host.hasDiskSpace()) {
        for (auto &[id, lane] : m_lanes) {
            if (!lane.queue.empty() && lane.isAvoided(t))
                divertFromOpenBreaker(id, lane);
        }
        for (auto &[id, lane] : m_lanes) {
            while (!lane.queue.empty() && m_host.dispatchAllowed()) {
                const int i = *lane.queue.begin();
                // A job left on an endpoint that is alive waits for a slot there: it is
                // re-attached to, not paid for again elsewhere.
                const int preferred = lane.indexOf(m_tasks.at(i).remoteJob.endpoint);
                const int endpoint = lane.pick(t, preferred);
                if (endpoint < 0 ||
                    (preferred >= 0 && endpoint != preferred && !lane.gate(preferred).isAvoided(t)))
                    break;
                if (!m_host.budgetAllows(i))
                    break;
                // Leaves the queue through setState(Running) or a failure.
                m_host.dispatch(i, endpoint);
                lane.queue.erase(i);
            }
        }
    }
    armWakeTimer(t);
    m_host.passEnded();
}

void Scheduler::divertFromOpenBreaker(const QString &providerId, ProviderLane &lane)
{
    const std::set<int> waiting = lane.queue;
    const qint64 t = m_host.now();
    for (int i : waiting) {
        TaskRecord &task = m_tasks.at(i);
        // Move to an alternative provider of the same quality that is not avoided right
        // now; with none, the task waits for the cool-down rather than degrade.
        for (int r = task.rungIndex + 1; r < task.ladder.size(); ++r) {
            const ProviderLane *other = this->lane(task.ladder.at(r).providerId);
            if (task.ladder.at(r).kind != RungKind::AlternativeProvider ||
                task.ladder.at(r).providerId == providerId || !other || other->allOpen(t))
                continue;
            lane.queue.erase(i);
            task.rungIndex = r;
            task.rungFailures = 0;
            //: %1 is the task, %2 the provider it leaves, %3 the one it moves to, %4 the
            //: fallback rung (in English).
            m_host.log(QCoreApplication::translate("retake::Engine",
                                                   "%1: %2 is cooling down after repeated "
                                                   "failures; moving to %3 (%4).")
                           .arg(task.snap.id, providerId, task.ladder.at(r).providerId,
                                nameOf(task.ladder.at(r).kind)));
            enqueue(i);
            m_host.taskDiverted(i);
            break;
        }
    }
}

void Scheduler::armWakeTimer(qint64 t)
{
    // `t` is the moment the pass asked the gates. Reading the clock again here would lose a
    // hold or a pacer slot that ended between the two readings: refused at `t`, "already
    // open" now, and no pass would ever come (a batch that stalls with tasks queued).
    qint64 due = -1;
    if (!m_retryTimers.empty())
        due = m_retryTimers.begin()->first;
    for (const auto &entry : m_lanes) {
        if (entry.second.queue.empty())
            continue;
        const qint64 reopen = entry.second.reopensAtMs(t);
        if (reopen >= 0)
            due = due < 0 ? reopen : std::min(due, reopen);
    }
    if (due < 0) {
        m_wakeTimer.stop();
        return;
    }
    // The timer counts from now, not from `t`: what is due is measured against the clock.
    m_wakeTimer.start(int(std::clamp<qint64>(due - m_host.now(), 0, qint64(24) * 3600 * 1000)));
}

} // namespace retake
