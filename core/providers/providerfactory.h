// Creating providers from their profiles: "local" (built in, offline) and the network
// kinds "comfyui", "a1111", "openai-images", "replicate" and "fal".
#pragma once

#include "domain/project.h"
#include "providers/provider.h"

#include <memory>

namespace retake {

// The provider described by `profile`, or nullptr with `error` (when given) naming the
// profile id and what is wrong with it, e.g. an unknown kind.
std::unique_ptr<Provider> createProvider(const ProviderProfile &profile, QString *error);
// The built-in offline provider: id "local", kind "local", no faults, one slot per core.
std::unique_ptr<Provider> createBuiltinProvider();
// Kinds createProvider() understands.
QStringList supportedProviderKinds();

// What a profile of a kind gets when it leaves a field empty, for forms and lists.
struct ProviderKindInfo {
    QString kind;
    QString label;          // for users, e.g. "ComfyUI"; the kind itself for "local"
    QString defaultBaseUrl; // empty for kinds without a server
    QString defaultModel;
    bool network = false; // talks to a server (and may need an API key)
    QList<Stage> stages;  // the stages the kind can run
};
// Empty `kind` when `kind` is not supported.
ProviderKindInfo providerKindInfo(const QString &kind);

} // namespace retake
