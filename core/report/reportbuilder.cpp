#include "reportbuilder.h"

#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/redactor.h"
#include "report/statereader.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr auto kPromptWithheld = u"[prompt withheld]";
constexpr auto kNegativeWithheld = u"[negative prompt withheld]";

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonValue isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(iso(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

qint64 durationOf(const Attempt &a)
{
    if (!a.startedAt.isValid() || !a.endedAt.isValid())
        return 0;
    return std::max<qint64>(0, a.durationMs());
}

bool failedAttempt(const Attempt &a)
{
    return a.errorClass != ErrorClass::None;
}

// The engine's outcome names (runs.outcome) in the report's vocabulary.
QString outcomeName(const QString &engineOutcome)
{
    if (engineOutcome == u"budget cap"_s)
        return u"budget-cap"_s;
    for (const QString &known :
         {u"complete"_s, u"partial"_s, u"cancelled"_s, u"crashed-and-resumed"_s}) {
        if (engineOutcome == known)
            return known;
    }
    return u"partial"_s;
}

QString outcomeExplanation(const QString &outcome)
{
    if (outcome == u"complete"_s)
        return u"Every task finished."_s;
    if (outcome == u"partial"_s)
        return u"The run ended with tasks that failed or are blocked; they need a user action."_s;
    if (outcome == u"cancelled"_s)
        return u"The run was cancelled; finished outputs are kept and the rest continues on the "
               u"next run."_s;
    if (outcome == u"budget-cap"_s)
        return u"Dispatching stopped before the run's budget cap would have been exceeded; "
               u"the remaining tasks are still queued and run with a higher cap."_s;
    if (outcome == u"crashed-and-resumed"_s)
        return u"The process running the batch stopped without finishing it (crash or kill); "
               u"the run was resumed on the next open and finished."_s;
    if (outcome == u"crashed"_s)
        return u"The process running the batch stopped without finishing it (crash or kill). "
               u"This partial report was written at the next open; running tasks are "
               u"interrupted and resume on the next run."_s;
    return u"The run has not ended: it is still running, or its process stopped and the "
           u"workspace has not been opened since."_s;
}

struct ShotRef {
    const Scene *scene = nullptr;
    const Shot *shot = nullptr;
};

// Recovery path entries are merged from attempts and events by time.
struct TimedEntry {
    QDateTime time;
    int order = 0; // stable tie-break: attempts by number, events by id
    QJsonObject object;
};

} // namespace

ReportBuilder::ReportBuilder(const Project &project, const QString &workspaceDir)
    : m_project(project), m_workspaceDir(workspaceDir), m_providers(providersOf(project))
{
}

QList<ProviderInfo> ReportBuilder::providersOf(const Project &project)
{
    QList<ProviderInfo> list;
    bool builtin = false;
    for (const ProviderProfile &profile : project.providers) {
        list << ProviderInfo{profile.id, profile.kind, profile.model, profile.costPerUnit,
                             std::max(1, profile.maxConcurrency)};
        builtin = builtin || profile.id == QString::fromUtf16(kBuiltinProviderId);
    }
    if (!builtin) {
        list << ProviderInfo{QString::fromUtf16(kBuiltinProviderId), u"local"_s, QString(), 0.0, 4};
    }
    return list;
}

QString ReportBuilder::reportDirectory(const QString &workspaceDir, const QString &runId)
{
    return Workspace(workspaceDir).path(u"reports/"_s + runId);
}

QString ReportBuilder::newestRunId(const QString &workspaceDir, QString *error)
{
    StateReader reader;
    if (!reader.open(Workspace(workspaceDir).path(u"state.sqlite"_s), error))
        return {};
    const QList<RunRecord> runs = reader.runs();
    if (runs.isEmpty()) {
        if (error)
            *error = u"no run is recorded in %1 yet; start one with retake-cli run"_s.arg(
                QDir::toNativeSeparators(workspaceDir));
        return {};
    }
    return runs.last().id;
}

bool ReportBuilder::build(const QString &runId, QString *error)
{
    QString localError;
    QString &why = error ? *error : localError;
    const Workspace workspace(m_workspaceDir);
    StateReader reader;
    if (!reader.open(workspace.path(u"state.sqlite"_s), &why))
        return false;

    // The run and its window.
    const QList<RunRecord> runs = reader.runs();
    if (runs.isEmpty()) {
        why = u"no run is recorded in %1 yet; start one with retake-cli run"_s.arg(
            QDir::toNativeSeparators(m_workspaceDir));
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
            for (const RunRecord &run : runs)
                ids << run.id;
            why = u"there is no run \"%1\" in this workspace (runs: %2)"_s.arg(runId,
                                                                               ids.join(u", "_s));
            return false;
        }
    }
    const RunRecord run = runs.at(runIndex);
    // What happened between two runs (a user's retry, the checkpoint before it) led to the
    // later run: a run owns the time from the end of the run before it, or from its own
    // start, until its end, or for the newest run until now.
    QDateTime windowStart = run.startedAt;
    if (runIndex > 0 && runs.at(runIndex - 1).endedAt.isValid())
        windowStart = std::min(windowStart, runs.at(runIndex - 1).endedAt);
    QDateTime windowEnd;
    if (runIndex + 1 < runs.size()) {
        windowEnd = run.endedAt.isValid() ? std::min(run.endedAt, runs.at(runIndex + 1).startedAt)
                                          : runs.at(runIndex + 1).startedAt;
    }
    const auto inRun = [&](const QDateTime &time) {
        return time.isValid() && time >= windowStart && (!windowEnd.isValid() || time < windowEnd);
    };
    const bool ended = run.endedAt.isValid();
    const bool crashed = !ended && m_options.processDied;
    const QDateTime now = QDateTime::currentDateTimeUtc();

    // Project lookups and privacy.
    QHash<QString, ShotRef> shots;
    QHash<QString, const Scene *> scenes;
    Redactor redactor;
    for (const Scene &scene : m_project.scenes) {
        scenes.insert(scene.id, &scene);
        // A voice-over's text is the audio stage's prompt.
        if (!m_options.debugLogging)
            redactor.addPrivateText(scene.voiceOver.text, QString::fromUtf16(kPromptWithheld));
        for (const Shot &shot : scene.shots) {
            shots.insert(shot.id, ShotRef{&scene, &shot});
            if (!m_options.debugLogging) {
                redactor.addPrivateText(shot.prompt, QString::fromUtf16(kPromptWithheld));
                redactor.addPrivateText(shot.negativePrompt, QString::fromUtf16(kNegativeWithheld));
            }
        }
    }
    const auto clean = [&](const QString &text) { return redactor.apply(text); };
    QHash<QString, ProviderInfo> providerInfo;
    for (const ProviderInfo &info : std::as_const(m_providers))
        providerInfo.insert(info.id, info);

    // Tasks in storyboard order, then any the database has beyond the storyboard's.
    QList<StoredTask> storedList = reader.tasks();
    QHash<QString, StoredTask> stored;
    for (const StoredTask &t : std::as_const(storedList))
        stored.insert(t.id, t);
    QStringList order;
    QSet<QString> listed;
    QHash<QString, TaskSnapshot> live;
    for (const TaskSnapshot &t : std::as_const(m_liveTasks)) {
        live.insert(t.id, t);
        order << t.id;
        listed.insert(t.id);
    }
    for (const Scene &scene : m_project.scenes) {
        if (!m_liveTasks.isEmpty())
            break;
        for (const Shot &shot : scene.shots) {
            for (const Stage stage : {Stage::Image, Stage::Video}) {
                order << shot.id + u'/' + nameOf(stage);
                listed.insert(order.last());
            }
        }
    }
    // Then scene-level tasks (assemblies) in scene order, then anything else (the final
    // assembly), each in the order the engine saved them.
    QList<QStringList> sceneTasks(m_project.scenes.size() + 1);
    for (const StoredTask &t : std::as_const(storedList)) {
        if (listed.contains(t.id))
            continue;
        const QString owner = t.id.section(u'/', 0, -2);
        qsizetype slot = m_project.scenes.size();
        for (qsizetype i = 0; i < m_project.scenes.size(); ++i) {
            if (m_project.scenes.at(i).id == owner)
                slot = i;
        }
        sceneTasks[slot] << t.id;
    }
    for (const QStringList &ids : std::as_const(sceneTasks))
        order << ids;
    const QHash<QString, QList<Attempt>> allAttempts = reader.attempts();
    const QList<StoredEvent> events = reader.events();

    // A task the engine never saved has not changed since the batch was built: the first
    // stage of a shot is queued, a later one waits for (or is blocked by) the one before.
    QHash<QString, StoredTask> tasks;
    for (const QString &id : std::as_const(order)) {
        if (stored.contains(id)) {
            StoredTask t = stored.value(id);
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
        const QString shotId = id.section(u'/', 0, -2);
        const QString imageId = shotId + u"/image"_s;
        if (id == imageId) {
            t.state = TaskState::Queued;
        } else {
            const TaskState up =
                tasks.contains(imageId) ? tasks.value(imageId).state : TaskState::Queued;
            t.state = up == TaskState::Done                                 ? TaskState::Queued
                      : up == TaskState::Failed || up == TaskState::Blocked ? TaskState::Blocked
                                                                            : TaskState::Waiting;
        }
        const QStringList preference = m_project.providerPreference.value(
            stageFromString(id.section(u'/', -1)).value_or(Stage::Image));
        t.providerId =
            preference.isEmpty() ? QString::fromUtf16(kBuiltinProviderId) : preference.first();
        tasks.insert(id, t);
    }

    const auto runAttemptsOf = [&](const QString &taskId) {
        QList<Attempt> list;
        for (const Attempt &a : allAttempts.value(taskId)) {
            if (inRun(a.startedAt))
                list << a;
        }
        return list;
    };
    const auto lastFailureOf = [&](const QString &taskId) -> std::optional<Attempt> {
        const QList<Attempt> list = allAttempts.value(taskId);
        for (auto it = list.crbegin(); it != list.crend(); ++it) {
            if (failedAttempt(*it) && it->errorClass != ErrorClass::Cancelled)
                return *it;
        }
        return std::nullopt;
    };
    const auto stageOf = [](const QString &taskId) {
        return stageFromString(taskId.section(u'/', -1)).value_or(Stage::Image);
    };
    const auto shotIdOf = [](const QString &taskId) { return taskId.section(u'/', 0, -2); };
    QHash<QString, QStringList> tasksOfShot; // in order
    for (const QString &id : std::as_const(order))
        tasksOfShot[shotIdOf(id)] << id;
    const auto videoSeconds = [&](const QString &taskId) {
        const ShotRef ref = shots.value(shotIdOf(taskId));
        return ref.shot ? ref.shot->video.durationSec : 1.0;
    };
    const auto errorObject = [&](ErrorClass cls, int httpStatus, const QString &message) {
        return QJsonObject{{u"class"_s, nameOf(cls)},
                           {u"httpStatus"_s, httpStatus},
                           {u"message"_s, clean(message)}};
    };

    // ---- Header
    const QString outcome =
        ended ? outcomeName(run.outcome) : (crashed ? u"crashed"_s : u"unfinished"_s);
    bool resumed = false;
    for (const StoredEvent &e : events)
        resumed = resumed || (e.kind == u"run-resumed"_s && e.detail == run.id);
    QJsonObject runObject{
        {u"id"_s, run.id},
        {u"startedAt"_s, iso(run.startedAt)},
        {u"endedAt"_s, isoOrNull(run.endedAt)},
        {u"durationMs"_s,
         ended ? QJsonValue(run.startedAt.msecsTo(run.endedAt)) : QJsonValue(QJsonValue::Null)},
        {u"outcome"_s, outcome},
        {u"partial"_s, outcome != u"complete"_s},
        {u"outcomeExplanation"_s, outcomeExplanation(outcome)},
        {u"resumedAfterCrash"_s, resumed},
        {u"debugLogging"_s, m_options.debugLogging},
        {u"budgetCap"_s, m_options.budgetCap > 0.0 ? QJsonValue(m_options.budgetCap)
                                                   : QJsonValue(QJsonValue::Null)},
        {u"statesAsOf"_s, iso(now)},
    };

    // ---- Counts
    QJsonObject stateCounts;
    for (const TaskState state :
         {TaskState::Waiting, TaskState::Queued, TaskState::Running, TaskState::Retrying,
          TaskState::Done, TaskState::Failed, TaskState::Blocked, TaskState::Interrupted,
          TaskState::Cancelled, TaskState::Skipped}) {
        stateCounts.insert(nameOf(state), 0);
    }
    QJsonObject qualityCounts{
        {nameOf(Quality::Full), 0}, {nameOf(Quality::Reduced), 0}, {nameOf(Quality::Fallback), 0}};
    int degraded = 0;
    int runAttemptCount = 0;
    int runFailedAttempts = 0;
    for (const QString &id : std::as_const(order)) {
        const StoredTask &t = tasks[id];
        const QString state = nameOf(t.state);
        stateCounts.insert(state, stateCounts.value(state).toInt() + 1);
        if (t.state == TaskState::Done && t.quality != Quality::None) {
            const QString quality = nameOf(t.quality);
            qualityCounts.insert(quality, qualityCounts.value(quality).toInt() + 1);
            degraded += isDegraded(t.quality) ? 1 : 0;
        }
        for (const Attempt &a : runAttemptsOf(id)) {
            ++runAttemptCount;
            runFailedAttempts += failedAttempt(a) ? 1 : 0;
        }
    }
    const QJsonObject counts{
        {u"total"_s, int(order.size())},  {u"states"_s, stateCounts},
        {u"qualities"_s, qualityCounts},  {u"degraded"_s, degraded},
        {u"attempts"_s, runAttemptCount}, {u"failedAttempts"_s, runFailedAttempts}};

    // ---- Per task
    QJsonArray taskArray;
    for (const QString &id : std::as_const(order)) {
        const StoredTask &t = tasks[id];
        const QList<Attempt> runAttempts = runAttemptsOf(id);
        const QList<Attempt> every = allAttempts.value(id);
        const Attempt *latest = !runAttempts.isEmpty() ? &runAttempts.last()
                                : !every.isEmpty()     ? &every.last()
                                                       : nullptr;
        const QString provider = latest ? latest->providerId : t.providerId;
        const QString model =
            latest && !latest->model.isEmpty() ? latest->model : providerInfo.value(provider).model;
        qint64 duration = 0;
        double cost = 0.0;
        for (const Attempt &a : runAttempts) {
            duration += durationOf(a);
            cost += a.costUnits;
        }
        const Stage stage = stageOf(id);
        const QString shotId = shotIdOf(id);
        const ShotRef ref = shots.value(shotId);
        const Scene *scene = ref.scene ? ref.scene : scenes.value(shotId);

        // The most recent failure, unless the task finished at full quality since.
        QJsonValue lastError(QJsonValue::Null);
        ErrorClass lastClass = ErrorClass::None;
        const bool fullyDone = t.state == TaskState::Done && !isDegraded(t.quality);
        if (!fullyDone) {
            if (const std::optional<Attempt> failure = lastFailureOf(id)) {
                lastClass = failure->errorClass;
                lastError = errorObject(failure->errorClass, failure->httpStatus, failure->message);
            } else if (t.lastError != ErrorClass::None) {
                lastClass = t.lastError;
                lastError = errorObject(t.lastError, t.lastHttpStatus, t.lastMessage);
            }
        }
        QString action;
        switch (t.state) {
        case TaskState::Failed:
            action = lastClass != ErrorClass::None
                         ? recommendedAction(lastClass)
                         : u"Retry the task, or switch it to another provider."_s;
            break;
        case TaskState::Blocked: {
            // The engine notes "blocked: <task> failed"; a never-saved video waits for its image.
            QString upstream = t.lastMessage.startsWith(u"blocked: "_s)
                                   ? t.lastMessage.mid(9).section(u' ', 0, 0)
                                   : QString();
            if (upstream.isEmpty() && stage == Stage::Video)
                upstream = shotId + u"/image"_s;
            action = upstream.isEmpty()
                         ? u"Waits for a task that failed: recover that one first (retake-cli "
                           u"retry-failed); this one runs after it."_s
                         : u"Waits for %1, which failed: recover that task first (retake-cli "
                           u"retry-failed); this one runs after it."_s.arg(upstream);
            break;
        }
        case TaskState::Done:
            if (isDegraded(t.quality)) {
                action = u"Done at %1 quality on the %2 rung; use \"Retry at full quality\" "
                         u"when %3 works again."_s.arg(nameOf(t.quality), nameOf(t.rung),
                                                       every.isEmpty() || !every.first().ok()
                                                           ? provider
                                                           : every.first().providerId);
                if (lastClass != ErrorClass::None)
                    action += u" "_s + recommendedAction(lastClass);
            }
            break;
        case TaskState::Waiting:
        case TaskState::Queued:
        case TaskState::Running:
        case TaskState::Retrying:
        case TaskState::Interrupted:
        case TaskState::Cancelled:
            action = u"Not finished: run the batch again to continue (retake-cli run)."_s;
            break;
        case TaskState::Skipped:
            break;
        }
        QJsonObject row{
            {u"id"_s, id},
            {u"scene"_s, scene ? scene->id : QString()},
            {u"sceneTitle"_s, scene ? scene->title : QString()},
            {u"shot"_s, shotId},
            {u"shotTitle"_s, ref.shot ? ref.shot->title : QString()},
            {u"stage"_s, nameOf(stage)},
            {u"state"_s, nameOf(t.state)},
            {u"quality"_s, nameOf(t.state == TaskState::Done ? t.quality : Quality::None)},
            {u"rung"_s, nameOf(t.rung)},
            {u"attempts"_s, int(runAttempts.size())},
            {u"attemptsTotal"_s, int(every.size())},
            {u"provider"_s, stringOrNull(provider)},
            {u"model"_s, stringOrNull(model)},
            {u"durationMs"_s, duration},
            {u"costUnits"_s, cost},
            {u"lastError"_s, lastError},
            {u"note"_s, t.lastError == ErrorClass::None && !t.lastMessage.isEmpty()
                            ? QJsonValue(clean(t.lastMessage))
                            : QJsonValue(QJsonValue::Null)},
            {u"recommendedAction"_s, stringOrNull(action)},
            {u"output"_s, t.state == TaskState::Done ? stringOrNull(t.outputPath)
                                                     : QJsonValue(QJsonValue::Null)},
        };
        if (m_options.debugLogging && ref.shot) {
            row.insert(u"prompt"_s, ref.shot->prompt);
            row.insert(u"negativePrompt"_s, ref.shot->negativePrompt);
        }
        taskArray.append(row);
    }

    // ---- Failures: every failed or degraded task, with its recovery path.
    QJsonArray failures;
    for (const QString &id : std::as_const(order)) {
        const StoredTask &t = tasks[id];
        const bool isFailure =
            t.state == TaskState::Failed || (t.state == TaskState::Done && isDegraded(t.quality));
        if (!isFailure)
            continue;
        const QString shotId = shotIdOf(id);
        const ShotRef ref = shots.value(shotId);

        QJsonValue reason(QJsonValue::Null);
        if (const std::optional<Attempt> failure = lastFailureOf(id))
            reason = errorObject(failure->errorClass, failure->httpStatus, failure->message);
        else if (t.lastError != ErrorClass::None)
            reason = errorObject(t.lastError, t.lastHttpStatus, t.lastMessage);

        // The last step of this shot that produced a verified output: for a degraded task
        // its own (reduced) output, for a failed one the newest done stage of its shot.
        QJsonValue lastStep(QJsonValue::Null);
        QDateTime lastStepAt;
        const QStringList candidates =
            t.state == TaskState::Done ? QStringList{id} : tasksOfShot.value(shotId);
        for (const QString &sibling : candidates) {
            if (tasks[sibling].state != TaskState::Done)
                continue;
            for (const Attempt &a : allAttempts.value(sibling)) {
                if (a.ok() && a.outputPath == tasks[sibling].outputPath &&
                    (!lastStepAt.isValid() || a.endedAt > lastStepAt)) {
                    lastStepAt = a.endedAt;
                    lastStep = QJsonObject{{u"task"_s, sibling},
                                           {u"stage"_s, nameOf(stageOf(sibling))},
                                           {u"quality"_s, nameOf(tasks[sibling].quality)},
                                           {u"output"_s, a.outputPath},
                                           {u"at"_s, iso(a.endedAt)}};
                }
            }
        }

        QJsonArray partial;
        QList<TimedEntry> path;
        const QList<Attempt> runAttempts = runAttemptsOf(id);
        const Attempt *previous = nullptr;
        for (const Attempt &a : runAttempts) {
            if (!a.archivedTo.isEmpty()) {
                const QString folder = a.archivedTo;
                QJsonArray files;
                const QDir dir(workspace.path(folder));
                for (const QString &name :
                     dir.entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name)) {
                    files.append(workspace.relativePath(dir.filePath(name)));
                }
                partial.append(QJsonObject{
                    {u"attempt"_s, a.number}, {u"folder"_s, folder}, {u"files"_s, files}});
            }
            QJsonObject step{
                {u"kind"_s, u"attempt"_s},
                {u"time"_s, iso(a.startedAt)},
                {u"attempt"_s, a.number},
                {u"rung"_s, nameOf(a.rung)},
                {u"rungChanged"_s, previous != nullptr && previous->rung != a.rung},
                {u"provider"_s, a.providerId},
                {u"model"_s, a.model},
                {u"outcome"_s, a.ok() ? u"ok"_s : u"failed"_s},
                {u"class"_s, nameOf(a.errorClass)},
                {u"httpStatus"_s, a.httpStatus},
                {u"message"_s, clean(a.message)},
                {u"durationMs"_s, durationOf(a)},
            };
            if (m_options.debugLogging && a.params.contains(u"prompt"_s))
                step.insert(u"prompt"_s, a.params.value(u"prompt"_s).toString());
            // ffmpeg's last words: file paths and its own messages; scrubbed as messages are.
            if (!a.stderrTail.isEmpty())
                step.insert(u"stderrTail"_s, clean(a.stderrTail));
            path << TimedEntry{a.startedAt, a.number, step};
            previous = &a;
        }
        for (qsizetype e = 0; e < events.size(); ++e) {
            const StoredEvent &event = events.at(e);
            if (!inRun(event.time))
                continue;
            bool concerns = event.taskId == id;
            if (event.kind == u"switch-provider"_s) {
                const QStringList ids = event.detail.section(u": "_s, 1).split(u',');
                concerns = concerns || ids.contains(id);
            } else if (event.kind == u"retry-all-failed"_s) {
                for (const Attempt &a : allAttempts.value(id))
                    concerns = concerns || (failedAttempt(a) && a.endedAt <= event.time);
            }
            if (!concerns || event.kind == u"checkpoint"_s)
                continue;
            path << TimedEntry{event.time, 100000 + int(e),
                               QJsonObject{{u"kind"_s, u"user-action"_s},
                                           {u"time"_s, iso(event.time)},
                                           {u"action"_s, event.kind},
                                           {u"detail"_s, clean(event.detail)}}};
        }
        std::stable_sort(path.begin(), path.end(), [](const TimedEntry &a, const TimedEntry &b) {
            return a.time != b.time ? a.time < b.time : a.order < b.order;
        });
        QJsonArray recovery;
        for (const TimedEntry &entry : std::as_const(path))
            recovery.append(entry.object);

        QJsonArray blocks;
        for (const QString &other : tasksOfShot.value(shotId)) {
            if (other != id && tasks[other].state == TaskState::Blocked)
                blocks.append(other);
        }
        int before = 0;
        for (const Attempt &a : allAttempts.value(id))
            before += a.startedAt.isValid() && a.startedAt < windowStart ? 1 : 0;

        failures.append(QJsonObject{
            {u"task"_s, id},
            {u"shot"_s, shotId},
            {u"shotTitle"_s, ref.shot ? ref.shot->title : QString()},
            {u"stage"_s, nameOf(stageOf(id))},
            {u"state"_s, nameOf(t.state)},
            {u"quality"_s, nameOf(t.state == TaskState::Done ? t.quality : Quality::None)},
            {u"reason"_s, reason},
            {u"lastCompletedStep"_s, lastStep},
            {u"partialOutputs"_s, partial},
            {u"recovery"_s, recovery},
            {u"attemptsBeforeRun"_s, before},
            {u"blocks"_s, blocks},
        });
    }

    // ---- Audit trail
    struct ProviderUse {
        QStringList models;
        int attempts = 0;
        int succeeded = 0;
        int failed = 0;
        qint64 timeMs = 0;
        double costUnits = 0.0;
        QMap<QString, int> classes;
    };
    QMap<QString, ProviderUse> uses;
    QList<std::pair<QString, Attempt>> successes;
    QJsonArray written;
    QJsonArray archived;
    QJsonArray untrusted;
    UsageEstimator estimator;
    estimator.setProviders(m_providers);
    estimator.addHistory(allAttempts, windowStart);
    for (const QString &id : std::as_const(order)) {
        const QList<Attempt> runAttempts = runAttemptsOf(id);
        if (!runAttempts.isEmpty()) {
            // Estimated as the run would have been before it started: one attempt on the
            // provider it started on.
            const Stage stage = stageOf(id);
            estimator.addTask(runAttempts.first().providerId, stage,
                              UsageEstimator::unitsFor(stage, videoSeconds(id)));
        }
        bool unsafe = false;
        for (const Attempt &a : runAttempts) {
            ProviderUse &use = uses[a.providerId];
            if (!a.model.isEmpty() && !use.models.contains(a.model))
                use.models << a.model;
            use.attempts += 1;
            use.succeeded += a.ok() ? 1 : 0;
            use.failed += failedAttempt(a) ? 1 : 0;
            use.timeMs += durationOf(a);
            use.costUnits += a.costUnits;
            if (failedAttempt(a))
                use.classes[nameOf(a.errorClass)] += 1;
            if (a.ok()) {
                successes << std::pair{id, a};
                written.append(a.outputPath);
            }
            if (!a.archivedTo.isEmpty())
                archived.append(a.archivedTo);
            unsafe = unsafe || a.errorClass == ErrorClass::UnsafeOutput;
        }
        if (unsafe && QFileInfo::exists(workspace.untrustedDir(id)))
            untrusted.append(QString(workspace.relativePath(workspace.untrustedDir(id)) + u'/'));
    }
    std::stable_sort(successes.begin(), successes.end(), [](const auto &a, const auto &b) {
        return a.second.endedAt < b.second.endedAt;
    });
    QJsonArray steps;
    for (const auto &[id, a] : std::as_const(successes)) {
        steps.append(QJsonObject{{u"task"_s, id},
                                 {u"stage"_s, nameOf(stageOf(id))},
                                 {u"attempt"_s, a.number},
                                 {u"provider"_s, a.providerId},
                                 {u"model"_s, a.model},
                                 {u"rung"_s, nameOf(a.rung)},
                                 {u"quality"_s, nameOf(qualityOf(a.rung))},
                                 {u"output"_s, a.outputPath},
                                 {u"at"_s, iso(a.endedAt)}});
    }
    QJsonArray providerArray;
    for (auto it = uses.cbegin(); it != uses.cend(); ++it) {
        QJsonObject classes;
        for (auto c = it->classes.cbegin(); c != it->classes.cend(); ++c)
            classes.insert(c.key(), c.value());
        providerArray.append(QJsonObject{{u"id"_s, it.key()},
                                         {u"kind"_s, providerInfo.value(it.key()).kind},
                                         {u"models"_s, QJsonArray::fromStringList(it->models)},
                                         {u"attempts"_s, it->attempts},
                                         {u"succeeded"_s, it->succeeded},
                                         {u"failed"_s, it->failed},
                                         {u"errorClasses"_s, classes}});
    }
    QJsonArray checkpointArray;
    for (const CheckpointInfo &cp : reader.checkpoints()) {
        if (!inRun(cp.createdAt))
            continue;
        checkpointArray.append(QJsonObject{{u"id"_s, cp.id},
                                           {u"createdAt"_s, iso(cp.createdAt)},
                                           {u"reason"_s, clean(cp.reason)},
                                           {u"file"_s, cp.file}});
    }
    QJsonArray eventArray;
    for (const StoredEvent &e : events) {
        if (!inRun(e.time))
            continue;
        eventArray.append(QJsonObject{{u"time"_s, iso(e.time)},
                                      {u"task"_s, stringOrNull(e.taskId)},
                                      {u"kind"_s, e.kind},
                                      {u"detail"_s, clean(e.detail)}});
    }

    // Usage: estimate (profile costs, durations measured before the run) vs actual.
    QMap<QString, QJsonObject> usageRows;
    const auto usageRow = [&](const QString &provider) -> QJsonObject & {
        QJsonObject &row = usageRows[provider];
        if (row.isEmpty()) {
            row = QJsonObject{
                {u"provider"_s, provider},
                {u"costPerUnit"_s, providerInfo.value(provider).costPerUnit},
                {u"estimate"_s, QJsonObject{{u"tasks"_s, 0},
                                            {u"timeMs"_s, 0},
                                            {u"costUnits"_s, 0.0},
                                            {u"timeSource"_s, u"default"_s},
                                            {u"samples"_s, 0}}},
                {u"actual"_s,
                 QJsonObject{{u"attempts"_s, 0}, {u"timeMs"_s, 0}, {u"costUnits"_s, 0.0}}}};
        }
        return row;
    };
    for (const ProviderEstimate &e : estimator.estimate()) {
        QJsonObject &row = usageRow(e.providerId);
        row.insert(u"estimate"_s,
                   QJsonObject{{u"tasks"_s, e.tasks},
                               {u"timeMs"_s, e.timeMs},
                               {u"costUnits"_s, e.costUnits},
                               {u"timeSource"_s, e.measured ? u"measured"_s : u"default"_s},
                               {u"samples"_s, e.samples}});
    }
    for (auto it = uses.cbegin(); it != uses.cend(); ++it) {
        QJsonObject &row = usageRow(it.key());
        row.insert(u"actual"_s, QJsonObject{{u"attempts"_s, it->attempts},
                                            {u"timeMs"_s, it->timeMs},
                                            {u"costUnits"_s, it->costUnits}});
    }
    QJsonArray usageArray;
    qint64 estimatedTime = 0;
    double estimatedCost = 0.0;
    qint64 actualTime = 0;
    double actualCost = 0.0;
    int actualAttempts = 0;
    for (const QJsonObject &row : std::as_const(usageRows)) {
        usageArray.append(row);
        const QJsonObject estimate = row.value(u"estimate"_s).toObject();
        const QJsonObject actual = row.value(u"actual"_s).toObject();
        estimatedTime += estimate.value(u"timeMs"_s).toInteger();
        estimatedCost += estimate.value(u"costUnits"_s).toDouble();
        actualTime += actual.value(u"timeMs"_s).toInteger();
        actualCost += actual.value(u"costUnits"_s).toDouble();
        actualAttempts += actual.value(u"attempts"_s).toInt();
    }
    const QJsonObject usage{
        {u"providers"_s, usageArray},
        {u"totals"_s, QJsonObject{{u"estimate"_s, QJsonObject{{u"timeMs"_s, estimatedTime},
                                                              {u"costUnits"_s, estimatedCost}}},
                                  {u"actual"_s, QJsonObject{{u"attempts"_s, actualAttempts},
                                                            {u"timeMs"_s, actualTime},
                                                            {u"costUnits"_s, actualCost}}}}},
        {u"basis"_s,
         u"Estimate: one attempt per task of this run on the provider it started on; cost = the "
         u"profile's cost per unit x units (image 1, video 1 per second); time = the mean "
         u"duration of that provider's attempts of the stage before this run, or the default "
         u"(local: image 2 s, video 5 s; other kinds: image 20 s, video 90 s). Actual: every "
         u"attempt of the run, retries included; time is provider time (attempts summed)."_s},
    };

    const QJsonObject audit{
        {u"providers"_s, providerArray},
        {u"stepsCompleted"_s, steps},
        {u"files"_s, QJsonObject{{u"written"_s, written},
                                 {u"archived"_s, archived},
                                 {u"untrusted"_s, untrusted}}},
        {u"checkpoints"_s, checkpointArray},
        {u"events"_s, eventArray},
        {u"usage"_s, usage},
    };

    const QFileInfo storyboard(m_project.filePath);
    m_report = QJsonObject{
        {u"format"_s, QString::fromUtf16(kFormat)},
        {u"generatedAt"_s, iso(now)},
        {u"generator"_s, QString(u"Retake "_s + QString::fromLatin1(RETAKE_VERSION))},
        {u"storyboard"_s, QJsonObject{{u"title"_s, m_project.title},
                                      {u"file"_s, storyboard.fileName()},
                                      {u"workspace"_s, QFileInfo(m_workspaceDir).fileName()}}},
        {u"run"_s, runObject},
        {u"counts"_s, counts},
        {u"tasks"_s, taskArray},
        {u"failures"_s, failures},
        {u"audit"_s, audit},
    };
    m_runId = run.id;
    return true;
}

