#include "project/storyboardloader.h"

#include "project/profilereader.h"

#include "project/csvimport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLocale>
#include <QSet>

#include <cmath>
#include <initializer_list>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// Beyond this many issues the rest are summarised in one line: a broken 16 MB file must
// not produce a million messages.
constexpr qsizetype kMaxIssues = 500;

constexpr int kMaxConcurrency = 256;
constexpr qint64 kMaxRetries = 100;
constexpr qint64 kMaxBaseDelayMs = 60 * 60 * 1000;
constexpr qint64 kMaxMaxDelayMs = 24 * 60 * 60 * 1000;

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + u" MB"_s;
}

// Byte offset of the first byte that is not part of a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or -1.
qsizetype firstInvalidUtf8(const QByteArray &data)
{
    const auto *bytes = reinterpret_cast<const uchar *>(data.constData());
    const qsizetype size = data.size();
    qsizetype i = 0;
    while (i < size) {
        const uchar lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        uint codePoint = 0;
        uint minimum = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            codePoint = lead & 0x1F;
            minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            codePoint = lead & 0x0F;
            minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            codePoint = lead & 0x07;
            minimum = 0x10000;
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            const uchar continuation = bytes[i + k];
            if ((continuation & 0xC0) != 0x80)
                return i;
            codePoint = (codePoint << 6) | (continuation & 0x3F);
        }
        if (codePoint < minimum || codePoint > 0x10FFFF ||
            (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            return i;
        }
        i += length;
    }
    return -1;
}

// Checks that the data is UTF-8 text and drops a byte order mark (spreadsheets write one).
bool checkText(QByteArray *data, const QString &sourceName, QList<ValidationIssue> *issues)
{
    const qsizetype bad = firstInvalidUtf8(*data);
    if (bad >= 0) {
        issues->append({sourceName, u"not valid UTF-8 (byte offset %1)"_s.arg(bad)});
        return false;
    }
    if (const qsizetype nul = data->indexOf('\0'); nul >= 0) {
        issues->append({sourceName, u"not a text file (NUL byte at byte offset %1)"_s.arg(nul)});
        return false;
    }
    if (data->startsWith("\xEF\xBB\xBF"))
        data->remove(0, 3);
    return true;
}

void capIssues(QList<ValidationIssue> *issues, const QString &sourceName)
{
    if (issues->size() <= kMaxIssues)
        return;
    const qsizetype more = issues->size() - kMaxIssues;
    issues->resize(kMaxIssues);
    issues->append({sourceName, u"%1 more problems not listed"_s.arg(more)});
}

// 1-based line and column (in characters) of a byte offset into valid UTF-8.
std::pair<int, int> lineAndColumn(const QByteArray &data, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, data.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (data.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    int column = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        if ((uchar(data.at(i)) & 0xC0) != 0x80)
            ++column;
    }
    return {line, column};
}

QString formatNumber(double value)
{
    if (std::floor(value) == value && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// A JSON value as it appears in a message: numbers and literals as written, strings
// quoted (shortened when long), containers by kind.
QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return formatNumber(value.toDouble());
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > 40)
            text = text.left(40) + u"..."_s;
        return u'"' + text + u'"';
    }
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QString child(const QString &parent, const QString &key)
{
    return parent.isEmpty() ? key : parent + u'.' + key;
}

QString element(const QString &parent, qsizetype index)
{
    return parent + u'[' + QString::number(index) + u']';
}

enum class IntRule { Positive, NonNegative };
enum class NumberRule { Positive, NonNegative, Fraction };

// Reads a "retake-project/1" document into a Project, recording every problem.
class JsonProjectReader
{
public:
    JsonProjectReader(const QString &sourceName, const QStringList &knownProviderIds)
        : m_sourceName(sourceName), m_knownProviderIds(knownProviderIds)
    {
    }

    QList<ValidationIssue> issues() const { return m_issues; }

