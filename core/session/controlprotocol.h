// The control channel's protocol (docs/ARCHITECTURE.md, "Ownership and watching"):
// newline-delimited compact JSON objects, UTF-8, at most kMaxLineBytes per line, every one
// carrying "v": kProtocolVersion. Requests {"v","id","cmd",...args}, replies
// {"v","re","ok",...} and events {"v","event",...}. Transport-neutral: nothing here knows of
// sockets, so a runner on another machine can speak the same messages.
#pragma once

#include "domain/rowjson.h"
#include "domain/task.h"
#include "engine/engineoptions.h"
#include "session/ownerinfo.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace retake {

inline constexpr int kProtocolVersion = 1;
// The longest line a peer accepts; longer gets an error reply and a disconnect.
inline constexpr qsizetype kMaxLineBytes = qsizetype(1024) * 1024;

// What a client sends, as the server reads it: the request, or why it is refused.
struct ControlRequest {
    QJsonObject message;
    QString cmd;
    QJsonValue id;      // "re" of the reply (null when the request has no usable id)
    QString error;      // empty when the request is valid
    bool fatal = false; // not a protocol message at all: reply, then disconnect
    bool ok() const { return error.isEmpty(); }
};

// The commands of protocol version 1.
QStringList controlCommands();
// Parses and validates one request line (without its newline): JSON object, "v" equal to
// kProtocolVersion, a numeric "id", a known "cmd" and arguments of the right types.
ControlRequest parseControlRequest(const QByteArray &line);
// Parses one line a server sent (a reply or an event): an object with "v" 1, or an error.
QJsonObject parseControlMessage(const QByteArray &line, QString *error);
// The line for `message`: "v" added, compact, newline-terminated.
QByteArray encodeControlLine(QJsonObject message);
QJsonObject controlReply(const QJsonValue &id, QJsonObject fields = {});
QJsonObject controlError(const QJsonValue &id, const QString &error);
QJsonObject controlEvent(const QString &kind, QJsonObject fields = {});

// Codecs: every field, round-trips (times as ISO 8601 UTC with milliseconds).
QJsonObject toJson(const TaskSnapshot &task);
TaskSnapshot taskSnapshotFromJson(const QJsonObject &object);
QJsonObject toJson(const Attempt &attempt);
// attemptFromJson(): domain/rowjson.h
QJsonObject toJson(const BatchSummary &summary);
BatchSummary batchSummaryFromJson(const QJsonObject &object);
QJsonObject toJson(const ProviderStatus &p);
// "closed", "open", "half-open".
QString breakerName(ProviderStatus::Breaker breaker);
// A pool's endpoints (docs/ARCHITECTURE.md, "Endpoint pools"): url, state, inFlight, limit.
QJsonArray endpointsToJson(const QList<EndpointStatus> &endpoints);
ProviderStatus providerStatusFromJson(const QJsonObject &object);
QJsonArray toJson(const QList<TaskSnapshot> &tasks);
QList<TaskSnapshot> taskSnapshotsFromJson(const QJsonArray &array);
QJsonArray toJson(const QList<ProviderStatus> &providers);
QList<ProviderStatus> providerStatusesFromJson(const QJsonArray &array);
PauseReason pauseReasonFromName(const QString &name);

// What a watcher learns from the owner's hello (and subscribe) reply.
struct RemoteSnapshot {
    OwnerInfo owner;
    QString title;
    QString workspace;
    QString storyboard; // the owner's storyboard file
    QString runId;
    QList<TaskSnapshot> tasks;
    BatchSummary summary;
    QList<ProviderStatus> providers;
    QStringList providerIds;
    bool paused = false;
    PauseReason pauseReason = PauseReason::None;
};
RemoteSnapshot remoteSnapshotFromJson(const QJsonObject &reply);

// The exit code of a run: 0 all done, 3 some tasks failed, blocked or cancelled (or not
// finished), 130 cancelled by the user (Ctrl-C or a cancel from another process).
int runExitCode(const BatchSummary &summary, bool cancelledByUser);

} // namespace retake

Q_DECLARE_METATYPE(retake::RemoteSnapshot)
