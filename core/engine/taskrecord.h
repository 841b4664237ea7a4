// One task as the engine keeps it while a batch runs: what the UI sees (the snapshot),
// where it stands on its ladder, its attempts, and the attempt in flight.
#pragma once

#include "domain/remotejob.h"
#include "domain/task.h"
#include "domain/taskgraph.h"
#include "engine/ladder.h"
#include "engine/providergate.h"
#include "providers/provider.h"

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>

namespace retake {

struct TaskRecord {
    TaskSnapshot snap;
    TaskNode node; // its place in the DAG
    Ladder ladder;
    int rungIndex = 0;
    int retriesUsed = 0;
    int rungFailures = 0;    // consecutive transient failures on the current rung
    qint64 dispatchedMs = 0; // engine clock when the current attempt was sent
    QList<Attempt> attempts;
    QByteArray paramsHash; // shot parameters the current output was made from
    // In flight.
    QPointer<ProviderJob> job;
    Attempt current;
    GenerationRequest request;
    int stagingSlot = -1;  // the staging slot of the attempt in flight (AttemptRunner)
    int endpoint = 0;      // the pool endpoint of the attempt in flight (0 for one URL)
    GateTicket ticket;     // from that endpoint's gate when the attempt was sent
    bool accepted = false; // the provider took the attempt in flight (its gate was told)
    // Rate limits waited out on the current rung (docs/ARCHITECTURE.md, "Rate limits"): they
    // spend no retry until together they pass the profile's maxWaitMs.
    qint64 rateWaitedMs = 0;
    int rateWaits = 0;
    bool cancelRequested = false;
    // A full-quality retry of a degraded task keeps the old output if it fails.
    Quality previousQuality = Quality::None;
    QString previousOutput;
    ErrorClass manualRetryError = ErrorClass::None;
    QSet<QString> refusedBy;   // providers that answered auth / quota errors in this run
    QString providerOverride;  // chosen by "Switch provider"; first in the ladder
    double costEstimate = 0.0; // of the attempt in flight
    // The remote job of the attempt in flight, or (restored from the state) the one a
    // killed run left: dispatch re-attaches to it when provider and parameters still match.
    RemoteJobRef remoteJob;

    bool isShotTask() const { return node.shotIndex >= 0; }
    const Rung &rung() const { return ladder.at(rungIndex); }
    QString providerId() const { return ladder.value(rungIndex).providerId; }
    // The snapshot with the rung, provider and retries of where the task stands now.
    TaskSnapshot snapshot() const
    {
        TaskSnapshot s = snap;
        s.rung = ladder.value(rungIndex).kind;
        s.providerId = ladder.value(rungIndex).providerId;
        s.retriesUsed = retriesUsed;
        return s;
    }
};

} // namespace retake
