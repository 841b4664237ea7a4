#include "taskgraph.h"

#include "domain/taskid.h"

using namespace Qt::StringLiterals;

namespace retake {

TaskGraph TaskGraph::fromProject(const Project &project)
{
    TaskGraph graph;
    QList<int> sceneAssemblies;
    for (int s = 0; s < project.scenes.size(); ++s) {
        const Scene &scene = project.scenes.at(s);
        for (int h = 0; h < scene.shots.size(); ++h) {
            const Shot &shot = scene.shots.at(h);
            for (const Stage stage : {Stage::Image, Stage::Video}) {
                TaskNode node;
                node.sceneIndex = s;
                node.shotIndex = h;
                node.id = TaskId::of(shot.id, stage);
                node.sceneId = scene.id;
                node.shotId = shot.id;
                node.stage = stage;
                if (stage == Stage::Video) {
                    node.dependency = graph.size() - 1;
                    node.dependencies << node.dependency;
                }
                graph.add(std::move(node));
            }
        }
        if (!scene.voiceOver.isEmpty()) {
            TaskNode node;
            node.sceneIndex = s;
            node.id = TaskId::of(scene.id, Stage::Audio);
            node.sceneId = scene.id;
            node.stage = Stage::Audio;
            graph.add(std::move(node));
        }
        if (project.assemble) {
            // The scene's cut waits for its shot videos and its voice-over.
            TaskNode node;
            node.sceneIndex = s;
            node.id = TaskId::of(scene.id, Stage::Assembly);
            node.sceneId = scene.id;
            node.stage = Stage::Assembly;
            for (int i = 0; i < graph.size(); ++i) {
                const TaskNode &dep = graph.at(i);
                if (dep.sceneIndex == s && (dep.stage == Stage::Video || dep.stage == Stage::Audio))
                    node.dependencies << i;
            }
            sceneAssemblies << graph.size();
            graph.add(std::move(node));
        }
    }
    if (project.assemble && !sceneAssemblies.isEmpty()) {
        TaskNode node;
        node.id = TaskId::of(QString::fromUtf16(kFinalSceneId), Stage::Assembly);
        node.sceneId = QString::fromUtf16(kFinalSceneId);
        node.stage = Stage::Assembly;
        node.dependencies = sceneAssemblies;
        graph.add(std::move(node));
    }
    return graph;
}

void TaskGraph::add(TaskNode &&node)
{
    const int i = size();
    for (int d : node.dependencies)
        m_nodes[d].dependents << i;
    m_nodes << std::move(node);
}

TaskState TaskGraph::readiness(int i, const std::function<TaskState(int)> &stateOf) const
{
    const TaskNode &node = m_nodes.at(i);
    if (node.dependencies.isEmpty())
        return TaskState::Queued;
    if (node.stage == Stage::Assembly) {
        for (int d : node.dependencies) {
            const TaskState s = stateOf(d);
            if (!isFinal(s) || s == TaskState::Cancelled)
                return TaskState::Waiting;
        }
        return TaskState::Queued;
    }
    switch (stateOf(node.dependency)) {
    case TaskState::Done:
        return TaskState::Queued;
    case TaskState::Failed:
    case TaskState::Blocked:
    case TaskState::Skipped:
        return TaskState::Blocked;
    case TaskState::Waiting:
    case TaskState::Queued:
    case TaskState::Running:
    case TaskState::Retrying:
    case TaskState::Interrupted:
    case TaskState::Cancelled:
        return TaskState::Waiting;
    }
    Q_UNREACHABLE();
    return TaskState::Waiting;
}

} // namespace retake
