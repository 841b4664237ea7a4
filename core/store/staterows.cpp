#include "staterows.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcRows, "retake.store")

// Times are stored as ISO-8601 UTC with milliseconds; NULL or empty = invalid.
QDateTime timeFromSql(const QVariant &value)
{
    if (value.isNull() || value.toString().isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : time;
}

QVariantMap paramsFromJson(const QString &json)
{
    if (json.isEmpty())
        return {};
    return QJsonDocument::fromJson(json.toUtf8()).object().toVariantMap();
}

// The columns of schema 1, and those each later schema added to a table.
constexpr auto kTaskColumns =
    u"SELECT id, state, quality, rung, provider_id, attempt_count, last_error, last_message,"
    u" last_http_status, output_path, params_hash, manual_retries";
constexpr auto kTaskColumnsSchema2 =
    u", rung_index, retries_used, rung_failures, provider_override";
constexpr auto kAttemptColumns =
    u"SELECT task_id, number, rung, provider_id, model, params_hash, params_json, started_at,"
    u" ended_at, error_class, http_status, message, output_path, archived_to, cost_units, counted";
constexpr auto kTaskColumnsSchema4 = u", remote_job";
constexpr auto kAttemptColumnsSchema3 = u", stderr_tail";
constexpr auto kAttemptColumnsSchema4 = u", remote_job_id";
constexpr auto kAttemptColumnsSchema5 =
    u", media_width, media_height, media_fps, media_duration, original_path";

// Runs `columns` + the first of `later` (newest schema first; each entry adds to the next)
// that the file has, + `from`. Returns how many of `later`'s column groups were read (0: only
// `columns`), or -1 with `error` set when none ran.
int execNewestColumns(QSqlQuery &query, const QString &columns,
                      const QList<QString> &laterNewestFirst, const QString &from, QSqlError *error)
{
    for (qsizetype skip = 0; skip <= laterNewestFirst.size(); ++skip) {
        QString statement = columns;
        for (qsizetype i = laterNewestFirst.size() - 1; i >= skip; --i)
            statement += laterNewestFirst.at(i);
        if (query.exec(statement + from))
            return int(laterNewestFirst.size() - skip);
        if (skip == 0)
            *error = query.lastError();
    }
    return -1;
}

} // namespace

StateRows::StateRows(const QSqlDatabase &db, Diagnostics diagnostics)
    : m_db(db), m_diagnostics(diagnostics)
{
}

bool StateRows::hasRunsTable(QString *why) const
{
    QSqlQuery probe(m_db);
    if (probe.exec(u"SELECT COUNT(*) FROM runs"_s) && probe.next())
        return true;
    if (why)
        *why = probe.lastError().text();
    return false;
}

// Reads an enum column written by nameOf(); an unknown name (a file edited by hand, or a
// value from a newer minor version) falls back to the field's default.
template <typename Enum>
static Enum enumFromSql(StateRows::Diagnostics diagnostics,
                        std::optional<Enum> (*parse)(const QString &), const QVariant &value,
                        Enum fallback, const char *column)
{
    const QString text = value.toString();
    if (const auto parsed = parse(text))
        return *parsed;
    if (diagnostics == StateRows::Diagnostics::Logged) {
        qCWarning(lcRows, "Unknown %s \"%s\" in state.sqlite; using the default", column,
                  qUtf8Printable(text));
    }
    return fallback;
}

QList<RunRecord> StateRows::runs() const
{
    QList<RunRecord> runs;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, started_at, ended_at, outcome FROM runs"
                    u" ORDER BY started_at, rowid"_s))
        return runs;
    while (query.next()) {
        RunRecord run;
        run.id = query.value(0).toString();
        run.startedAt = timeFromSql(query.value(1));
        run.endedAt = timeFromSql(query.value(2));
        run.outcome = query.value(3).toString();
        runs << run;
    }
    return runs;
}

