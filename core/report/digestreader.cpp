#include "digestreader.h"

#include "domain/taskgraph.h"
#include "engine/tasktable.h"
#include "store/stateschema.h"
#include "store/statestore.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// RequestBuilder::paramsHash of an assembly: its inputs' ids, states and outputs.
QByteArray assemblyHash(const TaskNode &node, const QList<TaskSnapshot> &tasks,
                        const Workspace &workspace)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (int d : node.dependencies) {
        const TaskSnapshot &dep = tasks.at(d);
        hash.addData((dep.id + u'|' + nameOf(dep.state) + u'|' +
                      workspace.relativePath(dep.outputPath) + u'\n')
                         .toUtf8());
    }
    return hash.result().toHex();
}

} // namespace

bool DigestReader::open(const QString &workspaceDir, const QByteArray &inputs, bool ownerIsLive,
                        Read read, QString *why)
{
    std::optional<StateDigest> digest;
    if (read == Read::Tasks)
        digest = StateDigest::read(workspaceDir, inputs);
    if (read == Read::Tasks ? !digest : !StateDigest::isCurrent(workspaceDir, inputs)) {
        *why = u"no digest of these inputs"_s;
        return false;
    }
    const QString database = Workspace(workspaceDir).path(u"state.sqlite"_s);
    QString error;
    const std::optional<int> version = StateSchema::probeVersion(database, &error);
    if (!error.isEmpty() || version != StateStore::kSchemaVersion) {
        *why = u"the state database is missing or of another version"_s;
        return false;
    }
    if (!m_reader.open(database, why))
        return false;
    m_workspaceDir = workspaceDir;
    if (read == Read::Tasks) {
        m_title = digest->skeleton.title;
        m_videoSeconds = RunEstimate::videoSecondsOf(digest->skeleton);
        m_providers = digest->providers;
        const TaskGraph graph = TaskGraph::fromProject(digest->skeleton);
        Project preferences;
        preferences.providerPreference = digest->skeleton.providerPreference;
        // Its shots are in the graph now: their memory serves the rows (at 20,000 tasks every
        // page a command touches first costs more than the work on it).
        digest.reset();
        derive(graph, preferences, m_reader.taskLines(), !m_reader.unfinishedRunId().isEmpty(),
               ownerIsLive);
    }
    return true;
}