    Project read(const QJsonObject &root)
    {
        Project project;
        project.title = QFileInfo(m_sourceName).baseName();

        // An unknown version may mean anything: say so and stop, without a flood of
        // follow-up messages about fields this version does not know.
        const QJsonValue format = root.value(u"format"_s);
        if (format.isUndefined()) {
            add(u"format"_s, u"missing"_s);
        } else if (!format.isString()) {
            add(u"format"_s, u"expected a string"_s);
        } else if (format.toString() != QString::fromUtf16(kProjectFormat)) {
            add(u"format"_s, u"unknown format version \"%1\" (this Retake reads %2)"_s.arg(
                                 format.toString(), QString::fromUtf16(kProjectFormat)));
            return project;
        }

        checkFields(root, QString(),
                    {u"$schema", u"format", u"title", u"defaults", u"providers",
                     u"providerProfiles", u"retry", u"assemble", u"scenes"});
        readString(root, QString(), u"$schema"_s);
        if (const auto title = readString(root, QString(), u"title"_s))
            project.title = *title;

        if (const auto defaults = readObject(root.value(u"defaults"_s), u"defaults"_s)) {
            checkFields(*defaults, u"defaults"_s, {u"image", u"video"});
            readImage(defaults->value(u"image"_s), u"defaults.image"_s, &project.imageDefaults);
            readVideo(defaults->value(u"video"_s), u"defaults.video"_s, &project.videoDefaults);
        }
        readProfiles(root.value(u"providerProfiles"_s), &project);
        readPreferences(root.value(u"providers"_s), &project);
        readRetry(root.value(u"retry"_s), &project.retry);
        if (root.contains(u"assemble"_s)) {
            if (root.value(u"assemble"_s).isBool())
                project.assemble = root.value(u"assemble"_s).toBool();
            else
                add(u"assemble"_s, u"expected true or false"_s);
        }
        readScenes(root.value(u"scenes"_s), &project);
        return project;
    }

private:
    void add(const QString &location, const QString &message)
    {
        m_issues.append({location, message});
    }

