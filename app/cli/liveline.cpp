#include "liveline.h"

#include <QtGlobal>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace retake::cli {

namespace {

constexpr int kBarWidth = 30;
constexpr int kMinBarWidth = 10;

// Which parts a level of degradation keeps.
struct Level {
    int counts; // how many of the counts (-1: all)
    bool rate;
    bool eta;
};

QString tailOf(const LiveLineParts &p, const Level &level)
{
    QStringList parts;
    const QStringList counts = level.counts < 0 ? p.counts : p.counts.mid(0, level.counts);
    if (!counts.isEmpty())
        parts << counts.join(u", "_s);
    if (level.rate && !p.rate.isEmpty())
        parts << p.rate;
    if (level.eta && !p.eta.isEmpty())
        parts << p.eta;
    QString tail = u"%1%"_s.arg(int(p.percent), 3);
    if (!parts.isEmpty())
        tail += u' ' + parts.join(u" · "_s);
    if (!p.paused.isEmpty())
        tail += u" — "_s + p.paused;
    return tail;
}

bool terminal(TaskState state)
{
    return state == TaskState::Done || state == TaskState::Failed;
}

// Still to run: what `estimate` counts as runnable, less what stopped for good in this run.
bool pending(TaskState state)
{
    return state != TaskState::Done && state != TaskState::Skipped && state != TaskState::Failed &&
           state != TaskState::Blocked && state != TaskState::Cancelled;
}

QString durationText(qint64 ms)
{
    const qint64 s = (ms + 999) / 1000;
    if (s < 60)
        return u"%1s"_s.arg(s);
    if (s < 3600)
        return u"%1m%2s"_s.arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return u"%1h%2m"_s.arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace

QString composeLiveLine(const LiveLineParts &parts, int columns)
{
    const int room = std::max(1, columns - 1);
    const Level levels[] = {
        {-1, true, true}, {1, true, true}, {0, true, true}, {0, false, true}, {0, false, false}};
    for (const Level &level : levels) {
        const QString tail = tailOf(parts, level);
        const int barRoom = room - int(tail.size()) - 3; // "[", "] "
        if (barRoom >= kMinBarWidth) {
            const int width = std::min(kBarWidth, barRoom);
            const int filled = std::clamp(int(parts.percent / 100.0 * width), 0, width);
            return u"["_s + QString(filled, u'#') + QString(width - filled, u'.') + u"] "_s + tail;
        }
        QString bare = tail.trimmed();
        if (bare.size() <= room)
            return bare;
    }
    return tailOf(parts, {0, false, false}).trimmed().left(room);
}

int terminalColumns(int fd)
{
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    if (ok && columns > 0)
        return columns;
    winsize size = {};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

void ProgressMeter::setTasks(const QList<TaskSnapshot> &tasks)
{
    m_tasks.clear();
    for (const TaskSnapshot &t : tasks)
        m_tasks.insert(t.id, t);
    m_changed = true;
}

void ProgressMeter::updateTasks(const QList<TaskSnapshot> &tasks)
{
    for (const TaskSnapshot &t : tasks) {
        const auto it = m_tasks.constFind(t.id);
        if (terminal(t.state) && (it == m_tasks.constEnd() || !terminal(it->state)))
            ++m_finished;
        m_tasks.insert(t.id, t);
    }
    m_changed = true;
}

void ProgressMeter::addAttempt(const QString &taskId, const Attempt &attempt)
{
    // What the estimate reads of it (not its parameters or messages).
    Attempt measured;
    measured.providerId = attempt.providerId;
    measured.startedAt = attempt.startedAt;
    measured.endedAt = attempt.endedAt;
    measured.errorClass = attempt.errorClass;
    measured.countedAgainstBudget = attempt.countedAgainstBudget;
    m_attempts[taskId].append(measured);
    m_changed = true;
}

void ProgressMeter::recompute()
{
    m_changed = false;
    if (m_finished < kMinFinished) {
        m_etaMs.reset();
        return;
    }
    // The estimate's own arithmetic: mean measured duration per provider and stage, spread
    // over each provider's concurrent slots; the slowest provider decides.
    UsageEstimator estimator;
    estimator.setProviders(m_providers);
    estimator.addHistory(m_attempts);
    for (const TaskSnapshot &t : std::as_const(m_tasks)) {
        if (pending(t.state))
            estimator.addTask(t.providerId, t.stage, 1.0);
    }
    m_etaMs = estimator.total().wallTimeMs;
    m_etaAt = m_clock.elapsed();
}

QString ProgressMeter::rateText() const
{
    const qint64 elapsed = m_clock.elapsed();
    // One quick task in the first second is not a rate yet.
    if (m_finished < kMinFinished || elapsed <= 0)
        return {};
    const double perMinute = m_finished * 60000.0 / double(elapsed);
    return perMinute < 10 ? u"%1/min"_s.arg(perMinute, 0, 'f', 1)
                          : u"%1/min"_s.arg(std::lround(perMinute));
}

QString ProgressMeter::etaText()
{
    if (m_changed && (!m_etaMs || m_clock.elapsed() - m_etaAt >= kRecomputeMs))
        recompute();
    if (!m_etaMs)
        return u"ETA —"_s;
    // Counts down between the events that recompute it.
    const qint64 left = std::max<qint64>(0, *m_etaMs - (m_clock.elapsed() - m_etaAt));
    return u"ETA "_s + durationText(left);
}

} // namespace retake::cli
