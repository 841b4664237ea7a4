#include "statestore.h"

#include "store/checkpointstore.h"
#include "store/staterows.h"
#include "store/stateschema.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>
#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcStore, "retake.store")

constexpr char16_t kUpsertTask[] =
    u"INSERT INTO tasks (id, state, quality, rung, provider_id, attempt_count, last_error,"
    u" last_message, last_http_status, output_path, params_hash, manual_retries, updated_at,"
    u" rung_index, retries_used, rung_failures, provider_override, remote_job)"
    u" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    u" ON CONFLICT (id) DO UPDATE SET state = excluded.state, quality = excluded.quality,"
    u" rung = excluded.rung, provider_id = excluded.provider_id,"
    u" attempt_count = excluded.attempt_count, last_error = excluded.last_error,"
    u" last_message = excluded.last_message, last_http_status = excluded.last_http_status,"
    u" output_path = excluded.output_path, params_hash = excluded.params_hash,"
    u" manual_retries = excluded.manual_retries, updated_at = excluded.updated_at,"
    u" rung_index = excluded.rung_index, retries_used = excluded.retries_used,"
    u" rung_failures = excluded.rung_failures, provider_override = excluded.provider_override,"
    u" remote_job = excluded.remote_job";

constexpr char16_t kUpsertAttempt[] =
    u"INSERT INTO attempts (task_id, number, rung, provider_id, model, params_hash,"
    u" params_json, started_at, ended_at, error_class, http_status, message, output_path,"
    u" archived_to, cost_units, counted, stderr_tail, remote_job_id, media_width, media_height,"
    u" media_fps, media_duration, original_path)"
    u" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    u" ON CONFLICT (task_id, number) DO UPDATE SET rung = excluded.rung,"
    u" provider_id = excluded.provider_id, model = excluded.model,"
    u" params_hash = excluded.params_hash, params_json = excluded.params_json,"
    u" started_at = excluded.started_at, ended_at = excluded.ended_at,"
    u" error_class = excluded.error_class, http_status = excluded.http_status,"
    u" message = excluded.message, output_path = excluded.output_path,"
    u" archived_to = excluded.archived_to, cost_units = excluded.cost_units,"
    u" counted = excluded.counted, stderr_tail = excluded.stderr_tail,"
    u" remote_job_id = excluded.remote_job_id, media_width = excluded.media_width,"
    u" media_height = excluded.media_height, media_fps = excluded.media_fps,"
    u" media_duration = excluded.media_duration, original_path = excluded.original_path";

constexpr char16_t kInsertEvent[] =
    u"INSERT INTO events (time, task_id, kind, detail) VALUES (?, ?, ?, ?)";

// ISO-8601 UTC with milliseconds ("2026-11-25T14:30:00.000Z"); NULL for an invalid time.
QVariant timeToSql(const QDateTime &time)
{
    return StateSchema::timeToSql(time);
}

QString paramsToJson(const QVariantMap &params)
{
    if (params.isEmpty())
        return u"{}"_s;
    return QString::fromUtf8(
        QJsonDocument(QJsonObject::fromVariantMap(params)).toJson(QJsonDocument::Compact));
}

// Binds the values of task row `t` to kUpsertTask.
void bindTask(QSqlQuery &task, const StoredTask &t, const QString &now)
{
    task.bindValue(0, t.id);
    task.bindValue(1, nameOf(t.state));
    task.bindValue(2, nameOf(t.quality));
    task.bindValue(3, nameOf(t.rung));
    task.bindValue(4, t.providerId);
    task.bindValue(5, t.attemptCount);
    task.bindValue(6, nameOf(t.lastError));
    task.bindValue(7, t.lastMessage);
    task.bindValue(8, t.lastHttpStatus);
    task.bindValue(9, t.outputPath);
    task.bindValue(10, t.paramsHash);
    task.bindValue(11, t.manualRetries);
    task.bindValue(12, now);
    task.bindValue(13, t.rungIndex);
    task.bindValue(14, t.retriesUsed);
    task.bindValue(15, t.rungFailures);
    task.bindValue(16, t.providerOverride.isEmpty() ? QVariant() : QVariant(t.providerOverride));
    const QByteArray remoteJob = t.remoteJob.toJson();
    task.bindValue(17, remoteJob.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                           : QVariant(QString::fromUtf8(remoteJob)));
}

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return u"retake-state-"_s + QString::number(++counter);
}

} // namespace

