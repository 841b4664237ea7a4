// An attempt and a task's durable row as JSON objects: the control channel's messages
// (core/session) and the store's redo log of finished tasks (core/store) carry them.
// Unknown or missing members read as the field's default.
#pragma once

#include "domain/storedrows.h"
#include "domain/task.h"

#include <QJsonObject>

namespace retake {

QJsonObject attemptToJson(const Attempt &attempt);
Attempt attemptFromJson(const QJsonObject &object);

QJsonObject storedTaskToJson(const StoredTask &task);
StoredTask storedTaskFromJson(const QJsonObject &object);

} // namespace retake
