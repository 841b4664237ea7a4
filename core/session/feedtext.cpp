#include "feedtext.h"

#include "controlprotocol.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <charconv>
#include <cmath>
#include <iterator>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// JSON's escapes for the bytes below 0x20, '"' and '\\'; 0 where the byte stands as it is.
char shortEscape(char c)
{
    switch (c) {
    case '"':
        return '"';
    case '\\':
        return '\\';
    case '\n':
        return 'n';
    case '\r':
        return 'r';
    case '\t':
        return 't';
    case '\b':
        return 'b';
    case '\f':
        return 'f';
    default:
        return 0;
    }
}

void appendEscaped(QByteArray &out, const char *begin, const char *end)
{
    static constexpr char hex[] = "0123456789abcdef";
    for (const char *p = begin; p != end; ++p) {
        const char c = *p;
        if (const char e = shortEscape(c)) {
            out += '\\';
            out += e;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += "\\u00";
            out += hex[(c >> 4) & 0xf];
            out += hex[c & 0xf];
        } else {
            out += c;
        }
    }
}

void appendString(QByteArray &out, QStringView text)
{
    // Most of what the feed carries (ids, states, paths) is printable ASCII: copied as it is.
    // Anything else goes through UTF-8 and the escapes.
    const qsizetype start = out.size();
    out.resize(start + text.size() + 2);
    char *d = out.data() + start;
    *d++ = '"';
    for (const QChar ch : text) {
        const char16_t u = ch.unicode();
        if (u < 0x20 || u >= 0x7f || u == u'"' || u == u'\\') {
            out.truncate(start + 1);
            const QByteArray utf8 = text.toUtf8();
            appendEscaped(out, utf8.constBegin(), utf8.constEnd());
            out += '"';
            return;
        }
        *d++ = char(u);
    }
    *d = '"';
}

// `"key":` for a literal key, without measuring it.
template <qsizetype N> void appendKey(QByteArray &out, const char (&key)[N])
{
    out += '"';
    out.append(key, N - 1);
    out.append("\":", 2);
}

template <qsizetype N> void appendMember(QByteArray &out, const char (&key)[N], QStringView value)
{
    appendKey(out, key);
    appendString(out, value);
    out += ',';
}

void appendInteger(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), value);
    Q_UNUSED(ec) // a qint64 always fits
    out.append(digits, end - digits);
}

// As QJsonDocument writes numbers: shortest round-trip form, null when not finite.
void appendDouble(QByteArray &out, double value)
{
    if (!std::isfinite(value))
        out.append("null", 4);
    else if (value == std::trunc(value) && std::abs(value) < 1e15)
        appendInteger(out, qint64(value));
    else
        out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

template <qsizetype N> void appendMember(QByteArray &out, const char (&key)[N], int value)
{
    appendKey(out, key);
    appendInteger(out, value);
    out += ',';
}

template <qsizetype N> void appendMember(QByteArray &out, const char (&key)[N], double value)
{
    appendKey(out, key);
    appendDouble(out, value);
    out += ',';
}

template <qsizetype N> void appendMember(QByteArray &out, const char (&key)[N], bool value)
{
    appendKey(out, key);
    out += value ? "true," : "false,";
}

// Appends `digits` decimal digits of `value`, zero-padded.
void appendPadded(QByteArray &out, qint64 value, int digits)
{
    char text[8];
    for (int i = digits - 1; i >= 0; --i, value /= 10)
        text[i] = char('0' + value % 10);
    out.append(text, digits);
}

// As the codecs write times (Qt::ISODateWithMs in UTC: "2026-12-04T23:18:46.123Z"), a
// string, empty when invalid; computed from the epoch (days to civil date, proleptic
// Gregorian) instead of through QDateTime's formatting, which costs 12,000 instructions.
void appendTime(QByteArray &out, const QDateTime &time)
{
    if (!time.isValid()) {
        out.append("\"\"", 2);
        return;
    }
    const qint64 ms = time.toMSecsSinceEpoch();
    constexpr qint64 msPerDay = qint64(86400) * 1000;
    qint64 days = ms / msPerDay;
    qint64 rest = ms % msPerDay;
    if (rest < 0) {
        rest += msPerDay;
        --days;
    }
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
        appendString(out, time.toUTC().toString(Qt::ISODateWithMs));
        return;
    }
    out += '"';
    appendPadded(out, year, 4);
    out += '-';
    appendPadded(out, month, 2);
    out += '-';
    appendPadded(out, day, 2);
    out += 'T';
    appendPadded(out, rest / 3600000, 2);
    out += ':';
    appendPadded(out, rest / 60000 % 60, 2);
    out += ':';
    appendPadded(out, rest / 1000 % 60, 2);
    out += '.';
    appendPadded(out, rest % 1000, 3);
    out.append("Z\"", 2);
}