QList<StoredTask> StateRows::tasks() const
{
    QList<StoredTask> tasks;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // Reserved: growing a list of 20,000 rows copies them several times.
    if (query.exec(u"SELECT COUNT(*) FROM tasks"_s) && query.next())
        tasks.reserve(query.value(0).toLongLong());
    // rowid keeps insertion order: updates go through UPSERT, which keeps the row. The
    // recovery columns exist from schema 2 on, the remote job from schema 4; a file nobody
    // migrated yet has none.
    QSqlError error;
    const int groups = execNewestColumns(
        query, QString::fromUtf16(kTaskColumns),
        {QString::fromUtf16(kTaskColumnsSchema4), QString::fromUtf16(kTaskColumnsSchema2)},
        u" FROM tasks ORDER BY rowid"_s, &error);
    if (groups < 0) {
        if (m_diagnostics == Diagnostics::Logged)
            qCWarning(lcRows, "Could not load tasks: %s", qUtf8Printable(error.text()));
        return tasks;
    }
    return readTasks(query, groups);
}

QList<StoredTask> StateRows::checkpointTasks(const QString &id) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QString::fromUtf16(kTaskColumns) + QString::fromUtf16(kTaskColumnsSchema2) +
                  QString::fromUtf16(kTaskColumnsSchema4) +
                  u" FROM checkpoint_tasks WHERE checkpoint_id = ? ORDER BY seq"_s);
    query.addBindValue(id);
    if (!query.exec()) {
        if (m_diagnostics == Diagnostics::Logged)
            qCWarning(lcRows, "Could not load the tasks of checkpoint %s: %s", qUtf8Printable(id),
                      qUtf8Printable(query.lastError().text()));
        return {};
    }
    return readTasks(query, 2);
}

// The rows of a task query: `groups` of the later column groups were selected (see tasks()).
QList<StoredTask> StateRows::readTasks(QSqlQuery &query, int groups) const
{
    QList<StoredTask> tasks;
    const bool withRecovery = groups >= 1;
    const bool withRemoteJob = groups >= 2;
    const Diagnostics diag = m_diagnostics;
    while (query.next()) {
        StoredTask t;
        t.id = query.value(0).toString();
        t.state =
            enumFromSql(diag, taskStateFromString, query.value(1), TaskState::Waiting, "state");
        t.quality = enumFromSql(diag, qualityFromString, query.value(2), Quality::None, "quality");
        t.rung = enumFromSql(diag, rungKindFromString, query.value(3), RungKind::Primary, "rung");
        t.providerId = query.value(4).toString();
        t.attemptCount = query.value(5).toInt();
        t.lastError = enumFromSql(diag, errorClassFromString, query.value(6), ErrorClass::None,
                                  "error class");
        t.lastMessage = query.value(7).toString();
        t.lastHttpStatus = query.value(8).toInt();
        t.outputPath = query.value(9).toString();
        t.paramsHash = query.value(10).toByteArray();
        t.manualRetries = query.value(11).toInt();
        if (withRecovery) {
            t.rungIndex = query.value(12).toInt();
            t.retriesUsed = query.value(13).toInt();
            t.rungFailures = query.value(14).toInt();
            t.providerOverride = query.value(15).toString();
        }
        if (withRemoteJob)
            t.remoteJob = RemoteJobRef::fromJson(query.value(16).toString().toUtf8());
        tasks.append(std::move(t));
    }
    return tasks;
}

