// report.json's "tasks": one row per task in report order: where it belongs, its state and
// quality, the attempts, provider time and cost of the run, its most recent failure and
// the action recommended to the user.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace retake {

struct ReportContext;

class TaskSection final
{
public:
    TaskSection() = delete;

    static QJsonArray build(const ReportContext &context);
    // The row of task `id`.
    static QJsonObject row(const ReportContext &context, const QString &id);
};

} // namespace retake
