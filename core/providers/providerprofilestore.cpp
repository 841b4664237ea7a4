#include "providers/providerprofilestore.h"

#include "net/urlpolicy.h"
#include "project/profilereader.h"
#include "providers/localprovider.h"
#include "providers/providerfactory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QThread>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr qint64 kMaxFileBytes = qint64(4) * 1024 * 1024;
constexpr int kMaxConcurrency = 256;

QString at(const QString &location, const QString &field)
{
    return location + u'.' + field;
}

const QRegularExpression &idPattern()
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"_s);
    return pattern;
}

constexpr double kMaxTimeoutMs = 24.0 * 3600 * 1000;
constexpr double kMinDownloadBytes = 1024;
constexpr double kMaxDownloadBytes = 64.0 * 1024 * 1024 * 1024;
constexpr int kMaxRedirects = 20;

ProviderProfile builtinProfile()
{
    ProviderProfile profile;
    profile.id = QString::fromUtf16(kBuiltinProviderId);
    profile.kind = LocalProvider::kindName();
    profile.model = LocalProvider::defaultModel();
    profile.maxConcurrency = qBound(1, QThread::idealThreadCount(), 8);
    profile.origin = u"built in"_s;
    return profile;
}

} // namespace

QString ProviderProfileStore::fileFormat()
{
    return u"retake-providers/1"_s;
}

QString ProviderProfileStore::providersFileFor(const QString &storyboardPath)
{
    return QFileInfo(storyboardPath).absoluteDir().filePath(u"providers.json"_s);
}

std::optional<ProviderProfile> ProviderProfileStore::fromJson(const QJsonObject &object,
                                                              const QString &location,
                                                              const QString &baseDir,
                                                              QStringList *problems)
{
    const qsizetype before = problems->size();
    QStringList known{u"id"_s,          u"kind"_s,   u"model"_s, u"maxConcurrency"_s,
                      u"costPerUnit"_s, u"options"_s};
    known += ProfileReader::networkFieldNames();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()) && !ProfileReader::secretFieldNames().contains(it.key()))
            problems->append(at(location, it.key()) % u": unknown field"_s);
    }
    ProviderProfile profile;
    profile.origin = location;
    profile.id = object.value(u"id"_s).toString();
    if (!idPattern().match(profile.id).hasMatch())
        problems->append(at(location, u"id"_s) %
                         u": letters, digits, '-' and '_', at most 64 characters"_s);
    else if (profile.id.compare(QString::fromUtf16(kBuiltinProviderId), Qt::CaseInsensitive) == 0)
        problems->append(at(location, u"id"_s) % u": \"local\" is the built-in provider"_s);
    profile.kind = object.value(u"kind"_s).toString();
    if (!supportedProviderKinds().contains(profile.kind))
        problems->append(at(location, u"kind"_s) %
                         u": unknown kind \"%1\" (one of %2)"_s.arg(
                             profile.kind, supportedProviderKinds().join(u", "_s)));
    profile.model = object.value(u"model"_s).toString();
    if (object.contains(u"maxConcurrency"_s)) {
        const int limit = object.value(u"maxConcurrency"_s).toInt(0);
        if (limit < 1 || limit > kMaxConcurrency)
            problems->append(at(location, u"maxConcurrency"_s) % u": from 1 to 256"_s);
        profile.maxConcurrency = limit;
    }
    if (object.contains(u"costPerUnit"_s)) {
        profile.costPerUnit = object.value(u"costPerUnit"_s).toDouble(-1);
        if (profile.costPerUnit < 0)
            problems->append(at(location, u"costPerUnit"_s) % u": a number from 0"_s);
    }
    profile.options = object.value(u"options"_s).toObject().toVariantMap();
    for (const QString &option : {u"workflow"_s, u"videoWorkflow"_s}) {
        const QString path = profile.options.value(option).toString();
        if (!path.isEmpty() && QDir::isRelativePath(path) && !baseDir.isEmpty())
            profile.options.insert(option, QDir(baseDir).absoluteFilePath(path));
    }
    ProfileReader::readNetworkFields(object, location, &profile, problems);
    if (problems->size() != before)
        return std::nullopt;
    return profile;
}

