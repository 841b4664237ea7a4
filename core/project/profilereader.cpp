#include "project/profilereader.h"

#include "domain/types.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QString at(const QString &location, const QString &field)
{
    return location + u'.' + field;
}

// The "timeouts" object of a profile, in milliseconds.
void readTimeouts(const QJsonObject &object, const QString &location, ProviderTimeouts *timeouts,
                  QStringList *problems)
{
    struct Field {
        const char16_t *name;
        int *target;
    };
    ProviderTimeouts &t = *timeouts;
    const Field fields[] = {{u"connectMs", &t.connectMs},
                            {u"firstByteMs", &t.firstByteMs},
                            {u"totalMs", &t.totalMs},
                            {u"pollIntervalMs", &t.pollIntervalMs},
                            {u"maxPollIntervalMs", &t.maxPollIntervalMs},
                            {u"jobMs", &t.jobMs}};
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const Field &field : fields) {
            if (it.key() != QStringView(field.name))
                continue;
            known = true;
            const double value = it.value().toDouble(-1);
            if (!it.value().isDouble() || value < 0 || value > 24.0 * 3600 * 1000 ||
                value != std::floor(value))
                problems->append(at(location, u"timeouts."_s + it.key()) %
                                 u": milliseconds from 0 (no limit) to 86400000"_s);
            else
                *field.target = int(value);
        }
        if (!known)
            problems->append(at(location, u"timeouts."_s + it.key()) %
                             u": unknown timeout (connectMs, firstByteMs, totalMs, "
                             u"pollIntervalMs, maxPollIntervalMs, jobMs)"_s);
    }
    if (t.pollIntervalMs == 0)
        problems->append(at(location, u"timeouts.pollIntervalMs"_s) % u": must be above 0"_s);
}

// An http or https URL without user info, or a problem for `field`.
bool readUrl(const QJsonValue &value, const QString &field, QString *url, QStringList *problems)
{
    const QString text = value.toString();
    const QUrl parsed(text, QUrl::StrictMode);
    if (!value.isString() || !parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != u"http" && parsed.scheme() != u"https")) {
        problems->append(field %
                         u": expected an http or https URL, e.g. \"http://127.0.0.1:8188\""_s);
        return false;
    }
    if (!parsed.userInfo().isEmpty()) {
        problems->append(field %
                         u": a URL with a user name or password; keys go into the keychain"_s);
        return false;
    }
    *url = text;
    return true;
}

// "endpoints": a pool of base URLs (docs/ARCHITECTURE.md, "Endpoint pools"), each a URL or
// {"baseUrl": URL, "maxConcurrency": N}.
void readEndpoints(const QJsonObject &object, const QString &location, ProviderProfile *profile,
                   QStringList *problems)
{
    const QString field = at(location, u"endpoints"_s);
    const QJsonValue value = object.value(u"endpoints"_s);
    if (object.contains(u"baseUrl"_s)) {
        problems->append(field % u": a profile has either baseUrl or endpoints, not both; "
                                 u"list every URL under endpoints"_s);
        return;
    }
    const QJsonArray list = value.toArray();
    if (!value.isArray() || list.isEmpty() || list.size() > 64) {
        problems->append(field % u": a list of 1 to 64 base URLs, e.g. "
                                 u"[\"http://gpu1:8188\", \"http://gpu2:8188\"]"_s);
        return;
    }
    QList<ProviderEndpoint> endpoints;
    QStringList seen;
    for (qsizetype n = 0; n < list.size(); ++n) {
        const QString entry = field + u'[' + QString::number(n) + u']';
        const QJsonValue item = list.at(n);
        ProviderEndpoint endpoint;
        QJsonValue url = item;
        if (item.isObject()) {
            const QJsonObject o = item.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (it.key() != u"baseUrl" && it.key() != u"maxConcurrency")
                    problems->append(entry % u'.' % it.key() %
                                     u": unknown field (baseUrl, maxConcurrency)"_s);
            }
            url = o.value(u"baseUrl"_s);
            if (o.contains(u"maxConcurrency"_s)) {
                const double limit = o.value(u"maxConcurrency"_s).toDouble(-1);
                if (limit < 1 || limit > 256 || limit != std::floor(limit))
                    problems->append(entry % u".maxConcurrency: from 1 to 256"_s);
                else
                    endpoint.maxConcurrency = int(limit);
            }
        }
        if (!readUrl(url, item.isObject() ? entry + u".baseUrl"_s : entry, &endpoint.baseUrl,
                     problems))
            continue;
        QString key = QUrl(endpoint.baseUrl).adjusted(QUrl::NormalizePathSegments).toString();
        while (key.endsWith(u'/'))
            key.chop(1);
        if (seen.contains(key)) {
            problems->append(entry % u": \""_s % endpoint.baseUrl %
                             u"\" is listed twice; list each machine once"_s);
            continue;
        }
        seen << key;
        endpoints << endpoint;
    }
    profile->endpoints = endpoints;
}

} // namespace