    void checkFields(const QJsonObject &object, const QString &location,
                     std::initializer_list<QStringView> allowed)
    {
        QStringList names;
        for (QStringView name : allowed)
            names.append(name.toString());
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!names.contains(it.key())) {
                QStringList listed = names;
                listed.removeAll(u"$schema"_s);
                add(child(location, it.key()),
                    u"unknown field (expected one of: %1)"_s.arg(listed.join(u", "_s)));
            }
        }
    }

    bool require(const QJsonObject &object, const QString &location, const QString &key)
    {
        if (object.contains(key))
            return true;
        add(child(location, key), u"missing"_s);
        return false;
    }

    std::optional<QJsonObject> readObject(const QJsonValue &value, const QString &location)
    {
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isObject()) {
            add(location, u"expected an object"_s);
            return std::nullopt;
        }
        return value.toObject();
    }

    std::optional<QJsonArray> readArray(const QJsonValue &value, const QString &location)
    {
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isArray()) {
            add(location, u"expected an array"_s);
            return std::nullopt;
        }
        return value.toArray();
    }

    std::optional<QString> readString(const QJsonObject &object, const QString &parent,
                                      const QString &key)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return std::nullopt;
        if (!value.isString()) {
            add(child(parent, key), u"expected a string"_s);
            return std::nullopt;
        }
        return value.toString();
    }

    std::optional<qint64> readInt(const QJsonObject &object, const QString &parent,
                                  const QString &key, IntRule rule, qint64 maximum)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return std::nullopt;
        const QString location = child(parent, key);
        const qint64 minimum = rule == IntRule::Positive ? 1 : 0;
        const double number = value.toDouble();
        if (!value.isDouble() || std::floor(number) != number || number < double(minimum)) {
            add(location, u"must be a %1 integer, got %2"_s.arg(
                              rule == IntRule::Positive ? u"positive"_s : u"non-negative"_s,
                              describe(value)));
            return std::nullopt;
        }
        if (number > double(maximum)) {
            add(location,
                u"must be at most %1, got %2"_s.arg(QString::number(maximum), describe(value)));
            return std::nullopt;
        }
        return qint64(number);
    }

    std::optional<double> readNumber(const QJsonObject &object, const QString &parent,
                                     const QString &key, NumberRule rule,
                                     std::optional<double> maximum = std::nullopt)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return std::nullopt;
        const QString location = child(parent, key);
        const double number = value.toDouble();
        bool valid = value.isDouble();
        QString expected;
        switch (rule) {
        case NumberRule::Positive:
            valid = valid && number > 0.0;
            expected = u"must be a positive number"_s;
            break;
        case NumberRule::NonNegative:
            valid = valid && number >= 0.0;
            expected = u"must be a non-negative number"_s;
            break;
        case NumberRule::Fraction:
            valid = valid && number >= 0.0 && number <= 1.0;
            expected = u"must be a number from 0 to 1"_s;
            break;
        }
        if (!valid) {
            add(location, expected + u", got "_s + describe(value));
            return std::nullopt;
        }
        if (maximum && number > *maximum) {
            add(location,
                u"must be at most %1, got %2"_s.arg(formatNumber(*maximum), describe(value)));
            return std::nullopt;
        }
        return number;
    }

    // A required id; returns it when present and usable.
    std::optional<QString> readId(const QJsonObject &object, const QString &parent)
    {
        if (!require(object, parent, u"id"_s))
            return std::nullopt;
        const auto id = readString(object, parent, u"id"_s);
        if (!id)
            return std::nullopt;
        const QString problem = StoryboardLoader::idProblem(*id);
        if (!problem.isEmpty()) {
            add(child(parent, u"id"_s), problem);
            return std::nullopt;
        }
        return id;
    }

    // Ids become folder names: ids that differ only in case would share a folder on
    // Windows and macOS, so they count as duplicates too.
    bool checkUnique(QHash<QString, std::pair<QString, QString>> *seen, const QString &id,
                     const QString &parent)
    {
        const QString key = id.toLower();
        const auto it = seen->constFind(key);
        if (it == seen->cend()) {
            seen->insert(key, {id, parent});
            return true;
        }
        const auto &[firstId, firstLocation] = *it;
        if (firstId == id) {
            add(child(parent, u"id"_s),
                u"duplicate id \"%1\" (first at %2)"_s.arg(id, firstLocation));
        } else {
            add(child(parent, u"id"_s),
                u"duplicate id \"%1\" (first at %2 as \"%3\"; folder names ignore case on "
                u"Windows and macOS)"_s.arg(id, firstLocation, firstId));
        }
        return false;
    }

    void readImage(const QJsonValue &value, const QString &location, ImageParams *params)
    {
        const auto object = readObject(value, location);
        if (!object)
            return;
        checkFields(*object, location, {u"width", u"height", u"steps"});
        const auto side = StoryboardLoader::kMaxImageSide;
        if (const auto width = readInt(*object, location, u"width"_s, IntRule::Positive, side))
            params->width = int(*width);
        if (const auto height = readInt(*object, location, u"height"_s, IntRule::Positive, side))
            params->height = int(*height);
        if (const auto steps = readInt(*object, location, u"steps"_s, IntRule::Positive,
                                       StoryboardLoader::kMaxSteps)) {
            params->steps = int(*steps);
        }
    }

    void readVideo(const QJsonValue &value, const QString &location, VideoParams *params)
    {
        const auto object = readObject(value, location);
        if (!object)
            return;
        checkFields(*object, location, {u"duration", u"fps", u"motion"});
        if (const auto duration = readNumber(*object, location, u"duration"_s, NumberRule::Positive,
                                             StoryboardLoader::kMaxDurationSec)) {
            params->durationSec = *duration;
        }
        if (const auto fps = readInt(*object, location, u"fps"_s, IntRule::Positive,
                                     StoryboardLoader::kMaxFps)) {
            params->fps = int(*fps);
        }
        if (const auto motion = readString(*object, location, u"motion"_s)) {
            if (StoryboardLoader::motions().contains(*motion)) {
                params->motion = *motion;
            } else {
                add(child(location, u"motion"_s),
                    u"unknown motion \"%1\" (expected one of: %2)"_s.arg(
                        *motion, StoryboardLoader::motions().join(u", "_s)));
            }
        }
    }

    void readFaults(const QJsonValue &value, const QString &location, FaultProfile *faults)
    {
        const auto object = readObject(value, location);
        if (!object)
            return;
        checkFields(*object, location, {u"seed", u"rates"});
        if (const auto seed = readInt(*object, location, u"seed"_s, IntRule::NonNegative,
                                      StoryboardLoader::kMaxSeed)) {
            faults->seed = quint64(*seed);
        }
        const QString ratesLocation = child(location, u"rates"_s);
        const auto rates = readObject(object->value(u"rates"_s), ratesLocation);
        if (!rates)
            return;
        QStringList classes;
        for (int i = int(ErrorClass::None) + 1; i <= int(ErrorClass::Cancelled); ++i)
            classes.append(nameOf(ErrorClass(i)));
        double sum = 0.0;
        bool allValid = true;
        for (auto it = rates->begin(); it != rates->end(); ++it) {
            const auto errorClass = errorClassFromString(it.key());
            if (!errorClass || *errorClass == ErrorClass::None) {
                add(child(ratesLocation, it.key()),
                    u"unknown error class \"%1\" (expected one of: %2)"_s.arg(
                        it.key(), classes.join(u", "_s)));
                allValid = false;
                continue;
            }
            const auto rate = readNumber(*rates, ratesLocation, it.key(), NumberRule::Fraction);
            if (!rate) {
                allValid = false;
                continue;
            }
            faults->rates.insert(*errorClass, *rate);
            sum += *rate;
        }
        if (allValid && sum > 1.0 + 1e-9) {
            add(ratesLocation,
                u"the rates add up to %1; at most 1 is possible"_s.arg(formatNumber(sum)));
        }
    }

    void readProfiles(const QJsonValue &value, Project *project)
    {
        const QString location = u"providerProfiles"_s;
        const auto array = readArray(value, location);
        if (!array)
            return;
        QHash<QString, std::pair<QString, QString>> seen;
        for (qsizetype i = 0; i < array->size(); ++i) {
            const QString at = element(location, i);
            const auto object = readObject(array->at(i), at);
            if (!object)
                continue;
            checkFields(*object, at,
                        {u"id", u"kind", u"model", u"maxConcurrency", u"costPerUnit", u"faults",
                         u"options", u"baseUrl", u"keyRef", u"stages", u"timeouts",
                         u"maxDownloadBytes", u"maxRedirects", u"allowHttpHosts"});
            ProviderProfile profile;
            bool usable = true;
            if (const auto id = readId(*object, at)) {
                profile.id = *id;
                if (id->compare(QString::fromUtf16(kBuiltinProviderId), Qt::CaseInsensitive) == 0) {
                    add(child(at, u"id"_s),
                        u"\"%1\" is reserved for the built-in provider; choose another id"_s.arg(
                            *id));
                    usable = false;
                } else if (checkUnique(&seen, *id, at)) {
                    m_profileIds.append(*id);
                } else {
                    usable = false;
                }
            } else {
                usable = false;
            }
            if (require(*object, at, u"kind"_s)) {
                if (const auto kind = readString(*object, at, u"kind"_s)) {
                    if (StoryboardLoader::providerKinds().contains(*kind)) {
                        profile.kind = *kind;
                    } else {
                        add(child(at, u"kind"_s),
                            u"unknown provider kind \"%1\" (expected one of: %2)"_s.arg(
                                *kind, StoryboardLoader::providerKinds().join(u", "_s)));
                    }
                }
            }
            if (const auto model = readString(*object, at, u"model"_s))
                profile.model = *model;
            if (const auto limit =
                    readInt(*object, at, u"maxConcurrency"_s, IntRule::Positive, kMaxConcurrency)) {
                profile.maxConcurrency = int(*limit);
            }
            if (const auto cost =
                    readNumber(*object, at, u"costPerUnit"_s, NumberRule::NonNegative)) {
                profile.costPerUnit = *cost;
            }
            readFaults(object->value(u"faults"_s), child(at, u"faults"_s), &profile.faults);
            if (const auto options =
                    readObject(object->value(u"options"_s), child(at, u"options"_s))) {
                profile.options = options->toVariantMap();
            }
            // Network fields (providers issue); API keys in a storyboard are refused.
            QStringList networkProblems;
            ProfileReader::readNetworkFields(*object, at, &profile, &networkProblems);
            for (const QString &problem : std::as_const(networkProblems)) {
                const qsizetype colon = problem.indexOf(u": "_s);
                add(problem.left(colon), problem.mid(colon + 2));
            }
            if (usable)
                project->providers.append(profile);
        }
    }

    void readPreferences(const QJsonValue &value, Project *project)
    {
        const QStringList fallback{QString::fromUtf16(kBuiltinProviderId)};
        project->providerPreference.insert(Stage::Image, fallback);
        project->providerPreference.insert(Stage::Video, fallback);
        const auto object = readObject(value, u"providers"_s);
        if (!object)
            return;
        checkFields(*object, u"providers"_s, {u"image", u"video", u"audio"});
        for (const Stage stage : {Stage::Image, Stage::Video, Stage::Audio}) {
            const QString location = child(u"providers"_s, nameOf(stage));
            // Voice-overs without a preference use the built-in espeak-ng voice.
            if (stage == Stage::Audio && !object->contains(nameOf(stage)))
                continue;
            const auto array = readArray(object->value(nameOf(stage)), location);
            if (!array)
                continue;
            if (array->isEmpty()) {
                add(location, u"at least one provider is required"_s);
                continue;
            }
            QStringList ids;
            QHash<QString, qsizetype> firstIndex;
            for (qsizetype i = 0; i < array->size(); ++i) {
                const QString at = element(location, i);
                if (!array->at(i).isString()) {
                    add(at, u"expected a string"_s);
                    continue;
                }
                const QString id = array->at(i).toString();
                if (id != QString::fromUtf16(kBuiltinProviderId) && !m_profileIds.contains(id) &&
                    !m_knownProviderIds.contains(id)) {
                    add(at, u"unknown provider \"%1\""_s.arg(id));
                    continue;
                }
                if (firstIndex.contains(id)) {
                    add(at, u"\"%1\" is listed twice (first at %2)"_s.arg(
                                id, element(location, firstIndex.value(id))));
                    continue;
                }
                firstIndex.insert(id, i);
                ids.append(id);
            }
            project->providerPreference.insert(stage, ids);
        }
    }

    void readRetry(const QJsonValue &value, RetrySettings *retry)
    {
        const QString location = u"retry"_s;
        const auto object = readObject(value, location);
        if (!object)
            return;
        checkFields(*object, location,
                    {u"maxRetries", u"baseDelayMs", u"jitter", u"maxDelayMs", u"retriesPerRung"});
        if (const auto n =
                readInt(*object, location, u"maxRetries"_s, IntRule::NonNegative, kMaxRetries)) {
            retry->maxRetries = int(*n);
        }
        const auto base =
            readInt(*object, location, u"baseDelayMs"_s, IntRule::NonNegative, kMaxBaseDelayMs);
        if (base)
            retry->baseDelayMs = int(*base);
        if (const auto jitter = readNumber(*object, location, u"jitter"_s, NumberRule::Fraction))
            retry->jitter = *jitter;
        const auto cap =
            readInt(*object, location, u"maxDelayMs"_s, IntRule::NonNegative, kMaxMaxDelayMs);
        if (cap)
            retry->maxDelayMs = int(*cap);
        if (const auto n = readInt(*object, location, u"retriesPerRung"_s, IntRule::NonNegative,
                                   kMaxRetries)) {
            retry->retriesPerRung = int(*n);
        }
        if (cap && retry->maxDelayMs < retry->baseDelayMs) {
            add(child(location, u"maxDelayMs"_s),
                u"must be at least baseDelayMs (%1), got %2"_s.arg(retry->baseDelayMs)
                    .arg(retry->maxDelayMs));
        }
    }

    void readScenes(const QJsonValue &value, Project *project)
    {
        const QString location = u"scenes"_s;
        if (value.isUndefined()) {
            add(location, u"missing"_s);
            return;
        }
        const auto array = readArray(value, location);
        if (!array)
            return;
        if (array->isEmpty()) {
            add(location, u"at least one scene with one shot is required"_s);
            return;
        }
        QHash<QString, std::pair<QString, QString>> sceneIds;
        QHash<QString, std::pair<QString, QString>> shotIds;
        for (qsizetype i = 0; i < array->size(); ++i) {
            const QString at = element(location, i);
            const auto object = readObject(array->at(i), at);
            if (!object)
                continue;
            checkFields(*object, at, {u"id", u"title", u"shots", u"voiceover"});
            Scene scene;
            if (const auto id = readId(*object, at)) {
                scene.id = *id;
                if (scene.id == QString::fromUtf16(kFinalSceneId))
                    add(child(at, u"id"_s), u"\"final\" is reserved for the final assembly; "
                                            u"choose another scene id"_s);
                checkUnique(&sceneIds, *id, at);
            }
            if (object->contains(u"voiceover"_s)) {
                const QString voLocation = child(at, u"voiceover"_s);
                if (const auto vo = readObject(object->value(u"voiceover"_s), voLocation)) {
                    checkFields(*vo, voLocation, {u"text", u"voice", u"language"});
                    if (require(*vo, voLocation, u"text"_s)) {
                        if (const auto text = readString(*vo, voLocation, u"text"_s))
                            scene.voiceOver.text = *text;
                    }
                    if (const auto voice = readString(*vo, voLocation, u"voice"_s))
                        scene.voiceOver.voice = *voice;
                    if (const auto language = readString(*vo, voLocation, u"language"_s))
                        scene.voiceOver.language = *language;
                }
            }
            if (const auto title = readString(*object, at, u"title"_s))
                scene.title = *title;
            const QString shotsLocation = child(at, u"shots"_s);
            if (require(*object, at, u"shots"_s)) {
                if (const auto shots = readArray(object->value(u"shots"_s), shotsLocation)) {
                    if (shots->isEmpty())
                        add(shotsLocation, u"at least one shot is required"_s);
                    for (qsizetype j = 0; j < shots->size(); ++j) {
                        Shot shot;
                        shot.image = project->imageDefaults;
                        shot.video = project->videoDefaults;
                        readShot(shots->at(j), element(shotsLocation, j), &shotIds, &shot);
                        scene.shots.append(shot);
                    }
                }
            }
            project->scenes.append(scene);
        }
    }

    void readShot(const QJsonValue &value, const QString &at,
                  QHash<QString, std::pair<QString, QString>> *shotIds, Shot *shot)
    {
        const auto object = readObject(value, at);
        if (!object)
            return;
        checkFields(*object, at,
                    {u"id", u"title", u"prompt", u"negative", u"seed", u"image", u"video"});
        if (const auto id = readId(*object, at)) {
            shot->id = *id;
            checkUnique(shotIds, *id, at);
        }
        if (const auto title = readString(*object, at, u"title"_s))
            shot->title = *title;
        if (require(*object, at, u"prompt"_s)) {
            if (const auto prompt = readString(*object, at, u"prompt"_s)) {
                if (prompt->trimmed().isEmpty())
                    add(child(at, u"prompt"_s), u"must not be empty"_s);
                shot->prompt = *prompt;
            }
        }
        if (const auto negative = readString(*object, at, u"negative"_s))
            shot->negativePrompt = *negative;
        if (const auto seed =
                readInt(*object, at, u"seed"_s, IntRule::NonNegative, StoryboardLoader::kMaxSeed)) {
            shot->seed = *seed;
        } else {
            shot->seed = StoryboardLoader::defaultSeed(shot->id);
        }
        readImage(object->value(u"image"_s), child(at, u"image"_s), &shot->image);
        readVideo(object->value(u"video"_s), child(at, u"video"_s), &shot->video);
    }

    QString m_sourceName;
    QStringList m_knownProviderIds;
    QStringList m_profileIds;
    QList<ValidationIssue> m_issues;
};

