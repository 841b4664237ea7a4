#include "recoveryplanner.h"

namespace retake {

RecoveryDecision RecoveryPlanner::decide(ErrorClass errorClass, const QString &failedProviderId,
                                         const RecoveryPosition &position,
                                         const RetrySettings &settings)
{
    RecoveryDecision decision;
    const RecoveryRoute route = recoveryRoute(errorClass);
    const bool budgetLeft = position.retriesUsed < settings.maxRetries;
    if (route == RecoveryRoute::FailFast || route == RecoveryRoute::Stop || !budgetLeft)
        return decision;

    const Ladder &ladder = position.ladder;
    const int retryNumber = position.retriesUsed + 1;
    int target = -1;
    if (route == RecoveryRoute::RetrySameRung && position.rungFailures < settings.retriesPerRung)
        target = position.rungIndex;
    else
        target = nextRungAfter(ladder, position.rungIndex, errorClass);
    if (route == RecoveryRoute::SwitchProvider) {
        // A provider that refused the key or the quota will refuse again.
        decision.refuseProvider = true;
        QSet<QString> refused = position.refusedBy;
        refused.insert(failedProviderId);
        while (target >= 0 && refused.contains(ladder.at(target).providerId))
            target = target + 1 < ladder.size() ? target + 1 : -1;
    }
    // The last automatic retry goes to the basic fallback: degrade rather than stop.
    const int fallback = int(ladder.size()) - 1;
    if (target >= 0 && retryNumber == settings.maxRetries && target < fallback)
        target = fallback;
    decision.targetRung = target;
    if (target >= 0 && ladder.at(target).providerId == failedProviderId && isTransient(errorClass))
        decision.backoffRetryNumber = retryNumber;
    return decision;
}

} // namespace retake
