#include "providerlane.h"

#include <QUrl>

namespace retake {

Provider *ProviderLane::provider(int endpoint) const
{
    return endpoint >= 0 && size_t(endpoint) < endpoints.size()
               ? endpoints.at(size_t(endpoint)).provider.get()
               : nullptr;
}

int ProviderLane::pick(qint64 nowMs, int preferred) const
{
    const bool configured = provider() != nullptr;
    if (preferred >= 0 && size_t(preferred) < endpoints.size() &&
        gate(preferred).admits(nowMs, configured))
        return preferred;
    int best = -1;
    double bestLoad = 0.0;
    for (size_t e = 0; e < endpoints.size(); ++e) {
        const ProviderGate &g = endpoints.at(e).gate;
        if (!g.admits(nowMs, configured))
            continue;
        const double load = double(g.inFlight()) / double(std::max(1, g.limit()));
        if (best < 0 || load < bestLoad) {
            best = int(e);
            bestLoad = load;
        }
    }
    return best;
}

bool ProviderLane::isAvoided(qint64 nowMs) const
{
    for (const LaneEndpoint &endpoint : endpoints) {
        if (!endpoint.gate.isAvoided(nowMs))
            return false;
    }
    return true;
}

bool ProviderLane::allOpen(qint64 nowMs) const
{
    for (const LaneEndpoint &endpoint : endpoints) {
        if (endpoint.gate.breakerState(nowMs) != CircuitBreaker::State::Open)
            return false;
    }
    return true;
}

bool ProviderLane::hasOtherAlive(int endpoint, qint64 nowMs) const
{
    for (size_t e = 0; e < endpoints.size(); ++e) {
        if (int(e) != endpoint &&
            endpoints.at(e).gate.breakerState(nowMs) != CircuitBreaker::State::Open)
            return true;
    }
    return false;
}

int ProviderLane::indexOf(const QString &label) const
{
    for (size_t e = 0; e < endpoints.size(); ++e) {
        if (!label.isEmpty() && endpoints.at(e).label == label)
            return int(e);
    }
    return -1;
}

qint64 ProviderLane::reopensAtMs(qint64 nowMs) const
{
    qint64 due = -1;
    for (const LaneEndpoint &endpoint : endpoints) {
        const qint64 reopen = endpoint.gate.reopensAtMs(nowMs);
        if (reopen >= 0)
            due = due < 0 ? reopen : std::min(due, reopen);
    }
    return due;
}

int ProviderLane::inFlight() const
{
    int sum = 0;
    for (const LaneEndpoint &endpoint : endpoints)
        sum += endpoint.gate.inFlight();
    return sum;
}

int ProviderLane::limit() const
{
    int sum = 0;
    for (const LaneEndpoint &endpoint : endpoints)
        sum += endpoint.gate.limit();
    return sum;
}

QString ProviderLane::labelOf(const QString &baseUrl)
{
    const QUrl url(baseUrl);
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + QLatin1Char(':') + QString::number(port);
}

} // namespace retake
