// The behaviour of retake-sim: latency, server-side job time, a token-bucket rate limit
// and the fault rates. Readable from JSON (file, POST /_sim/config) and the command line.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace retake::sim {

struct SimProfile {
    quint64 seed = 1;
    // Latency added before every answer: "fixed" (ms), "uniform" (ms +- spreadMs),
    // "normal" (mean ms, deviation spreadMs) or "exponential" (mean ms).
    QString latencyDistribution = QStringLiteral("fixed");
    int latencyMs = 0;
    int latencySpreadMs = 0;
    // Server-side work: an asynchronous job (ComfyUI, Replicate, fal) runs this long in
    // progressSteps steps; synchronous answers (A1111, OpenAI) take it on top of latency.
    int jobMs = 30;
    int progressSteps = 4;
    // Probability per submitted job of each fault (see faultNames()); at most 1 in total.
    QMap<QString, double> faultRates;
    // Token bucket on submissions: refill per second (0 = off) and capacity.
    double rateLimitPerSecond = 0.0;
    int rateLimitBurst = 1;
    // Slow drip: this many bytes every dripIntervalMs.
    int dripBytes = 16;
    int dripIntervalMs = 250;
    // "disappear": how long the server is gone (0 = until restarted by the API).
    int disappearMs = 0;
    // When set, cloud protocols (OpenAI, Replicate, fal) require this key.
    QString requiredKey;
    // OpenAI outputs: "b64_json" or "url".
    QString openaiResponse = QStringLiteral("b64_json");
    // Models choose their own size and length, as real ones do: every video is
    // kOwnVideoWidth x kOwnVideoHeight at kOwnVideoFps frames a second and lasts the asked
    // duration times ownDurationScale (2 = twice as long, 0.5 = half); every image is
    // kOwnImageWidth x kOwnImageHeight. Off: the output has the asked size and length.
    bool ownSize = false;
    double ownDurationScale = 2.0;
    static constexpr int kOwnVideoWidth = 96;
    static constexpr int kOwnVideoHeight = 64;
    static constexpr int kOwnVideoFps = 12;
    static constexpr int kOwnImageWidth = 80;
    static constexpr int kOwnImageHeight = 96;

    static QStringList faultNames();
    // Faults that apply to a protocol ("comfyui", "a1111", "openai-images", "openai-tts",
    // "replicate", "fal"); others are ignored for it.
    static QStringList faultsFor(const QString &protocol);
    static QStringList protocols();
    // Reads the keys present in `json` over `base`; unknown keys and bad values are errors.
    static std::optional<SimProfile> fromJson(const QJsonObject &json, const SimProfile &base,
                                              QString *error);
    QJsonObject toJson() const;
};

} // namespace retake::sim
