// retake-cli and the control channel (docs/ARCHITECTURE.md, "Ownership and watching"): the
// owner's side of `run` and `retry-failed` (serve the channel while the batch runs, announce
// how it ended), and the commands that follow or steer a run owned by another process:
// watch, pause, resume, cancel and retry.
#pragma once

#include "clirunner.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace retake::cli::remote {

// Serves the control channel of `engine` while `run` runs its batch, then tells watchers
// how it ended. A cancel from another process ends the run like Ctrl-C (exit 130).
int serveRun(Engine &engine, CliRunner &runner, const QString &workspace, const QString &command,
             const std::function<int()> &run);

// watch FILE [--json] [--quiet]: follows the owner's run and ends with its exit code.
int watch(const QString &storyboard, const QString &workspace, OutputMode mode, bool quiet = false);

// pause|resume|cancel FILE, retry FILE TASK...: asks the owner to do it. Also
// "retry-failed" (optionally on `provider`), for retry-failed on a workspace another
// process owns.
int steer(const QString &command, const QString &storyboard, const QString &workspace,
          const QStringList &taskIds, const QString &provider = {});

} // namespace retake::cli::remote
