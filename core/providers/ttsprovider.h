// Kind "openai-tts": voice-overs from an OpenAI-compatible speech API (OpenAI, or a local
// server such as openedai-speech or Kokoro-FastAPI). Audio stage only.
//
// POST {baseUrl}/v1/audio/speech with JSON {model, input, voice, response_format: "wav"}
// (and "speed" when the request carries extra["rate"], words per minute, 175 = 1.0);
// the answer's body is the audio, written as <outputDir>/audio.wav (audio.mp3 / .ogg /
// .flac when the server sends another format anyway). A base URL that already ends in
// "/v1" is not doubled. The API key is sent as "Authorization: Bearer" when one is found
// (keychain, or the environment variable RETAKE_KEY_<KEYREF>, see ApiKeyStore); local
// servers need none.
//
// Base URL default https://api.openai.com; model default "tts-1". Profile options:
//   "baseUrl"    used when the profile has no baseUrl of its own
//   "voice"      the voice when the request names none ("alloy")
//   "timeoutMs"  limit for the whole request, answer included (the profile's timeouts)
// Errors: 429 -> rate_limited with Retry-After (quota_exhausted when the OpenAI envelope
// says insufficient_quota), 5xx -> provider_unavailable, 401/403 -> auth, other 4xx ->
// invalid_request, connection failures -> network / provider_unavailable, timeouts ->
// timeout; a JSON body where audio should be -> provider_error. Cost: costPerUnit per
// voice-over.
#pragma once

#include "providers/networkprovider.h"

namespace retake {

class TtsProvider final : public NetworkProvider
{
public:
    explicit TtsProvider(const ProviderProfile &profile);

    static QString kindName();     // "openai-tts"
    static QString defaultModel(); // "tts-1"
    static QString defaultVoice(); // "alloy"

    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override;
    ProviderJob *createConnectionTest(QObject *parent) override;
};

} // namespace retake
