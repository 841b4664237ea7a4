// The one owner of a workspace (docs/ARCHITECTURE.md, "Ownership and watching"): a process
// that writes a workspace holds <workspace>/owner.lock (QLockFile) and describes itself in
// <workspace>/owner.json while it holds it. Released by the destructor.
#pragma once

#include "ownerinfo.h"

#include <QLockFile>
#include <QString>

#include <optional>

namespace retake {

class WorkspaceLock final
{
public:
    enum class Outcome {
        Acquired, // this process owns the workspace now
        Owned,    // another live process (or one on another host) owns it; see owner()
        Failed,   // the lock file cannot be created; see the message
    };

    explicit WorkspaceLock(const QString &workspaceDir);
    ~WorkspaceLock();
    WorkspaceLock(const WorkspaceLock &) = delete;
    WorkspaceLock &operator=(const WorkspaceLock &) = delete;

    // Takes the workspace for `me`. A lock left by a process that is gone (same host) is
    // taken over silently (`message` says whose it was). With `takeOver`, a lock from another
    // host is broken too and `message` says what was broken; a live owner on this host is
    // never broken (stop it first). On Failed, `message` names the file and the next step.
    Outcome acquire(const OwnerInfo &me, bool takeOver, QString *message);
    // Removes owner.json, then the lock. Nothing when the lock is not held.
    void release();
    bool isHeld() const;
    // After Acquired: `me`; after Owned: the owner (owner.json, else what the lock says).
    OwnerInfo owner() const;

    // The owner of `workspaceDir` if it is alive (this host) or on another host; nothing when
    // the workspace is free or its lock is stale. Writes nothing, so read-only commands may
    // use it. In the owning process itself it returns that process.
    static std::optional<OwnerInfo> liveOwner(const QString &workspaceDir);

    // What <workspace>/owner.json says, alive or not (a dead owner's record stays until the
    // next owner takes the workspace); nothing when there is none.
    static std::optional<OwnerInfo> recordedOwner(const QString &workspaceDir);

    static QString lockPath(const QString &workspaceDir);
    static QString ownerPath(const QString &workspaceDir);

private:
    QString m_workspaceDir;
    QLockFile m_lock;
    OwnerInfo m_owner;
};

} // namespace retake
