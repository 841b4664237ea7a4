// retake-cli: the headless front end. Wiring only: parse arguments, load the storyboard,
// open the engine on its workspace, hand over to CliRunner.
#include "clirunner.h"
#include "engine/engine.h"
#include "engine/statedigest.h"
#include "fastcheckpoint.h"
#include "lightread.h"
#include "project/storyboardloader.h"
#include "providerscommand.h"
#include "remotecommands.h"
#include "report/runreport.h"
#include "reportcommand.h"
#include "session/workspacelock.h"
#include "store/publisher.h"
#include "store/workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::cli;

namespace {

int g_signalFd[2] = {-1, -1};

// The largest --disk-reserve-mb: 1 TiB.
constexpr double kMaxDiskReserveMb = 1024.0 * 1024.0;

void onSigint(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalFd[0], &byte, 1);
}

const char *kUsage = R"(Commands:
  validate FILE                 check a storyboard (.retake.json or .csv); lists every problem
  run FILE                      run every task that is not done yet; resumes after a stop
  status FILE                   show the state of every task
  retry-failed FILE [--provider ID]
                                re-queue failed and blocked tasks (optionally on another
                                provider) and run them
  checkpoint create FILE [--reason TEXT] | checkpoint list FILE | checkpoint restore FILE ID
                                save, list or roll back to a checkpoint of the batch state
  publish FILE [--allow-partial]
                                copy the current outputs of done tasks into published/
  discard FILE [--all-checkpoints]
                                delete draft outputs no longer pointed to (e.g. after a restore)
  report FILE [--run ID] [--format html|json|md] [--open]
                                write the job report of a run (default: the newest) into
                                <workspace>/reports/<run-id>/ and print its path
  estimate FILE                 expected tasks, time and cost per provider of what is not done
  providers list [FILE] | providers test ID [FILE] | providers set-key ID
                                show provider profiles, test one against its server, store
                                an API key in the system keychain
  watch FILE [--json]           follow a run of FILE from another terminal: the same progress
                                lines (or JSON events) as the run prints; ends with its exit code
  pause FILE | resume FILE | cancel FILE | retry FILE TASK...
                                steer a run of FILE from another terminal (cancel keeps the
                                finished work; retry re-queues failed, blocked or cancelled tasks)
run and retry-failed take --budget UNITS (stop dispatching before the run's cost would pass
UNITS) and --debug-logging (prompts and provider detail in logs and reports; off by default);
both print the job report's path at the end. At a terminal they (and watch) keep a live line:
bar, percent, counts, tasks finished per minute and an ETA; --quiet prints only the closing
summary.
One process writes a workspace at a time: run, retry-failed, checkpoint create|restore, publish
and discard exit 4 while another process owns it (retake-cli watch FILE follows that one).
--take-over breaks the lock of an owner on another host, after saying whose it was.
Exit codes: 0 all done, 1 error, 2 invalid input, 3 some tasks failed, 4 the workspace is
owned by another live process, 130 interrupted.)";

// Every option of retake-cli, in the order --help lists them.
struct CliOptions {
    const QCommandLineOption json{u"json"_s, u"Print JSON lines instead of text."_s};
    const QCommandLineOption quiet{
        {u"q"_s, u"quiet"_s},
        u"run, retry-failed, watch: print only the closing summary and the job report's path "
        "(errors still go to stderr; exit codes are the same)."_s};
    const QCommandLineOption provider{
        u"provider"_s, u"retry-failed: re-run the failed tasks on provider ID."_s, u"ID"_s};
    const QCommandLineOption workspace{
        u"workspace"_s, u"Use DIR as the workspace instead of <name>.retake beside FILE."_s,
        u"DIR"_s};
    const QCommandLineOption reason{u"reason"_s, u"checkpoint create: why."_s, u"TEXT"_s};
    const QCommandLineOption partial{
        u"allow-partial"_s, u"publish: publish the done tasks even while others are unfinished."_s};
    const QCommandLineOption allCheckpoints{
        u"all-checkpoints"_s,
        u"discard: remove every checkpoint first, keep only current outputs."_s};
    const QCommandLineOption reserve{
        u"disk-reserve-mb"_s,
        u"Pause writing when less than MB megabytes are free (default 500)."_s, u"MB"_s};
    // Job reports and estimates (issue 6).
    const QCommandLineOption run{u"run"_s, u"report: the run ID (default: the newest)."_s, u"ID"_s};
    const QCommandLineOption format{u"format"_s, u"report: html (default), json or md."_s,
                                    u"FORMAT"_s, u"html"_s};
    const QCommandLineOption open{u"open"_s, u"report: open the report (xdg-open)."_s};
    const QCommandLineOption budget{
        u"budget"_s, u"run: stop dispatching before the run's cost would pass UNITS."_s,
        u"UNITS"_s};
    const QCommandLineOption debugLogging{
        u"debug-logging"_s,
        u"Include prompts and raw provider detail in logs and reports (off by default)."_s};
    // Ownership (issue 12).
    const QCommandLineOption takeOver{
        u"take-over"_s,
        u"Break the workspace lock of an owner on another host, say whose it was, go on."_s};
};

