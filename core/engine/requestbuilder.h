// What a task asks of a provider: the generation request for its current rung (prompt,
// size, duration, the input image of a video, the clips of an assembly), the parameters
// recorded with its attempt, the hash that tells whether a storyboard edit touched it,
// and what one attempt is expected to cost.
#pragma once

#include "engine/tasktable.h"
#include "store/workspace.h"

#include <QByteArray>
#include <QVariantMap>

namespace retake {

class Provider;

class RequestBuilder final
{
public:
    RequestBuilder(const Project &project, const TaskTable &tasks, const Workspace &workspace)
        : m_project(project), m_tasks(tasks), m_workspace(workspace)
    {
    }

    const Project &project() const { return m_project; }
    GenerationRequest request(const TaskRecord &t) const;
    // The parameters that reach the provider (what an attempt records), and their hash.
    static QVariantMap attemptParams(const GenerationRequest &request);
    static QString hashOf(const QVariantMap &params);
    // The storyboard parameters the task's output is made from (an assembly: its inputs).
    QByteArray paramsHash(const TaskRecord &t) const;
    // Cost units of one attempt on `provider` (null: nothing is known, 0).
    double estimatedCost(const TaskRecord &t, const Provider *provider) const;
    // `text` without any form of the task's prompts (the storyboard's prompt and negative
    // prompt, the simplified prompt, a voice-over, what was sent), longest first: a provider
    // that echoes a prompt in an error must not put it into logs and reports unless debug
    // logging is on (docs/ARCHITECTURE.md, "State and workspace").
    QString withoutPrompts(const TaskRecord &t, QString text) const;

private:
    const Shot &shotOf(const TaskRecord &t) const;
    double durationOf(const TaskRecord &t) const;
    void addAssemblyInputs(const TaskRecord &t, GenerationRequest *request) const;

    const Project &m_project;
    const TaskTable &m_tasks;
    const Workspace &m_workspace;
};

} // namespace retake
