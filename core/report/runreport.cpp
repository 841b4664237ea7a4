#include "runreport.h"

#include "engine/engine.h"
#include "report/runestimate.h"

using namespace Qt::StringLiterals;

namespace retake {

RunReportResult RunReport::writeCrashedRun(const Engine &engine)
{
    if (!engine.resumedAfterCrash() || engine.currentRunId().isEmpty())
        return {};
    ReportOptions options;
    options.debugLogging = engine.options().debugLogging;
    options.processDied = true;
    return write(engine, engine.currentRunId(), options, {ReportFormat::Json, ReportFormat::Html});
}

RunReportResult RunReport::write(const Engine &engine, const QString &runId,
                                 const QList<ReportFormat> &formats)
{
    ReportOptions options;
    options.debugLogging = engine.options().debugLogging;
    options.budgetCap = engine.options().budgetCap;
    return write(engine, runId, options, formats);
}

RunReportResult RunReport::write(const Engine &engine, const QString &runId,
                                 const ReportOptions &options, const QList<ReportFormat> &formats)
{
    RunReportResult result;
    result.runId = runId;
    if (result.runId.isEmpty())
        result.runId = engine.currentRunId();
    if (result.runId.isEmpty())
        result.runId = engine.lastRunId();
    if (result.runId.isEmpty()) {
        result.runId = ReportBuilder::newestRunId(engine.workspaceDir(), &result.error);
        if (result.runId.isEmpty())
            return result;
    }
    ReportBuilder builder(engine.project(), engine.workspaceDir());
    builder.setOptions(options);
    builder.setLiveTasks(engine.tasks());
    builder.setProviders(RunEstimate::providersOf(engine));
    if (!builder.build(result.runId, &result.error) ||
        !builder.write(formats, &result.files, &result.error))
        return result;
    const QJsonObject run = builder.run();
    result.written = true;
    result.runId = builder.runId();
    result.outcome = run.value(u"outcome"_s).toString();
    result.partial = run.value(u"partial"_s).toBool();
    return result;
}

} // namespace retake
