#include "fastcheckpoint.h"

#include "clirunner.h"
#include "domain/taskgraph.h"
#include "store/statestore.h"
#include "store/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace retake::cli;

namespace retake {

namespace {

// The storyboard's task ids, when the stored rows are exactly those tasks.
std::optional<QSet<QString>> sameTasks(const Project &project, const StateStore &store)
{
    QSet<QString> expected;
    const TaskGraph graph = TaskGraph::fromProject(project);
    expected.reserve(graph.nodes().size());
    for (const TaskNode &node : graph.nodes())
        expected.insert(node.id);
    const QStringList stored = store.taskIds();
    if (stored.size() != expected.size())
        return std::nullopt;
    for (const QString &id : stored) {
        if (!expected.contains(id))
            return std::nullopt;
    }
    return expected;
}

int create(StateStore &store, const Workspace &workspace, const QString &reason)
{
    // What the engine's open does first for a writer: an older checkpoint's leftovers go.
    store.recoverCheckpoints(workspace.path(u"checkpoints"_s));
    QString error;
    const QString why = reason.isEmpty() ? u"manual"_s : reason;
    const CheckpointInfo info = store.createCheckpoint(why, store.countsJson(), &error);
    if (info.id.isEmpty()) {
        QTextStream(stderr) << u"retake-cli: could not create a checkpoint: %1\n"_s.arg(error);
        return ExitError;
    }
    QTextStream(stdout) << u"Created checkpoint %1 (%2, %3 KB).\n"_s.arg(info.id, info.reason)
                               .arg(info.sizeBytes / 1024);
    return ExitAllDone;
}

std::optional<int> restore(StateStore &store, const Workspace &workspace, const QString &id,
                           const QSet<QString> &tasks, const QByteArray &inputs)
{
    bool rows = false;
    for (const CheckpointInfo &info : store.checkpoints())
        rows |= info.id == id && info.file.isEmpty();
    if (!rows)
        return std::nullopt; // unknown, or an older Retake's file: the engine says or reads it
    // A light reader's digest says the task rows are current for the storyboard on disk
    // (issue 15 point 4, state.digest.json). It stays when the checkpoint's rows were
    // current for the same inputs (their meta says so); otherwise it goes first, and a kill
    // after this and before the commit only makes the next read take the long way.
    if (inputs.isEmpty() || store.checkpointInputs(id) != inputs || store.rowsInputs() != inputs)
        QFile::remove(workspace.path(u"state.digest.json"_s));
    QString error;
    const CheckpointInfo undo = store.restoreCheckpoint(
        id, nullptr, CheckpointReason::beforeRestore(id), store.countsJson(), &error);
    if (undo.id.isEmpty()) {
        QTextStream(stderr) << u"retake-cli: could not restore %1: %2\n"_s.arg(id, error);
        return ExitInvalidInput;
    }
    // Done as the engine takes it on its next open (which looks at the files again): a task
    // of the storyboard, stored done, its output inside draft/.
    int done = 0;
    const QHash<QString, QString> outputs = store.doneOutputs();
    for (auto it = outputs.cbegin(); it != outputs.cend(); ++it) {
        done +=
            tasks.contains(it.key()) && !workspace.confinedByName(it.value(), u"draft"_s).isEmpty();
    }
    QTextStream(stdout) << u"Restored checkpoint %1. Later outputs stay on disk until "
                           "'retake-cli discard'. %2 tasks: %3 done.\n"_s.arg(id)
                               .arg(tasks.size())
                               .arg(done);
    return ExitAllDone;
}

} // namespace

std::optional<int> FastCheckpoint::run(const Project &project, const QString &workspaceDir,
                                       const QString &action, const QStringList &rest,
                                       const QString &reason, const QByteArray &inputs)
{
    if (qEnvironmentVariableIsSet("RETAKE_TEST_ENGINE_CHECKPOINTS") ||
        (action != u"create"_s && action != u"restore"_s) ||
        (action == u"restore"_s && rest.isEmpty()))
        return std::nullopt;
    const Workspace workspace(workspaceDir);
    const QString database = workspace.path(u"state.sqlite"_s);
    if (!QFileInfo(database).isFile())
        return std::nullopt;
    StateStore store;
    QString error;
    if (!store.open(database, &error) || !store.unfinishedRunId().isEmpty())
        return std::nullopt; // the engine says why it cannot open, or deals with the run
    const std::optional<QSet<QString>> tasks = sameTasks(project, store);
    if (!tasks)
        return std::nullopt;
    if (action == u"create"_s)
        return create(store, workspace, reason);
    return restore(store, workspace, rest.first(), *tasks, inputs);
}

} // namespace retake
