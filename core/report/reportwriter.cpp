#include "reportwriter.h"

using namespace Qt::StringLiterals;

namespace retake {

void ReportWriter::renderSections(const ReportParts &parts, qsizetype rowsPerSlice)
{
    const QJsonObject head = parts.head();
    const bool prompts = head.value(u"run"_s).toObject().value(u"debugLogging"_s).toBool();
    header(head);
    summary(parts.counts());
    flush();
    timeline(parts.timeline());
    flush();
    const qsizetype failureCount = parts.failureCount();
    beginFailures(failureCount);
    for (qsizetype from = 0; from < failureCount; from += rowsPerSlice) {
        failures(parts.failures(from, rowsPerSlice));
        flush();
    }
    endFailures();
    beginTasks(prompts);
    const qsizetype taskCount = parts.taskCount();
    for (qsizetype from = 0; from < taskCount; from += rowsPerSlice) {
        tasks(parts.tasks(from, rowsPerSlice), prompts);
        flush();
    }
    endTasks();
    beginAudit();
    usage(parts.usage());
    providers(parts.providers());
    const qsizetype stepCount = parts.stepCount();
    beginSteps(stepCount);
    for (qsizetype from = 0; from < stepCount; from += rowsPerSlice) {
        steps(parts.steps(from, rowsPerSlice));
        flush();
    }
    endSteps(stepCount);
    files(parts.files());
    flush();
    checkpoints(parts.checkpoints());
    events(parts.events());
    endAudit();
    footer(head);
    flush();
}

} // namespace retake
