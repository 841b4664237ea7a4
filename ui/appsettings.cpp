#include "appsettings.h"

#include "providers/providerprofilestore.h"

#include <QCoreApplication>
#include <QSettings>

#include <memory>

using namespace Qt::StringLiterals;

namespace retake::ui::AppSettings {

namespace {
const QString kMigratedKey = u"settings/migratedFrom"_s;
} // namespace

void useSharedFile()
{
    {
        const std::unique_ptr<QSettings> shared = ProviderProfileStore::userSettings();
        QCoreApplication::setOrganizationName(shared->organizationName());
        QCoreApplication::setApplicationName(shared->applicationName());
    }
    QSettings settings;
    const QSettings legacy(QSettings::NativeFormat, QSettings::UserScope,
                           QCoreApplication::organizationName(),
                           QString::fromUtf16(kLegacyApplication));
    migrateOnce(settings, legacy);
}

int migrateOnce(QSettings &settings, const QSettings &legacy)
{
    if (settings.fileName() == legacy.fileName() ||
        settings.value(kMigratedKey).toString() == legacy.fileName())
        return 0;
    int copied = 0;
    for (const QString &key : legacy.allKeys()) {
        if (settings.contains(key))
            continue; // the shared file's own value wins (a profile saved there since)
        settings.setValue(key, legacy.value(key));
        ++copied;
    }
    settings.setValue(kMigratedKey, legacy.fileName());
    settings.sync();
    return copied;
}

} // namespace retake::ui::AppSettings
