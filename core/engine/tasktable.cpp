#include "tasktable.h"

using namespace Qt::StringLiterals;

namespace retake {

Ladder TaskTable::ladderFor(const Project &project, Stage stage, const QString &providerOverride)
{
    QStringList preference = project.providerPreference.value(stage);
    if (preference.isEmpty())
        preference << QString::fromUtf16(kBuiltinProviderId);
    if (!providerOverride.isEmpty()) {
        preference.removeAll(providerOverride);
        preference.prepend(providerOverride);
    }
    return buildLadder(stage, preference);
}

void TaskTable::build(const Project &project)
{
    m_graph = TaskGraph::fromProject(project);
    m_tasks.clear();
    m_index.clear();
    m_counts.clear();
    m_qualities.clear();
    m_openPerStage.clear();
    m_tasks.reserve(m_graph.size());
    m_index.reserve(m_graph.size());
    // Shot stages use the project's preference as it is; scene stages (voice-over,
    // assembly) fall back to the built-in provider.
    const Ladder imageLadder =
        buildLadder(Stage::Image, project.providerPreference.value(Stage::Image));
    const Ladder videoLadder =
        buildLadder(Stage::Video, project.providerPreference.value(Stage::Video));
    for (const TaskNode &node : m_graph.nodes()) {
        TaskRecord t;
        t.node = node;
        t.snap.id = node.id;
        t.snap.sceneId = node.sceneId;
        t.snap.shotId = node.shotId;
        t.snap.stage = node.stage;
        t.snap.state = node.dependencies.isEmpty() ? TaskState::Queued : TaskState::Waiting;
        t.ladder = node.stage == Stage::Image   ? imageLadder
                   : node.stage == Stage::Video ? videoLadder
                                                : ladderFor(project, node.stage, {});
        t.snap.rung = t.ladder.first().kind;
        t.snap.providerId = t.ladder.first().providerId;
        m_index.insert(t.snap.id, int(m_tasks.size()));
        m_counts[t.snap.state] += 1;
        m_openPerStage[t.snap.stage] += 1;
        m_tasks << std::move(t);
    }
}

void TaskTable::setState(int i, TaskState state)
{
    TaskRecord &t = m_tasks[i];
    if (t.snap.state == state)
        return;
    m_counts[t.snap.state] -= 1;
    m_counts[state] += 1;
    const bool wasFinal = isFinal(t.snap.state);
    if (wasFinal != isFinal(state)) {
        m_openPerStage[t.snap.stage] += wasFinal ? 1 : -1;
        if (wasFinal)
            m_listener->stageReopened(t.snap.stage);
    }
    if (t.snap.state == TaskState::Queued)
        m_listener->taskLeftQueue(i);
    t.snap.state = state;
    if (state != TaskState::Running)
        t.snap.progress = -1.0;
    if (state != TaskState::Retrying)
        t.snap.retryAt = {};
    if (state == TaskState::Queued)
        m_listener->taskQueued(i);
    m_listener->taskChanged(i);
    if (isFinal(state) && m_openPerStage.value(t.snap.stage) == 0)
        m_listener->stageFinished(t.snap.stage);
}

void TaskTable::setQuality(int i, Quality quality)
{
    TaskRecord &t = m_tasks[i];
    if (t.snap.quality == quality)
        return;
    if (t.snap.quality != Quality::None)
        m_qualities[t.snap.quality] -= 1;
    if (quality != Quality::None)
        m_qualities[quality] += 1;
    t.snap.quality = quality;
    m_listener->taskChanged(i);
}

TaskState TaskTable::readyState(int i) const
{
    return m_graph.readiness(i, [this](int d) { return m_tasks.at(d).snap.state; });
}

void TaskTable::settleDependents(int i)
{
    for (int d : m_tasks.at(i).node.dependents) {
        const TaskState s = m_tasks.at(d).snap.state;
        if (s != TaskState::Waiting && s != TaskState::Queued && s != TaskState::Blocked)
            continue;
        const TaskState next = readyState(d);
        if (next == s)
            continue;
        setState(d, next);
        if (next == TaskState::Blocked)
            m_tasks[d].snap.lastMessage = u"blocked: %1 failed"_s.arg(m_tasks.at(i).snap.id);
        settleDependents(d);
    }
}

void TaskTable::resetDependents(int i)
{
    // Dependents were made from the old output (or never ran): they wait for the new one.
    for (int d : m_tasks.at(i).node.dependents) {
        const TaskState s = m_tasks.at(d).snap.state;
        if (s == TaskState::Running || s == TaskState::Skipped)
            continue;
        TaskRecord &dep = m_tasks[d];
        dep.rungIndex = 0;
        dep.retriesUsed = 0;
        dep.rungFailures = 0;
        dep.previousOutput.clear();
        setQuality(d, Quality::None);
        setState(d, TaskState::Waiting);
        resetDependents(d);
    }
}

void TaskTable::cancelDependents(int i)
{
    for (int d : m_tasks.at(i).node.dependents) {
        const TaskState s = m_tasks.at(d).snap.state;
        if (isFinal(s) || s == TaskState::Running)
            continue;
        setState(d, TaskState::Cancelled);
        cancelDependents(d);
    }
}

} // namespace retake