class StateStorePrivate
{
public:
    ~StateStorePrivate() { closeConnection(); }

    bool openConnection(const QString &path, QString *error);
    void closeConnection();
    bool exec(const QString &statement, QSqlError *sqlError = nullptr);
    bool prepareWriteStatements(QSqlError *sqlError);
    bool writePending(QSqlError *sqlError);
    void clearPending();
    // Runs `body` in one transaction after the pending writes; on failure rolls back and
    // keeps the writes queued.
    bool transaction(const std::function<bool(QSqlError *)> &body, QSqlError *sqlError);
    QString flushFailureMessage(const QSqlError &sqlError) const;
    QString reasonOf(const QSqlError &sqlError) const;

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    bool m_open = false;
    bool m_readOnly = false;
    bool m_lastFlushFull = false;

    // Prepared once per connection and reused by every flush.
    std::optional<QSqlQuery> m_upsertTask;
    std::optional<QSqlQuery> m_upsertAttempt;
    std::optional<QSqlQuery> m_insertEvent;

    QList<StoredTask> m_pendingTasks;
    QHash<QString, qsizetype> m_pendingTaskIndex; // task id -> index in m_pendingTasks
    QList<std::pair<QString, Attempt>> m_pendingAttempts;
    QList<StoredEvent> m_pendingEvents;
};

bool StateStorePrivate::openConnection(const QString &path, QString *error)
{
    m_path = path;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = u"Could not create the folder %1 for the state database; check that the"
                 u" drive is writable"_s.arg(QDir::toNativeSeparators(info.absolutePath()));
        return false;
    }

    if (info.exists() && info.size() > 0) {
        QString probeError;
        const std::optional<int> version = StateSchema::probeVersion(path, &probeError);
        if (!probeError.isEmpty()) {
            *error = probeError;
            return false;
        }
        if (version && *version > StateStore::kSchemaVersion) {
            *error = StateSchema::newerSchemaMessage(*version);
            return false;
        }
    }

    m_connectionName = nextConnectionName();
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        *error = u"Could not open the state database %1: %2"_s.arg(QDir::toNativeSeparators(path),
                                                                   m_db.lastError().text());
        closeConnection();
        return false;
    }
    if (!StateSchema::configure(m_db, m_path, error)) {
        closeConnection();
        return false;
    }
    // Test hook: a database that stops taking writes once open, as a read-only file or
    // drive would (chmod does not stop root, who runs the tests in CI).
    if (qEnvironmentVariableIsSet("RETAKE_TEST_STATE_READ_ONLY"))
        exec(u"PRAGMA query_only = ON"_s);
    m_open = true;
    return true;
}

void StateStorePrivate::closeConnection()
{
    // Every QSqlQuery on the connection must be gone before removeDatabase().
    m_upsertTask.reset();
    m_upsertAttempt.reset();
    m_insertEvent.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty())
        QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_open = false;
}

bool StateStorePrivate::exec(const QString &statement, QSqlError *sqlError)
{
    QSqlQuery query(m_db);
    if (query.exec(statement))
        return true;
    if (sqlError)
        *sqlError = query.lastError();
    return false;
}