// Reads a whole file after checking its size, so that a huge file is refused unread.
std::optional<QByteArray> readStoryboardFile(const QString &path, const QString &sourceName,
                                             QList<ValidationIssue> *issues)
{
    const QFileInfo info(path);
    const QString limit = QString::number(StoryboardLoader::kMaxFileBytes / (1024 * 1024));
    if (info.exists() && info.isFile() && info.size() > StoryboardLoader::kMaxFileBytes) {
        issues->append(
            {sourceName, u"file is %1, larger than the %2 MB limit for a storyboard"_s.arg(
                             megabytes(info.size()), limit)});
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        issues->append({sourceName, u"cannot open: "_s + file.errorString()});
        return std::nullopt;
    }
    // The file may have grown since it was measured, or be a device without a size.
    QByteArray data = file.read(StoryboardLoader::kMaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        issues->append({sourceName, u"cannot read: "_s + file.errorString()});
        return std::nullopt;
    }
    if (data.size() > StoryboardLoader::kMaxFileBytes) {
        issues->append(
            {sourceName, u"file is larger than the %1 MB limit for a storyboard"_s.arg(limit)});
        return std::nullopt;
    }
    return data;
}

} // namespace

QString ValidationIssue::toString() const
{
    return location + u": "_s + message;
}

