#include "reporttext.h"

#include <QDateTime>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

QString ReportText::duration(const QJsonValue &milliseconds)
{
    if (milliseconds.isNull() || milliseconds.isUndefined())
        return u"—"_s;
    return duration(milliseconds.toInteger());
}

QString ReportText::duration(qint64 ms)
{
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    if (ms < qint64(60) * 1000)
        return u"%1 s"_s.arg(ms / 1000.0, 0, 'f', 1);
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return u"%1 min %2 s"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return u"%1 h %2 min"_s.arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString ReportText::time(const QJsonValue &iso)
{
    QString text = iso.toString();
    if (text.isEmpty())
        return u"—"_s;
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return text;
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC"_s;
}

QString ReportText::cost(double units)
{
    return QString::number(units, 'f', 2);
}

QString ReportText::outcomeLabel(const QString &outcome)
{
    if (outcome == u"complete"_s)
        return u"Complete"_s;
    if (outcome == u"partial"_s)
        return u"Partial (tasks failed)"_s;
    if (outcome == u"recovered"_s)
        return u"Complete (failures recovered)"_s;
    if (outcome == u"cancelled"_s)
        return u"Partial (cancelled)"_s;
    if (outcome == u"budget-cap"_s)
        return u"Partial (budget cap reached)"_s;
    if (outcome == u"crashed-and-resumed"_s)
        return u"Crashed and resumed"_s;
    if (outcome == u"crashed"_s)
        return u"Partial (crashed)"_s;
    if (outcome == u"unfinished"_s)
        return u"Partial (not finished)"_s;
    return outcome;
}

QString ReportText::errorText(const QJsonValue &error)
{
    if (!error.isObject())
        return {};
    const QJsonObject e = error.toObject();
    QString text = e.value(u"class"_s).toString();
    if (e.value(u"httpStatus"_s).toInt() > 0)
        text += u" (HTTP %1)"_s.arg(e.value(u"httpStatus"_s).toInt());
    if (!e.value(u"message"_s).toString().isEmpty())
        text += u": "_s + e.value(u"message"_s).toString();
    return text;
}

QString ReportText::qualityLabel(const QString &quality)
{
    if (quality.isEmpty() || quality == u"none"_s)
        return u"—"_s;
    if (quality == u"full_other_provider"_s)
        return u"full · other provider"_s;
    return quality;
}

} // namespace retake
