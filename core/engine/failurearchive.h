// Where a failed attempt leaves its traces: its files and an error.json go to
// _failed/<task>/attempt-N/, and one block goes to logs/error.log (prompts and raw
// provider detail only with debug logging on). The engine's thread decides what goes where
// and parks the attempt's staging folder with one rename; moving the files and writing
// error.json and error.log happen on a thread of the archive's own, one failure after the
// other in the order they came (docs/ARCHITECTURE.md, "Threads").
#pragma once

#include "engine/taskrecord.h"
#include "store/workspace.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>

namespace retake {

class FailureArchive final
{
public:
    using Logger = std::function<void(const QString &line)>;
    // `log` is called on `context`'s thread.
    FailureArchive(const Workspace &workspace, Logger log, QObject *context);
    ~FailureArchive();
    Q_DISABLE_COPY_MOVE(FailureArchive)

    // Takes the attempt's files out of `fromDir` (which is gone afterwards) and has them moved
    // with an error.json; returns the folder relative to the workspace, with a trailing '/'.
    QString archive(const TaskRecord &t, const QString &fromDir);
    // One block in logs/error.log for the attempt that just failed.
    void logFailure(const TaskRecord &t, const GenerationResult &result, int maxAttempts,
                    bool willRetry, bool debugLogging);
    // Blocks until every failure handed over is on disk (the end of a batch, a report).
    void waitForDone();

private:
    // Runs `work` on the archive's thread; what it returns, when not empty, is logged.
    void queue(std::function<QString()> work);

    const Workspace &m_workspace;
    Logger m_log;
    QPointer<QObject> m_context;
    QThreadPool m_thread; // one thread: failures reach the disk in the order they came
    int m_parked = 0;     // staging folders parked for the archive's thread in this run
};

} // namespace retake
