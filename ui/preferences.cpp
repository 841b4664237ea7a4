#include "preferences.h"

#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake::ui {

Preferences Preferences::load()
{
    QSettings settings;
    Preferences p;
    settings.beginGroup(u"preferences"_s);
    p.overrideRetry = settings.value(u"overrideRetry"_s, p.overrideRetry).toBool();
    p.maxRetries = std::clamp(settings.value(u"maxRetries"_s, p.maxRetries).toInt(), 0, 10);
    p.baseDelayMs = std::clamp(settings.value(u"baseDelayMs"_s, p.baseDelayMs).toInt(), 10, 600000);
    p.diskReserveMb = std::clamp<qint64>(
        settings.value(u"diskReserveMb"_s, p.diskReserveMb).toLongLong(), 0, qint64(1024) * 1024);
    p.concurrencyCap =
        std::clamp(settings.value(u"concurrencyCap"_s, p.concurrencyCap).toInt(), 0, 256);
    p.confirmRun = settings.value(u"confirmRun"_s, p.confirmRun).toBool();
    p.runBudgetCap =
        std::clamp(settings.value(u"runBudgetCap"_s, p.runBudgetCap).toDouble(), 0.0, 1e9);
    p.debugLogging = settings.value(u"debugLogging"_s, p.debugLogging).toBool();
    p.desktopNotifications =
        settings.value(u"desktopNotifications"_s, p.desktopNotifications).toBool();
    p.language = settings.value(u"language"_s, p.language).toString();
    settings.endGroup();
    return p;
}

void Preferences::save() const
{
    QSettings settings;
    settings.beginGroup(u"preferences"_s);
    settings.setValue(u"overrideRetry"_s, overrideRetry);
    settings.setValue(u"maxRetries"_s, maxRetries);
    settings.setValue(u"baseDelayMs"_s, baseDelayMs);
    settings.setValue(u"diskReserveMb"_s, diskReserveMb);
    settings.setValue(u"concurrencyCap"_s, concurrencyCap);
    settings.setValue(u"confirmRun"_s, confirmRun);
    settings.setValue(u"runBudgetCap"_s, runBudgetCap);
    settings.setValue(u"debugLogging"_s, debugLogging);
    settings.setValue(u"desktopNotifications"_s, desktopNotifications);
    settings.setValue(u"language"_s, language);
    settings.endGroup();
}

void Preferences::applyTo(EngineOptions &options) const
{
    if (overrideRetry) {
        options.retry.maxRetries = maxRetries;
        options.retry.baseDelayMs = baseDelayMs;
    }
    options.diskReserveBytes = diskReserveMb * 1024 * 1024;
    options.concurrencyCap = concurrencyCap;
    options.debugLogging = debugLogging;
}

} // namespace retake::ui
