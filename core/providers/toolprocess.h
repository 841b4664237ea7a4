// One external tool at a time (ffmpeg, ffprobe, espeak-ng) for the built-in provider's
// jobs: separate channels, the attempt folder as working directory, a watchdog that kills
// the tool after its time, stdout collected whole or passed on line by line, and the last
// 2 KB of stderr kept for the result. Crashes and kills arrive through finished(); only a
// failed start arrives through failedToStart().
#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <optional>

class QTimer;

namespace retake {

class ToolProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolProcess)
public:
    enum class Stdout { Collect, Lines };
    enum class Stderr { Keep, Discard };

    explicit ToolProcess(QObject *parent = nullptr);
    ~ToolProcess() override;

    // Starts `program` (a process left from an earlier start is dropped); the watchdog
    // kills it after timeoutMs (0 = none). The stderr tail starts empty.
    void start(const QString &program, const QStringList &arguments,
               const QString &workingDirectory, int timeoutMs, Stdout stdoutMode = Stdout::Collect,
               Stderr stderrMode = Stderr::Keep, QIODevice::OpenMode mode = QIODevice::ReadOnly);
    // Feeds `input` to the tool's stdin and closes it (start with QIODevice::ReadWrite).
    void writeInput(const QByteArray &input);
    bool isRunning() const;
    // Stops the watchdog and kills the tool; finished() follows once it is gone.
    void kill();
    // For a job's destructor: kills the tool and reaps it without emitting anything.
    void abandon();
    void stopWatchdog();

    bool timedOut() const { return m_timedOut; }
    QString program() const;
    QString errorString() const;
    const QByteArray &standardOutput() const { return m_stdout; }
    const QByteArray &stderrTail() const { return m_stderrTail; }
    void clearStderrTail() { m_stderrTail.clear(); }
    // The last line of the stderr tail, trimmed.
    QString lastStderrLine() const;
    // "<reason>: <last stderr line>", or the reason alone when stderr said nothing.
    QString withLastLine(const QString &reason) const;
    // Whether a failure is best explained by a full drive: the tool said so, or the drive
    // holding `directory` is (nearly) full.
    bool ranOutOfSpace(const QString &directory) const;

    // The microseconds of an ffmpeg -progress line "out_time_us=" or "out_time_ms=" (both
    // carry microseconds: out_time_ms is misnamed in ffmpeg).
    static std::optional<qint64> progressMicroseconds(const QByteArray &line);
    // The last line of `text`, trimmed.
    static QString lastLine(const QByteArray &text);

Q_SIGNALS:
    void outputLine(const QByteArray &line); // Stdout::Lines only
    void finished(int exitCode, QProcess::ExitStatus exitStatus);
    void failedToStart();

private:
    void onStandardOutput();
    void onStandardError();
    void onFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onError(QProcess::ProcessError error);
    void onWatchdog();

    QProcess *m_process = nullptr;
    QTimer *m_watchdog = nullptr;
    Stdout m_stdoutMode = Stdout::Collect;
    Stderr m_stderrMode = Stderr::Keep;
    QByteArray m_stdout;
    QByteArray m_stdoutLine;
    QByteArray m_stderrTail;
    bool m_timedOut = false;
};

} // namespace retake