void setUpParser(QCommandLineParser *parser, const CliOptions &options)
{
    parser->setApplicationDescription(
        u"Retake — batch monitor for AI media generation (headless).\n\n"_s +
        QString::fromUtf8(kUsage));
    parser->addHelpOption();
    parser->addVersionOption();
    parser->addPositionalArgument(u"command"_s, u"validate, run, status or retry-failed"_s);
    parser->addPositionalArgument(u"file"_s, u"the storyboard (*.retake.json or *.csv)"_s);
    parser->addOptions({options.json, options.provider, options.workspace, options.reason,
                        options.partial, options.allCheckpoints, options.reserve});
    parser->addOptions(
        {options.run, options.format, options.open, options.budget, options.debugLogging});
    parser->addOption(options.takeOver);
    parser->addOption(options.quiet);
}

// The command line after the options: `command [action] file [rest...]`.
struct Invocation {
    const QCommandLineParser &parser;
    const CliOptions &options;
    QString command;
    QString action; // checkpoint: create, list or restore
    QString file;
    QStringList rest; // checkpoint restore: the checkpoint id
    bool json() const { return parser.isSet(options.json); }
    bool quiet() const { return parser.isSet(options.quiet); }
};

// What a command works on. Which of the pointers are set depends on Command::needs.
struct CommandContext {
    const Invocation &call;
    const Project &project;
    QTextStream &err;
    QString workspace;
    ReportCommand *reports = nullptr;
    Engine *engine = nullptr;
    CliRunner *runner = nullptr;
    WorkspaceLock *lock = nullptr; // held by writing commands
    // Of the storyboard's bytes the project was parsed from and the profiles; empty when
    // the file changed meanwhile (a writer then keeps no digest).
    QByteArray fingerprint;
};

int runCheckpoint(Engine &engine, const QString &action, const QStringList &rest,
                  const QString &reason, bool json)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QString error;
    if (action == u"create"_s) {
        const CheckpointInfo info = engine.createCheckpoint(reason, &error);
        if (info.id.isEmpty()) {
            err << u"retake-cli: could not create a checkpoint: %1\n"_s.arg(error);
            return ExitError;
        }
        out << u"Created checkpoint %1 (%2, %3 KB).\n"_s.arg(info.id, info.reason)
                   .arg(info.sizeBytes / 1024);
        return ExitAllDone;
    }
    if (action == u"list"_s) {
        LightRead::printCheckpoints(engine.checkpoints(), json);
        return ExitAllDone;
    }
    if (action == u"restore"_s) {
        if (rest.isEmpty()) {
            err << "retake-cli: checkpoint restore needs the checkpoint id (see checkpoint "
                   "list).\n";
            return ExitInvalidInput;
        }
        if (!engine.restoreCheckpoint(rest.first(), &error)) {
            err << u"retake-cli: could not restore %1: %2\n"_s.arg(rest.first(), error);
            return ExitInvalidInput;
        }
        out << u"Restored checkpoint %1. Later outputs stay on disk until 'retake-cli "
               "discard'. %2 tasks: %3 done.\n"_s.arg(rest.first())
                   .arg(engine.summary().total)
                   .arg(engine.summary().count(TaskState::Done));
        return ExitAllDone;
    }
    err << u"retake-cli: unknown checkpoint action \"%1\" (use create, list or restore).\n"_s.arg(
        action);
    return ExitInvalidInput;
}

