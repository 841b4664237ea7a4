// retake-cli's job reports and estimates (issue 6): `report`, `estimate`, the --budget and
// --debug-logging options, the report written at the end of `run` / `retry-failed`, and
// the partial report of a run whose process died, written when the workspace is opened.
#pragma once

#include "clirunner.h"
#include "engine/engine.h"
#include "jsonprinter.h"
#include "report/reportbuilder.h"
#include "report/runestimate.h"
#include "report/runreport.h"

#include <QObject>
#include <QString>
#include <QTextStream>

#include <optional>

namespace retake::cli {

class ReportCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportCommand)
public:
    explicit ReportCommand(OutputMode mode, QObject *parent = nullptr);

    // `report FILE [--run ID] [--format html|json|md] [--open]`: (re)writes the report of
    // a run (default: the newest) from the state database, without opening the engine,
    // and prints the path of the chosen format (opens it with xdg-open with `open`).
    int report(const Project &project, const QString &workspaceDir, const QString &runId,
               const QString &format, bool open, bool debugLogging);

    // --budget UNITS (empty = not given) and --debug-logging into the engine's options.
    // False after printing why when the budget is not a positive number.
    bool applyOptions(Engine &engine, const QString &budget, bool debugLogging);
    // Right after Engine::open(): a run that never ended (its process died) gets a
    // partial report now, before anything continues it, and so does a run whose report was
    // left pending by Ctrl-C.
    void reportCrashedRun(const Engine &engine);
    // `estimate FILE`: expected tasks, time and cost per provider of what is not done.
    int estimate(const Engine &engine);
    // The same of an estimate however it was made (an engine, or the rows: DigestReader).
    int printEstimate(const RunEstimate &estimate);

    // `run` / `retry-failed`: remembers the run the engine executes, then writes its
    // report when it has finished (cancelled and budget-capped runs included).
    void watch(const Engine &engine);
    void reportFinishedRun(const Engine &engine);
    // Ctrl-C (or SIGTERM) cancels the run: it ends within a second, so its report is left
    // pending (RunReport::markPending) for the next open or `retake-cli report`.
    void deferReport() { m_defer = true; }
    // With --json during a run: its lines go through the run's printer, in order with the
    // run's own (CliRunner::jsonPrinter(); it must outlive the run).
    void setPrinter(JsonPrinter *printer) { m_printer = printer; }

private:
    void printJson(const QJsonObject &object);
    void writeFinishedRunReport(const Engine &engine);
    void printReportPath(const RunReportResult &report, const QString &label);

    OutputMode m_mode;
    QTextStream m_out;
    QTextStream m_err;
    JsonPrinter *m_printer = nullptr;
    QString m_runId;
    bool m_reported = false;
    bool m_defer = false;
    QString m_pendingRunId;
    RunReportResult m_finished;
};

} // namespace retake::cli
