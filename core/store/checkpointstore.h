// Checkpoints of a state database: a consistent copy of the file (SQLite VACUUM INTO)
// recorded in its checkpoints table. StateStore's façade calls these on its own
// connection after committing what it has queued.
#pragma once

#include "store/statestore.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace retake {

class CheckpointStore final
{
public:
    CheckpointStore() = delete;

    // Copies the database open on `db` (the file `databasePath`) to `directory`/<id>.sqlite
    // and records it. Returns the checkpoint, or an empty id with `error` set.
    static CheckpointInfo create(QSqlDatabase &db, const QString &databasePath,
                                 const QString &directory, const QString &reason,
                                 const QString &countsJson, QString *error);
    // Removes the file and the record of `checkpoint`, one of those recorded on `db`.
    static bool remove(QSqlDatabase &db, const QString &databasePath,
                       const CheckpointInfo &checkpoint, QString *error);
    // Cleans what a checkpoint interrupted by a kill leaves: deletes partial copies in
    // `directory` and drops the records whose file is missing. Returns the dropped records.
    static QList<CheckpointInfo> recover(QSqlDatabase &db, const QString &databasePath,
                                         const QString &directory);
};

} // namespace retake
