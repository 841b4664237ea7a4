// Who owns a workspace: the one process that may write it (docs/ARCHITECTURE.md,
// "Ownership and watching"). Recorded in <workspace>/owner.json beside the lock file while
// the owner lives; read by every other process that opens the workspace.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace retake {

struct OwnerInfo {
    QString program; // "retake-cli" or "retake" (the window)
    qint64 pid = 0;
    QString host;
    QString user;
    QDateTime startedAt; // UTC
    QString socketPath;  // the owner's control socket (QLocalServer full path)
    QString command;     // what it is doing: "run", "retry-failed", "window", ...

    bool isValid() const { return pid > 0; }
    // Same host as this process (only then can liveness be checked).
    bool isThisHost() const;
    // "retake-cli (pid 4242) on studio-1 by ana, since 14:02:11"
    QString describe() const;

    QJsonObject toJson() const;
    static OwnerInfo fromJson(const QJsonObject &object);

    // This process, owning `workspaceDir` for `command`.
    static OwnerInfo forThisProcess(const QString &workspaceDir, const QString &command);
    // The control socket of `workspaceDir`: $XDG_RUNTIME_DIR/retake-<hash>.sock (a private
    // temp folder when XDG_RUNTIME_DIR is unset), short enough for the 108-byte limit.
    static QString socketPathFor(const QString &workspaceDir);
};

} // namespace retake
