// One interface for every generation provider. A Provider creates one ProviderJob per
// attempt; a job runs once, reports progress, and reports its result exactly once through
// finished(). A retry is a new job.
#pragma once

#include "domain/types.h"
#include "net/ratelimitheaders.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace retake {

// One piece of a scene or final assembly: a clip, or a slate standing in for a shot that
// finally failed (shot id, reason, same duration) so that nothing is dropped silently.
struct AssemblyClip {
    QString path;        // the clip; empty for a slate
    QString slateLabel;  // e.g. "s02-sh03" when this is a slate
    QString slateReason; // e.g. "failed: content_policy"
    double durationSec = 0.0;
    bool still = false; // `path` is an image (an image-only shot), held for durationSec
};

struct GenerationRequest {
    QString taskId; // "<shot>/image"
    Stage stage = Stage::Image;
    QString sceneId;
    QString shotId;
    int attemptNumber = 1; // 1-based, counts every attempt of the task
    RungKind rung = RungKind::Primary;
    QString prompt;
    QString negativePrompt;
    qint64 seed = 0;
    int width = 0;
    int height = 0;
    int steps = 0;
    double durationSec = 0.0; // video
    int fps = 0;              // video
    QString motion;           // video
    QString inputImagePath;   // video: the shot's verified image
    // Audio (voice-over): the text is `prompt`.
    QString voice;
    QString language;
    // Assembly: the clips in order (width/height/fps above are the output format), and the
    // voice-over to lay under them (padded or trimmed to the picture), empty for none.
    QList<AssemblyClip> clips;
    QString audioPath;
    QString model;
    // Empty folder created by the engine for this attempt; the job writes its output
    // files here and nowhere else. The engine verifies and moves them.
    QString outputDir;
    // When an output that has arrived cannot be written for lack of space, the job keeps it
    // (or its URL) and tries again after this long, instead of failing the attempt.
    int spaceRetryMs = 5000;
    // A job this provider accepted for the same task and parameters before the process
    // stopped (RemoteJobRef::id): a queue-style job re-attaches to it (polls it, fetches its
    // output) and submits anew only when the server no longer knows it. Empty: submit.
    QString resumeJobId;
    QVariantMap extra;
};

struct GenerationResult {
    ErrorClass errorClass = ErrorClass::None; // None = success
    int httpStatus = 0;
    QString message; // short, for the user; never contains prompts or keys
    QString detail;  // raw detail for debug logging only
    // The tail of a local tool's stderr (ffmpeg: its last lines, at most 2 KB): file paths
    // and the tool's own messages, never the prompts. Kept in the attempt for the report.
    QString stderrTail;
    std::optional<int> retryAfterMs;
    // What the provider's answers said about its rate limit (the last answer that said
    // anything); the engine paces the provider with it. Empty for local providers.
    RateHint rateHint;
    QStringList outputFiles; // absolute paths inside the request's outputDir
    double costUnits = 0.0;

    bool ok() const { return errorClass == ErrorClass::None; }
    static GenerationResult failure(ErrorClass errorClass, const QString &message,
                                    int httpStatus = 0)
    {
        GenerationResult r;
        r.errorClass = errorClass;
        r.message = message;
        r.httpStatus = httpStatus;
        return r;
    }
};

// The contract of every job, shaped like KDE's KJob: finished() is emitted exactly once,
// always from the event loop (never re-entrantly from start() or cancel()), because every
// result goes through emitResult(), which ignores all but the first. cancel() is idempotent:
// it calls doCancel() at most once, and never after the result.
class ProviderJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderJob)
public:
    explicit ProviderJob(QObject *parent = nullptr) : QObject(parent) {}
    // Starts the work; never blocks.
    virtual void start() = 0;
    // Stops the work (and tells the server). finished() then reports Cancelled,
    // unless the job had already finished. A second call does nothing.
    void cancel();
    // True once the result is decided (finished() may still be on its way).
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void progressed(double fraction); // 0..1, when the provider reports it
    // A finished output cannot be written for lack of space: the job holds on to it and
    // writes it (or downloads it again) once space returns. `what` names the file.
    void waitingForSpace(const QString &what);
    // The server accepted the work as job `serverJobId` (a prediction, request or prompt
    // id), before the job first waits on it; `reattached` when it is the request's
    // resumeJobId, still known to the server. Synchronous providers never emit it.
    void remoteJobAccepted(const QString &serverJobId, bool reattached);
    void finished(const retake::GenerationResult &result);

protected:
    // The job's own cancellation, called once by cancel() while no result is decided.
    virtual void doCancel() = 0;
    // Decides the result and queues finished(); false (and nothing emitted) when the
    // result was already decided.
    bool emitResult(const GenerationResult &result);

private:
    bool m_finished = false;
    bool m_cancelRequested = false;
};

// How the engine treats a provider's rate limit (docs/ARCHITECTURE.md, "Rate limits").
struct RatePolicy {
    double perMinute = 0.0;    // the limit the profile states; 0 = learn it from answers
    int maxWaitMs = 60 * 1000; // a task waits out rate limits this long per rung in all
    // A remote service of unknown limit: until a rate is known, only a handful of requests
    // await its answer at once, so a batch's first burst cannot be refused wholesale.
    bool cautiousStart = false;
    // It answers a submission at once with a job to poll (Replicate, fal): the cautious
    // window stays at a handful. Otherwise the answer is the result (OpenAI Images), and
    // each accepted request widens the window by one.
    bool answersWithJob = false;
    // Its 429s are a real limit: waited out without spending a retry, and a rate is learnt
    // from them. Not for the built-in provider, whose injected 429s are random faults.
    bool learnsRate = false;
};

class Provider
{
public:
    virtual ~Provider() = default;
    virtual QString id() const = 0;
    virtual QString kind() const = 0;
    virtual QString model() const = 0;
    virtual bool supports(Stage stage) const = 0;
    virtual int maxConcurrency() const = 0;
    virtual double costPerUnit() const { return 0.0; }
    virtual RatePolicy ratePolicy() const { return {}; }
    // The job is parented to `parent`; the caller deletes it after finished().
    virtual ProviderJob *createJob(const GenerationRequest &request, QObject *parent) = 0;
};

} // namespace retake

Q_DECLARE_METATYPE(retake::GenerationResult)
