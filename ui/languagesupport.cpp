#include "languagesupport.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {
QPointer<QTranslator> g_retake;
QPointer<QTranslator> g_qt;
} // namespace

QLocale LanguageSupport::install(QCoreApplication *app, const QString &language)
{
    for (QPointer<QTranslator> *old : {&g_retake, &g_qt}) {
        if (*old) {
            QCoreApplication::removeTranslator(*old);
            delete old->data();
        }
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *retake = new QTranslator(app);
    // QTranslator::load(QLocale, ...) walks the locale's UI languages ("de-CH", "de", ...).
    // Not translated into this language: English, with its plural forms.
    if (retake->load(locale, u"retake"_s, u"_"_s, u":/i18n"_s) ||
        retake->load(u"retake_en"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(retake);
        g_retake = retake;
    } else {
        delete retake;
    }
    auto *qt = new QTranslator(app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qt = qt;
    } else {
        delete qt;
    }
    QLocale::setDefault(locale);
    return locale;
}

} // namespace retake::ui
