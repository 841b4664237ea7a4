// Provider profiles outside the storyboard (DESIGN §5): the user's own, kept in the
// settings (QSettings group "providers", one group per id), and a project's
// providers.json beside the storyboard ({"format": "retake-providers/1", "providers":
// [...]}). A storyboard's own "providerProfiles" come first, then providers.json, then
// the user's settings: the first definition of an id wins.
//
// Profile JSON: {"id", "kind", "model", "baseUrl", "keyRef", "maxConcurrency",
// "costPerUnit", "stages": ["image", "video"], "timeouts": {"connectMs", "firstByteMs",
// "totalMs", "pollIntervalMs", "maxPollIntervalMs", "jobMs"}, "maxDownloadBytes",
// "maxRedirects", "allowHttpHosts": [...], "options": {...}}. API keys are refused: they
// belong in the keychain or RETAKE_KEY_<ID>.
#pragma once

#include "project/project.h"

#include <QJsonObject>

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

class QSettings;

namespace retake {

struct ProfileLoad {
    QList<ProviderProfile> profiles;
    QStringList problems; // "location: message"; profiles with a problem are left out
    bool ok() const { return problems.isEmpty(); }
};

class ProviderProfileStore final
{
public:
    ProviderProfileStore() = delete;

    static QString fileFormat(); // "retake-providers/1"
    // "<dir of the storyboard>/providers.json"
    static QString providersFileFor(const QString &storyboardPath);

    // One profile from JSON; `location` names it in problems, relative paths in options
    // ("workflow", "videoWorkflow") resolve against `baseDir`.
    static std::optional<ProviderProfile> fromJson(const QJsonObject &object,
                                                   const QString &location, const QString &baseDir,
                                                   QStringList *problems);
    // The network fields of a profile (baseUrl, keyRef, stages, timeouts, limits, hosts,
    // refused key fields); shared with the storyboard loader. Adds to `problems`.
    static void readNetworkFields(const QJsonObject &object, const QString &location,
                                  ProviderProfile *profile, QStringList *problems);
    static QStringList networkFieldNames();
    static QJsonObject toJson(const ProviderProfile &profile);

    // providers.json; a missing file is no problem (and no profiles).
    static ProfileLoad loadFile(const QString &path);
    static ProfileLoad loadSettings(QSettings &settings);
    static void saveToSettings(QSettings &settings, const ProviderProfile &profile);
    static bool removeFromSettings(QSettings &settings, const QString &id);
    // The settings the application uses for user profiles (organization "Retake").
    static std::unique_ptr<QSettings> userSettings();

    // First definition of each id wins; "local" is never replaced.
    static QList<ProviderProfile> merge(const QList<QList<ProviderProfile>> &sources);
};

} // namespace retake
