#include "privatesessionbus.h"

#include <QtGlobal>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace retake::test {

namespace {
constexpr int kStartTimeoutMs = 10000;
} // namespace

PrivateSessionBus::PrivateSessionBus()
{
    int out[2];
    if (::pipe(out) != 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return;
    }
    m_pid = ::fork();
    if (m_pid < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(out[0]);
        ::close(out[1]);
        return;
    }
    if (m_pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::close(out[1]);
        ::execlp("dbus-daemon", "dbus-daemon", "--session", "--print-address", "--nofork",
                 static_cast<char *>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    // The address is the first line it prints.
    QByteArray line;
    pollfd fd{out[0], POLLIN, 0};
    while (!line.contains('\n') && ::poll(&fd, 1, kStartTimeoutMs) > 0) {
        char buffer[512];
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n <= 0)
            break;
        line.append(buffer, n);
    }
    ::close(out[0]);
    m_address = QString::fromLocal8Bit(line.left(line.indexOf('\n'))).trimmed();
    if (m_address.isEmpty()) {
        m_error = QStringLiteral("dbus-daemon printed no address (is the dbus-daemon package "
                                 "installed?)");
        return;
    }
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toLocal8Bit());
}

PrivateSessionBus::~PrivateSessionBus()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
}

} // namespace retake::test
