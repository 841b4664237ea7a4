// Work on QThreadPool::globalInstance() whose hand-overs ThreadSanitizer can see
// (docs/ARCHITECTURE.md, "Threads"). Qt from Debian is not built with TSan: QThreadPool's
// queue, QFutureInterface's result store and queued events are ordered by QMutex on a futex
// inside libQt6Core, which TSan does not see. With QtConcurrent::run the lambda's captures
// (written by the caller, read by the pool thread) and the result (written by the pool
// thread, read by the caller) therefore looked like races in `make tsan`.
//
// runOnPool() hands the work over through one QRunnable that is announced before
// QThreadPool::start() and accepted first thing in run(); the result comes back through an
// object the caller created, announced by the pool thread before it finishes the future and
// accepted by the caller before reading it. Only these two points carry annotations; every
// other access stays checked. Outside TSan builds the annotations are empty.
#pragma once

#include <QFutureInterface>
#include <QFutureWatcher>
#include <QObject>
#include <QRunnable>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#endif

namespace retake {

// Everything the calling thread wrote before announceHandOver(token) is visible to a thread
// after acceptHandOver(token). Needed only where Qt's own locking orders the two.
inline void announceHandOver(const void *token)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_release(const_cast<void *>(token));
#else
    Q_UNUSED(token);
#endif
}

inline void acceptHandOver(const void *token)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(const_cast<void *>(token));
#else
    Q_UNUSED(token);
#endif
}

// Progress of pool work, 0 to 100; arrives as onProgress on the context's thread.
class PoolProgress
{
public:
    explicit PoolProgress(QFutureInterfaceBase &future) : m_future(future) {}
    void set(int percent) { m_future.setProgressValue(percent); }

private:
    QFutureInterfaceBase &m_future;
};

namespace poolrun_detail {

template <typename T> struct Outcome {
    std::optional<T> value;
};

template <typename T, typename Work> class Task final : public QRunnable
{
public:
    Task(Work work, std::shared_ptr<Outcome<T>> outcome, QFutureInterface<void> future)
        : m_work(std::move(work)), m_outcome(std::move(outcome)), m_future(std::move(future))
    {
    }

    void run() override
    {
        acceptHandOver(this);
        PoolProgress progress(m_future);
        m_outcome->value.emplace(m_work(progress));
        announceHandOver(m_outcome.get());
        m_future.reportFinished();
    }

private:
    Work m_work;
    std::shared_ptr<Outcome<T>> m_outcome;
    QFutureInterface<void> m_future;
};

} // namespace poolrun_detail

// Runs work(PoolProgress &) -> T on the global pool. done(T) is then called on context's
// thread from its event loop, unless context is gone by then; onProgress(int), if given, the
// same way for each PoolProgress::set. The work must not touch context.
template <typename T, typename Work, typename Done>
void runOnPool(QObject *context, Work work, Done done,
               std::function<void(int)> onProgress = nullptr)
{
    auto outcome = std::make_shared<poolrun_detail::Outcome<T>>();
    auto *watcher = new QFutureWatcher<void>(context);
    if (onProgress)
        QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, context,
                         std::move(onProgress));
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, outcome, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         acceptHandOver(outcome.get());
                         done(std::move(*outcome->value));
                     });

    QFutureInterface<void> future;
    future.setProgressRange(0, 100);
    future.reportStarted();
    watcher->setFuture(future.future());
    auto *task = new poolrun_detail::Task<T, Work>(std::move(work), outcome, future);
    announceHandOver(task);
    QThreadPool::globalInstance()->start(task);
}

// Runs work() on `pool` (a pool of its own, e.g. one thread that keeps the order of the
// work) and forgets it: no result, no context. The work must not touch its caller's objects.
inline void runDetached(QThreadPool &pool, std::function<void()> work)
{
    class Job final : public QRunnable
    {
    public:
        explicit Job(std::function<void()> work) : m_work(std::move(work)) {}
        void run() override
        {
            acceptHandOver(this);
            m_work();
        }

    private:
        std::function<void()> m_work;
    };
    auto *job = new Job(std::move(work));
    announceHandOver(job);
    pool.start(job);
}

} // namespace retake
