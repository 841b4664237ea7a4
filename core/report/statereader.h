// Read-only access to a workspace's state.sqlite for reports and estimates: its own
// SQLite connection (QSQLITE_OPEN_READONLY, unique connection name), so it can read while
// an engine in the same or another process writes (WAL), and never changes the file.
// The rows are read by the store's StateRows, as the engine's StateStore reads them.
#pragma once

#include "domain/task.h"
#include "store/staterows.h"
#include "store/statestore.h"

#include <QHash>
#include <QList>
#include <QString>

namespace retake {

class StateReader final
{
    Q_DISABLE_COPY_MOVE(StateReader)
public:
    StateReader() = default;
    ~StateReader();

    // Opens `databasePath` read-only. Fails with a message when the file is missing or
    // is not a Retake state database.
    bool open(const QString &databasePath, QString *error);
    void close();
    bool isOpen() const { return !m_connectionName.isEmpty(); }

    QList<RunRecord> runs() const;                   // oldest first
    QList<StoredTask> tasks() const;                 // in the order the engine first saved them
    QHash<QString, QList<Attempt>> attempts() const; // by task id, ordered by number
    QList<StoredEvent> events() const;               // oldest first
    QList<CheckpointInfo> checkpoints() const;       // oldest first; none before schema 2
    QList<TaskLine> taskLines() const;               // StateRows::taskLines
    int attemptCount(const QString &taskId) const;
    QHash<QString, QList<Attempt>> attemptTimes() const; // StateRows::attemptTimes
    std::optional<QList<StateRows::DurationSum>> attemptDurations() const;
    QString unfinishedRunId() const;

private:
    StateRows rows() const;

    QString m_connectionName;
};

} // namespace retake
