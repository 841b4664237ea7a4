#include "runreport.h"

#include "engine/engine.h"
#include "report/runestimate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr auto kPendingMark = u"report.pending";

QString pendingMark(const QString &workspaceDir, const QString &runId)
{
    return QDir(ReportBuilder::reportDirectory(workspaceDir, runId))
        .filePath(QString::fromUtf16(kPendingMark));
}

} // namespace

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

bool RunReport::markPending(const QString &workspaceDir, const QString &runId, QString *error)
{
    const QString path = pendingMark(workspaceDir, runId);
    QSaveFile file(path);
    const QByteArray text = "The report of this run is written the next time the workspace is "
                            "opened (retake-cli run, the window), or now with retake-cli report.\n";
    if (!QDir().mkpath(QFileInfo(path).path()) || !file.open(QIODevice::WriteOnly) ||
        file.write(text) != text.size() || !file.commit()) {
        if (error)
            *error =
                u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QList<RunReportResult> RunReport::writePending(const Engine &engine)
{
    QList<RunReportResult> results;
    const QDir reports(ReportBuilder::reportDirectory(engine.workspaceDir(), QString()));
    for (const QString &runId : reports.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (!QFile::exists(pendingMark(engine.workspaceDir(), runId)))
            continue;
        RunReportResult result = write(engine, runId);
        if (result.written)
            clearPending(engine.workspaceDir(), runId);
        results << result;
    }
    return results;
}

bool RunReport::hasPending(const QString &workspaceDir)
{
    const QDir reports(ReportBuilder::reportDirectory(workspaceDir, QString()));
    const QStringList runs = reports.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return std::any_of(runs.cbegin(), runs.cend(), [&](const QString &runId) {
        return QFile::exists(pendingMark(workspaceDir, runId));
    });
}

void RunReport::clearPending(const QString &workspaceDir, const QString &runId)
{
    QFile::remove(pendingMark(workspaceDir, runId));
}

} // namespace retake
