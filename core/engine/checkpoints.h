// Checkpoints of the batch state (copies of the task rows in state.sqlite): automatic when a
// stage finishes for every item and before every bulk action, or on demand; a restore rolls
// every task back (undoable: the state before it is a checkpoint too, made in the same
// transaction) without copying or deleting a file; discarding
// removes draft outputs that neither the state nor a kept checkpoint points to.
#pragma once

#include "engine/statejournal.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace retake {

class Checkpoints final
{
public:
    struct Callbacks {
        std::function<void(const QString &line)> log;
        std::function<void(const CheckpointInfo &info)> created;
    };
    Checkpoints(StateStore &store, StateJournal &journal, TaskTable &tasks,
                const Workspace &workspace, Callbacks callbacks)
        : m_store(store), m_journal(journal), m_tasks(tasks), m_workspace(workspace),
          m_callbacks(std::move(callbacks))
    {
    }

    CheckpointInfo create(const QString &reason, QString *error);
    // On open: cleans what a checkpoint interrupted by a kill left (partial files, records
    // without a file); a restore of a dropped one then says its file is gone.
    void recover();
    QList<CheckpointInfo> list() const { return m_store.checkpoints(); }
    // Puts checkpoint `id`'s task rows back in one transaction with an undo checkpoint of the
    // current state; returns the rows as they now are, for the engine to load. Empty with
    // `error` when the checkpoint is unknown or unreadable (nothing changed then).
    QList<StoredTask> restore(const QString &id, QString *undoId, QString *error);
    int discardUnreferenced(bool dropCheckpoints, qint64 *bytesFreed, QString *error);

    // Automatic checkpoints when a stage has finished for every item: true the first
    // time a stage finishes in a run (and again after one of its tasks reopened).
    bool claimStage(Stage stage)
    {
        if (m_stageDone.contains(stage))
            return false;
        m_stageDone.insert(stage);
        return true;
    }
    void clearStages() { m_stageDone.clear(); }
    void stageReopened(Stage stage) { m_stageDone.remove(stage); }

private:
    QString countsJson() const;
    // Logs a checkpoint made (or that could not be made) and tells the callbacks.
    CheckpointInfo announce(const CheckpointInfo &info, const QString &reason,
                            const QString *error);

    StateStore &m_store;
    StateJournal &m_journal;
    TaskTable &m_tasks;
    const Workspace &m_workspace;
    Callbacks m_callbacks;
    QSet<Stage> m_stageDone;
    QHash<QString, QString> m_dropped; // checkpoint id -> its missing file, dropped on open
};

} // namespace retake
