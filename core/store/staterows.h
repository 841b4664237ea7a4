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

#include <optional>

class QSqlQuery;

namespace retake {

// One row of the runs table.
struct RunRecord {
    QString id;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while the run has not ended (running, or its process died)
    QString outcome;   // as the engine recorded it: "complete", "budget cap", ...
};

// A task row as `status` derives its line from it (StateRows::taskLines): a third of a
// StoredTask's size, for reads of 20,000 rows.
struct TaskLine {
    QString id;
    QString lastMessage;
    QString outputPath; // relative to the workspace root
    QString providerOverride;
    QByteArray paramsHash; // of an assembly only (its inputs' states)
    TaskState state = TaskState::Waiting;
    Quality quality = Quality::None;
    ErrorClass lastError = ErrorClass::None;
    int rungIndex = 0;
    int attempts = 0; // its attempt rows
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
    // Cheap reads for a reader that does not load the storyboard (schema 2 on): the tasks
    // as TaskLines, in the order the engine first saved them.
    QList<TaskLine> taskLines() const;
    int attemptCount(const QString &taskId) const;
    // Each attempt with only its number, provider, times, error class and whether it counted
    // (what the estimate's measured durations need; no parameters), by task id.
    QHash<QString, QList<Attempt>> attemptTimes() const;
    // What UsageEstimator::addHistory takes from attemptTimes(), summed in SQL: per provider
    // and stage, the milliseconds and number of the ended attempts that counted and were not
    // cancelled. Nothing when a time is not written as the store writes it (ISO 8601 UTC with
    // milliseconds): attemptTimes() then reads them as QDateTime does.
    struct DurationSum {
        QString providerId;
        Stage stage = Stage::Image;
        qint64 totalMs = 0;
        int count = 0;
    };
    std::optional<QList<DurationSum>> attemptDurations() const;
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
