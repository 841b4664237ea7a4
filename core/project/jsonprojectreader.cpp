#include "project/jsonprojectreader.h"

#include "project/loadissues.h"
#include "project/profilereader.h"
#include "project/shotstages.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

using loadissues::child;
using loadissues::describe;
using loadissues::element;
using loadissues::formatNumber;

namespace {

constexpr int kMaxConcurrency = 256;
constexpr qint64 kMaxRetries = 100;
constexpr qint64 kMaxBaseDelayMs = qint64(60) * 60 * 1000;
constexpr qint64 kMaxMaxDelayMs = qint64(24) * 60 * 60 * 1000;

} // namespace

JsonProjectReader::JsonProjectReader(const QString &sourceName, const QStringList &knownProviderIds)
    : m_sourceName(sourceName), m_knownProviderIds(knownProviderIds)
{
}

Project JsonProjectReader::read(const QJsonObject &root)
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
                {u"$schema", u"format", u"title", u"defaults", u"providers", u"providerProfiles",
                 u"retry", u"assemble", u"scenes"});
    readString(root, QString(), u"$schema"_s);
    if (const auto title = readString(root, QString(), u"title"_s))
        project.title = *title;

    if (const auto defaults = readObject(root.value(u"defaults"_s), u"defaults"_s)) {
        checkFields(*defaults, u"defaults"_s, {u"image", u"video", u"stages"});
        m_defaultStages = readStages(*defaults, u"defaults"_s);
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

void JsonProjectReader::add(const QString &location, const QString &message)
{
    m_issues.append({location, message});
}

void JsonProjectReader::checkFields(const QJsonObject &object, const QString &location,
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

bool JsonProjectReader::require(const QJsonObject &object, const QString &location,
                                const QString &key)
{
    if (object.contains(key))
        return true;
    add(child(location, key), u"missing"_s);
    return false;
}

std::optional<QJsonObject> JsonProjectReader::readObject(const QJsonValue &value,
                                                         const QString &location)
{
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isObject()) {
        add(location, u"expected an object"_s);
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QJsonArray> JsonProjectReader::readArray(const QJsonValue &value,
                                                       const QString &location)
{
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isArray()) {
        add(location, u"expected an array"_s);
        return std::nullopt;
    }
    return value.toArray();
}

std::optional<QString> JsonProjectReader::readString(const QJsonObject &object,
                                                     const QString &parent, const QString &key)
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

std::optional<qint64> JsonProjectReader::readInt(const QJsonObject &object, const QString &parent,
                                                 const QString &key, IntRule rule, qint64 maximum)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return std::nullopt;
    const QString location = child(parent, key);
    const qint64 minimum = rule == IntRule::Positive ? 1 : 0;
    const double number = value.toDouble();
    if (!value.isDouble() || std::floor(number) != number || number < double(minimum)) {
        add(location,
            u"must be a %1 integer, got %2"_s.arg(
                rule == IntRule::Positive ? u"positive"_s : u"non-negative"_s, describe(value)));
        return std::nullopt;
    }
    if (number > double(maximum)) {
        add(location,
            u"must be at most %1, got %2"_s.arg(QString::number(maximum), describe(value)));
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<double> JsonProjectReader::readNumber(const QJsonObject &object,
                                                    const QString &parent, const QString &key,
                                                    NumberRule rule, std::optional<double> maximum,
                                                    std::optional<double> minimum)
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
    if (minimum && number < *minimum) {
        add(location,
            u"must be at least %1, got %2"_s.arg(formatNumber(*minimum), describe(value)));
        return std::nullopt;
    }
    if (maximum && number > *maximum) {
        add(location, u"must be at most %1, got %2"_s.arg(formatNumber(*maximum), describe(value)));
        return std::nullopt;
    }
    return number;
}

std::optional<QString> JsonProjectReader::readId(const QJsonObject &object, const QString &parent)
{
    if (!require(object, parent, u"id"_s))
        return std::nullopt;
    auto id = readString(object, parent, u"id"_s);
    if (!id)
        return std::nullopt;
    const QString problem = StoryboardLoader::idProblem(*id);
    if (!problem.isEmpty()) {
        add(child(parent, u"id"_s), problem);
        return std::nullopt;
    }
    return id;
}

bool JsonProjectReader::checkUnique(SeenIds *seen, const QString &id, const QString &parent)
{
    const QString key = id.toLower();
    const auto it = seen->constFind(key);
    if (it == seen->cend()) {
        seen->insert(key, {id, parent});
        return true;
    }
    const auto &[firstId, firstLocation] = *it;
    if (firstId == id) {
        add(child(parent, u"id"_s), u"duplicate id \"%1\" (first at %2)"_s.arg(id, firstLocation));
    } else {
        add(child(parent, u"id"_s),
            u"duplicate id \"%1\" (first at %2 as \"%3\"; folder names ignore case on "
            u"Windows and macOS)"_s.arg(id, firstLocation, firstId));
    }
    return false;
}

void JsonProjectReader::readImage(const QJsonValue &value, const QString &location,
                                  ImageParams *params)
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

void JsonProjectReader::readVideo(const QJsonValue &value, const QString &location,
                                  VideoParams *params)
{
    const auto object = readObject(value, location);
    if (!object)
        return;
    checkFields(*object, location, {u"duration", u"fps", u"motion"});
    if (const auto duration =
            readNumber(*object, location, u"duration"_s, NumberRule::Positive,
                       StoryboardLoader::kMaxDurationSec, StoryboardLoader::kMinDurationSec)) {
        params->durationSec = *duration;
    }
    if (const auto fps =
            readInt(*object, location, u"fps"_s, IntRule::Positive, StoryboardLoader::kMaxFps)) {
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

void JsonProjectReader::readFaults(const QJsonValue &value, const QString &location,
                                   FaultProfile *faults)
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
                u"unknown error class \"%1\" (expected one of: %2)"_s.arg(it.key(),
                                                                          classes.join(u", "_s)));
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

void JsonProjectReader::readProfiles(const QJsonValue &value, Project *project)
{
    const QString location = u"providerProfiles"_s;
    const auto array = readArray(value, location);
    if (!array)
        return;
    SeenIds seen;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString at = element(location, i);
        const auto object = readObject(array->at(i), at);
        if (!object)
            continue;
        checkFields(*object, at,
                    {u"id", u"kind", u"model", u"maxConcurrency", u"costPerUnit", u"faults",
                     u"options", u"baseUrl", u"keyRef", u"stages", u"timeouts", u"maxDownloadBytes",
                     u"maxRedirects", u"allowHttpHosts", u"rateLimit", u"maxWaitMs", u"endpoints"});
        ProviderProfile profile;
        bool usable = true;
        if (const auto id = readId(*object, at)) {
            profile.id = *id;
            if (id->compare(QString::fromUtf16(kBuiltinProviderId), Qt::CaseInsensitive) == 0) {
                add(child(at, u"id"_s),
                    u"\"%1\" is reserved for the built-in provider; choose another id"_s.arg(*id));
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
        if (const auto cost = readNumber(*object, at, u"costPerUnit"_s, NumberRule::NonNegative)) {
            profile.costPerUnit = *cost;
        }
        readFaults(object->value(u"faults"_s), child(at, u"faults"_s), &profile.faults);
        if (const auto options = readObject(object->value(u"options"_s), child(at, u"options"_s))) {
            profile.options = options->toVariantMap();
            // How the engine conforms an output to the shot (engine/outputconformer.h).
            const QJsonValue fit = options->value(u"fit"_s);
            if (!fit.isUndefined() &&
                !QStringList{u"pad"_s, u"crop"_s, u"stretch"_s}.contains(fit.toString())) {
                add(child(child(at, u"options"_s), u"fit"_s),
                    u"must be \"pad\", \"crop\" or \"stretch\", got %1"_s.arg(
                        QString::fromUtf8(
                            QJsonDocument(QJsonArray{fit}).toJson(QJsonDocument::Compact))
                            .mid(1)
                            .chopped(1)));
            }
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

void JsonProjectReader::readPreferences(const QJsonValue &value, Project *project)
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

void JsonProjectReader::readRetry(const QJsonValue &value, RetrySettings *retry)
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
    if (const auto n =
            readInt(*object, location, u"retriesPerRung"_s, IntRule::NonNegative, kMaxRetries)) {
        retry->retriesPerRung = int(*n);
    }
    if (cap && retry->maxDelayMs < retry->baseDelayMs) {
        add(child(location, u"maxDelayMs"_s),
            u"must be at least baseDelayMs (%1), got %2"_s.arg(retry->baseDelayMs)
                .arg(retry->maxDelayMs));
    }
}

void JsonProjectReader::readScenes(const QJsonValue &value, Project *project)
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
    qsizetype shotCount = 0;
    for (const auto &scene : *array)
        shotCount += scene.toObject().value(u"shots"_s).toArray().size();
    if (shotCount > StoryboardLoader::kMaxShots) {
        add(location, StoryboardLoader::tooManyShots(shotCount));
        return;
    }
    SeenIds sceneIds;
    SeenIds shotIds;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString at = element(location, i);
        const auto object = readObject(array->at(i), at);
        if (!object)
            continue;
        checkFields(*object, at, {u"id", u"title", u"shots", u"voiceover", u"stages"});
        const std::optional<ShotStages> sceneStages = readStages(*object, at);
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
                    // Shot overrides scene overrides defaults.
                    shot.stages =
                        sceneStages.value_or(m_defaultStages.value_or(ShotStages::ImageAndVideo));
                    const QString source = sceneStages       ? u"its scene's \"stages\""_s
                                           : m_defaultStages ? u"defaults.stages"_s
                                                             : u"default"_s;
                    readShot(shots->at(j), element(shotsLocation, j), &shotIds, &shot, source);
                    scene.shots.append(shot);
                }
            }
        }
        project->scenes.append(scene);
    }
}

void JsonProjectReader::readShot(const QJsonValue &value, const QString &at, SeenIds *shotIds,
                                 Shot *shot, const QString &stagesSource)
{
    const auto object = readObject(value, at);
    if (!object)
        return;
    checkFields(*object, at,
                {u"id", u"title", u"prompt", u"negative", u"seed", u"image", u"video", u"stages",
                 u"inputImage"});
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
    readShotStages(*object, at, shot, stagesSource);
}

std::optional<ShotStages> JsonProjectReader::readStages(const QJsonObject &object,
                                                        const QString &parent)
{
    const auto text = readString(object, parent, u"stages"_s);
    if (!text)
        return std::nullopt;
    const auto stages = shotstages::parse(*text);
    if (!stages)
        add(child(parent, u"stages"_s), shotstages::unknownValue(*text));
    return stages;
}

void JsonProjectReader::readShotStages(const QJsonObject &object, const QString &at, Shot *shot,
                                       QString stagesSource)
{
    if (object.contains(u"stages"_s)) {
        const auto stages = readStages(object, at);
        if (!stages)
            return; // one message for the unknown value, none about its consequences
        shot->stages = *stages;
        stagesSource = u"the shot's \"stages\""_s;
    }
    if (const auto input = readString(object, at, u"inputImage"_s))
        shot->inputImage = input->isEmpty() ? u" "_s : *input; // "" counts as missing
    QString problem = shotstages::checkDeclaration(*shot, stagesSource);
    if (problem.isEmpty())
        problem = shotstages::resolveInputImage(m_baseDir, shot);
    if (!problem.isEmpty())
        add(child(at, u"inputImage"_s), problem);
}

} // namespace retake