QJsonObject ProviderProfileStore::toJson(const ProviderProfile &profile)
{
    QJsonObject object{{u"id"_s, profile.id},
                       {u"kind"_s, profile.kind},
                       {u"maxConcurrency"_s, profile.maxConcurrency}};
    if (!profile.model.isEmpty())
        object.insert(u"model"_s, profile.model);
    if (profile.costPerUnit > 0)
        object.insert(u"costPerUnit"_s, profile.costPerUnit);
    if (!profile.baseUrl.isEmpty())
        object.insert(u"baseUrl"_s, profile.baseUrl);
    if (!profile.endpoints.isEmpty()) {
        QJsonArray endpoints;
        for (const ProviderEndpoint &endpoint : profile.endpoints) {
            if (endpoint.maxConcurrency > 0)
                endpoints.append(QJsonObject{{u"baseUrl"_s, endpoint.baseUrl},
                                             {u"maxConcurrency"_s, endpoint.maxConcurrency}});
            else
                endpoints.append(endpoint.baseUrl);
        }
        object.insert(u"endpoints"_s, endpoints);
    }
    if (!profile.keyRef.isEmpty())
        object.insert(u"keyRef"_s, profile.keyRef);
    if (!profile.stages.isEmpty()) {
        QJsonArray stages;
        for (const Stage stage : profile.stages)
            stages.append(nameOf(stage));
        object.insert(u"stages"_s, stages);
    }
    const ProviderTimeouts defaults;
    const ProviderTimeouts &t = profile.timeouts;
    QJsonObject timeouts;
    auto put = [&](const QString &name, int value, int fallback) {
        if (value != fallback)
            timeouts.insert(name, value);
    };
    put(u"connectMs"_s, t.connectMs, defaults.connectMs);
    put(u"firstByteMs"_s, t.firstByteMs, defaults.firstByteMs);
    put(u"totalMs"_s, t.totalMs, defaults.totalMs);
    put(u"pollIntervalMs"_s, t.pollIntervalMs, defaults.pollIntervalMs);
    put(u"maxPollIntervalMs"_s, t.maxPollIntervalMs, defaults.maxPollIntervalMs);
    put(u"jobMs"_s, t.jobMs, defaults.jobMs);
    if (!timeouts.isEmpty())
        object.insert(u"timeouts"_s, timeouts);
    if (profile.maxDownloadBytes != ProviderProfile().maxDownloadBytes)
        object.insert(u"maxDownloadBytes"_s, double(profile.maxDownloadBytes));
    if (profile.maxRedirects != ProviderProfile().maxRedirects)
        object.insert(u"maxRedirects"_s, profile.maxRedirects);
    if (!profile.allowHttpHosts.isEmpty())
        object.insert(u"allowHttpHosts"_s, QJsonArray::fromStringList(profile.allowHttpHosts));
    if (profile.rateLimitPerMinute != ProviderProfile().rateLimitPerMinute)
        object.insert(u"rateLimit"_s, profile.rateLimitPerMinute);
    if (profile.maxWaitMs != ProviderProfile().maxWaitMs)
        object.insert(u"maxWaitMs"_s, profile.maxWaitMs);
    if (!profile.options.isEmpty())
        object.insert(u"options"_s, QJsonObject::fromVariantMap(profile.options));
    return object;
}

ProfileLoad ProviderProfileStore::loadFile(const QString &path)
{
    ProfileLoad load;
    const QFileInfo info(path); // exists() and isFile() follow symbolic links
    if (!info.exists())
        return load;
    const QString name = info.fileName();
    // A FIFO would block the open and a device may never end: neither is opened.
    if (!info.isFile()) {
        load.problems << name + u": not a regular file (a pipe, device or folder); save the "
                                u"profiles as an ordinary file or remove it"_s;
        return load;
    }
    const QString tooLarge = u"larger than the 4 MiB limit for provider profiles; remove the "
                             u"profiles this project does not use"_s;
    if (info.size() > kMaxFileBytes) {
        const double mebibytes = double(info.size()) / (1024.0 * 1024.0);
        load.problems << u"%1: %2 MiB, %3"_s.arg(name, QString::number(mebibytes, 'f', 1),
                                                 tooLarge);
        return load;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        load.problems << name + u": "_s + file.errorString();
        return load;
    }
    // The file may have grown since it was measured: never read past the limit.
    const QByteArray data = file.read(kMaxFileBytes + 1);
    if (data.size() > kMaxFileBytes) {
        load.problems << name + u": "_s + tooLarge;
        return load;
    }
    return loadJson(data, name, info.absolutePath());
}

