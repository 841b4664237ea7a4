// Counters of retake-sim, per protocol: what tests and benchmarks check.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace retake::sim {

struct ProtocolStats {
    int requests = 0;          // every HTTP request of this protocol
    int submitted = 0;         // jobs accepted
    int rateLimited = 0;       // submissions answered 429 by the token bucket
    int cancelled = 0;         // server-side cancellations received (interrupt, cancel URL, ...)
    int completed = 0;         // jobs that produced an output
    int failed = 0;            // jobs that ended with an injected fault
    int downloads = 0;         // output files served
    int progressEvents = 0;    // progress reports sent (ws events, logs, /progress answers)
    QMap<QString, int> faults; // injected faults by name
};

struct SimStats {
    QMap<QString, ProtocolStats> protocols;

    ProtocolStats total() const;
    QJsonObject toJson() const;
};

} // namespace retake::sim