bool StateStorePrivate::prepareWriteStatements(QSqlError *sqlError)
{
    const auto prepare = [&](std::optional<QSqlQuery> &slot, const char16_t *statement) {
        if (slot)
            return true;
        QSqlQuery query(m_db);
        if (!query.prepare(QString::fromUtf16(statement))) {
            *sqlError = query.lastError();
            return false;
        }
        slot.emplace(std::move(query));
        return true;
    };
    return prepare(m_upsertTask, kUpsertTask) && prepare(m_upsertAttempt, kUpsertAttempt) &&
           prepare(m_insertEvent, kInsertEvent);
}

bool StateStorePrivate::writePending(QSqlError *sqlError)
{
    const auto run = [&](QSqlQuery &query) {
        if (query.exec())
            return true;
        *sqlError = query.lastError();
        return false;
    };

    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QSqlQuery &task = *m_upsertTask;
    for (const StoredTask &t : std::as_const(m_pendingTasks)) {
        bindTask(task, t, now);
        if (!run(task))
            return false;
    }
    task.finish();

    QSqlQuery &attempt = *m_upsertAttempt;
    for (const auto &[taskId, a] : std::as_const(m_pendingAttempts)) {
        attempt.bindValue(0, taskId);
        attempt.bindValue(1, a.number);
        attempt.bindValue(2, nameOf(a.rung));
        attempt.bindValue(3, a.providerId);
        attempt.bindValue(4, a.model);
        attempt.bindValue(5, a.paramsHash);
        attempt.bindValue(6, paramsToJson(a.params));
        attempt.bindValue(7, timeToSql(a.startedAt));
        attempt.bindValue(8, timeToSql(a.endedAt));
        attempt.bindValue(9, nameOf(a.errorClass));
        attempt.bindValue(10, a.httpStatus);
        attempt.bindValue(11, a.message);
        attempt.bindValue(12, a.outputPath);
        attempt.bindValue(13, a.archivedTo);
        attempt.bindValue(14, a.costUnits);
        attempt.bindValue(15, a.countedAgainstBudget ? 1 : 0);
        attempt.bindValue(16, a.stderrTail.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                     : QVariant(a.stderrTail));
        attempt.bindValue(17, a.remoteJobId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                      : QVariant(a.remoteJobId));
        attempt.bindValue(18, a.mediaWidth);
        attempt.bindValue(19, a.mediaHeight);
        attempt.bindValue(20, a.mediaFps);
        attempt.bindValue(21, a.mediaDurationSec);
        attempt.bindValue(22, a.originalPath.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                       : QVariant(a.originalPath));
        if (!run(attempt))
            return false;
    }
    attempt.finish();

    QSqlQuery &event = *m_insertEvent;
    for (const StoredEvent &e : std::as_const(m_pendingEvents)) {
        event.bindValue(0, timeToSql(e.time));
        event.bindValue(1, e.taskId);
        event.bindValue(2, e.kind);
        event.bindValue(3, e.detail);
        if (!run(event))
            return false;
    }
    event.finish();
    return true;
}

void StateStorePrivate::clearPending()
{
    m_pendingTasks.clear();
    m_pendingTaskIndex.clear();
    m_pendingAttempts.clear();
    m_pendingEvents.clear();
}

bool StateStorePrivate::transaction(const std::function<bool(QSqlError *)> &body,
                                    QSqlError *sqlError)
{
    m_lastFlushFull = false;
    if (!prepareWriteStatements(sqlError) || !exec(u"BEGIN IMMEDIATE"_s, sqlError)) {
        m_lastFlushFull = StateSchema::nativeCode(*sqlError) == StateSchema::kSqliteFull;
        return false;
    }
    if (!writePending(sqlError) || (body && !body(sqlError)) || !exec(u"COMMIT"_s, sqlError)) {
        // Reset the statements so none of them keeps the transaction alive, then roll back.
        // SQLite may already have rolled back on its own (e.g. on SQLITE_FULL); that is fine.
        m_upsertTask->finish();
        m_upsertAttempt->finish();
        m_insertEvent->finish();
        exec(u"ROLLBACK"_s);
        m_lastFlushFull = StateSchema::nativeCode(*sqlError) == StateSchema::kSqliteFull;
        return false;
    }
    clearPending();
    return true;
}

