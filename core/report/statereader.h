// Read-only access to a workspace's state.sqlite for reports and estimates: its own
// SQLite connection (QSQLITE_OPEN_READONLY, unique connection name), so it can read while
// an engine in the same or another process writes (WAL), and never changes the file.
#pragma once

#include "engine/task.h"
#include "store/statestore.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace retake {

// One row of the runs table.
struct RunRecord {
    QString id;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while the run has not ended (running, or its process died)
    QString outcome;   // as the engine recorded it: "complete", "budget cap", ...
};

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

private:
    QString m_connectionName;
};

} // namespace retake
