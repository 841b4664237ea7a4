// Real media for retake-sim answers: small PNGs painted with QImage, tiny H.264 MP4s made
// by ffmpeg (lavfi colour source) and speech-like audio synthesized here, cached by their
// parameters.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace retake::sim {

class SimMedia final
{
public:
    QByteArray png(int width, int height);
    // Empty with `error` set when ffmpeg is missing or fails.
    QByteArray mp4(int width, int height, int fps, double durationSec, QString *error);
    // A voice-over as a speech server sends it: 24 kHz mono 16-bit PCM, one tone burst per
    // word of `text` (pitch from `voice`), 0.35 s a word divided by `speed`. `format` is a
    // response_format of the OpenAI speech API: "wav" and "pcm" (raw samples) are made
    // here; "mp3", "opus" (Ogg), "aac" (ADTS) and "flac" are encoded by ffmpeg. Empty with
    // `error` set when ffmpeg is missing or fails.
    QByteArray speech(const QString &text, const QString &voice, double speed,
                      const QString &format, QString *error);
    // Seconds of audio speech() makes for `text` at `speed`.
    static double speechSeconds(const QString &text, double speed);
    // The Content-Type a speech server sends with `format`.
    static QByteArray speechContentType(const QString &format);
    static constexpr int kSpeechSampleRate = 24000;
    // Bytes that are not an image or video at all (output_invalid).
    static QByteArray garbage(int size = 2048);

private:
    QHash<QString, QByteArray> m_cache;
};

} // namespace retake::sim
