// Which language the GUI speaks: the system's UI languages, or the one chosen in the
// preferences. Installs Retake's translator (":/i18n/retake_<lang>.qm") and Qt's own.
#pragma once

#include <QLocale>
#include <QString>

QT_BEGIN_NAMESPACE
class QCoreApplication;
QT_END_NAMESPACE

namespace retake::ui {

class LanguageSupport final
{
public:
    LanguageSupport() = delete;

    // Installs the translators on `app` for `language` ("" = follow the system locale)
    // and returns the locale used. Replaces translators installed by an earlier call.
    static QLocale install(QCoreApplication *app, const QString &language);
};

} // namespace retake::ui
