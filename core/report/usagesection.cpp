#include "usagesection.h"

#include "report/reportcontext.h"
#include "report/usageestimator.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QJsonObject totalsOf(const QMap<QString, QJsonObject> &usageRows)
{
    qint64 estimatedTime = 0;
    double estimatedCost = 0.0;
    qint64 actualTime = 0;
    double actualCost = 0.0;
    int actualAttempts = 0;
    for (const QJsonObject &row : usageRows) {
        const QJsonObject estimate = row.value(u"estimate"_s).toObject();
        const QJsonObject actual = row.value(u"actual"_s).toObject();
        estimatedTime += estimate.value(u"timeMs"_s).toInteger();
        estimatedCost += estimate.value(u"costUnits"_s).toDouble();
        actualTime += actual.value(u"timeMs"_s).toInteger();
        actualCost += actual.value(u"costUnits"_s).toDouble();
        actualAttempts += actual.value(u"attempts"_s).toInt();
    }
    return QJsonObject{
        {u"estimate"_s, QJsonObject{{u"timeMs"_s, estimatedTime}, {u"costUnits"_s, estimatedCost}}},
        {u"actual"_s, QJsonObject{{u"attempts"_s, actualAttempts},
                                  {u"timeMs"_s, actualTime},
                                  {u"costUnits"_s, actualCost}}}};
}

} // namespace

QJsonObject UsageSection::build(const ReportContext &context,
                                const QMap<QString, ProviderUse> &uses,
                                const UsageEstimator &estimator)
{
    QMap<QString, QJsonObject> usageRows;
    const auto usageRow = [&](const QString &provider) -> QJsonObject & {
        QJsonObject &row = usageRows[provider];
        if (row.isEmpty()) {
            row = QJsonObject{
                {u"provider"_s, provider},
                {u"costPerUnit"_s, context.providerInfo.value(provider).costPerUnit},
                {u"estimate"_s, QJsonObject{{u"tasks"_s, 0},
                                            {u"timeMs"_s, 0},
                                            {u"costUnits"_s, 0.0},
                                            {u"timeSource"_s, u"default"_s},
                                            {u"samples"_s, 0}}},
                {u"actual"_s,
                 QJsonObject{{u"attempts"_s, 0}, {u"timeMs"_s, 0}, {u"costUnits"_s, 0.0}}}};
        }
        return row;
    };
    for (const ProviderEstimate &e : estimator.estimate()) {
        QJsonObject &row = usageRow(e.providerId);
        row.insert(u"estimate"_s,
                   QJsonObject{{u"tasks"_s, e.tasks},
                               {u"timeMs"_s, e.timeMs},
                               {u"costUnits"_s, e.costUnits},
                               {u"timeSource"_s, e.measured ? u"measured"_s : u"default"_s},
                               {u"samples"_s, e.samples}});
    }
    for (auto it = uses.cbegin(); it != uses.cend(); ++it) {
        QJsonObject &row = usageRow(it.key());
        row.insert(u"actual"_s, QJsonObject{{u"attempts"_s, it->attempts},
                                            {u"timeMs"_s, it->timeMs},
                                            {u"costUnits"_s, it->costUnits}});
    }
    QJsonArray usageArray;
    for (const QJsonObject &row : std::as_const(usageRows))
        usageArray.append(row);
    return QJsonObject{
        {u"providers"_s, usageArray},
        {u"totals"_s, totalsOf(usageRows)},
        {u"basis"_s,
         u"Estimate: one attempt per task of this run on the provider it started on; cost = the "
         u"profile's cost per unit x units (image 1, video 1 per second); time = the mean "
         u"duration of that provider's attempts of the stage before this run, or the default "
         u"(local: image 2 s, video 5 s; other kinds: image 20 s, video 90 s). Actual: every "
         u"attempt of the run, retries included; time is provider time (attempts summed)."_s},
    };
}

} // namespace retake
