// How a notification reaches the desktop (docs/ARCHITECTURE.md, "Desktop notifications"):
// the freedesktop notification service on the session bus (DBusNotificationTransport) or
// the tray icon's balloon (TrayNotificationTransport). DesktopNotifier picks the first
// available one for each notification.
#pragma once

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QSystemTrayIcon;
QT_END_NAMESPACE

namespace retake::ui {

class NotificationTransport : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationTransport)
public:
    using QObject::QObject;
    ~NotificationTransport() override = default;

    // It can show a notification now.
    virtual bool isAvailable() const = 0;
    // Shows `title` and `body`; replaces the one shown before, if still there. `key`
    // comes back in clicked().
    virtual void show(int key, const QString &title, const QString &body, bool urgent) = 0;

Q_SIGNALS:
    // The user clicked the notification shown with `key`.
    void clicked(int key);
};

// org.freedesktop.Notifications: Notify with a "default" action, ActionInvoked and
// NotificationClosed. Calls are asynchronous: the GUI thread never waits for the server.
class DBusNotificationTransport final : public NotificationTransport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DBusNotificationTransport)
public:
    explicit DBusNotificationTransport(QObject *parent = nullptr);

    // The service is on the session bus, or the bus can start it.
    bool isAvailable() const override;
    void show(int key, const QString &title, const QString &body, bool urgent) override;

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    bool m_listening = false;
    uint m_shownId = 0; // the server's id of the notification shown last, 0: none
    int m_shownKey = -1;
};

// QSystemTrayIcon::showMessage and messageClicked, on the window's tray icon.
class TrayNotificationTransport final : public NotificationTransport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotificationTransport)
public:
    // `tray` may be null (no system tray): never available then.
    explicit TrayNotificationTransport(QSystemTrayIcon *tray, QObject *parent = nullptr);

    bool isAvailable() const override;
    void show(int key, const QString &title, const QString &body, bool urgent) override;

private:
    QSystemTrayIcon *m_tray;
    int m_shownKey = -1;
};

} // namespace retake::ui
