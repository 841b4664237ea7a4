#include "providers/jsontemplate.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(u"\\{\\{\\s*([a-z_]+)\\s*\\}\\}"_s);
    return pattern;
}

} // namespace

bool JsonTemplate::usesPlaceholder(const QJsonValue &value, const QString &name)
{
    if (value.isString()) {
        auto it = placeholderPattern().globalMatch(value.toString());
        while (it.hasNext()) {
            if (it.next().captured(1) == name)
                return true;
        }
        return false;
    }
    if (value.isArray()) {
        for (const QJsonValue item : value.toArray()) {
            if (usesPlaceholder(item, name))
                return true;
        }
        return false;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (usesPlaceholder(it.value(), name))
                return true;
        }
    }
    return false;
}

QJsonValue JsonTemplate::fill(const QJsonValue &value, const QVariantMap &values,
                              QStringList *unknown)
{
    if (value.isString()) {
        const QString text = value.toString();
        const QRegularExpressionMatch whole = placeholderPattern().match(text);
        if (whole.hasMatch() && whole.capturedStart() == 0 &&
            whole.capturedLength() == text.size()) {
            const QString name = whole.captured(1);
            if (!values.contains(name)) {
                unknown->append(name);
                return value;
            }
            return QJsonValue::fromVariant(values.value(name));
        }
        QString result;
        qsizetype last = 0;
        auto it = placeholderPattern().globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            result += QStringView(text).mid(last, match.capturedStart() - last);
            const QString name = match.captured(1);
            if (values.contains(name)) {
                result += values.value(name).toString();
            } else {
                unknown->append(name);
                result += match.captured(0);
            }
            last = match.capturedEnd();
        }
        result += QStringView(text).mid(last);
        return result;
    }
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue item : value.toArray())
            array.append(fill(item, values, unknown));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = fill(it.value(), values, unknown);
        return object;
    }
    return value;
}

} // namespace retake
