// The built-in offline provider, kind "local": procedural storyboard images (QPainter, on
// the thread pool) and motion clips from the shot's image (ffmpeg) in LocalJob, voice-overs
// with espeak-ng (EspeakJob), scene and final assemblies with ffmpeg (AssemblyJob). Always
// available; the last rung of every degradation ladder. Optional deterministic fault
// injection for every stage, for demos and tests (see FaultInjector for the options it
// reads from the profile).
//
// Profile options besides the fault options:
//   "processTimeoutMs"  watchdog for one ffmpeg / espeak-ng run; timeout when exceeded
//                       (300000, 0 = none; an assembly gets at least 10 s per second of film)
//
// Cost: costPerUnit per image, per second of video and per voice-over; assembly is free.
#pragma once

#include "domain/project.h"
#include "providers/faultinjector.h"
#include "providers/provider.h"

namespace retake {

class LocalProvider final : public Provider
{
public:
    explicit LocalProvider(const ProviderProfile &profile);

    static QString kindName();     // "local"
    static QString defaultModel(); // "procedural-v1", when the profile names none

    QString id() const override;
    QString kind() const override;
    QString model() const override;
    bool supports(Stage stage) const override;
    int maxConcurrency() const override;
    double costPerUnit() const override;
    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override;

    const ProviderProfile &profile() const { return m_profile; }
    const FaultInjector &faultInjector() const { return m_faults; }

private:
    ProviderProfile m_profile;
    FaultInjector m_faults;
    int m_processTimeoutMs = 5 * 60 * 1000;
};

} // namespace retake
