#include "desktopnotifier.h"

#include "notificationtransport.h"
#include "projectsession.h"
#include "statestyle.h"

#include <QApplication>
#include <QFileInfo>
#include <QSystemTrayIcon>
#include <QWidget>

namespace retake::ui {

namespace {
// Clicks on older notifications than these are not followed (they were replaced anyway).
constexpr int kKeptNotifications = 8;
} // namespace

DesktopNotifier::DesktopNotifier(const ProjectSession *session, QWidget *window)
    : QObject(window), m_session(session), m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(StateStyle::appIcon(), this);
        m_tray->setToolTip(tr("Retake"));
        connect(m_tray, &QSystemTrayIcon::activated, this, &DesktopNotifier::raiseWindow);
        m_tray->show();
    }
    setTransports({new DBusNotificationTransport, new TrayNotificationTransport(m_tray)});
}

void DesktopNotifier::setTransports(const QList<NotificationTransport *> &transports)
{
    qDeleteAll(m_transports);
    m_transports = transports;
    for (NotificationTransport *transport : transports) {
        transport->setParent(this);
        connect(transport, &NotificationTransport::clicked, this, &DesktopNotifier::onClicked);
    }
}

bool DesktopNotifier::isUserLooking() const
{
    return QApplication::activeWindow() != nullptr && !m_window->isMinimized() &&
           m_window->isVisible();
}

NotificationPolicy::Context DesktopNotifier::context() const
{
    NotificationPolicy::Context c;
    c.enabled = m_session->preferences.desktopNotifications;
    c.userLooking = isUserLooking();
    c.projectName = m_session->project.title.isEmpty() ? QFileInfo(m_session->path).fileName()
                                                       : m_session->project.title;
    return c;
}

void DesktopNotifier::batchFinished(const BatchSummary &summary, const QList<TaskSnapshot> &tasks)
{
    send(m_policy.batchFinished(summary, tasks, context()));
}

void DesktopNotifier::pausedChanged(bool paused, PauseReason reason)
{
    send(m_policy.pausedChanged(paused, reason, context()));
}

void DesktopNotifier::send(const std::optional<DesktopNotification> &notification)
{
    if (!notification)
        return;
    for (NotificationTransport *transport : std::as_const(m_transports)) {
        if (!transport->isAvailable())
            continue;
        const int key = m_nextKey++;
        m_shown.insert(key, *notification);
        m_shown.remove(key - kKeptNotifications);
        transport->show(key, notification->title, notification->body, notification->urgent);
        Q_EMIT notified(*notification);
        return;
    }
}

void DesktopNotifier::onClicked(int key)
{
    const auto it = m_shown.constFind(key);
    if (it == m_shown.cend())
        return;
    // Taken out first: what the window does next may send another notification.
    const DesktopNotification::Target target = it->target;
    const QString taskId = it->taskId;
    raiseWindow();
    switch (target) {
    case DesktopNotification::Target::Window:
        break;
    case DesktopNotification::Target::Task:
        Q_EMIT taskRequested(taskId);
        break;
    case DesktopNotification::Target::Report:
        Q_EMIT reportRequested();
        break;
    }
}

void DesktopNotifier::raiseWindow()
{
    // Minimized or behind other windows: back as it was (maximized stays maximized), on top.
    m_window->setWindowState((m_window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

} // namespace retake::ui
