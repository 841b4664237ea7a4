// The state of a workspace read from its rows alone, for `retake-cli status`, `estimate` and
// `checkpoint list` (issue 15, cheap reads): no storyboard is parsed and no engine opened.
// It answers only when the workspace's StateDigest was written for the very inputs the
// caller fingerprinted (the storyboard's bytes and the profiles) and the database is of this
// version; otherwise open() fails and the caller takes the engine's way. What it shows is
// what Engine::openReadOnly would: the tasks as StateJournal::restore derives them from the
// rows (a running task of a dead owner shows interrupted, readiness from the graph, a done
// task's output confined, an assembly whose inputs changed starts over).
#pragma once

#include "domain/task.h"
#include "engine/statedigest.h"
#include "report/runestimate.h"
#include "report/statereader.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace retake {

class TaskGraph;

class DigestReader final
{
    Q_DISABLE_COPY_MOVE(DigestReader)
public:
    DigestReader() = default;

    // What open() reads: only the checkpoints, or also the tasks (and what the estimate needs).
    enum class Read { Checkpoints, Tasks };
    // `ownerIsLive`: a live process owns the workspace (its running tasks stay running and
    // each done task's file is looked at, as Engine::openReadOnly does then). False with
    // `why` set (for a debug line) when the rows cannot answer for the inputs.
    bool open(const QString &workspaceDir, const QByteArray &inputs, bool ownerIsLive, Read read,
              QString *why);

    const QList<TaskSnapshot> &tasks() const { return m_tasks; }
    const BatchSummary &summary() const { return m_summary; }
    QList<CheckpointInfo> checkpoints() const { return m_reader.checkpoints(); }
    // RunEstimate::of as an engine opened read-only would give it.
    RunEstimate estimate() const;

private:
    // `project`: the provider preferences (the ladders).
    void derive(const TaskGraph &graph, const Project &project, const QList<TaskLine> &rows,
                bool continuingRun, bool ownerIsLive);

    QString m_title;
    QHash<QString, double> m_videoSeconds; // by shot id (RunEstimate::from)
    QList<StateDigest::Provider> m_providers;
    StateReader m_reader;
    QString m_workspaceDir;
    QList<TaskSnapshot> m_tasks;
    BatchSummary m_summary;
};

} // namespace retake
