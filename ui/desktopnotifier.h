// Notifications that reach the desktop (docs/ARCHITECTURE.md, "Desktop notifications"): when
// a batch ends or needs the user and the user is not looking at the window, NotificationPolicy
// decides what to say and the first available transport shows it (the freedesktop
// notification service, else the tray icon's balloon). A click raises the window and asks
// it to show the notification's item. Also owns the window's tray icon.
#pragma once

#include "notificationpolicy.h"

#include <QHash>
#include <QList>
#include <QObject>

QT_BEGIN_NAMESPACE
class QSystemTrayIcon;
class QWidget;
QT_END_NAMESPACE

namespace retake::ui {

class NotificationTransport;
struct ProjectSession;

class DesktopNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)
public:
    // Reads the preferences and the project's name from `session`; raises `window`.
    DesktopNotifier(const ProjectSession *session, QWidget *window);

    // The transports tried in order, owned by the notifier (tests give their own). By
    // default: D-Bus, then the tray.
    void setTransports(const QList<NotificationTransport *> &transports);

    void batchFinished(const BatchSummary &summary, const QList<TaskSnapshot> &tasks);
    void pausedChanged(bool paused, PauseReason reason);

    // A window of Retake (the main window or one of its dialogs) is active and the main
    // window is not minimized: the user sees its banners, so nothing goes to the desktop.
    bool isUserLooking() const;
    QSystemTrayIcon *trayIcon() const { return m_tray; }

Q_SIGNALS:
    // Shown on the desktop (not emitted when nothing was, or no transport could).
    void notified(const retake::ui::DesktopNotification &notification);
    // A click on a notification: the window is raised; show this task, or the job report.
    void taskRequested(const QString &taskId);
    void reportRequested();

private:
    void send(const std::optional<DesktopNotification> &notification);
    void onClicked(int key);
    void raiseWindow();
    NotificationPolicy::Context context() const;

    const ProjectSession *m_session;
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    NotificationPolicy m_policy;
    QList<NotificationTransport *> m_transports;
    QHash<int, DesktopNotification> m_shown; // by key, the latest few
    int m_nextKey = 1;
};

} // namespace retake::ui
