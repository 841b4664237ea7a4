// The task DAG of a project: a shot's image and/or video (its stages), a scene's voice-over and
// cut, the final film. Built from the storyboard alone, so the engine and the reports agree on
// which tasks exist, what each waits for and when it may run. See docs/ARCHITECTURE.md ("Tasks").
#pragma once

#include "domain/project.h"
#include "domain/types.h"

#include <QList>
#include <QString>

#include <functional>

namespace retake {

struct TaskNode {
    QString id; // "<shot>/<stage>" or "<scene>/<stage>"
    QString sceneId;
    QString shotId; // empty for scene-level tasks
    Stage stage = Stage::Image;
    int sceneIndex = -1;     // -1: the final assembly
    int shotIndex = -1;      // -1: a scene-level task (voice-over, assembly)
    int dependency = -1;     // a shot video's image (none for a video-only shot)
    QList<int> dependencies; // every task this one waits for (assembly: pictures, audio)
    QList<int> dependents;
};

class TaskGraph final
{
public:
    static TaskGraph fromProject(const Project &project);

    const QList<TaskNode> &nodes() const { return m_nodes; }
    int size() const { return int(m_nodes.size()); }
    const TaskNode &at(int i) const { return m_nodes.at(i); }

    // The state a not-yet-started task takes from the states of what it waits for:
    // Queued when it may run, Waiting, or Blocked when an input failed. An assembly waits
    // for every input including all of its retries (a failed input becomes a slate); a
    // cancelled input keeps it waiting.
    TaskState readiness(int i, const std::function<TaskState(int)> &stateOf) const;

private:
    void add(TaskNode &&node);
    QList<TaskNode> m_nodes;
};

} // namespace retake
