#include "runestimate.h"

#include "engine/engine.h"
#include "report/statereader.h"
#include "store/workspace.h"

using namespace Qt::StringLiterals;

namespace retake {

QList<ProviderInfo> RunEstimate::providersOf(const Engine &engine)
{
    QList<ProviderInfo> list;
    for (const ProviderStatus &status : engine.providerStatuses()) {
        const ProviderProfile *profile = engine.project().provider(status.id);
        list << infoOf(status, profile ? profile->costPerUnit : 0.0);
    }
    return list;
}

ProviderInfo RunEstimate::infoOf(const ProviderStatus &status, double costPerUnit)
{
    return ProviderInfo{status.id, status.kind, status.model, costPerUnit,
                        std::max(1, status.maxLimit)};
}

RunEstimate RunEstimate::of(const Engine &engine)
{
    QHash<QString, QList<Attempt>> history;
    StateReader reader;
    QString error;
    if (reader.open(Workspace(engine.workspaceDir()).path(u"state.sqlite"_s), &error))
        history = reader.attempts();
    RunEstimate estimate = from(
        engine.project().title, videoSecondsOf(engine.project()), providersOf(engine),
        [&history](UsageEstimator &estimator) { estimator.addHistory(history); }, engine.tasks());
    estimate.spent = engine.spentThisRun();
    estimate.budgetCap = engine.options().budgetCap;
    return estimate;
}

QHash<QString, double> RunEstimate::videoSecondsOf(const Project &project)
{
    QHash<QString, double> videoSeconds;
    for (const Scene &scene : project.scenes) {
        for (const Shot &shot : scene.shots) {
            if (shot.hasStage(Stage::Video))
                videoSeconds.insert(shot.id, shot.video.durationSec);
        }
    }
    return videoSeconds;
}

RunEstimate RunEstimate::from(const QString &title, const QHash<QString, double> &videoSeconds,
                              const QList<ProviderInfo> &providers,
                              const std::function<void(UsageEstimator &)> &addMeasured,
                              const QList<TaskSnapshot> &tasks)
{
    UsageEstimator runnable;
    UsageEstimator needsUser;
    runnable.setProviders(providers);
    needsUser.setProviders(providers);
    addMeasured(runnable);
    addMeasured(needsUser);
    RunEstimate estimate;
    estimate.title = title;
    for (const TaskSnapshot &t : tasks) {
        ++estimate.totalTasks;
        if (t.state == TaskState::Done || t.state == TaskState::Skipped) {
            estimate.doneTasks += t.state == TaskState::Done ? 1 : 0;
            continue;
        }
        const double units = UsageEstimator::unitsFor(t.stage, videoSeconds.value(t.shotId, 1.0));
        UsageEstimator &target =
            t.state == TaskState::Failed || t.state == TaskState::Blocked ? needsUser : runnable;
        target.addTask(t.providerId, t.stage, units);
    }
    estimate.providers = runnable.estimate();
    estimate.total = runnable.total();
    estimate.needsUser = needsUser.total();
    for (const ProviderInfo &info : providers)
        estimate.costPerUnit.insert(info.id, info.costPerUnit);
    return estimate;
}

} // namespace retake