QHash<QString, QList<Attempt>> StateRows::attempts() const
{
    QHash<QString, QList<Attempt>> attempts;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // stderr_tail exists from schema 3 on, remote_job_id from schema 4, the measured media
    // from schema 5; a file nobody migrated yet has none.
    QSqlError error;
    const int groups = execNewestColumns(query, QString::fromUtf16(kAttemptColumns),
                                         {QString::fromUtf16(kAttemptColumnsSchema5),
                                          QString::fromUtf16(kAttemptColumnsSchema4),
                                          QString::fromUtf16(kAttemptColumnsSchema3)},
                                         u" FROM attempts ORDER BY task_id, number"_s, &error);
    if (groups < 0) {
        if (m_diagnostics == Diagnostics::Logged)
            qCWarning(lcRows, "Could not load attempts: %s", qUtf8Printable(error.text()));
        return attempts;
    }
    const bool withTail = groups >= 1;
    const bool withRemoteJob = groups >= 2;
    const bool withMedia = groups >= 3;
    const Diagnostics diag = m_diagnostics;
    while (query.next()) {
        Attempt a;
        a.number = query.value(1).toInt();
        a.rung = enumFromSql(diag, rungKindFromString, query.value(2), RungKind::Primary, "rung");
        a.providerId = query.value(3).toString();
        a.model = query.value(4).toString();
        a.paramsHash = query.value(5).toString();
        // params_json holds the prompt: it is read so that nothing is lost; a report decides
        // what of it to show.
        a.params = paramsFromJson(query.value(6).toString());
        a.startedAt = timeFromSql(query.value(7));
        a.endedAt = timeFromSql(query.value(8));
        a.errorClass = enumFromSql(diag, errorClassFromString, query.value(9), ErrorClass::None,
                                   "error class");
        a.httpStatus = query.value(10).toInt();
        a.message = query.value(11).toString();
        a.outputPath = query.value(12).toString();
        a.archivedTo = query.value(13).toString();
        a.costUnits = query.value(14).toDouble();
        a.countedAgainstBudget = query.value(15).toInt() != 0;
        if (withTail)
            a.stderrTail = query.value(16).toString();
        if (withRemoteJob)
            a.remoteJobId = query.value(17).toString();
        if (withMedia) {
            a.mediaWidth = query.value(18).toInt();
            a.mediaHeight = query.value(19).toInt();
            a.mediaFps = query.value(20).toDouble();
            a.mediaDurationSec = query.value(21).toDouble();
            a.originalPath = query.value(22).toString();
        }
        attempts[query.value(0).toString()].append(std::move(a));
    }
    return attempts;
}

QList<TaskLine> StateRows::taskLines() const
{
    QList<TaskLine> tasks;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (query.exec(u"SELECT COUNT(*) FROM tasks"_s) && query.next())
        tasks.reserve(query.value(0).toLongLong());
    if (!query.exec(u"SELECT t.id, t.state, t.quality, t.last_error, t.last_message,"
                    u" t.output_path, t.rung_index, t.provider_override,"
                    u" CASE WHEN t.id LIKE '%/assemble' THEN t.params_hash END,"
                    u" (SELECT COUNT(*) FROM attempts a WHERE a.task_id = t.id)"
                    u" FROM tasks t ORDER BY t.rowid"_s)) {
        if (m_diagnostics == Diagnostics::Logged)
            qCWarning(lcRows, "Could not load tasks: %s", qUtf8Printable(query.lastError().text()));
        return tasks;
    }
    const Diagnostics diag = m_diagnostics;
    while (query.next()) {
        TaskLine t;
        t.id = query.value(0).toString();
        t.state =
            enumFromSql(diag, taskStateFromString, query.value(1), TaskState::Waiting, "state");
        t.quality = enumFromSql(diag, qualityFromString, query.value(2), Quality::None, "quality");
        t.lastError = enumFromSql(diag, errorClassFromString, query.value(3), ErrorClass::None,
                                  "error class");
        t.lastMessage = query.value(4).toString();
        t.outputPath = query.value(5).toString();
        t.rungIndex = query.value(6).toInt();
        t.providerOverride = query.value(7).toString();
        t.paramsHash = query.value(8).toByteArray();
        t.attempts = query.value(9).toInt();
        tasks.append(std::move(t));
    }
    return tasks;
}

int StateRows::attemptCount(const QString &taskId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT COUNT(*) FROM attempts WHERE task_id = ?"_s);
    query.addBindValue(taskId);
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

QHash<QString, QList<Attempt>> StateRows::attemptTimes() const
{
    QHash<QString, QList<Attempt>> attempts;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT task_id, number, provider_id, started_at, ended_at, error_class,"
                    u" counted FROM attempts ORDER BY task_id, number"_s))
        return attempts;
    while (query.next()) {
        Attempt a;
        a.number = query.value(1).toInt();
        a.providerId = query.value(2).toString();
        a.startedAt = timeFromSql(query.value(3));
        a.endedAt = timeFromSql(query.value(4));
        a.errorClass = enumFromSql(m_diagnostics, errorClassFromString, query.value(5),
                                   ErrorClass::None, "error class");
        a.countedAgainstBudget = query.value(6).toInt() != 0;
        attempts[query.value(0).toString()].append(std::move(a));
    }
    return attempts;
}

