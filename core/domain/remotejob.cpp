#include "remotejob.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

bool RemoteJobRef::isSafeId(const QString &id)
{
    if (id.isEmpty() || id.size() > 128 || id.contains(u".."))
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                        (u >= u'0' && u <= u'9') || u == u'.' || u == u'_' || u == u'-' ||
                        u == u':';
        if (!ok)
            return false;
    }
    return true;
}

QByteArray RemoteJobRef::toJson() const
{
    if (!isValid())
        return {};
    QJsonObject object{{u"id"_s, id},
                       {u"provider"_s, providerId},
                       {u"attempt"_s, attemptNumber},
                       {u"paramsHash"_s, paramsHash}};
    if (submittedAt.isValid())
        object.insert(u"submittedAt"_s, submittedAt.toUTC().toString(Qt::ISODateWithMs));
    if (!endpoint.isEmpty())
        object.insert(u"endpoint"_s, endpoint);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

RemoteJobRef RemoteJobRef::fromJson(const QByteArray &json)
{
    if (json.isEmpty() || json.size() > 4096)
        return {};
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    RemoteJobRef ref;
    ref.id = object.value(u"id"_s).toString();
    ref.providerId = object.value(u"provider"_s).toString();
    ref.attemptNumber = object.value(u"attempt"_s).toInt();
    ref.paramsHash = object.value(u"paramsHash"_s).toString();
    ref.submittedAt =
        QDateTime::fromString(object.value(u"submittedAt"_s).toString(), Qt::ISODateWithMs);
    ref.endpoint = object.value(u"endpoint"_s).toString().left(300);
    return ref.isValid() ? ref : RemoteJobRef();
}

} // namespace retake
