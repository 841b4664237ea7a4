#include "rowjson.h"

using namespace Qt::StringLiterals;

namespace retake {

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFrom(const QJsonValue &value)
{
    const QString text = value.toString();
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

QJsonObject attemptToJson(const Attempt &a)
{
    return QJsonObject{{u"number"_s, a.number},
                       {u"rung"_s, nameOf(a.rung)},
                       {u"provider"_s, a.providerId},
                       {u"model"_s, a.model},
                       {u"paramsHash"_s, a.paramsHash},
                       {u"params"_s, QJsonObject::fromVariantMap(a.params)},
                       {u"startedAt"_s, isoTime(a.startedAt)},
                       {u"endedAt"_s, isoTime(a.endedAt)},
                       {u"errorClass"_s, nameOf(a.errorClass)},
                       {u"httpStatus"_s, a.httpStatus},
                       {u"message"_s, a.message},
                       {u"stderrTail"_s, a.stderrTail},
                       {u"outputPath"_s, a.outputPath},
                       {u"archivedTo"_s, a.archivedTo},
                       {u"costUnits"_s, a.costUnits},
                       {u"countedAgainstBudget"_s, a.countedAgainstBudget},
                       {u"mediaWidth"_s, a.mediaWidth},
                       {u"mediaHeight"_s, a.mediaHeight},
                       {u"mediaFps"_s, a.mediaFps},
                       {u"mediaDurationSec"_s, a.mediaDurationSec},
                       {u"originalPath"_s, a.originalPath}};
}

Attempt attemptFromJson(const QJsonObject &o)
{
    Attempt a;
    a.number = o.value(u"number"_s).toInt();
    a.rung = enumFrom(o.value(u"rung"_s), rungKindFromString, RungKind::Primary);
    a.providerId = o.value(u"provider"_s).toString();
    a.model = o.value(u"model"_s).toString();
    a.paramsHash = o.value(u"paramsHash"_s).toString();
    a.params = o.value(u"params"_s).toObject().toVariantMap();
    a.startedAt = timeFrom(o.value(u"startedAt"_s));
    a.endedAt = timeFrom(o.value(u"endedAt"_s));
    a.errorClass = enumFrom(o.value(u"errorClass"_s), errorClassFromString, ErrorClass::None);
    a.httpStatus = o.value(u"httpStatus"_s).toInt();
    a.message = o.value(u"message"_s).toString();
    a.stderrTail = o.value(u"stderrTail"_s).toString();
    a.outputPath = o.value(u"outputPath"_s).toString();
    a.archivedTo = o.value(u"archivedTo"_s).toString();
    a.costUnits = o.value(u"costUnits"_s).toDouble();
    a.countedAgainstBudget = o.value(u"countedAgainstBudget"_s).toBool(true);
    a.mediaWidth = o.value(u"mediaWidth"_s).toInt();
    a.mediaHeight = o.value(u"mediaHeight"_s).toInt();
    a.mediaFps = o.value(u"mediaFps"_s).toDouble();
    a.mediaDurationSec = o.value(u"mediaDurationSec"_s).toDouble();
    a.originalPath = o.value(u"originalPath"_s).toString();
    return a;
}

QJsonObject storedTaskToJson(const StoredTask &t)
{
    return QJsonObject{{u"id"_s, t.id},
                       {u"state"_s, nameOf(t.state)},
                       {u"quality"_s, nameOf(t.quality)},
                       {u"rung"_s, nameOf(t.rung)},
                       {u"provider"_s, t.providerId},
                       {u"attemptCount"_s, t.attemptCount},
                       {u"lastError"_s, nameOf(t.lastError)},
                       {u"lastMessage"_s, t.lastMessage},
                       {u"lastHttpStatus"_s, t.lastHttpStatus},
                       {u"outputPath"_s, t.outputPath},
                       {u"paramsHash"_s, QString::fromLatin1(t.paramsHash.toHex())},
                       {u"manualRetries"_s, t.manualRetries},
                       {u"rungIndex"_s, t.rungIndex},
                       {u"retriesUsed"_s, t.retriesUsed},
                       {u"rungFailures"_s, t.rungFailures},
                       {u"providerOverride"_s, t.providerOverride},
                       {u"remoteJob"_s, QString::fromUtf8(t.remoteJob.toJson())}};
}

StoredTask storedTaskFromJson(const QJsonObject &o)
{
    StoredTask t;
    t.id = o.value(u"id"_s).toString();
    t.state = enumFrom(o.value(u"state"_s), taskStateFromString, TaskState::Waiting);
    t.quality = enumFrom(o.value(u"quality"_s), qualityFromString, Quality::None);
    t.rung = enumFrom(o.value(u"rung"_s), rungKindFromString, RungKind::Primary);
    t.providerId = o.value(u"provider"_s).toString();
    t.attemptCount = o.value(u"attemptCount"_s).toInt();
    t.lastError = enumFrom(o.value(u"lastError"_s), errorClassFromString, ErrorClass::None);
    t.lastMessage = o.value(u"lastMessage"_s).toString();
    t.lastHttpStatus = o.value(u"lastHttpStatus"_s).toInt();
    t.outputPath = o.value(u"outputPath"_s).toString();
    t.paramsHash = QByteArray::fromHex(o.value(u"paramsHash"_s).toString().toLatin1());
    t.manualRetries = o.value(u"manualRetries"_s).toInt();
    t.rungIndex = o.value(u"rungIndex"_s).toInt();
    t.retriesUsed = o.value(u"retriesUsed"_s).toInt();
    t.rungFailures = o.value(u"rungFailures"_s).toInt();
    t.providerOverride = o.value(u"providerOverride"_s).toString();
    t.remoteJob = RemoteJobRef::fromJson(o.value(u"remoteJob"_s).toString().toUtf8());
    return t;
}

} // namespace retake
