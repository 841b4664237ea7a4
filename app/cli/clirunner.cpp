#include "clirunner.h"

#include "report/runestimate.h"
#include "session/controlclient.h"
#include "session/controlprotocol.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <optional>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace retake::cli {

namespace {

void printJsonLine(QTextStream &out, const QJsonObject &object)
{
    out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
}

// Appends `text` as a JSON string when it needs no escape (printable ASCII without '"' or
// '\'); false, and `out` unusable, otherwise.
bool appendPlainString(QString &out, QStringView text)
{
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        if (u < 0x20 || u >= 0x7f || u == u'"' || u == u'\\')
            return false;
    }
    out += u'"';
    out += text;
    out += u'"';
    return true;
}

// A task's line of `status --json` as QJsonDocument writes it compact (members by name),
// built as text: a QJsonObject and a QJsonDocument per line were most of the command's time
// at 20,000 tasks. Empty when a value needs escaping: that line is built the long way.
QString statusLine(const TaskSnapshot &t)
{
    QString line;
    line.reserve(200 + t.id.size() + t.lastMessage.size() + t.outputPath.size());
    line += u"{\"attempts\":"_s;
    line += QString::number(t.attemptCount);
    bool plain = true;
    const auto member = [&line, &plain](QStringView key, QStringView value) {
        if (!plain)
            return;
        line += u",\""_s;
        line += key;
        line += u"\":"_s;
        plain = appendPlainString(line, value);
    };
    member(u"error", nameOf(t.lastError));
    member(u"event", u"task");
    member(u"id", t.id);
    member(u"message", t.lastMessage);
    member(u"output", t.outputPath);
    member(u"provider", t.providerId);
    member(u"quality", nameOf(t.quality));
    member(u"rung", nameOf(t.rung));
    member(u"state", nameOf(t.state));
    if (!plain)
        return {};
    line += u"}\n"_s;
    return line;
}

// The QUALITY column of `status`: a task done by an alternative provider says so.
QString qualityText(Quality quality)
{
    if (quality == Quality::None)
        return u"-"_s;
    if (quality == Quality::FullOtherProvider)
        return u"full · other provider"_s;
    return nameOf(quality);
}

// The counts of the tasks that are not done ("2 running", "1 failed"), in a fixed order.
QStringList otherCounts(const BatchSummary &s)
{
    QStringList parts;
    for (const TaskState state :
         {TaskState::Running, TaskState::Retrying, TaskState::Queued, TaskState::Waiting,
          TaskState::Failed, TaskState::Blocked, TaskState::Cancelled, TaskState::Interrupted}) {
        if (s.count(state) > 0)
            parts << u"%1 %2"_s.arg(s.count(state)).arg(nameOf(state));
    }
    return parts;
}

QStringList counts(const BatchSummary &s)
{
    QStringList parts;
    parts << u"%1 done"_s.arg(s.count(TaskState::Done));
    if (s.degraded() > 0)
        parts << u"%1 degraded"_s.arg(s.degraded());
    if (s.onOtherProvider() > 0)
        parts << u"%1 on another provider"_s.arg(s.onOtherProvider());
    return parts + otherCounts(s);
}

QString countsLine(const BatchSummary &s)
{
    return counts(s).join(u", "_s);
}

// The closing sentence: "71 of 72 tasks done (4 degraded, 12 on another provider), 1 failed."
QString closingLine(const BatchSummary &s)
{
    QString line = u"%1 of %2 tasks done"_s.arg(s.count(TaskState::Done)).arg(s.total);
    QStringList notes;
    if (s.degraded() > 0)
        notes << u"%1 degraded"_s.arg(s.degraded());
    if (s.onOtherProvider() > 0)
        notes << u"%1 on another provider"_s.arg(s.onOtherProvider());
    if (!notes.isEmpty())
        line += u" ("_s + notes.join(u", "_s) + u')';
    for (const QString &part : otherCounts(s))
        line += u", "_s + part;
    return line + u'.';
}

} // namespace

CliRunner::CliRunner(Engine *engine, OutputMode mode, QObject *parent)
    : QObject(parent), m_engine(engine), m_storyboard(engine->project().filePath),
      m_workspace(engine->workspaceDir()), m_mode(mode), m_out(stdout), m_err(stderr),
      m_tty(::isatty(STDOUT_FILENO) == 1)
{
    if (m_mode == OutputMode::Json)
        m_json = std::make_unique<JsonPrinter>(STDOUT_FILENO);
    m_redraw.setInterval(1000);
    connect(&m_redraw, &QTimer::timeout, this, &CliRunner::redrawBar);
}

