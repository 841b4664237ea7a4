#include "notificationtransport.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QSystemTrayIcon>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

Q_LOGGING_CATEGORY(lcNotify, "retake.notify")

const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;
const QString kInterface = u"org.freedesktop.Notifications"_s;
// The action a server invokes when the notification itself is clicked.
const QString kDefaultAction = u"default"_s;

} // namespace

DBusNotificationTransport::DBusNotificationTransport(QObject *parent)
    : NotificationTransport(parent)
{
}

bool DBusNotificationTransport::isAvailable() const
{
    // Two short calls to the bus daemon itself (never to the notification server).
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    const QDBusConnectionInterface *daemon = bus.interface();
    if (!daemon)
        return false;
    if (daemon->isServiceRegistered(kService).value())
        return true;
    return daemon->activatableServiceNames().value().contains(kService);
}

void DBusNotificationTransport::show(int key, const QString &title, const QString &body,
                                     bool urgent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!m_listening) {
        m_listening = bus.connect(kService, kPath, kInterface, u"ActionInvoked"_s, this,
                                  SLOT(onActionInvoked(uint, QString))) &&
                      bus.connect(kService, kPath, kInterface, u"NotificationClosed"_s, this,
                                  SLOT(onNotificationClosed(uint, uint)));
    }
    const QString appId = QGuiApplication::desktopFileName();
    QVariantMap hints;
    if (!appId.isEmpty())
        hints.insert(u"desktop-entry"_s, appId);
    hints.insert(u"urgency"_s, QVariant::fromValue<uchar>(urgent ? 2 : 1)); // critical : normal
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"Notify"_s);
    call << QGuiApplication::applicationDisplayName() << m_shownId << appId << title << body
         << QStringList{kDefaultAction, tr("Show in Retake")} << hints << -1;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, key](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<uint> reply = *w;
                if (reply.isError()) {
                    qCWarning(lcNotify) << "Notify failed:" << reply.error().message();
                    return;
                }
                m_shownId = reply.value();
                m_shownKey = key;
            });
}

void DBusNotificationTransport::onActionInvoked(uint id, const QString &actionKey)
{
    if (id == 0 || id != m_shownId || actionKey != kDefaultAction)
        return;
    Q_EMIT clicked(m_shownKey);
}

void DBusNotificationTransport::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    if (id != m_shownId)
        return;
    // Gone from the desktop: the next one is a new notification, and a late click is void.
    m_shownId = 0;
    m_shownKey = -1;
}

TrayNotificationTransport::TrayNotificationTransport(QSystemTrayIcon *tray, QObject *parent)
    : NotificationTransport(parent), m_tray(tray)
{
    if (m_tray)
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_shownKey >= 0)
                Q_EMIT clicked(m_shownKey);
        });
}

bool TrayNotificationTransport::isAvailable() const
{
    return m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages();
}

void TrayNotificationTransport::show(int key, const QString &title, const QString &body,
                                     bool urgent)
{
    m_shownKey = key;
    m_tray->showMessage(title, body,
                        urgent ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
}

} // namespace retake::ui