template <qsizetype N>
void appendMember(QByteArray &out, const char (&key)[N], const QDateTime &time)
{
    appendKey(out, key);
    appendTime(out, time);
    out += ',';
}

// A parameter as QJsonObject::fromVariantMap() would hold it.
void appendVariant(QByteArray &out, const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QString:
        appendString(out, value.toString());
        return;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
        appendInteger(out, value.toLongLong());
        return;
    case QMetaType::Double:
        appendDouble(out, value.toDouble());
        return;
    case QMetaType::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    default:
        break;
    }
    // Anything rarer (doubles, lists, maps): as QJsonDocument writes it.
    const QByteArray array =
        QJsonDocument(QJsonArray{QJsonValue::fromVariant(value)}).toJson(QJsonDocument::Compact);
    out += array.mid(1, array.size() - 2);
}

void appendTask(QByteArray &out, const TaskSnapshot &t)
{
    out += '{';
    appendMember(out, "id", t.id);
    appendMember(out, "sceneId", t.sceneId);
    appendMember(out, "shotId", t.shotId);
    appendMember(out, "stage", nameOf(t.stage));
    appendMember(out, "state", nameOf(t.state));
    appendMember(out, "quality", nameOf(t.quality));
    appendMember(out, "rung", nameOf(t.rung));
    appendMember(out, "provider", t.providerId);
    appendMember(out, "attemptCount", t.attemptCount);
    appendMember(out, "retriesUsed", t.retriesUsed);
    appendMember(out, "progress", t.progress);
    appendMember(out, "retryAt", t.retryAt);
    appendMember(out, "lastError", nameOf(t.lastError));
    appendMember(out, "lastMessage", t.lastMessage);
    appendMember(out, "lastHttpStatus", t.lastHttpStatus);
    appendMember(out, "outputPath", t.outputPath);
    appendMember(out, "manualRetries", t.manualRetries);
    out.back() = '}';
}

} // namespace

QByteArray encodeAttempt(const Attempt &a)
{
    QByteArray out;
    out.reserve(512 + a.message.size() + a.stderrTail.size());
    out += '{';
    appendMember(out, "number", a.number);
    appendMember(out, "rung", nameOf(a.rung));
    appendMember(out, "provider", a.providerId);
    appendMember(out, "model", a.model);
    appendMember(out, "paramsHash", a.paramsHash);
    appendKey(out, "params");
    out += '{';
    for (auto it = a.params.cbegin(); it != a.params.cend(); ++it) {
        appendString(out, it.key());
        out += ':';
        appendVariant(out, it.value());
        out += ',';
    }
    closeJson(out, '}');
    out += ',';
    appendMember(out, "startedAt", a.startedAt);
    appendMember(out, "endedAt", a.endedAt);
    appendMember(out, "errorClass", nameOf(a.errorClass));
    appendMember(out, "httpStatus", a.httpStatus);
    appendMember(out, "message", a.message);
    appendMember(out, "stderrTail", a.stderrTail);
    appendMember(out, "outputPath", a.outputPath);
    appendMember(out, "archivedTo", a.archivedTo);
    appendMember(out, "costUnits", a.costUnits);
    appendMember(out, "countedAgainstBudget", a.countedAgainstBudget);
    appendMember(out, "mediaWidth", a.mediaWidth);
    appendMember(out, "mediaHeight", a.mediaHeight);
    appendMember(out, "mediaFps", a.mediaFps);
    appendMember(out, "mediaDurationSec", a.mediaDurationSec);
    appendMember(out, "originalPath", a.originalPath);
    out.back() = '}';
    return out;
}

