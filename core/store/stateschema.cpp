#include "stateschema.h"

#include "store/statestore.h"

#include <QDir>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>
#include <iterator>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcSchema, "retake.store")

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

// Schema 4: the remote job of the attempt in flight (a resumed run re-attaches to it) and
// the remote job each attempt ran as.
constexpr const char16_t *kMigrate3To4[] = {
    u"ALTER TABLE tasks ADD COLUMN remote_job TEXT",
    u"ALTER TABLE attempts ADD COLUMN remote_job_id TEXT",
};

// Schema 5: what a provider delivered (its size, frame rate and length, as verified) and
// where its own file was kept when the output was conformed to the shot.
constexpr const char16_t *kMigrate4To5[] = {
    u"ALTER TABLE attempts ADD COLUMN media_width INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE attempts ADD COLUMN media_height INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE attempts ADD COLUMN media_fps REAL NOT NULL DEFAULT 0",
    u"ALTER TABLE attempts ADD COLUMN media_duration REAL NOT NULL DEFAULT 0",
    u"ALTER TABLE attempts ADD COLUMN original_path TEXT",
};

// Schema 6: checkpoints as rows of this file (docs/ARCHITECTURE.md, "State and workspace"):
// a checkpoint copies the tasks table into checkpoint_tasks in one transaction, in the
// order of its rows (seq is the task row's rowid); an older Retake's checkpoints stay
// copies of the file, named by checkpoints.file. meta holds values that describe the
// tasks table as a whole; a checkpoint keeps a copy of them (meta_json) and a restore
// puts them back with the rows.
constexpr const char16_t *kMigrate5To6[] = {
    u"CREATE TABLE checkpoint_tasks ("
    u" checkpoint_id TEXT NOT NULL REFERENCES checkpoints (id) ON DELETE CASCADE,"
    u" seq INTEGER NOT NULL,"
    u" id TEXT NOT NULL,"
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
    u" updated_at TEXT NOT NULL,"
    u" rung_index INTEGER NOT NULL DEFAULT 0,"
    u" retries_used INTEGER NOT NULL DEFAULT 0,"
    u" rung_failures INTEGER NOT NULL DEFAULT 0,"
    u" provider_override TEXT,"
    u" remote_job TEXT,"
    u" PRIMARY KEY (checkpoint_id, seq))",
    u"ALTER TABLE checkpoints ADD COLUMN meta_json TEXT",
    u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT)",
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
    {3, std::begin(kMigrate3To4), std::end(kMigrate3To4)},
    {4, std::begin(kMigrate4To5), std::end(kMigrate4To5)},
    {5, std::begin(kMigrate5To6), std::end(kMigrate5To6)},
};

QString nextProbeName()
{
    static std::atomic<quint64> counter{0};
    return u"retake-state-probe-"_s + QString::number(++counter);
}

bool exec(QSqlDatabase &db, const QString &statement, QSqlError *sqlError = nullptr)
{
    QSqlQuery query(db);
    if (query.exec(statement))
        return true;
    if (sqlError)
        *sqlError = query.lastError();
    return false;
}

} // namespace

QVariant StateSchema::timeToSql(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return time.toUTC().toString(Qt::ISODateWithMs);
}

int StateSchema::nativeCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code : -1;
}

QString StateSchema::newerSchemaMessage(int version)
{
    return u"state.sqlite was written by a newer Retake (schema %1, this version reads up to %2);"
           u" open it with that version or remove the .retake folder's state to start over"_s
               .arg(version)
               .arg(StateStore::kSchemaVersion);
}

QString StateSchema::notADatabaseMessage(const QString &path, const QString &detail)
{
    return u"%1 is not a Retake state database (%2); move the file away or remove the"
           u" .retake folder's state to start over"_s.arg(QDir::toNativeSeparators(path), detail);
}

std::optional<int> StateSchema::probeVersion(const QString &path, QString *error)
{
    const QString probeName = nextProbeName();
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
                *error = notADatabaseMessage(path, query.lastError().databaseText());
            }
            // Any other failure (e.g. a hot journal a read-only connection cannot roll
            // back) is left to the read-write connection, which checks again before writing.
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(probeName);
    return version;
}

bool StateSchema::configure(QSqlDatabase &db, const QString &path, QString *error)
{
    QSqlError sqlError;
    // Read-only checks first: nothing is written to a file we are about to refuse.
    if (!exec(db, u"PRAGMA busy_timeout = 5000"_s, &sqlError)) {
        *error = u"Could not open the state database %1: %2"_s.arg(QDir::toNativeSeparators(path),
                                                                   sqlError.text());
        return false;
    }
    int version = 0;
    {
        QSqlQuery query(db);
        if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
            const QSqlError queryError = query.lastError();
            *error = nativeCode(queryError) == kSqliteNotADatabase
                         ? notADatabaseMessage(path, queryError.databaseText())
                         : u"Could not read the state database %1: %2"_s.arg(
                               QDir::toNativeSeparators(path), queryError.text());
            return false;
        }
        version = query.value(0).toInt();
    }
    if (version > StateStore::kSchemaVersion) {
        *error = newerSchemaMessage(version);
        return false;
    }

    {
        QSqlQuery query(db);
        if (!query.exec(u"PRAGMA journal_mode = WAL"_s) || !query.next()) {
            *error = u"Could not open the state database %1: %2"_s.arg(
                QDir::toNativeSeparators(path), query.lastError().text());
            return false;
        }
        const QString mode = query.value(0).toString();
        if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
            // Happens on file systems without shared-memory support; SQLite still keeps the
            // file consistent with its rollback journal, only readers block writers.
            qCWarning(lcSchema, "%s: write-ahead logging unavailable, journal mode is %s",
                      qUtf8Printable(path), qUtf8Printable(mode));
        }
    }
    if (!exec(db, u"PRAGMA synchronous = NORMAL"_s, &sqlError) ||
        !exec(db, u"PRAGMA foreign_keys = ON"_s, &sqlError)) {
        *error = u"Could not open the state database %1: %2"_s.arg(QDir::toNativeSeparators(path),
                                                                   sqlError.text());
        return false;
    }
    return version == StateStore::kSchemaVersion || migrate(db, path, version, error);
}

bool StateSchema::migrate(QSqlDatabase &db, const QString &path, int fromVersion, QString *error)
{
    QSqlError sqlError;
    const auto fail = [&](const QString &what) {
        exec(db, u"ROLLBACK"_s);
        *error = u"Could not %1 the state database %2: %3"_s.arg(
            what, QDir::toNativeSeparators(path), sqlError.text());
        return false;
    };
    if (!exec(db, u"BEGIN IMMEDIATE"_s, &sqlError))
        return fail(u"update"_s);

    // Another process may have migrated the file between our check and the write lock.
    int version = fromVersion;
    {
        QSqlQuery query(db);
        if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
            sqlError = query.lastError();
            query.finish();
            return fail(u"read"_s);
        }
        version = query.value(0).toInt();
    }
    if (version > StateStore::kSchemaVersion) {
        exec(db, u"ROLLBACK"_s);
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
            if (!exec(db, QString::fromUtf16(*statement), &sqlError))
                return fail(u"update"_s);
        }
    }
    // user_version lives in the database header and is part of this transaction.
    if (!exec(db, u"PRAGMA user_version = %1"_s.arg(StateStore::kSchemaVersion), &sqlError) ||
        !exec(db, u"COMMIT"_s, &sqlError)) {
        return fail(u"update"_s);
    }
    return true;
}

} // namespace retake
