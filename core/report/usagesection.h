// report.json's "audit.usage": per provider, the estimate of the run (profile costs,
// durations measured before the run) against what it actually used, and the totals.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace retake {

struct ReportContext;
class UsageEstimator;

// What the run's attempts on one provider came to.
struct ProviderUse {
    QStringList models;
    int attempts = 0;
    int succeeded = 0;
    int failed = 0;
    qint64 timeMs = 0;
    double costUnits = 0.0;
    QMap<QString, int> classes; // failed attempts by error class
};

class UsageSection final
{
public:
    UsageSection() = delete;

    // `uses` by provider id; `estimator` holds the run's tasks and the history before it.
    static QJsonObject build(const ReportContext &context, const QMap<QString, ProviderUse> &uses,
                             const UsageEstimator &estimator);
};

} // namespace retake
