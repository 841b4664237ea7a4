// Drives an Engine for retake-cli: prints progress (a bar on a terminal, JSON lines with
// --json), turns Ctrl-C into a clean cancel, and maps the outcome to an exit code.
#pragma once

#include "engine/engine.h"

#include <QObject>
#include <QTextStream>

namespace retake::cli {

enum ExitCode {
    ExitAllDone = 0,
    ExitError = 1,
    ExitInvalidInput = 2,
    ExitSomeFailed = 3,
    ExitInterrupted = 130,
};

enum class OutputMode { Human, Json };

class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)
public:
    CliRunner(Engine *engine, OutputMode mode, QObject *parent = nullptr);

    // Starts the engine and returns when the batch has finished; the exit code.
    int run();
    // Prints the state of every task and the summary; the exit code of `status`.
    int printStatus();

    // Called from the SIGINT handler's notifier: first Ctrl-C cancels cleanly.
    void interrupt();

private:
    void onTasksUpdated(const QList<retake::TaskSnapshot> &tasks);
    void onSummary(const retake::BatchSummary &summary);
    void onAttempt(const QString &taskId, const retake::Attempt &attempt);
    void onLog(const QString &line);
    void drawBar(const BatchSummary &summary);
    void clearBar();
    void printSummary(const BatchSummary &summary);
    void printBudgetStop(const BatchSummary &summary);

    Engine *m_engine;
    OutputMode m_mode;
    QTextStream m_out;
    QTextStream m_err;
    bool m_tty = false;
    bool m_barShown = false;
    bool m_interrupted = false;
};

} // namespace retake::cli