QString StateStorePrivate::reasonOf(const QSqlError &sqlError) const
{
    if (StateSchema::nativeCode(sqlError) == StateSchema::kSqliteFull)
        return u"disk full (%1); free space on the drive and try again"_s.arg(
            sqlError.databaseText());
    return sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
}

QString StateStorePrivate::flushFailureMessage(const QSqlError &sqlError) const
{
    const QString file = QDir::toNativeSeparators(m_path);
    if (StateSchema::nativeCode(sqlError) == StateSchema::kSqliteFull) {
        return u"Could not save state to %1: disk full (%2); free space on the drive, the"
               u" changes are kept in memory until then"_s.arg(file, sqlError.databaseText());
    }
    // The database's own words when there are any; Qt's "Unable to fetch row" adds nothing.
    const QString reason =
        sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    return u"Could not save state to %1: %2; the changes are kept in memory until they can be"
           u" saved"_s.arg(file, reason);
}

StateStore::StateStore() : d(std::make_unique<StateStorePrivate>())
{
}

StateStore::~StateStore()
{
    close();
}

bool StateStore::open(const QString &databasePath, QString *error)
{
    QString localError;
    QString &message = error ? *error : localError;
    close();
    return d->openConnection(databasePath, &message);
}

bool StateStore::openReadOnly(const QString &databasePath, QString *error)
{
    QString localError;
    QString &message = error ? *error : localError;
    close();
    d->m_path = databasePath;
    d->m_readOnly = true;
    const QFileInfo info(databasePath);
    if (!info.exists() || info.size() == 0)
        return true;
    QString probeError;
    const std::optional<int> version = StateSchema::probeVersion(databasePath, &probeError);
    if (!probeError.isEmpty()) {
        message = probeError;
        return false;
    }
    if (version && *version > kSchemaVersion) {
        message = StateSchema::newerSchemaMessage(*version);
        return false;
    }
    if (version && *version < kSchemaVersion) {
        message = u"The state database %1 was written by an older Retake and must be updated "
                  u"before it can be read; run a writing command (retake-cli run) on it once"_s.arg(
                      QDir::toNativeSeparators(databasePath));
        return false;
    }
    d->m_connectionName = nextConnectionName();
    d->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, d->m_connectionName);
    d->m_db.setDatabaseName(databasePath);
    d->m_db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!d->m_db.open()) {
        message = u"Could not open the state database %1 for reading: %2"_s.arg(
            QDir::toNativeSeparators(databasePath), d->m_db.lastError().text());
        d->closeConnection();
        return false;
    }
    d->m_open = true;
    return true;
}

bool StateStore::isReadOnly() const
{
    return d->m_readOnly;
}

void StateStore::close()
{
    if (d->m_open && hasPendingWrites()) {
        QString error;
        if (!flush(&error))
            qCWarning(lcStore, "Unsaved state lost on close: %s", qUtf8Printable(error));
    }
    d->closeConnection();
    d->m_readOnly = false;
    d->clearPending();
}

bool StateStore::isOpen() const
{
    return d->m_open;
}

QString StateStore::databasePath() const
{
    return d->m_path;
}

QList<StoredTask> StateStore::loadTasks() const
{
    if (!d->m_open)
        return {};
    return StateRows(d->m_db, StateRows::Diagnostics::Logged).tasks();
}

QHash<QString, QList<Attempt>> StateStore::loadAttempts() const
{
    if (!d->m_open)
        return {};
    return StateRows(d->m_db, StateRows::Diagnostics::Logged).attempts();
}

QList<StoredEvent> StateStore::loadEvents() const
{
    if (!d->m_open)
        return {};
    return StateRows(d->m_db, StateRows::Diagnostics::Logged).events();
}

