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
};

struct StoredEvent {
    QDateTime time;
    QString taskId; // empty for batch-level events
    QString kind;   // e.g. "user-retry", "switch-provider", "paused", "run-started"
    QString detail;
};

class StateStorePrivate;

class StateStore final
{
    Q_DISABLE_COPY_MOVE(StateStore)
public:
    static constexpr int kSchemaVersion = 1;

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

    // Starts a run record; returns its id (e.g. "20261125-143000-1"). Ends it with an outcome.
    QString beginRun(const QDateTime &startedAt);
    void endRun(const QString &runId, const QDateTime &endedAt, const QString &outcome);

private:
    std::unique_ptr<StateStorePrivate> d;
};

} // namespace retake
