// report.json's "audit": the providers and models the run used, the steps it completed,
// the files it wrote, archived and rejected, its checkpoints and events, and its usage
// against the estimate (UsageSection).
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace retake {

struct ReportContext;
struct ProviderUse;

class AuditSection final
{
public:
    AuditSection() = delete;

    static QJsonObject build(const ReportContext &context);

private:
    static QJsonArray providers(const ReportContext &context,
                                const QMap<QString, ProviderUse> &uses);
    static QJsonArray checkpoints(const ReportContext &context);
    static QJsonArray events(const ReportContext &context);
};

} // namespace retake
