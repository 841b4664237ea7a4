#include "remotecommands.h"

#include "session/controlclient.h"
#include "session/controlserver.h"
#include "session/ownerinfo.h"
#include "session/workspacelock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTextStream>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace retake::cli::remote {

namespace {

constexpr int kConnectTimeoutMs = 3000;
constexpr int kRequestTimeoutMs = 15000;

// Connects `client` to the owner of `workspace`; an exit code (and a message saying why and
// what to do) when there is no live owner to talk to.
std::optional<int> connectToOwner(ControlClient &client, const QString &workspace,
                                  const QString &storyboard, OwnerInfo *owner)
{
    QTextStream err(stderr);
    // The owner takes the lock (and writes owner.json) a moment before its control socket
    // listens: while it is alive, keep trying for a few seconds.
    const std::optional<OwnerInfo> live = WorkspaceLock::liveOwner(workspace);
    *owner = live ? *live : WorkspaceLock::recordedOwner(workspace).value_or(OwnerInfo());
    const QString socket =
        owner->socketPath.isEmpty() ? OwnerInfo::socketPathFor(workspace) : owner->socketPath;
    QString error;
    QElapsedTimer waited;
    waited.start();
    do {
        if (client.connectTo(socket, kConnectTimeoutMs, &error))
            return std::nullopt;
        if (!live || !live->isThisHost())
            break;
        QThread::msleep(50);
    } while (waited.elapsed() < kConnectTimeoutMs && WorkspaceLock::liveOwner(workspace));
    if (owner->isValid() && !owner->isThisHost()) {
        err << u"retake-cli: %1 is run by %2 on another machine; it can be watched and steered "
               "only from that machine.\n"_s.arg(workspace, owner->describe());
    } else if (live) {
        err << u"retake-cli: %1 owns %2 but does not answer on its control socket %3 (%4). "
               "Try again in a moment.\n"_s.arg(owner->describe(), workspace, socket, error);
    } else if (owner->isValid()) {
        err << u"retake-cli: nothing is running on %1: its last owner, %2, is gone. See its "
               "state with: retake-cli status %3 (continue it with: retake-cli run %3)\n"_s.arg(
                   workspace, owner->describe(), storyboard);
    } else {
        err << u"retake-cli: nothing is running on %1. See its state with: retake-cli status "
               "%2\n"_s.arg(workspace, storyboard);
    }
    return ExitError;
}

// What `retry` did: the tasks re-queued and those left alone.
int reportRetry(const QJsonObject &reply, const QString &who, QTextStream &out, QTextStream &err)
{
    QStringList retried;
    for (const QJsonValue id : reply.value(u"retried"_s).toArray())
        retried.append(id.toString());
    if (!retried.isEmpty())
        out << u"Re-queued %1 task(s) in %2: %3\n"_s.arg(retried.size())
                   .arg(who, retried.join(u", "_s));
    for (const QJsonValue value : reply.value(u"notRetried"_s).toArray()) {
        const QJsonObject task = value.toObject();
        err << u"retake-cli: %1 is %2: not retried (only failed, blocked or cancelled tasks "
               "are).\n"_s.arg(task.value(u"task"_s).toString(), task.value(u"state"_s).toString());
    }
    return retried.isEmpty() ? ExitInvalidInput : ExitAllDone;
}

} // namespace

int serveRun(Engine &engine, CliRunner &runner, const QString &workspace, const QString &command,
             const std::function<int()> &run)
{
    const OwnerInfo owner = OwnerInfo::forThisProcess(workspace, command);
    ControlServer server(&engine, owner);
    server.setEndsWithBatch(true);
    QString error;
    // The workspace lock has written owner.json (with this socket) already.
    if (!server.listen(&error)) {
        QTextStream(stderr) << u"retake-cli: this run cannot be watched or steered from another "
                               "process: %1.\n"_s.arg(error);
    }
    QObject::connect(&server, &ControlServer::cancelRequested, &runner,
                     &CliRunner::cancelledRemotely);
    QObject::connect(
        &server, &ControlServer::commandExecuted, &runner,
        [&runner](const QString &, qint64, const QString &line) { runner.note(line); });
    const int exitCode = run();
    server.announceEnd(exitCode, runner.endDescription(exitCode));
    return exitCode;
}

int watch(const QString &storyboard, const QString &workspace, OutputMode mode, bool quiet)
{
    ControlClient client;
    OwnerInfo owner;
    if (const std::optional<int> exitCode = connectToOwner(client, workspace, storyboard, &owner))
        return *exitCode;
    CliRunner runner(storyboard, mode);
    runner.setQuiet(quiet);
    return runner.follow(&client);
}

int steer(const QString &command, const QString &storyboard, const QString &workspace,
          const QStringList &taskIds, const QString &provider)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (command == u"retry"_s && taskIds.isEmpty()) {
        err << u"retake-cli: retry needs one or more task ids, e.g. retake-cli retry %1 "
               "s01-sh01/image (see retake-cli status %1).\n"_s.arg(storyboard);
        return ExitInvalidInput;
    }
    ControlClient client;
    OwnerInfo owner;
    if (const std::optional<int> exitCode = connectToOwner(client, workspace, storyboard, &owner))
        return *exitCode;
    const QString who = owner.isValid() ? owner.describe() : u"the owner"_s;
    QJsonObject args;
    if (command == u"retry"_s)
        args.insert(u"tasks"_s, QJsonArray::fromStringList(taskIds));
    if (command == u"retry-failed"_s && !provider.isEmpty())
        args.insert(u"provider"_s, provider);
    const QJsonObject reply = client.request(command, args, kRequestTimeoutMs);
    if (!reply.value(u"ok"_s).toBool()) {
        err << u"retake-cli: %1 did not %2 the run of %3: %4.\n"_s.arg(
            who, command, storyboard, reply.value(u"error"_s).toString());
        // A refusal by the owner is about the request; no answer at all is an error.
        return reply.contains(u"re"_s) ? ExitInvalidInput : ExitError;
    }
    if (command == u"pause"_s) {
        out << u"Paused the run of %1 in %2. Resume it with: retake-cli resume %1\n"_s.arg(
            storyboard, who);
    } else if (command == u"resume"_s) {
        out << u"Resumed the run of %1 in %2.\n"_s.arg(storyboard, who);
    } else if (command == u"cancel"_s) {
        out << u"Asked %2 to cancel the run of %1: it stops the attempts in flight, keeps the "
               "finished work and exits 130. Continue it later with: retake-cli run %1\n"_s.arg(
                   storyboard, who);
    } else if (command == u"retry-failed"_s) {
        out << u"Asked %2 to re-queue the failed tasks of %1%3.\n"_s.arg(
            storyboard, who, provider.isEmpty() ? QString() : u" on "_s + provider);
    } else {
        return reportRetry(reply, who, out, err);
    }
    return ExitAllDone;
}

} // namespace retake::cli::remote
