#include "checkpointstore.h"

#include "store/staterows.h"
#include "store/stateschema.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcCheckpoints, "retake.store")

// The columns of a task row, as tasks and checkpoint_tasks both hold them.
constexpr auto kTaskColumns =
    u"id, state, quality, rung, provider_id, attempt_count, last_error, last_message,"
    u" last_http_status, output_path, params_hash, manual_retries, updated_at, rung_index,"
    u" retries_used, rung_failures, provider_override, remote_job";

bool run(QSqlQuery &query, QSqlError *error)
{
    if (query.exec())
        return true;
    *error = query.lastError();
    return false;
}

bool run(QSqlDatabase &db, const QString &statement, const QVariantList &values, QSqlError *error)
{
    QSqlQuery query(db);
    if (!query.prepare(statement)) {
        *error = query.lastError();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    return run(query, error);
}

bool recordEvent(QSqlDatabase &db, EventKind kind, const QString &detail, QSqlError *error)
{
    return run(db, u"INSERT INTO events (time, task_id, kind, detail) VALUES (?, ?, ?, ?)"_s,
               {StateSchema::timeToSql(QDateTime::currentDateTimeUtc()),
                QVariant(QMetaType::fromType<QString>()), nameOf(kind), detail},
               error);
}

// The meta rows (values that describe the task rows as a whole) as a JSON object.
QString metaJson(QSqlDatabase &db)
{
    QJsonObject meta;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (query.exec(u"SELECT key, value FROM meta"_s)) {
        while (query.next())
            meta.insert(query.value(0).toString(), query.value(1).toString());
    }
    return QString::fromUtf8(QJsonDocument(meta).toJson(QJsonDocument::Compact));
}

// An id no checkpoint has, and no older Retake's file or partial copy uses.
QString freshId(QSqlDatabase &db, const QString &databasePath, const QDateTime &now)
{
    qint64 counter = 1;
    QSqlQuery count(db);
    if (count.exec(u"SELECT COUNT(*) FROM checkpoints"_s) && count.next())
        counter = count.value(0).toLongLong() + 1;
    count.finish();
    const QDir folder(QFileInfo(databasePath).absoluteDir().filePath(u"checkpoints"_s));
    QSqlQuery taken(db);
    taken.prepare(u"SELECT 1 FROM checkpoints WHERE id = ?"_s);
    for (;; ++counter) {
        QString id = u"cp-%1-%2"_s.arg(now.toString(u"yyyyMMdd-HHmmss"_s)).arg(counter);
        taken.bindValue(0, id);
        const bool recorded = taken.exec() && taken.next();
        taken.finish();
        const QString file = folder.filePath(id + u".sqlite"_s);
        if (!recorded && !QFile::exists(file) && !QFile::exists(file + u".part"_s))
            return id;
    }
}

} // namespace

CheckpointInfo CheckpointStore::snapshot(QSqlDatabase &db, const QString &databasePath,
                                         const QString &reason, const QString &countsJson,
                                         QSqlError *error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    CheckpointInfo info;
    info.id = freshId(db, databasePath, now);
    info.createdAt = now;
    info.reason = reason;
    info.countsJson = countsJson;
    // The record first: its rows refer to it (and go with it when it is removed).
    if (!run(db,
             u"INSERT INTO checkpoints (id, created_at, reason, file, counts_json, size_bytes,"
             u" meta_json) VALUES (?, ?, ?, '', ?, 0, ?)"_s,
             {info.id, StateSchema::timeToSql(now), reason, countsJson, metaJson(db)}, error) ||
        !run(db,
             u"INSERT INTO checkpoint_tasks (checkpoint_id, seq, %1) SELECT ?, rowid, %1"
             u" FROM tasks ORDER BY rowid"_s.arg(QString::fromUtf16(kTaskColumns)),
             {info.id}, error)) {
        return {};
    }
    // What the rows take, roughly (their text and numbers), for the list.
    QSqlQuery size(db);
    size.prepare(u"SELECT COALESCE(SUM(LENGTH(id) + LENGTH(state) + LENGTH(quality) + LENGTH(rung)"
                 u" + IFNULL(LENGTH(provider_id), 0) + IFNULL(LENGTH(last_message), 0)"
                 u" + IFNULL(LENGTH(output_path), 0) + IFNULL(LENGTH(params_hash), 0)"
                 u" + IFNULL(LENGTH(provider_override), 0) + IFNULL(LENGTH(remote_job), 0)"
                 u" + 64), 0) FROM checkpoint_tasks WHERE checkpoint_id = ?"_s);
    size.addBindValue(info.id);
    if (!run(size, error) || !size.next())
        return {};
    info.sizeBytes = size.value(0).toLongLong();
    size.finish();
    if (!run(db, u"UPDATE checkpoints SET size_bytes = ? WHERE id = ?"_s, {info.sizeBytes, info.id},
             error) ||
        !recordEvent(db, EventKind::Checkpoint, info.id + u": "_s + reason, error)) {
        return {};
    }
    return info;
}

bool CheckpointStore::putBack(QSqlDatabase &db, const QString &id, QSqlError *error)
{
    const QString columns = QString::fromUtf16(kTaskColumns);
    if (!clearTasks(db, error) ||
        !run(db,
             u"INSERT INTO tasks (%1) SELECT %1 FROM checkpoint_tasks WHERE checkpoint_id = ?"
             u" ORDER BY seq"_s.arg(columns),
             {id}, error)) {
        return false;
    }
    QString meta;
    {
        QSqlQuery query(db);
        query.prepare(u"SELECT meta_json FROM checkpoints WHERE id = ?"_s);
        query.addBindValue(id);
        if (!run(query, error))
            return false;
        if (query.next())
            meta = query.value(0).toString();
    }
    if (!run(db, u"DELETE FROM meta"_s, {}, error))
        return false;
    const QJsonObject values = QJsonDocument::fromJson(meta.toUtf8()).object();
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (!run(db, u"INSERT INTO meta (key, value) VALUES (?, ?)"_s,
                 {it.key(), it.value().toString()}, error))
            return false;
    }
    return true;
}

