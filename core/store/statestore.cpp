#include "statestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>
#include <iterator>
#include <optional>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcStore, "retake.store")

// SQLite primary result codes reported by QSqlError::nativeErrorCode().
constexpr int kSqliteFull = 13;
constexpr int kSqliteNotADatabase = 26;

// Schema 1: a fresh file (version 0) gets these tables.
constexpr const char16_t *kCreateSchema1[] = {
    u"CREATE TABLE tasks ("
    u" id TEXT PRIMARY KEY NOT NULL,"
    u" state TEXT NOT NULL,"
    u" quality TEXT NOT NULL,"
    u" rung TEXT NOT NULL,"
    u" provider_id TEXT,"
    u" attempt_count INTEGER NOT NULL DEFAULT 0,"
    u" last_error TEXT NOT NULL,"
    u" last_message TEXT,"
    u" last_http_status INTEGER NOT NULL DEFAULT 0,"
    u" output_path TEXT,"
    u" params_hash BLOB,"
    u" manual_retries INTEGER NOT NULL DEFAULT 0,"
    u" updated_at TEXT NOT NULL)",
    u"CREATE TABLE attempts ("
    u" task_id TEXT NOT NULL,"
    u" number INTEGER NOT NULL,"
    u" rung TEXT NOT NULL,"
    u" provider_id TEXT,"
    u" model TEXT,"
    u" params_hash TEXT,"
    u" params_json TEXT,"
    u" started_at TEXT,"
    u" ended_at TEXT,"
    u" error_class TEXT NOT NULL,"
    u" http_status INTEGER NOT NULL DEFAULT 0,"
    u" message TEXT,"
    u" output_path TEXT,"
    u" archived_to TEXT,"
    u" cost_units REAL NOT NULL DEFAULT 0,"
    u" counted INTEGER NOT NULL DEFAULT 1,"
    u" PRIMARY KEY (task_id, number))",
    u"CREATE TABLE events ("
    u" id INTEGER PRIMARY KEY AUTOINCREMENT,"
    u" time TEXT,"
    u" task_id TEXT,"
    u" kind TEXT NOT NULL,"
    u" detail TEXT)",
    u"CREATE INDEX events_task_id ON events (task_id)",
    u"CREATE TABLE runs ("
    u" id TEXT PRIMARY KEY NOT NULL,"
    u" started_at TEXT NOT NULL,"
    u" ended_at TEXT,"
    u" outcome TEXT)",
};

// Schema 2: the recovery position of a task survives a restart (its rung, the retries it
// has spent in the current run, a provider chosen by the user), and checkpoints.
constexpr const char16_t *kMigrate1To2[] = {
    u"ALTER TABLE tasks ADD COLUMN rung_index INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE tasks ADD COLUMN retries_used INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE tasks ADD COLUMN rung_failures INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE tasks ADD COLUMN provider_override TEXT",
    u"CREATE TABLE checkpoints ("
    u" id TEXT PRIMARY KEY NOT NULL,"
    u" created_at TEXT NOT NULL,"
    u" reason TEXT NOT NULL,"
    u" file TEXT NOT NULL,"
    u" counts_json TEXT,"
    u" size_bytes INTEGER NOT NULL DEFAULT 0)",
};

// Schema 3: an attempt keeps the tail of its tool's stderr (ffmpeg) for the report.
constexpr const char16_t *kMigrate2To3[] = {
    u"ALTER TABLE attempts ADD COLUMN stderr_tail TEXT",
};

// One forward step of the schema: the statements that turn version `from` into `from + 1`.
struct Migration {
    int from;
    const char16_t *const *begin;
    const char16_t *const *end;
};

// All pending steps run inside the single transaction of migrate(), so a failed step leaves
// the file at its old version. Append new steps here and raise StateStore::kSchemaVersion.
constexpr Migration kMigrations[] = {
    {0, std::begin(kCreateSchema1), std::end(kCreateSchema1)},
    {1, std::begin(kMigrate1To2), std::end(kMigrate1To2)},
    {2, std::begin(kMigrate2To3), std::end(kMigrate2To3)},
};

