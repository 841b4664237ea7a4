// Job reports written for a live engine, shared by retake-cli and the GUI (issue 6): the
// report of the run the engine executes or executed last, and the partial report of a run
// whose process died, written at the next open before anything continues it.
// Call on the engine's thread: the state database is read through its own read-only
// connection and the files are written atomically.
#pragma once

#include "report/reportbuilder.h"

#include <QList>
#include <QString>

namespace retake {

class Engine;

struct RunReportResult {
    bool written = false;
    QString runId;
    QString outcome; // report.json's run.outcome: "complete", "cancelled", "crashed", ...
    bool partial = false;
    ReportFiles files;
    QString error; // why nothing was written; empty when there was nothing to write
};

class RunReport final
{
public:
    RunReport() = delete;

    // Right after Engine::open(): when the run the engine resumes stopped because its
    // process died (crash or kill; not a suspend()), writes its partial report (outcome
    // "crashed", running tasks as interrupted). Nothing to write otherwise.
    static RunReportResult writeCrashedRun(const Engine &engine);
    // Writes the report of `runId`; empty: the engine's current run, else the run that
    // ended last in this session, else the newest recorded one. A run that has not ended
    // (paused, suspended) gets a partial report marked unfinished.
    static RunReportResult write(const Engine &engine, const QString &runId = {},
                                 const QList<ReportFormat> &formats = {ReportFormat::Json,
                                                                       ReportFormat::Html});

    // A run cancelled with Ctrl-C ends at once and leaves its report for later: this marks
    // it pending (reports/<run-id>/report.pending). False with `error` set when the marker
    // cannot be written; the report should then be written now.
    static bool markPending(const QString &workspaceDir, const QString &runId, QString *error);
    // Right after Engine::open(), before anything changes a task: writes the report of every
    // run marked pending (with the task states it ended with) and clears its mark.
    static QList<RunReportResult> writePending(const Engine &engine);
    // Whether a run of `workspaceDir` is marked pending (a command that does not open the
    // engine leaves the workspace to one that does, which writes it).
    static bool hasPending(const QString &workspaceDir);
    // Clears the mark of `runId` once its report has been written (retake-cli report).
    static void clearPending(const QString &workspaceDir, const QString &runId);

private:
    static RunReportResult write(const Engine &engine, const QString &runId,
                                 const ReportOptions &options, const QList<ReportFormat> &formats);
};

} // namespace retake