QStringList LoadResult::issueStrings() const
{
    QStringList lines;
    lines.reserve(issues.size());
    for (const ValidationIssue &issue : issues)
        lines.append(issue.toString());
    return lines;
}

LoadResult StoryboardLoader::loadFile(const QString &path, const QStringList &knownProviderIds)
{
    const QFileInfo info(path);
    const QString sourceName = info.fileName();
    LoadResult result;
    auto data = readStoryboardFile(path, sourceName, &result.issues);
    if (!data)
        return result;
    if (info.suffix().compare(u"csv"_s, Qt::CaseInsensitive) == 0)
        result = loadCsv(*data, sourceName, knownProviderIds);
    else
        result = loadJson(*data, sourceName, knownProviderIds);
    if (result.project) {
        result.project->filePath = info.absoluteFilePath();
        // Workflow templates of network profiles are found beside the storyboard.
        for (ProviderProfile &profile : result.project->providers) {
            for (const QString &option : {u"workflow"_s, u"videoWorkflow"_s}) {
                const QString file = profile.options.value(option).toString();
                if (!file.isEmpty() && QDir::isRelativePath(file))
                    profile.options.insert(option, info.absoluteDir().absoluteFilePath(file));
            }
            profile.origin = sourceName;
        }
    }
    return result;
}

