#include "workspacelock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSysInfo>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// A lock file that cannot be read yet is being written by its owner (QLockFile creates it,
// then writes it); one this old was left half-written by a process that died.
constexpr qint64 kUnreadableLockStaleSecs = 10;
constexpr int kRounds = 6;
constexpr unsigned long kRoundPauseMs = 50;

// What QLockFile writes: pid, the name of the executable, host name, machine id, boot id.
struct LockFileInfo {
    qint64 pid = 0;
    QString appName;
    QString hostName;
    QByteArray hostId;
    QByteArray bootId;
};

std::optional<LockFileInfo> readLockFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return std::nullopt;
    const QList<QByteArray> lines = file.readAll().split('\n');
    LockFileInfo info;
    bool ok = false;
    info.pid = lines.value(0).trimmed().toLongLong(&ok);
    if (!ok || info.pid <= 0)
        return std::nullopt;
    info.appName = QString::fromUtf8(lines.value(1));
    info.hostName = QString::fromUtf8(lines.value(2));
    info.hostId = lines.value(3);
    info.bootId = lines.value(4);
    return info;
}

// The same decision as QLockFile: the machine id wins over the host name when both sides
// know it.
bool isSameHost(const LockFileInfo &info)
{
    bool same = info.hostName.isEmpty() || info.hostName == QSysInfo::machineHostName();
    const QByteArray ours = QSysInfo::machineUniqueId();
    if (!info.hostId.isEmpty() && !ours.isEmpty())
        same = ours == info.hostId;
    return same;
}

// The executable's file name of `pid` (QLockFile records its own the same way), empty
// when it cannot be read (another user's process).
QString executableName(qint64 pid)
{
    const QFileInfo exe(u"/proc/%1/exe"_s.arg(pid));
    QString target = exe.symLinkTarget();
    if (target.endsWith(u" (deleted)"_s))
        target.chop(10);
    return QFileInfo(target).fileName();
}

// Without a usable flock: alive if the pid exists and still runs the same executable.
bool isProcessAlive(const LockFileInfo &info)
{
    if (::kill(pid_t(info.pid), 0) == -1 && errno == ESRCH)
        return false;
    const QString name = executableName(info.pid);
    return name.isEmpty() || name == QFileInfo(info.appName).fileName();
}

enum class Liveness {
    Free,      // no lock file
    Stale,     // its process is gone (same host)
    Live,      // its process runs (same host)
    OtherHost, // held from another host: honoured, never judged
    Unsettled, // being written right now
};

// Is the lock at `path` held? Every QLockFile holder keeps an exclusive flock on the file
// (Qt's setNativeLocks) for as long as it lives, and the kernel drops it when the process
// ends, even by kill -9. So a shared flock that succeeds means nobody holds the lock, and
// one that would block means its owner lives, whatever its pid now runs. Only where flock
// does not work do the pid and its executable's name decide.
Liveness liveness(const QString &path, std::optional<LockFileInfo> *infoOut)
{
    const std::optional<LockFileInfo> info = readLockFile(path);
    *infoOut = info;
    if (!info) {
        const QFileInfo file(path);
        if (!file.exists())
            return Liveness::Free;
        const qint64 age = file.lastModified().secsTo(QDateTime::currentDateTime());
        return qAbs(age) > kUnreadableLockStaleSecs ? Liveness::Stale : Liveness::Unsettled;
    }
    if (!isSameHost(*info))
        return Liveness::OtherHost;
    if (!info->bootId.isEmpty() && info->bootId != QSysInfo::bootUniqueId())
        return Liveness::Stale; // written before this machine rebooted
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? Liveness::Free
                               : (isProcessAlive(*info) ? Liveness::Live : Liveness::Stale);
    Liveness result;
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0) {
        ::flock(fd, LOCK_UN);
        result = Liveness::Stale;
    } else if (errno == EWOULDBLOCK) {
        result = Liveness::Live;
    } else {
        result = isProcessAlive(*info) ? Liveness::Live : Liveness::Stale;
    }
    ::close(fd);
    return result;
}

std::optional<OwnerInfo> readOwnerJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject())
        return std::nullopt;
    const OwnerInfo owner = OwnerInfo::fromJson(document.object());
    return owner.isValid() ? std::optional<OwnerInfo>(owner) : std::nullopt;
}

// The holder of the lock: owner.json when it describes the same process (it is written
// just after the lock and may still be the previous owner's), else what the lock says.
OwnerInfo ownerOf(const QString &workspaceDir, const std::optional<LockFileInfo> &lock)
{
    const std::optional<OwnerInfo> described =
        readOwnerJson(WorkspaceLock::ownerPath(workspaceDir));
    if (!lock)
        return described.value_or(OwnerInfo{});
    if (described && described->pid == lock->pid &&
        (lock->hostName.isEmpty() || described->host == lock->hostName))
        return *described;
    OwnerInfo owner;
    owner.program = lock->appName.isEmpty() ? u"an unknown program"_s : lock->appName;
    owner.pid = lock->pid;
    owner.host = lock->hostName;
    return owner;
}

QString whatItDoes(const OwnerInfo &owner)
{
    return owner.command.isEmpty() ? QString() : u" (%1)"_s.arg(owner.command);
}

} // namespace

