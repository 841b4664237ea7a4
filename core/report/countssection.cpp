#include "countssection.h"

#include "report/reportcontext.h"

using namespace Qt::StringLiterals;

namespace retake {

QJsonObject CountsSection::build(const ReportContext &context)
{
    QJsonObject stateCounts;
    for (const TaskState state :
         {TaskState::Waiting, TaskState::Queued, TaskState::Running, TaskState::Retrying,
          TaskState::Done, TaskState::Failed, TaskState::Blocked, TaskState::Interrupted,
          TaskState::Cancelled, TaskState::Skipped}) {
        stateCounts.insert(nameOf(state), 0);
    }
    QJsonObject qualityCounts{{nameOf(Quality::Full), 0},
                              {nameOf(Quality::Reduced), 0},
                              {nameOf(Quality::Fallback), 0},
                              {nameOf(Quality::FullOtherProvider), 0}};
    int degraded = 0;
    int onOtherProvider = 0;
    int runAttemptCount = 0;
    int runFailedAttempts = 0;
    for (const QString &id : context.order) {
        const StoredTask &t = context.task(id);
        const QString state = nameOf(t.state);
        stateCounts.insert(state, stateCounts.value(state).toInt() + 1);
        if (t.state == TaskState::Done && t.quality != Quality::None) {
            const QString quality = nameOf(t.quality);
            qualityCounts.insert(quality, qualityCounts.value(quality).toInt() + 1);
            degraded += isDegraded(t.quality) ? 1 : 0;
            onOtherProvider += isOnOtherProvider(t.quality) ? 1 : 0;
        }
        for (const Attempt &a : context.runAttemptsOf(id)) {
            ++runAttemptCount;
            runFailedAttempts += ReportContext::failedAttempt(a) ? 1 : 0;
        }
    }
    return QJsonObject{{u"total"_s, int(context.order.size())}, {u"states"_s, stateCounts},
                       {u"qualities"_s, qualityCounts},         {u"degraded"_s, degraded},
                       {u"onOtherProvider"_s, onOtherProvider}, {u"attempts"_s, runAttemptCount},
                       {u"failedAttempts"_s, runFailedAttempts}};
}

} // namespace retake