CliRunner::CliRunner(const QString &storyboard, OutputMode mode, QObject *parent)
    : QObject(parent), m_storyboard(storyboard), m_mode(mode), m_out(stdout), m_err(stderr),
      m_tty(::isatty(STDOUT_FILENO) == 1)
{
    if (m_mode == OutputMode::Json)
        m_json = std::make_unique<JsonPrinter>(STDOUT_FILENO);
    m_redraw.setInterval(1000);
    connect(&m_redraw, &QTimer::timeout, this, &CliRunner::redrawBar);
}

CliRunner::~CliRunner()
{
    if (m_json)
        m_json->finish();
}

void CliRunner::interrupt()
{
    if (m_interrupted) {
        // A second Ctrl-C: the user does not want to wait for the clean stop.
        m_err << "\nInterrupted again: exiting now.\n";
        m_err.flush();
        // The JSON lines of the events so far go out first, unless stdout takes nothing for
        // a second.
        if (m_json)
            m_json->drain(1000);
        ::_exit(ExitInterrupted);
    }
    m_interrupted = true;
    clearBar();
    m_err << "\nCancelling: stopping in-flight attempts (press Ctrl-C again to quit at once).\n";
    m_err.flush();
    m_engine->cancel();
}

void CliRunner::cancelledRemotely(qint64 peerPid)
{
    if (m_interrupted)
        return;
    m_interrupted = true;
    m_cancelledBy = peerPid > 0 ? u"another process (pid %1)"_s.arg(peerPid) : u"another process"_s;
    clearBar();
    m_err << u"\nCancelled from %1: stopping in-flight attempts.\n"_s.arg(m_cancelledBy);
    m_err.flush();
}

QString CliRunner::endDescription(int exitCode) const
{
    switch (exitCode) {
    case ExitAllDone:
        return u"all %1 tasks done"_s.arg(m_final.total);
    case ExitSomeFailed:
        return u"finished: %1"_s.arg(countsLine(m_final));
    case ExitInterrupted:
        return u"cancelled by %1"_s.arg(m_cancelledBy);
    default:
        return u"stopped: the batch state could not be saved"_s;
    }
}

int CliRunner::run()
{
    connect(m_engine, &Engine::tasksUpdated, this, &CliRunner::onTasksUpdated);
    connect(m_engine, &Engine::summaryChanged, this, &CliRunner::onSummary);
    connect(m_engine, &Engine::attemptFinished, this, &CliRunner::onAttempt);
    connect(m_engine, &Engine::logMessage, this, &CliRunner::onLog);
    QEventLoop loop;
    BatchSummary &final = m_final;
    connect(m_engine, &Engine::batchFinished, &loop, [&](const BatchSummary &s) {
        final = s;
        loop.quit();
    });
    if (m_mode == OutputMode::Human && !m_quiet) {
        m_out << u"Running %1 tasks of \"%2\" (workspace %3)\n"_s.arg(m_engine->summary().total)
                     .arg(m_engine->project().title, m_engine->workspaceDir());
        m_out.flush();
    }
    m_meter.setProviders(RunEstimate::providersOf(*m_engine));
    m_meter.setTasks(m_engine->tasks());
    m_engine->start();
    loop.exec();
    m_redraw.stop();
    clearBar();
    printSummary(final);
    // Results that were not saved are lost when the process ends: an error, not a success.
    QString unsaved;
    if (!m_engine->commitState(&unsaved)) {
        m_err << u"retake-cli: the batch state was not saved, so this run's progress is lost"
                 " when retake-cli exits. %1. Make %2 writable (check its permissions and the"
                 " free space on the drive), then run the same command again.\n"_s.arg(
                     unsaved,
                     QDir::toNativeSeparators(m_engine->workspaceDir() + u"/state.sqlite"_s));
        m_err.flush();
        return ExitError;
    }
    return runExitCode(final, m_interrupted);
}