WorkspaceLock::WorkspaceLock(const QString &workspaceDir)
    : m_workspaceDir(workspaceDir), m_lock(lockPath(workspaceDir))
{
    // A workspace is owned for hours: never judge a lock stale by its age (QLockFile), only
    // by its process (liveness() above).
    m_lock.setStaleLockTime(0);
}

WorkspaceLock::~WorkspaceLock()
{
    release();
}

QString WorkspaceLock::lockPath(const QString &workspaceDir)
{
    return QDir(workspaceDir).filePath(u"owner.lock"_s);
}

std::optional<OwnerInfo> WorkspaceLock::recordedOwner(const QString &workspaceDir)
{
    return readOwnerJson(ownerPath(workspaceDir));
}

QString WorkspaceLock::ownerPath(const QString &workspaceDir)
{
    return QDir(workspaceDir).filePath(u"owner.json"_s);
}

WorkspaceLock::Outcome WorkspaceLock::acquire(const OwnerInfo &me, bool takeOver, QString *message)
{
    QString note;
    const auto finish = [&](Outcome outcome) {
        if (message)
            *message = note;
        return outcome;
    };
    if (isHeld()) {
        m_owner = me;
        return finish(Outcome::Acquired);
    }
    if (!QDir().mkpath(m_workspaceDir)) {
        note = u"cannot create the workspace folder %1. Check that its parent is writable, or "
               "choose another folder with --workspace DIR."_s.arg(m_workspaceDir);
        return finish(Outcome::Failed);
    }
    // An owner.json left behind means the previous owner did not end cleanly.
    const std::optional<OwnerInfo> previous = readOwnerJson(ownerPath(m_workspaceDir));
    for (int round = 0; round < kRounds; ++round) {
        if (round > 0)
            QThread::msleep(kRoundPauseMs);
        if (m_lock.tryLock(0))
            break;
        if (m_lock.error() != QLockFile::LockFailedError) {
            note = u"cannot create the lock file %1 (%2). Make the workspace writable (check "
                   "its permissions and free space), or choose another folder with "
                   "--workspace DIR."_s.arg(lockPath(m_workspaceDir),
                                            m_lock.error() == QLockFile::PermissionError
                                                ? u"permission denied"_s
                                                : u"write error"_s);
            return finish(Outcome::Failed);
        }
        std::optional<LockFileInfo> info;
        switch (liveness(lockPath(m_workspaceDir), &info)) {
        case Liveness::Free:
        case Liveness::Unsettled:
            continue;
        case Liveness::Stale:
            m_lock.removeStaleLockFile();
            continue;
        case Liveness::Live:
            m_owner = ownerOf(m_workspaceDir, info);
            if (takeOver)
                note = u"%1 is alive on this host; --take-over only breaks the lock of a "
                       "process on another host. Stop it first (Ctrl-C in its terminal, or "
                       "kill %2)."_s.arg(m_owner.describe())
                           .arg(m_owner.pid);
            return finish(Outcome::Owned);
        case Liveness::OtherHost:
            m_owner = ownerOf(m_workspaceDir, info);
            if (!takeOver)
                return finish(Outcome::Owned);
            if (!m_lock.removeStaleLockFile())
                QFile::remove(lockPath(m_workspaceDir));
            note = u"took over %1 from %2%3; if that process still runs, it no longer owns the "
                   "workspace: stop it before it writes again."_s.arg(
                       m_workspaceDir, m_owner.describe(), whatItDoes(m_owner));
            continue;
        }
    }
    if (!m_lock.isLocked()) {
        note = u"could not take the lock file %1: other processes keep taking it. Try again."_s.arg(
            lockPath(m_workspaceDir));
        return finish(Outcome::Failed);
    }
    m_owner = me;
    if (note.isEmpty() && previous && (previous->pid != me.pid || previous->host != me.host))
        note = u"the previous owner of %1, %2%3, is gone; taking over its workspace."_s.arg(
            m_workspaceDir, previous->describe(), whatItDoes(*previous));
    QSaveFile file(ownerPath(m_workspaceDir));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(me.toJson()).toJson()) < 0 ||
        !file.commit()) {
        // The lock alone still keeps others out; they describe its owner from the lock file.
        QFile::remove(ownerPath(m_workspaceDir));
    }
    return finish(Outcome::Acquired);
}

void WorkspaceLock::release()
{
    if (!m_lock.isLocked())
        return;
    QFile::remove(ownerPath(m_workspaceDir));
    m_lock.unlock();
}

bool WorkspaceLock::isHeld() const
{
    return m_lock.isLocked();
}

OwnerInfo WorkspaceLock::owner() const
{
    return m_owner;
}

std::optional<OwnerInfo> WorkspaceLock::liveOwner(const QString &workspaceDir)
{
    for (int round = 0; round < kRounds; ++round) {
        if (round > 0)
            QThread::msleep(kRoundPauseMs);
        std::optional<LockFileInfo> info;
        switch (liveness(lockPath(workspaceDir), &info)) {
        case Liveness::Free:
        case Liveness::Stale:
            return std::nullopt;
        case Liveness::Live:
        case Liveness::OtherHost:
            return ownerOf(workspaceDir, info);
        case Liveness::Unsettled:
            continue;
        }
    }
    // Still being written: someone is taking it right now.
    const OwnerInfo owner = ownerOf(workspaceDir, std::nullopt);
    return owner.isValid() ? std::optional<OwnerInfo>(owner) : std::nullopt;
}

} // namespace retake