void StateStore::saveTask(const StoredTask &task)
{
    if (d->m_readOnly)
        return;
    const auto it = d->m_pendingTaskIndex.constFind(task.id);
    if (it != d->m_pendingTaskIndex.constEnd()) {
        d->m_pendingTasks[*it] = task;
        return;
    }
    d->m_pendingTaskIndex.insert(task.id, d->m_pendingTasks.size());
    d->m_pendingTasks.append(task);
}

void StateStore::saveAttempt(const QString &taskId, const Attempt &attempt)
{
    if (d->m_readOnly)
        return;
    d->m_pendingAttempts.append({taskId, attempt});
}

void StateStore::addEvent(const StoredEvent &event)
{
    if (d->m_readOnly)
        return;
    d->m_pendingEvents.append(event);
}

bool StateStore::hasPendingWrites() const
{
    return !d->m_pendingTasks.isEmpty() || !d->m_pendingAttempts.isEmpty() ||
           !d->m_pendingEvents.isEmpty();
}

bool StateStore::lastFlushFailedForSpace() const
{
    return d->m_lastFlushFull;
}

bool StateStore::flush(QString *error)
{
    QString localError;
    QString &message = error ? *error : localError;
    if (d->m_readOnly)
        return true; // nothing is saved by a reader
    if (!d->m_open) {
        message = u"Could not save state: the state database is not open"_s;
        return false;
    }
    if (!hasPendingWrites())
        return true;

    QSqlError sqlError;
    if (!d->transaction({}, &sqlError)) {
        message = d->flushFailureMessage(sqlError);
        return false;
    }
    return true;
}

QString StateStore::unfinishedRunId() const
{
    if (!d->m_open)
        return {};
    return StateRows(d->m_db).unfinishedRunId();
}

QDateTime StateStore::runStartedAt(const QString &runId) const
{
    if (!d->m_open)
        return {};
    return StateRows(d->m_db).runStartedAt(runId);
}

CheckpointInfo StateStore::createCheckpoint(const QString &reason, const QString &countsJson,
                                            QString *error)
{
    QString localError;
    QString &message = error ? *error : localError;
    if (!d->m_open || d->m_readOnly) {
        message = u"the state database is not open for writing"_s;
        return {};
    }
    CheckpointInfo info;
    QSqlError sqlError;
    const bool made = d->transaction(
        [&](QSqlError *why) {
            info = CheckpointStore::snapshot(d->m_db, d->m_path, reason, countsJson, why);
            if (info.id.isEmpty())
                return false;
            CheckpointStore::pauseForTests("checkpoint");
            return true;
        },
        &sqlError);
    if (!made) {
        message = u"Could not write a checkpoint to %1 (none was recorded): %2"_s.arg(
            QDir::toNativeSeparators(d->m_path), d->reasonOf(sqlError));
        return {};
    }
    return info;
}

namespace {
const QString kInputsKey = QStringLiteral("inputs");
}

QByteArray StateStore::rowsInputs() const
{
    if (!d->m_open)
        return {};
    return CheckpointStore::meta(d->m_db, kInputsKey).toLatin1();
}

bool StateStore::setRowsInputs(const QByteArray &inputs, QString *error)
{
    if (!d->m_open || d->m_readOnly || rowsInputs() == inputs)
        return true;
    QSqlError sqlError;
    if (d->transaction(
            [&](QSqlError *why) {
                return CheckpointStore::setMeta(d->m_db, kInputsKey, QString::fromLatin1(inputs),
                                                why);
            },
            &sqlError))
        return true;
    if (error)
        *error = d->flushFailureMessage(sqlError);
    return false;
}

QByteArray StateStore::checkpointInputs(const QString &id) const
{
    if (!d->m_open)
        return {};
    return CheckpointStore::checkpointMeta(d->m_db, id, kInputsKey).toLatin1();
}