int CliRunner::follow(ControlClient *client)
{
    connect(client, &ControlClient::hello, this, &CliRunner::onHello);
    connect(client, &ControlClient::tasksUpdated, this, &CliRunner::onTasksUpdated);
    connect(client, &ControlClient::summaryChanged, this, &CliRunner::onSummary);
    connect(client, &ControlClient::attemptFinished, this, &CliRunner::onAttempt);
    connect(client, &ControlClient::logMessage, this, &CliRunner::onLog);
    QEventLoop loop;
    std::optional<int> exitCode;
    connect(client, &ControlClient::summaryChanged, &loop,
            [this](const BatchSummary &s) { m_final = s; });
    connect(client, &ControlClient::batchFinished, &loop,
            [this](const BatchSummary &s) { m_final = s; });
    connect(client, &ControlClient::runEnded, &loop, [&](int code, const QString &how) {
        exitCode = code;
        m_interrupted = code == ExitInterrupted;
        m_cancelledBy = how;
        loop.quit();
    });
    connect(client, &ControlClient::protocolError, &loop, [this](const QString &error) {
        clearBar();
        m_err << u"retake-cli: %1\n"_s.arg(error);
        m_err.flush();
    });
    connect(client, &ControlClient::disconnected, &loop, &QEventLoop::quit);
    client->subscribe();
    if (client->isConnected())
        loop.exec();
    m_redraw.stop();
    clearBar();
    if (!exitCode) {
        const QString who = m_owner.isValid() ? m_owner.describe() : u"the owner"_s;
        m_err << u"retake-cli: %1 went away without ending its run of %2 (it died or was "
                 "killed). Continue the run with: retake-cli run %2\n"_s.arg(who, m_storyboard);
        m_err.flush();
        return ExitError;
    }
    printSummary(m_final);
    return *exitCode;
}

void CliRunner::onHello(const RemoteSnapshot &snapshot)
{
    m_owner = snapshot.owner;
    m_workspace = snapshot.workspace;
    m_final = snapshot.summary;
    QList<ProviderInfo> providers;
    for (const ProviderStatus &status : snapshot.providers)
        providers << RunEstimate::infoOf(status);
    m_meter.setProviders(providers);
    m_meter.setTasks(snapshot.tasks);
    if (m_quiet)
        return;
    if (m_mode == OutputMode::Json) {
        // Where the run stands, as task events: the same lines `run --json` printed so far
        // for each task's latest state.
        onTasksUpdated(snapshot.tasks);
        return;
    }
    m_out << u"Watching %1 tasks of \"%2\" run by %3 (workspace %4)\n"_s.arg(snapshot.summary.total)
                 .arg(snapshot.title, snapshot.owner.describe(), snapshot.workspace);
    m_out.flush();
    onSummary(snapshot.summary);
}

int CliRunner::printStatus()
{
    return printStatus(m_out, m_mode, m_engine->tasks(), m_engine->summary());
}

int CliRunner::printStatus(QTextStream &out, OutputMode mode, const QList<TaskSnapshot> &tasks,
                           const BatchSummary &summary)
{
    if (mode == OutputMode::Json) {
        // One flush at the end: a line each would be a write each (20,000 at scale).
        for (const TaskSnapshot &t : tasks) {
            if (const QString line = statusLine(t); !line.isEmpty()) {
                out << line;
                continue;
            }
            printJsonLine(out, QJsonObject{{u"event"_s, u"task"_s},
                                           {u"id"_s, t.id},
                                           {u"state"_s, nameOf(t.state)},
                                           {u"quality"_s, nameOf(t.quality)},
                                           {u"attempts"_s, t.attemptCount},
                                           {u"provider"_s, t.providerId},
                                           {u"rung"_s, nameOf(t.rung)},
                                           {u"error"_s, nameOf(t.lastError)},
                                           {u"message"_s, t.lastMessage},
                                           {u"output"_s, t.outputPath}});
        }
        printJsonLine(out, jsonline::summary(summary));
        out.flush();
    } else {
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(u"TASK"_s, -22)
                   .arg(u"STATE"_s, -12)
                   .arg(u"QUALITY"_s, -21)
                   .arg(u"ATTEMPTS"_s, -9)
                   .arg(u"LAST ERROR"_s);
        for (const TaskSnapshot &t : tasks) {
            QString error;
            if (t.lastError != ErrorClass::None)
                error = nameOf(t.lastError) + u": "_s + t.lastMessage;
            else if (!t.lastMessage.isEmpty())
                error = t.lastMessage;
            out << QStringLiteral("%1 %2 %3 %4 %5\n")
                       .arg(t.id, -22)
                       .arg(nameOf(t.state), -12)
                       .arg(qualityText(t.quality), -21)
                       .arg(QString::number(t.attemptCount), -9)
                       .arg(error);
        }
        out << u"\n%1 tasks: %2\n"_s.arg(summary.total).arg(countsLine(summary));
        out.flush();
    }
    if (summary.count(TaskState::Failed) > 0 || summary.count(TaskState::Blocked) > 0)
        return ExitSomeFailed;
    return ExitAllDone;
}

void CliRunner::onTasksUpdated(const QList<TaskSnapshot> &tasks)
{
    m_meter.updateTasks(tasks);
    if (m_mode != OutputMode::Json || m_quiet)
        return;
    m_json->tasks(tasks);
}

