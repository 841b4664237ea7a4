// The sections of a rendered job report, shared by report.html (HtmlReport) and report.md
// (MarkdownReport): both render report.json in this order, each section from its part of
// the report, so the two stay the same report in two formats.
#pragma once

#include <QJsonArray>
#include <QJsonObject>

namespace retake {

class ReportWriter
{
public:
    virtual ~ReportWriter() = default;

    // Header, summary, the timeline, failures, tasks, the audit trail (usage, providers, steps
    // completed, files, checkpoints, events), footer.
    void renderSections(const QJsonObject &report);

protected:
    ReportWriter() = default;

    virtual void header(const QJsonObject &report) = 0;
    virtual void summary(const QJsonObject &counts) = 0;
    // report.json's "timeline" (Timeline::toJson); empty in reports written before it.
    virtual void timeline(const QJsonObject &timeline) = 0;
    virtual void failures(const QJsonArray &failures) = 0;
    // `prompts`: debug logging was on, so the tasks carry their prompts.
    virtual void tasks(const QJsonArray &tasks, bool prompts) = 0;
    virtual void beginAudit() = 0;
    virtual void usage(const QJsonObject &usage) = 0;
    virtual void providers(const QJsonArray &providers) = 0;
    virtual void steps(const QJsonArray &steps) = 0;
    virtual void files(const QJsonObject &files) = 0;
    virtual void checkpoints(const QJsonArray &checkpoints) = 0;
    virtual void events(const QJsonArray &events) = 0;
    virtual void endAudit() = 0;
    virtual void footer(const QJsonObject &report) = 0;
};

} // namespace retake
