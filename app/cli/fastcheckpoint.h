// `retake-cli checkpoint create|restore` without opening the engine (issue 15, point 5):
// with the workspace's lock held, the checkpoint is made from, or put back into, the task
// rows of state.sqlite directly, each in one transaction (docs/ARCHITECTURE.md, "State and
// workspace"). Used only where the engine would not change the rows first; otherwise the
// command opens the engine as before.
#pragma once

#include "domain/project.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace retake {

class FastCheckpoint final
{
public:
    FastCheckpoint() = delete;

    // Runs `action` ("create" with `reason`, or "restore" of rest.first()) on the workspace
    // the caller owns, printing what the engine path prints. nullopt when the engine must do
    // it: no state yet, a run that did not end (crashed or suspended: the engine reports or
    // continues it), stored tasks that are not the storyboard's tasks (shots added or
    // removed), an older Retake's file checkpoint, an unknown id (the engine says why), or
    // RETAKE_TEST_ENGINE_CHECKPOINTS set (tests compare both paths). `inputs`: the
    // fingerprint of the digest that is current; a restore keeps the digest when the
    // checkpoint's rows were current for the same inputs.
    static std::optional<int> run(const Project &project, const QString &workspace,
                                  const QString &action, const QStringList &rest,
                                  const QString &reason, const QByteArray &inputs);
};

} // namespace retake
