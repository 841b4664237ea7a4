// A D-Bus session bus of the test's own: `dbus-daemon --session --print-address --nofork`
// started before QApplication, its address put in DBUS_SESSION_BUS_ADDRESS so that
// QDBusConnection::sessionBus() is this bus, and the daemon ended with the object. Needs
// no X server and works as root (CI).
#pragma once

#include <QByteArray>
#include <QString>

#include <sys/types.h>

namespace retake::test {

class PrivateSessionBus
{
public:
    // Starts the daemon and sets DBUS_SESSION_BUS_ADDRESS; error() says why when it did not.
    PrivateSessionBus();
    ~PrivateSessionBus();
    PrivateSessionBus(const PrivateSessionBus &) = delete;
    PrivateSessionBus &operator=(const PrivateSessionBus &) = delete;

    bool isRunning() const { return m_pid > 0 && !m_address.isEmpty(); }
    QString address() const { return m_address; }
    QString error() const { return m_error; }

private:
    pid_t m_pid = -1;
    QString m_address;
    QString m_error;
};

} // namespace retake::test
