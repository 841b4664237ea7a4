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

private:
    static RunReportResult write(const Engine &engine, const QString &runId,
                                 const ReportOptions &options, const QList<ReportFormat> &formats);
};

} // namespace retake
