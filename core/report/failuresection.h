// report.json's "failures": every failed or degraded task with the reason, the last step
// of its shot that produced a verified output, what its failed attempts left behind, and
// its recovery path (the run's attempts and the user actions that concern it, by time).
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace retake {

struct ReportContext;

class FailureSection final
{
public:
    FailureSection() = delete;

    static QJsonArray build(const ReportContext &context);
    // The failed or degraded tasks, in report order, and the entry of one of them.
    static QStringList ids(const ReportContext &context);
    static QJsonObject failure(const ReportContext &context, const QString &id);

private:
    static QJsonValue lastCompletedStep(const ReportContext &context, const QString &id);
    static QJsonArray partialOutputs(const ReportContext &context, const QString &id);
    static QJsonArray recoveryPath(const ReportContext &context, const QString &id);
};

} // namespace retake
