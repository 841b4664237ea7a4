// A program run under a pseudo-terminal, as a user at a terminal of a given size sees it:
// its stdin, stdout and stderr are the terminal, and everything it draws (carriage
// returns, ANSI erase sequences) is collected as the bytes the terminal received.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace retake::test {

struct PtyResult {
    bool started = false;
    bool finished = false; // false: it was still running after the timeout and was killed
    int exitCode = -1;     // -1 unless it exited normally
    QByteArray output;     // as the terminal received it (ONLCR: "\n" arrives as "\r\n")
};

struct PtyProcess {
    QString program;
    QStringList arguments;
    QString workingDirectory;
    int columns = 80;
    int rows = 24;
    // Environment entries set (NAME=value) or removed (NAME) in the child, on top of ours.
    QStringList setEnvironment;
    QStringList unsetEnvironment;

    // Called with everything read so far after each read: to act on what the user sees.
    std::function<void(const QByteArray &output)> onOutput;

    // Runs it to the end (at most `timeoutMs`), reading the terminal all along.
    PtyResult run(int timeoutMs = 60000) const;
};

// What `output` leaves on the screen of the lines it draws in place: the text between a
// carriage return and the erase-to-end-of-line that follows it (ANSI sequences removed).
QStringList redrawnLines(const QByteArray &output);
// `output` as plain lines: "\r\n" becomes "\n", ANSI sequences are removed, and a line
// redrawn in place keeps only its last state.
QString screenText(const QByteArray &output);

} // namespace retake::test
