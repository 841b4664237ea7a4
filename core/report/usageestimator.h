// Expected time and cost of a set of tasks, per provider: cost from the provider profile's
// cost per unit (an image is 1 unit, a video 1 unit per second), time from the mean
// measured duration of past attempts on the same provider and stage. Without measured
// attempts the documented defaults below are used, and the estimate says so.
//
// Defaults (no measured attempt of that provider and stage yet):
//   built-in / local kind: image 2 s, video 5 s, any other stage 5 s
//   every other kind:      image 20 s, video 90 s, any other stage 60 s
// One attempt per task is assumed: retries and degradation are not predicted, the actual
// figures in the job report show what they cost.
#pragma once

#include "domain/task.h"
#include "domain/types.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace retake {

// What a report or an estimate needs to know about a provider.
struct ProviderInfo {
    QString id;
    QString kind; // "local", "comfyui", ... (empty when unknown)
    QString model;
    double costPerUnit = 0.0;
    int maxConcurrency = 1;
};

struct ProviderEstimate {
    QString providerId;
    int tasks = 0;
    int images = 0;
    int videos = 0;
    qint64 timeMs = 0;     // sum of the expected attempt durations (provider time)
    qint64 wallTimeMs = 0; // provider time spread over its concurrent slots
    double costUnits = 0.0;
    bool measured = false; // every duration came from measured attempts
    int samples = 0;       // measured attempts the durations were taken from
};

class UsageEstimator final
{
public:
    UsageEstimator() = default;

    void setProviders(const QList<ProviderInfo> &providers);
    // Measured durations: every ended attempt of `attempts` (by task id) that started
    // before `before` (all of them when invalid). Cancelled attempts and attempts that
    // did not count (disk-full pauses, interruptions) are left out.
    void addHistory(const QHash<QString, QList<Attempt>> &attempts, const QDateTime &before = {});
    // The same already summed: `count` measured attempts of `totalMs` in all.
    void addMeasured(const QString &providerId, Stage stage, qint64 totalMs, int count);
    // One task to estimate: a stage on a provider, `units` cost units (1 for an image,
    // the duration in seconds for a video).
    void addTask(const QString &providerId, Stage stage, double units);

    QList<ProviderEstimate> estimate() const; // by provider id
    ProviderEstimate total() const;

    std::optional<qint64> meanDurationMs(const QString &providerId, Stage stage) const;
    int sampleCount(const QString &providerId, Stage stage) const;
    qint64 expectedDurationMs(const QString &providerId, Stage stage) const;
    double costPerUnit(const QString &providerId) const;
    static qint64 defaultDurationMs(const QString &kind, Stage stage);
    // Units billed for a stage: 1 for an image (and any non-video stage), seconds of video.
    static double unitsFor(Stage stage, double videoDurationSec);

private:
    struct Sample {
        qint64 totalMs = 0;
        int count = 0;
    };
    struct Pending {
        QString providerId;
        Stage stage = Stage::Image;
        double units = 0.0;
    };
    static QString key(const QString &providerId, Stage stage);

    QHash<QString, ProviderInfo> m_providers;
    QHash<QString, Sample> m_samples; // by key()
    QList<Pending> m_tasks;
};

} // namespace retake
