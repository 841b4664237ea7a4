#include "reportwriter.h"

using namespace Qt::StringLiterals;

namespace retake {

void ReportWriter::renderSections(const QJsonObject &report)
{
    const QJsonObject run = report.value(u"run"_s).toObject();
    const QJsonObject audit = report.value(u"audit"_s).toObject();
    header(report);
    summary(report.value(u"counts"_s).toObject());
    timeline(report.value(u"timeline"_s).toObject());
    failures(report.value(u"failures"_s).toArray());
    tasks(report.value(u"tasks"_s).toArray(), run.value(u"debugLogging"_s).toBool());
    beginAudit();
    usage(audit.value(u"usage"_s).toObject());
    providers(audit.value(u"providers"_s).toArray());
    steps(audit.value(u"stepsCompleted"_s).toArray());
    files(audit.value(u"files"_s).toObject());
    checkpoints(audit.value(u"checkpoints"_s).toArray());
    events(audit.value(u"events"_s).toArray());
    endAudit();
    footer(report);
}

} // namespace retake
