#include "providers/providerfactory.h"

#include "providers/a1111provider.h"
#include "providers/comfyuiprovider.h"
#include "providers/falprovider.h"
#include "providers/localprovider.h"
#include "providers/networkprovider.h"
#include "providers/openaiimagesprovider.h"
#include "providers/replicateprovider.h"
#include "providers/ttsprovider.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace retake {

QStringList supportedProviderKinds()
{
    return {LocalProvider::kindName(),     ComfyUiProvider::kindName(),
            A1111Provider::kindName(),     OpenAiImagesProvider::kindName(),
            ReplicateProvider::kindName(), FalProvider::kindName(),
            TtsProvider::kindName()};
}

std::unique_ptr<Provider> createProvider(const ProviderProfile &profile, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::unique_ptr<Provider>();
    };
    if (profile.id.trimmed().isEmpty())
        return fail(u"a provider profile of kind \"%1\" has no id"_s.arg(profile.kind));
    if (profile.kind == LocalProvider::kindName())
        return std::make_unique<LocalProvider>(profile);
    if (profile.kind == ComfyUiProvider::kindName())
        return std::make_unique<ComfyUiProvider>(profile);
    if (profile.kind == A1111Provider::kindName())
        return std::make_unique<A1111Provider>(profile);
    if (profile.kind == OpenAiImagesProvider::kindName())
        return std::make_unique<OpenAiImagesProvider>(profile);
    if (profile.kind == ReplicateProvider::kindName())
        return std::make_unique<ReplicateProvider>(profile);
    if (profile.kind == FalProvider::kindName())
        return std::make_unique<FalProvider>(profile);
    if (profile.kind == TtsProvider::kindName())
        return std::make_unique<TtsProvider>(profile);
    return fail(u"provider \"%1\": unknown kind \"%2\" (supported: %3)"_s.arg(
        profile.id, profile.kind, supportedProviderKinds().join(u", "_s)));
}

ProviderKindInfo providerKindInfo(const QString &kind)
{
    ProviderProfile profile;
    profile.id = u"kind-info"_s;
    profile.kind = kind;
    const std::unique_ptr<Provider> provider = createProvider(profile, nullptr);
    ProviderKindInfo info;
    if (!provider)
        return info;
    info.kind = kind;
    info.label = kind;
    info.defaultModel = provider->model();
    for (const Stage stage : {Stage::Image, Stage::Video, Stage::Audio}) {
        if (provider->supports(stage))
            info.stages << stage;
    }
    if (const auto *network = dynamic_cast<const NetworkProvider *>(provider.get())) {
        info.network = true;
        info.label = network->context()->kindLabel();
        info.defaultBaseUrl = network->context()->baseUrl().toString();
    }
    return info;
}

std::unique_ptr<Provider> createBuiltinProvider()
{
    ProviderProfile profile;
    profile.id = QString::fromUtf16(kBuiltinProviderId);
    profile.kind = LocalProvider::kindName();
    profile.model = LocalProvider::defaultModel();
    profile.maxConcurrency = qBound(1, QThread::idealThreadCount(), 8);
    return std::make_unique<LocalProvider>(profile);
}

} // namespace retake
