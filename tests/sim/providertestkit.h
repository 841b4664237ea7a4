// Helpers for the provider test suites (tst_provider_*): profiles that point at an
// in-process retake-sim with short limits, requests, and running one job to its end.
#pragma once

#include "domain/project.h"
#include "domain/types.h"
#include "providers/provider.h"

#include <QList>
#include <QString>

#include <functional>

namespace retake::sim {
class SimServer;
}

namespace retake::test {

struct JobRun {
    GenerationResult result;
    QList<double> progress;
    int finishedCount = 0;
    bool timedOut = false;
};

// A profile of `kind` for the simulator: short timeouts (connect 2 s, first byte 1 s,
// total 2 s), polls every 20 ms (at most 100 ms), a job limit of 20 s.
ProviderProfile simProfile(const sim::SimServer &server, const QString &kind,
                           const QString &id = {});
// The model each kind is tested with.
QString simModel(const QString &kind);
// Sets RETAKE_KEY_<ID> and switches the keychain off for this process.
void plantKey(const QString &profileId, const QString &key);

GenerationRequest imageRequest(const QString &outputDir, int width = 64, int height = 48);
// A video request from `inputImage` (written by writeInputImage()).
GenerationRequest videoRequest(const QString &outputDir, const QString &inputImage, int width = 64,
                               int height = 48);
// A voice-over request for scene "s01" (task "s01/audio").
GenerationRequest
audioRequest(const QString &outputDir,
             const QString &text = QStringLiteral("The keeper climbs the stairs."),
             const QString &voice = {}, const QString &language = {});
// Writes a PNG of the given size and returns its path.
QString writeInputImage(const QString &dir, int width = 64, int height = 48);

// Runs a job of `provider` to finished() (at most `timeoutMs`), recording progress.
// `started` runs right after start() (e.g. to cancel).
JobRun runJob(Provider &provider, const GenerationRequest &request, int timeoutMs = 20000,
              const std::function<void(ProviderJob *)> &started = {});
// Runs a provider's connection test.
JobRun runConnectionTest(Provider &provider, int timeoutMs = 10000);

} // namespace retake::test