constexpr char16_t kUpsertTask[] =
    u"INSERT INTO tasks (id, state, quality, rung, provider_id, attempt_count, last_error,"
    u" last_message, last_http_status, output_path, params_hash, manual_retries, updated_at,"
    u" rung_index, retries_used, rung_failures, provider_override)"
    u" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    u" ON CONFLICT (id) DO UPDATE SET state = excluded.state, quality = excluded.quality,"
    u" rung = excluded.rung, provider_id = excluded.provider_id,"
    u" attempt_count = excluded.attempt_count, last_error = excluded.last_error,"
    u" last_message = excluded.last_message, last_http_status = excluded.last_http_status,"
    u" output_path = excluded.output_path, params_hash = excluded.params_hash,"
    u" manual_retries = excluded.manual_retries, updated_at = excluded.updated_at,"
    u" rung_index = excluded.rung_index, retries_used = excluded.retries_used,"
    u" rung_failures = excluded.rung_failures, provider_override = excluded.provider_override";

constexpr char16_t kUpsertAttempt[] =
    u"INSERT INTO attempts (task_id, number, rung, provider_id, model, params_hash,"
    u" params_json, started_at, ended_at, error_class, http_status, message, output_path,"
    u" archived_to, cost_units, counted, stderr_tail)"
    u" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    u" ON CONFLICT (task_id, number) DO UPDATE SET rung = excluded.rung,"
    u" provider_id = excluded.provider_id, model = excluded.model,"
    u" params_hash = excluded.params_hash, params_json = excluded.params_json,"
    u" started_at = excluded.started_at, ended_at = excluded.ended_at,"
    u" error_class = excluded.error_class, http_status = excluded.http_status,"
    u" message = excluded.message, output_path = excluded.output_path,"
    u" archived_to = excluded.archived_to, cost_units = excluded.cost_units,"
    u" counted = excluded.counted, stderr_tail = excluded.stderr_tail";

constexpr char16_t kInsertEvent[] =
    u"INSERT INTO events (time, task_id, kind, detail) VALUES (?, ?, ?, ?)";

// ISO-8601 UTC with milliseconds ("2026-11-25T14:30:00.000Z"); NULL for an invalid time.
QVariant timeToSql(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFromSql(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString paramsToJson(const QVariantMap &params)
{
    if (params.isEmpty())
        return u"{}"_s;
    return QString::fromUtf8(
        QJsonDocument(QJsonObject::fromVariantMap(params)).toJson(QJsonDocument::Compact));
}

QVariantMap paramsFromJson(const QString &json)
{
    if (json.isEmpty())
        return {};
    return QJsonDocument::fromJson(json.toUtf8()).object().toVariantMap();
}

// Reads an enum column written by nameOf(); an unknown name (a file edited by hand, or a
// value from a newer minor version) falls back to the field's default with a warning.
template <typename Enum>
Enum enumFromSql(std::optional<Enum> (*parse)(const QString &), const QVariant &value,
                 Enum fallback, const char *column)
{
    const QString text = value.toString();
    if (const auto parsed = parse(text))
        return *parsed;
    qCWarning(lcStore, "Unknown %s \"%s\" in state.sqlite; using the default", column,
              qUtf8Printable(text));
    return fallback;
}

int nativeCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code : -1;
}

QString newerSchemaMessage(int version)
{
    return u"state.sqlite was written by a newer Retake (schema %1, this version reads up to %2);"
           u" open it with that version or remove the .retake folder's state to start over"_s
               .arg(version)
               .arg(StateStore::kSchemaVersion);
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
    // Reads PRAGMA user_version of `path` through a read-only connection, so that a file
    // this version must refuse is never written to (no WAL switch, no checkpoint).
    std::optional<int> probeVersion(const QString &path, QString *error);
    bool configure(QString *error);
    bool migrate(int fromVersion, QString *error);
    bool exec(const QString &statement, QSqlError *sqlError = nullptr);
    bool prepareWriteStatements(QSqlError *sqlError);
    bool writePending(QSqlError *sqlError);
    QString flushFailureMessage(const QSqlError &sqlError) const;

    QString notADatabaseMessage(const QString &detail) const
    {
        return u"%1 is not a Retake state database (%2); move the file away or remove the"
               u" .retake folder's state to start over"_s.arg(QDir::toNativeSeparators(m_path),
                                                              detail);
    }

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    bool m_open = false;
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

std::optional<int> StateStorePrivate::probeVersion(const QString &path, QString *error)
{
    const QString probeName = nextConnectionName() + u"-probe"_s;
    std::optional<int> version;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, probeName);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"PRAGMA user_version"_s) && query.next()) {
                version = query.value(0).toInt();
            } else if (nativeCode(query.lastError()) == kSqliteNotADatabase) {
                *error = notADatabaseMessage(query.lastError().databaseText());
            }
            // Any other failure (e.g. a hot journal a read-only connection cannot roll
            // back) is left to the read-write connection, which checks again before writing.
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(probeName);
    return version;
}

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
        const std::optional<int> version = probeVersion(path, &probeError);
        if (!probeError.isEmpty()) {
            *error = probeError;
            return false;
        }
        if (version && *version > StateStore::kSchemaVersion) {
            *error = newerSchemaMessage(*version);
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
    if (!configure(error)) {
        closeConnection();
        return false;
    }
    m_open = true;
    return true;
}