QString ReportBuilder::html() const
{
    return HtmlReport::render(m_report);
}

QString ReportBuilder::markdown() const
{
    return MarkdownReport::render(m_report);
}

bool ReportBuilder::write(const QList<ReportFormat> &formats, ReportFiles *files,
                          QString *error) const
{
    QString localError;
    QString &why = error ? *error : localError;
    if (m_runId.isEmpty()) {
        why = u"the report has not been built"_s;
        return false;
    }
    const QString directory = reportDirectory(m_workspaceDir, m_runId);
    if (!QDir().mkpath(directory)) {
        why = u"cannot create %1; check that the workspace is writable"_s.arg(
            QDir::toNativeSeparators(directory));
        return false;
    }
    const auto save = [&](const QString &name, const QByteArray &bytes) -> QString {
        const QString path = QDir(directory).filePath(name);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
            !file.commit()) {
            why = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
            return {};
        }
        return path;
    };
    ReportFiles result;
    result.directory = directory;
    result.json = save(u"report.json"_s, QJsonDocument(m_report).toJson(QJsonDocument::Indented));
    if (result.json.isEmpty())
        return false;
    result.html = save(u"report.html"_s, html().toUtf8());
    if (result.html.isEmpty())
        return false;
    if (formats.contains(ReportFormat::Markdown)) {
        result.markdown = save(u"report.md"_s, markdown().toUtf8());
        if (result.markdown.isEmpty())
            return false;
    }
    if (files)
        *files = result;
    return true;
}

} // namespace retake
