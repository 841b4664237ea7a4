// The redo log of finished tasks (docs/ARCHITECTURE.md, "State and workspace"): a task
// whose verified output has been filed into draft/ is appended here, one JSON line with its
// row and the attempts not yet in state.sqlite, before the engine commits it with the next
// group of writes (at most kGroupCommitMs later). A kill in between loses nothing: the next
// writer to open the workspace applies the lines that state.sqlite does not hold yet, so the
// output is kept and the task is not made (or paid for) again. Cleared after each commit.
// One writer at a time (the workspace's owner); an append is one write(2), which survives a
// kill of the process (not a power cut, like SQLite's synchronous=NORMAL).
#pragma once

#include "domain/storedrows.h"
#include "domain/task.h"

#include <QFile>
#include <QList>
#include <QString>

namespace retake {

struct RedoRecord {
    StoredTask row;
    QList<Attempt> attempts; // oldest first; the last one is the success
};

class RedoLog final
{
    Q_DISABLE_COPY_MOVE(RedoLog)
public:
    RedoLog() = default;
    ~RedoLog();

    // The log of the workspace whose state database is `databasePath` (state.redo beside it).
    static QString pathFor(const QString &databasePath);

    // Opens (creating) the log for appending; false when it cannot be written.
    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_file.isOpen(); }
    // One line per call, written at once; false when it could not be written whole (the
    // caller then commits at once instead).
    bool append(const RedoRecord &record);
    // Empties the log: everything in it has been committed.
    void clear();
    bool isEmpty() const { return m_bytes == 0; }

    // The records of the log at `path`, oldest first. A torn last line (a kill during the
    // write) and lines that are not records are skipped.
    static QList<RedoRecord> read(const QString &path);
    // Whether `record` holds what the stored row `stored` (nullptr: no row) does not: its
    // success is newer than the row.
    static bool isNewerThan(const RedoRecord &record, const StoredTask *stored);

private:
    QFile m_file;
    qint64 m_bytes = 0;
};

} // namespace retake
