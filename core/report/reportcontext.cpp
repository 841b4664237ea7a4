#include "reportcontext.h"

#include "domain/taskgraph.h"
#include "domain/taskid.h"
#include "engine/ladder.h"
#include "report/statereader.h"

#include <QDir>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr auto kPromptWithheld = u"[prompt withheld]";
constexpr auto kNegativeWithheld = u"[negative prompt withheld]";

} // namespace

ReportContext::ReportContext(const Project &project, const QString &workspaceDir,
                             const ReportOptions &options, const QList<ProviderInfo> &providers)
    : project(project), workspaceDir(workspaceDir), workspace(workspaceDir), options(options),
      providers(providers)
{
    for (const ProviderInfo &info : providers)
        providerInfo.insert(info.id, info);
}

bool ReportContext::load(const QString &runId, const QList<TaskSnapshot> &liveTasks, QString *error)
{
    StateReader reader;
    if (!reader.open(workspace.path(u"state.sqlite"_s), error))
        return false;
    if (!selectRun(reader.runs(), runId, error))
        return false;
    ended = run.endedAt.isValid();
    crashed = !ended && options.processDied;
    now = QDateTime::currentDateTimeUtc();
    indexProject();

    QList<StoredTask> stored = reader.tasks();
    orderTasks(stored, liveTasks);
    allAttempts = reader.attempts();
    // A report uses an attempt's parameters for its prompt only, and only with debug
    // logging on: without it they would be held for nothing.
    if (!options.debugLogging) {
        for (QList<Attempt> &list : allAttempts) {
            for (Attempt &a : list)
                a.params.clear();
        }
    }
    events = reader.events();
    resolveTasks(std::move(stored), liveTasks);
    for (const QString &id : std::as_const(order))
        tasksOfShot[shotIdOf(id)] << id;
    checkpoints = reader.checkpoints();
    return true;
}

bool ReportContext::selectRun(const QList<RunRecord> &runs, const QString &runId, QString *error)
{
    if (runs.isEmpty()) {
        *error = u"no run is recorded in %1 yet; start one with retake-cli run"_s.arg(
            QDir::toNativeSeparators(workspaceDir));
        return false;
    }
    qsizetype runIndex = runs.size() - 1;
    if (!runId.isEmpty()) {
        runIndex = -1;
        for (qsizetype i = 0; i < runs.size(); ++i) {
            if (runs.at(i).id == runId)
                runIndex = i;
        }
        if (runIndex < 0) {
            QStringList ids;
            for (const RunRecord &r : runs)
                ids << r.id;
            *error = u"there is no run \"%1\" in this workspace (runs: %2)"_s.arg(
                runId, ids.join(u", "_s));
            return false;
        }
    }
    run = runs.at(runIndex);
    // What happened between two runs (a user's retry, the checkpoint before it) led to the
    // later run: a run owns the time from the end of the run before it, or from its own
    // start, until its end, or for the newest run until now.
    windowStart = run.startedAt;
    if (runIndex > 0 && runs.at(runIndex - 1).endedAt.isValid())
        windowStart = std::min(windowStart, runs.at(runIndex - 1).endedAt);
    if (runIndex + 1 < runs.size()) {
        windowEnd = run.endedAt.isValid() ? std::min(run.endedAt, runs.at(runIndex + 1).startedAt)
                                          : runs.at(runIndex + 1).startedAt;
    }
    return true;
}

void ReportContext::indexProject()
{
    for (const Scene &scene : project.scenes) {
        scenes.insert(scene.id, &scene);
        // A voice-over's text is the audio stage's prompt.
        if (!options.debugLogging)
            redactor.addPrivateText(scene.voiceOver.text, QString::fromUtf16(kPromptWithheld));
        for (const Shot &shot : scene.shots) {
            shots.insert(shot.id, ShotRef{&scene, &shot});
            if (!options.debugLogging) {
                redactor.addPrivateText(shot.prompt, QString::fromUtf16(kPromptWithheld));
                // The simplified-prompt rung sends (and its attempt records) this form.
                redactor.addPrivateText(simplifyPrompt(shot.prompt),
                                        QString::fromUtf16(kPromptWithheld));
                redactor.addPrivateText(shot.negativePrompt, QString::fromUtf16(kNegativeWithheld));
            }
        }
    }
}

