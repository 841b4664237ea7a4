#include "net/ratelimitheaders.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake::ratelimit {

namespace {

constexpr double kMaxMs = 24.0 * 3600 * 1000;

std::optional<double> number(const HttpHeaderList &headers, const QByteArray &name)
{
    const QByteArray text = netfailure::header(headers, name).trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0 || value > 1e9)
        return std::nullopt;
    return value;
}

} // namespace

RateHint fromHeaders(const HttpHeaderList &headers)
{
    RateHint hint;
    if (const auto limit = number(headers, "x-ratelimit-limit-requests"); limit && *limit > 0)
        hint.limitPerMinute = *limit;
    if (const auto remaining = number(headers, "x-ratelimit-remaining-requests"))
        hint.remaining = int(*remaining);
    hint.resetMs = parseDurationMs(netfailure::header(headers, "x-ratelimit-reset-requests"));
    return hint;
}

std::optional<qint64> parseDurationMs(const QByteArray &text)
{
    static const QRegularExpression part(u"(\\d+(?:\\.\\d+)?)(ms|h|m|s)"_s);
    const QString trimmed = QString::fromLatin1(text.trimmed());
    if (trimmed.isEmpty() || trimmed.size() > 40)
        return std::nullopt;
    double ms = 0;
    qsizetype consumed = 0;
    for (auto it = part.globalMatch(trimmed); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedStart() != consumed)
            return std::nullopt; // something between the parts
        consumed = m.capturedEnd();
        const double value = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        ms += value * (unit == u"ms"  ? 1.0
                       : unit == u"s" ? 1000.0
                       : unit == u"m" ? 60000.0
                                      : 3600000.0);
    }
    if (consumed != trimmed.size() || !std::isfinite(ms))
        return std::nullopt;
    return qint64(std::ceil(std::min(ms, kMaxMs)));
}

std::optional<int> waitInMessage(const QString &text)
{
    static const QRegularExpression pattern(
        u"(?:available|try again) in (\\d+(?:\\.\\d+)?) ?(ms|milliseconds?|s|seconds?)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = pattern.match(text.left(2000));
    if (!m.hasMatch())
        return std::nullopt;
    const double value = m.captured(1).toDouble();
    const bool millis = m.captured(2).startsWith(u"m"_s, Qt::CaseInsensitive);
    const double ms = millis ? value : value * 1000.0;
    if (!std::isfinite(ms))
        return std::nullopt;
    return int(std::ceil(std::min(ms, kMaxMs)));
}

} // namespace retake::ratelimit
