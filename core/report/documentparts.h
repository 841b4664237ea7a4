// The parts (ReportParts) of a report that is one JSON object already: a report.json read
// back, or a whole report built in memory (ReportBuilder::json()).
#pragma once

#include "report/reportparts.h"

namespace retake {

class DocumentParts final : public ReportParts
{
public:
    explicit DocumentParts(const QJsonObject &report);

    QJsonObject head() const override;
    QJsonObject counts() const override;
    QJsonObject timeline() const override;
    qsizetype failureCount() const override;
    QJsonArray failures(qsizetype from, qsizetype count) const override;
    qsizetype taskCount() const override;
    QJsonArray tasks(qsizetype from, qsizetype count) const override;
    QJsonObject usage() const override;
    QJsonArray providers() const override;
    qsizetype stepCount() const override;
    QJsonArray steps(qsizetype from, qsizetype count) const override;
    QJsonObject files() const override;
    QJsonArray checkpoints() const override;
    QJsonArray events() const override;

private:
    static QJsonArray slice(const QJsonArray &array, qsizetype from, qsizetype count);

    QJsonObject m_report;
    QJsonObject m_audit;
};

} // namespace retake