bool StateStorePrivate::configure(QString *error)
{
    QSqlError sqlError;
    // Read-only checks first: nothing is written to a file we are about to refuse.
    if (!exec(u"PRAGMA busy_timeout = 5000"_s, &sqlError)) {
        *error = u"Could not open the state database %1: %2"_s.arg(QDir::toNativeSeparators(m_path),
                                                                   sqlError.text());
        return false;
    }
    int version = 0;
    {
        QSqlQuery query(m_db);
        if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
            const QSqlError queryError = query.lastError();
            *error = nativeCode(queryError) == kSqliteNotADatabase
                         ? notADatabaseMessage(queryError.databaseText())
                         : u"Could not read the state database %1: %2"_s.arg(
                               QDir::toNativeSeparators(m_path), queryError.text());
            return false;
        }
        version = query.value(0).toInt();
    }
    if (version > StateStore::kSchemaVersion) {
        *error = newerSchemaMessage(version);
        return false;
    }

    {
        QSqlQuery query(m_db);
        if (!query.exec(u"PRAGMA journal_mode = WAL"_s) || !query.next()) {
            *error = u"Could not open the state database %1: %2"_s.arg(
                QDir::toNativeSeparators(m_path), query.lastError().text());
            return false;
        }
        const QString mode = query.value(0).toString();
        if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
            // Happens on file systems without shared-memory support; SQLite still keeps the
            // file consistent with its rollback journal, only readers block writers.
            qCWarning(lcStore, "%s: write-ahead logging unavailable, journal mode is %s",
                      qUtf8Printable(m_path), qUtf8Printable(mode));
        }
    }
    if (!exec(u"PRAGMA synchronous = NORMAL"_s, &sqlError) ||
        !exec(u"PRAGMA foreign_keys = ON"_s, &sqlError)) {
        *error = u"Could not open the state database %1: %2"_s.arg(QDir::toNativeSeparators(m_path),
                                                                   sqlError.text());
        return false;
    }
    return version == StateStore::kSchemaVersion || migrate(version, error);
}

