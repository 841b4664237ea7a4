// Mapping transport and HTTP failures to Retake's error classes (docs/ARCHITECTURE.md, "Failures"),
// shared by every network provider: transport errors, HTTP statuses, Retry-After headers, and
// scrubbing secrets out of anything that may reach a message, log or report.
#pragma once

#include "domain/types.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>

#include <optional>

namespace retake {

using HttpHeaderList = QList<QPair<QByteArray, QByteArray>>;

namespace netfailure {

// Connection refused / host gone -> provider_unavailable; reset, DNS, TLS -> network;
// a timeout -> timeout; an abort we asked for -> cancelled.
ErrorClass classifyTransport(QNetworkReply::NetworkError error);
// A short human description, e.g. "connection refused", "TLS handshake failed".
QString describeTransport(QNetworkReply::NetworkError error);
// True for errors of the connection itself (not derived from an HTTP status).
bool isTransportError(QNetworkReply::NetworkError error);

// The class an HTTP status means when the body says nothing more specific:
// 401/403 auth, 402 quota, 408 timeout, 429 rate limited, 5xx provider unavailable,
// other 4xx invalid request. ErrorClass::None for 1xx-3xx.
ErrorClass classifyStatus(int httpStatus);

// Value of header `name` (case-insensitive), empty when absent.
QByteArray header(const HttpHeaderList &headers, const QByteArray &name);
// retry-after-ms (milliseconds, OpenAI) wins over Retry-After (seconds or an HTTP
// date, RFC 9110). Empty when absent or unparsable. `now` is for HTTP dates.
std::optional<int> retryAfterMs(const HttpHeaderList &headers,
                                const QDateTime &now = QDateTime::currentDateTimeUtc());

// `text` with every occurrence of each secret replaced by "[redacted]". Secrets shorter
// than 4 characters are ignored (they would mangle ordinary words).
QString redact(QString text, const QStringList &secrets);
// The first `maxChars` characters of a body as text for debug detail, control
// characters replaced; "…" appended when cut.
QString excerpt(const QByteArray &body, int maxChars = 400);

} // namespace netfailure
} // namespace retake