int validateCommand(CommandContext &context)
{
    const Project &project = context.project;
    QTextStream(stdout) << u"%1: valid — %2 scenes, %3 shots, %4 tasks.\n"_s.arg(context.call.file)
                               .arg(project.scenes.size())
                               .arg(project.shotCount())
                               .arg(project.taskCount());
    return ExitAllDone;
}

int reportCommand(CommandContext &context)
{
    const Invocation &call = context.call;
    return context.reports->report(
        context.project, context.workspace, call.parser.value(call.options.run),
        call.parser.value(call.options.format), call.parser.isSet(call.options.open),
        call.parser.isSet(call.options.debugLogging));
}

int estimateCommand(CommandContext &context)
{
    return context.reports->estimate(*context.engine);
}

int statusCommand(CommandContext &context)
{
    return context.runner->printStatus();
}

int checkpointCommand(CommandContext &context)
{
    const Invocation &call = context.call;
    return runCheckpoint(*context.engine, call.action, call.rest,
                         call.parser.value(call.options.reason), call.json());
}

int discardCommand(CommandContext &context)
{
    qint64 freed = 0;
    QString error;
    const int removed = context.engine->discardUnreferencedOutputs(
        context.call.parser.isSet(context.call.options.allCheckpoints), &freed, &error);
    if (removed < 0) {
        context.err << u"retake-cli: discard: %1\n"_s.arg(error);
        return ExitError;
    }
    QTextStream(stdout) << u"Discarded %1 output file(s), %2 MB freed.\n"_s.arg(removed).arg(
        freed / 1048576.0, 0, 'f', 1);
    return ExitAllDone;
}

int publishCommand(CommandContext &context)
{
    Engine &engine = *context.engine;
    const BatchSummary summary = engine.summary();
    const int unfinished = summary.total - summary.count(TaskState::Done) -
                           summary.count(TaskState::Failed) - summary.count(TaskState::Blocked) -
                           summary.count(TaskState::Skipped);
    if (unfinished > 0 && !context.call.parser.isSet(context.call.options.partial)) {
        context.err << u"retake-cli: %1 task(s) are not finished (running, queued or interrupted);"
                       " nothing was published. Finish the run first, or publish the done tasks"
                       " with --allow-partial.\n"_s.arg(unfinished);
        return ExitInvalidInput;
    }
    const PublishResult result =
        Publisher::publish(Workspace(engine.workspaceDir()),
                           Publisher::itemsFor(engine.tasks(), engine.allAttempts()));
    if (!result.ok) {
        context.err << u"retake-cli: publish failed: %1\n"_s.arg(result.message);
        return ExitError;
    }
    QTextStream(stdout) << u"Published: %1.\n"_s.arg(result.message);
    return ExitAllDone;
}

// `run`: runs the batch until it has finished; Ctrl-C cancels cleanly.
int runCommand(CommandContext &context)
{
    CliRunner &runner = *context.runner;
    // Ctrl-C cancels cleanly: the handler only writes a byte; the event loop reacts.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        auto *notifier =
            new QSocketNotifier(g_signalFd[1], QSocketNotifier::Read, QCoreApplication::instance());
        WorkspaceLock *lock = context.lock;
        ReportCommand *reports = context.reports;
        QObject::connect(notifier, &QSocketNotifier::activated, &runner, [&runner, lock, reports] {
            char byte;
            [[maybe_unused]] const ssize_t n = ::read(g_signalFd[1], &byte, 1);
            // The second Ctrl-C exits at once (_exit): let go of the workspace first.
            static int received = 0;
            if (++received > 1 && lock)
                lock->release();
            // The run ends within a second: its report is written on the next open.
            reports->deferReport();
            runner.interrupt();
        });
        struct sigaction action = {};
        action.sa_handler = onSigint;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
    }
    // The report's JSON lines take their turn among the run's.
    context.reports->setPrinter(runner.jsonPrinter());
    context.reports->watch(*context.engine);
    return remote::serveRun(*context.engine, runner, context.workspace, context.call.command,
                            [&context, &runner] {
                                const int exitCode = runner.run();
                                context.reports->reportFinishedRun(*context.engine);
                                return exitCode;
                            });
}