std::optional<QList<StateRows::DurationSum>> StateRows::attemptDurations() const
{
    // "2026-12-05T09:19:22.673Z", as Retake writes times; julianday() reads it to the ms.
    static const QString written = u"'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:"
                                   u"[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'"_s;
    const auto other = [](const QString &column) {
        return u"(%1 IS NOT NULL AND %1 != '' AND %1 NOT GLOB %2)"_s.arg(column, written);
    };
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT COUNT(*) FROM attempts WHERE %1 OR %2"_s.arg(other(u"started_at"_s),
                                                                          other(u"ended_at"_s))) ||
        !query.next() || query.value(0).toInt() != 0)
        return std::nullopt;
    // julianday() keeps milliseconds exactly (SQLite counts them as integers inside) and costs
    // half of strftime('%s') plus the milliseconds' text: 22 ms instead of 43 at 20,000
    // attempts, most of `estimate`'s reading (BENCHMARKS.md, issue 15).
    const QString duration =
        u"CAST(round((julianday(ended_at) - julianday(started_at)) * 86400000) AS INTEGER)"_s;
    QString stage = u"CASE"_s;
    for (const Stage s : {Stage::Image, Stage::Video, Stage::Audio, Stage::Assembly})
        stage += u" WHEN task_id GLOB '*/%1' THEN %2"_s.arg(nameOf(s)).arg(int(s));
    stage += u" END"_s;
    if (!query.exec(u"SELECT provider_id, stage, SUM(MAX(0, duration)), COUNT(duration) FROM"
                    u" (SELECT provider_id, %1 AS stage, %2 AS duration FROM attempts"
                    u"  WHERE counted != 0 AND error_class != '%3' AND started_at != ''"
                    u"  AND ended_at != '')"
                    u" WHERE stage IS NOT NULL GROUP BY provider_id, stage"_s.arg(
                        stage, duration, nameOf(ErrorClass::Cancelled))))
        return std::nullopt;
    QList<DurationSum> sums;
    while (query.next()) {
        if (query.value(3).toInt() > 0) {
            sums << DurationSum{query.value(0).toString(), Stage(query.value(1).toInt()),
                                query.value(2).toLongLong(), query.value(3).toInt()};
        }
    }
    return sums;
}

QList<StoredEvent> StateRows::events() const
{
    QList<StoredEvent> events;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT time, task_id, kind, detail FROM events ORDER BY id"_s)) {
        if (m_diagnostics == Diagnostics::Logged)
            qCWarning(lcRows, "Could not load events: %s",
                      qUtf8Printable(query.lastError().text()));
        return events;
    }
    while (query.next()) {
        StoredEvent e;
        e.time = timeFromSql(query.value(0));
        e.taskId = query.value(1).toString();
        e.kind = query.value(2).toString();
        e.detail = query.value(3).toString();
        events.append(std::move(e));
    }
    return events;
}

QList<CheckpointInfo> StateRows::checkpoints() const
{
    QList<CheckpointInfo> list;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // The table exists from schema 2 on; an older file simply has none.
    if (!query.exec(u"SELECT id, created_at, reason, file, counts_json, size_bytes"
                    u" FROM checkpoints ORDER BY created_at, rowid"_s))
        return list;
    while (query.next()) {
        CheckpointInfo info;
        info.id = query.value(0).toString();
        info.createdAt = timeFromSql(query.value(1));
        info.reason = query.value(2).toString();
        info.file = query.value(3).toString();
        info.countsJson = query.value(4).toString();
        info.sizeBytes = query.value(5).toLongLong();
        list << info;
    }
    return list;
}

QString StateRows::unfinishedRunId() const
{
    QSqlQuery query(m_db);
    if (query.exec(u"SELECT id FROM runs WHERE ended_at IS NULL ORDER BY started_at DESC,"
                   u" rowid DESC LIMIT 1"_s) &&
        query.next())
        return query.value(0).toString();
    return {};
}

QDateTime StateRows::runStartedAt(const QString &runId) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT started_at FROM runs WHERE id = ?"_s);
    query.addBindValue(runId);
    if (query.exec() && query.next())
        return timeFromSql(query.value(0));
    return {};
}

} // namespace retake