void ReportContext::orderTasks(const QList<StoredTask> &stored,
                               const QList<TaskSnapshot> &liveTasks)
{
    // Tasks in storyboard order (a live engine's order when there is one), then any the
    // database has beyond the storyboard's.
    QSet<QString> listed;
    for (const TaskSnapshot &t : liveTasks) {
        order << t.id;
        listed.insert(t.id);
    }
    // Only the stages each shot has (an image-only shot has no video task).
    QSet<QString> shotTasks;
    const TaskGraph graph = TaskGraph::fromProject(project);
    for (const TaskNode &node : graph.nodes()) {
        if (node.shotIndex < 0)
            continue;
        shotTasks.insert(node.id);
        if (liveTasks.isEmpty()) {
            order << node.id;
            listed.insert(node.id);
        }
    }
    // Then scene-level tasks (assemblies) in scene order, then anything else (the final
    // assembly), each in the order the engine saved them. A stored task of a shot in the
    // storyboard that no longer has that stage (its stages changed) is not the run's.
    QList<QStringList> sceneTasks(project.scenes.size() + 1);
    for (const StoredTask &t : stored) {
        const std::optional<Stage> stage = TaskId::stageOf(t.id);
        const bool shotStage = stage == Stage::Image || stage == Stage::Video;
        if (listed.contains(t.id) ||
            (shotStage && shots.contains(TaskId::itemOf(t.id)) && !shotTasks.contains(t.id)))
            continue;
        const QString owner = TaskId::itemOf(t.id);
        qsizetype slot = project.scenes.size();
        for (qsizetype i = 0; i < project.scenes.size(); ++i) {
            if (project.scenes.at(i).id == owner)
                slot = i;
        }
        sceneTasks[slot] << t.id;
    }
    for (const QStringList &ids : std::as_const(sceneTasks))
        order << ids;
}

void ReportContext::resolveTasks(QList<StoredTask> storedList, const QList<TaskSnapshot> &liveTasks)
{
    // Moved, not copied: at the end of a big run every task is stored, and this is the peak
    // of a report's memory.
    QHash<QString, StoredTask> stored;
    stored.reserve(storedList.size());
    for (StoredTask &t : storedList) {
        QString id = t.id;
        stored.insert(id, std::move(t));
    }
    storedList = {};
    QHash<QString, TaskSnapshot> live;
    for (const TaskSnapshot &t : liveTasks) {
        if (!stored.contains(t.id))
            live.insert(t.id, t);
    }
    // A task the engine never saved has not changed since the batch was built: it is as
    // ready as the DAG makes it from the states of its inputs.
    std::optional<TaskGraph> graph;
    QHash<QString, int> graphIndex;
    tasks.reserve(order.size());
    for (const QString &id : std::as_const(order)) {
        if (auto found = stored.find(id); found != stored.end()) {
            StoredTask t = std::move(found.value());
            stored.erase(found);
            if (crashed && t.state == TaskState::Running)
                t.state = TaskState::Interrupted;
            tasks.insert(id, t);
            continue;
        }
        StoredTask t;
        t.id = id;
        if (live.contains(id)) {
            const TaskSnapshot &snap = live[id];
            t.state = snap.state;
            t.quality = snap.quality;
            t.rung = snap.rung;
            t.providerId = snap.providerId;
            t.attemptCount = snap.attemptCount;
            t.lastError = snap.lastError;
            t.lastMessage = snap.lastMessage;
            t.lastHttpStatus = snap.lastHttpStatus;
            tasks.insert(id, t);
            continue;
        }
        if (!graph) {
            graph = TaskGraph::fromProject(project);
            for (int i = 0; i < graph->size(); ++i)
                graphIndex.insert(graph->at(i).id, i);
        }
        const int node = graphIndex.value(id, -1);
        t.state = node < 0 ? TaskState::Queued : graph->readiness(node, [&](int input) {
            const QString &inputId = graph->at(input).id;
            return tasks.contains(inputId) ? tasks.value(inputId).state : TaskState::Queued;
        });
        const QStringList preference =
            project.providerPreference.value(TaskId::stageOf(id).value_or(Stage::Image));
        t.providerId =
            preference.isEmpty() ? QString::fromUtf16(kBuiltinProviderId) : preference.first();
        tasks.insert(id, t);
    }
}

bool ReportContext::inRun(const QDateTime &time) const
{
    return time.isValid() && time >= windowStart && (!windowEnd.isValid() || time < windowEnd);
}

QList<Attempt> ReportContext::runAttemptsOf(const QString &taskId) const
{
    QList<Attempt> list;
    for (const Attempt &a : allAttempts.value(taskId)) {
        if (inRun(a.startedAt))
            list << a;
    }
    return list;
}

std::optional<Attempt> ReportContext::lastFailureOf(const QString &taskId) const
{
    const QList<Attempt> list = allAttempts.value(taskId);
    for (auto it = list.crbegin(); it != list.crend(); ++it) {
        if (failedAttempt(*it) && it->errorClass != ErrorClass::Cancelled)
            return *it;
    }
    return std::nullopt;
}

double ReportContext::videoSeconds(const QString &taskId) const
{
    const ShotRef ref = shots.value(shotIdOf(taskId));
    return ref.shot ? ref.shot->video.durationSec : 1.0;
}

QJsonObject ReportContext::errorObject(ErrorClass cls, int httpStatus, const QString &message) const
{
    return QJsonObject{
        {u"class"_s, nameOf(cls)}, {u"httpStatus"_s, httpStatus}, {u"message"_s, clean(message)}};
}

Stage ReportContext::stageOf(const QString &taskId)
{
    return TaskId::stageOf(taskId).value_or(Stage::Image);
}

QString ReportContext::iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonValue ReportContext::isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(iso(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue ReportContext::stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

qint64 ReportContext::durationOf(const Attempt &a)
{
    if (!a.startedAt.isValid() || !a.endedAt.isValid())
        return 0;
    return std::max<qint64>(0, a.durationMs());
}

} // namespace retake
