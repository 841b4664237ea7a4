#include "localstoryboard.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace retake::test {

QByteArray LocalStoryboard::toJson() const
{
    QJsonArray list;
    for (int n = 1; n <= shots; ++n) {
        list.append(
            QJsonObject{{u"id"_s, QString(shotPrefix + u"%1"_s.arg(n, 2, 10, QLatin1Char('0')))},
                        {u"prompt"_s, u"A lighthouse at night, shot %1."_s.arg(n)}});
    }
    QJsonObject studio{{u"id"_s, u"studio"_s},
                       {u"kind"_s, u"local"_s},
                       {u"maxConcurrency"_s, concurrency},
                       {u"options"_s, QJsonObject{{u"latencyMs"_s, latencyMs}}}};
    if (!faults.isEmpty())
        studio.insert(u"faults"_s, faults);
    const QJsonObject project{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, title},
        {u"defaults"_s,
         QJsonObject{{u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}},
                     {u"video"_s, QJsonObject{{u"duration"_s, 0.5}, {u"fps"_s, fps}}}}},
        {u"providerProfiles"_s, QJsonArray{studio}},
        {u"providers"_s,
         QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}}, {u"video"_s, QJsonArray{u"studio"_s}}}},
        {u"scenes"_s, QJsonArray{QJsonObject{{u"id"_s, sceneId}, {u"shots"_s, list}}}}};
    return QJsonDocument(project).toJson();
}

} // namespace retake::test