// StateJournal::restore over the rows, with the digest's project: each task in graph order,
// settled before the next (an assembly's inputs come first).
void DigestReader::derive(const TaskGraph &graph, const Project &project,
                          const QList<TaskLine> &rows, bool continuingRun, bool ownerIsLive)
{
    const Workspace workspace(m_workspaceDir);
    // The rows are usually in graph order (saved so by the first run); a hash only for the
    // others.
    QHash<QString, const TaskLine *> byId;
    const auto rowOf = [&rows, &byId](int i, const QString &id) -> const TaskLine * {
        if (i < rows.size() && rows.at(i).id == id)
            return &rows.at(i);
        if (byId.isEmpty()) {
            byId.reserve(rows.size());
            for (const TaskLine &row : rows)
                byId.insert(row.id, &row);
        }
        return byId.value(id);
    };
    Workspace::ResolvedFolders folders;
    // Ladders by stage and provider override: a few, shared by thousands of tasks.
    QHash<QString, Ladder> ladders;
    const auto ladderOf = [&ladders, &project](Stage stage, const QString &providerOverride) {
        const QString key = QString::number(int(stage)) + u'/' + providerOverride;
        auto it = ladders.find(key);
        if (it == ladders.end())
            it = ladders.insert(key, TaskTable::ladderFor(project, stage, providerOverride));
        return *it;
    };
    const Ladder plain[] = {ladderOf(Stage::Image, {}), ladderOf(Stage::Video, {}),
                            ladderOf(Stage::Audio, {}), ladderOf(Stage::Assembly, {})};
    const auto plainLadder = [&plain](Stage stage) {
        switch (stage) {
        case Stage::Image:
            return plain[0];
        case Stage::Video:
            return plain[1];
        case Stage::Audio:
            return plain[2];
        case Stage::Assembly:
            break;
        }
        return plain[3];
    };
    m_tasks.clear();
    m_tasks.reserve(graph.size());
    m_summary = BatchSummary();
    for (int i = 0; i < graph.size(); ++i) {
        const TaskNode &node = graph.at(i);
        TaskSnapshot t;
        t.id = node.id;
        t.sceneId = node.sceneId;
        t.shotId = node.shotId;
        t.stage = node.stage;
        t.state = node.dependencies.isEmpty() ? TaskState::Queued : TaskState::Waiting;
        Ladder ladder = plainLadder(t.stage);
        int rungIndex = 0;
        const TaskLine *s = rowOf(i, t.id);
        // A task the engine never saved may still have attempts (rare: counted one by one).
        t.attemptCount = s ? s->attempts : m_reader.attemptCount(t.id);
        if (s) {
            t.lastError = s->lastError;
            t.lastMessage = s->lastMessage;
            if (!s->providerOverride.isEmpty())
                ladder = ladderOf(t.stage, s->providerOverride);
            // Shots and voice-overs are current (the digest is of these inputs); an
            // assembly is current while its inputs are as they were.
            if (t.stage == Stage::Assembly &&
                s->paramsHash != assemblyHash(node, m_tasks, workspace)) {
                t.lastError = ErrorClass::None;
                t.lastMessage = QCoreApplication::translate(
                    "retake::Engine", "the shot was edited since the last run; it will run again");
            } else {
                if (continuingRun || s->state == TaskState::Done)
                    rungIndex = std::clamp(s->rungIndex, 0, int(ladder.size()) - 1);
                QString output =
                    ownerIsLive ? workspace.existingConfined(s->outputPath, u"draft"_s, &folders)
                                : workspace.confinedByName(s->outputPath, u"draft"_s);
                const bool outputExists = !output.isEmpty();
                if (!outputExists && ownerIsLive)
                    output = workspace.confined(s->outputPath, u"draft"_s);
                const bool outputEscapes = !s->outputPath.isEmpty() && output.isEmpty();
                if (s->state == TaskState::Done && outputEscapes) {
                    t.lastMessage =
                        QCoreApplication::translate(
                            "retake::Engine",
                            "its output path in the state (%1) leads outside the workspace's "
                            "draft/ folder; it was not used and the task will run again")
                            .arg(s->outputPath);
                } else if (s->state == TaskState::Done && outputExists) {
                    t.outputPath = output;
                    t.quality = s->quality;
                    t.state = TaskState::Done;
                } else if (s->state == TaskState::Failed || s->state == TaskState::Skipped ||
                           s->state == TaskState::Cancelled) {
                    t.state = s->state;
                } else if (s->state == TaskState::Running) {
                    t.state = ownerIsLive ? TaskState::Running : TaskState::Interrupted;
                }
            }
        }
        if (t.state == TaskState::Waiting || t.state == TaskState::Queued ||
            t.state == TaskState::Blocked)
            t.state = graph.readiness(i, [this](int d) { return m_tasks.at(d).state; });
        t.rung = ladder.value(rungIndex).kind;
        t.providerId = ladder.value(rungIndex).providerId;
        m_summary.counts[t.state] += 1;
        if (t.quality != Quality::None)
            m_summary.qualities[t.quality] += 1;
        m_tasks.append(std::move(t));
    }
    m_summary.total = int(m_tasks.size());
}

RunEstimate DigestReader::estimate() const
{
    QList<ProviderInfo> providers;
    for (const StateDigest::Provider &p : m_providers)
        providers << ProviderInfo{p.id, p.kind, p.model, p.costPerUnit,
                                  std::max(1, p.maxConcurrency)};
    // Summed in SQL; read one by one only when a time is written otherwise.
    const std::optional<QList<StateRows::DurationSum>> sums = m_reader.attemptDurations();
    const QHash<QString, QList<Attempt>> history =
        sums ? QHash<QString, QList<Attempt>>() : m_reader.attemptTimes();
    const auto addMeasured = [&sums, &history](UsageEstimator &estimator) {
        if (!sums) {
            estimator.addHistory(history);
            return;
        }
        for (const StateRows::DurationSum &sum : *sums)
            estimator.addMeasured(sum.providerId, sum.stage, sum.totalMs, sum.count);
    };
    return RunEstimate::from(m_title, m_videoSeconds, providers, addMeasured, m_tasks);
}

} // namespace retake
