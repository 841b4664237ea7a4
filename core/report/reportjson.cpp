#include "reportjson.h"

#include "report/jsonstream.h"

#include <QIODevice>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

template <typename Slice>
void writeArray(JsonStream &json, const QString &key, qsizetype count, qsizetype rowsPerSlice,
                const Slice &slice)
{
    json.beginArray(key);
    for (qsizetype from = 0; from < count; from += rowsPerSlice) {
        for (const QJsonValue row : slice(from, rowsPerSlice))
            json.element(row);
    }
    json.end();
}

} // namespace

bool ReportJson::write(const ReportParts &parts, QIODevice *device, qsizetype rowsPerSlice)
{
    // Members in the order QJsonObject keeps its keys: sorted.
    JsonStream json(device);
    json.beginObject();
    json.beginObject(u"audit"_s);
    json.member(u"checkpoints"_s, parts.checkpoints());
    json.member(u"events"_s, parts.events());
    json.member(u"files"_s, parts.files());
    json.member(u"providers"_s, parts.providers());
    writeArray(json, u"stepsCompleted"_s, parts.stepCount(), rowsPerSlice,
               [&](qsizetype from, qsizetype count) { return parts.steps(from, count); });
    json.member(u"usage"_s, parts.usage());
    json.end();
    json.member(u"counts"_s, parts.counts());
    writeArray(json, u"failures"_s, parts.failureCount(), rowsPerSlice,
               [&](qsizetype from, qsizetype count) { return parts.failures(from, count); });
    // format, generatedAt, generator, run, storyboard: between "failures" and "tasks".
    const QJsonObject head = parts.head();
    for (auto it = head.constBegin(); it != head.constEnd(); ++it)
        json.member(it.key(), it.value());
    writeArray(json, u"tasks"_s, parts.taskCount(), rowsPerSlice,
               [&](qsizetype from, qsizetype count) { return parts.tasks(from, count); });
    json.member(u"timeline"_s, parts.timeline());
    json.end();
    return json.ok();
}

} // namespace retake
