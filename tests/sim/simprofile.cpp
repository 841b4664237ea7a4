#include "simprofile.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace retake::sim {

QStringList SimProfile::protocols()
{
    return {u"comfyui"_s,    u"a1111"_s,     u"openai-images"_s,
            u"openai-tts"_s, u"replicate"_s, u"fal"_s};
}

QStringList SimProfile::faultNames()
{
    return {u"rate_limited"_s,
            u"provider_unavailable"_s,
            u"provider_error"_s,
            u"out_of_memory"_s,
            u"content_policy"_s,
            u"invalid_request"_s,
            u"auth"_s,
            u"quota_exhausted"_s,
            u"timeout"_s,
            u"network"_s,
            u"output_invalid"_s,
            u"malformed_json"_s,
            u"truncated_download"_s,
            u"hostile_filename"_s,
            u"slow_drip"_s,
            u"disappear"_s,
            u"node_errors_200"_s,
            u"interrupted"_s};
}

QStringList SimProfile::faultsFor(const QString &protocol)
{
    QStringList faults{u"rate_limited"_s,   u"provider_unavailable"_s,
                       u"provider_error"_s, u"invalid_request"_s,
                       u"auth"_s,           u"timeout"_s,
                       u"network"_s,        u"output_invalid"_s,
                       u"malformed_json"_s, u"truncated_download"_s,
                       u"slow_drip"_s,      u"disappear"_s};
    if (protocol == u"openai-tts") {
        // One synchronous answer: no job that can fail midway (provider_error), no
        // moderation of the text. malformed_json is a JSON body where audio should be.
        faults.removeOne(u"provider_error"_s);
        faults << u"quota_exhausted"_s;
        return faults;
    }
    // Servers that run a model on a GPU and report when it runs out of memory.
    if (protocol == u"comfyui" || protocol == u"a1111" || protocol == u"replicate" ||
        protocol == u"fal")
        faults << u"out_of_memory"_s;
    if (protocol == u"comfyui")
        faults << u"hostile_filename"_s << u"node_errors_200"_s << u"interrupted"_s;
    if (protocol == u"openai-images" || protocol == u"replicate" || protocol == u"fal")
        faults << u"content_policy"_s << u"quota_exhausted"_s;
    if (protocol == u"replicate")
        faults << u"interrupted"_s;
    return faults;
}

