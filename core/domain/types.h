// Domain vocabulary shared by every layer: stages, task states, error classes,
// degradation rungs and the quality of a finished output. No presentation here:
// labels, colours and icons live in ui/.
#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

namespace retake {

// Image and Video belong to a shot; Audio (the voice-over) and Assembly to a scene; the
// final assembly of all scenes is the Assembly task of the reserved scene id "final".
enum class Stage { Image, Video, Audio, Assembly };

// Which stages a shot has (docs/ARCHITECTURE.md, "Tasks"): an image and a video made from it
// (the default), the image only (a still), or a video only, made from an image file the
// storyboard names. Storyboard names: "image+video", "image", "video".
enum class ShotStages { ImageAndVideo, ImageOnly, VideoOnly };

enum class TaskState {
    Waiting,     // a dependency is not done yet
    Queued,      // runnable; waiting for a slot of its provider
    Running,     // an attempt is in flight
    Retrying,    // last attempt failed; waiting for backoff / provider to reopen
    Done,        // output verified
    Failed,      // automatic recovery exhausted or not recoverable; needs the user
    Blocked,     // an upstream task failed
    Interrupted, // was running when the app stopped; re-queued on open
    Cancelled,   // stopped by the user; draft kept
    Skipped,     // excluded by the user
};

enum class ErrorClass {
    None,
    Network,
    Timeout,
    RateLimited,
    ProviderUnavailable,
    ProviderError,
    OutOfMemory, // the GPU ran out of memory: a smaller request may fit
    ContentPolicy,
    InvalidRequest,
    Auth,
    QuotaExhausted,
    OutputInvalid,
    UnsafeOutput,
    FileIo,
    DiskFull,
    Cancelled,
};

// What the engine does next after a failure of a given class (docs/ARCHITECTURE.md, "Failures").
enum class RecoveryRoute {
    RetrySameRung,    // transient: back off, same provider and parameters
    NextRung,         // permanent for this rung: move down the ladder
    SimplifiedPrompt, // content policy: jump to the simplified-prompt rung
    LowerResolution,  // out of memory: jump to the lower-resolution rung (fewer pixels, steps)
    SwitchProvider,   // auth / quota: next rung on a different provider, at once
    FailFast,         // invalid request: the user has to fix the data
    PauseBatch,       // disk full: not a task failure
    Stop,             // cancelled: never retried
};

// Rungs of the degradation ladder, best first.
enum class RungKind {
    Primary,
    AlternativeProvider,
    SimplifiedPrompt,
    LowerResolution,     // image: half size; video: reduced resolution
    AlternativeSettings, // audio: a different voice and settings
    Fallback,            // built-in local render / static image with motion effect
};

// The quality of a done task's output (docs/ARCHITECTURE.md, "Failures"). FullOtherProvider:
// full parameters, but on an alternative provider, not the one the storyboard chose first.
enum class Quality { None, Full, Reduced, Fallback, FullOtherProvider };

// Why a started batch dispatches nothing now. Words for the user live in ui/ and the CLI's
// printer; nameOf() gives the machine name ("paused", "disk full", "budget cap") that the
// CLI's JSON carries.
enum class PauseReason { None, User, DiskFull, BudgetCap };

// How a run ended, as its record in state.sqlite says.
enum class RunOutcome { Complete, Partial, Cancelled, BudgetCap, CrashedAndResumed };

// What the audit trail (the events table) records.
enum class EventKind {
    RunResumed,   // a run whose process died is resumed
    RunSuspended, // "Pause and quit": the run stops on purpose
    RunContinued, // a suspended run goes on
    BudgetRaised, // a run ended at its cap continues under a higher one
    Checkpoint,
    Restore,
    Discard,
    UserRetry,
    RetryAllFailed,
    SwitchProvider,
    RetryFullQuality,
    BreakerOpened, // a provider is avoided after failures in a row; detail "<id>: … for N s …"
};

QString nameOf(Stage stage);
QString nameOf(TaskState state);
QString nameOf(ErrorClass errorClass);
QString nameOf(RungKind rung);
QString nameOf(Quality quality);
QString nameOf(RecoveryRoute route);
QString nameOf(PauseReason reason);
QString nameOf(RunOutcome outcome);
QString nameOf(EventKind kind);
QString nameOf(ShotStages stages);

std::optional<Stage> stageFromString(const QString &text);
std::optional<TaskState> taskStateFromString(const QString &text);
std::optional<ErrorClass> errorClassFromString(const QString &text);
std::optional<RungKind> rungKindFromString(const QString &text);
std::optional<Quality> qualityFromString(const QString &text);
std::optional<RunOutcome> runOutcomeFromString(const QString &text);
std::optional<EventKind> eventKindFromString(const QString &text);
std::optional<ShotStages> shotStagesFromString(const QString &text);

// Transient errors may succeed when tried again unchanged.
bool isTransient(ErrorClass errorClass);
RecoveryRoute recoveryRoute(ErrorClass errorClass);
// One sentence for the user: what to do about this class of error.
QString recommendedAction(ErrorClass errorClass);
Quality qualityOf(RungKind rung);
// A finished task made with less than the full request (simplified prompt, lower
// resolution, other settings, built-in fallback). A task done on another provider at full
// parameters is not degraded: it is counted on its own (isOnOtherProvider).
inline bool isDegraded(Quality quality)
{
    return quality == Quality::Reduced || quality == Quality::Fallback;
}
// A finished task made at full parameters by an alternative provider.
inline bool isOnOtherProvider(Quality quality)
{
    return quality == Quality::FullOtherProvider;
}
// States in which the task will not change without a user action or a new run.
bool isFinal(TaskState state);

} // namespace retake

Q_DECLARE_METATYPE(retake::Stage)
Q_DECLARE_METATYPE(retake::TaskState)
Q_DECLARE_METATYPE(retake::ErrorClass)
Q_DECLARE_METATYPE(retake::Quality)
Q_DECLARE_METATYPE(retake::PauseReason)
