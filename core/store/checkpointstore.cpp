#include "checkpointstore.h"

#include "store/stateschema.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace retake {

CheckpointInfo CheckpointStore::create(QSqlDatabase &db, const QString &databasePath,
                                       const QString &directory, const QString &reason,
                                       const QString &countsJson, QString *error)
{
    CheckpointInfo info;
    QString localError;
    QString &message = error ? *error : localError;
    if (!QDir().mkpath(directory)) {
        message = u"%1: cannot create the checkpoint folder"_s.arg(directory);
        return info;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 counter = 1;
    {
        QSqlQuery count(db);
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
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO checkpoints (id, created_at, reason, file, counts_json,"
                   u" size_bytes) VALUES (?, ?, ?, ?, ?, 0)"_s);
    insert.bindValue(0, id);
    insert.bindValue(1, StateSchema::timeToSql(now));
    insert.bindValue(2, reason);
    const QString relative = QDir(QFileInfo(databasePath).absolutePath()).relativeFilePath(file);
    insert.bindValue(3, relative);
    insert.bindValue(4, countsJson);
    if (!insert.exec()) {
        message = u"Could not record checkpoint: %1"_s.arg(insert.lastError().text());
        return info;
    }
    const QString temp = file + u".part"_s;
    QFile::remove(temp);
    QSqlQuery vacuum(db);
    QString quoted = temp;
    quoted.replace(u'\'', u"''"_s);
    if (!vacuum.exec(u"VACUUM INTO '%1'"_s.arg(quoted)) || !QFile::rename(temp, file)) {
        message = u"Could not write checkpoint %1: %2"_s.arg(file, vacuum.lastError().text());
        QFile::remove(temp);
        QSqlQuery undo(db);
        undo.prepare(u"DELETE FROM checkpoints WHERE id = ?"_s);
        undo.bindValue(0, id);
        undo.exec();
        return info;
    }
    const qint64 size = QFileInfo(file).size();
    QSqlQuery update(db);
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

bool CheckpointStore::remove(QSqlDatabase &db, const QString &databasePath,
                             const CheckpointInfo &checkpoint, QString *error)
{
    // The file named by the row is deleted only inside the workspace's checkpoints/ folder.
    const QString file = Workspace(QFileInfo(databasePath).absolutePath())
                             .confined(checkpoint.file, u"checkpoints"_s);
    if (!file.isEmpty())
        QFile::remove(file);
    QSqlQuery remove(db);
    remove.prepare(u"DELETE FROM checkpoints WHERE id = ?"_s);
    remove.bindValue(0, checkpoint.id);
    if (!remove.exec()) {
        if (error)
            *error = remove.lastError().text();
        return false;
    }
    return true;
}

} // namespace retake
