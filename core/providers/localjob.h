// One attempt on the built-in offline provider: a procedural image rendered on the
// thread pool (LocalRenderer), or a motion clip made from the shot's image by ffmpeg.
//
// Lifecycle as ProcessJob: start() and cancel() never block and never emit; finished() is
// emitted exactly once, always from the event loop. cancel() may be called before start(),
// twice or after finished(): before finishing it stops the work (kills ffmpeg, drops the
// pool result), removes this job's partial outputs from request.outputDir and reports
// Cancelled; after finishing it does nothing and the outputs stay. Destroying an
// unfinished job cancels it silently.
#pragma once

#include "providers/processjob.h"

#include <QString>

#include <memory>

namespace retake {

class LocalJob final : public ProcessJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalJob)
public:
    LocalJob(const GenerationRequest &request, const LocalJobSettings &settings,
             QObject *parent = nullptr);
    ~LocalJob() override;

    // File names inside request.outputDir.
    static QString imageFileName();
    static QString videoFileName();

protected:
    void beginWork() override;
    void toolFinished(int exitCode, QProcess::ExitStatus exitStatus) override;
    void toolFailedToStart() override;
    void stopWork() override;

private:
    struct WriteGuard;
    struct RenderOutcome {
        ErrorClass errorClass = ErrorClass::None;
        QString message;
        QString detail;
    };

    void startImage();
    void startVideo();
    // The zoompan filter for request.motion, or empty (and the failure reported).
    QString motionFilter(int width, int height, int fps, int frames);
    void onRenderFinished(const RenderOutcome &outcome);
    void onProgressLine(const QByteArray &line);
    QString model() const;

    // Image
    std::shared_ptr<WriteGuard> m_guard;
    // Video
    double m_videoDurationSec = 0.0;
};

} // namespace retake