// `watch`: follows the run of the workspace's owner.
int watchCommand(CommandContext &context)
{
    return remote::watch(context.call.file, context.workspace,
                         context.call.json() ? OutputMode::Json : OutputMode::Human,
                         context.call.quiet());
}

// `pause`, `resume`, `cancel`, `retry TASK...`: asks the workspace's owner to do it.
int steerCommand(CommandContext &context)
{
    return remote::steer(context.call.command, context.call.file, context.workspace,
                         context.call.rest);
}

// `retry-failed`: re-queues the failed and blocked tasks (on --provider), then runs.
int retryFailedCommand(CommandContext &context)
{
    Engine &engine = *context.engine;
    const Invocation &call = context.call;
    if (call.parser.isSet(call.options.provider)) {
        const QString provider = call.parser.value(call.options.provider);
        if (!engine.providerIds().contains(provider)) {
            context.err << u"retake-cli: unknown provider \"%1\" (known: %2).\n"_s.arg(
                provider, engine.providerIds().join(u", "_s));
            return ExitInvalidInput;
        }
        engine.switchProviderForFailed(provider);
    } else {
        engine.retryAllFailed();
    }
    return runCommand(context);
}

// What a command needs before it can run: the loaded project, also its workspace and
// reports, or also the opened engine.
enum class Needs { Project, Workspace, Engine };
// Whether it writes the workspace, and so must own it (docs/ARCHITECTURE.md, "Ownership and
// watching"). `checkpoint` writes unless it lists.
enum class Writes { No, Yes, UnlessListing };

struct Command {
    QStringView name;
    Needs needs;
    Writes writes;
    int (*handler)(CommandContext &);
};

// In the order the "unknown command" message lists them; `providers` is apart (it needs
// no storyboard).
const Command kCommands[] = {
    {u"validate", Needs::Project, Writes::No, validateCommand},
    {u"run", Needs::Engine, Writes::Yes, runCommand},
    {u"status", Needs::Engine, Writes::No, statusCommand},
    {u"retry-failed", Needs::Engine, Writes::Yes, retryFailedCommand},
    {u"checkpoint", Needs::Engine, Writes::UnlessListing, checkpointCommand},
    {u"publish", Needs::Engine, Writes::Yes, publishCommand},
    {u"discard", Needs::Engine, Writes::Yes, discardCommand},
    {u"report", Needs::Workspace, Writes::No, reportCommand},
    {u"estimate", Needs::Engine, Writes::No, estimateCommand},
    // Asked of the owner over its control channel (they write nothing themselves).
    {u"watch", Needs::Workspace, Writes::No, watchCommand},
    {u"pause", Needs::Workspace, Writes::No, steerCommand},
    {u"resume", Needs::Workspace, Writes::No, steerCommand},
    {u"cancel", Needs::Workspace, Writes::No, steerCommand},
    {u"retry", Needs::Workspace, Writes::No, steerCommand},
};

