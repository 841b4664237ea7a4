// Small pieces of provider wire formats shared by several kinds.
#pragma once

#include "domain/types.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace retake::wireformat {

// FastAPI/pydantic validation errors (A1111 422, fal 422): {"detail": [{"loc": [...],
// "msg", "type"}]} -> "width: value is not a valid integer; ...". A plain string detail
// is returned as it is.
QString describeValidationDetail(const QJsonValue &detail);
// True when a FastAPI-style detail array carries a content-policy type (fal).
bool detailHasType(const QJsonValue &detail, const QString &type);
// "data:image/png;base64,...." -> the bytes; nothing when `text` is not a base64 data URI.
std::optional<QByteArray> decodeDataUri(const QString &text);
// Strict base64 (optionally a data URI); nothing when it does not decode.
std::optional<QByteArray> decodeBase64(const QString &text);
// "data:<mime>;base64,<...>" for an input image file.
QString dataUriForFile(const QString &path, QString *error);
// The last "NN%" progress figure in a log text (tqdm lines), as 0..1.
std::optional<double> progressFromLog(const QString &log);
// Failure texts of model runs that mean a safety / content filter refused the job.
bool looksLikeContentPolicy(const QString &text);
// Failure texts and exception types that mean the GPU ran out of memory.
bool looksLikeOutOfMemory(const QString &text);
// A one-line version of a server text for messages (at most `maxChars`).
QString oneLine(const QString &text, int maxChars = 300);

} // namespace retake::wireformat