QStringList ProfileReader::networkFieldNames()
{
    return {u"baseUrl"_s,          u"keyRef"_s,       u"stages"_s,         u"timeouts"_s,
            u"maxDownloadBytes"_s, u"maxRedirects"_s, u"allowHttpHosts"_s, u"rateLimit"_s,
            u"maxWaitMs"_s,        u"endpoints"_s};
}

const QStringList &ProfileReader::secretFieldNames()
{
    static const QStringList names{u"apiKey"_s,   u"api_key"_s, u"key"_s,     u"token"_s,
                                   u"apiToken"_s, u"secret"_s,  u"password"_s};
    return names;
}

const QRegularExpression &ProfileReader::keyRefPattern()
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"_s);
    return pattern;
}

void ProfileReader::readNetworkFields(const QJsonObject &object, const QString &location,
                                      ProviderProfile *profile, QStringList *problems)
{
    for (const QString &secret : secretFieldNames()) {
        if (object.contains(secret)) {
            problems->append(at(location, secret) %
                             u": API keys never go into profiles; store the key in the system "
                             u"keychain (service \"retake\") or in the environment variable "
                             u"RETAKE_KEY_<ID>"_s);
        }
    }
    if (object.contains(u"baseUrl"_s))
        readUrl(object.value(u"baseUrl"_s), at(location, u"baseUrl"_s), &profile->baseUrl,
                problems);
    if (object.contains(u"endpoints"_s))
        readEndpoints(object, location, profile, problems);
    if (object.contains(u"keyRef"_s)) {
        const QString ref = object.value(u"keyRef"_s).toString();
        if (!keyRefPattern().match(ref).hasMatch())
            problems->append(at(location, u"keyRef"_s) %
                             u": letters, digits, '.', '-' and '_' (at most 64), the name of "
                             u"the key, not the key"_s);
        else
            profile->keyRef = ref;
    }
    if (object.contains(u"stages"_s)) {
        profile->stages.clear();
        const QJsonValue value = object.value(u"stages"_s);
        const QJsonArray stages = value.toArray();
        if (!value.isArray() || stages.isEmpty())
            problems->append(at(location, u"stages"_s) %
                             u": a non-empty list such as [\"image\"]"_s);
        for (const auto &stage : stages) {
            const auto parsed = stageFromString(stage.toString());
            if (!parsed || (*parsed != Stage::Image && *parsed != Stage::Video))
                problems->append(
                    at(location, u"stages"_s) %
                    u": unknown stage \"%1\" (image or video)"_s.arg(stage.toString()));
            else if (!profile->stages.contains(*parsed))
                profile->stages.append(*parsed);
        }
    }
    if (object.contains(u"timeouts"_s))
        readTimeouts(object.value(u"timeouts"_s).toObject(), location, &profile->timeouts,
                     problems);
    if (object.contains(u"maxDownloadBytes"_s)) {
        const double value = object.value(u"maxDownloadBytes"_s).toDouble(-1);
        if (value < 1024 || value > 64.0 * 1024 * 1024 * 1024)
            problems->append(at(location, u"maxDownloadBytes"_s) % u": from 1024 to 64 GiB"_s);
        else
            profile->maxDownloadBytes = qint64(value);
    }
    if (object.contains(u"maxRedirects"_s)) {
        const int value = object.value(u"maxRedirects"_s).toInt(-1);
        if (value < 0 || value > 20)
            problems->append(at(location, u"maxRedirects"_s) % u": from 0 to 20"_s);
        else
            profile->maxRedirects = value;
    }
    if (object.contains(u"rateLimit"_s)) {
        const double value = object.value(u"rateLimit"_s).toDouble(-1);
        if (!object.value(u"rateLimit"_s).isDouble() || value < 0 || value > 1e6)
            problems->append(at(location, u"rateLimit"_s) %
                             u": requests per minute, from 0 (learn it) to 1000000"_s);
        else
            profile->rateLimitPerMinute = value;
    }
    if (object.contains(u"maxWaitMs"_s)) {
        const double value = object.value(u"maxWaitMs"_s).toDouble(-1);
        if (!object.value(u"maxWaitMs"_s).isDouble() || value < 0 || value > 3600.0 * 1000 ||
            value != std::floor(value))
            problems->append(at(location, u"maxWaitMs"_s) %
                             u": milliseconds from 0 (never wait) to 3600000"_s);
        else
            profile->maxWaitMs = int(value);
    }
    if (object.contains(u"allowHttpHosts"_s)) {
        profile->allowHttpHosts.clear();
        const QJsonArray hosts = object.value(u"allowHttpHosts"_s).toArray();
        for (const auto &host : hosts) {
            if (!host.isString() || host.toString().trimmed().isEmpty() ||
                host.toString().contains(u'/'))
                problems->append(at(location, u"allowHttpHosts"_s) %
                                 u": host names without scheme or path, e.g. \"gpu-box.lan\""_s);
            else
                profile->allowHttpHosts.append(host.toString().trimmed().toLower());
        }
    }
}

} // namespace retake