bool StateStorePrivate::migrate(int fromVersion, QString *error)
{
    QSqlError sqlError;
    const auto fail = [&](const QString &what) {
        exec(u"ROLLBACK"_s);
        *error = u"Could not %1 the state database %2: %3"_s.arg(
            what, QDir::toNativeSeparators(m_path), sqlError.text());
        return false;
    };
    if (!exec(u"BEGIN IMMEDIATE"_s, &sqlError))
        return fail(u"update"_s);

    // Another process may have migrated the file between our check and the write lock.
    int version = fromVersion;
    {
        QSqlQuery query(m_db);
        if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
            sqlError = query.lastError();
            query.finish();
            return fail(u"read"_s);
        }
        version = query.value(0).toInt();
    }
    if (version > StateStore::kSchemaVersion) {
        exec(u"ROLLBACK"_s);
        *error = newerSchemaMessage(version);
        return false;
    }

    for (; version < StateStore::kSchemaVersion; ++version) {
        const Migration *step = nullptr;
        for (const Migration &migration : kMigrations) {
            if (migration.from == version)
                step = &migration;
        }
        if (!step) {
            sqlError = QSqlError(u"no migration from schema %1"_s.arg(version), {},
                                 QSqlError::UnknownError);
            return fail(u"update"_s);
        }
        for (auto statement = step->begin; statement != step->end; ++statement) {
            if (!exec(QString::fromUtf16(*statement), &sqlError))
                return fail(u"update"_s);
        }
    }
    // user_version lives in the database header and is part of this transaction.
    if (!exec(u"PRAGMA user_version = %1"_s.arg(StateStore::kSchemaVersion), &sqlError) ||
        !exec(u"COMMIT"_s, &sqlError)) {
        return fail(u"update"_s);
    }
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
        task.bindValue(16,
                       t.providerOverride.isEmpty() ? QVariant() : QVariant(t.providerOverride));
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

QString StateStorePrivate::flushFailureMessage(const QSqlError &sqlError) const
{
    const QString file = QDir::toNativeSeparators(m_path);
    if (nativeCode(sqlError) == kSqliteFull) {
        return u"Could not save state to %1: disk full (%2); free space on the drive, the"
               u" changes are kept in memory until then"_s.arg(file, sqlError.databaseText());
    }
    // The database's own words when there are any; Qt's "Unable to fetch row" adds nothing.
    const QString reason =
        sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    return u"Could not save state to %1: %2; the changes are kept in memory and saved on the"
           u" next attempt"_s.arg(file, reason);
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

void StateStore::close()
{
    if (d->m_open && hasPendingWrites()) {
        QString error;
        if (!flush(&error))
            qCWarning(lcStore, "Unsaved state lost on close: %s", qUtf8Printable(error));
    }
    d->closeConnection();
    d->m_pendingTasks.clear();
    d->m_pendingTaskIndex.clear();
    d->m_pendingAttempts.clear();
    d->m_pendingEvents.clear();
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
    QList<StoredTask> tasks;
    if (!d->m_open)
        return tasks;
    QSqlQuery query(d->m_db);
    query.setForwardOnly(true);
    // rowid keeps insertion order: updates go through UPSERT, which keeps the row.
    if (!query.exec(u"SELECT id, state, quality, rung, provider_id, attempt_count, last_error,"
                    u" last_message, last_http_status, output_path, params_hash, manual_retries,"
                    u" rung_index, retries_used, rung_failures, provider_override"
                    u" FROM tasks ORDER BY rowid"_s)) {
        qCWarning(lcStore, "Could not load tasks: %s", qUtf8Printable(query.lastError().text()));
        return tasks;
    }
    while (query.next()) {
        StoredTask t;
        t.id = query.value(0).toString();
        t.state = enumFromSql(taskStateFromString, query.value(1), TaskState::Waiting, "state");
        t.quality = enumFromSql(qualityFromString, query.value(2), Quality::None, "quality");
        t.rung = enumFromSql(rungKindFromString, query.value(3), RungKind::Primary, "rung");
        t.providerId = query.value(4).toString();
        t.attemptCount = query.value(5).toInt();
        t.lastError =
            enumFromSql(errorClassFromString, query.value(6), ErrorClass::None, "error class");
        t.lastMessage = query.value(7).toString();
        t.lastHttpStatus = query.value(8).toInt();
        t.outputPath = query.value(9).toString();
        t.paramsHash = query.value(10).toByteArray();
        t.manualRetries = query.value(11).toInt();
        t.rungIndex = query.value(12).toInt();
        t.retriesUsed = query.value(13).toInt();
        t.rungFailures = query.value(14).toInt();
        t.providerOverride = query.value(15).toString();
        tasks.append(std::move(t));
    }
    return tasks;
}

QHash<QString, QList<Attempt>> StateStore::loadAttempts() const
{
    QHash<QString, QList<Attempt>> attempts;
    if (!d->m_open)
        return attempts;
    QSqlQuery query(d->m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT task_id, number, rung, provider_id, model, params_hash,"
                    u" params_json, started_at, ended_at, error_class, http_status, message,"
                    u" output_path, archived_to, cost_units, counted, stderr_tail"
                    u" FROM attempts ORDER BY task_id, number"_s)) {
        qCWarning(lcStore, "Could not load attempts: %s", qUtf8Printable(query.lastError().text()));
        return attempts;
    }
    while (query.next()) {
        Attempt a;
        a.number = query.value(1).toInt();
        a.rung = enumFromSql(rungKindFromString, query.value(2), RungKind::Primary, "rung");
        a.providerId = query.value(3).toString();
        a.model = query.value(4).toString();
        a.paramsHash = query.value(5).toString();
        a.params = paramsFromJson(query.value(6).toString());
        a.startedAt = timeFromSql(query.value(7));
        a.endedAt = timeFromSql(query.value(8));
        a.errorClass =
            enumFromSql(errorClassFromString, query.value(9), ErrorClass::None, "error class");
        a.httpStatus = query.value(10).toInt();
        a.message = query.value(11).toString();
        a.outputPath = query.value(12).toString();
        a.archivedTo = query.value(13).toString();
        a.costUnits = query.value(14).toDouble();
        a.countedAgainstBudget = query.value(15).toInt() != 0;
        a.stderrTail = query.value(16).toString();
        attempts[query.value(0).toString()].append(std::move(a));
    }
    return attempts;
}