QString CheckpointStore::meta(const QSqlDatabase &db, const QString &key)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

QString CheckpointStore::checkpointMeta(const QSqlDatabase &db, const QString &id,
                                        const QString &key)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT meta_json FROM checkpoints WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return {};
    return QJsonDocument::fromJson(query.value(0).toString().toUtf8())
        .object()
        .value(key)
        .toString();
}

bool CheckpointStore::setMeta(QSqlDatabase &db, const QString &key, const QString &value,
                              QSqlError *error)
{
    if (value.isEmpty())
        return run(db, u"DELETE FROM meta WHERE key = ?"_s, {key}, error);
    return run(db, u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s, {key, value},
               error);
}

bool CheckpointStore::clearTasks(QSqlDatabase &db, QSqlError *error)
{
    // An older checkpoint's rows are not described by the current meta either.
    return run(db, u"DELETE FROM tasks"_s, {}, error) && run(db, u"DELETE FROM meta"_s, {}, error);
}

bool CheckpointStore::recordRestore(QSqlDatabase &db, const QString &id, QSqlError *error)
{
    return recordEvent(db, EventKind::Restore, id, error);
}

qint64 CheckpointStore::rowCount(const QSqlDatabase &db, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT COUNT(*) FROM checkpoint_tasks WHERE checkpoint_id = ?"_s);
    query.addBindValue(id);
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return 0;
}

QSet<QString> CheckpointStore::outputPaths(const QSqlDatabase &db)
{
    QSet<QString> paths;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (query.exec(u"SELECT DISTINCT output_path FROM checkpoint_tasks"
                   u" WHERE output_path IS NOT NULL AND output_path <> ''"_s)) {
        while (query.next())
            paths.insert(query.value(0).toString());
    }
    return paths;
}

bool CheckpointStore::remove(QSqlDatabase &db, const QString &databasePath,
                             const CheckpointInfo &checkpoint, QString *error)
{
    if (!checkpoint.file.isEmpty()) {
        // The file named by the row is deleted only inside the workspace's checkpoints/ folder.
        const QString file = Workspace(QFileInfo(databasePath).absolutePath())
                                 .confined(checkpoint.file, u"checkpoints"_s);
        if (!file.isEmpty())
            QFile::remove(file);
    }
    // The rows go with the record (one transaction: never rows without their record).
    QSqlError sqlError;
    const bool removed =
        run(db, u"BEGIN IMMEDIATE"_s, {}, &sqlError) &&
        run(db, u"DELETE FROM checkpoint_tasks WHERE checkpoint_id = ?"_s, {checkpoint.id},
            &sqlError) &&
        run(db, u"DELETE FROM checkpoints WHERE id = ?"_s, {checkpoint.id}, &sqlError) &&
        run(db, u"COMMIT"_s, {}, &sqlError);
    if (!removed) {
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        if (error)
            *error = sqlError.text();
    }
    return removed;
}

QList<CheckpointInfo> CheckpointStore::recover(QSqlDatabase &db, const QString &databasePath,
                                               const QString &directory)
{
    // Partial copies: an older Retake's checkpoint killed before it was complete and recorded.
    const QDir folder(directory);
    const QStringList partial =
        folder.entryList({u"cp-*.sqlite.part*"_s}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : partial) {
        if (QFile::remove(folder.filePath(name)))
            qCInfo(lcCheckpoints, "Removed %s, left by a checkpoint that was interrupted",
                   qUtf8Printable(QDir::toNativeSeparators(folder.filePath(name))));
    }
    // File checkpoints whose file is gone (written by an older Retake that recorded the row
    // first, or deleted by hand): nothing can be restored from them, so they are dropped.
    QList<CheckpointInfo> dropped;
    const QDir root = QFileInfo(databasePath).absoluteDir();
    for (const CheckpointInfo &info : StateRows(db).checkpoints()) {
        const QString file = root.filePath(info.file);
        if (info.file.isEmpty() || QFileInfo::exists(file))
            continue;
        QSqlQuery remove(db);
        remove.prepare(u"DELETE FROM checkpoints WHERE id = ?"_s);
        remove.bindValue(0, info.id);
        if (!remove.exec()) {
            qCWarning(lcCheckpoints, "Checkpoint %s has no file (%s) and could not be dropped: %s",
                      qUtf8Printable(info.id), qUtf8Printable(QDir::toNativeSeparators(file)),
                      qUtf8Printable(remove.lastError().text()));
            continue;
        }
        qCWarning(lcCheckpoints,
                  "Checkpoint %s was dropped: its file %s is missing (it was interrupted while it"
                  " was written, or deleted); the other checkpoints are unaffected",
                  qUtf8Printable(info.id), qUtf8Printable(QDir::toNativeSeparators(file)));
        dropped << info;
    }
    return dropped;
}

void CheckpointStore::pauseForTests(const char *what)
{
    const int delayMs = qEnvironmentVariableIntValue("RETAKE_TEST_CHECKPOINT_DELAY_MS");
    if (delayMs <= 0)
        return;
    std::fprintf(stderr, "retake: test hook: %s held before commit\n", what);
    std::fflush(stderr);
    QThread::msleep(ulong(delayMs));
}

} // namespace retake
