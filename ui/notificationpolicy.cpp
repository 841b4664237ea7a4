#include "notificationpolicy.h"

#include "statestyle.h"

#include "domain/taskid.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

const TaskSnapshot *firstFailed(const QList<TaskSnapshot> &tasks)
{
    for (const TaskSnapshot &t : tasks) {
        if (t.state == TaskState::Failed)
            return &t;
    }
    return nullptr;
}

} // namespace

std::optional<DesktopNotification>
NotificationPolicy::batchFinished(const BatchSummary &summary, const QList<TaskSnapshot> &tasks,
                                  const Context &context)
{
    if (!context.enabled || context.userLooking || summary.total == 0)
        return std::nullopt;
    DesktopNotification n;
    const int failed = summary.count(TaskState::Failed);
    const int blocked = summary.count(TaskState::Blocked);
    if (summary.paused && summary.pauseReason == PauseReason::BudgetCap) {
        const int notStarted =
            summary.count(TaskState::Queued) + summary.count(TaskState::Waiting) +
            summary.count(TaskState::Retrying) + summary.count(TaskState::Interrupted);
        n.kind = DesktopNotification::Kind::BudgetCap;
        n.target = DesktopNotification::Target::Window;
        n.urgent = true;
        n.title = tr("%1: budget cap reached").arg(context.projectName);
        n.body = tr("%1 of %2 cost units spent; %n task(s) not started. Raise the budget in "
                    "Retake to continue this run.",
                    nullptr, notStarted)
                     .arg(QLocale().toString(summary.spent, 'f', 2),
                          QLocale().toString(summary.budgetCap, 'f', 2));
        return n;
    }
    if (summary.allDone()) {
        n.kind = DesktopNotification::Kind::BatchDone;
        n.target = DesktopNotification::Target::Report;
        n.title = tr("%1: batch finished").arg(context.projectName);
        n.body = tr("All %n task(s) are done.", nullptr, summary.total);
        if (summary.degraded() > 0)
            n.body += u' ' + tr("%n at reduced quality.", nullptr, summary.degraded());
        n.body += u' ' + tr("Click to see the job report.");
        return n;
    }
    // Cancelled by the user (who knows), or stopped otherwise with nothing failed: no news.
    if (summary.count(TaskState::Cancelled) > 0 || failed + blocked == 0)
        return std::nullopt;
    n.kind = DesktopNotification::Kind::TasksFailed;
    n.urgent = true;
    n.title = tr("%1: %n task(s) failed", nullptr, failed + blocked).arg(context.projectName);
    if (const TaskSnapshot *first = firstFailed(tasks)) {
        n.target = DesktopNotification::Target::Task;
        n.taskId = first->id;
        const QString item =
            tr("%1 (%2)", "item (stage)")
                .arg(TaskId::itemOf(first->id), StateStyle::stageLabel(first->stage));
        n.body = failed > 1
                     ? tr("%1 and %n more failed: %2.", nullptr, failed - 1)
                           .arg(item, StateStyle::errorLabel(first->lastError))
                     : tr("%1 failed: %2.").arg(item, StateStyle::errorLabel(first->lastError));
        if (blocked > 0)
            n.body += u' ' + tr("%n task(s) wait for it.", nullptr, blocked);
        n.body += u' ' + tr("Click to select it; retry it or run it on another provider.");
    } else {
        n.target = DesktopNotification::Target::Window;
        n.body = tr("%n task(s) wait for tasks that did not finish. Open Retake to see them.",
                    nullptr, blocked);
    }
    return n;
}

std::optional<DesktopNotification>
NotificationPolicy::pausedChanged(bool paused, PauseReason reason, const Context &context)
{
    if (!paused || reason != PauseReason::DiskFull) {
        m_diskFullTold = false;
        return std::nullopt;
    }
    // Once per pause, also when the user saw it in the window (its banner stays).
    const bool told = m_diskFullTold;
    m_diskFullTold = true;
    if (told || !context.enabled || context.userLooking)
        return std::nullopt;
    DesktopNotification n;
    n.kind = DesktopNotification::Kind::DiskFull;
    n.target = DesktopNotification::Target::Window;
    n.urgent = true;
    n.title = tr("%1: disk full, batch paused").arg(context.projectName);
    n.body = tr("Retake stopped writing to the workspace and resumes by itself when space "
                "returns. Free some space on its disk.");
    return n;
}

} // namespace retake::ui
