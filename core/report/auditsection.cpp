#include "auditsection.h"

#include "report/reportcontext.h"
#include "report/usageestimator.h"
#include "report/usagesection.h"

#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// One pass over the run's attempts, task by task in report order.
struct RunTally {
    QMap<QString, ProviderUse> uses;
    QList<std::pair<QString, Attempt>> successes;
    QJsonArray written;
    QJsonArray archived;
    QJsonArray untrusted;
};

void tally(const ReportContext &context, const QString &id, const QList<Attempt> &runAttempts,
           RunTally *tally)
{
    bool unsafe = false;
    for (const Attempt &a : runAttempts) {
        ProviderUse &use = tally->uses[a.providerId];
        if (!a.model.isEmpty() && !use.models.contains(a.model))
            use.models << a.model;
        use.attempts += 1;
        use.succeeded += a.ok() ? 1 : 0;
        use.failed += ReportContext::failedAttempt(a) ? 1 : 0;
        use.timeMs += ReportContext::durationOf(a);
        use.costUnits += a.costUnits;
        if (ReportContext::failedAttempt(a))
            use.classes[nameOf(a.errorClass)] += 1;
        if (a.ok()) {
            tally->successes << std::pair{id, a};
            tally->written.append(a.outputPath);
            if (!a.originalPath.isEmpty())
                tally->written.append(a.originalPath);
        }
        if (!a.archivedTo.isEmpty())
            tally->archived.append(a.archivedTo);
        unsafe = unsafe || a.errorClass == ErrorClass::UnsafeOutput;
    }
    const Workspace &workspace = context.workspace;
    if (unsafe && QFileInfo::exists(workspace.untrustedDir(id)))
        tally->untrusted.append(QString(workspace.relativePath(workspace.untrustedDir(id)) + u'/'));
}

QJsonArray stepsOf(QList<std::pair<QString, Attempt>> successes)
{
    std::stable_sort(successes.begin(), successes.end(), [](const auto &a, const auto &b) {
        return a.second.endedAt < b.second.endedAt;
    });
    QJsonArray steps;
    for (const auto &[id, a] : std::as_const(successes)) {
        QJsonObject step{{u"task"_s, id},
                         {u"stage"_s, nameOf(ReportContext::stageOf(id))},
                         {u"attempt"_s, a.number},
                         {u"provider"_s, a.providerId},
                         {u"model"_s, a.model},
                         {u"rung"_s, nameOf(a.rung)},
                         {u"quality"_s, nameOf(qualityOf(a.rung))},
                         {u"output"_s, a.outputPath},
                         {u"at"_s, ReportContext::iso(a.endedAt)}};
        // What the provider delivered, and its own file when the output was conformed.
        if (a.mediaWidth > 0) {
            QJsonObject delivered{{u"width"_s, a.mediaWidth}, {u"height"_s, a.mediaHeight}};
            if (a.mediaDurationSec > 0) {
                delivered.insert(u"fps"_s, a.mediaFps);
                delivered.insert(u"durationSec"_s, a.mediaDurationSec);
            }
            step.insert(u"delivered"_s, delivered);
        }
        if (!a.originalPath.isEmpty())
            step.insert(u"original"_s, a.originalPath);
        steps.append(step);
    }
    return steps;
}

} // namespace

QJsonObject AuditSection::build(const ReportContext &context)
{
    RunTally run;
    UsageEstimator estimator;
    estimator.setProviders(context.providers);
    estimator.addHistory(context.allAttempts, context.windowStart);
    for (const QString &id : context.order) {
        const QList<Attempt> runAttempts = context.runAttemptsOf(id);
        if (!runAttempts.isEmpty()) {
            // Estimated as the run would have been before it started: one attempt on the
            // provider it started on.
            const Stage stage = ReportContext::stageOf(id);
            estimator.addTask(runAttempts.first().providerId, stage,
                              UsageEstimator::unitsFor(stage, context.videoSeconds(id)));
        }
        tally(context, id, runAttempts, &run);
    }
    return QJsonObject{
        {u"providers"_s, providers(context, run.uses)},
        {u"stepsCompleted"_s, stepsOf(run.successes)},
        {u"files"_s, QJsonObject{{u"written"_s, run.written},
                                 {u"archived"_s, run.archived},
                                 {u"untrusted"_s, run.untrusted}}},
        {u"checkpoints"_s, checkpoints(context)},
        {u"events"_s, events(context)},
        {u"usage"_s, UsageSection::build(context, run.uses, estimator)},
    };
}

QJsonArray AuditSection::providers(const ReportContext &context,
                                   const QMap<QString, ProviderUse> &uses)
{
    QJsonArray providerArray;
    for (auto it = uses.cbegin(); it != uses.cend(); ++it) {
        QJsonObject classes;
        for (auto c = it->classes.cbegin(); c != it->classes.cend(); ++c)
            classes.insert(c.key(), c.value());
        providerArray.append(QJsonObject{{u"id"_s, it.key()},
                                         {u"kind"_s, context.providerInfo.value(it.key()).kind},
                                         {u"models"_s, QJsonArray::fromStringList(it->models)},
                                         {u"attempts"_s, it->attempts},
                                         {u"succeeded"_s, it->succeeded},
                                         {u"failed"_s, it->failed},
                                         {u"errorClasses"_s, classes}});
    }
    return providerArray;
}

QJsonArray AuditSection::checkpoints(const ReportContext &context)
{
    QJsonArray checkpointArray;
    for (const CheckpointInfo &cp : context.checkpoints) {
        if (!context.inRun(cp.createdAt))
            continue;
        checkpointArray.append(QJsonObject{{u"id"_s, cp.id},
                                           {u"createdAt"_s, ReportContext::iso(cp.createdAt)},
                                           {u"reason"_s, context.clean(cp.reason)},
                                           {u"file"_s, cp.file}});
    }
    return checkpointArray;
}

QJsonArray AuditSection::events(const ReportContext &context)
{
    QJsonArray eventArray;
    for (const StoredEvent &e : context.events) {
        if (!context.inRun(e.time))
            continue;
        eventArray.append(QJsonObject{{u"time"_s, ReportContext::iso(e.time)},
                                      {u"task"_s, ReportContext::stringOrNull(e.taskId)},
                                      {u"kind"_s, e.kind},
                                      {u"detail"_s, context.clean(e.detail)}});
    }
    return eventArray;
}

} // namespace retake