LoadResult StoryboardLoader::importCsv(const QString &path, const QStringList &knownProviderIds)
{
    const QFileInfo info(path);
    const QString sourceName = info.fileName();
    LoadResult result;
    auto data = readStoryboardFile(path, sourceName, &result.issues);
    if (!data)
        return result;
    result = loadCsv(*data, sourceName, knownProviderIds);
    if (result.project) {
        result.project->filePath = info.absoluteFilePath();
        // Workflow templates of network profiles are found beside the storyboard.
        for (ProviderProfile &profile : result.project->providers) {
            for (const QString &option : {u"workflow"_s, u"videoWorkflow"_s}) {
                const QString file = profile.options.value(option).toString();
                if (!file.isEmpty() && QDir::isRelativePath(file))
                    profile.options.insert(option, info.absoluteDir().absoluteFilePath(file));
            }
            profile.origin = sourceName;
        }
    }
    return result;
}

LoadResult StoryboardLoader::loadJson(const QByteArray &input, const QString &sourceName,
                                      const QStringList &knownProviderIds)
{
    LoadResult result;
    QByteArray data = input;
    if (!checkText(&data, sourceName, &result.issues))
        return result;
    if (data.trimmed().isEmpty()) {
        result.issues.append({sourceName, u"file is empty"_s});
        return result;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(data, error.offset);
        result.issues.append(
            {sourceName + u':' + QString::number(line) + u':' + QString::number(column),
             u"JSON syntax error: "_s + error.errorString()});
        return result;
    }
    if (!document.isObject()) {
        result.issues.append(
            {sourceName, u"expected a JSON object at the top level, got an array"_s});
        return result;
    }
    JsonProjectReader reader(sourceName, knownProviderIds);
    Project project = reader.read(document.object());
    result.issues = reader.issues();
    capIssues(&result.issues, sourceName);
    if (result.issues.isEmpty())
        result.project = std::move(project);
    return result;
}

