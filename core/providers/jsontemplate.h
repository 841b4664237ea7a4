// Placeholders in JSON templates ({{prompt}}, {{seed}}, ...), shared by the ComfyUI
// workflow templates and the "input" templates of Replicate and fal profiles. A string
// that is exactly one placeholder becomes the typed value (a number stays a number);
// placeholders inside longer strings are replaced as text. Values go into the parsed
// JSON, so they can never change the template's structure.
#pragma once

#include <QJsonValue>
#include <QStringList>
#include <QVariantMap>

namespace retake {

class JsonTemplate final
{
public:
    JsonTemplate() = delete;

    static bool usesPlaceholder(const QJsonValue &value, const QString &name);
    // `value` with the placeholders replaced; names without a value are added to
    // `unknown` and left as they are.
    static QJsonValue fill(const QJsonValue &value, const QVariantMap &values,
                           QStringList *unknown);
};

} // namespace retake
