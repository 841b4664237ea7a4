// The change feed's hot path (docs/ARCHITECTURE.md "Ownership and watching"): the JSON text
// of task lists and attempts written directly. Every coalesced update and every subscriber's
// snapshot carries tasks; building them as QJsonObjects and a QJsonDocument cost the owner
// about 100,000 instructions per task and 250,000 per attempt (callgrind, bench_watch), most
// of the feed's price. The text parses to exactly what the codecs in controlprotocol.h build.
#pragma once

#include "domain/task.h"
#include "engine/engineoptions.h"

#include <QByteArray>
#include <QList>
#include <QStringView>

namespace retake {

// The compact JSON object of `task`, members as in toJson(const TaskSnapshot &).
QByteArray encodeTask(const TaskSnapshot &task);
// The compact JSON array of `tasks`, members as in toJson(const TaskSnapshot &).
QByteArray encodeTasks(const QList<TaskSnapshot> &tasks);
// The compact JSON object of `attempt`, members as in toJson(const Attempt &).
QByteArray encodeAttempt(const Attempt &attempt);
// The compact JSON object of `summary`, members as in toJson(const BatchSummary &).
QByteArray encodeSummary(const BatchSummary &summary);
// The compact JSON array of `providers`, members as in toJson(const ProviderStatus &).
QByteArray encodeProviders(const QList<ProviderStatus> &providers);
// Ends a JSON array or object whose members were each followed by ',': the last comma
// becomes `bracket` (']' or '}'), or `bracket` is appended when there was no member.
void closeJson(QByteArray &text, char bracket);
// `text` as a JSON string, quotes included.
QByteArray jsonString(QStringView text);
// `object` (the text of a JSON object, with or without a final newline) with the member
// `key` whose value is the JSON text `rawValue` added last; the newline is kept.
QByteArray withRawMember(QByteArray object, QStringView key, const QByteArray &rawValue);

} // namespace retake
