// The one reader of the rows of a state database (tasks, attempts, events, runs,
// checkpoints): every SELECT of those tables lives here. It reads through a connection its
// owner opened (StateStore's read-write one, or a report's read-only one) and never writes.
// It copes with files of any schema version up to StateStore::kSchemaVersion, since a
// read-only owner never migrates: columns added later read as their defaults.
#pragma once

#include "store/statestore.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

class QSqlQuery;

namespace retake {

// One row of the runs table.
struct RunRecord {
    QString id;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while the run has not ended (running, or its process died)
    QString outcome;   // as the engine recorded it: "complete", "budget cap", ...
};

class StateRows final
{
public:
    // Quiet: a query that fails returns nothing and an unknown enum name reads as the field's
    // default, silently. Logged: both are also reported in the "retake.store" category.
    enum class Diagnostics { Quiet, Logged };

    explicit StateRows(const QSqlDatabase &db, Diagnostics diagnostics = Diagnostics::Quiet);

    // Whether the connection holds a runs table; `why` gets the database's words if not.
    bool hasRunsTable(QString *why) const;

    QList<RunRecord> runs() const;                   // oldest first
    QList<StoredTask> tasks() const;                 // in the order the engine first saved them
    QHash<QString, QList<Attempt>> attempts() const; // by task id, ordered by number
    QList<StoredEvent> events() const;               // oldest first
    QList<CheckpointInfo> checkpoints() const;       // oldest first; none before schema 2
    // The task rows kept by checkpoint `id`, in their order (none before schema 6).
    QList<StoredTask> checkpointTasks(const QString &id) const;

    // The newest run that never ended (the process was killed), or empty.
    QString unfinishedRunId() const;
    QDateTime runStartedAt(const QString &runId) const;

private:
    QList<StoredTask> readTasks(QSqlQuery &query, int groups) const;

    QSqlDatabase m_db;
    Diagnostics m_diagnostics;
};

} // namespace retake
