#include "types.h"

#include <QCoreApplication>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

template <typename Enum, std::size_t N>
QString lookupName(const std::array<std::pair<Enum, const char16_t *>, N> &table, Enum value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString::fromUtf16(name);
    }
    Q_UNREACHABLE();
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> lookupValue(const std::array<std::pair<Enum, const char16_t *>, N> &table,
                                const QString &text)
{
    for (const auto &[e, name] : table) {
        if (text == QString::fromUtf16(name))
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Stage, const char16_t *>, 4> kStages{{
    {Stage::Image, u"image"},
    {Stage::Video, u"video"},
    {Stage::Audio, u"audio"},
    {Stage::Assembly, u"assemble"},
}};

constexpr std::array<std::pair<ShotStages, const char16_t *>, 3> kShotStages{{
    {ShotStages::ImageAndVideo, u"image+video"},
    {ShotStages::ImageOnly, u"image"},
    {ShotStages::VideoOnly, u"video"},
}};

constexpr std::array<std::pair<TaskState, const char16_t *>, 10> kStates{{
    {TaskState::Waiting, u"waiting"},
    {TaskState::Queued, u"queued"},
    {TaskState::Running, u"running"},
    {TaskState::Retrying, u"retrying"},
    {TaskState::Done, u"done"},
    {TaskState::Failed, u"failed"},
    {TaskState::Blocked, u"blocked"},
    {TaskState::Interrupted, u"interrupted"},
    {TaskState::Cancelled, u"cancelled"},
    {TaskState::Skipped, u"skipped"},
}};

constexpr std::array<std::pair<ErrorClass, const char16_t *>, 16> kErrors{{
    {ErrorClass::None, u"none"},
    {ErrorClass::Network, u"network"},
    {ErrorClass::Timeout, u"timeout"},
    {ErrorClass::RateLimited, u"rate_limited"},
    {ErrorClass::ProviderUnavailable, u"provider_unavailable"},
    {ErrorClass::ProviderError, u"provider_error"},
    {ErrorClass::OutOfMemory, u"out_of_memory"},
    {ErrorClass::ContentPolicy, u"content_policy"},
    {ErrorClass::InvalidRequest, u"invalid_request"},
    {ErrorClass::Auth, u"auth"},
    {ErrorClass::QuotaExhausted, u"quota_exhausted"},
    {ErrorClass::OutputInvalid, u"output_invalid"},
    {ErrorClass::UnsafeOutput, u"unsafe_output"},
    {ErrorClass::FileIo, u"file_io"},
    {ErrorClass::DiskFull, u"disk_full"},
    {ErrorClass::Cancelled, u"cancelled"},
}};

constexpr std::array<std::pair<RungKind, const char16_t *>, 6> kRungs{{
    {RungKind::Primary, u"primary"},
    {RungKind::AlternativeProvider, u"alternative-provider"},
    {RungKind::SimplifiedPrompt, u"simplified-prompt"},
    {RungKind::LowerResolution, u"lower-resolution"},
    {RungKind::AlternativeSettings, u"alternative-settings"},
    {RungKind::Fallback, u"fallback"},
}};

// Stored in state.sqlite (tasks.quality). A build that does not know "full_other_provider"
// reads it as no quality (with a diagnostic), not as an error: the database still opens.
constexpr std::array<std::pair<Quality, const char16_t *>, 5> kQualities{{
    {Quality::None, u"none"},
    {Quality::Full, u"full"},
    {Quality::Reduced, u"reduced"},
    {Quality::Fallback, u"fallback"},
    {Quality::FullOtherProvider, u"full_other_provider"},
}};

constexpr std::array<std::pair<RecoveryRoute, const char16_t *>, 8> kRoutes{{
    {RecoveryRoute::RetrySameRung, u"retry-same-rung"},
    {RecoveryRoute::NextRung, u"next-rung"},
    {RecoveryRoute::SimplifiedPrompt, u"simplified-prompt"},
    {RecoveryRoute::LowerResolution, u"lower-resolution"},
    {RecoveryRoute::SwitchProvider, u"switch-provider"},
    {RecoveryRoute::FailFast, u"fail-fast"},
    {RecoveryRoute::PauseBatch, u"pause-batch"},
    {RecoveryRoute::Stop, u"stop"},
}};

constexpr std::array<std::pair<PauseReason, const char16_t *>, 4> kPauseReasons{{
    {PauseReason::None, u""},
    {PauseReason::User, u"paused"},
    {PauseReason::DiskFull, u"disk full"},
    {PauseReason::BudgetCap, u"budget cap"},
}};

constexpr std::array<std::pair<RunOutcome, const char16_t *>, 5> kRunOutcomes{{
    {RunOutcome::Complete, u"complete"},
    {RunOutcome::Partial, u"partial"},
    {RunOutcome::Cancelled, u"cancelled"},
    {RunOutcome::BudgetCap, u"budget cap"},
    {RunOutcome::CrashedAndResumed, u"crashed-and-resumed"},
}};

constexpr std::array<std::pair<EventKind, const char16_t *>, 12> kEventKinds{{
    {EventKind::RunResumed, u"run-resumed"},
    {EventKind::RunSuspended, u"run-suspended"},
    {EventKind::RunContinued, u"run-continued"},
    {EventKind::BudgetRaised, u"budget-raised"},
    {EventKind::Checkpoint, u"checkpoint"},
    {EventKind::Restore, u"restore"},
    {EventKind::Discard, u"discard"},
    {EventKind::UserRetry, u"user-retry"},
    {EventKind::RetryAllFailed, u"retry-all-failed"},
    {EventKind::SwitchProvider, u"switch-provider"},
    {EventKind::RetryFullQuality, u"retry-full-quality"},
    {EventKind::BreakerOpened, u"breaker-opened"},
}};

} // namespace

QString nameOf(PauseReason reason)
{
    return lookupName(kPauseReasons, reason);
}
QString nameOf(RunOutcome outcome)
{
    return lookupName(kRunOutcomes, outcome);
}
QString nameOf(EventKind kind)
{
    return lookupName(kEventKinds, kind);
}
std::optional<RunOutcome> runOutcomeFromString(const QString &text)
{
    return lookupValue(kRunOutcomes, text);
}
std::optional<EventKind> eventKindFromString(const QString &text)
{
    return lookupValue(kEventKinds, text);
}

QString nameOf(Stage stage)
{
    return lookupName(kStages, stage);
}
QString nameOf(ShotStages stages)
{
    return lookupName(kShotStages, stages);
}
QString nameOf(TaskState state)
{
    return lookupName(kStates, state);
}
QString nameOf(ErrorClass errorClass)
{
    return lookupName(kErrors, errorClass);
}
QString nameOf(RungKind rung)
{
    return lookupName(kRungs, rung);
}
QString nameOf(Quality quality)
{
    return lookupName(kQualities, quality);
}
QString nameOf(RecoveryRoute route)
{
    return lookupName(kRoutes, route);
}

std::optional<Stage> stageFromString(const QString &text)
{
    return lookupValue(kStages, text);
}
std::optional<ShotStages> shotStagesFromString(const QString &text)
{
    return lookupValue(kShotStages, text);
}
std::optional<TaskState> taskStateFromString(const QString &text)
{
    return lookupValue(kStates, text);
}
std::optional<ErrorClass> errorClassFromString(const QString &text)
{
    return lookupValue(kErrors, text);
}
std::optional<RungKind> rungKindFromString(const QString &text)
{
    return lookupValue(kRungs, text);
}
std::optional<Quality> qualityFromString(const QString &text)
{
    return lookupValue(kQualities, text);
}

bool isTransient(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::Network:
    case ErrorClass::Timeout:
    case ErrorClass::RateLimited:
    case ErrorClass::ProviderUnavailable:
        return true;
    case ErrorClass::None:
    case ErrorClass::ProviderError:
    case ErrorClass::OutOfMemory:
    case ErrorClass::ContentPolicy:
    case ErrorClass::InvalidRequest:
    case ErrorClass::Auth:
    case ErrorClass::QuotaExhausted:
    case ErrorClass::OutputInvalid:
    case ErrorClass::UnsafeOutput:
    case ErrorClass::FileIo:
    case ErrorClass::DiskFull:
    case ErrorClass::Cancelled:
        return false;
    }
    Q_UNREACHABLE();
    return false;
}