QList<CheckpointInfo> StateStore::checkpoints() const
{
    if (!d->m_open)
        return {};
    return StateRows(d->m_db).checkpoints();
}

QList<StoredTask> StateStore::loadCheckpointTasks(const QString &id) const
{
    if (!d->m_open)
        return {};
    return StateRows(d->m_db, StateRows::Diagnostics::Logged).checkpointTasks(id);
}

QSet<QString> StateStore::checkpointOutputs() const
{
    if (!d->m_open)
        return {};
    return CheckpointStore::outputPaths(d->m_db);
}

QList<StoredTask> StateStore::loadTasksFrom(const QString &path, QString *error)
{
    QList<StoredTask> tasks;
    if (!QFileInfo::exists(path)) {
        if (error)
            *error = u"%1: the checkpoint file is missing"_s.arg(path);
        return tasks;
    }
    StateStore copy;
    QString why;
    if (!copy.open(path, &why)) {
        if (error)
            *error = why;
        return tasks;
    }
    tasks = copy.loadTasks();
    return tasks;
}

CheckpointInfo StateStore::restoreCheckpoint(const QString &id, const QList<StoredTask> *fileRows,
                                             const QString &undoReason, const QString &undoCounts,
                                             QString *error)
{
    QString localError;
    QString &message = error ? *error : localError;
    if (!d->m_open || d->m_readOnly) {
        message = u"the state database is not open for writing"_s;
        return {};
    }
    if (!fileRows && CheckpointStore::rowCount(d->m_db, id) == 0) {
        message = u"checkpoint %1 holds no tasks"_s.arg(id);
        return {};
    }
    CheckpointInfo undo;
    QSqlError sqlError;
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const bool restored = d->transaction(
        [&](QSqlError *why) {
            undo = CheckpointStore::snapshot(d->m_db, d->m_path, undoReason, undoCounts, why);
            if (undo.id.isEmpty())
                return false;
            if (fileRows) {
                if (!CheckpointStore::clearTasks(d->m_db, why))
                    return false;
                QSqlQuery &task = *d->m_upsertTask;
                for (const StoredTask &row : *fileRows) {
                    bindTask(task, row, now);
                    if (!task.exec()) {
                        *why = task.lastError();
                        return false;
                    }
                }
                task.finish();
            } else if (!CheckpointStore::putBack(d->m_db, id, why)) {
                return false;
            }
            if (!CheckpointStore::recordRestore(d->m_db, id, why))
                return false;
            CheckpointStore::pauseForTests("restore");
            return true;
        },
        &sqlError);
    if (!restored) {
        message = u"Could not restore checkpoint %1 in %2 (nothing was changed): %3"_s.arg(
            id, QDir::toNativeSeparators(d->m_path), d->reasonOf(sqlError));
        return {};
    }
    return undo;
}

bool StateStore::removeCheckpoint(const QString &id, QString *error)
{
    for (const CheckpointInfo &info : checkpoints()) {
        if (info.id == id)
            return CheckpointStore::remove(d->m_db, d->m_path, info, error);
    }
    if (error)
        *error = u"no checkpoint \"%1\""_s.arg(id);
    return false;
}

QList<CheckpointInfo> StateStore::recoverCheckpoints(const QString &directory)
{
    if (!d->m_open)
        return {};
    return CheckpointStore::recover(d->m_db, d->m_path, directory);
}

QStringList StateStore::taskIds() const
{
    QStringList ids;
    if (!d->m_open)
        return ids;
    QSqlQuery query(d->m_db);
    query.setForwardOnly(true);
    if (query.exec(u"SELECT id FROM tasks ORDER BY rowid"_s)) {
        while (query.next())
            ids << query.value(0).toString();
    }
    return ids;
}

