#include "simstats.h"

using namespace Qt::StringLiterals;

namespace retake::sim {

ProtocolStats SimStats::total() const
{
    ProtocolStats sum;
    for (const ProtocolStats &p : protocols) {
        sum.requests += p.requests;
        sum.submitted += p.submitted;
        sum.rateLimited += p.rateLimited;
        sum.cancelled += p.cancelled;
        sum.completed += p.completed;
        sum.failed += p.failed;
        sum.downloads += p.downloads;
        sum.progressEvents += p.progressEvents;
        for (auto it = p.faults.begin(); it != p.faults.end(); ++it)
            sum.faults[it.key()] += it.value();
    }
    return sum;
}

namespace {

QJsonObject toJson(const ProtocolStats &p)
{
    QJsonObject faults;
    for (auto it = p.faults.begin(); it != p.faults.end(); ++it)
        faults.insert(it.key(), it.value());
    return {{u"requests"_s, p.requests},
            {u"submitted"_s, p.submitted},
            {u"rateLimited"_s, p.rateLimited},
            {u"cancelled"_s, p.cancelled},
            {u"completed"_s, p.completed},
            {u"failed"_s, p.failed},
            {u"downloads"_s, p.downloads},
            {u"progressEvents"_s, p.progressEvents},
            {u"faults"_s, faults}};
}

} // namespace

QJsonObject SimStats::toJson() const
{
    QJsonObject protocolsJson;
    for (auto it = protocols.begin(); it != protocols.end(); ++it)
        protocolsJson.insert(it.key(), sim::toJson(it.value()));
    return {{u"protocols"_s, protocolsJson}, {u"total"_s, sim::toJson(total())}};
}

} // namespace retake::sim
