// The sections of a rendered job report, shared by report.html (HtmlReport) and report.md
// (MarkdownReport): both render the report's parts (ReportParts) in this order, each section
// from its part of report.json, so the two stay the same report in two formats. The long
// lists (failures, tasks, steps completed) come a slice at a time, between a begin and an
// end; flush() follows every section and slice, for a writer that writes to disk as it goes.
#pragma once

#include "report/reportparts.h"

#include <QJsonArray>
#include <QJsonObject>

namespace retake {

class ReportWriter
{
public:
    virtual ~ReportWriter() = default;

    // Header, summary, the timeline, failures, tasks, the audit trail (usage, providers, steps
    // completed, files, checkpoints, events), footer.
    void renderSections(const ReportParts &parts,
                        qsizetype rowsPerSlice = ReportParts::kRowsPerSlice);

protected:
    ReportWriter() = default;

    // `head`: format, generatedAt, generator, storyboard and run (ReportParts::head()).
    virtual void header(const QJsonObject &head) = 0;
    virtual void summary(const QJsonObject &counts) = 0;
    // report.json's "timeline" (Timeline::toJson); empty in reports written before it.
    virtual void timeline(const QJsonObject &timeline) = 0;
    virtual void beginFailures(qsizetype count) = 0;
    virtual void failures(const QJsonArray &slice) = 0;
    virtual void endFailures() = 0;
    // `prompts`: debug logging was on, so the tasks carry their prompts.
    virtual void beginTasks(bool prompts) = 0;
    virtual void tasks(const QJsonArray &slice, bool prompts) = 0;
    virtual void endTasks() = 0;
    virtual void beginAudit() = 0;
    virtual void usage(const QJsonObject &usage) = 0;
    virtual void providers(const QJsonArray &providers) = 0;
    virtual void beginSteps(qsizetype count) = 0;
    virtual void steps(const QJsonArray &slice) = 0;
    virtual void endSteps(qsizetype count) = 0;
    virtual void files(const QJsonObject &files) = 0;
    virtual void checkpoints(const QJsonArray &checkpoints) = 0;
    virtual void events(const QJsonArray &events) = 0;
    virtual void endAudit() = 0;
    virtual void footer(const QJsonObject &head) = 0;
    virtual void flush() {}
};

} // namespace retake
