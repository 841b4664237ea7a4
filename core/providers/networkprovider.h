// Base of the network provider kinds (comfyui, a1111, openai-images, replicate, fal):
// profile accessors, per-stage capability and the shared NetworkContext. Each kind adds
// its job class and its connection test.
#pragma once

#include "domain/project.h"
#include "providers/networkcontext.h"
#include "providers/provider.h"

#include <QList>

#include <memory>

namespace retake {

class NetworkProvider : public Provider
{
public:
    NetworkProvider(const ProviderProfile &profile, const QString &kindName,
                    const QString &kindLabel, const QString &defaultBaseUrl,
                    const QList<Stage> &kindStages, const QString &defaultModel = {});

    QString id() const override;
    QString kind() const override;
    QString model() const override;
    bool supports(Stage stage) const override;
    int maxConcurrency() const override;
    double costPerUnit() const override;
    RatePolicy ratePolicy() const override;

    const ProviderProfile &profile() const { return m_context->profile(); }
    QString displayName() const { return m_context->displayName(); }
    std::shared_ptr<NetworkContext> context() const { return m_context; }
    // A cheap real call that proves the URL and the key ("Test connection"). Its result
    // is a success with a message saying what answered, or a classified failure.
    virtual ProviderJob *createConnectionTest(QObject *parent) = 0;

private:
    std::shared_ptr<NetworkContext> m_context;
    QString m_kindName;
    QString m_model;
    QList<Stage> m_kindStages;
};

} // namespace retake
