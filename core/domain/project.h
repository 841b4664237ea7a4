// The storyboard, format "retake-project/1": defaults, provider preferences, provider
// profiles declared by the project, retry settings and scenes -> shots. Plain values;
// loading and validation live in StoryboardLoader.
#pragma once

#include "domain/types.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace retake {

inline constexpr auto kProjectFormat = u"retake-project/1";
// The built-in offline provider; always known, also the last rung of every ladder.
inline constexpr auto kBuiltinProviderId = u"local";

struct ImageParams {
    int width = 768;
    int height = 432;
    int steps = 20;
};

struct VideoParams {
    double durationSec = 2.0;
    int fps = 12;
    QString motion = QStringLiteral("zoom-in"); // zoom-in, zoom-out, pan-left, pan-right, static
};

// Fault injection for the local provider: a probability per error class, drawn
// deterministically from (seed, task id, attempt number) so runs are repeatable.
struct FaultProfile {
    quint64 seed = 0;
    QMap<ErrorClass, double> rates;
    bool isEmpty() const { return rates.isEmpty(); }
};

// Time limits of a network provider, in milliseconds; 0 = no limit.
struct ProviderTimeouts {
    int connectMs = 15 * 1000;       // until a request is on the wire
    int firstByteMs = 2 * 60 * 1000; // from sending a request until the answer starts
    int totalMs = 10 * 60 * 1000;    // one HTTP exchange, downloads included
    int pollIntervalMs = 1000;       // first status poll; grows x1.5 up to maxPollIntervalMs
    int maxPollIntervalMs = 10 * 1000;
    int jobMs = 60 * 60 * 1000; // a whole job on the provider, queueing included
};

// A provider declared in the project file, in providers.json beside it, or in the user's
// settings. `options` keeps kind-specific settings (e.g. a ComfyUI workflow template).
// One base URL of a pool (docs/ARCHITECTURE.md, "Endpoint pools"): several machines that
// serve the same profile, each with its own concurrency, breaker and health.
struct ProviderEndpoint {
    QString baseUrl;
    int maxConcurrency = 0; // 0 = the profile's maxConcurrency
};

struct ProviderProfile {
    QString id;
    QString kind; // local, comfyui, a1111, openai-images, replicate, fal
    QString model;
    int maxConcurrency = 4;
    double costPerUnit = 0.0;
    FaultProfile faults;
    QVariantMap options;
    // Network providers only.
    QString baseUrl; // empty = the kind's public endpoint (cloud kinds) or a local default
    // A pool of base URLs instead of baseUrl (never both); empty = a pool of one, baseUrl.
    QList<ProviderEndpoint> endpoints;
    // Name of the API key: keychain entry (service "retake") and the environment variable
    // RETAKE_KEY_<keyRef upper-cased>. Empty = the profile id. The key itself is never
    // stored in a profile.
    QString keyRef;
    QList<Stage> stages; // stages this profile may run; empty = every stage the kind supports
    ProviderTimeouts timeouts;
    qint64 maxDownloadBytes = 1024ll * 1024 * 1024;
    int maxRedirects = 3;
    QStringList allowHttpHosts; // plain http allowed to these hosts besides loopback
    // Rate limits (docs/ARCHITECTURE.md, "Rate limits"): requests per minute the provider
    // allows (0 = learn it from its answers), and how long in all a task waits out a rate
    // limit on one rung before the wait counts as a failure.
    double rateLimitPerMinute = 0.0;
    int maxWaitMs = 60 * 1000;
    QString origin; // where it was defined, for messages: "project", a file, ...
};

struct RetrySettings {
    int maxRetries = 3;             // automatic retries per task per run
    int baseDelayMs = 2000;         // before retry n: base * 2^(n-1)
    double jitter = 0.2;            // +-20 %
    int maxDelayMs = 5 * 60 * 1000; // cap, also for Retry-After
    int retriesPerRung = 1;         // transient retries on a rung before moving down
};

struct Shot {
    QString id;
    QString title;
    QString prompt;
    QString negativePrompt;
    qint64 seed = 0;
    ImageParams image; // defaults merged with the shot's overrides
    VideoParams video;
    // The shot's stages: shot overrides scene overrides defaults (docs/ARCHITECTURE.md,
    // "Tasks"). A VideoOnly shot's video is made from `inputImage`.
    ShotStages stages = ShotStages::ImageAndVideo;
    QString inputImage;        // as written: a path relative to the storyboard's folder
    QString inputImagePath;    // absolute, resolved when the storyboard is loaded
    QByteArray inputImageSha1; // hex digest of the file's bytes when it was loaded

    bool hasStage(Stage stage) const
    {
        switch (stage) {
        case Stage::Image:
            return stages != ShotStages::VideoOnly;
        case Stage::Video:
            return stages != ShotStages::ImageOnly;
        case Stage::Audio:
        case Stage::Assembly:
            return false;
        }
        return false;
    }
    int stageCount() const { return stages == ShotStages::ImageAndVideo ? 2 : 1; }
};

// A scene's voice-over; no audio task when the text is empty.
struct VoiceOver {
    QString text;
    QString voice;    // provider-specific voice name, empty = default
    QString language; // e.g. "en", "de"
    bool isEmpty() const { return text.trimmed().isEmpty(); }
};

struct Scene {
    QString id;
    QString title;
    QList<Shot> shots;
    VoiceOver voiceOver;
};

// Reserved scene id of the final assembly task ("final/assemble").
inline constexpr auto kFinalSceneId = u"final";

struct Project {
    QString format = QString::fromUtf16(kProjectFormat);
    QString title;
    QString filePath; // absolute path of the storyboard file it was loaded from
    ImageParams imageDefaults;
    VideoParams videoDefaults;
    QMap<Stage, QStringList> providerPreference; // ordered: primary, then alternatives
    QList<ProviderProfile> providers;            // declared by the project
    RetrySettings retry;
    QList<Scene> scenes;
    // Cut each scene's shots together (with its voice-over) and the scenes into one film.
    // Opt-in for now ("assemble": true in the storyboard): the GUI grid does not show the
    // cut tasks yet.
    bool assemble = false;

    // Every task: each shot's image and/or video (its stages), each voice-over, each
    // scene's cut and the final film.
    int taskCount() const
    {
        int n = 0;
        for (const Scene &scene : scenes) {
            for (const Shot &shot : scene.shots)
                n += shot.stageCount();
            n += scene.voiceOver.isEmpty() ? 0 : 1;
        }
        return assemble ? n + int(scenes.size()) + 1 : n;
    }
    int shotCount() const
    {
        int n = 0;
        for (const Scene &scene : scenes)
            n += int(scene.shots.size());
        return n;
    }
    const ProviderProfile *provider(const QString &id) const
    {
        for (const ProviderProfile &p : providers) {
            if (p.id == id)
                return &p;
        }
        return nullptr;
    }
};

} // namespace retake
