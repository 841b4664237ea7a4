// One provider as the scheduler sees it: its endpoints, each a Provider with its own
// ProviderGate (breaker, limit, pacing, health), and one queue of task indices. A profile
// with one base URL is a pool of one; a profile's "endpoints" make a pool of several
// machines (docs/ARCHITECTURE.md, "Endpoint pools").
#pragma once

#include "engine/providergate.h"

#include <QString>

#include <memory>
#include <set>
#include <vector>

namespace retake {

class Provider;

struct LaneEndpoint {
    std::unique_ptr<Provider> provider; // null: named by a ladder but not configured
    ProviderGate gate;
    QString label; // "host:port" of a pool's endpoint; empty for a provider of one URL
    QString url;   // a pool's base URL, for the providers dock and the CLI
};

struct ProviderLane {
    ProviderLane() : endpoints(1) {}

    std::vector<LaneEndpoint> endpoints; // never empty
    std::set<int> queue;

    Provider *provider() const { return endpoints.front().provider.get(); }
    bool isPool() const { return endpoints.size() > 1; }
    ProviderGate &gate(int endpoint = 0) { return endpoints.at(size_t(endpoint)).gate; }
    const ProviderGate &gate(int endpoint = 0) const { return endpoints.at(size_t(endpoint)).gate; }
    Provider *provider(int endpoint) const;

    // The endpoint the next task goes to: of those whose gate admits one more request now,
    // the least loaded (in flight ÷ limit; the first on a tie). `preferred` (a remote job's
    // endpoint) wins when it admits. -1 when none admits.
    int pick(qint64 nowMs, int preferred = -1) const;
    // Every endpoint's breaker is open: the lane's queue looks for another provider.
    bool isAvoided(qint64 nowMs) const;
    bool allOpen(qint64 nowMs) const;
    // Another endpoint than `endpoint` whose breaker is not open.
    bool hasOtherAlive(int endpoint, qint64 nowMs) const;
    int indexOf(const QString &label) const;
    // The soonest moment an endpoint may admit again, or -1.
    qint64 reopensAtMs(qint64 nowMs) const;
    int inFlight() const;
    int limit() const;
    // "host:port" of a base URL.
    static QString labelOf(const QString &baseUrl);
};

} // namespace retake