LoadResult StoryboardLoader::loadCsv(const QByteArray &input, const QString &sourceName,
                                     const QStringList &knownProviderIds)
{
    Q_UNUSED(knownProviderIds); // a shot list always runs on the built-in provider
    LoadResult result;
    QByteArray data = input;
    if (!checkText(&data, sourceName, &result.issues))
        return result;
    result = CsvImport::toProject(QString::fromUtf8(data), sourceName);
    capIssues(&result.issues, sourceName);
    if (!result.issues.isEmpty())
        result.project.reset();
    return result;
}

QByteArray StoryboardLoader::shotParamsHash(const Shot &shot, Stage stage)
{
    // Compact JSON with sorted keys: unambiguous and stable across versions of Qt.
    const QJsonObject image{
        {u"v"_s, 1},
        {u"stage"_s, u"image"_s},
        {u"prompt"_s, shot.prompt},
        {u"negative"_s, shot.negativePrompt},
        {u"seed"_s, QString::number(shot.seed)},
        {u"width"_s, shot.image.width},
        {u"height"_s, shot.image.height},
        {u"steps"_s, shot.image.steps},
    };
    const QByteArray imageHash =
        QCryptographicHash::hash(QJsonDocument(image).toJson(QJsonDocument::Compact),
                                 QCryptographicHash::Sha1)
            .toHex();
    if (stage == Stage::Image)
        return imageHash;
    const QJsonObject video{
        {u"v"_s, 1},
        {u"stage"_s, u"video"_s},
        {u"image"_s, QString::fromLatin1(imageHash)},
        {u"duration"_s, shot.video.durationSec},
        {u"fps"_s, shot.video.fps},
        {u"motion"_s, shot.video.motion},
    };
    return QCryptographicHash::hash(QJsonDocument(video).toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha1)
        .toHex();
}

