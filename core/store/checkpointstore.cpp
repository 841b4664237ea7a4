#include "checkpointstore.h"

#include "store/staterows.h"
#include "store/stateschema.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcCheckpoints, "retake.store")

// A checkpoint file being written; renamed to <id>.sqlite once complete.
QString partName(const QString &file)
{
    return file + u".part"_s;
}

// The partial copy and whatever SQLite kept beside it while writing it.
void removePartial(const QString &temp)
{
    for (const QString &suffix : {QString(), u"-journal"_s, u"-wal"_s, u"-shm"_s})
        QFile::remove(temp + suffix);
}

// Test hook: holds a checkpoint between writing its copy and recording it, so that a test
// can kill the process there.
void pauseForTests()
{
    const int delayMs = qEnvironmentVariableIntValue("RETAKE_TEST_CHECKPOINT_DELAY_MS");
    if (delayMs > 0)
        QThread::msleep(ulong(delayMs));
}

} // namespace

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
        if (!QFile::exists(file) && !QFile::exists(partName(file)))
            break;
    }
    // The file first (under a temporary name, renamed once complete), then its row: a kill
    // at any moment leaves at most a partial file without a row, which recover() deletes,
    // never a row without its file (docs/ARCHITECTURE.md, "State and workspace").
    const QString temp = partName(file);
    removePartial(temp);
    QSqlQuery vacuum(db);
    QString quoted = temp;
    quoted.replace(u'\'', u"''"_s);
    if (!vacuum.exec(u"VACUUM INTO '%1'"_s.arg(quoted))) {
        message = u"Could not write checkpoint %1: %2"_s.arg(file, vacuum.lastError().text());
        removePartial(temp);
        return info;
    }
    pauseForTests();
    if (!QFile::rename(temp, file)) {
        message = u"Could not write checkpoint %1: the copy could not be renamed from %2"_s.arg(
            file, temp);
        removePartial(temp);
        return info;
    }
    const qint64 size = QFileInfo(file).size();
    const QString relative = QDir(QFileInfo(databasePath).absolutePath()).relativeFilePath(file);
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO checkpoints (id, created_at, reason, file, counts_json,"
                   u" size_bytes) VALUES (?, ?, ?, ?, ?, ?)"_s);
    insert.bindValue(0, id);
    insert.bindValue(1, StateSchema::timeToSql(now));
    insert.bindValue(2, reason);
    insert.bindValue(3, relative);
    insert.bindValue(4, countsJson);
    insert.bindValue(5, size);
    if (!insert.exec()) {
        message = u"Could not record checkpoint: %1"_s.arg(insert.lastError().text());
        QFile::remove(file);
        return info;
    }
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

QList<CheckpointInfo> CheckpointStore::recover(QSqlDatabase &db, const QString &databasePath,
                                               const QString &directory)
{
    // Partial copies: a checkpoint killed before its copy was complete and recorded.
    const QDir folder(directory);
    const QStringList partial =
        folder.entryList({u"cp-*.sqlite.part*"_s}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : partial) {
        if (QFile::remove(folder.filePath(name)))
            qCInfo(lcCheckpoints, "Removed %s, left by a checkpoint that was interrupted",
                   qUtf8Printable(QDir::toNativeSeparators(folder.filePath(name))));
    }
    // Rows whose file is gone (written by an older Retake that recorded the row first, or
    // deleted by hand): nothing can be restored from them, so they are dropped.
    QList<CheckpointInfo> dropped;
    const QDir root = QFileInfo(databasePath).absoluteDir();
    for (const CheckpointInfo &info : StateRows(db).checkpoints()) {
        const QString file = root.filePath(info.file);
        if (QFileInfo::exists(file))
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

} // namespace retake
