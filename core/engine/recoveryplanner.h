// What happens to a task after a failed attempt: retry the same rung after a backoff,
// move down the degradation ladder, switch provider, or stop and ask the user. A pure
// decision (outcome + position on the ladder + settings -> decision), so every route is
// one row of a table test. The routes are described in docs/ARCHITECTURE.md ("Failures").
#pragma once

#include "domain/project.h"
#include "domain/types.h"
#include "engine/ladder.h"

#include <QSet>
#include <QString>

namespace retake {

// Where a task stands when its attempt fails.
struct RecoveryPosition {
    Ladder ladder;
    int rungIndex = 0;
    int retriesUsed = 0;     // automatic retries spent in this run
    int rungFailures = 0;    // consecutive transient failures on the current rung
    QSet<QString> refusedBy; // providers that refused the key or quota in this run
};

struct RecoveryDecision {
    // The rung of the next attempt, or -1: no automatic retry is left and the task needs
    // the user (or keeps the output it had before a full-quality retry).
    int targetRung = -1;
    // The failing provider refused the key or the quota: the task stops asking it.
    bool refuseProvider = false;
    // 0 = at once; otherwise the retry number whose backoff (RetryPolicy::delayMs) the
    // task waits before it is queued again.
    int backoffRetryNumber = 0;

    bool retries() const { return targetRung >= 0; }
};

class RecoveryPlanner final
{
public:
    static RecoveryDecision decide(ErrorClass errorClass, const QString &failedProviderId,
                                   const RecoveryPosition &position, const RetrySettings &settings);
};

} // namespace retake