ProfileLoad ProviderProfileStore::loadJson(const QByteArray &data, const QString &name,
                                           const QString &baseDir)
{
    ProfileLoad load;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        load.problems << u"%1: not a JSON object (%2 at byte %3)"_s.arg(name, error.errorString())
                             .arg(error.offset);
        return load;
    }
    const QJsonObject root = document.object();
    if (root.value(u"format"_s).toString() != fileFormat()) {
        load.problems << u"%1: \"format\" must be \"%2\""_s.arg(name, fileFormat());
        return load;
    }
    const QJsonArray providers = root.value(u"providers"_s).toArray();
    QSet<QString> ids;
    for (qsizetype i = 0; i < providers.size(); ++i) {
        const QString location = u"%1: providers[%2]"_s.arg(name).arg(i);
        const auto profile =
            fromJson(providers.at(i).toObject(), location, baseDir, &load.problems);
        if (!profile)
            continue;
        if (ids.contains(profile->id)) {
            load.problems << location + u".id: \"%1\" is defined twice"_s.arg(profile->id);
            continue;
        }
        ids.insert(profile->id);
        ProviderProfile found = *profile;
        found.origin = name;
        load.profiles << found;
    }
    return load;
}

ProfileLoad ProviderProfileStore::loadSettings(QSettings &settings)
{
    ProfileLoad load;
    settings.beginGroup(u"providers"_s);
    const QStringList ids = settings.childGroups();
    for (const QString &id : ids) {
        const QByteArray json = settings.value(id + u"/profile"_s).toByteArray();
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        QJsonObject withId = object;
        withId.insert(u"id"_s, id);
        const auto profile =
            fromJson(withId, u"settings: providers/"_s + id, QString(), &load.problems);
        if (profile) {
            ProviderProfile p = *profile;
            p.origin = u"user settings"_s;
            load.profiles << p;
        }
    }
    settings.endGroup();
    return load;
}

void ProviderProfileStore::saveToSettings(QSettings &settings, const ProviderProfile &profile)
{
    QJsonObject object = toJson(profile);
    object.remove(u"id"_s);
    settings.setValue(u"providers/"_s + profile.id + u"/profile"_s,
                      QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    settings.sync();
}

bool ProviderProfileStore::removeFromSettings(QSettings &settings, const QString &id)
{
    settings.beginGroup(u"providers"_s);
    const bool existed = settings.childGroups().contains(id);
    settings.remove(id);
    settings.endGroup();
    settings.sync();
    return existed;
}

std::unique_ptr<QSettings> ProviderProfileStore::userSettings()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope, u"Retake"_s,
                                       u"Retake"_s);
}

const ProfileEntry *ProfileCatalog::find(const QString &id, const QString &exceptUserId) const
{
    for (const ProfileEntry &entry : entries) {
        if (entry.source == ProfileSource::UserSettings && !exceptUserId.isEmpty() &&
            entry.profile.id.compare(exceptUserId, Qt::CaseInsensitive) == 0)
            continue;
        if (entry.profile.id.compare(id, Qt::CaseInsensitive) == 0)
            return &entry;
    }
    return nullptr;
}

