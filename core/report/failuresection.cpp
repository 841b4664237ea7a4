#include "failuresection.h"

#include "report/reportcontext.h"

#include <QDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// Recovery path entries are merged from attempts and events by time.
struct TimedEntry {
    QDateTime time;
    int order = 0; // stable tie-break: attempts by number, events by id
    QJsonObject object;
};

QJsonObject attemptStep(const ReportContext &context, const Attempt &a, const Attempt *previous)
{
    QJsonObject step{
        {u"kind"_s, u"attempt"_s},
        {u"time"_s, ReportContext::iso(a.startedAt)},
        {u"attempt"_s, a.number},
        {u"rung"_s, nameOf(a.rung)},
        {u"rungChanged"_s, previous != nullptr && previous->rung != a.rung},
        {u"provider"_s, a.providerId},
        {u"model"_s, a.model},
        {u"outcome"_s, a.ok() ? u"ok"_s : u"failed"_s},
        {u"class"_s, nameOf(a.errorClass)},
        {u"httpStatus"_s, a.httpStatus},
        {u"message"_s, context.clean(a.message)},
        {u"durationMs"_s, ReportContext::durationOf(a)},
    };
    if (context.options.debugLogging && a.params.contains(u"prompt"_s))
        step.insert(u"prompt"_s, a.params.value(u"prompt"_s).toString());
    // ffmpeg's last words: file paths and its own messages; scrubbed as messages are.
    if (!a.stderrTail.isEmpty())
        step.insert(u"stderrTail"_s, context.clean(a.stderrTail));
    return step;
}

// Whether user action `event` concerns task `id`.
bool concerns(const ReportContext &context, const StoredEvent &event, const QString &id)
{
    bool result = event.taskId == id;
    if (event.kind == nameOf(EventKind::SwitchProvider)) {
        const QStringList ids = event.detail.section(u": "_s, 1).split(u',');
        result = result || ids.contains(id);
    } else if (event.kind == nameOf(EventKind::RetryAllFailed)) {
        for (const Attempt &a : context.allAttempts.value(id))
            result = result || (ReportContext::failedAttempt(a) && a.endedAt <= event.time);
    }
    return result && event.kind != u"checkpoint"_s;
}

} // namespace

QJsonArray FailureSection::build(const ReportContext &context)
{
    QJsonArray failures;
    for (const QString &id : ids(context))
        failures.append(failure(context, id));
    return failures;
}

QStringList FailureSection::ids(const ReportContext &context)
{
    QStringList list;
    for (const QString &id : context.order) {
        const StoredTask &t = context.task(id);
        const bool isFailure =
            t.state == TaskState::Failed || (t.state == TaskState::Done && isDegraded(t.quality));
        if (isFailure)
            list << id;
    }
    return list;
}

QJsonObject FailureSection::failure(const ReportContext &context, const QString &id)
{
    const StoredTask &t = context.task(id);
    const QString shotId = ReportContext::shotIdOf(id);
    const ReportContext::ShotRef ref = context.shots.value(shotId);

    QJsonValue reason(QJsonValue::Null);
    if (const std::optional<Attempt> failure = context.lastFailureOf(id))
        reason = context.errorObject(failure->errorClass, failure->httpStatus, failure->message);
    else if (t.lastError != ErrorClass::None)
        reason = context.errorObject(t.lastError, t.lastHttpStatus, t.lastMessage);

    QJsonArray blocks;
    for (const QString &other : context.tasksOfShot.value(shotId)) {
        if (other != id && context.task(other).state == TaskState::Blocked)
            blocks.append(other);
    }
    int before = 0;
    for (const Attempt &a : context.allAttempts.value(id))
        before += a.startedAt.isValid() && a.startedAt < context.windowStart ? 1 : 0;

    return QJsonObject{
        {u"task"_s, id},
        {u"shot"_s, shotId},
        {u"shotTitle"_s, ref.shot ? ref.shot->title : QString()},
        {u"stage"_s, nameOf(ReportContext::stageOf(id))},
        {u"state"_s, nameOf(t.state)},
        {u"quality"_s, nameOf(t.state == TaskState::Done ? t.quality : Quality::None)},
        {u"reason"_s, reason},
        {u"lastCompletedStep"_s, lastCompletedStep(context, id)},
        {u"partialOutputs"_s, partialOutputs(context, id)},
        {u"recovery"_s, recoveryPath(context, id)},
        {u"attemptsBeforeRun"_s, before},
        {u"blocks"_s, blocks},
    };
}

QJsonValue FailureSection::lastCompletedStep(const ReportContext &context, const QString &id)
{
    // The last step of this shot that produced a verified output: for a degraded task its
    // own (reduced) output, for a failed one the newest done stage of its shot.
    QJsonValue lastStep(QJsonValue::Null);
    QDateTime lastStepAt;
    const QStringList candidates = context.task(id).state == TaskState::Done
                                       ? QStringList{id}
                                       : context.tasksOfShot.value(ReportContext::shotIdOf(id));
    for (const QString &sibling : candidates) {
        const StoredTask &done = context.task(sibling);
        if (done.state != TaskState::Done)
            continue;
        for (const Attempt &a : context.allAttempts.value(sibling)) {
            if (a.ok() && a.outputPath == done.outputPath &&
                (!lastStepAt.isValid() || a.endedAt > lastStepAt)) {
                lastStepAt = a.endedAt;
                lastStep = QJsonObject{{u"task"_s, sibling},
                                       {u"stage"_s, nameOf(ReportContext::stageOf(sibling))},
                                       {u"quality"_s, nameOf(done.quality)},
                                       {u"output"_s, a.outputPath},
                                       {u"at"_s, ReportContext::iso(a.endedAt)}};
            }
        }
    }
    return lastStep;
}

QJsonArray FailureSection::partialOutputs(const ReportContext &context, const QString &id)
{
    QJsonArray partial;
    for (const Attempt &a : context.runAttemptsOf(id)) {
        if (a.archivedTo.isEmpty())
            continue;
        const QString folder = a.archivedTo;
        QJsonArray files;
        const QDir dir(context.workspace.path(folder));
        for (const QString &name : dir.entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name))
            files.append(context.workspace.relativePath(dir.filePath(name)));
        partial.append(
            QJsonObject{{u"attempt"_s, a.number}, {u"folder"_s, folder}, {u"files"_s, files}});
    }
    return partial;
}

QJsonArray FailureSection::recoveryPath(const ReportContext &context, const QString &id)
{
    QList<TimedEntry> path;
    const QList<Attempt> runAttempts = context.runAttemptsOf(id);
    const Attempt *previous = nullptr;
    for (const Attempt &a : runAttempts) {
        path << TimedEntry{a.startedAt, a.number, attemptStep(context, a, previous)};
        previous = &a;
    }
    for (qsizetype e = 0; e < context.events.size(); ++e) {
        const StoredEvent &event = context.events.at(e);
        if (!context.inRun(event.time) || !concerns(context, event, id))
            continue;
        path << TimedEntry{event.time, 100000 + int(e),
                           QJsonObject{{u"kind"_s, u"user-action"_s},
                                       {u"time"_s, ReportContext::iso(event.time)},
                                       {u"action"_s, event.kind},
                                       {u"detail"_s, context.clean(event.detail)}}};
    }
    std::stable_sort(path.begin(), path.end(), [](const TimedEntry &a, const TimedEntry &b) {
        return a.time != b.time ? a.time < b.time : a.order < b.order;
    });
    QJsonArray recovery;
    for (const TimedEntry &entry : std::as_const(path))
        recovery.append(entry.object);
    return recovery;
}

} // namespace retake
