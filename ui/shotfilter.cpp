#include "shotfilter.h"

namespace retake::ui {

bool ShotFilter::match(const ShotTile &tile) const
{
    if (!m_text.isEmpty() && !tile.shotId.contains(m_text, Qt::CaseInsensitive) &&
        !tile.title.contains(m_text, Qt::CaseInsensitive) &&
        !tile.sceneId.contains(m_text, Qt::CaseInsensitive))
        return false;
    if (m_categories.isEmpty())
        return true;
    for (const StateCategory category : m_categories) {
        // Only the stages the shot has: an image-only shot's missing video is no task.
        if ((tile.has(Stage::Image) && isInCategory(tile.image, category)) ||
            (tile.has(Stage::Video) && isInCategory(tile.video, category)))
            return true;
    }
    return false;
}

bool ShotFilter::matchTasks(const QList<TaskSnapshot> &tasks, const QString &name) const
{
    if (!m_text.isEmpty() && !name.contains(m_text, Qt::CaseInsensitive))
        return false;
    if (m_categories.isEmpty())
        return true;
    for (const TaskSnapshot &task : tasks) {
        for (const StateCategory category : m_categories) {
            if (isInCategory(task, category))
                return true;
        }
    }
    return false;
}

void ShotFilter::setCategory(StateCategory category, bool on)
{
    if (on)
        m_categories.insert(category);
    else
        m_categories.remove(category);
}

} // namespace retake::ui
