#include "providerscommand.h"

#include "clirunner.h"
#include "project/storyboardloader.h"
#include "providers/apikeystore.h"
#include "providers/networkprovider.h"
#include "providers/providerfactory.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace retake::cli {

namespace {

struct Profiles {
    QList<ProviderProfile> all;
    QStringList problems;
};

Profiles collect(const QString &storyboard, QTextStream &err)
{
    Profiles result;
    QList<ProviderProfile> own;
    const ProfileLoad external = ProvidersCommand::externalProfiles(storyboard);
    result.problems = external.problems;
    if (!storyboard.isEmpty()) {
        const LoadResult loaded =
            StoryboardLoader::loadFile(storyboard, ProvidersCommand::ids(external.profiles));
        if (loaded.ok()) {
            own = loaded.project->providers;
            for (ProviderProfile &profile : own)
                profile.origin = QFileInfo(storyboard).fileName();
        } else {
            for (const ValidationIssue &issue : loaded.issues)
                err << u"  "_s << issue.toString() << '\n';
            result.problems << u"%1: %2 problem(s) in the storyboard"_s.arg(storyboard)
                                   .arg(loaded.issues.size());
        }
    }
    result.all = ProviderProfileStore::merge({own, external.profiles});
    return result;
}

ApiKeyLookup lookupKey(const ProviderProfile &profile)
{
    const QString ref = profile.keyRef.isEmpty() ? profile.id : profile.keyRef;
    ApiKeyLookup found;
    QEventLoop loop;
    QObject context;
    ApiKeyStore::lookup(ref, &context, [&](const ApiKeyLookup &lookup) {
        found = lookup;
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    return found;
}

QString stagesText(const Provider &provider)
{
    QStringList stages;
    for (const Stage stage : {Stage::Image, Stage::Video}) {
        if (provider.supports(stage))
            stages << nameOf(stage);
    }
    return stages.isEmpty() ? u"-"_s : stages.join(u'+');
}

int list(const QString &storyboard, QTextStream &out, QTextStream &err)
{
    const Profiles profiles = collect(storyboard, err);
    for (const QString &problem : profiles.problems)
        err << u"retake-cli: "_s << problem << '\n';
    out << u"local          kind local          built in, offline (image+video)\n"_s;
    for (const ProviderProfile &profile : profiles.all) {
        QString why;
        const std::unique_ptr<Provider> provider = createProvider(profile, &why);
        if (!provider) {
            out << profile.id << u"  (unusable: "_s << why << u")\n"_s;
            continue;
        }
        QString line = u"%1 kind %2 model %3 stages %4"_s.arg(profile.id.leftJustified(14))
                           .arg(profile.kind.leftJustified(14))
                           .arg(provider->model().isEmpty() ? u"-"_s : provider->model())
                           .arg(stagesText(*provider));
        if (auto *network = dynamic_cast<NetworkProvider *>(provider.get())) {
            if (profile.endpoints.isEmpty())
                line += u" url "_s + network->context()->baseUrl().toString();
            else
                line += u" pool of %1 endpoints"_s.arg(profile.endpoints.size());
            const ApiKeyLookup key = lookupKey(profile);
            if (key.found())
                line += u" key: "_s + key.sourceName();
            else
                line += u" key: none (store one with \"retake-cli providers set-key "_s +
                        profile.id + u"\" or set "_s +
                        ApiKeyStore::environmentVariable(key.keyRef) + u')';
        }
        line += u" ["_s + (profile.origin.isEmpty() ? u"project"_s : profile.origin) + u']';
        out << line << '\n';
        // A pool's endpoints (docs/ARCHITECTURE.md, "Endpoint pools"); whether each is ok,
        // avoided or down is known while a batch runs (the providers dock, the watch feed).
        for (const ProviderEndpoint &endpoint : profile.endpoints) {
            out << u"  endpoint %1 up to %2 at once\n"_s.arg(endpoint.baseUrl)
                       .arg(endpoint.maxConcurrency > 0 ? endpoint.maxConcurrency
                                                        : profile.maxConcurrency);
        }
    }
    return profiles.problems.isEmpty() ? ExitAllDone : ExitInvalidInput;
}

int test(const QString &id, const QString &storyboard, QTextStream &out, QTextStream &err)
{
    const Profiles profiles = collect(storyboard, err);
    const ProviderProfile *profile = nullptr;
    for (const ProviderProfile &candidate : profiles.all) {
        if (candidate.id == id)
            profile = &candidate;
    }
    if (!profile) {
        QStringList known;
        for (const ProviderProfile &candidate : profiles.all)
            known << candidate.id;
        err << u"retake-cli: no provider profile \"%1\" (known: %2). Define it in the settings, "
               u"in providers.json beside the storyboard or in the storyboard.\n"_s.arg(
                   id, known.isEmpty() ? u"none"_s : known.join(u", "_s));
        return ExitInvalidInput;
    }
    QString why;
    const std::unique_ptr<Provider> provider = createProvider(*profile, &why);
    auto *network = dynamic_cast<NetworkProvider *>(provider.get());
    if (!network) {
        err << u"retake-cli: "_s << (provider ? u"\"%1\" is not a network provider"_s.arg(id) : why)
            << '\n';
        return ExitInvalidInput;
    }
    out << u"Testing %1 at %2 ...\n"_s.arg(network->displayName(),
                                           network->context()->baseUrl().toString());
    out.flush();
    GenerationResult result;
    QEventLoop loop;
    QObject parent;
    ProviderJob *job = network->createConnectionTest(&parent);
    QObject::connect(job, &ProviderJob::finished, &loop, [&](const GenerationResult &r) {
        result = r;
        loop.quit();
    });
    job->start();
    loop.exec();
    if (result.ok()) {
        out << result.message << '\n';
        return ExitAllDone;
    }
    err << u"FAILED (%1%2): %3\n"_s.arg(nameOf(result.errorClass),
                                        result.httpStatus > 0
                                            ? u", HTTP "_s + QString::number(result.httpStatus)
                                            : QString(),
                                        result.message)
        << u"What to do: "_s << recommendedAction(result.errorClass) << '\n';
    return ExitError;
}

int keyCommand(const QString &verb, const QString &id, QTextStream &out, QTextStream &err)
{
    if (!ApiKeyStore::keychainEnabled()) {
        // A key stored now would only live as long as this process.
        err << u"retake-cli: the system keychain is switched off (RETAKE_KEYCHAIN); set the "
               u"environment variable %1 instead.\n"_s.arg(ApiKeyStore::environmentVariable(id));
        return ExitInvalidInput;
    }
    QString problem;
    QEventLoop loop;
    QObject context;
    if (verb == u"set-key") {
        err << u"Paste the API key for \"%1\" and press Enter (it is stored in the system "
               u"keychain, never in a file):\n"_s.arg(id);
        err.flush();
        QTextStream in(stdin);
        const QString key = in.readLine().trimmed();
        if (key.isEmpty()) {
            err << u"retake-cli: no key given; nothing stored.\n"_s;
            return ExitInvalidInput;
        }
        ApiKeyStore::store(id, key, &context, [&](const QString &p) {
            problem = p;
            loop.quit();
        });
    } else {
        ApiKeyStore::remove(id, &context, [&](const QString &p) {
            problem = p;
            loop.quit();
        });
    }
    loop.exec();
    if (!problem.isEmpty()) {
        err << u"retake-cli: the system keychain refused (%1). Set the environment variable %2 "
               u"instead.\n"_s.arg(problem, ApiKeyStore::environmentVariable(id));
        return ExitError;
    }
    out << (verb == u"set-key" ? u"Stored the key of \"%1\" in the system keychain.\n"_s
                               : u"Removed the key of \"%1\" from the system keychain.\n"_s)
               .arg(id);
    return ExitAllDone;
}

} // namespace

ProfileLoad ProvidersCommand::externalProfiles(const QString &storyboardPath)
{
    const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
    return ProviderProfileStore::loadExternal(storyboardPath, *settings);
}

QStringList ProvidersCommand::ids(const QList<ProviderProfile> &profiles)
{
    QStringList result;
    for (const ProviderProfile &profile : profiles)
        result << profile.id;
    return result;
}

void ProvidersCommand::mergeInto(Project *project, const QList<ProviderProfile> &external)
{
    project->providers = ProviderProfileStore::merge({project->providers, external});
}

QString ProvidersCommand::usage()
{
    return u"  providers list [FILE]         provider profiles: the storyboard's, providers.json\n"
           u"                                beside it and the user's (settings); key source\n"
           u"  providers test ID [FILE]      a cheap real call that proves the URL and the key\n"
           u"  providers set-key ID          store an API key in the system keychain (stdin)\n"
           u"  providers remove-key ID       remove it"_s;
}

int ProvidersCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString verb = arguments.value(0);
    if (verb == u"list" && arguments.size() <= 2)
        return list(arguments.value(1), out, err);
    if (verb == u"test" && (arguments.size() == 2 || arguments.size() == 3))
        return test(arguments.at(1), arguments.value(2), out, err);
    if ((verb == u"set-key" || verb == u"remove-key") && arguments.size() == 2)
        return keyCommand(verb, arguments.at(1), out, err);
    err << u"retake-cli: unknown providers command. Usage:\n"_s << usage() << '\n';
    return ExitInvalidInput;
}

} // namespace retake::cli
