// The schema of state.sqlite: its tables, the migrations from one version to the next, and
// the checks and settings of a connection before anything is written (version probe, WAL).
#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

class QSqlError;

namespace retake {

class StateSchema final
{
public:
    StateSchema() = delete;

    // SQLite primary result codes reported by QSqlError::nativeErrorCode().
    static constexpr int kSqliteFull = 13;
    static constexpr int kSqliteNotADatabase = 26;

    // ISO-8601 UTC with milliseconds ("2026-11-25T14:30:00.000Z"); NULL for an invalid time.
    static QVariant timeToSql(const QDateTime &time);
    // The SQLite result code of `error`, or -1.
    static int nativeCode(const QSqlError &error);
    static QString newerSchemaMessage(int version);
    static QString notADatabaseMessage(const QString &path, const QString &detail);

    // Reads PRAGMA user_version of `path` through a read-only connection, so that a file
    // this version must refuse is never written to (no WAL switch, no checkpoint). Sets
    // `error` only when the file is not a database.
    static std::optional<int> probeVersion(const QString &path, QString *error);
    // Sets up the open read-write connection `db` to the file at `path` (busy timeout, WAL,
    // synchronous, foreign keys) and brings its schema to StateStore::kSchemaVersion.
    static bool configure(QSqlDatabase &db, const QString &path, QString *error);

private:
    static bool migrate(QSqlDatabase &db, const QString &path, int fromVersion, QString *error);
};

} // namespace retake
