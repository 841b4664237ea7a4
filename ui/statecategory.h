// The groups of task states the summary bar counts and the grid filters by. A GUI
// grouping of the core's TaskState and Quality; the core knows nothing of it.
#pragma once

#include "domain/task.h"
#include "domain/types.h"

#include <QList>

namespace retake::ui {

enum class StateCategory {
    Done,     // done, at any quality
    Degraded, // done below full quality (a subset of Done)
    Running,
    Retrying,
    Queued, // queued, waiting for a dependency, or interrupted and about to resume
    Failed,
    Blocked,
};

// In the order the summary bar shows them.
QList<StateCategory> allStateCategories();
bool isInCategory(const TaskSnapshot &task, StateCategory category);
int countInCategory(const BatchSummary &summary, StateCategory category);
// The one category that decides how a task is drawn (Degraded before Done), or
// nullopt-like -1 for cancelled and skipped tasks.
int visualCategory(const TaskSnapshot &task);

} // namespace retake::ui
