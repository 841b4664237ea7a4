// Creating providers from their profiles: "local" (built in, offline) and the network
// kinds "comfyui", "a1111", "openai-images", "replicate" and "fal".
#pragma once

#include "project/project.h"
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

} // namespace retake
