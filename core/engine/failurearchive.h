// Where a failed attempt leaves its traces: its files and an error.json go to
// _failed/<task>/attempt-N/, and one block goes to logs/error.log (prompts and raw
// provider detail only with debug logging on).
#pragma once

#include "engine/taskrecord.h"
#include "store/workspace.h"

#include <functional>

namespace retake {

class FailureArchive final
{
public:
    using Logger = std::function<void(const QString &line)>;
    FailureArchive(const Workspace &workspace, Logger log) : m_workspace(workspace), m_log(log) {}

    // Moves the attempt's files out of `fromDir` and writes error.json; returns the folder
    // relative to the workspace, with a trailing '/'.
    QString archive(const TaskRecord &t, const QString &fromDir) const;
    // One block in logs/error.log for the attempt that just failed.
    void logFailure(const TaskRecord &t, const GenerationResult &result, int maxAttempts,
                    bool willRetry, bool debugLogging) const;

private:
    const Workspace &m_workspace;
    Logger m_log;
};

} // namespace retake
