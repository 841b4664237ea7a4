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
#include <QString>

#include <memory>

namespace retake {

class StateStorePrivate;

class StateStore final
{
    Q_DISABLE_COPY_MOVE(StateStore)
public:
    static constexpr int kSchemaVersion = 5;

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

    // Commits pending writes, then copies the database to `directory`/<id>.sqlite and
    // records it. Returns the checkpoint, or an empty id with `error` set.
    CheckpointInfo createCheckpoint(const QString &directory, const QString &reason,
                                    const QString &countsJson, QString *error);
    QList<CheckpointInfo> checkpoints() const; // oldest first
    // The tasks as they were in checkpoint file `path` (read-only).
    static QList<StoredTask> loadTasksFrom(const QString &path, QString *error);
    bool removeCheckpoint(const QString &id, QString *error);
    // After a kill while a checkpoint was written: deletes partial checkpoint files in
    // `directory` and drops the checkpoints whose file is missing; returns those dropped.
    QList<CheckpointInfo> recoverCheckpoints(const QString &directory);

private:
    std::unique_ptr<StateStorePrivate> d;
};

} // namespace retake