const Command *findCommand(const QString &name)
{
    for (const Command &command : kCommands) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

QStringList commandNames()
{
    QStringList names;
    for (const Command &command : kCommands)
        names.append(command.name.toString());
    return names;
}

// Splits the positional arguments into `call`; an exit code when there is nothing more to
// do (a mistake, or the `providers` command, which runs here).
std::optional<int> readInvocation(Invocation *call, QTextStream &err)
{
    QStringList args = call->parser.positionalArguments();
    if (args.isEmpty()) {
        err << "retake-cli: expected a command and a storyboard file.\n\n"
            << call->parser.helpText();
        return ExitInvalidInput;
    }
    call->command = args.takeFirst();
    if (call->command == u"providers"_s) {
        QTextStream out(stdout);
        return ProvidersCommand::run(args, out, err);
    }
    if (!findCommand(call->command)) {
        err << u"retake-cli: unknown command \"%1\" (use %2).\n"_s.arg(
            call->command, commandNames().join(u", "_s));
        return ExitInvalidInput;
    }
    if (call->command == u"checkpoint"_s && !args.isEmpty())
        call->action = args.takeFirst();
    if (args.isEmpty()) {
        err << u"retake-cli: %1 needs a storyboard file.\n"_s.arg(call->command);
        return ExitInvalidInput;
    }
    call->file = args.takeFirst();
    if (!args.isEmpty() && call->command != u"checkpoint"_s && call->command != u"retry"_s) {
        err << u"retake-cli: unexpected argument \"%1\".\n"_s.arg(args.first());
        return ExitInvalidInput;
    }
    call->rest = args;
    return std::nullopt;
}

// The storyboard with the user's provider profiles (settings) and providers.json beside
// it; nothing after printing every problem.
std::optional<Project> loadProject(const QString &file, const ProfileLoad &external,
                                   QTextStream &err)
{
    const LoadResult loaded =
        StoryboardLoader::loadFile(file, ProvidersCommand::ids(external.profiles));
    if (!loaded.ok()) {
        err << u"%1: %2 problem(s); nothing was run:\n"_s.arg(file).arg(loaded.issues.size());
        for (const ValidationIssue &issue : loaded.issues)
            err << u"  "_s << issue.toString() << '\n';
        return std::nullopt;
    }
    Project project = *loaded.project;
    ProvidersCommand::mergeInto(&project, external.profiles);
    return project;
}

// Opens the engine on the workspace and applies --disk-reserve-mb, --budget and
// --debug-logging; an exit code when that fails. A command that does not own the workspace
// opens it read-only: it writes nothing (no run-resumed event, no crashed-run report, and a
// live owner's running tasks stay running).
std::optional<int> openEngine(Engine *engine, CommandContext &context)
{
    const bool owns = context.lock != nullptr;
    const Invocation &call = context.call;
    // Checked before the workspace is opened: nan, inf or 1e308 would overflow the bytes.
    std::optional<qint64> reserveBytes;
    if (call.parser.isSet(call.options.reserve)) {
        const QString text = call.parser.value(call.options.reserve);
        bool ok = false;
        const double mb = text.toDouble(&ok);
        if (!ok || !std::isfinite(mb) || mb < 0 || mb > kMaxDiskReserveMb) {
            context.err << u"retake-cli: --disk-reserve-mb needs a number of megabytes from 0 to "
                           "%1 (1 TiB), got \"%2\".\n"_s.arg(
                               QString::number(qint64(kMaxDiskReserveMb)), text);
            return ExitInvalidInput;
        }
        reserveBytes = qint64(mb * 1024 * 1024);
    }
    QString error;
    if (owns)
        engine->setInputsFingerprint(context.fingerprint);
    const bool opened =
        owns
            ? engine->open(context.project, context.workspace, &error)
            : engine->openReadOnly(context.project, context.workspace,
                                   WorkspaceLock::liveOwner(context.workspace).has_value(), &error);
    if (!opened) {
        context.err << u"retake-cli: cannot open the workspace %1: %2\n"_s.arg(context.workspace,
                                                                               error);
        return ExitError;
    }
    if (reserveBytes) {
        EngineOptions options = engine->options();
        options.diskReserveBytes = *reserveBytes;
        engine->setOptions(options);
    }
    if (!context.reports->applyOptions(*engine, call.parser.value(call.options.budget),
                                       call.parser.isSet(call.options.debugLogging)))
        return ExitInvalidInput;
    if (owns)
        context.reports->reportCrashedRun(*engine);
    return std::nullopt;
}

// `retake-cli <command> [action] FILE`, as the user typed it, for the hints.
QString commandLine(const Invocation &call)
{
    QStringList words{u"retake-cli"_s, call.command};
    if (!call.action.isEmpty())
        words.append(call.action);
    words.append(call.file);
    return words.join(u' ');
}

// Takes the workspace for a writing command; an exit code when it cannot (owned by another
// live process: 4, with who owns it and how to watch it).
std::optional<int> takeWorkspace(WorkspaceLock *lock, CommandContext &context)
{
    const Invocation &call = context.call;
    QString message;
    const WorkspaceLock::Outcome outcome =
        lock->acquire(OwnerInfo::forThisProcess(context.workspace, call.command),
                      call.parser.isSet(call.options.takeOver), &message);
    if (outcome == WorkspaceLock::Outcome::Failed) {
        context.err << u"retake-cli: %1\n"_s.arg(message);
        return ExitError;
    }
    if (outcome == WorkspaceLock::Outcome::Acquired) {
        if (!message.isEmpty())
            context.err << u"retake-cli: %1\n"_s.arg(message);
        return std::nullopt;
    }
    const OwnerInfo owner = lock->owner();
    if (call.command == u"retry-failed"_s && owner.isThisHost()) {
        // The live run does it: the failed tasks are re-queued there, not in a second engine.
        return remote::steer(call.command, call.file, context.workspace, {},
                             call.parser.value(call.options.provider));
    }
    const QString doing = owner.command.isEmpty() ? QString() : u" (%1)"_s.arg(owner.command);
    context.err << u"retake-cli: %1 is owned by %2%3; nothing was changed. Watch it with: "
                   "retake-cli watch %4\n"_s.arg(context.workspace, owner.describe(), doing,
                                                 call.file);
    if (!message.isEmpty()) {
        context.err << u"retake-cli: %1\n"_s.arg(message);
    } else if (!owner.isThisHost()) {
        context.err << u"retake-cli: the owner runs on %1, so this host cannot tell whether it "
                       "is still alive. If it is not, break its lock with: %2 --take-over\n"_s.arg(
                           owner.host, commandLine(call));
    }
    return ExitOwned;
}

// Gives `command` what it needs and runs it.
int dispatch(const Command &command, CommandContext &context)
{
    if (command.needs == Needs::Project)
        return command.handler(context);
    const Invocation &call = context.call;
    context.workspace = call.parser.isSet(call.options.workspace)
                            ? call.parser.value(call.options.workspace)
                            : Workspace::forStoryboard(context.project.filePath);
    const OutputMode mode = call.json() ? OutputMode::Json : OutputMode::Human;
    ReportCommand reports(mode);
    context.reports = &reports;
    if (command.needs == Needs::Workspace)
        return command.handler(context);

    // Declared before the engine: released after the engine has closed the workspace.
    WorkspaceLock lock(context.workspace);
    const bool writes = command.writes == Writes::Yes ||
                        (command.writes == Writes::UnlessListing && call.action != u"list"_s);
    if (writes) {
        if (const std::optional<int> exitCode = takeWorkspace(&lock, context))
            return *exitCode;
        context.lock = &lock;
    }
    Engine engine;
    if (const std::optional<int> exitCode = openEngine(&engine, context))
        return *exitCode;
    CliRunner runner(&engine, mode);
    runner.setQuiet(call.quiet());
    context.engine = &engine;
    context.runner = &runner;
    return command.handler(context);
}

// The workspace the command names (--workspace) or the storyboard's own.
QString workspaceOf(const Invocation &call)
{
    return call.parser.isSet(call.options.workspace) ? call.parser.value(call.options.workspace)
                                                     : Workspace::forStoryboard(call.file);
}

// `checkpoint create|restore` when the workspace's digest is of the storyboard and profiles
// on disk: the stored tasks are the storyboard's, so the checkpoint is made or put back on
// the rows without parsing the storyboard (issue 15, points 4 and 5). Nothing when the
// engine's way must do it.
std::optional<int> checkpointFromDigest(const Invocation &call, const QByteArray &fingerprint,
                                        QTextStream &err)
{
    const CliOptions &options = call.options;
    if (call.command != u"checkpoint"_s ||
        (call.action != u"create"_s && call.action != u"restore"_s) ||
        call.parser.isSet(options.reserve) || call.parser.isSet(options.budget) ||
        call.parser.isSet(options.debugLogging))
        return std::nullopt;
    const QString workspace = workspaceOf(call);
    // A report left pending by Ctrl-C is written by the engine's open: that way, then.
    if (RunReport::hasPending(workspace))
        return std::nullopt;
    const std::optional<StateDigest> digest = StateDigest::read(workspace, fingerprint);
    if (!digest)
        return std::nullopt;
    CommandContext context{call,    digest->skeleton, err,     workspace,  nullptr,
                           nullptr, nullptr,          nullptr, fingerprint};
    WorkspaceLock lock(workspace);
    if (const std::optional<int> exitCode = takeWorkspace(&lock, context))
        return exitCode;
    return FastCheckpoint::run(digest->skeleton, workspace, call.action, call.rest,
                               call.parser.value(options.reason), fingerprint);
}

// A command at scale (status, estimate, a checkpoint of 20,000 tasks) touches tens of MB of
// heap within a fraction of a second; in 4 KB pages a quarter of its time went to page
// faults (BENCHMARKS.md, "Huge pages for short commands"). Its heap is grown by 64 MB at
// once and offered to the kernel's transparent huge pages (where they are enabled with
// "madvise" or "always"); what is not touched costs nothing. Long commands (run, watch)
// keep the default heap: their peak RSS matters more than their start.
void heapInHugePages(int argc, char **argv)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    static const char *const kLong[] = {"run", "watch", "retry-failed", "retry"};
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] == '-')
            continue;
        for (const char *command : kLong) {
            if (std::strcmp(argv[i], command) == 0)
                return;
        }
        break; // the first word that is not an option is the command
    }
    constexpr size_t kPad = size_t(64) << 20;
    constexpr size_t kHuge = size_t(2) << 20;
    mallopt(M_MMAP_THRESHOLD, 32 << 20); // large blocks from the heap too
    mallopt(M_TRIM_THRESHOLD, int(2 * kPad));
    mallopt(M_TOP_PAD, int(kPad));
    // More than the heap has: it grows by 1 MB + kPad.
    auto *const grow = static_cast<char *>(malloc(size_t(1) << 20));
    if (!grow)
        return;
    char *const start = grow + (kHuge - reinterpret_cast<uintptr_t>(grow) % kHuge) % kHuge;
    char *const top = static_cast<char *>(sbrk(0));
    const size_t length = top > start ? size_t(top - start) & ~(kHuge - 1) : 0;
    if (length > 0)
        madvise(start, length, MADV_HUGEPAGE);
    free(grow);
