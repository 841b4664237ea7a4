#include "taskid.h"

namespace retake {

QString TaskId::of(const QString &itemId, Stage stage)
{
    return itemId + u'/' + nameOf(stage);
}

QString TaskId::itemOf(const QString &taskId)
{
    return taskId.section(u'/', 0, -2);
}

std::optional<Stage> TaskId::stageOf(const QString &taskId)
{
    return stageFromString(taskId.section(u'/', -1));
}

QString TaskId::flat(const QString &taskId)
{
    QString flat = taskId;
    flat.replace(u'/', u'-');
    return flat;
}

} // namespace retake
