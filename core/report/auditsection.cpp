#include "auditsection.h"

#include "report/reportcontext.h"
#include "report/usageestimator.h"
#include "report/usagesection.h"

#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

// One pass over the run's attempts, task by task in report order.
struct AuditSection::RunTally {
    QMap<QString, ProviderUse> uses;
    QList<std::pair<QString, Attempt>> successes;
    QJsonArray written;
    QJsonArray archived;
    QJsonArray untrusted;
};

namespace {

void tally(const ReportContext &context, const QString &id, const QList<Attempt> &runAttempts,
           AuditSection::RunTally *tally)
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

QJsonObject stepOf(const QString &id, const Attempt &a)
{
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
    return step;
}

} // namespace

AuditSection::AuditSection(const ReportContext &context) : m_context(context)
{
    auto tallied = std::make_shared<RunTally>();
    RunTally &run = *tallied;
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
    std::stable_sort(run.successes.begin(), run.successes.end(), [](const auto &a, const auto &b) {
        return a.second.endedAt < b.second.endedAt;
    });
    m_usage = UsageSection::build(context, run.uses, estimator);
    m_tally = std::move(tallied);
}

QJsonObject AuditSection::build(const ReportContext &context)
{
    const AuditSection audit(context);
    return QJsonObject{
        {u"providers"_s, audit.providers()},
        {u"stepsCompleted"_s, audit.steps(0, audit.stepCount())},
        {u"files"_s, audit.files()},
        {u"checkpoints"_s, audit.checkpoints()},
        {u"events"_s, audit.events()},
        {u"usage"_s, audit.usage()},
    };
}

qsizetype AuditSection::stepCount() const
{
    return m_tally->successes.size();
}

QJsonArray AuditSection::steps(qsizetype from, qsizetype count) const
{
    const auto &successes = m_tally->successes;
    QJsonArray steps;
    for (qsizetype i = from; i < std::min(successes.size(), from + count); ++i)
        steps.append(stepOf(successes.at(i).first, successes.at(i).second));
    return steps;
}

QJsonObject AuditSection::files() const
{
    return QJsonObject{{u"written"_s, m_tally->written},
                       {u"archived"_s, m_tally->archived},
                       {u"untrusted"_s, m_tally->untrusted}};
}

QJsonArray AuditSection::providers() const
{
    const ReportContext &context = m_context;
    const QMap<QString, ProviderUse> &uses = m_tally->uses;
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

QJsonArray AuditSection::checkpoints() const
{
    const ReportContext &context = m_context;
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

QJsonArray AuditSection::events() const
{
    const ReportContext &context = m_context;
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
