// Task, attempt and summary records: the engine's state as plain values. An attempt is
// never modified after it ends; a retry is a new attempt.
#pragma once

#include "domain/types.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace retake {

struct Attempt {
    int number = 0; // 1-based within the task
    RungKind rung = RungKind::Primary;
    QString providerId;
    QString model;
    QString paramsHash; // sha1 of the parameters that reached the provider
    QVariantMap params; // the values (prompt excluded from reports unless debug)
    QDateTime startedAt;
    QDateTime endedAt;
    ErrorClass errorClass = ErrorClass::None;
    int httpStatus = 0;
    QString message;
    // The last lines of a local tool's stderr (ffmpeg for assemblies), empty for providers
    // that run no tool; shown in the report's failure section.
    QString stderrTail;
    QString outputPath; // verified output inside draft/, success only
    QString archivedTo; // _failed/<task>/attempt-N/ relative to the workspace
    double costUnits = 0.0;
    // The remote job it ran as (a prediction or request id), empty for synchronous and
    // local providers.
    QString remoteJobId;
    bool countedAgainstBudget = true; // false for disk-full pauses and interruptions
    // What the provider delivered, as measured by verification (0 when not measured): a
    // model chooses its own size and length, and the output is conformed to the shot
    // (docs/ARCHITECTURE.md, "Conforming outputs"). fps and duration are for videos only.
    int mediaWidth = 0;
    int mediaHeight = 0;
    double mediaFps = 0.0;
    double mediaDurationSec = 0.0;
    // The provider's own file next to the output when it had to be conformed
    // (draft/<scene>/<shot>/<stage>.a<N>.original.<ext>); empty when the output is it.
    QString originalPath;

    bool ok() const { return errorClass == ErrorClass::None && !outputPath.isEmpty(); }
    qint64 durationMs() const { return startedAt.msecsTo(endedAt); }
};

// What the UI and the CLI see of one task.
struct TaskSnapshot {
    QString id; // "<shot>/image"
    QString sceneId;
    QString shotId;
    Stage stage = Stage::Image;
    TaskState state = TaskState::Waiting;
    Quality quality = Quality::None;
    RungKind rung = RungKind::Primary;
    QString providerId; // provider of the current (or next) rung
    int attemptCount = 0;
    int retriesUsed = 0;    // automatic retries spent in this run
    double progress = -1.0; // 0..1 while running when known, else -1
    QDateTime retryAt;      // when a retrying task will be dispatched again
    ErrorClass lastError = ErrorClass::None;
    QString lastMessage;
    int lastHttpStatus = 0;
    QString outputPath;    // current output (absolute), empty when none
    int manualRetries = 0; // user retries in a row that met the same error class
};

struct BatchSummary {
    int total = 0;
    QMap<TaskState, int> counts;
    QMap<Quality, int> qualities; // among done tasks
    bool running = false;         // the engine has been started and not finished
    bool paused = false;
    PauseReason pauseReason = PauseReason::None;
    double spent = 0.0;     // cost units of the current run's attempts
    double budgetCap = 0.0; // the run's cap in cost units, 0 = none

    int count(TaskState state) const { return counts.value(state, 0); }
    // Done below full parameters (isDegraded).
    int degraded() const
    {
        return qualities.value(Quality::Reduced, 0) + qualities.value(Quality::Fallback, 0);
    }
    // Done at full parameters on an alternative provider (isOnOtherProvider).
    int onOtherProvider() const { return qualities.value(Quality::FullOtherProvider, 0); }
    // Share of tasks that reached a final state, 0..100.
    double percent() const;
    bool allDone() const { return total > 0 && count(TaskState::Done) == total; }
};

} // namespace retake

Q_DECLARE_METATYPE(retake::TaskSnapshot)
Q_DECLARE_METATYPE(retake::Attempt)
Q_DECLARE_METATYPE(retake::BatchSummary)
