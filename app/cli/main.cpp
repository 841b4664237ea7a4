// retake-cli: the headless front end. Wiring only: parse arguments, load the storyboard,
// open the engine on its workspace, hand over to CliRunner.
#include "clirunner.h"
#include "engine/engine.h"
#include "project/storyboardloader.h"
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
Exit codes: 0 all done, 1 error, 2 invalid input, 3 some tasks failed, 130 interrupted.)";

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
    parser.addOptions({jsonOption, providerOption, workspaceOption});
    parser.process(app);

    QTextStream err(stderr);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2) {
        err << "retake-cli: expected a command and a storyboard file.\n\n" << parser.helpText();
        return ExitInvalidInput;
    }
    const QString command = args.at(0);
    const QString file = args.at(1);
    const QStringList commands{u"validate"_s, u"run"_s, u"status"_s, u"retry-failed"_s};
    if (!commands.contains(command)) {
        err << u"retake-cli: unknown command \"%1\" (use %2).\n"_s.arg(command,
                                                                       commands.join(u", "_s));
        return ExitInvalidInput;
    }

    const LoadResult loaded = StoryboardLoader::loadFile(file);
    if (!loaded.ok()) {
        err << u"%1: %2 problem(s); nothing was run:\n"_s.arg(file).arg(loaded.issues.size());
        for (const ValidationIssue &issue : loaded.issues)
            err << u"  "_s << issue.toString() << '\n';
        return ExitInvalidInput;
    }
    const Project &project = *loaded.project;
    if (command == u"validate"_s) {
        QTextStream(stdout) << u"%1: valid — %2 scenes, %3 shots, %4 tasks.\n"_s.arg(file)
                                   .arg(project.scenes.size())
                                   .arg(project.shotCount())
                                   .arg(project.shotCount() * 2);
        return ExitAllDone;
    }

    const QString workspace = parser.isSet(workspaceOption)
                                  ? parser.value(workspaceOption)
                                  : Workspace::forStoryboard(project.filePath);
    Engine engine;
    QString error;
    if (!engine.open(project, workspace, &error)) {
        err << u"retake-cli: cannot open the workspace %1: %2\n"_s.arg(workspace, error);
        return ExitError;
    }
    const OutputMode mode = parser.isSet(jsonOption) ? OutputMode::Json : OutputMode::Human;
    CliRunner runner(&engine, mode);
    if (command == u"status"_s)
        return runner.printStatus();

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
    return runner.run();
}