QString StoryboardLoader::idProblem(const QString &id)
{
    if (id.isEmpty())
        return u"must not be empty"_s;
    if (id.size() > kMaxIdLength)
        return u"must be at most %1 characters long, got %2"_s.arg(kMaxIdLength).arg(id.size());
    const auto isWordChar = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    };
    for (const QChar c : id) {
        if (!isWordChar(c) && c != u'-' && c != u'_')
            return u"\"%1\" is not a valid id (letters, digits, - and _ only)"_s.arg(id);
    }
    if (!isWordChar(id.front()))
        return u"\"%1\" is not a valid id (it must start with a letter or digit)"_s.arg(id);
    // Device names that Windows refuses as folder names, with or without a number.
    static const QStringList reserved{u"con"_s, u"prn"_s, u"aux"_s, u"nul"_s};
    const QString lower = id.toLower();
    const bool isPort = lower.size() == 4 &&
                        (lower.startsWith(u"com"_s) || lower.startsWith(u"lpt"_s)) &&
                        lower.at(3) >= u'1' && lower.at(3) <= u'9';
    if (reserved.contains(lower) || isPort)
        return u"\"%1\" is not a valid id (reserved as a device name on Windows)"_s.arg(id);
    return {};
}

qint64 StoryboardLoader::defaultSeed(const QString &shotId)
{
    const QByteArray digest = QCryptographicHash::hash(QByteArray("retake-seed:" + shotId.toUtf8()),
                                                       QCryptographicHash::Sha1);
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value = (value << 8) | uchar(digest.at(i));
    return qint64(value & 0x7FFFFFFFu);
}

QStringList StoryboardLoader::motions()
{
    return {u"zoom-in"_s, u"zoom-out"_s, u"pan-left"_s, u"pan-right"_s, u"static"_s};
}

QStringList StoryboardLoader::providerKinds()
{
    return {u"local"_s,      u"comfyui"_s,   u"a1111"_s, u"openai-images"_s,
            u"openai-tts"_s, u"replicate"_s, u"fal"_s};
}

} // namespace retake
