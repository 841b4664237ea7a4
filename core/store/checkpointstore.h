// Checkpoints of a state database (docs/ARCHITECTURE.md, "State and workspace"): from schema
// 6 on, a copy of the tasks table's rows in checkpoint_tasks, recorded in the checkpoints
// table; an older Retake's checkpoints are copies of the whole file (checkpoints.file).
// StateStore's façade calls these on its own connection, inside the transaction it opened,
// so that a checkpoint, a restore and its undo checkpoint each commit whole or not at all.
#pragma once

#include "store/statestore.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

class QSqlError;

namespace retake {

class CheckpointStore final
{
public:
    CheckpointStore() = delete;

    // In a transaction: records a checkpoint of the task rows of `db` (the file
    // `databasePath`) with its "checkpoint" event. Returns it, or an empty id with `error`.
    static CheckpointInfo snapshot(QSqlDatabase &db, const QString &databasePath,
                                   const QString &reason, const QString &countsJson,
                                   QSqlError *error);
    // In a transaction: the task rows (and meta) become those of row checkpoint `id`.
    static bool putBack(QSqlDatabase &db, const QString &id, QSqlError *error);
    // In a transaction: removes every task row (before an older checkpoint's rows go in).
    static bool clearTasks(QSqlDatabase &db, QSqlError *error);
    // In a transaction: the "restore" event of checkpoint `id`.
    static bool recordRestore(QSqlDatabase &db, const QString &id, QSqlError *error);
    // The meta value `key` of the task rows now, or of checkpoint `id`'s rows; empty if none.
    static QString meta(const QSqlDatabase &db, const QString &key);
    static QString checkpointMeta(const QSqlDatabase &db, const QString &id, const QString &key);
    // In a transaction: sets the meta value `key` of the task rows (empty: removes it).
    static bool setMeta(QSqlDatabase &db, const QString &key, const QString &value,
                        QSqlError *error);
    // How many task rows checkpoint `id` holds (0 for an older Retake's file checkpoint).
    static qint64 rowCount(const QSqlDatabase &db, const QString &id);
    // The output paths (relative to the workspace) that row checkpoints point to.
    static QSet<QString> outputPaths(const QSqlDatabase &db);
    // Removes the record of `checkpoint` with its rows, or its file (only inside the
    // workspace's checkpoints/ folder), one of those recorded on `db`.
    static bool remove(QSqlDatabase &db, const QString &databasePath,
                       const CheckpointInfo &checkpoint, QString *error);
    // Cleans what an older Retake's checkpoint interrupted by a kill left: deletes partial
    // copies in `directory` and drops the file checkpoints whose file is missing. Returns
    // the dropped records.
    static QList<CheckpointInfo> recover(QSqlDatabase &db, const QString &databasePath,
                                         const QString &directory);
    // Test hook (RETAKE_TEST_CHECKPOINT_DELAY_MS): holds a checkpoint or a restore just
    // before it commits and says so on stderr, so that a test can kill the process there.
    static void pauseForTests(const char *what);
};

} // namespace retake