QList<ProfileProblem> ProviderProfileStore::validate(const ProviderProfile &profile,
                                                     const ProfileCatalog &catalog,
                                                     const QString &replacedId)
{
    QList<ProfileProblem> problems;
    const auto add = [&problems](const QString &field, ProfileProblem::Code code,
                                 const QString &detail = {}) {
        ProfileProblem problem;
        problem.field = field;
        problem.code = code;
        problem.detail = detail;
        problems.append(problem);
    };
    const auto range = [&problems](const QString &field, double value, double minimum,
                                   double maximum) {
        if (value >= minimum && value <= maximum)
            return;
        ProfileProblem problem;
        problem.field = field;
        problem.code = ProfileProblem::Code::OutOfRange;
        problem.minimum = minimum;
        problem.maximum = maximum;
        problems.append(problem);
    };

    if (profile.id.trimmed().isEmpty()) {
        add(u"id"_s, ProfileProblem::Code::Missing);
    } else if (!idPattern().match(profile.id).hasMatch()) {
        add(u"id"_s, ProfileProblem::Code::BadId);
    } else if (profile.id.compare(QString::fromUtf16(kBuiltinProviderId), Qt::CaseInsensitive) ==
               0) {
        add(u"id"_s, ProfileProblem::Code::ReservedId);
    } else if (profile.id != replacedId) {
        // A new id, or a rename: it must not be defined anywhere yet. (An edit that keeps
        // the id is no new duplicate, even when a storyboard happens to use the same id.)
        if (const ProfileEntry *other = catalog.find(profile.id, replacedId)) {
            add(u"id"_s, ProfileProblem::Code::DuplicateId, other->location);
            problems.last().source = other->source;
        }
    }

    if (profile.kind.isEmpty())
        add(u"kind"_s, ProfileProblem::Code::Missing);
    else if (!supportedProviderKinds().contains(profile.kind))
        add(u"kind"_s, ProfileProblem::Code::UnknownKind, supportedProviderKinds().join(u", "_s));

    const auto checkUrl = [&](const QString &field, const QString &text) {
        const QUrl url(text, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
            add(field, ProfileProblem::Code::BadUrl);
        } else if (!url.userInfo().isEmpty()) {
            add(field, ProfileProblem::Code::CredentialsInUrl);
        } else if (!UrlPolicy(profile.allowHttpHosts).allows(url)) {
            add(field, ProfileProblem::Code::PlainHttp, url.host().toLower());
        }
    };
    if (!profile.baseUrl.isEmpty())
        checkUrl(u"baseUrl"_s, profile.baseUrl);
    for (const ProviderEndpoint &endpoint : profile.endpoints) {
        checkUrl(u"endpoints"_s, endpoint.baseUrl);
        if (endpoint.maxConcurrency != 0)
            range(u"endpoints.maxConcurrency"_s, endpoint.maxConcurrency, 1, kMaxConcurrency);
    }
    if (!profile.keyRef.isEmpty() &&
        !ProfileReader::keyRefPattern().match(profile.keyRef).hasMatch())
        add(u"keyRef"_s, ProfileProblem::Code::BadKeyRef);
    for (const QString &host : profile.allowHttpHosts) {
        if (host.trimmed().isEmpty() || host.contains(u'/') || host.contains(u' '))
            add(u"allowHttpHosts"_s, ProfileProblem::Code::BadHost, host);
    }

    range(u"maxConcurrency"_s, profile.maxConcurrency, 1, kMaxConcurrency);
    range(u"costPerUnit"_s, profile.costPerUnit, 0, 1e9);
    const ProviderTimeouts &t = profile.timeouts;
    range(u"timeouts.connectMs"_s, t.connectMs, 0, kMaxTimeoutMs);
    range(u"timeouts.firstByteMs"_s, t.firstByteMs, 0, kMaxTimeoutMs);
    range(u"timeouts.totalMs"_s, t.totalMs, 0, kMaxTimeoutMs);
    range(u"timeouts.pollIntervalMs"_s, t.pollIntervalMs, 1, kMaxTimeoutMs);
    range(u"timeouts.maxPollIntervalMs"_s, t.maxPollIntervalMs, 0, kMaxTimeoutMs);
    range(u"timeouts.jobMs"_s, t.jobMs, 0, kMaxTimeoutMs);
    range(u"maxDownloadBytes"_s, double(profile.maxDownloadBytes), kMinDownloadBytes,
          kMaxDownloadBytes);
    range(u"maxRedirects"_s, profile.maxRedirects, 0, kMaxRedirects);
    range(u"rateLimit"_s, profile.rateLimitPerMinute, 0, 1e6);
    range(u"maxWaitMs"_s, profile.maxWaitMs, 0, 3600 * 1000);
    return problems;
}

