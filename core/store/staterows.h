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
    // Cheap reads for a reader that does not load the storyboard (schema 2 on). The tasks
    // with only what `status` derives its lines from: id, state, quality, last error and
    // message, output, rung index and provider override, the parameters hash of assemblies
    // only (their inputs' states; a shot's is not compared), and as attemptCount the number
    // of its attempt rows; in no particular order.
    QList<StoredTask> taskLines() const;
    int attemptCount(const QString &taskId) const;
    // Each attempt with only its number, provider, times, error class and whether it counted
    // (what the estimate's measured durations need; no parameters), by task id.
    QHash<QString, QList<Attempt>> attemptTimes() const;

    // The newest run that never ended (the process was killed), or empty.
    QString unfinishedRunId() const;
    QDateTime runStartedAt(const QString &runId) const;

private:
    QSqlDatabase m_db;
    Diagnostics m_diagnostics;
};

} // namespace retake
