#include "ptyprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace retake::test {

namespace {

// Everything the child needs, prepared before fork: after it only async-signal-safe calls.
struct ChildArgs {
    std::vector<QByteArray> storage;
    std::vector<char *> argv;
    std::vector<char *> envp;
    QByteArray dir;
};

ChildArgs childArgs(const PtyProcess &p)
{
    ChildArgs c;
    c.dir = QFile::encodeName(p.workingDirectory);
    QStringList env;
    for (char **e = environ; *e; ++e)
        env << QString::fromLocal8Bit(*e);
    const auto drop = [&env](const QString &name) {
        env.removeIf([&name](const QString &entry) { return entry.startsWith(name + u'='); });
    };
    for (const QString &name : p.unsetEnvironment)
        drop(name);
    for (const QString &entry : p.setEnvironment) {
        drop(entry.section(u'=', 0, 0));
        env << entry;
    }
    c.storage.push_back(QFile::encodeName(p.program));
    for (const QString &arg : p.arguments)
        c.storage.push_back(arg.toLocal8Bit());
    const size_t argc = c.storage.size();
    for (const QString &entry : env)
        c.storage.push_back(entry.toLocal8Bit());
    for (size_t i = 0; i < c.storage.size(); ++i)
        (i < argc ? c.argv : c.envp).push_back(c.storage[i].data());
    c.argv.push_back(nullptr);
    c.envp.push_back(nullptr);
    return c;
}

} // namespace

PtyResult PtyProcess::run(int timeoutMs) const
{
    PtyResult result;
    ChildArgs args = childArgs(*this);
    winsize size = {};
    size.ws_col = static_cast<unsigned short>(columns);
    size.ws_row = static_cast<unsigned short>(rows);
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
    if (pid < 0)
        return result;
    if (pid == 0) {
        if (!args.dir.isEmpty() && ::chdir(args.dir.constData()) != 0)
            ::_exit(127);
        ::execve(args.argv[0], args.argv.data(), args.envp.data());
        ::_exit(127);
    }
    result.started = true;
    QElapsedTimer elapsed;
    elapsed.start();
    char buffer[4096];
    // Read until the terminal closes (every holder of the slave side has exited): EIO.
    for (;;) {
        const qint64 left = timeoutMs - elapsed.elapsed();
        if (left <= 0) {
            ::kill(pid, SIGKILL);
            break;
        }
        pollfd fd{master, POLLIN, 0};
        const int ready = ::poll(&fd, 1, int(std::min<qint64>(left, 1000)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            continue;
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n > 0) {
            result.output.append(buffer, n);
            if (onOutput)
                onOutput(result.output);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // EIO (or EOF): the child side is closed
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) == pid) {
        result.finished = WIFEXITED(status);
        result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    ::close(master);
    return result;
}

namespace {

QString withoutAnsi(QString text)
{
    static const QRegularExpression ansi(u"\x1b\\[[0-9;?]*[A-Za-z]"_s);
    return text.remove(ansi);
}

} // namespace

QStringList redrawnLines(const QByteArray &output)
{
    const QString text = QString::fromUtf8(output);
    QStringList lines;
    qsizetype from = 0;
    for (;;) {
        const qsizetype cr = text.indexOf(u'\r', from);
        if (cr < 0)
            break;
        const qsizetype erase = text.indexOf(u"\x1b[K"_s, cr);
        const qsizetype nextCr = text.indexOf(u'\r', cr + 1);
        if (erase >= 0 && (nextCr < 0 || erase < nextCr)) {
            const QString line = withoutAnsi(text.mid(cr + 1, erase - cr - 1));
            if (!line.isEmpty())
                lines << line;
        }
        from = cr + 1;
    }
    return lines;
}

QString screenText(const QByteArray &output)
{
    QString text = QString::fromUtf8(output).replace(u"\r\n"_s, u"\n"_s);
    text = withoutAnsi(text);
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line = line.section(u'\r', -1); // what the last redraw left on that line
    return lines.join(u'\n');
}

} // namespace retake::test
