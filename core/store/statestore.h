// Durable runtime state in <name>.retake/state.sqlite (SQLite through Qt Sql, WAL mode):
// tasks, attempts, events, runs. Used from the engine's thread only. Writes are queued
// and committed together by flush(), one transaction per engine tick.
#pragma once

#include "domain/storedrows.h"
#include "domain/task.h"
#include "domain/types.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace retake {

class StateStorePrivate;

class StateStore final
{
    Q_DISABLE_COPY_MOVE(StateStore)
public:
    static constexpr int kSchemaVersion = 6;

    StateStore();
    ~StateStore();

    // Opens or creates the database; sets WAL mode; creates or migrates the schema.
    // A database written by a newer Retake (higher schema version) is refused with a
    // message and left untouched.
    bool open(const QString &databasePath, QString *error);
    // Opens an existing database for reading only, as a process that does not own the
    // workspace does (docs/ARCHITECTURE.md, "Ownership and watching"): nothing is created,
    // migrated or written; saves are dropped and flush() succeeds. A missing file is not an
    // error: the store stays closed (nothing was ever saved).
    bool openReadOnly(const QString &databasePath, QString *error);
    void close();
    bool isOpen() const;
    bool isReadOnly() const;
    QString databasePath() const;

    QList<StoredTask> loadTasks() const;
    QHash<QString, QList<Attempt>> loadAttempts() const; // by task id, ordered by number
    QList<StoredEvent> loadEvents() const;

    // Queued until flush().
    void saveTask(const StoredTask &task);
    void saveAttempt(const QString &taskId, const Attempt &attempt);
    void addEvent(const StoredEvent &event);
    bool hasPendingWrites() const;
    // Commits every queued write in one transaction. On failure nothing is committed,
    // the writes stay queued and `error` says why (disk full shows as such).
    bool flush(QString *error);
    // Whether the last flush() failed because the drive is full (SQLITE_FULL).
    bool lastFlushFailedForSpace() const;

    // Starts a run record; returns its id (e.g. "20261125-143000-1"). Ends it with an outcome.
    QString beginRun(const QDateTime &startedAt);
    void endRun(const QString &runId, const QDateTime &endedAt, const QString &outcome);
    // Marks an ended run as running again (a batch stopped by its budget cap continues).
    void reopenRun(const QString &runId);
    // The newest run that never ended (the process was killed), or empty.
    QString unfinishedRunId() const;
    QDateTime runStartedAt(const QString &runId) const;

    // Checkpoints (docs/ARCHITECTURE.md, "State and workspace"): copies of the task rows in
    // this database. Commits pending writes and records a checkpoint of the task rows with
    // its event, in one transaction. Returns it, or an empty id with `error` set.
    CheckpointInfo createCheckpoint(const QString &reason, const QString &countsJson,
                                    QString *error);
    QList<CheckpointInfo> checkpoints() const; // oldest first
    // The task rows of checkpoint `id` in their order; empty for an older Retake's checkpoint
    // (a file: loadTasksFrom) or an unknown id.
    QList<StoredTask> loadCheckpointTasks(const QString &id) const;
    // The outputs (relative to the workspace) that the row checkpoints point to.
    QSet<QString> checkpointOutputs() const;
    // The tasks as they were in an older Retake's checkpoint file `path`.
    static QList<StoredTask> loadTasksFrom(const QString &path, QString *error);
    // Restores checkpoint `id` in one transaction: commits pending writes, checkpoints the
    // task rows as they are (`undoReason`, `undoCounts`), then replaces every task row with
    // the checkpoint's (its rows, or `fileRows` read from an older Retake's file) and records
    // the restore. Returns the undo checkpoint; on failure nothing changed and `error` says why.
    CheckpointInfo restoreCheckpoint(const QString &id, const QList<StoredTask> *fileRows,
                                     const QString &undoReason, const QString &undoCounts,
                                     QString *error);
    bool removeCheckpoint(const QString &id, QString *error);
    // After a kill while an older Retake wrote a checkpoint file: deletes partial files in
    // `directory` and drops the file checkpoints whose file is missing; returns those dropped.
    QList<CheckpointInfo> recoverCheckpoints(const QString &directory);

    // The inputs (state.digest.json's fingerprint of storyboard, profiles and version) the
    // task rows are current for: kept in the rows' meta, so that a checkpoint remembers them
    // and a restore can tell whether the digest still describes the rows. Empty: unknown
    // (a writer that has no fingerprint, e.g. the window, says so).
    QByteArray rowsInputs() const;
    bool setRowsInputs(const QByteArray &inputs, QString *error = nullptr);
    QByteArray checkpointInputs(const QString &id) const;

    // The task rows' ids in their order, and their count per state as {"done": 12, ...}:
    // what a checkpoint made without the engine needs.
    QStringList taskIds() const;
    QString countsJson() const;
    // Task id -> output path (relative to the workspace) of the rows stored done.
    QHash<QString, QString> doneOutputs() const;

private:
    std::unique_ptr<StateStorePrivate> d;
};

} // namespace retake
