// Provider profiles outside the storyboard and the network fields inside it: JSON
// reading and validation (keys refused), providers.json beside the storyboard, the
// user's settings, the merge order, and `retake-cli providers list|test`.
#include "project/storyboardloader.h"
#include "providers/apikeystore.h"
#include "providers/providerprofilestore.h"
#include "providertestkit.h"
#include "simserver.h"
#include "testprinters.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <future>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

void writeJson(const QString &path, const QJsonObject &object)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(object).toJson());
}

QJsonObject storyboard(const QStringList &imageProviders, const QJsonArray &profiles = {})
{
    return {
        {u"format"_s, u"retake-project/1"_s},
        {u"providers"_s, QJsonObject{{u"image"_s, QJsonArray::fromStringList(imageProviders)}}},
        {u"providerProfiles"_s, profiles},
        {u"scenes"_s, QJsonArray{QJsonObject{
                          {u"id"_s, u"s01"_s},
                          {u"shots"_s, QJsonArray{QJsonObject{{u"id"_s, u"s01-sh01"_s},
                                                              {u"prompt"_s, u"a red door"_s}}}}}}}};
}

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestProviderProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void fullProfileFromJson()
    {
        QStringList problems;
        const QJsonObject json =
            QJsonDocument::fromJson(
                "{"
                "\"id\": \"studio\", \"kind\": \"comfyui\", \"model\": \"sdxl.safetensors\","
                "\"baseUrl\": \"http://gpu-box.lan:8188\", \"keyRef\": \"studio-proxy\","
                "\"maxConcurrency\": 2, \"costPerUnit\": 0.5, \"stages\": [\"image\"],"
                "\"timeouts\": {\"connectMs\": 5000, \"firstByteMs\": 60000, \"totalMs\": 90000,"
                "\"pollIntervalMs\": 500, \"maxPollIntervalMs\": 4000, \"jobMs\": 600000},"
                "\"maxDownloadBytes\": 104857600, \"maxRedirects\": 1,"
                "\"rateLimit\": 90, \"maxWaitMs\": 20000,"
                "\"allowHttpHosts\": [\"GPU-BOX.lan\"], \"options\": {\"workflow\": "
                "\"flows/txt2img.json\"}"
                "}")
                .object();
        const auto profile =
            ProviderProfileStore::fromJson(json, u"p"_s, u"/projects/a"_s, &problems);
        QVERIFY2(profile, qPrintable(problems.join(u'\n')));
        QCOMPARE(profile->baseUrl, u"http://gpu-box.lan:8188"_s);
        QCOMPARE(profile->keyRef, u"studio-proxy"_s);
        QCOMPARE(profile->stages, QList<Stage>{Stage::Image});
        QCOMPARE(profile->timeouts.connectMs, 5000);
        QCOMPARE(profile->timeouts.pollIntervalMs, 500);
        QCOMPARE(profile->timeouts.jobMs, 600000);
        QCOMPARE(profile->maxDownloadBytes, 104857600);
        QCOMPARE(profile->maxRedirects, 1);
        QCOMPARE(profile->rateLimitPerMinute, 90.0);
        QCOMPARE(profile->maxWaitMs, 20000);
        QCOMPARE(profile->allowHttpHosts, QStringList{u"gpu-box.lan"_s});
        QCOMPARE(profile->options.value(u"workflow"_s).toString(),
                 u"/projects/a/flows/txt2img.json"_s);
        // And back.
        const QJsonObject back = ProviderProfileStore::toJson(*profile);
        QStringList again;
        const auto reread = ProviderProfileStore::fromJson(back, u"p"_s, {}, &again);
        QVERIFY2(reread, qPrintable(again.join(u'\n')));
        QCOMPARE(reread->timeouts.firstByteMs, 60000);
        QCOMPARE(reread->stages, profile->stages);
        QCOMPARE(reread->rateLimitPerMinute, 90.0);
        QCOMPARE(reread->maxWaitMs, 20000);
    }

    void badProfilesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem");
        QTest::newRow("key in the file")
            << QByteArray("{\"id\": \"a\", \"kind\": \"openai-images\", \"apiKey\": \"sk-123\"}")
            << u"p.apiKey: API keys never go into profiles"_s;
        QTest::newRow("ftp URL")
            << QByteArray("{\"id\": \"a\", \"kind\": \"fal\", \"baseUrl\": \"ftp://x\"}")
            << u"p.baseUrl: expected an http or https URL"_s;
        QTest::newRow("password in URL")
            << QByteArray("{\"id\": \"a\", \"kind\": \"a1111\", \"baseUrl\": \"http://u:p@h:1\"}")
            << u"p.baseUrl: a URL with a user name or password"_s;
        QTest::newRow("unknown stage")
            << QByteArray("{\"id\": \"a\", \"kind\": \"fal\", \"stages\": [\"audio\"]}")
            << u"p.stages: unknown stage \"audio\""_s;
        QTest::newRow("unknown timeout")
            << QByteArray("{\"id\": \"a\", \"kind\": \"fal\", \"timeouts\": {\"readMs\": 5}}")
            << u"p.timeouts.readMs: unknown timeout"_s;
        QTest::newRow("negative rate")
            << QByteArray("{\"id\": \"a\", \"kind\": \"fal\", \"rateLimit\": -3}")
            << u"p.rateLimit: requests per minute"_s;
        QTest::newRow("wait as text")
            << QByteArray("{\"id\": \"a\", \"kind\": \"fal\", \"maxWaitMs\": \"1m\"}")
            << u"p.maxWaitMs: milliseconds"_s;
        QTest::newRow("unknown kind") << QByteArray("{\"id\": \"a\", \"kind\": \"midjourney\"}")
                                      << u"p.kind: unknown kind \"midjourney\""_s;
        QTest::newRow("reserved id") << QByteArray("{\"id\": \"local\", \"kind\": \"fal\"}")
                                     << u"p.id: \"local\" is the built-in provider"_s;
    }
    void badProfilesAreNamed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        QStringList problems;
        const auto profile = ProviderProfileStore::fromJson(QJsonDocument::fromJson(json).object(),
                                                            u"p"_s, {}, &problems);
        QVERIFY(!profile);
        QVERIFY2(problems.join(u'\n').contains(problem), qPrintable(problems.join(u'\n')));
    }

    void providersFileAndSettingsMerge()
    {
        QTemporaryDir dir;
        const QString storyboardPath = dir.filePath(u"film.retake.json"_s);
        QCOMPARE(ProviderProfileStore::providersFileFor(storyboardPath),
                 dir.filePath(u"providers.json"_s));
        writeJson(
            dir.filePath(u"providers.json"_s),
            {{u"format"_s, u"retake-providers/1"_s},
             {u"providers"_s, QJsonArray{QJsonObject{{u"id"_s, u"studio"_s},
                                                     {u"kind"_s, u"comfyui"_s},
                                                     {u"baseUrl"_s, u"http://127.0.0.1:8188"_s}},
                                         QJsonObject{{u"id"_s, u"cloud"_s},
                                                     {u"kind"_s, u"fal"_s},
                                                     {u"model"_s, u"fal-ai/flux/dev"_s}}}}});
        const ProfileLoad file = ProviderProfileStore::loadFile(dir.filePath(u"providers.json"_s));
        QVERIFY2(file.ok(), qPrintable(file.problems.join(u'\n')));
        QCOMPARE(file.profiles.size(), 2);

        QSettings settings(dir.filePath(u"user.ini"_s), QSettings::IniFormat);
        ProviderProfile user;
        user.id = u"cloud"_s; // also in providers.json: the project's file wins
        user.kind = u"replicate"_s;
        ProviderProfileStore::saveToSettings(settings, user);
        user.id = u"openai"_s;
        user.kind = u"openai-images"_s;
        user.keyRef = u"work-openai"_s;
        user.timeouts.totalMs = 123000;
        ProviderProfileStore::saveToSettings(settings, user);
        const ProfileLoad fromSettings = ProviderProfileStore::loadSettings(settings);
        QVERIFY2(fromSettings.ok(), qPrintable(fromSettings.problems.join(u'\n')));
        QCOMPARE(fromSettings.profiles.size(), 2);

        ProviderProfile own;
        own.id = u"studio"_s;
        own.kind = u"a1111"_s;
        const QList<ProviderProfile> merged =
            ProviderProfileStore::merge({{own}, file.profiles, fromSettings.profiles});
        QCOMPARE(merged.size(), 3);
        QCOMPARE(merged.at(0).kind, u"a1111"_s); // the storyboard's own
        QCOMPARE(merged.at(1).kind, u"fal"_s);   // providers.json over the settings
        QCOMPARE(merged.at(2).id, u"openai"_s);
        QCOMPARE(merged.at(2).keyRef, u"work-openai"_s);
        QCOMPARE(merged.at(2).timeouts.totalMs, 123000);
        QVERIFY(ProviderProfileStore::removeFromSettings(settings, u"openai"_s));
        QCOMPARE(ProviderProfileStore::loadSettings(settings).profiles.size(), 1);
        // Keys are never in the settings file.
        QFile ini(dir.filePath(u"user.ini"_s));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains("apiKey"));
    }

    void specialProvidersFilesAreRefused()
    {
        // Given providers.json as a link to an endless device, and as a FIFO
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"providers.json"_s);
        const QString refused = u"providers.json: not a regular file (a pipe, device or folder); "
                                u"save the profiles as an ordinary file or remove it"_s;
        if (QFileInfo::exists(u"/dev/zero"_s)) {
            QVERIFY(QFile::link(u"/dev/zero"_s, path));
            // When it is loaded, then it is refused unread (it was read until bad_alloc).
            QCOMPARE(ProviderProfileStore::loadFile(path).problems, QStringList{refused});
            QVERIFY(QFile::remove(path));
        }
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
        // (On a thread: opening a FIFO for reading waits for a writer.)
        std::packaged_task<ProfileLoad()> load(
            [path] { return ProviderProfileStore::loadFile(path); });
        std::future<ProfileLoad> loaded = load.get_future();
        std::thread thread(std::move(load));
        const bool hung = loaded.wait_for(std::chrono::seconds(5)) != std::future_status::ready;
        if (hung) {
            // A writer that closes at once ends the wait, so the test can end.
            const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
        }
        thread.join();
        QVERIFY2(!hung, "loading a FIFO as providers.json waited for a writer");
        QCOMPARE(loaded.get().problems, QStringList{refused});
    }

    void oversizedProvidersFileIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"providers.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(5ll * 1024 * 1024));
        file.close();
        QCOMPARE(
            ProviderProfileStore::loadFile(path).problems,
            QStringList{u"providers.json: 5.0 MiB, larger than the 4 MiB limit for "
                        u"provider profiles; remove the profiles this project does not use"_s});
    }

    void manyProfilesLoadInLinearTime()
    {
        // Given a providers.json of 50,000 profiles, one id of them defined twice
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const int count = 50000;
        QJsonArray providers;
        for (int i = 0; i < count; ++i)
            providers.append(QJsonObject{{u"id"_s, u"p%1"_s.arg(i)}, {u"kind"_s, u"fal"_s}});
        providers.append(QJsonObject{{u"id"_s, u"p7"_s}, {u"kind"_s, u"fal"_s}});
        const QString path = dir.filePath(u"providers.json"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(QJsonObject{{u"format"_s, u"retake-providers/1"_s},
                                                 {u"providers"_s, providers}})
                           .toJson(QJsonDocument::Compact));
        }

        // When it is loaded and merged, as the CLI and the GUI do
        QElapsedTimer timer;
        timer.start();
        const ProfileLoad load = ProviderProfileStore::loadFile(path);
        const QList<ProviderProfile> merged = ProviderProfileStore::merge({{}, load.profiles});
        QSettings settings(dir.filePath(u"user.ini"_s), QSettings::IniFormat);
        const ProfileCatalog catalog =
            ProviderProfileStore::catalog(dir.filePath(u"film.retake.json"_s), {}, settings);
        const qint64 elapsedMs = timer.elapsed();

        // Then the duplicate is named as before. How long it takes is a figure, not a
        // threshold (timings flake on a loaded machine): 62 s with the old quadratic
        // duplicate checks, about 2 s now on the development VM.
        QCOMPARE(load.problems, QStringList{u"providers.json: providers[%1].id: \"p7\" is "
                                            u"defined twice"_s.arg(count)});
        QCOMPARE(load.profiles.size(), count);
        QCOMPARE(merged.size(), count);
        QCOMPARE(catalog.entries.size(), count + 1);
        qInfo("50,000 profiles loaded, merged and listed in %lld ms", elapsedMs);
    }

    void storyboardReadsNetworkFields()
    {
        const QJsonObject json = storyboard(
            {u"studio"_s, u"backup"_s},
            QJsonArray{QJsonObject{{u"id"_s, u"studio"_s},
                                   {u"kind"_s, u"comfyui"_s},
                                   {u"baseUrl"_s, u"http://127.0.0.1:8188"_s},
                                   {u"stages"_s, QJsonArray{u"image"_s, u"video"_s}},
                                   {u"timeouts"_s, QJsonObject{{u"firstByteMs"_s, 30000}}},
                                   {u"options"_s, QJsonObject{{u"workflow"_s, u"wf.json"_s}}}}});
        // "backup" comes from the user's profiles.
        const LoadResult loaded = StoryboardLoader::loadJson(QJsonDocument(json).toJson(),
                                                             u"film.retake.json"_s, {u"backup"_s});
        QVERIFY2(loaded.ok(), qPrintable(loaded.issueStrings().join(u'\n')));
        const ProviderProfile *studio = loaded.project->provider(u"studio"_s);
        QVERIFY(studio);
        QCOMPARE(studio->baseUrl, u"http://127.0.0.1:8188"_s);
        QCOMPARE(studio->timeouts.firstByteMs, 30000);
        QCOMPARE(studio->stages.size(), 2);

        QJsonObject withKey =
            storyboard({u"cloud"_s}, QJsonArray{QJsonObject{{u"id"_s, u"cloud"_s},
                                                            {u"kind"_s, u"openai-images"_s},
                                                            {u"apiKey"_s, u"sk-live-123"_s}}});
        const LoadResult refused =
            StoryboardLoader::loadJson(QJsonDocument(withKey).toJson(), u"f"_s);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.issueStrings().join(u'\n').contains(
                     u"providerProfiles[0].apiKey: API keys never go into profiles"_s),
                 qPrintable(refused.issueStrings().join(u'\n')));
    }

    void storyboardFileResolvesWorkflowPaths()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"film.retake.json"_s);
        writeJson(path,
                  storyboard({u"studio"_s},
                             QJsonArray{QJsonObject{
                                 {u"id"_s, u"studio"_s},
                                 {u"kind"_s, u"comfyui"_s},
                                 {u"options"_s, QJsonObject{{u"workflow"_s, u"wf.json"_s}}}}}));
        const LoadResult loaded = StoryboardLoader::loadFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.issueStrings().join(u'\n')));
        QCOMPARE(loaded.project->providers.first().options.value(u"workflow"_s).toString(),
                 dir.filePath(u"wf.json"_s));
    }

    void catalogMarksSourcesAndHiddenDefinitions()
    {
        // Given "studio" in the storyboard, in providers.json and in the settings
        QTemporaryDir dir;
        const QString film = dir.filePath(u"film.retake.json"_s);
        writeJson(dir.filePath(u"providers.json"_s),
                  {{u"format"_s, u"retake-providers/1"_s},
                   {u"providers"_s,
                    QJsonArray{QJsonObject{{u"id"_s, u"studio"_s}, {u"kind"_s, u"comfyui"_s}},
                               QJsonObject{{u"id"_s, u"farm"_s}, {u"kind"_s, u"a1111"_s}}}}});
        QSettings settings(dir.filePath(u"user.conf"_s), QSettings::IniFormat);
        ProviderProfile user;
        user.id = u"studio"_s;
        user.kind = u"fal"_s;
        ProviderProfileStore::saveToSettings(settings, user);
        ProviderProfile own;
        own.id = u"studio"_s;
        own.kind = u"local"_s;

        const ProfileCatalog catalog = ProviderProfileStore::catalog(film, {own}, settings);

        // Then every definition is listed in merge order; later ones are marked hidden
        QCOMPARE(catalog.entries.size(), 5);
        QCOMPARE(catalog.entries.at(0).source, ProfileSource::BuiltIn);
        QCOMPARE(catalog.entries.at(0).profile.id, u"local"_s);
        QCOMPARE(catalog.entries.at(1).source, ProfileSource::Storyboard);
        QCOMPARE(catalog.entries.at(1).location, QFileInfo(film).absoluteFilePath());
        QVERIFY(catalog.entries.at(1).shadowedBy.isEmpty());
        QCOMPARE(catalog.entries.at(2).source, ProfileSource::ProvidersFile);
        QCOMPARE(catalog.entries.at(2).shadowedBy, QFileInfo(film).absoluteFilePath());
        QCOMPARE(catalog.entries.at(3).profile.id, u"farm"_s);
        QVERIFY(catalog.entries.at(3).shadowedBy.isEmpty());
        QCOMPARE(catalog.entries.at(4).source, ProfileSource::UserSettings);
        QVERIFY(catalog.entries.at(4).isEditable());
        QVERIFY(!catalog.entries.at(4).shadowedBy.isEmpty());
        QCOMPARE(catalog.find(u"FARM"_s)->source, ProfileSource::ProvidersFile);

        // And the storyboard opened with them knows the external ids, its own first
        writeJson(film, storyboard({u"farm"_s}, QJsonArray{QJsonObject{{u"id"_s, u"studio"_s},
                                                                       {u"kind"_s, u"local"_s}}}));
        const StoryboardLoad load = ProviderProfileStore::loadStoryboard(film, settings);
        QVERIFY2(load.result.ok(), qPrintable(load.result.issueStrings().join(u'\n')));
        QCOMPARE(load.storyboardProfiles.size(), 1);
        QStringList ids;
        for (const ProviderProfile &profile : load.result.project->providers)
            ids << profile.id + u':' + profile.kind;
        QCOMPARE(ids, (QStringList{u"studio:local"_s, u"farm:a1111"_s}));
    }

    void validateNamesTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("code"); // -1: no problem

        using Code = ProfileProblem::Code;
        QTest::newRow("ok") << u"baseUrl"_s << u"https://example.com/v1"_s << -1;
        QTest::newRow("loopback http") << u"baseUrl"_s << u"http://127.0.0.1:8188"_s << -1;
        QTest::newRow("allowed http") << u"baseUrl"_s << u"http://gpu-box.lan:8188"_s << -1;
        QTest::newRow("remote http")
            << u"baseUrl"_s << u"http://other.lan"_s << int(Code::PlainHttp);
        QTest::newRow("no scheme") << u"baseUrl"_s << u"example.com"_s << int(Code::BadUrl);
        QTest::newRow("credentials")
            << u"baseUrl"_s << u"https://a:b@example.com"_s << int(Code::CredentialsInUrl);
        QTest::newRow("empty id") << u"id"_s << u""_s << int(Code::Missing);
        QTest::newRow("bad id") << u"id"_s << u"a/b"_s << int(Code::BadId);
        QTest::newRow("reserved id") << u"id"_s << u"LOCAL"_s << int(Code::ReservedId);
        QTest::newRow("duplicate id") << u"id"_s << u"Taken"_s << int(Code::DuplicateId);
        QTest::newRow("unknown kind") << u"kind"_s << u"dall-e"_s << int(Code::UnknownKind);
        QTest::newRow("bad key name") << u"keyRef"_s << u"sk live"_s << int(Code::BadKeyRef);
        QTest::newRow("concurrency") << u"maxConcurrency"_s << u"0"_s << int(Code::OutOfRange);
    }

    void validateNamesTheField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(int, code);
        ProfileCatalog catalog;
        ProfileEntry taken;
        taken.profile.id = u"taken"_s;
        catalog.entries << taken;
        ProviderProfile profile;
        profile.id = u"new-one"_s;
        profile.kind = u"comfyui"_s;
        profile.allowHttpHosts = {u"gpu-box.lan"_s};
        if (field == u"baseUrl")
            profile.baseUrl = value;
        else if (field == u"id")
            profile.id = value;
        else if (field == u"kind")
            profile.kind = value;
        else if (field == u"keyRef")
            profile.keyRef = value;
        else if (field == u"maxConcurrency")
            profile.maxConcurrency = value.toInt();
        const QList<ProfileProblem> problems = ProviderProfileStore::validate(profile, catalog);
        if (code < 0) {
            QCOMPARE(problems.size(), 0);
            return;
        }
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.constFirst().field, field);
        QCOMPARE(int(problems.constFirst().code), code);
        // Editing "taken" itself is no duplicate; renaming onto it is.
        if (code == int(ProfileProblem::Code::DuplicateId)) {
            profile.id = u"taken"_s;
            QVERIFY(ProviderProfileStore::validate(profile, catalog, u"taken"_s).isEmpty());
        }
    }

    void keysStoredWithoutKeychainLiveInMemoryOnly()
    {
        const QByteArray before = qgetenv("RETAKE_KEYCHAIN");
        const auto restore = qScopeGuard([before] {
            if (before.isNull())
                qunsetenv("RETAKE_KEYCHAIN");
            else
                qputenv("RETAKE_KEYCHAIN", before);
        });
        qputenv("RETAKE_KEYCHAIN", "off");
        QObject context;
        QString problem = u"not called"_s;
        ApiKeyStore::store(u"memory-only"_s, u"sk-session-1"_s, &context,
                           [&problem](const QString &p) { problem = p; });
        QTRY_VERIFY(problem.isEmpty());
        ApiKeyLookup found;
        ApiKeyStore::lookup(u"memory-only"_s, &context,
                            [&found](const ApiKeyLookup &lookup) { found = lookup; });
        QTRY_COMPARE(found.source, ApiKeyLookup::Source::Session);
        QCOMPARE(found.key, u"sk-session-1"_s);
        problem = u"not called"_s;
        ApiKeyStore::remove(u"memory-only"_s, &context,
                            [&problem](const QString &p) { problem = p; });
        QTRY_VERIFY(problem.isEmpty());
        found = ApiKeyLookup();
        found.source = ApiKeyLookup::Source::Keychain;
        ApiKeyStore::lookup(u"memory-only"_s, &context,
                            [&found](const ApiKeyLookup &lookup) { found = lookup; });
        QTRY_COMPARE(found.source, ApiKeyLookup::Source::None);
    }

    void cliListsAndTestsProfiles()
    {
        // Given a simulator, a providers.json beside the storyboard and a user profile
        sim::SimServer server;
        QVERIFY(server.start() > 0);
        sim::SimProfile simProfile;
        simProfile.requiredKey = u"sk-cli-test-42"_s;
        server.setProfile(simProfile);
        QTemporaryDir dir;
        const QString film = dir.filePath(u"film.retake.json"_s);
        writeJson(film, storyboard({u"studio"_s}));
        writeJson(dir.filePath(u"providers.json"_s),
                  {{u"format"_s, u"retake-providers/1"_s},
                   {u"providers"_s,
                    QJsonArray{QJsonObject{{u"id"_s, u"studio"_s},
                                           {u"kind"_s, u"comfyui"_s},
                                           {u"baseUrl"_s, server.baseUrl().toString()}}}}});
        const QString config = dir.filePath(u"config"_s);
        {
            QSettings settings(config + u"/Retake/Retake.conf"_s, QSettings::IniFormat);
            ProviderProfile openai;
            openai.id = u"oa"_s;
            openai.kind = u"openai-images"_s;
            openai.baseUrl = server.baseUrl(u"openai-images"_s).toString();
            ProviderProfileStore::saveToSettings(settings, openai);
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, config);
        env.insert(u"RETAKE_KEYCHAIN"_s, u"off"_s);
        env.insert(u"RETAKE_KEY_OA"_s, u"sk-cli-test-42"_s);

        // When the profiles are listed
        const CliRun listed = runCli({u"providers"_s, u"list"_s, film}, env);
        // Then both show, with where the key comes from and never the key
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(listed.out.contains(u"studio"_s) && listed.out.contains(u"[providers.json"_s),
                 qPrintable(listed.out + listed.err));
        QVERIFY2(listed.out.contains(u"key: environment variable RETAKE_KEY_OA"_s),
                 qPrintable(listed.out));
        QVERIFY(listed.out.contains(u"[user settings]"_s));
        QVERIFY(!listed.out.contains(u"sk-cli-test-42"_s));

        // And tests make a real call
        const CliRun comfy = runCli({u"providers"_s, u"test"_s, u"studio"_s, film}, env);
        QCOMPARE(comfy.exitCode, 0);
        QVERIFY2(comfy.out.contains(u"OK"_s) && comfy.out.contains(u"0.3.40-sim"_s),
                 qPrintable(comfy.out + comfy.err));
        const CliRun openai = runCli({u"providers"_s, u"test"_s, u"oa"_s}, env);
        QVERIFY2(openai.exitCode == 0, qPrintable(openai.out + openai.err));
        env.insert(u"RETAKE_KEY_OA"_s, u"sk-wrong"_s);
        const CliRun refused = runCli({u"providers"_s, u"test"_s, u"oa"_s}, env);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"FAILED (auth, HTTP 401)"_s), qPrintable(refused.err));
        QVERIFY(!refused.err.contains(u"sk-wrong"_s));

        // And validate accepts the storyboard that uses the providers.json profile
        const CliRun validated = runCli({u"validate"_s, film}, env);
        QVERIFY2(validated.exitCode == 0, qPrintable(validated.out + validated.err));

        server.disappear(0);
        const CliRun gone = runCli({u"providers"_s, u"test"_s, u"studio"_s, film}, env);
        QCOMPARE(gone.exitCode, 1);
        QVERIFY2(gone.err.contains(u"provider_unavailable"_s), qPrintable(gone.err));
        QVERIFY(gone.err.contains(u"What to do:"_s));
    }

private:
    // Runs retake-cli without blocking this thread (the simulator answers from here).
    CliRun runCli(const QStringList &arguments, const QProcessEnvironment &env)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(RETAKE_CLI_PATH), arguments);
        CliRun run;
        if (!finished.wait(60000))
            return run;
        run.exitCode = process.exitCode();
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }
};

QTEST_MAIN(TestProviderProfiles)
#include "tst_provider_profiles.moc"
