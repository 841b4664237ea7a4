// Free space for the workspace: below the reserve (or when a write or the state database
// met a full drive) dispatching pauses; a timer measures again and the batch resumes by
// itself once there is room and the state that waited in memory is written. Not a task
// failure: no retry is spent.
#pragma once

#include "engine/engineoptions.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace retake {

class StateStore;

class DiskGuard final
{
public:
    struct Callbacks {
        std::function<void(const QString &line)> log;
        std::function<void(bool paused)> pausedChanged; // the batch paused / resumed for space
        std::function<void()> spaceBack;                // the poll found room again
    };

    DiskGuard(const EngineOptions &options, StateStore &store, Callbacks callbacks,
              QObject *context);

    void setRoot(const QString &workspaceRoot) { m_root = workspaceRoot; }
    bool isPaused() const { return m_paused; }
    qint64 measureFreeSpace() const;
    // Measures now: pauses below the reserve, resumes when room (and the state) is back.
    // Returns whether dispatching may go on.
    bool check();
    void pauseForDiskFull(const QString &why);

private:
    const EngineOptions &m_options;
    StateStore &m_store;
    Callbacks m_callbacks;
    QString m_root;
    QTimer m_timer;
    bool m_paused = false;
};

} // namespace retake
