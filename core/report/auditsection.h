// report.json's "audit": the providers and models the run used, the steps it completed,
// the files it wrote, archived and rejected, its checkpoints and events, and its usage
// against the estimate (UsageSection). One pass over the run's attempts makes all of it;
// the steps completed (one per verified output) are then taken a slice at a time.
#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace retake {

struct ReportContext;

class AuditSection final
{
public:
    explicit AuditSection(const ReportContext &context);

    // The whole section.
    static QJsonObject build(const ReportContext &context);

    QJsonArray providers() const;
    qsizetype stepCount() const;
    QJsonArray steps(qsizetype from, qsizetype count) const; // by the time they finished
    QJsonObject files() const;
    QJsonArray checkpoints() const;
    QJsonArray events() const;
    QJsonObject usage() const { return m_usage; }

    struct RunTally;

private:
    const ReportContext &m_context;
    std::shared_ptr<const RunTally> m_tally;
    QJsonObject m_usage;
};

} // namespace retake
