// retake-cli: the headless front end. Wiring only: parse arguments, load the storyboard,
// open the engine on its workspace, hand over to CliRunner.
#include "clirunner.h"
#include "engine/engine.h"
#include "project/storyboardloader.h"
#include "providerscommand.h"
#include "reportcommand.h"
#include "store/publisher.h"
#include "store/workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::cli;

namespace {

int g_signalFd[2] = {-1, -1};

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
run and retry-failed take --budget UNITS (stop dispatching before the run's cost would pass
UNITS) and --debug-logging (prompts and provider detail in logs and reports; off by default);
both print the job report's path at the end.
Exit codes: 0 all done, 1 error, 2 invalid input, 3 some tasks failed, 130 interrupted.)";

int checkpointCommand(Engine &engine, const QString &action, const QStringList &rest,
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
        for (const CheckpointInfo &info : engine.checkpoints()) {
            if (json) {
                out << u"{\"id\":\"%1\",\"createdAt\":\"%2\",\"reason\":\"%3\",\"counts\":%4,"
                       "\"bytes\":%5}\n"_s
                           .arg(info.id, info.createdAt.toString(Qt::ISODate), info.reason,
                                info.countsJson.isEmpty() ? u"{}"_s : info.countsJson)
                           .arg(info.sizeBytes);
            } else {
                out << u"%1  %2  %3  %4\n"_s.arg(info.id, -26)
                           .arg(info.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))
                           .arg(info.reason, -32)
                           .arg(info.countsJson);
            }
        }
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"retake-cli"_s);
    QCoreApplication::setOrganizationName(u"Retake"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(RETAKE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Retake — batch monitor for AI media generation (headless).\n\n"_s +
        QString::fromUtf8(kUsage));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"validate, run, status or retry-failed"_s);
    parser.addPositionalArgument(u"file"_s, u"the storyboard (*.retake.json or *.csv)"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON lines instead of text."_s);
    const QCommandLineOption providerOption(
        u"provider"_s, u"retry-failed: re-run the failed tasks on provider ID."_s, u"ID"_s);
    const QCommandLineOption workspaceOption(
        u"workspace"_s, u"Use DIR as the workspace instead of <name>.retake beside FILE."_s,
        u"DIR"_s);
    const QCommandLineOption reasonOption(u"reason"_s, u"checkpoint create: why."_s, u"TEXT"_s);
    const QCommandLineOption partialOption(
        u"allow-partial"_s, u"publish: publish the done tasks even while others are unfinished."_s);
    const QCommandLineOption allCheckpointsOption(
        u"all-checkpoints"_s,
        u"discard: remove every checkpoint first, keep only current outputs."_s);
    const QCommandLineOption reserveOption(
        u"disk-reserve-mb"_s,
        u"Pause writing when less than MB megabytes are free (default 500)."_s, u"MB"_s);
    parser.addOptions({jsonOption, providerOption, workspaceOption, reasonOption, partialOption,
                       allCheckpointsOption, reserveOption});
    // Job reports and estimates (issue 6).
    const QCommandLineOption runOption(u"run"_s, u"report: the run ID (default: the newest)."_s,
                                       u"ID"_s);
    const QCommandLineOption formatOption(u"format"_s, u"report: html (default), json or md."_s,
                                          u"FORMAT"_s, u"html"_s);
    const QCommandLineOption openOption(u"open"_s, u"report: open the report (xdg-open)."_s);
    const QCommandLineOption budgetOption(
        u"budget"_s, u"run: stop dispatching before the run's cost would pass UNITS."_s,
        u"UNITS"_s);
    const QCommandLineOption debugLoggingOption(
        u"debug-logging"_s,
        u"Include prompts and raw provider detail in logs and reports (off by default)."_s);
    parser.addOptions({runOption, formatOption, openOption, budgetOption, debugLoggingOption});
    parser.process(app);

    QTextStream err(stderr);
    QStringList args = parser.positionalArguments();
    const QStringList commands{u"validate"_s,     u"run"_s,        u"status"_s,
                               u"retry-failed"_s, u"checkpoint"_s, u"publish"_s,
                               u"discard"_s,      u"report"_s,     u"estimate"_s};
    if (args.isEmpty()) {
        err << "retake-cli: expected a command and a storyboard file.\n\n" << parser.helpText();
        return ExitInvalidInput;
    }
    const QString command = args.takeFirst();
    if (command == u"providers"_s) {
        QTextStream out(stdout);
        return ProvidersCommand::run(args, out, err);
    }
    if (!commands.contains(command)) {
        err << u"retake-cli: unknown command \"%1\" (use %2).\n"_s.arg(command,
                                                                       commands.join(u", "_s));
        return ExitInvalidInput;
    }
    QString action;
    if (command == u"checkpoint"_s && !args.isEmpty())
        action = args.takeFirst();
    if (args.isEmpty()) {
        err << u"retake-cli: %1 needs a storyboard file.\n"_s.arg(command);
        return ExitInvalidInput;
    }
    const QString file = args.takeFirst();
    if (!args.isEmpty() && command != u"checkpoint"_s) {
        err << u"retake-cli: unexpected argument \"%1\".\n"_s.arg(args.first());
        return ExitInvalidInput;
    }

    // The user's provider profiles (settings) and providers.json beside the storyboard.
    const ProfileLoad external = ProvidersCommand::externalProfiles(file);
    for (const QString &problem : external.problems)
        err << u"retake-cli: "_s << problem << '\n';
    const LoadResult loaded =
        StoryboardLoader::loadFile(file, ProvidersCommand::ids(external.profiles));
    if (!loaded.ok()) {
        err << u"%1: %2 problem(s); nothing was run:\n"_s.arg(file).arg(loaded.issues.size());
        for (const ValidationIssue &issue : loaded.issues)
            err << u"  "_s << issue.toString() << '\n';
        return ExitInvalidInput;
    }
    Project project = *loaded.project;
    ProvidersCommand::mergeInto(&project, external.profiles);
    if (command == u"validate"_s) {
        QTextStream(stdout) << u"%1: valid — %2 scenes, %3 shots, %4 tasks.\n"_s.arg(file)
                                   .arg(project.scenes.size())
                                   .arg(project.shotCount())
                                   .arg(project.taskCount());
        return ExitAllDone;
    }

    const QString workspace = parser.isSet(workspaceOption)
                                  ? parser.value(workspaceOption)
                                  : Workspace::forStoryboard(project.filePath);
    ReportCommand reports(parser.isSet(jsonOption) ? OutputMode::Json : OutputMode::Human);
    if (command == u"report"_s)
        return reports.report(project, workspace, parser.value(runOption),
                              parser.value(formatOption), parser.isSet(openOption),
                              parser.isSet(debugLoggingOption));

    Engine engine;
    QString error;
    if (!engine.open(project, workspace, &error)) {
        err << u"retake-cli: cannot open the workspace %1: %2\n"_s.arg(workspace, error);
        return ExitError;
    }
    if (parser.isSet(reserveOption)) {
        bool ok = false;
        const double mb = parser.value(reserveOption).toDouble(&ok);
        if (!ok || mb < 0) {
            err << "retake-cli: --disk-reserve-mb needs a number of megabytes.\n";
            return ExitInvalidInput;
        }
        EngineOptions options = engine.options();
        options.diskReserveBytes = qint64(mb * 1024 * 1024);
        engine.setOptions(options);
    }
    if (!reports.applyOptions(engine, parser.value(budgetOption), parser.isSet(debugLoggingOption)))
        return ExitInvalidInput;
    reports.reportCrashedRun(engine);
    if (command == u"estimate"_s)
        return reports.estimate(engine);
    const OutputMode mode = parser.isSet(jsonOption) ? OutputMode::Json : OutputMode::Human;
    CliRunner runner(&engine, mode);
    if (command == u"status"_s)
        return runner.printStatus();
    if (command == u"checkpoint"_s)
        return checkpointCommand(engine, action, args, parser.value(reasonOption),
                                 mode == OutputMode::Json);
    if (command == u"discard"_s) {
        qint64 freed = 0;
        QString error;
        const int removed =
            engine.discardUnreferencedOutputs(parser.isSet(allCheckpointsOption), &freed, &error);
        if (removed < 0) {
            err << u"retake-cli: discard: %1\n"_s.arg(error);
            return ExitError;
        }
        QTextStream(stdout) << u"Discarded %1 output file(s), %2 MB freed.\n"_s.arg(removed).arg(
            freed / 1048576.0, 0, 'f', 1);
        return ExitAllDone;
    }
    if (command == u"publish"_s) {
        const BatchSummary summary = engine.summary();
        const int unfinished =
            summary.total - summary.count(TaskState::Done) - summary.count(TaskState::Failed) -
            summary.count(TaskState::Blocked) - summary.count(TaskState::Skipped);
        if (unfinished > 0 && !parser.isSet(partialOption)) {
            err << u"retake-cli: %1 task(s) are not finished (running, queued or interrupted);"
                   " nothing was published. Finish the run first, or publish the done tasks"
                   " with --allow-partial.\n"_s.arg(unfinished);
            return ExitInvalidInput;
        }
        const PublishResult result =
            Publisher::publish(Workspace(engine.workspaceDir()),
                               Publisher::itemsFor(engine.tasks(), engine.allAttempts()));
        if (!result.ok) {
            err << u"retake-cli: publish failed: %1\n"_s.arg(result.message);
            return ExitError;
        }
        QTextStream(stdout) << u"Published: %1.\n"_s.arg(result.message);
        return ExitAllDone;
    }

    if (command == u"retry-failed"_s) {
        if (parser.isSet(providerOption)) {
            const QString provider = parser.value(providerOption);
            if (!engine.providerIds().contains(provider)) {
                err << u"retake-cli: unknown provider \"%1\" (known: %2).\n"_s.arg(
                    provider, engine.providerIds().join(u", "_s));
                return ExitInvalidInput;
            }
            engine.switchProviderForFailed(provider);
        } else {
            engine.retryAllFailed();
        }
    }

    // Ctrl-C cancels cleanly: the handler only writes a byte; the event loop reacts.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        auto *notifier = new QSocketNotifier(g_signalFd[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &runner, [&runner] {
            char byte;
            [[maybe_unused]] const ssize_t n = ::read(g_signalFd[1], &byte, 1);
            runner.interrupt();
        });
        struct sigaction action = {};
        action.sa_handler = onSigint;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
    }
    reports.watch(engine);
    const int exitCode = runner.run();
    reports.reportFinishedRun(engine);
    return exitCode;
}
