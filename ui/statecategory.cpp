#include "statecategory.h"

namespace retake::ui {

QList<StateCategory> allStateCategories()
{
    return {StateCategory::Done,     StateCategory::Degraded, StateCategory::Running,
            StateCategory::Retrying, StateCategory::Queued,   StateCategory::Failed,
            StateCategory::Blocked};
}

bool isInCategory(const TaskSnapshot &task, StateCategory category)
{
    switch (category) {
    case StateCategory::Done:
        return task.state == TaskState::Done;
    case StateCategory::Degraded:
        return task.state == TaskState::Done && isDegraded(task.quality);
    case StateCategory::Running:
        return task.state == TaskState::Running;
    case StateCategory::Retrying:
        return task.state == TaskState::Retrying;
    case StateCategory::Queued:
        return task.state == TaskState::Queued || task.state == TaskState::Waiting ||
               task.state == TaskState::Interrupted;
    case StateCategory::Failed:
        return task.state == TaskState::Failed;
    case StateCategory::Blocked:
        return task.state == TaskState::Blocked;
    }
    Q_UNREACHABLE();
}

int countInCategory(const BatchSummary &summary, StateCategory category)
{
    switch (category) {
    case StateCategory::Done:
        return summary.count(TaskState::Done);
    case StateCategory::Degraded:
        return summary.degraded();
    case StateCategory::Running:
        return summary.count(TaskState::Running);
    case StateCategory::Retrying:
        return summary.count(TaskState::Retrying);
    case StateCategory::Queued:
        return summary.count(TaskState::Queued) + summary.count(TaskState::Waiting) +
               summary.count(TaskState::Interrupted);
    case StateCategory::Failed:
        return summary.count(TaskState::Failed);
    case StateCategory::Blocked:
        return summary.count(TaskState::Blocked);
    }
    Q_UNREACHABLE();
}

int visualCategory(const TaskSnapshot &task)
{
    switch (task.state) {
    case TaskState::Done:
        return int(isDegraded(task.quality) ? StateCategory::Degraded : StateCategory::Done);
    case TaskState::Running:
        return int(StateCategory::Running);
    case TaskState::Retrying:
        return int(StateCategory::Retrying);
    case TaskState::Waiting:
    case TaskState::Queued:
    case TaskState::Interrupted:
        return int(StateCategory::Queued);
    case TaskState::Failed:
        return int(StateCategory::Failed);
    case TaskState::Blocked:
        return int(StateCategory::Blocked);
    case TaskState::Cancelled:
    case TaskState::Skipped:
        return -1;
    }
    Q_UNREACHABLE();
}

} // namespace retake::ui
