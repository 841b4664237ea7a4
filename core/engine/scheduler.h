// Which task goes next: a queue per provider (storyboard order), backoff timers of
// retrying tasks, and one timer that wakes the scheduler when a backoff, a breaker
// cool-down or a Retry-After hold ends. A pass asks each provider's gate, the budget and
// the disk guard (through the host) before every dispatch; a provider whose breaker is
// open hands its queue to an alternative provider of the same quality. A pool's task goes
// to its least-loaded endpoint that admits it (docs/ARCHITECTURE.md, "Endpoint pools").
#pragma once

#include "engine/providerlane.h"
#include "engine/tasktable.h"

#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <set>

namespace retake {

class Scheduler final
{
public:
    class Host
    {
    public:
        virtual ~Host() = default;
        virtual qint64 now() const = 0;
        virtual bool isStarted() const = 0;
        virtual bool isCancelling() const = 0;
        virtual bool dispatchAllowed() const = 0;
        virtual bool hasDiskSpace() = 0;
        virtual bool budgetAllows(int task) = 0;
        virtual void dispatch(int task, int endpoint) = 0;
        virtual void taskDiverted(int task) = 0;
        virtual void log(const QString &line) = 0;
        virtual void passEnded() = 0;
    };

    Scheduler(TaskTable &tasks, Host &host, QObject *context);

    std::map<QString, ProviderLane> &lanes() { return m_lanes; }
    const std::map<QString, ProviderLane> &lanes() const { return m_lanes; }
    ProviderLane *lane(const QString &providerId);
    const ProviderLane *lane(const QString &providerId) const;

    // A pass soon (queued to the event loop; several requests make one pass).
    void request();
    void enqueue(int task);
    void dequeue(int task);
    // Rebuilds every queue from the tasks that are queued now.
    void relinkQueues();
    void clearQueues();
    void retryAt(int task, qint64 dueMs);
    void cancelRetry(int task);
    void clearRetries();

private:
    void pass();
    void divertFromOpenBreaker(const QString &providerId, ProviderLane &lane);
    void armWakeTimer(qint64 t);

    TaskTable &m_tasks;
    Host &m_host;
    QObject *m_context;
    std::map<QString, ProviderLane> m_lanes;
    std::multimap<qint64, int> m_retryTimers; // monotonic due time -> task index
    QTimer m_wakeTimer;
    bool m_pending = false;
};

} // namespace retake