QByteArray encodeSummary(const BatchSummary &s)
{
    QByteArray out;
    out.reserve(256);
    out += '{';
    appendMember(out, "total", s.total);
    const auto appendCounts = [&out](const auto &counts) {
        out += '{';
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            appendString(out, nameOf(it.key()));
            out += ':';
            appendInteger(out, it.value());
            out += ',';
        }
        closeJson(out, '}');
        out += ',';
    };
    appendKey(out, "counts");
    appendCounts(s.counts);
    appendKey(out, "qualities");
    appendCounts(s.qualities);
    appendMember(out, "running", s.running);
    appendMember(out, "paused", s.paused);
    appendMember(out, "pauseReason", nameOf(s.pauseReason));
    appendMember(out, "spent", s.spent);
    appendMember(out, "budgetCap", s.budgetCap);
    out.back() = '}';
    return out;
}

QByteArray encodeProviders(const QList<ProviderStatus> &providers)
{
    QByteArray out = "[";
    for (const ProviderStatus &p : providers) {
        out += '{';
        appendMember(out, "id", p.id);
        appendMember(out, "kind", p.kind);
        appendMember(out, "model", p.model);
        appendMember(out, "breaker", breakerName(p.breaker));
        appendMember(out, "breakerOpenUntil", p.breakerOpenUntil);
        appendMember(out, "inFlight", p.inFlight);
        appendMember(out, "limit", p.limit);
        appendMember(out, "maxLimit", p.maxLimit);
        appendMember(out, "queued", p.queued);
        appendMember(out, "recentErrorRate", p.recentErrorRate);
        appendMember(out, "lastError", nameOf(p.lastError));
        appendMember(out, "lastErrorMessage", p.lastErrorMessage);
        appendMember(out, "lastErrorAt", p.lastErrorAt);
        if (!p.endpoints.isEmpty()) {
            out += "\"endpoints\":";
            out += QJsonDocument(endpointsToJson(p.endpoints)).toJson(QJsonDocument::Compact);
            out += ',';
        }
        out.back() = '}';
        out += ',';
    }
    closeJson(out, ']');
    return out;
}

QByteArray encodeTask(const TaskSnapshot &task)
{
    QByteArray out;
    out.reserve(320 + task.lastMessage.size() + task.outputPath.size());
    appendTask(out, task);
    return out;
}

void closeJson(QByteArray &text, char bracket)
{
    if (text.endsWith(','))
        text.back() = bracket;
    else
        text += bracket;
}

QByteArray jsonString(QStringView text)
{
    QByteArray out;
    appendString(out, text);
    return out;
}

QByteArray encodeTasks(const QList<TaskSnapshot> &tasks)
{
    QByteArray out;
    out.reserve(tasks.size() * 400 + 2);
    out += '[';
    for (const TaskSnapshot &task : tasks) {
        appendTask(out, task);
        out += ',';
    }
    closeJson(out, ']');
    return out;
}

QByteArray withRawMember(QByteArray object, QStringView key, const QByteArray &rawValue)
{
    const bool newline = object.endsWith('\n');
    if (newline)
        object.chop(1);
    if (!object.endsWith('}'))
        return object; // not an object: left as it is
    object.chop(1);
    object.reserve(object.size() + key.size() + rawValue.size() + 8);
    if (!object.endsWith('{'))
        object += ',';
    appendString(object, key);
    object += ':';
    object += rawValue;
    object += '}';
    if (newline)
        object += '\n';
    return object;
}

} // namespace retake
