// The reports: the job report of the latest run (Report, F9), the report written when a
// run stops early, the partial report of a run whose process died, and the error log of
// a shot. Its texts keep the window's translation context (MainWindow::tr).
#pragma once

#include "report/runreport.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace retake::ui {

class EngineController;
struct ProjectSession;

class ReportsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportsController)
public:
    // Dialogs open on `window`, the parent.
    explicit ReportsController(ProjectSession *session, EngineController *engine, QWidget *window);

    // Writes the report of the latest run and shows it.
    void showReport();
    // Writes the report of the engine's current (or last) run on the engine thread, then
    // calls `then` (also when it failed).
    void writeRunReport(const std::function<void()> &then = {});
    // Writes the partial report of a run whose process died, if there is one.
    void reportCrashedRun();
    void showCrashedRunReport();
    // Forgets the partial report of the previous storyboard.
    void reset();
    // Shows the failures of `taskIds` in the workspace's error log.
    void showErrorLog(const QStringList &taskIds);

Q_SIGNALS:
    void busyChanged();
    void crashedRunFound(const QString &runId);
    void reportShown(const QString &htmlPath);
    void runReportWritten(const QString &runId, const QString &outcome, const QString &htmlPath);
    void logLine(const QString &line);
    void statusMessage(const QString &text);

private:
    QWidget *window() const;

    ProjectSession *m_session;
    EngineController *m_engine;
    RunReportResult m_crashedRunReport;
};

} // namespace retake::ui
