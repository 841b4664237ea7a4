// Drives an Engine for retake-cli: prints progress (a bar on a terminal, JSON lines with
// --json), turns Ctrl-C into a clean cancel, and maps the outcome to an exit code. `watch`
// uses it to follow the owner of a run through a ControlClient: the same lines, the same
// exit code.
#pragma once

#include "engine/engine.h"
#include "jsonprinter.h"
#include "liveline.h"
#include "session/controlprotocol.h"

#include <QObject>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace retake {
class ControlClient;
}

namespace retake::cli {

enum ExitCode {
    ExitAllDone = 0,
    ExitError = 1,
    ExitInvalidInput = 2,
    ExitSomeFailed = 3,
    ExitOwned = 4, // the workspace is owned by another live process
    ExitInterrupted = 130,
};

enum class OutputMode { Human, Json };

class CliRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)
public:
    CliRunner(Engine *engine, OutputMode mode, QObject *parent = nullptr);
    // Follows the owner of a run of `storyboard` (watch): no engine of its own.
    CliRunner(const QString &storyboard, OutputMode mode, QObject *parent = nullptr);
    // Writes the JSON lines still queued before it goes.
    ~CliRunner() override;

    // --quiet: print only the closing summary (errors still go to stderr).
    void setQuiet(bool quiet) { m_quiet = quiet; }

    // Starts the engine and returns when the batch has finished; the exit code.
    int run();
    // Prints the state of every task and the summary; the exit code of `status`.
    int printStatus();
    // `status` of these tasks and summary, however they were read (an engine, or the rows
    // through a DigestReader); returns its exit code.
    static int printStatus(QTextStream &out, OutputMode mode, const QList<TaskSnapshot> &tasks,
                           const BatchSummary &summary);

    // Follows `client` (connected to the owner) until the run ends; the run's exit code,
    // or ExitError when the owner went away without ending it.
    int follow(ControlClient *client);

    // Called from the SIGINT handler's notifier: first Ctrl-C cancels cleanly.
    void interrupt();
    // Another process asked the owner to cancel (the engine is already cancelling).
    void cancelledRemotely(qint64 peerPid);
    // A line for the progress output that does not come from the engine.
    void note(const QString &line) { onLog(line); }
    // How the run ended, in words, for watchers ("all 6 tasks done", "cancelled by Ctrl-C").
    QString endDescription(int exitCode) const;
    // With --json: the printer every JSON line of the run goes through (the report's too,
    // so that the lines keep the order of the events); null otherwise.
    JsonPrinter *jsonPrinter() const { return m_json.get(); }

private:
    void onHello(const retake::RemoteSnapshot &snapshot);
    void onTasksUpdated(const QList<retake::TaskSnapshot> &tasks);
    void onSummary(const retake::BatchSummary &summary);
    void onAttempt(const QString &taskId, const retake::Attempt &attempt);
    void onLog(const QString &line);
    void drawBar(const BatchSummary &summary);
    void redrawBar();
    void clearBar();
    void printSummary(const BatchSummary &summary);
    void printBudgetStop(const BatchSummary &summary);

    Engine *m_engine = nullptr;
    QString m_storyboard;
    QString m_workspace;
    OwnerInfo m_owner; // watch: whom it follows
    OutputMode m_mode;
    QTextStream m_out;
    QTextStream m_err;
    std::unique_ptr<JsonPrinter> m_json; // with --json
    bool m_tty = false;
    bool m_barShown = false;
    bool m_quiet = false;
    ProgressMeter m_meter;
    BatchSummary m_shown; // what the live line shows
    QTimer m_redraw;      // keeps the rate and the ETA current between events
    bool m_interrupted = false;
    QString m_cancelledBy = QStringLiteral("Ctrl-C");
    BatchSummary m_final;
};

} // namespace retake::cli
