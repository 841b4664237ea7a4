// The job report of one run (reports/<run-id>/; docs/ARCHITECTURE.md, "Reports"): report.json
// (described by resources/schema/report-1.schema.json), a self-contained report.html and, on
// request, report.md. Everything comes from the workspace's state.sqlite, read through its own
// read-only connection, plus the project for titles and the provider profiles for costs.
//
// Attempts, events and checkpoints have no run id in the state database: a run owns what
// happened from the end of the run before it (what happened between two runs, such as a
// user's retry, led to the later one), or from its own start, until its end; the newest
// run until now. Task states and counts are those in
// the database when the report is built ("statesAsOf"), which is the end of the run for a
// report written when a run ends.
//
// Privacy: prompts and negative prompts appear only with debug logging on; messages are
// scrubbed of prompts (when off) and of anything shaped like a credential (always).
#pragma once

#include "domain/project.h"
#include "report/usageestimator.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace retake {

struct ReportContext;

enum class ReportFormat { Json, Html, Markdown };

struct ReportOptions {
    bool debugLogging = false; // include prompts; shown in the report header
    double budgetCap = 0.0;    // the run's cap in cost units; 0 = none or not known
    // The process that ran the batch died and this report is written at the next open:
    // a run that never ended is reported as crashed (else as unfinished), and its
    // running tasks as interrupted.
    bool processDied = false;
};

struct ReportFiles {
    QString directory;
    QString json;
    QString html;
    QString markdown; // empty unless asked for
};

class ReportBuilder final
{
public:
    static constexpr auto kFormat = u"retake-report/1";

    ReportBuilder(const Project &project, const QString &workspaceDir);

    void setOptions(const ReportOptions &options) { m_options = options; }
    ReportOptions options() const { return m_options; }
    // Kind, model, cost per unit and concurrency of each provider (for the estimate);
    // defaults to providersOf(project).
    void setProviders(const QList<ProviderInfo> &providers) { m_providers = providers; }
    // The project's profiles and the built-in local provider.
    static QList<ProviderInfo> providersOf(const Project &project);
    // The tasks of a live engine (Engine::tasks()): their order is used, and so are their
    // states for tasks the state database has not saved yet (the engine saves a task when
    // it first changes). Without them, such tasks are derived from the storyboard: a shot's
    // image and video only.
    void setLiveTasks(const QList<TaskSnapshot> &tasks) { m_liveTasks = tasks; }

    // Reads what the report of run `runId` (empty = the newest run) is made of. False with
    // `error` set when there is no state database or no such run.
    bool build(const QString &runId, QString *error);
    QString runId() const { return m_runId; }
    // report.json's "run" (its outcome, whether it is partial, ...).
    QJsonObject run() const;
    // The whole report as one object, and rendered from it; for small reports and tests:
    // write() does not hold the whole document.
    QJsonObject json() const;
    QString html() const;
    QString markdown() const;

    // Writes reports/<run-id>/report.json and report.html (always), and report.md when
    // `formats` has Markdown, each atomically (QSaveFile) and as it is produced, a slice of
    // rows at a time (docs/ARCHITECTURE.md, "Reports").
    bool write(const QList<ReportFormat> &formats, ReportFiles *files, QString *error) const;
    // Rows per slice in write(); tests make it small to cross slice boundaries.
    void setRowsPerSlice(qsizetype rows) { m_rowsPerSlice = rows; }

    static QString reportDirectory(const QString &workspaceDir, const QString &runId);
    // The newest run recorded in the workspace, or empty with `error` set.
    static QString newestRunId(const QString &workspaceDir, QString *error);

private:
    Project m_project;
    QString m_workspaceDir;
    ReportOptions m_options;
    QList<ProviderInfo> m_providers;
    QList<TaskSnapshot> m_liveTasks;
    QString m_runId;
    std::shared_ptr<const ReportContext> m_context;
    qsizetype m_rowsPerSlice = 256;
};

} // namespace retake
