#include "reportcommand.h"

#include "report/reporttext.h"
#include "report/runestimate.h"
#include "util/toolenvironment.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake::cli {

namespace {

// The largest --budget, in cost units: more is no cap at all.
constexpr double kMaxBudget = 1e12;

std::optional<ReportFormat> formatFromString(const QString &text)
{
    if (text.isEmpty() || text == u"html"_s)
        return ReportFormat::Html;
    if (text == u"json"_s)
        return ReportFormat::Json;
    if (text == u"md"_s || text == u"markdown"_s)
        return ReportFormat::Markdown;
    return std::nullopt;
}

QString pathOf(const ReportFiles &files, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Json:
        return files.json;
    case ReportFormat::Html:
        return files.html;
    case ReportFormat::Markdown:
        return files.markdown;
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace

ReportCommand::ReportCommand(OutputMode mode, QObject *parent)
    : QObject(parent), m_mode(mode), m_out(stdout), m_err(stderr)
{
}

void ReportCommand::printJson(const QJsonObject &object)
{
    if (m_printer) {
        m_printer->object(object);
        return;
    }
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    m_out.flush();
}

void ReportCommand::printReportPath(const RunReportResult &report, const QString &label)
{
    if (m_mode == OutputMode::Json) {
        printJson(QJsonObject{{u"event"_s, u"report"_s},
                              {u"run"_s, report.runId},
                              {u"outcome"_s, report.outcome},
                              {u"partial"_s, report.partial},
                              {u"html"_s, report.files.html},
                              {u"json"_s, report.files.json}});
        return;
    }
    m_out << u"%1 (%2): %3\n"_s.arg(label, ReportText::outcomeLabel(report.outcome),
                                    QDir::toNativeSeparators(report.files.html));
    m_out.flush();
}

int ReportCommand::report(const Project &project, const QString &workspaceDir, const QString &runId,
                          const QString &format, bool open, bool debugLogging)
{
    const std::optional<ReportFormat> chosen = formatFromString(format);
    if (!chosen) {
        m_err << u"retake-cli: unknown report format \"%1\" (use html, json or md).\n"_s.arg(
            format);
        return ExitInvalidInput;
    }
    ReportOptions options;
    options.debugLogging = debugLogging;
    ReportBuilder builder(project, workspaceDir);
    builder.setOptions(options);
    QString error;
    if (!builder.build(runId, &error)) {
        m_err << u"retake-cli: no report: %1\n"_s.arg(error);
        return runId.isEmpty() ? ExitError : ExitInvalidInput;
    }
    ReportFiles files;
    if (!builder.write({*chosen}, &files, &error)) {
        m_err << u"retake-cli: could not write the job report: %1\n"_s.arg(error);
        return ExitError;
    }
    RunReport::clearPending(workspaceDir, builder.runId());
    const QString path = pathOf(files, *chosen);
    const QJsonObject run = builder.run();
    if (m_mode == OutputMode::Json) {
        printJson(QJsonObject{{u"event"_s, u"report"_s},
                              {u"run"_s, builder.runId()},
                              {u"outcome"_s, run.value(u"outcome"_s)},
                              {u"partial"_s, run.value(u"partial"_s)},
                              {u"path"_s, path}});
    } else {
        m_out << QDir::toNativeSeparators(path) << '\n';
    }
    m_out.flush();
    if (open) {
        const QString opener = QStandardPaths::findExecutable(u"xdg-open"_s);
        QProcess process;
        process.setProgram(opener);
        process.setArguments({path});
        process.setProcessEnvironment(toolEnvironment()); // the browser gets no API keys
        if (opener.isEmpty() || !process.startDetached()) {
            m_err << "retake-cli: cannot open the report here (no xdg-open); open the path "
                     "above in a browser or editor.\n";
        }
    }
    return ExitAllDone;
}

bool ReportCommand::applyOptions(Engine &engine, const QString &budget, bool debugLogging)
{
    EngineOptions options = engine.options();
    if (!budget.isEmpty()) {
        bool ok = false;
        const double cap = budget.toDouble(&ok);
        // nan passes `cap <= 0`; inf or 1e308 would never stop a run.
        if (!ok || !std::isfinite(cap) || cap <= 0.0 || cap > kMaxBudget) {
            m_err << u"retake-cli: --budget needs a positive number of cost units up to 1e12, "
                     "got \"%1\".\n"_s.arg(budget);
            return false;
        }
        options.budgetCap = cap;
    }
    options.debugLogging = debugLogging;
    engine.setOptions(options);
    return true;
}

void ReportCommand::reportCrashedRun(const Engine &engine)
{
    for (const RunReportResult &pending : RunReport::writePending(engine)) {
        // On stderr, as below: `status --json` and friends keep printing JSON lines only.
        if (pending.written)
            m_err << u"Job report of run %1 (%2), left pending when it was cancelled: %3\n"_s.arg(
                pending.runId, ReportText::outcomeLabel(pending.outcome),
                QDir::toNativeSeparators(pending.files.html));
        else
            m_err << u"retake-cli: could not write the pending job report of run %1: %2. Write "
                     "it with: retake-cli report FILE --run %1\n"_s.arg(pending.runId,
                                                                        pending.error);
        m_err.flush();
    }
    const RunReportResult crashed = RunReport::writeCrashedRun(engine);
    if (!crashed.error.isEmpty()) {
        m_err << u"retake-cli: could not write the job report: %1\n"_s.arg(crashed.error);
        m_err.flush();
    }
    if (!crashed.written)
        return;
    // Not on stdout: `status --json` and friends keep printing JSON lines only.
    m_err << u"Run %1 stopped before it finished (crash or kill); partial report: %2\n"_s.arg(
        crashed.runId, QDir::toNativeSeparators(crashed.files.html));
    m_err.flush();
}

void ReportCommand::watch(const Engine &engine)
{
    // The engine forgets the run id when the run ends; remember it while it runs.
    m_runId = engine.currentRunId();
    connect(&engine, &Engine::summaryChanged, this, [this, &engine] {
        if (!engine.currentRunId().isEmpty())
            m_runId = engine.currentRunId();
    });
    // Connected before CliRunner's own handler: the report is written (and, with --json,
    // announced) before the runner prints its final summary line.
    connect(&engine, &Engine::batchFinished, this, [this, &engine] {
        if (!m_reported)
            writeFinishedRunReport(engine);
    });
}

void ReportCommand::writeFinishedRunReport(const Engine &engine)
{
    m_reported = true;
    QString why;
    if (m_defer && !m_runId.isEmpty() &&
        RunReport::markPending(engine.workspaceDir(), m_runId, &why)) {
        m_pendingRunId = m_runId;
        if (m_mode == OutputMode::Json) {
            printJson(
                QJsonObject{{u"event"_s, u"report"_s}, {u"run"_s, m_runId}, {u"pending"_s, true}});
        }
        return;
    }
    if (!why.isEmpty()) {
        m_err << u"retake-cli: %1; writing the job report now.\n"_s.arg(why);
        m_err.flush();
    }
    m_finished = RunReport::write(engine, m_runId);
    if (!m_finished.written) {
        if (!m_finished.error.isEmpty()) {
            m_err << u"retake-cli: could not write the job report: %1\n"_s.arg(m_finished.error);
            m_err.flush();
        }
        return;
    }
    if (m_mode == OutputMode::Json)
        printReportPath(m_finished, u"Job report"_s);
}

void ReportCommand::reportFinishedRun(const Engine &engine)
{
    if (!m_reported)
        writeFinishedRunReport(engine);
    if (!m_pendingRunId.isEmpty() && m_mode == OutputMode::Human) {
        m_out << u"Job report of run %1: pending, so that Ctrl-C does not wait for it. It is "
                 "written when the workspace is next opened (retake-cli run, the window), or "
                 "now with: retake-cli report %2\n"_s.arg(m_pendingRunId,
                                                          engine.project().filePath);
        m_out.flush();
    }
    if (m_finished.written && m_mode == OutputMode::Human)
        printReportPath(m_finished, u"Job report"_s);
}

int ReportCommand::estimate(const Engine &engine)
{
    return printEstimate(RunEstimate::of(engine));
}

int ReportCommand::printEstimate(const RunEstimate &estimate)
{
    const QList<ProviderEstimate> &rows = estimate.providers;
    const ProviderEstimate &sum = estimate.total;
    const ProviderEstimate &later = estimate.needsUser;
    const int done = estimate.doneTasks;
    const int total = estimate.totalTasks;

    if (m_mode == OutputMode::Json) {
        for (const ProviderEstimate &e : rows) {
            printJson(QJsonObject{{u"event"_s, u"estimate"_s},
                                  {u"provider"_s, e.providerId},
                                  {u"tasks"_s, e.tasks},
                                  {u"images"_s, e.images},
                                  {u"videos"_s, e.videos},
                                  {u"timeMs"_s, e.timeMs},
                                  {u"wallTimeMs"_s, e.wallTimeMs},
                                  {u"costUnits"_s, e.costUnits},
                                  {u"costPerUnit"_s, estimate.costPerUnit.value(e.providerId)},
                                  {u"timeSource"_s, e.measured ? u"measured"_s : u"default"_s},
                                  {u"samples"_s, e.samples}});
        }
        printJson(QJsonObject{{u"event"_s, u"estimate-total"_s},
                              {u"tasks"_s, sum.tasks},
                              {u"done"_s, done},
                              {u"total"_s, total},
                              {u"timeMs"_s, sum.timeMs},
                              {u"wallTimeMs"_s, sum.wallTimeMs},
                              {u"costUnits"_s, sum.costUnits},
                              {u"failedOrBlocked"_s, later.tasks},
                              {u"failedOrBlockedCostUnits"_s, later.costUnits}});
        return ExitAllDone;
    }

    m_out << u"Estimate for \"%1\": %2 of %3 tasks still to run (%4 done).\n\n"_s
                 .arg(estimate.title)
                 .arg(sum.tasks)
                 .arg(total)
                 .arg(done);
    if (rows.isEmpty()) {
        m_out << "Nothing to run.\n";
    } else {
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                     .arg(u"PROVIDER"_s, -16)
                     .arg(u"TASKS"_s, 6)
                     .arg(u"IMAGES"_s, 6)
                     .arg(u"VIDEOS"_s, 6)
                     .arg(u"TIME"_s, 14)
                     .arg(u"WALL TIME"_s, 14)
                     .arg(u"COST"_s, 9)
                     .arg(u"DURATIONS FROM"_s);
        for (const ProviderEstimate &e : rows) {
            m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                         .arg(e.providerId, -16)
                         .arg(e.tasks, 6)
                         .arg(e.images, 6)
                         .arg(e.videos, 6)
                         .arg(ReportText::duration(e.timeMs), 14)
                         .arg(ReportText::duration(e.wallTimeMs), 14)
                         .arg(ReportText::cost(e.costUnits), 9)
                         .arg(e.measured ? u"%1 measured attempts"_s.arg(e.samples)
                              : e.samples > 0
                                  ? u"%1 measured attempts and defaults"_s.arg(e.samples)
                                  : u"defaults"_s);
        }
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                     .arg(u"TOTAL"_s, -16)
                     .arg(sum.tasks, 6)
                     .arg(sum.images, 6)
                     .arg(sum.videos, 6)
                     .arg(ReportText::duration(sum.timeMs), 14)
                     .arg(ReportText::duration(sum.wallTimeMs), 14)
                     .arg(ReportText::cost(sum.costUnits), 9);
    }
    if (later.tasks > 0) {
        m_out << u"\n%1 failed or blocked task(s) are not included: they run after "
                 "retake-cli retry-failed (about %2 cost units more).\n"_s.arg(later.tasks)
                     .arg(ReportText::cost(later.costUnits));
    }
    m_out << "\nCost: the provider profile's cost per unit x units (image 1, video 1 per "
             "second). Time: the mean measured duration of past attempts per provider and "
             "stage; without any, the defaults (local: image 2 s, video 5 s; other kinds: image "
             "20 s, video 90 s). Wall time spreads provider time over its concurrent slots. "
             "One attempt per task: retries and degradation cost more. Cap a run's cost with "
             "retake-cli run FILE --budget UNITS.\n";
    m_out.flush();
    return ExitAllDone;
}

} // namespace retake::cli
