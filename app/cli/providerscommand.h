// retake-cli providers ...: list the provider profiles a storyboard can use, test one
// with a cheap real call (proves URL and key), store or remove an API key in the system
// keychain. Also what the other commands use to merge the user's profiles (settings) and
// providers.json into a storyboard before validating or opening it.
#pragma once

#include "domain/project.h"
#include "providers/providerprofilestore.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace retake::cli {

class ProvidersCommand final
{
public:
    // Profiles known besides the storyboard's own: providers.json beside `storyboardPath`
    // (when given), then the user's settings.
    static ProfileLoad externalProfiles(const QString &storyboardPath);
    static QStringList ids(const QList<ProviderProfile> &profiles);
    // Appends the external profiles the project does not define itself.
    static void mergeInto(Project *project, const QList<ProviderProfile> &external);

    // `arguments` after "providers": list [FILE] | test ID [FILE] | set-key ID |
    // remove-key ID. Returns the process exit code.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static QString usage();
};

} // namespace retake::cli
