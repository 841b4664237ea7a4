// What a provider's answer says about its rate limit (docs/ARCHITECTURE.md, "Rate limits"):
// OpenAI's x-ratelimit-limit-requests / -remaining-requests / -reset-requests headers, and the
// wait a throttling message names when no Retry-After header does ("Expected available in
// 2 seconds", Replicate). The engine paces each provider from these hints.
#pragma once

#include "net/netfailure.h"

#include <optional>

namespace retake {

struct RateHint {
    std::optional<double> limitPerMinute; // requests allowed per minute
    std::optional<int> remaining;         // requests left in the current window
    std::optional<qint64> resetMs;        // until the window is full again

    bool isEmpty() const { return !limitPerMinute && !remaining && !resetMs; }
};

namespace ratelimit {

// The hint in a response's headers; empty when it has none.
RateHint fromHeaders(const HttpHeaderList &headers);
// A Go-style duration as OpenAI writes it: "20ms", "1s", "6m0s", "1h30m", "0.5s".
std::optional<qint64> parseDurationMs(const QByteArray &text);
// The wait a throttling message names, e.g. "Request was throttled. Expected available in
// 2 seconds." -> 2000. Empty when the text names none.
std::optional<int> waitInMessage(const QString &text);

} // namespace ratelimit
} // namespace retake
