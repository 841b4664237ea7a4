// The JSON fields of a provider profile that a storyboard's "providerProfiles" and
// providers.json (or the user's settings) read the same way: the network fields (baseUrl,
// keyRef, stages, timeouts, limits, hosts) and the refusal of API keys. Kept in project/
// so that the storyboard loader does not depend on providers/.
#pragma once

#include "domain/project.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace retake {

class ProfileReader final
{
public:
    ProfileReader() = delete;

    // baseUrl, keyRef, stages, timeouts, maxDownloadBytes, maxRedirects, allowHttpHosts
    static QStringList networkFieldNames();
    // Field names that would hold an API key (apiKey, token, ...): always refused.
    static const QStringList &secretFieldNames();
    // What a keyRef may look like: the name of a key, at most 64 characters.
    static const QRegularExpression &keyRefPattern();

    // Reads the network fields of `object` into `profile` and refuses API keys. Adds
    // "location.field: message" lines to `problems`.
    static void readNetworkFields(const QJsonObject &object, const QString &location,
                                  ProviderProfile *profile, QStringList *problems);
};

} // namespace retake
