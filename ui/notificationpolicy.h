// What reaches the desktop when the user is not looking at the window (docs/ARCHITECTURE.md,
// "Desktop notifications"): a batch that ended (every task done, or tasks that failed), a run
// stopped by its budget cap, a disk-full pause. Plain values in, a notification or nothing
// out: no D-Bus, no widgets, so it is tested on its own. DesktopNotifier sends what it
// decides.
#pragma once

#include "domain/task.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace retake::ui {

struct DesktopNotification {
    enum class Kind { BatchDone, TasksFailed, BudgetCap, DiskFull };
    // What a click on it shows: the window with its banner, a task selected, or the report.
    enum class Target { Window, Task, Report };

    Kind kind = Kind::BatchDone;
    Target target = Target::Window;
    QString taskId; // Target::Task
    QString title;
    QString body;
    bool urgent = false; // the batch needs the user
};

class NotificationPolicy
{
    Q_DECLARE_TR_FUNCTIONS(NotificationPolicy)
public:
    struct Context {
        bool enabled = true;      // the Preferences switch
        bool userLooking = false; // Retake is the active application, not minimized
        QString projectName;      // the storyboard's title or file name
    };

    // The batch ended. A cancelled batch tells nothing: the user cancelled it. Failed tasks
    // are named by the first of them in `tasks` (storyboard order), which a click selects.
    std::optional<DesktopNotification> batchFinished(const BatchSummary &summary,
                                                     const QList<TaskSnapshot> &tasks,
                                                     const Context &context);
    // The engine paused or resumed. A disk-full pause tells once, until it ends; the budget
    // cap tells at the batch's end (when the attempts in flight have finished).
    std::optional<DesktopNotification> pausedChanged(bool paused, PauseReason reason,
                                                     const Context &context);

private:
    bool m_diskFullTold = false;
};

} // namespace retake::ui

Q_DECLARE_METATYPE(retake::ui::DesktopNotification)
