#include "tasksection.h"

#include "domain/taskid.h"
#include "report/reportcontext.h"

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// What the user should do about a task in its state; `lastClass` is its most recent
// failure, `provider` the provider of its latest attempt.
QString actionFor(const StoredTask &t, ErrorClass lastClass, const QString &provider,
                  const QList<Attempt> &every)
{
    const QString shotId = ReportContext::shotIdOf(t.id);
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
        if (upstream.isEmpty() && ReportContext::stageOf(t.id) == Stage::Video)
            upstream = TaskId::of(shotId, Stage::Image);
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
        } else if (isOnOtherProvider(t.quality)) {
            action = u"Done at full quality on %1, an alternative provider; the first choice "
                     u"failed."_s.arg(provider);
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
    return action;
}

} // namespace

QJsonArray TaskSection::build(const ReportContext &context)
{
    QJsonArray taskArray;
    for (const QString &id : context.order)
        taskArray.append(row(context, id));
    return taskArray;
}

QJsonObject TaskSection::row(const ReportContext &context, const QString &id)
{
    const StoredTask &t = context.task(id);
    const QList<Attempt> runAttempts = context.runAttemptsOf(id);
    const QList<Attempt> every = context.allAttempts.value(id);
    const Attempt *latest = !runAttempts.isEmpty() ? &runAttempts.last()
                            : !every.isEmpty()     ? &every.last()
                                                   : nullptr;
    const QString provider = latest ? latest->providerId : t.providerId;
    const QString model = latest && !latest->model.isEmpty()
                              ? latest->model
                              : context.providerInfo.value(provider).model;
    qint64 duration = 0;
    double cost = 0.0;
    for (const Attempt &a : runAttempts) {
        duration += ReportContext::durationOf(a);
        cost += a.costUnits;
    }
    const QString shotId = ReportContext::shotIdOf(id);
    const ReportContext::ShotRef ref = context.shots.value(shotId);
    const Scene *scene = ref.scene ? ref.scene : context.scenes.value(shotId);

    // The most recent failure, unless the task finished at full quality on its first-choice
    // provider since (on another provider, the failure says why it moved).
    QJsonValue lastError(QJsonValue::Null);
    ErrorClass lastClass = ErrorClass::None;
    const bool fullyDone =
        t.state == TaskState::Done && !isDegraded(t.quality) && !isOnOtherProvider(t.quality);
    if (!fullyDone) {
        if (const std::optional<Attempt> failure = context.lastFailureOf(id)) {
            lastClass = failure->errorClass;
            lastError =
                context.errorObject(failure->errorClass, failure->httpStatus, failure->message);
        } else if (t.lastError != ErrorClass::None) {
            lastClass = t.lastError;
            lastError = context.errorObject(t.lastError, t.lastHttpStatus, t.lastMessage);
        }
    }
    const QString action = actionFor(t, lastClass, provider, every);
    QJsonObject row{
        {u"id"_s, id},
        {u"scene"_s, scene ? scene->id : QString()},
        {u"sceneTitle"_s, scene ? scene->title : QString()},
        {u"shot"_s, shotId},
        {u"shotTitle"_s, ref.shot ? ref.shot->title : QString()},
        {u"stage"_s, nameOf(ReportContext::stageOf(id))},
        {u"state"_s, nameOf(t.state)},
        {u"quality"_s, nameOf(t.state == TaskState::Done ? t.quality : Quality::None)},
        {u"rung"_s, nameOf(t.rung)},
        {u"attempts"_s, int(runAttempts.size())},
        {u"attemptsTotal"_s, int(every.size())},
        {u"provider"_s, ReportContext::stringOrNull(provider)},
        {u"model"_s, ReportContext::stringOrNull(model)},
        {u"durationMs"_s, duration},
        {u"costUnits"_s, cost},
        {u"lastError"_s, lastError},
        {u"note"_s, t.lastError == ErrorClass::None && !t.lastMessage.isEmpty()
                        ? QJsonValue(context.clean(t.lastMessage))
                        : QJsonValue(QJsonValue::Null)},
        {u"recommendedAction"_s, ReportContext::stringOrNull(action)},
        {u"output"_s, t.state == TaskState::Done ? ReportContext::stringOrNull(t.outputPath)
                                                 : QJsonValue(QJsonValue::Null)},
    };
    if (context.options.debugLogging && ref.shot) {
        row.insert(u"prompt"_s, ref.shot->prompt);
        row.insert(u"negativePrompt"_s, ref.shot->negativePrompt);
    }
    return row;
}

} // namespace retake
