#include "reportscontroller.h"

#include "enginecontroller.h"
#include "errorlogdialog.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "reportdialog.h"
#include "store/workspace.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

// The page as written: a job report is streamed to disk, not kept in memory.
QString readReport(const QString &htmlPath)
{
    QFile file(htmlPath);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

ReportsController::ReportsController(ProjectSession *session, EngineController *engine,
                                     QWidget *window)
    : QObject(window), m_session(session), m_engine(engine)
{
}

QWidget *ReportsController::window() const
{
    return qobject_cast<QWidget *>(parent());
}

void ReportsController::showReport()
{
    if (!m_session->loaded || m_session->busy)
        return;
    m_session->busy = true;
    Q_EMIT busyChanged();
    Q_EMIT statusMessage(MainWindow::tr("Writing the report…"));
    // The same report the engine writes at the end of a run (budget cap included), built
    // on the engine's thread from its own read-only connection.
    m_engine->query<RunReportResult>(
        [](const Engine &engine) { return RunReport::write(engine); }, this,
        [this](const RunReportResult &report) {
            m_session->busy = false;
            Q_EMIT busyChanged();
            if (!report.written) {
                const QString text = MainWindow::tr("No report: %1").arg(report.error);
                Q_EMIT logLine(text);
                Q_EMIT statusMessage(text);
                return;
            }
            Q_EMIT statusMessage(MainWindow::tr("Report written to %1.").arg(report.files.html));
            auto *dialog =
                new ReportDialog(readReport(report.files.html), report.files.html, window());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
            Q_EMIT reportShown(report.files.html);
        });
}

void ReportsController::writeRunReport(const std::function<void()> &then)
{
    m_engine->query<RunReportResult>(
        [](const Engine &engine) { return RunReport::write(engine); }, this,
        [this, then](const RunReportResult &report) {
            if (report.written) {
                Q_EMIT logLine(MainWindow::tr("Job report of run %1 written: %2")
                                   .arg(report.runId, report.files.html));
                Q_EMIT runReportWritten(report.runId, report.outcome, report.files.html);
            } else if (!report.error.isEmpty()) {
                Q_EMIT logLine(MainWindow::tr("No job report: %1").arg(report.error));
            }
            if (then)
                then();
        });
}

void ReportsController::reportCrashedRun()
{
    m_engine->query<RunReportResult>(
        [](const Engine &engine) {
            // A run cancelled with Ctrl-C in retake-cli left its report for this open.
            RunReport::writePending(engine);
            return RunReport::writeCrashedRun(engine);
        },
        this,
        [this](const RunReportResult &report) {
            if (!report.error.isEmpty())
                Q_EMIT logLine(MainWindow::tr("Could not write the partial report of the run "
                                              "that stopped: %1")
                                   .arg(report.error));
            if (!report.written)
                return;
            m_crashedRunReport = report;
            Q_EMIT logLine(MainWindow::tr("Run %1 stopped before it finished (crash or kill); "
                                          "partial report: %2")
                               .arg(report.runId, report.files.html));
            Q_EMIT crashedRunFound(report.runId);
            Q_EMIT runReportWritten(report.runId, report.outcome, report.files.html);
        });
}

void ReportsController::showCrashedRunReport()
{
    if (!m_crashedRunReport.written)
        return;
    auto *dialog = new ReportDialog(readReport(m_crashedRunReport.files.html),
                                    m_crashedRunReport.files.html, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    Q_EMIT reportShown(m_crashedRunReport.files.html);
}

void ReportsController::reset()
{
    m_crashedRunReport = RunReportResult();
}

void ReportsController::showErrorLog(const QStringList &taskIds)
{
    if (m_session->workspaceDir.isEmpty())
        return;
    auto *dialog =
        new ErrorLogDialog(Workspace(m_session->workspaceDir).errorLogPath(), taskIds, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace retake::ui
