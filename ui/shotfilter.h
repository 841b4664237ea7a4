// Which shots the status grid shows: the state categories toggled in the summary bar
// (a shot matches when one of its tasks is in one of them; none toggled = all) and an
// optional text that must appear in the shot id or title. The proxy only calls match().
#pragma once

#include "shottile.h"
#include "statecategory.h"

#include <QSet>
#include <QString>

namespace retake::ui {

class ShotFilter final
{
public:
    ShotFilter() = default;

    bool match(const ShotTile &tile) const;
    // For a scene's own tasks (voice-over, cut) or the final film, named `name`.
    bool matchTasks(const QList<TaskSnapshot> &tasks, const QString &name) const;
    bool isEmpty() const { return m_categories.isEmpty() && m_text.isEmpty(); }

    QSet<StateCategory> categories() const { return m_categories; }
    void setCategories(const QSet<StateCategory> &categories) { m_categories = categories; }
    void setCategory(StateCategory category, bool on);
    QString text() const { return m_text; }
    void setText(const QString &text) { m_text = text.trimmed(); }

    bool operator==(const ShotFilter &other) const
    {
        return m_categories == other.m_categories && m_text == other.m_text;
    }
    bool operator!=(const ShotFilter &other) const { return !(*this == other); }

private:
    QSet<StateCategory> m_categories;
    QString m_text;
};

} // namespace retake::ui
