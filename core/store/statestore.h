// Durable runtime state in <name>.retake/state.sqlite (SQLite through Qt Sql, WAL mode):
// tasks, attempts, events, runs. Used from the engine's thread only. Writes are queued
// and committed together by flush(), one transaction per engine tick.
#pragma once

#include "engine/task.h"
#include "engine/types.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

namespace retake {

// The durable part of a task (what survives a restart).
struct StoredTask {
    QString id;
    TaskState state = TaskState::Waiting;
    Quality quality = Quality::None;
    RungKind rung = RungKind::Primary;
    QString providerId;
    int attemptCount = 0;
    ErrorClass lastError = ErrorClass::None;
    QString lastMessage;
    int lastHttpStatus = 0;
    QString outputPath;    // relative to the workspace root
    QByteArray paramsHash; // parameters the current output was made from
    int manualRetries = 0;
    // Where recovery stands, so a crash-resumed run continues instead of starting over.
    int rungIndex = 0;
    int retriesUsed = 0;
    int rungFailures = 0;
    QString providerOverride; // provider chosen by "Switch provider", empty when none
};

struct StoredEvent {
    QDateTime time;
    QString taskId; // empty for batch-level events
    QString kind;   // e.g. "user-retry", "switch-provider", "paused", "run-started"
    QString detail;
};

// A consistent copy of the state database (SQLite VACUUM INTO): restoring one moves the
// task pointers back; no output file is copied or removed.
struct CheckpointInfo {
    QString id; // e.g. "cp-20261125-143000-3"
    QDateTime createdAt;
    QString reason;     // "manual", "images finished", "before retry all failed", ...
    QString file;       // relative to the workspace root
    QString countsJson; // {"done": 12, "failed": 1, ...} at creation
    qint64 sizeBytes = 0;
};

class StateStorePrivate;

class StateStore final
{
    Q_DISABLE_COPY_MOVE(StateStore)
public:
    static constexpr int kSchemaVersion = 3;

    StateStore();
    ~StateStore();

    // Opens or creates the database; sets WAL mode; creates or migrates the schema.
    // A database written by a newer Retake (higher schema version) is refused with a
    // message and left untouched.
    bool open(const QString &databasePath, QString *error);
    void close();
    bool isOpen() const;
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

private:
    std::unique_ptr<StateStorePrivate> d;
};

} // namespace retake

Q_DECLARE_METATYPE(retake::CheckpointInfo)
