#include "providers/networkprovider.h"

using namespace Qt::StringLiterals;

namespace retake {

namespace {

ProviderProfile normalized(ProviderProfile profile)
{
    profile.maxConcurrency = qMax(1, profile.maxConcurrency);
    profile.costPerUnit = qMax(0.0, profile.costPerUnit);
    return profile;
}

} // namespace

NetworkProvider::NetworkProvider(const ProviderProfile &profile, const QString &kindName,
                                 const QString &kindLabel, const QString &defaultBaseUrl,
                                 const QList<Stage> &kindStages, const QString &defaultModel)
    : m_context(std::make_shared<NetworkContext>(normalized(profile), kindLabel, defaultBaseUrl)),
      m_kindName(kindName), m_model(profile.model.isEmpty() ? defaultModel : profile.model),
      m_kindStages(kindStages)
{
}

QString NetworkProvider::id() const
{
    return profile().id;
}
QString NetworkProvider::kind() const
{
    return m_kindName;
}
QString NetworkProvider::model() const
{
    return m_model;
}

bool NetworkProvider::supports(Stage stage) const
{
    if (!m_kindStages.contains(stage))
        return false;
    return profile().stages.isEmpty() || profile().stages.contains(stage);
}

int NetworkProvider::maxConcurrency() const
{
    return profile().maxConcurrency;
}
double NetworkProvider::costPerUnit() const
{
    return profile().costPerUnit;
}

RatePolicy NetworkProvider::ratePolicy() const
{
    RatePolicy policy;
    policy.perMinute = profile().rateLimitPerMinute;
    policy.maxWaitMs = profile().maxWaitMs;
    policy.learnsRate = true;
    // Servers on the creator's own machines (ComfyUI, A1111) queue rather than refuse.
    policy.cautiousStart =
        policy.perMinute <= 0 && m_kindName != u"comfyui"_s && m_kindName != u"a1111"_s;
    policy.answersWithJob = m_kindName == u"replicate"_s || m_kindName == u"fal"_s;
    return policy;
}

} // namespace retake
