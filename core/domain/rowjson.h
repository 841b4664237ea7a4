// An attempt and a task's durable row as JSON objects: the control channel's messages
// (core/session) and the store's redo log of finished tasks (core/store) carry them.
// Unknown or missing members read as the field's default.
#pragma once

#include "domain/storedrows.h"
#include "domain/task.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace retake {

// Times as ISO 8601 UTC with milliseconds; an invalid time is "" and back.
QString isoTime(const QDateTime &time);
QDateTime timeFrom(const QJsonValue &value);
// An enum from its name (`parse`: e.g. stageFromString), `fallback` when unknown.
template <typename Enum>
Enum enumFrom(const QJsonValue &value, std::optional<Enum> (*parse)(const QString &), Enum fallback)
{
    return parse(value.toString()).value_or(fallback);
}

QJsonObject attemptToJson(const Attempt &attempt);
Attempt attemptFromJson(const QJsonObject &object);

QJsonObject storedTaskToJson(const StoredTask &task);
StoredTask storedTaskFromJson(const QJsonObject &object);

} // namespace retake
