// What a run of an opened engine is expected to take before it starts (issue 6): tasks,
// time and cost per provider of every task that is not done, from the provider profiles
// and the workspace's measured attempts (UsageEstimator). `retake-cli estimate` prints it
// and the GUI's Run confirmation shows it.
#pragma once

#include "report/usageestimator.h"

#include <QHash>
#include <QList>
#include <QString>

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
    // The same from its parts: the project (title, shots' video durations), the providers,
    // the measured attempts by task id and the tasks; spent and budgetCap stay 0.
    static RunEstimate from(const Project &project, const QList<ProviderInfo> &providers,
                            const QHash<QString, QList<Attempt>> &history,
                            const QList<TaskSnapshot> &tasks);
    // Kind, model, cost per unit and concurrency of the engine's providers.
    static QList<ProviderInfo> providersOf(const Engine &engine);
    // One provider as the estimate sees it (also for a run followed from another process).
    static ProviderInfo infoOf(const ProviderStatus &status, double costPerUnit = 0.0);
};

} // namespace retake
