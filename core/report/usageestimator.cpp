#include "usageestimator.h"

#include "domain/taskid.h"

#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

std::optional<Stage> stageOfTask(const QString &taskId)
{
    return TaskId::stageOf(taskId);
}

} // namespace

QString UsageEstimator::key(const QString &providerId, Stage stage)
{
    return providerId + u'\n' + nameOf(stage);
}

void UsageEstimator::setProviders(const QList<ProviderInfo> &providers)
{
    m_providers.clear();
    for (const ProviderInfo &info : providers)
        m_providers.insert(info.id, info);
}

void UsageEstimator::addHistory(const QHash<QString, QList<Attempt>> &attempts,
                                const QDateTime &before)
{
    for (auto it = attempts.cbegin(); it != attempts.cend(); ++it) {
        const std::optional<Stage> stage = stageOfTask(it.key());
        if (!stage)
            continue;
        for (const Attempt &a : it.value()) {
            if (!a.startedAt.isValid() || !a.endedAt.isValid() || !a.countedAgainstBudget ||
                a.errorClass == ErrorClass::Cancelled)
                continue;
            if (before.isValid() && a.startedAt >= before)
                continue;
            Sample &sample = m_samples[key(a.providerId, *stage)];
            sample.totalMs += std::max<qint64>(0, a.durationMs());
            sample.count += 1;
        }
    }
}

void UsageEstimator::addMeasured(const QString &providerId, Stage stage, qint64 totalMs, int count)
{
    Sample &sample = m_samples[key(providerId, stage)];
    sample.totalMs += totalMs;
    sample.count += count;
}

void UsageEstimator::addTask(const QString &providerId, Stage stage, double units)
{
    m_tasks << Pending{providerId, stage, units};
}

std::optional<qint64> UsageEstimator::meanDurationMs(const QString &providerId, Stage stage) const
{
    const auto it = m_samples.constFind(key(providerId, stage));
    if (it == m_samples.constEnd() || it->count == 0)
        return std::nullopt;
    return qint64(std::llround(double(it->totalMs) / it->count));
}

int UsageEstimator::sampleCount(const QString &providerId, Stage stage) const
{
    return m_samples.value(key(providerId, stage)).count;
}

qint64 UsageEstimator::defaultDurationMs(const QString &kind, Stage stage)
{
    const bool local = kind.isEmpty() || kind == u"local"_s;
    if (stage == Stage::Image)
        return local ? 2000 : 20000;
    if (stage == Stage::Video)
        return local ? 5000 : 90000;
    return local ? 5000 : 60000;
}

double UsageEstimator::unitsFor(Stage stage, double videoDurationSec)
{
    return stage == Stage::Video ? videoDurationSec : 1.0;
}

qint64 UsageEstimator::expectedDurationMs(const QString &providerId, Stage stage) const
{
    if (const std::optional<qint64> mean = meanDurationMs(providerId, stage))
        return *mean;
    return defaultDurationMs(m_providers.value(providerId).kind, stage);
}

double UsageEstimator::costPerUnit(const QString &providerId) const
{
    return m_providers.value(providerId).costPerUnit;
}

QList<ProviderEstimate> UsageEstimator::estimate() const
{
    QMap<QString, ProviderEstimate> byProvider;
    QHash<QString, QSet<QString>> unmeasured; // provider -> stages without samples
    for (const Pending &task : m_tasks) {
        ProviderEstimate &e = byProvider[task.providerId];
        e.providerId = task.providerId;
        e.tasks += 1;
        e.images += task.stage == Stage::Image ? 1 : 0;
        e.videos += task.stage == Stage::Video ? 1 : 0;
        e.timeMs += expectedDurationMs(task.providerId, task.stage);
        e.costUnits += costPerUnit(task.providerId) * task.units;
        if (!meanDurationMs(task.providerId, task.stage))
            unmeasured[task.providerId].insert(nameOf(task.stage));
    }
    QList<ProviderEstimate> list;
    for (auto it = byProvider.begin(); it != byProvider.end(); ++it) {
        ProviderEstimate &e = it.value();
        e.measured = unmeasured.value(e.providerId).isEmpty();
        QList<Stage> stages;
        for (const Pending &task : m_tasks) {
            if (task.providerId == e.providerId && !stages.contains(task.stage))
                stages << task.stage;
        }
        for (const Stage stage : stages)
            e.samples += sampleCount(e.providerId, stage);
        const int parallel = std::max(1, m_providers.value(e.providerId).maxConcurrency);
        e.wallTimeMs = e.tasks > 0 ? qint64(std::ceil(double(e.timeMs) / parallel)) : 0;
        list << e;
    }
    return list;
}

ProviderEstimate UsageEstimator::total() const
{
    ProviderEstimate sum;
    sum.measured = true;
    for (const ProviderEstimate &e : estimate()) {
        sum.tasks += e.tasks;
        sum.images += e.images;
        sum.videos += e.videos;
        sum.timeMs += e.timeMs;
        // Providers work in parallel: the batch takes as long as the slowest one.
        sum.wallTimeMs = std::max(sum.wallTimeMs, e.wallTimeMs);
        sum.costUnits += e.costUnits;
        sum.measured = sum.measured && e.measured;
        sum.samples += e.samples;
    }
    return sum;
}

} // namespace retake
