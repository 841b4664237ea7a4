// One attempt on the built-in offline provider: a procedural image rendered on the
// thread pool, or a motion clip made from the shot's image by ffmpeg.
//
// Lifecycle: start() and cancel() never block and never emit; finished() is emitted
// exactly once, always from the event loop. cancel() may be called before start(), twice
// or after finished(): before finishing it stops the work (kills ffmpeg, drops the pool
// result), removes this job's partial outputs from request.outputDir and reports
// Cancelled; after finishing it does nothing and the outputs stay. Destroying an
// unfinished job cancels it silently.
#pragma once

#include "providers/faultinjector.h"
#include "providers/provider.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QProcess>
#include <QString>

#include <memory>

class QTimer;

namespace retake {

struct LocalJobSettings {
    QString providerId;
    QString model;                        // used when the request names none
    double costPerUnit = 0.0;             // per image, per second of video
    FaultDecision fault;                  // decided by the provider's FaultInjector
    int latencyMs = 0;                    // before any result is delivered
    int processTimeoutMs = 5 * 60 * 1000; // ffmpeg watchdog; 0 = none
};

class LocalJob final : public ProviderJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalJob)
public:
    LocalJob(const GenerationRequest &request, const LocalJobSettings &settings,
             QObject *parent = nullptr);
    ~LocalJob() override;

    void start() override;
    void cancel() override;

    // File names inside request.outputDir.
    static QString imageFileName();
    static QString videoFileName();

private:
    enum class Phase { Created, Waiting, Working, Cancelling, Finished };
    struct WriteGuard;
    struct RenderOutcome {
        ErrorClass errorClass = ErrorClass::None;
        QString message;
        QString detail;
    };

    void beginWork();
    void startImage();
    void startVideo();
    void onRenderFinished();
    void onProcessOutput();
    void onProcessErrorOutput();
    void onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onProcessError(QProcess::ProcessError error);
    void onProcessTimeout();
    void reportProgress(double fraction);
    void finish(const GenerationResult &result);
    void finishCancelled();
    void removePartialOutputs() const;
    GenerationResult failVideo(ErrorClass errorClass, const QString &message) const;
    QString outputPath(const QString &fileName) const;
    QString model() const;

    GenerationRequest m_request;
    LocalJobSettings m_settings;
    Phase m_phase = Phase::Created;
    double m_lastProgress = -1.0;
    QTimer *m_latencyTimer = nullptr;
    // Image
    std::shared_ptr<WriteGuard> m_guard;
    QFutureWatcher<RenderOutcome> *m_watcher = nullptr;
    // Video
    QProcess *m_process = nullptr;
    QTimer *m_processTimer = nullptr;
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrTail;
    double m_videoDurationSec = 0.0;
    bool m_processTimedOut = false;
};

} // namespace retake
