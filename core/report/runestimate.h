// What a run of an opened engine is expected to take before it starts (issue 6): tasks,
// time and cost per provider of every task that is not done, from the provider profiles
// and the workspace's measured attempts (UsageEstimator). `retake-cli estimate` prints it
// and the GUI's Run confirmation shows it.
#pragma once

#include "report/usageestimator.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace retake {

class Engine;
struct Project;
struct ProviderStatus;

struct RunEstimate {
    QString title;                     // the storyboard's title
    QList<ProviderEstimate> providers; // the tasks the run will dispatch, by provider id
    ProviderEstimate total;            // their sum (wall time: the slowest provider)
    // Failed and blocked tasks: not dispatched by a run, only after a retry.
    ProviderEstimate needsUser;
    QHash<QString, double> costPerUnit; // by provider id
    int doneTasks = 0;
    int totalTasks = 0;
    double spent = 0.0;     // cost units the engine's current run has spent so far
    double budgetCap = 0.0; // the engine's current cap, 0 = none

    // Call on the engine's thread; reads the workspace's state database (read-only) for
    // the measured durations of past attempts.
    static RunEstimate of(const Engine &engine);
    // The same from its parts: the storyboard's title, the video duration of each shot with
    // a video (by shot id), the providers, what adds the measured attempts to an estimator
    // (UsageEstimator::addHistory or addMeasured) and the tasks; spent and budgetCap stay 0.
    static RunEstimate from(const QString &title, const QHash<QString, double> &videoSeconds,
                            const QList<ProviderInfo> &providers,
                            const std::function<void(UsageEstimator &)> &addMeasured,
                            const QList<TaskSnapshot> &tasks);
    // The video durations `from` needs.
    static QHash<QString, double> videoSecondsOf(const Project &project);
    // Kind, model, cost per unit and concurrency of the engine's providers.
    static QList<ProviderInfo> providersOf(const Engine &engine);
    // One provider as the estimate sees it (also for a run followed from another process).
    static ProviderInfo infoOf(const ProviderStatus &status, double costPerUnit = 0.0);
};

} // namespace retake