void CliRunner::onAttempt(const QString &taskId, const Attempt &a)
{
    m_meter.addAttempt(taskId, a);
    if (m_quiet)
        return;
    if (m_mode == OutputMode::Json) {
        m_json->attempt(taskId, a);
        return;
    }
    if (a.ok() || a.errorClass == ErrorClass::Cancelled)
        return;
    clearBar();
    QString line = u"  %1 attempt %2 (%3 on %4): %5"_s.arg(taskId).arg(a.number).arg(
        nameOf(a.rung), a.providerId, nameOf(a.errorClass));
    if (a.httpStatus > 0)
        line += u" HTTP %1"_s.arg(a.httpStatus);
    line += u" — "_s + a.message;
    m_out << line << '\n';
    m_out.flush();
}

void CliRunner::onLog(const QString &line)
{
    if (m_quiet)
        return;
    if (m_mode == OutputMode::Json) {
        m_json->log(line);
        return;
    }
    clearBar();
    m_out << u"  "_s << line << '\n';
    m_out.flush();
}

void CliRunner::onSummary(const BatchSummary &summary)
{
    if (m_mode == OutputMode::Human && m_tty && !m_quiet)
        drawBar(summary);
}

void CliRunner::drawBar(const BatchSummary &s)
{
    m_shown = s;
    LiveLineParts parts;
    parts.percent = s.percent();
    parts.counts = counts(s);
    parts.rate = m_meter.rateText();
    // Paused, nothing is dispatched: a time left would count down to nothing.
    if (s.paused && (s.pauseReason == PauseReason::User || s.pauseReason == PauseReason::None))
        parts.paused = u"PAUSED"_s; // not "PAUSED: paused"
    else if (s.paused)
        parts.paused = u"PAUSED: "_s + nameOf(s.pauseReason);
    else
        parts.eta = m_meter.etaText();
    // Asked each time: the user may have resized the terminal.
    m_out << u'\r' << composeLiveLine(parts, terminalColumns(STDOUT_FILENO)) << "\x1b[K";
    m_out.flush();
    m_barShown = true;
    if (!m_redraw.isActive())
        m_redraw.start();
}

void CliRunner::redrawBar()
{
    if (m_barShown)
        drawBar(m_shown);
}

void CliRunner::clearBar()
{
    if (!m_barShown)
        return;
    m_out << "\r\x1b[K";
    m_out.flush();
    m_barShown = false;
}

void CliRunner::printSummary(const BatchSummary &s)
{
    if (m_mode == OutputMode::Json) {
        printBudgetStop(s); // its own event, before the closing summary
        m_json->summary(s);
        return;
    }
    // A blank line sets it apart from the progress above it (none with --quiet).
    m_out << (m_quiet ? u""_s : u"\n"_s) << closingLine(s) << u"\n"_s;
    if (s.count(TaskState::Failed) > 0) {
        m_out << u"%1 task(s) failed; see %2/logs/error.log, then run: retake-cli retry-failed "
                 "%3 [--provider ID]\n"_s.arg(s.count(TaskState::Failed))
                     .arg(m_workspace, m_storyboard);
    }
    if (m_interrupted && m_engine) {
        m_out << u"Cancelled by %1. Run the same command again to continue where it "
                 "stopped.\n"_s.arg(m_cancelledBy);
    } else if (m_interrupted) {
        m_out << u"The run was %1. Continue it with: retake-cli run %2\n"_s.arg(m_cancelledBy,
                                                                                m_storyboard);
    }
    printBudgetStop(s);
    m_out.flush();
}

// Issue 6: a run stopped by --budget says so, and how to continue.
void CliRunner::printBudgetStop(const BatchSummary &s)
{
    if (!s.paused || s.pauseReason != PauseReason::BudgetCap)
        return;
    const double cap = s.budgetCap;
    const int waiting =
        s.count(TaskState::Queued) + s.count(TaskState::Waiting) + s.count(TaskState::Retrying);
    if (m_mode == OutputMode::Json) {
        m_json->object(QJsonObject{{u"event"_s, u"budget-cap"_s},
                                   {u"cap"_s, cap},
                                   {u"spent"_s, s.spent},
                                   {u"notDispatched"_s, waiting}});
        return;
    }
    m_out << u"Stopped by the budget cap: %1 of %2 cost units spent in this run. No task was "
             "dispatched that would have taken the run past the cap, and nothing in flight "
             "was lost; %3 task(s) were not dispatched and stay queued. Run again with a "
             "higher --budget (or without it) to continue.\n"_s.arg(s.spent, 0, 'f', 2)
                 .arg(cap, 0, 'f', 2)
                 .arg(waiting);
}

} // namespace retake::cli