RecoveryRoute recoveryRoute(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::Network:
    case ErrorClass::Timeout:
    case ErrorClass::RateLimited:
    case ErrorClass::ProviderUnavailable:
        return RecoveryRoute::RetrySameRung;
    case ErrorClass::ProviderError:
    case ErrorClass::OutputInvalid:
    case ErrorClass::UnsafeOutput:
    case ErrorClass::FileIo:
        return RecoveryRoute::NextRung;
    case ErrorClass::OutOfMemory:
        return RecoveryRoute::LowerResolution;
    case ErrorClass::ContentPolicy:
        return RecoveryRoute::SimplifiedPrompt;
    case ErrorClass::Auth:
    case ErrorClass::QuotaExhausted:
        return RecoveryRoute::SwitchProvider;
    case ErrorClass::InvalidRequest:
        return RecoveryRoute::FailFast;
    case ErrorClass::DiskFull:
        return RecoveryRoute::PauseBatch;
    case ErrorClass::None:
    case ErrorClass::Cancelled:
        return RecoveryRoute::Stop;
    }
    Q_UNREACHABLE();
    return RecoveryRoute::Stop;
}

QString recommendedAction(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None:
        return {};
    case ErrorClass::Network:
        return QCoreApplication::translate("retake", "Check the network connection, then retry.");
    case ErrorClass::Timeout:
        return QCoreApplication::translate("retake",
                                           "The provider is slow: retry later or switch provider.");
    case ErrorClass::RateLimited:
        return QCoreApplication::translate(
            "retake",
            "The provider is rate limiting: pause, lower concurrency or switch provider.");
    case ErrorClass::ProviderUnavailable:
        return QCoreApplication::translate("retake",
                                           "The provider is down: retry later or switch provider.");
    case ErrorClass::ProviderError:
        return QCoreApplication::translate(
            "retake", "The model failed on this job: retry, or switch provider.");
    case ErrorClass::OutOfMemory:
        return QCoreApplication::translate(
            "retake", "The GPU ran out of memory: lower the resolution or steps, or switch "
                      "provider.");
    case ErrorClass::ContentPolicy:
        return QCoreApplication::translate(
            "retake", "The prompt was rejected: edit the prompt or switch provider.");
    case ErrorClass::InvalidRequest:
        return QCoreApplication::translate(
            "retake", "The request was invalid: fix the shot's parameters, then retry.");
    case ErrorClass::Auth:
        return QCoreApplication::translate("retake",
                                           "Check the provider's API key, or switch provider.");
    case ErrorClass::QuotaExhausted:
        return QCoreApplication::translate(
            "retake", "The account's quota is used up: top it up or switch provider.");
    case ErrorClass::OutputInvalid:
        return QCoreApplication::translate(
            "retake", "The provider returned an unusable file: retry or switch provider.");
    case ErrorClass::UnsafeOutput:
        return QCoreApplication::translate(
            "retake",
            "The provider tried to write outside the workspace: check the provider, then retry.");
    case ErrorClass::FileIo:
        return QCoreApplication::translate(
            "retake", "Check that the workspace folder is writable, then retry.");
    case ErrorClass::DiskFull:
        return QCoreApplication::translate("retake",
                                           "Free disk space; the batch resumes by itself.");
    case ErrorClass::Cancelled:
        return QCoreApplication::translate("retake", "Retry when you want this task to run.");
    }
    Q_UNREACHABLE();
    return {};
}

Quality qualityOf(RungKind rung)
{
    switch (rung) {
    case RungKind::Primary:
        return Quality::Full;
    case RungKind::AlternativeProvider:
        return Quality::FullOtherProvider;
    case RungKind::SimplifiedPrompt:
    case RungKind::LowerResolution:
    case RungKind::AlternativeSettings:
        return Quality::Reduced;
    case RungKind::Fallback:
        return Quality::Fallback;
    }
    Q_UNREACHABLE();
    return Quality::None;
}

bool isFinal(TaskState state)
{
    switch (state) {
    case TaskState::Done:
    case TaskState::Failed:
    case TaskState::Blocked:
    case TaskState::Cancelled:
    case TaskState::Skipped:
        return true;
    case TaskState::Waiting:
    case TaskState::Queued:
    case TaskState::Running:
    case TaskState::Retrying:
    case TaskState::Interrupted:
        return false;
    }
    Q_UNREACHABLE();
    return false;
}

} // namespace retake
