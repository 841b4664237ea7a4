#include "diskguard.h"

#include "store/statestore.h"

#include <QCoreApplication>
#include <QStorageInfo>

using namespace Qt::StringLiterals;

namespace retake {

DiskGuard::DiskGuard(const EngineOptions &options, StateStore &store, Callbacks callbacks,
                     QObject *context)
    : m_options(options), m_store(store), m_callbacks(std::move(callbacks))
{
    QObject::connect(&m_timer, &QTimer::timeout, context, [this] {
        if (check())
            m_callbacks.spaceBack();
    });
}

qint64 DiskGuard::measureFreeSpace() const
{
    return m_options.freeSpaceProbe ? m_options.freeSpaceProbe(m_root)
                                    : QStorageInfo(m_root).bytesAvailable();
}

bool DiskGuard::check()
{
    const qint64 free = measureFreeSpace();
    const bool low = free >= 0 && free < m_options.diskReserveBytes;
    if (low && !m_paused) {
        pauseForDiskFull(
            //: %1 MB free, %2 the folder, %3 the reserve in MB. Shown after "Disk full: ".
            QCoreApplication::translate("retake::Engine",
                                        "%1 MB free in %2, below the %3 MB reserve")
                .arg(free / (qint64(1024) * 1024))
                .arg(m_root)
                .arg(m_options.diskReserveBytes / (qint64(1024) * 1024)));
    } else if (!low && m_paused) {
        // Space is back only when the state that waited in memory can be written too.
        QString error;
        if (m_store.isOpen() && !m_store.flush(&error) && m_store.lastFlushFailedForSpace())
            return false;
        m_paused = false;
        m_timer.stop();
        m_callbacks.log(
            QCoreApplication::translate("retake::Engine", "Disk space is back: resuming."));
        m_callbacks.pausedChanged(false);
    }
    return !m_paused;
}

void DiskGuard::pauseForDiskFull(const QString &why)
{
    if (m_paused)
        return;
    m_paused = true;
    //: %1 says which folder is short of space, or which task could not write its output.
    m_callbacks.log(QCoreApplication::translate(
                        "retake::Engine",
                        "Disk full: %1. Dispatching is paused and resumes by itself when space "
                        "returns; finished outputs are kept.")
                        .arg(why));
    m_timer.start(m_options.diskPollIntervalMs);
    m_callbacks.pausedChanged(true);
}

} // namespace retake
