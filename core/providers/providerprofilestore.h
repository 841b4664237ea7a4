// Provider profiles outside the storyboard (docs/ARCHITECTURE.md, "Providers"): the user's own,
// kept in the settings (QSettings group "providers", one group per id), and a project's
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

#include "domain/project.h"
#include "project/storyboardloader.h"

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

// A storyboard opened with every profile it can use (what the GUI and the CLI run).
struct StoryboardLoad {
    LoadResult result; // its project's providers: its own, then the external ones
    QList<ProviderProfile> storyboardProfiles; // the storyboard's own
    QStringList profileProblems;               // of providers.json and the settings
};

// Where a profile is defined, in the order the definitions win.
enum class ProfileSource { BuiltIn, Storyboard, ProvidersFile, UserSettings };

// What is wrong with a profile a user typed in, for a form: the field (its JSON name,
// e.g. "baseUrl" or "timeouts.connectMs"), a code the GUI words in the user's language,
// and the values the message needs. Kept apart from any wording (CONVENTIONS).
struct ProfileProblem {
    enum class Code {
        Missing,          // the field is required (id, kind)
        BadId,            // not letters, digits, '-' and '_', or longer than 64
        ReservedId,       // "local" is the built-in provider
        DuplicateId,      // `source` and `detail` (its location): where the id is defined
        UnknownKind,      // `detail`: the kinds Retake knows, comma-separated
        BadUrl,           // not an http or https URL with a host
        CredentialsInUrl, // user name or password in the URL
        PlainHttp,        // `detail`: the host that is neither loopback nor allowed
        BadKeyRef,        // not a key name
        BadHost,          // `detail`: an entry of allowHttpHosts that is not a host name
        OutOfRange,       // a number outside [minimum, maximum]
        NotSaved,         // the settings could not be written; `detail`: their file
    };
    QString field;
    Code code = Code::Missing;
    QString detail;
    ProfileSource source = ProfileSource::UserSettings;
    double minimum = 0;
    double maximum = 0;
};

struct ProfileEntry {
    ProviderProfile profile;
    ProfileSource source = ProfileSource::UserSettings;
    QString location; // the storyboard, providers.json or the settings file (full path)
    // Empty while this definition is the one used; else the location of the definition
    // of the same id that wins over it.
    QString shadowedBy;
    bool isEditable() const { return source == ProfileSource::UserSettings; }
};

// Every profile a storyboard can use, with where each comes from.
struct ProfileCatalog {
    QList<ProfileEntry> entries; // built-in, storyboard, providers.json, user settings
    QStringList problems;        // of providers.json and the settings, "location: message"
    // The first definition of `id` (case-insensitively), skipping the user's profile
    // `exceptUserId` (the one being edited); nullptr when there is none.
    const ProfileEntry *find(const QString &id, const QString &exceptUserId = {}) const;
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
    static QJsonObject toJson(const ProviderProfile &profile);

    // providers.json; a missing file is no problem (and no profiles).
    static ProfileLoad loadFile(const QString &path);
    // The contents of a providers.json already read (at most 4 MiB): `name` names it in
    // problems, relative paths in options resolve against `baseDir`. Reads no file.
    static ProfileLoad loadJson(const QByteArray &data, const QString &name,
                                const QString &baseDir);
    static ProfileLoad loadSettings(QSettings &settings);
    static void saveToSettings(QSettings &settings, const ProviderProfile &profile);
    static bool removeFromSettings(QSettings &settings, const QString &id);
    // The settings the application uses for user profiles (organization "Retake").
    static std::unique_ptr<QSettings> userSettings();

    // Checks a profile the user entered: every rule fromJson() applies, plus plain http
    // only to loopback or to the profile's allowHttpHosts, and a new id (or a renamed one)
    // that `catalog` does not define yet (`replacedId`: the user's profile being edited).
    static QList<ProfileProblem> validate(const ProviderProfile &profile,
                                          const ProfileCatalog &catalog,
                                          const QString &replacedId = {});
    // Validates and, when there is no problem, saves `profile` in the user's settings;
    // an edit that renames the profile removes `replacedId`. Nothing is saved on a problem.
    static QList<ProfileProblem> saveUserProfile(QSettings &settings,
                                                 const ProviderProfile &profile,
                                                 const ProfileCatalog &catalog,
                                                 const QString &replacedId = {});

    // The name of a profile's API key: its keyRef, or its id when it has none.
    static QString keyNameOf(const ProviderProfile &profile);

    // Profiles known besides a storyboard's own: providers.json beside `storyboardPath`
    // (none for a CSV or an empty path), then the user's `settings`.
    static ProfileLoad loadExternal(const QString &storyboardPath, QSettings &settings);
    // Loads the storyboard at `path` (JSON or CSV) knowing the external profiles, and
    // merges them into its project after its own. Reads files: off the GUI thread.
    static StoryboardLoad loadStoryboard(const QString &path, QSettings &settings);
    // The built-in provider, the storyboard's own profiles (`storyboardProfiles`, from the
    // storyboard at `storyboardPath`), providers.json beside it and the user's `settings`,
    // each marked with its source and whether a definition before it hides it. Reads
    // files: call it off the GUI thread.
    static ProfileCatalog catalog(const QString &storyboardPath,
                                  const QList<ProviderProfile> &storyboardProfiles,
                                  QSettings &settings);

    // First definition of each id wins; "local" is never replaced.
    static QList<ProviderProfile> merge(const QList<QList<ProviderProfile>> &sources);
};

} // namespace retake