QHash<QString, QString> StateStore::doneOutputs() const
{
    QHash<QString, QString> outputs;
    if (!d->m_open)
        return outputs;
    QSqlQuery query(d->m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, output_path FROM tasks WHERE state = ?"_s);
    query.addBindValue(nameOf(TaskState::Done));
    if (query.exec()) {
        while (query.next())
            outputs.insert(query.value(0).toString(), query.value(1).toString());
    }
    return outputs;
}

QString StateStore::countsJson() const
{
    QJsonObject counts;
    if (!d->m_open)
        return u"{}"_s;
    QSqlQuery query(d->m_db);
    query.setForwardOnly(true);
    if (query.exec(u"SELECT state, COUNT(*) FROM tasks GROUP BY state"_s)) {
        while (query.next())
            counts.insert(query.value(0).toString(), query.value(1).toInt());
    }
    return QString::fromUtf8(QJsonDocument(counts).toJson(QJsonDocument::Compact));
}

QString StateStore::beginRun(const QDateTime &startedAt)
{
    if (!d->m_open) {
        qCWarning(lcStore, "Cannot record a run: the state database is not open");
        return {};
    }
    const QDateTime utc = startedAt.toUTC();
    qint64 counter = 1;
    {
        QSqlQuery count(d->m_db);
        if (count.exec(u"SELECT COUNT(*) FROM runs"_s) && count.next())
            counter = count.value(0).toLongLong() + 1;
    }
    const QString stamp = utc.toString(u"yyyyMMdd-HHmmss"_s);
    QSqlQuery insert(d->m_db);
    if (!insert.prepare(u"INSERT OR IGNORE INTO runs (id, started_at) VALUES (?, ?)"_s)) {
        qCWarning(lcStore, "Cannot record a run: %s", qUtf8Printable(insert.lastError().text()));
        return {};
    }
    // The counter makes the id unique in practice; a clash (a restored checkpoint with fewer
    // runs than ids already handed out) moves on to the next number.
    for (int tries = 0; tries < 1000; ++tries, ++counter) {
        QString id = stamp + u'-' + QString::number(counter);
        insert.bindValue(0, id);
        insert.bindValue(1, timeToSql(utc));
        if (!insert.exec()) {
            qCWarning(lcStore, "Cannot record run %s: %s", qUtf8Printable(id),
                      qUtf8Printable(insert.lastError().text()));
            return {};
        }
        if (insert.numRowsAffected() == 1)
            return id;
    }
    qCWarning(lcStore, "Cannot record a run: no free run id for %s", qUtf8Printable(stamp));
    return {};
}

void StateStore::endRun(const QString &runId, const QDateTime &endedAt, const QString &outcome)
{
    if (!d->m_open) {
        qCWarning(lcStore, "Cannot end run %s: the state database is not open",
                  qUtf8Printable(runId));
        return;
    }
    QSqlQuery update(d->m_db);
    update.prepare(u"UPDATE runs SET ended_at = ?, outcome = ? WHERE id = ?"_s);
    update.bindValue(0, timeToSql(endedAt));
    update.bindValue(1, outcome);
    update.bindValue(2, runId);
    if (!update.exec()) {
        qCWarning(lcStore, "Cannot end run %s: %s", qUtf8Printable(runId),
                  qUtf8Printable(update.lastError().text()));
    } else if (update.numRowsAffected() != 1) {
        qCWarning(lcStore, "Cannot end run %s: no such run", qUtf8Printable(runId));
    }
}

void StateStore::reopenRun(const QString &runId)
{
    if (!d->m_open) {
        qCWarning(lcStore, "Cannot reopen run %s: the state database is not open",
                  qUtf8Printable(runId));
        return;
    }
    QSqlQuery update(d->m_db);
    update.prepare(u"UPDATE runs SET ended_at = NULL, outcome = NULL WHERE id = ?"_s);
    update.addBindValue(runId);
    if (!update.exec()) {
        qCWarning(lcStore, "Cannot reopen run %s: %s", qUtf8Printable(runId),
                  qUtf8Printable(update.lastError().text()));
    }
}

} // namespace retake