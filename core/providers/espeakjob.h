// One voice-over attempt on the built-in offline provider: espeak-ng (Debian package
// espeak-ng) speaks request.prompt into <outputDir>/audio.wav.
//
// Voice: request.voice wins, else request.language (e.g. "de", "fr"), else "en". The
// voice is checked against `espeak-ng --voices` first (listed once per process), because
// espeak-ng crashes on some unknown names. request.extra["rate"] sets the speed in words
// per minute (-s, 80..450). request.extra["fallback"] = true is the basic synthesis of the
// last ladder rung: the default voice of request.language (or "en" when espeak-ng does
// not know the language), default rate, whatever request.voice says.
//
// RETAKE_ESPEAK overrides the PATH lookup (a path or a program name); one that does not
// resolve counts as missing, so tests can simulate a machine without espeak-ng. A missing
// espeak-ng fails the attempt as provider_unavailable naming the package; it is logged
// once per process.
//
// Lifecycle as ProcessJob: start() and cancel() never block and never emit; finished() is
// emitted exactly once, from the event loop. cancel() kills espeak-ng, removes the partial
// file and reports Cancelled; after finished() it does nothing. Destroying an unfinished
// job cancels it silently.
#pragma once

#include "providers/processjob.h"

#include <QString>

namespace retake {

class EspeakJob final : public ProcessJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EspeakJob)
public:
    EspeakJob(const GenerationRequest &request, const LocalJobSettings &settings,
              QObject *parent = nullptr);
    ~EspeakJob() override;

    // File name inside request.outputDir: "audio.wav".
    static QString audioFileName();
    // Absolute path of espeak-ng, or empty when it cannot be found (logged once).
    static QString programPath();
    // What is missing and how to install it (Debian package espeak-ng).
    static QString missingMessage();
    // The voice asked for before checking it: voice, else language, else "en".
    static QString requestedVoice(const GenerationRequest &request);

protected:
    void beginWork() override;
    void toolFinished(int exitCode, QProcess::ExitStatus exitStatus) override;
    void toolFailedToStart() override;

private:
    enum class Step { Listing, Speaking };

    bool takeRate();
    void listVoices();
    void onListFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void speak();
    void onSpeakFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void failSpeech(ErrorClass errorClass, const QString &message);

    QString m_program;
    QString m_voice; // as passed to -v
    int m_rate = 0;  // words per minute; 0 = espeak-ng's default
    Step m_step = Step::Listing;
};

} // namespace retake
