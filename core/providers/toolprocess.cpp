#include "providers/toolprocess.h"
#include "util/diskspace.h"
#include "util/toolenvironment.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr qsizetype kStderrTailBytes = 2048;

} // namespace

ToolProcess::ToolProcess(QObject *parent) : QObject(parent)
{
}

ToolProcess::~ToolProcess()
{
    abandon();
}

void ToolProcess::start(const QString &program, const QStringList &arguments,
                        const QString &workingDirectory, int timeoutMs, Stdout stdoutMode,
                        Stderr stderrMode, QIODevice::OpenMode mode)
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_stdoutMode = stdoutMode;
    m_stderrMode = stderrMode;
    m_stdout.clear();
    m_stdoutLine.clear();
    m_stderrTail.clear();
    m_timedOut = false;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setWorkingDirectory(workingDirectory);
    m_process->setProcessEnvironment(toolEnvironment());
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ToolProcess::onStandardOutput);
    connect(m_process, &QProcess::readyReadStandardError, this, &ToolProcess::onStandardError);
    connect(m_process, &QProcess::finished, this, &ToolProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &ToolProcess::onError);
    if (timeoutMs > 0) {
        if (!m_watchdog) {
            m_watchdog = new QTimer(this);
            m_watchdog->setSingleShot(true);
            connect(m_watchdog, &QTimer::timeout, this, &ToolProcess::onWatchdog);
        }
        m_watchdog->start(timeoutMs);
    }
    m_process->start(program, arguments, mode);
}

void ToolProcess::writeInput(const QByteArray &input)
{
    m_process->write(input);
    m_process->closeWriteChannel();
}

bool ToolProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

void ToolProcess::kill()
{
    stopWatchdog();
    if (m_process)
        m_process->kill();
}

void ToolProcess::abandon()
{
    stopWatchdog();
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill();
    m_process->waitForFinished(5000); // the process is killed; this reaps it
}

void ToolProcess::stopWatchdog()
{
    if (m_watchdog)
        m_watchdog->stop();
}

QString ToolProcess::program() const
{
    return m_process ? m_process->program() : QString();
}

QString ToolProcess::errorString() const
{
    return m_process ? m_process->errorString() : QString();
}

QString ToolProcess::lastLine(const QByteArray &text)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.constLast().trimmed());
}

QString ToolProcess::lastStderrLine() const
{
    return lastLine(m_stderrTail);
}

QString ToolProcess::withLastLine(const QString &reason) const
{
    const QString tail = lastStderrLine();
    return tail.isEmpty() ? reason : reason % u": "_s % tail;
}

bool ToolProcess::ranOutOfSpace(const QString &directory) const
{
    return m_stderrTail.contains("No space left on device") || isOutOfSpace(directory);
}

std::optional<qint64> ToolProcess::progressMicroseconds(const QByteArray &line)
{
    if (!line.startsWith("out_time_us=") && !line.startsWith("out_time_ms="))
        return std::nullopt;
    bool ok = false;
    const qint64 us = line.mid(line.indexOf('=') + 1).toLongLong(&ok);
    if (!ok || us < 0)
        return std::nullopt;
    return us;
}

void ToolProcess::onStandardOutput()
{
    const QByteArray bytes = m_process->readAllStandardOutput();
    if (m_stdoutMode == Stdout::Collect) {
        m_stdout += bytes;
        return;
    }
    m_stdoutLine += bytes;
    qsizetype newline;
    while ((newline = m_stdoutLine.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdoutLine.left(newline).trimmed();
        m_stdoutLine.remove(0, newline + 1);
        Q_EMIT outputLine(line);
    }
}

void ToolProcess::onStandardError()
{
    const QByteArray bytes = m_process->readAllStandardError();
    if (m_stderrMode == Stderr::Discard)
        return;
    m_stderrTail += bytes;
    if (m_stderrTail.size() > kStderrTailBytes)
        m_stderrTail = m_stderrTail.right(kStderrTailBytes);
}

void ToolProcess::onFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    stopWatchdog();
    if (m_stdoutMode == Stdout::Collect)
        m_stdout += m_process->readAllStandardOutput();
    onStandardError();
    Q_EMIT finished(exitCode, exitStatus);
}

void ToolProcess::onError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart) {
        stopWatchdog();
        Q_EMIT failedToStart();
    }
}

void ToolProcess::onWatchdog()
{
    if (!isRunning())
        return;
    m_timedOut = true;
    m_process->kill();
}

} // namespace retake