#else
    Q_UNUSED(argc);
    Q_UNUSED(argv);
#endif
}

} // namespace

int main(int argc, char **argv)
{
    heapInHugePages(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"retake-cli"_s);
    QCoreApplication::setOrganizationName(u"Retake"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(RETAKE_VERSION));

    QCommandLineParser parser;
    const CliOptions options;
    setUpParser(&parser, options);
    parser.process(app);

    QTextStream err(stderr);
    Invocation call{parser, options, {}, {}, {}, {}};
    if (const std::optional<int> exitCode = readInvocation(&call, err))
        return *exitCode;
    const ProfileLoad external = ProvidersCommand::externalProfiles(call.file);
    for (const QString &problem : external.problems)
        err << u"retake-cli: "_s << problem << '\n';
    const QByteArray bytes = LightRead::storyboardBytes(call.file);
    const QByteArray fingerprint = LightRead::fingerprint(call.file, bytes, external.profiles);
    if (LightRead::canAnswer(call.command, call.action) && !parser.isSet(options.reserve) &&
        !parser.isSet(options.budget)) {
        const OutputMode mode = call.json() ? OutputMode::Json : OutputMode::Human;
        if (const std::optional<int> exitCode =
                LightRead::answer(call.command, call.action, workspaceOf(call), fingerprint, mode))
            return *exitCode;
    }
    if (!bytes.isEmpty()) {
        if (const std::optional<int> exitCode = checkpointFromDigest(call, fingerprint, err))
            return *exitCode;
    }
    const std::optional<Project> project = loadProject(call.file, external, err);
    if (!project)
        return ExitInvalidInput;
    CommandContext context{call, *project, err, {}, nullptr, nullptr, nullptr, nullptr, {}};
    if (LightRead::storyboardBytes(call.file) == bytes)
        context.fingerprint = fingerprint;
    return dispatch(*findCommand(call.command), context);
}