QList<StoredEvent> StateStore::loadEvents() const
{
    QList<StoredEvent> events;
    if (!d->m_open)
        return events;
    QSqlQuery query(d->m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT time, task_id, kind, detail FROM events ORDER BY id"_s)) {
        qCWarning(lcStore, "Could not load events: %s", qUtf8Printable(query.lastError().text()));
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

void StateStore::saveTask(const StoredTask &task)
{
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
    d->m_pendingAttempts.append({taskId, attempt});
}

void StateStore::addEvent(const StoredEvent &event)
{
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
    if (!d->m_open) {
        message = u"Could not save state: the state database is not open"_s;
        return false;
    }
    if (!hasPendingWrites())
        return true;

    d->m_lastFlushFull = false;
    QSqlError sqlError;
    if (!d->prepareWriteStatements(&sqlError) || !d->exec(u"BEGIN IMMEDIATE"_s, &sqlError)) {
        d->m_lastFlushFull = nativeCode(sqlError) == kSqliteFull;
        message = d->flushFailureMessage(sqlError);
        return false;
    }
    if (!d->writePending(&sqlError) || !d->exec(u"COMMIT"_s, &sqlError)) {
        // Reset the statements so none of them keeps the transaction alive, then roll back.
        // SQLite may already have rolled back on its own (e.g. on SQLITE_FULL); that is fine.
        d->m_upsertTask->finish();
        d->m_upsertAttempt->finish();
        d->m_insertEvent->finish();
        d->exec(u"ROLLBACK"_s);
        d->m_lastFlushFull = nativeCode(sqlError) == kSqliteFull;
        message = d->flushFailureMessage(sqlError);
        return false;
    }

    d->m_pendingTasks.clear();
    d->m_pendingTaskIndex.clear();
    d->m_pendingAttempts.clear();
    d->m_pendingEvents.clear();
    return true;
}

QString StateStore::unfinishedRunId() const
{
    if (!d->m_open)
        return {};
    QSqlQuery query(d->m_db);
    if (query.exec(u"SELECT id FROM runs WHERE ended_at IS NULL ORDER BY started_at DESC,"
                   u" rowid DESC LIMIT 1"_s) &&
        query.next())
        return query.value(0).toString();
    return {};
}

QDateTime StateStore::runStartedAt(const QString &runId) const
{
    if (!d->m_open)
        return {};
    QSqlQuery query(d->m_db);
    query.prepare(u"SELECT started_at FROM runs WHERE id = ?"_s);
    query.addBindValue(runId);
    if (query.exec() && query.next())
        return QDateTime::fromString(query.value(0).toString(), Qt::ISODateWithMs);
    return {};
}

CheckpointInfo StateStore::createCheckpoint(const QString &directory, const QString &reason,
                                            const QString &countsJson, QString *error)
{
    CheckpointInfo info;
    QString localError;
    QString &message = error ? *error : localError;
    if (!flush(&message))
        return info;
    if (!QDir().mkpath(directory)) {
        message = u"%1: cannot create the checkpoint folder"_s.arg(directory);
        return info;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 counter = 1;
    {
        QSqlQuery count(d->m_db);
        if (count.exec(u"SELECT COUNT(*) FROM checkpoints"_s) && count.next())
            counter = count.value(0).toLongLong() + 1;
    }
    QString id;
    QString file;
    for (;; ++counter) {
        id = u"cp-%1-%2"_s.arg(now.toString(u"yyyyMMdd-HHmmss"_s)).arg(counter);
        file = QDir(directory).filePath(id + u".sqlite"_s);
        if (!QFile::exists(file))
            break;
    }
    // Record the checkpoint first, so the copy lists itself too; undone if the copy fails.
    QSqlQuery insert(d->m_db);
    insert.prepare(u"INSERT INTO checkpoints (id, created_at, reason, file, counts_json,"
                   u" size_bytes) VALUES (?, ?, ?, ?, ?, 0)"_s);
    insert.bindValue(0, id);
    insert.bindValue(1, timeToSql(now));
    insert.bindValue(2, reason);
    const QString relative = QDir(QFileInfo(d->m_path).absolutePath()).relativeFilePath(file);
    insert.bindValue(3, relative);
    insert.bindValue(4, countsJson);
    if (!insert.exec()) {
        message = u"Could not record checkpoint: %1"_s.arg(insert.lastError().text());
        return info;
    }
    const QString temp = file + u".part"_s;
    QFile::remove(temp);
    QSqlQuery vacuum(d->m_db);
    QString quoted = temp;
    quoted.replace(u'\'', u"''"_s);
    if (!vacuum.exec(u"VACUUM INTO '%1'"_s.arg(quoted)) || !QFile::rename(temp, file)) {
        message = u"Could not write checkpoint %1: %2"_s.arg(file, vacuum.lastError().text());
        QFile::remove(temp);
        QSqlQuery undo(d->m_db);
        undo.prepare(u"DELETE FROM checkpoints WHERE id = ?"_s);
        undo.bindValue(0, id);
        undo.exec();
        return info;
    }
    const qint64 size = QFileInfo(file).size();
    QSqlQuery update(d->m_db);
    update.prepare(u"UPDATE checkpoints SET size_bytes = ? WHERE id = ?"_s);
    update.bindValue(0, size);
    update.bindValue(1, id);
    update.exec();
    info.id = id;
    info.createdAt = now;
    info.reason = reason;
    info.file = relative;
    info.countsJson = countsJson;
    info.sizeBytes = size;
    return info;
}

QList<CheckpointInfo> StateStore::checkpoints() const
{
    QList<CheckpointInfo> list;
    if (!d->m_open)
        return list;
    QSqlQuery query(d->m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, created_at, reason, file, counts_json, size_bytes"
                    u" FROM checkpoints ORDER BY created_at, rowid"_s))
        return list;
    while (query.next()) {
        CheckpointInfo info;
        info.id = query.value(0).toString();
        info.createdAt = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        info.reason = query.value(2).toString();
        info.file = query.value(3).toString();
        info.countsJson = query.value(4).toString();
        info.sizeBytes = query.value(5).toLongLong();
        list << info;
    }
    return list;
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

bool StateStore::removeCheckpoint(const QString &id, QString *error)
{
    for (const CheckpointInfo &info : checkpoints()) {
        if (info.id != id)
            continue;
        QFile::remove(QFileInfo(d->m_path).absoluteDir().filePath(info.file));
        QSqlQuery remove(d->m_db);
        remove.prepare(u"DELETE FROM checkpoints WHERE id = ?"_s);
        remove.bindValue(0, id);
        if (!remove.exec()) {
            if (error)
                *error = remove.lastError().text();
            return false;
        }
        return true;
    }
    if (error)
        *error = u"no checkpoint \"%1\""_s.arg(id);
    return false;
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
        const QString id = stamp + u'-' + QString::number(counter);
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
