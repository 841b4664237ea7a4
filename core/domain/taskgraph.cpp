#include "taskgraph.h"

#include "domain/taskid.h"

using namespace Qt::StringLiterals;

namespace retake {

TaskGraph TaskGraph::fromProject(const Project &project)
{
    TaskGraph graph;
    graph.m_nodes.reserve(project.taskCount()); // 20,000 nodes grown one by one copy a lot
    QList<int> sceneAssemblies;
    for (int s = 0; s < project.scenes.size(); ++s) {
        const Scene &scene = project.scenes.at(s);
        QList<int> sceneInputs; // each shot's picture (its video, or its image when it has
                                // no video), then the voice-over
        for (int h = 0; h < scene.shots.size(); ++h) {
            const Shot &shot = scene.shots.at(h);
            int image = -1;
            for (const Stage stage : {Stage::Image, Stage::Video}) {
                if (!shot.hasStage(stage))
                    continue;
                TaskNode node;
                node.sceneIndex = s;
                node.shotIndex = h;
                node.id = TaskId::of(shot.id, stage);
                node.sceneId = scene.id;
                node.shotId = shot.id;
                node.stage = stage;
                // A video waits for its shot's image; a video-only shot's video starts at
                // once from the image file the storyboard names.
                if (stage == Stage::Video && image >= 0) {
                    node.dependency = image;
                    node.dependencies << node.dependency;
                }
                if (stage == Stage::Image)
                    image = graph.size();
                graph.add(std::move(node));
            }
            sceneInputs << graph.size() - 1;
        }
        if (!scene.voiceOver.isEmpty()) {
            sceneInputs << graph.size();
            TaskNode node;
            node.sceneIndex = s;
            node.id = TaskId::of(scene.id, Stage::Audio);
            node.sceneId = scene.id;
            node.stage = Stage::Audio;
            graph.add(std::move(node));
        }
        if (project.assemble) {
            // The scene's cut waits for its shots' pictures (the video, or the still of an
            // image-only shot) and its voice-over.
            TaskNode node;
            node.sceneIndex = s;
            node.id = TaskId::of(scene.id, Stage::Assembly);
            node.sceneId = scene.id;
            node.stage = Stage::Assembly;
            node.dependencies = sceneInputs;
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
