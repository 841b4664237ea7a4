// The parts (ReportParts) of a report made from a loaded ReportContext: each section is
// built when a writer asks for it, the long lists a slice at a time, so that writing the
// report holds no more than one slice of rows besides the context itself. The audit's one
// pass over the run's attempts is made once, here.
#pragma once

#include "report/auditsection.h"
#include "report/reportparts.h"

#include <QStringList>

namespace retake {

struct ReportContext;

class ContextParts final : public ReportParts
{
public:
    explicit ContextParts(const ReportContext &context);

    QJsonObject head() const override;
    QJsonObject counts() const override;
    QJsonObject timeline() const override;
    qsizetype failureCount() const override { return m_failures.size(); }
    QJsonArray failures(qsizetype from, qsizetype count) const override;
    qsizetype taskCount() const override;
    QJsonArray tasks(qsizetype from, qsizetype count) const override;
    QJsonObject usage() const override { return m_audit.usage(); }
    QJsonArray providers() const override { return m_audit.providers(); }
    qsizetype stepCount() const override { return m_audit.stepCount(); }
    QJsonArray steps(qsizetype from, qsizetype count) const override;
    QJsonObject files() const override { return m_audit.files(); }
    QJsonArray checkpoints() const override { return m_audit.checkpoints(); }
    QJsonArray events() const override { return m_audit.events(); }

private:
    const ReportContext &m_context;
    const AuditSection m_audit;
    const QStringList m_failures;
};

} // namespace retake