std::optional<SimProfile> SimProfile::fromJson(const QJsonObject &json, const SimProfile &base,
                                               QString *error)
{
    static const QStringList known{u"seed"_s,           u"latency"_s,     u"jobMs"_s,
                                   u"progressSteps"_s,  u"faults"_s,      u"rateLimit"_s,
                                   u"drip"_s,           u"disappearMs"_s, u"requiredKey"_s,
                                   u"openaiResponse"_s, u"ownSize"_s,     u"ownDurationScale"_s};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = u"unknown setting \"%1\" (known: %2)"_s.arg(it.key(), known.join(u", "_s));
            return std::nullopt;
        }
    }
    SimProfile p = base;
    auto number = [&](const QJsonObject &object, const QString &key, double low, double high,
                      double current) -> std::optional<double> {
        if (!object.contains(key))
            return current;
        const QJsonValue value = object.value(key);
        if (!value.isDouble() || value.toDouble() < low || value.toDouble() > high) {
            *error = u"\"%1\" must be a number from %2 to %3"_s.arg(key).arg(low).arg(high);
            return std::nullopt;
        }
        return value.toDouble();
    };
    if (const auto seed = number(json, u"seed"_s, 0, 9e15, double(p.seed)))
        p.seed = quint64(*seed);
    else
        return std::nullopt;
    if (json.contains(u"latency"_s)) {
        const QJsonValue value = json.value(u"latency"_s);
        if (value.isDouble()) {
            p.latencyDistribution = u"fixed"_s;
            p.latencyMs = value.toInt();
        } else {
            const QJsonObject latency = value.toObject();
            const QString distribution =
                latency.value(u"distribution"_s).toString(p.latencyDistribution);
            if (!QStringList{u"fixed"_s, u"uniform"_s, u"normal"_s, u"exponential"_s}.contains(
                    distribution)) {
                *error = u"latency.distribution must be fixed, uniform, normal or exponential"_s;
                return std::nullopt;
            }
            p.latencyDistribution = distribution;
            const auto ms = number(latency, u"ms"_s, 0, 600000, p.latencyMs);
            const auto spread = number(latency, u"spreadMs"_s, 0, 600000, p.latencySpreadMs);
            if (!ms || !spread)
                return std::nullopt;
            p.latencyMs = int(*ms);
            p.latencySpreadMs = int(*spread);
        }
    }
    if (json.contains(u"ownSize"_s)) {
        if (!json.value(u"ownSize"_s).isBool()) {
            *error = u"\"ownSize\" must be true or false"_s;
            return std::nullopt;
        }
        p.ownSize = json.value(u"ownSize"_s).toBool();
    }
    if (const auto scale = number(json, u"ownDurationScale"_s, 0.1, 10, p.ownDurationScale))
        p.ownDurationScale = *scale;
    else
        return std::nullopt;
    const auto jobMs = number(json, u"jobMs"_s, 0, 3600000, p.jobMs);
    const auto steps = number(json, u"progressSteps"_s, 1, 1000, p.progressSteps);
    const auto disappear = number(json, u"disappearMs"_s, 0, 3600000, p.disappearMs);
    if (!jobMs || !steps || !disappear)
        return std::nullopt;
    p.jobMs = int(*jobMs);
    p.progressSteps = int(*steps);
    p.disappearMs = int(*disappear);
    if (json.contains(u"faults"_s)) {
        p.faultRates.clear();
        const QJsonObject faults = json.value(u"faults"_s).toObject();
        double sum = 0;
        for (auto it = faults.begin(); it != faults.end(); ++it) {
            if (!faultNames().contains(it.key())) {
                *error =
                    u"unknown fault \"%1\" (known: %2)"_s.arg(it.key(), faultNames().join(u", "_s));
                return std::nullopt;
            }
            const auto rate = number(faults, it.key(), 0, 1, 0);
            if (!rate)
                return std::nullopt;
            p.faultRates.insert(it.key(), *rate);
            sum += *rate;
        }
        if (sum > 1.0 + 1e-9) {
            *error = u"the fault rates add up to %1; at most 1 is possible"_s.arg(sum);
            return std::nullopt;
        }
    }
    if (json.contains(u"rateLimit"_s)) {
        const QJsonObject rate = json.value(u"rateLimit"_s).toObject();
        const auto perSecond = number(rate, u"perSecond"_s, 0, 1e6, p.rateLimitPerSecond);
        const auto burst = number(rate, u"burst"_s, 1, 1e6, p.rateLimitBurst);
        if (!perSecond || !burst)
            return std::nullopt;
        p.rateLimitPerSecond = *perSecond;
        p.rateLimitBurst = int(*burst);
    }
    if (json.contains(u"drip"_s)) {
        const QJsonObject drip = json.value(u"drip"_s).toObject();
        const auto bytes = number(drip, u"bytes"_s, 1, 1e6, p.dripBytes);
        const auto interval = number(drip, u"intervalMs"_s, 1, 60000, p.dripIntervalMs);
        if (!bytes || !interval)
            return std::nullopt;
        p.dripBytes = int(*bytes);
        p.dripIntervalMs = int(*interval);
    }
    if (json.contains(u"requiredKey"_s))
        p.requiredKey = json.value(u"requiredKey"_s).toString();
    if (json.contains(u"openaiResponse"_s)) {
        p.openaiResponse = json.value(u"openaiResponse"_s).toString();
        if (p.openaiResponse != u"b64_json" && p.openaiResponse != u"url") {
            *error = u"openaiResponse must be \"b64_json\" or \"url\""_s;
            return std::nullopt;
        }
    }
    return p;
}

QJsonObject SimProfile::toJson() const
{
    QJsonObject faults;
    for (auto it = faultRates.begin(); it != faultRates.end(); ++it)
        faults.insert(it.key(), it.value());
    return {
        {u"seed"_s, double(seed)},
        {u"latency"_s, QJsonObject{{u"distribution"_s, latencyDistribution},
                                   {u"ms"_s, latencyMs},
                                   {u"spreadMs"_s, latencySpreadMs}}},
        {u"jobMs"_s, jobMs},
        {u"progressSteps"_s, progressSteps},
        {u"faults"_s, faults},
        {u"rateLimit"_s,
         QJsonObject{{u"perSecond"_s, rateLimitPerSecond}, {u"burst"_s, rateLimitBurst}}},
        {u"drip"_s, QJsonObject{{u"bytes"_s, dripBytes}, {u"intervalMs"_s, dripIntervalMs}}},
        {u"disappearMs"_s, disappearMs},
        {u"requiredKey"_s, requiredKey.isEmpty() ? QJsonValue() : QJsonValue(u"(set)"_s)},
        {u"openaiResponse"_s, openaiResponse},
        {u"ownSize"_s, ownSize},
        {u"ownDurationScale"_s, ownDurationScale},
    };
}

} // namespace retake::sim
