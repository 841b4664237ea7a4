// The rows of state.sqlite as plain values: a task's durable part, an event of the audit
// trail, a checkpoint. Written by the store, read by the engine and the reports.
#pragma once

#include "domain/remotejob.h"
#include "domain/types.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace retake {

// The durable part of a task (what survives a restart).
struct StoredTask {
    QString id;
    TaskState state = TaskState::Waiting;
    Quality quality = Quality::None;
    RungKind rung = RungKind::Primary;
    QString providerId;
    int attemptCount = 0;
    ErrorClass lastError = ErrorClass::None;
    QString lastMessage;
    int lastHttpStatus = 0;
    QString outputPath;    // relative to the workspace root
    QByteArray paramsHash; // parameters the current output was made from
    int manualRetries = 0;
    // Where recovery stands, so a crash-resumed run continues instead of starting over.
    int rungIndex = 0;
    int retriesUsed = 0;
    int rungFailures = 0;
    QString providerOverride; // provider chosen by "Switch provider", empty when none
    // The remote job of the attempt in flight (committed before it is waited on), so that
    // a resumed run re-attaches to it; invalid when none.
    RemoteJobRef remoteJob;
};

struct StoredEvent {
    QDateTime time;
    QString taskId; // empty for batch-level events
    QString kind;   // e.g. "user-retry", "switch-provider", "paused", "run-started"
    QString detail;
};

// A consistent copy of the task rows, kept as rows of state.sqlite (schema 6 on) or, when an
// older Retake made it, as a copy of the whole file (SQLite VACUUM INTO): restoring one moves
// the task pointers back; no output file is copied or removed.
struct CheckpointInfo {
    QString id; // e.g. "cp-20261125-143000-3"
    QDateTime createdAt;
    QString reason;     // "manual", "images finished", "before retry all failed", ...
    QString file;       // an older Retake's copy, relative to the workspace root; empty for rows
    QString countsJson; // {"done": 12, "failed": 1, ...} at creation
    qint64 sizeBytes = 0;
};

// Why a checkpoint was made. The reason text is what state.sqlite keeps and the user reads;
// these are the only places that build it or tell its kind from it.
enum class CheckpointKind { Manual, StageFinished, BeforeBulkAction, BeforeRestore };

struct CheckpointReason {
    static QString stageFinished(Stage stage);
    // `action` in words: "retry all failed", "switch to provider b".
    static QString beforeBulkAction(const QString &action);
    static QString beforeRestore(const QString &checkpointId);
    static CheckpointKind kindOf(const QString &reason);
};

} // namespace retake

Q_DECLARE_METATYPE(retake::CheckpointInfo)
