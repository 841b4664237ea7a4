#include "runsection.h"

#include "report/reportcontext.h"

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// The engine's outcome names (runs.outcome) in the report's vocabulary.
QString outcomeName(const QString &engineOutcome)
{
    if (engineOutcome == nameOf(RunOutcome::BudgetCap))
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
    if (outcome == u"recovered"_s)
        return u"The run ended with tasks that failed; they were recovered afterwards (retried "
               u"or run on another provider) and every task is done now."_s;
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

// A run that ended with failed tasks is not re-opened when the user recovers them (Retry
// all failed, a retry, another provider): their attempts come after its end, in its window.
// When every task is done now, the latest of those attempts is when it was recovered.
QDateTime recoveredAt(const ReportContext &context)
{
    for (const QString &id : context.order) {
        const TaskState state = context.task(id).state;
        if (state != TaskState::Done && state != TaskState::Skipped)
            return {};
    }
    QDateTime last;
    for (const QString &id : context.order) {
        for (const Attempt &a : context.allAttempts.value(id)) {
            if (a.ok() && a.startedAt >= context.run.endedAt && context.inRun(a.startedAt) &&
                (!last.isValid() || a.endedAt > last))
                last = a.endedAt;
        }
    }
    return last;
}

} // namespace

QJsonObject RunSection::build(const ReportContext &context)
{
    const RunRecord &run = context.run;
    const bool ended = context.ended;
    QString outcome =
        ended ? outcomeName(run.outcome) : (context.crashed ? u"crashed"_s : u"unfinished"_s);
    const QDateTime recovered = outcome == u"partial"_s ? recoveredAt(context) : QDateTime();
    if (recovered.isValid())
        outcome = u"recovered"_s;
    bool resumed = false;
    for (const StoredEvent &e : context.events)
        resumed = resumed || (e.kind == nameOf(EventKind::RunResumed) && e.detail == run.id);
    const ReportOptions &options = context.options;
    return QJsonObject{
        {u"id"_s, run.id},
        {u"startedAt"_s, ReportContext::iso(run.startedAt)},
        {u"endedAt"_s, ReportContext::isoOrNull(run.endedAt)},
        {u"durationMs"_s,
         ended ? QJsonValue(run.startedAt.msecsTo(run.endedAt)) : QJsonValue(QJsonValue::Null)},
        {u"outcome"_s, outcome},
        {u"partial"_s, outcome != u"complete"_s && outcome != u"recovered"_s},
        {u"outcomeExplanation"_s, outcomeExplanation(outcome)},
        {u"recoveredAt"_s, ReportContext::isoOrNull(recovered)},
        {u"resumedAfterCrash"_s, resumed},
        {u"debugLogging"_s, options.debugLogging},
        {u"budgetCap"_s,
         options.budgetCap > 0.0 ? QJsonValue(options.budgetCap) : QJsonValue(QJsonValue::Null)},
        {u"statesAsOf"_s, ReportContext::iso(context.now)},
    };
}

} // namespace retake
