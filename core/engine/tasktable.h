// Every task of the open project with the counts per state and quality, kept in step on
// each change, and the DAG rules that move dependents (settle, reset, cancel). It tells
// a listener what changed; queues, persistence and checkpoints are the listener's.
#pragma once

#include "engine/taskrecord.h"

#include <QHash>
#include <QList>
#include <QMap>

namespace retake {

class TaskTable final
{
public:
    class Listener
    {
    public:
        virtual ~Listener() = default;
        virtual void taskChanged(int i) = 0;
        virtual void taskQueued(int i) = 0;
        virtual void taskLeftQueue(int i) = 0;
        // A stage's last open task reached a final state / a final task of it reopened.
        virtual void stageFinished(Stage stage) = 0;
        virtual void stageReopened(Stage stage) = 0;
    };

    explicit TaskTable(Listener *listener) : m_listener(listener) {}

    // Builds the tasks of `project`, each on the ladder of its stage, in their first state.
    void build(const Project &project);

    int size() const { return int(m_tasks.size()); }
    TaskRecord &at(int i) { return m_tasks[i]; }
    const TaskRecord &at(int i) const { return m_tasks.at(i); }
    const QList<TaskRecord> &all() const { return m_tasks; }
    int indexOf(const QString &taskId) const { return m_index.value(taskId, -1); }
    int count(TaskState state) const { return m_counts.value(state, 0); }
    const QMap<TaskState, int> &counts() const { return m_counts; }
    const QMap<Quality, int> &qualities() const { return m_qualities; }

    void setState(int i, TaskState state);
    void setQuality(int i, Quality quality);

    // The state a waiting, queued or blocked task takes from its inputs.
    TaskState readyState(int i) const;
    // After task i changed: its dependents become queued, blocked or waiting.
    void settleDependents(int i);
    // Task i runs again: what was made from its output waits for the new one.
    void resetDependents(int i);
    void cancelDependents(int i);

    static Ladder ladderFor(const Project &project, Stage stage, const QString &providerOverride);

private:
    Listener *m_listener;
    TaskGraph m_graph;
    QList<TaskRecord> m_tasks;
    QHash<QString, int> m_index;
    QMap<TaskState, int> m_counts;
    QMap<Quality, int> m_qualities;
    QMap<Stage, int> m_openPerStage; // tasks of a stage not in a final state
};

} // namespace retake
