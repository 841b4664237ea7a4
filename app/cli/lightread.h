// retake-cli's cheap reads (issue 15, point 4): `status`, `status --json`, `estimate` and
// `checkpoint list` answered from the workspace's rows without loading the storyboard or
// opening the engine, when the workspace's StateDigest is of the storyboard and profiles on
// disk now (engine/statedigest.h). Otherwise they take the engine's way; the output is the
// same either way. RETAKE_FULL_READ=1 forces the engine's way (for the tests that compare);
// QT_LOGGING_RULES="retake.cli.read.debug=true" says which way was taken.
#pragma once

#include "clirunner.h"
#include "domain/project.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace retake::cli {

class LightRead final
{
public:
    // The storyboard's bytes as read now; empty when it cannot be read.
    static QByteArray storyboardBytes(const QString &file);
    // The fingerprint of the inputs a project is loaded from: the storyboard's path and
    // bytes, the profiles of providers.json and the user's settings, and this version.
    static QByteArray fingerprint(const QString &file, const QByteArray &bytes,
                                  const QList<ProviderProfile> &externalProfiles);
    // Whether `command` (with `action`) can be answered from the rows at all.
    static bool canAnswer(const QString &command, const QString &action);
    // Answers it from the rows of `workspace` when they are current for `fingerprint`;
    // nothing when the engine's way must answer.
    static std::optional<int> answer(const QString &command, const QString &action,
                                     const QString &workspace, const QByteArray &fingerprint,
                                     OutputMode mode);
    // `checkpoint list` (--json: one JSON object a line).
    static void printCheckpoints(const QList<CheckpointInfo> &checkpoints, bool json);
};

} // namespace retake::cli
