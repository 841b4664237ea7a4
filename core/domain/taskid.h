// A task's id, "<item>/<stage>": the item is a shot id, a scene id or "final", the stage its
// name ("image", "video", "audio", "assemble"). The only code that builds or splits that
// text; item ids cannot contain '/', so the last '/' separates the stage.
#pragma once

#include "domain/types.h"

#include <QString>

#include <optional>

namespace retake {

class TaskId final
{
public:
    static QString of(const QString &itemId, Stage stage);
    // The shot, scene or "final" a task belongs to.
    static QString itemOf(const QString &taskId);
    static std::optional<Stage> stageOf(const QString &taskId);
    // The id as one path component ("sh01-image"), for folder names in the workspace.
    static QString flat(const QString &taskId);
};

} // namespace retake