QList<ProfileProblem> ProviderProfileStore::saveUserProfile(QSettings &settings,
                                                            const ProviderProfile &profile,
                                                            const ProfileCatalog &catalog,
                                                            const QString &replacedId)
{
    QList<ProfileProblem> problems = validate(profile, catalog, replacedId);
    if (!problems.isEmpty())
        return problems;
    if (!replacedId.isEmpty() && replacedId != profile.id)
        removeFromSettings(settings, replacedId);
    saveToSettings(settings, profile);
    if (settings.status() != QSettings::NoError) {
        ProfileProblem problem;
        problem.code = ProfileProblem::Code::NotSaved;
        problem.detail = settings.fileName();
        return {problem};
    }
    return {};
}

QString ProviderProfileStore::keyNameOf(const ProviderProfile &profile)
{
    const QString ref = profile.keyRef.trimmed();
    return ref.isEmpty() ? profile.id : ref;
}

ProfileLoad ProviderProfileStore::loadExternal(const QString &storyboardPath, QSettings &settings)
{
    ProfileLoad result;
    ProfileLoad file;
    if (!storyboardPath.isEmpty() && !storyboardPath.endsWith(u".csv"_s, Qt::CaseInsensitive))
        file = loadFile(providersFileFor(storyboardPath));
    const ProfileLoad user = loadSettings(settings);
    result.profiles = merge({file.profiles, user.profiles});
    result.problems = file.problems + user.problems;
    return result;
}

StoryboardLoad ProviderProfileStore::loadStoryboard(const QString &path, QSettings &settings)
{
    StoryboardLoad load;
    const ProfileLoad external = loadExternal(path, settings);
    load.profileProblems = external.problems;
    QStringList ids;
    for (const ProviderProfile &profile : external.profiles)
        ids << profile.id;
    load.result = StoryboardLoader::loadFile(path, ids);
    if (load.result.project) {
        load.storyboardProfiles = load.result.project->providers;
        load.result.project->providers = merge({load.storyboardProfiles, external.profiles});
    }
    return load;
}

ProfileCatalog ProviderProfileStore::catalog(const QString &storyboardPath,
                                             const QList<ProviderProfile> &storyboardProfiles,
                                             QSettings &settings)
{
    ProfileCatalog catalog;
    // Case-folded id -> the location of its first definition (what catalog.find() finds,
    // without searching every entry for every entry).
    QHash<QString, QString> firstLocation;
    const auto add = [&catalog, &firstLocation](const ProviderProfile &profile,
                                                ProfileSource source, const QString &location) {
        ProfileEntry entry;
        entry.profile = profile;
        entry.source = source;
        entry.location = location;
        const auto first = firstLocation.constFind(profile.id.toCaseFolded());
        if (first != firstLocation.constEnd())
            entry.shadowedBy = *first;
        else
            firstLocation.insert(profile.id.toCaseFolded(), location);
        catalog.entries.append(entry);
    };
    add(builtinProfile(), ProfileSource::BuiltIn, QString());
    const QString storyboard =
        storyboardPath.isEmpty() ? QString() : QFileInfo(storyboardPath).absoluteFilePath();
    for (const ProviderProfile &profile : storyboardProfiles)
        add(profile, ProfileSource::Storyboard, storyboard);
    if (!storyboard.isEmpty() && !storyboard.endsWith(u".csv"_s, Qt::CaseInsensitive)) {
        const QString path = providersFileFor(storyboard);
        const ProfileLoad file = loadFile(path);
        for (const ProviderProfile &profile : file.profiles)
            add(profile, ProfileSource::ProvidersFile, path);
        catalog.problems += file.problems;
    }
    const ProfileLoad user = loadSettings(settings);
    for (const ProviderProfile &profile : user.profiles)
        add(profile, ProfileSource::UserSettings, settings.fileName());
    catalog.problems += user.problems;
    return catalog;
}

QList<ProviderProfile> ProviderProfileStore::merge(const QList<QList<ProviderProfile>> &sources)
{
    QList<ProviderProfile> merged;
    // Case-folded ids: a set keeps this linear in the number of profiles.
    QSet<QString> ids{QString::fromUtf16(kBuiltinProviderId).toCaseFolded()};
    for (const QList<ProviderProfile> &source : sources) {
        for (const ProviderProfile &profile : source) {
            const QString folded = profile.id.toCaseFolded();
            if (ids.contains(folded))
                continue;
            ids.insert(folded);
            merged << profile;
        }
    }
    return merged;
}

} // namespace retake
