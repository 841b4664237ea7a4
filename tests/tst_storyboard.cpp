// Storyboard format "retake-project/1": validation messages (exact strings), defaults,
// CSV import, the file-level guards (size, encoding, syntax), the demo project and the
// JSON Schema shipped for it.
#include "project/csvimport.h"
#include "project/storyboardloader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fcntl.h>
#include <functional>
#include <future>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

const QString kSource = u"test.retake.json"_s;

// Test documents are written with ' for " to keep them readable.
QByteArray doc(const char *text)
{
    QByteArray data(text);
    data.replace('\'', '"');
    return data;
}

#define FORMAT "'format':'retake-project/1'"
#define ONE_SCENE "'scenes':[{'id':'s01','shots':[{'id':'s01-sh01','prompt':'p'}]}]"

// Wraps shot JSON in a valid document with one scene.
QByteArray withShot(const char *shot)
{
    return doc("{" FORMAT ",'scenes':[{'id':'s01','shots':[") + doc(shot) + "]}]}";
}

QString sourceDir()
{
    return QString::fromUtf8(RETAKE_SOURCE_DIR);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// A validator for the subset of JSON Schema 2020-12 that retake-project-1.schema.json
// uses. Unknown keywords make it fail loudly, so the subset cannot silently shrink.
class SchemaChecker
{
public:
    explicit SchemaChecker(const QJsonObject &root) : m_root(root) {}

    QStringList validate(const QJsonValue &value)
    {
        m_errors.clear();
        check(m_root, value, u"$"_s);
        return m_errors;
    }

private:
    static bool hasType(const QJsonValue &value, const QString &type)
    {
        if (type == u"object")
            return value.isObject();
        if (type == u"array")
            return value.isArray();
        if (type == u"string")
            return value.isString();
        if (type == u"number")
            return value.isDouble();
        if (type == u"integer")
            return value.isDouble() && std::floor(value.toDouble()) == value.toDouble();
        if (type == u"boolean")
            return value.isBool();
        if (type == u"null")
            return value.isNull();
        return false;
    }

    void fail(const QString &path, const QString &what) { m_errors.append(path + u": "_s + what); }

    bool matches(const QJsonObject &schema, const QJsonValue &value, const QString &path)
    {
        const qsizetype before = m_errors.size();
        check(schema, value, path);
        const bool ok = m_errors.size() == before;
        m_errors.resize(before);
        return ok;
    }

    void check(const QJsonObject &schema, const QJsonValue &value, const QString &path)
    {
        static const QSet<QString> annotations{u"$schema"_s,     u"$id"_s,     u"title"_s,
                                               u"description"_s, u"default"_s, u"$defs"_s,
                                               u"examples"_s};
        for (auto it = schema.begin(); it != schema.end(); ++it) {
            const QString keyword = it.key();
            const QJsonValue arg = it.value();
            if (annotations.contains(keyword)) {
                continue;
            } else if (keyword == u"$ref") {
                const QString ref = arg.toString();
                QVERIFY2(ref.startsWith(u"#/$defs/"_s), qPrintable(ref));
                const QJsonObject target =
                    m_root.value(u"$defs"_s).toObject().value(ref.mid(8)).toObject();
                QVERIFY2(!target.isEmpty(), qPrintable(u"dangling $ref "_s + ref));
                check(target, value, path);
            } else if (keyword == u"type") {
                if (!hasType(value, arg.toString()))
                    fail(path, u"not of type "_s + arg.toString());
            } else if (keyword == u"const") {
                if (value != arg)
                    fail(path, u"not the constant"_s);
            } else if (keyword == u"enum") {
                if (!arg.toArray().contains(value))
                    fail(path, u"not in enum"_s);
            } else if (keyword == u"required") {
                for (const QJsonValue &name : arg.toArray()) {
                    if (value.isObject() && !value.toObject().contains(name.toString()))
                        fail(path, u"missing "_s + name.toString());
                }
            } else if (keyword == u"properties") {
                const QJsonObject object = value.toObject();
                const QJsonObject properties = arg.toObject();
                for (auto p = properties.begin(); p != properties.end(); ++p) {
                    if (value.isObject() && object.contains(p.key()))
                        check(p.value().toObject(), object.value(p.key()), path + u'.' + p.key());
                }
            } else if (keyword == u"additionalProperties") {
                if (!value.isObject())
                    continue;
                const QJsonObject properties = schema.value(u"properties"_s).toObject();
                const QJsonObject object = value.toObject();
                for (auto p = object.begin(); p != object.end(); ++p) {
                    if (properties.contains(p.key()))
                        continue;
                    if (arg.isBool() && !arg.toBool())
                        fail(path, u"additional property "_s + p.key());
                    else if (arg.isObject())
                        check(arg.toObject(), p.value(), path + u'.' + p.key());
                }
            } else if (keyword == u"propertyNames") {
                const QJsonObject object = value.toObject();
                for (auto p = object.begin(); p != object.end(); ++p)
                    check(arg.toObject(), QJsonValue(p.key()), path + u'.' + p.key());
            } else if (keyword == u"items") {
                const QJsonArray array = value.toArray();
                for (qsizetype i = 0; i < array.size(); ++i)
                    check(arg.toObject(), array.at(i), path + u'[' + QString::number(i) + u']');
            } else if (keyword == u"minItems") {
                if (value.isArray() && value.toArray().size() < arg.toInt())
                    fail(path, u"too few items"_s);
            } else if (keyword == u"uniqueItems") {
                const QJsonArray array = value.toArray();
                for (qsizetype i = 0; i < array.size(); ++i) {
                    for (qsizetype j = i + 1; j < array.size(); ++j) {
                        if (array.at(i) == array.at(j))
                            fail(path, u"duplicate items"_s);
                    }
                }
            } else if (keyword == u"pattern") {
                const QRegularExpression re(arg.toString());
                QVERIFY(re.isValid());
                if (value.isString() && !re.match(value.toString()).hasMatch())
                    fail(path, u"does not match "_s + arg.toString());
            } else if (keyword == u"minLength") {
                if (value.isString() && value.toString().size() < arg.toInt())
                    fail(path, u"too short"_s);
            } else if (keyword == u"maxLength") {
                if (value.isString() && value.toString().size() > arg.toInt())
                    fail(path, u"too long"_s);
            } else if (keyword == u"minimum") {
                if (value.isDouble() && value.toDouble() < arg.toDouble())
                    fail(path, u"below minimum"_s);
            } else if (keyword == u"maximum") {
                if (value.isDouble() && value.toDouble() > arg.toDouble())
                    fail(path, u"above maximum"_s);
            } else if (keyword == u"exclusiveMinimum") {
                if (value.isDouble() && value.toDouble() <= arg.toDouble())
                    fail(path, u"not above exclusive minimum"_s);
            } else if (keyword == u"not") {
                if (matches(arg.toObject(), value, path))
                    fail(path, u"matches a forbidden schema"_s);
            } else if (keyword == u"allOf") {
                for (const QJsonValue &sub : arg.toArray())
                    check(sub.toObject(), value, path);
            } else {
                QFAIL(qPrintable(u"schema keyword not supported by the test: "_s + keyword));
            }
        }
    }

    QJsonObject m_root;
    QStringList m_errors;
};

QJsonObject loadSchema()
{
    QFile file(sourceDir() + u"/resources/schema/retake-project-1.schema.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestStoryboard : public QObject
{
    Q_OBJECT

private slots:
    void issueToString();

    void brokenStoryboards_data();
    void brokenStoryboards();
    void knownProviderIdsAreAccepted();
    void syntaxErrorHasLineAndColumn();
    void invalidUtf8IsRefused();
    void byteOrderMarkIsAccepted();
    void hugeFileIsRefusedUnread();
    void missingFileCannotBeOpened();
    void directoryCannotBeOpened();
    void fifoIsRefusedUnopened();
    void deviceIsRefusedUnread();

    void defaultsAreMergedIntoShots();
    void builtInDefaultsApplyWithoutDefaults();
    void missingSeedIsDerivedFromShotId();
    void providerProfilesAreMapped();
    void loadFileDispatchesOnExtension();

    void csvRecords_data();
    void csvRecords();
    void csvExampleImports();
    void csvHeaderIsCaseInsensitiveInAnyOrder();
    void csvErrors_data();
    void csvErrors();
    void csvInvalidUtf8IsRefused();
    void issuesAreCapped();
    void tooManyShotsAreRefused();

    void demoLoads();
    void schemaIsValidJson();
    void schemaIsEmbedded();
    void demoMatchesSchema();
    void csvExampleBecomesSchemaValidProject();
    void stagesMatchSchemaAndItsExamples();

    void shotParamsHashFollowsOutputParameters();
};

void TestStoryboard::issueToString()
{
    const ValidationIssue issue{u"scenes[0].id"_s, u"missing"_s};
    QCOMPARE(issue.toString(), u"scenes[0].id: missing"_s);
    LoadResult result;
    QVERIFY(!result.ok());
    result.project = Project();
    QVERIFY(result.ok());
    result.issues.append(issue);
    QVERIFY(!result.ok());
    QCOMPARE(result.issueStrings(), QStringList{u"scenes[0].id: missing"_s});
}

void TestStoryboard::brokenStoryboards_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected");
    // Whether the JSON Schema alone rejects the document too (it cannot see duplicates,
    // references between fields or sums).
    QTest::addColumn<bool>("schemaRejects");

    QTest::newRow("missing prompt") << doc("{" FORMAT ",'scenes':["
                                           "{'id':'s01','shots':[{'id':'a','prompt':'p'}]},"
                                           "{'id':'s02','shots':[{'id':'b','prompt':'p'}]},"
                                           "{'id':'s03','shots':[{'id':'c'}]}]}")
                                    << QStringList{u"scenes[2].shots[0].prompt: missing"_s} << true;
    QTest::newRow("empty prompt") << withShot("{'id':'a','prompt':'  '}")
                                  << QStringList{u"scenes[0].shots[0].prompt: must not be empty"_s}
                                  << true;
    QTest::newRow("duplicate shot id")
        << withShot("{'id':'s01-sh01','prompt':'p'},{'id':'s01-sh01','prompt':'q'}")
        << QStringList{u"scenes[0].shots[1].id: duplicate id \"s01-sh01\" "
                       u"(first at scenes[0].shots[0])"_s}
        << false;
    QTest::newRow("duplicate shot id across scenes")
        << doc("{" FORMAT ",'scenes':["
               "{'id':'s01','shots':[{'id':'x','prompt':'p'}]},"
               "{'id':'s02','shots':[{'id':'y','prompt':'p'},{'id':'x','prompt':'p'}]}]}")
        << QStringList{u"scenes[1].shots[1].id: duplicate id \"x\" (first at scenes[0].shots[0])"_s}
        << false;
    QTest::newRow("duplicate shot id in another case")
        << withShot("{'id':'s01-sh01','prompt':'p'},{'id':'S01-SH01','prompt':'q'}")
        << QStringList{u"scenes[0].shots[1].id: duplicate id \"S01-SH01\" (first at "
                       u"scenes[0].shots[0] as \"s01-sh01\"; folder names ignore case on "
                       u"Windows and macOS)"_s}
        << false;
    QTest::newRow("duplicate scene id")
        << doc("{" FORMAT ",'scenes':["
               "{'id':'s01','shots':[{'id':'a','prompt':'p'}]},"
               "{'id':'s01','shots':[{'id':'b','prompt':'p'}]}]}")
        << QStringList{u"scenes[1].id: duplicate id \"s01\" (first at scenes[0])"_s} << false;
    QTest::newRow("unknown provider")
        << doc("{" FORMAT ",'providers':{'image':['local','foo']}," ONE_SCENE "}")
        << QStringList{u"providers.image[1]: unknown provider \"foo\""_s} << false;
    QTest::newRow("provider listed twice")
        << doc("{" FORMAT ",'providers':{'video':['local','local']}," ONE_SCENE "}")
        << QStringList{u"providers.video[1]: \"local\" is listed twice (first at "
                       u"providers.video[0])"_s}
        << true;
    QTest::newRow("empty provider list")
        << doc("{" FORMAT ",'providers':{'image':[]}," ONE_SCENE "}")
        << QStringList{u"providers.image: at least one provider is required"_s} << true;
    QTest::newRow("provider id not a string")
        << doc("{" FORMAT ",'providers':{'image':[7]}," ONE_SCENE "}")
        << QStringList{u"providers.image[0]: expected a string"_s} << true;
    QTest::newRow("unknown stage in providers")
        << doc("{" FORMAT ",'providers':{'music':['local']}," ONE_SCENE "}")
        << QStringList{u"providers.music: unknown field (expected one of: image, video, audio)"_s}
        << true;
    QTest::newRow("negative width")
        << withShot("{'id':'a','prompt':'p','image':{'width':-5}}")
        << QStringList{u"scenes[0].shots[0].image.width: must be a positive integer, got -5"_s}
        << true;
    QTest::newRow("zero height in defaults")
        << doc("{" FORMAT ",'defaults':{'image':{'height':0}}," ONE_SCENE "}")
        << QStringList{u"defaults.image.height: must be a positive integer, got 0"_s} << true;
    QTest::newRow("fractional steps")
        << withShot("{'id':'a','prompt':'p','image':{'steps':2.5}}")
        << QStringList{u"scenes[0].shots[0].image.steps: must be a positive integer, got 2.5"_s}
        << true;
    QTest::newRow("width too large")
        << withShot("{'id':'a','prompt':'p','image':{'width':10000}}")
        << QStringList{u"scenes[0].shots[0].image.width: must be at most 8192, got 10000"_s}
        << true;
    QTest::newRow("fps as a string")
        << withShot("{'id':'a','prompt':'p','video':{'fps':'12'}}")
        << QStringList{u"scenes[0].shots[0].video.fps: must be a positive integer, got \"12\""_s}
        << true;
    QTest::newRow("zero duration")
        << withShot("{'id':'a','prompt':'p','video':{'duration':0}}")
        << QStringList{u"scenes[0].shots[0].video.duration: must be a positive number, got 0"_s}
        << true;
    QTest::newRow("duration too short for a frame")
        << withShot("{'id':'a','prompt':'p','video':{'duration':1e-300}}")
        << QStringList{u"scenes[0].shots[0].video.duration: must be at least 0.1, got 1e-300"_s}
        << true;
    QTest::newRow("duration as a string")
        << doc("{" FORMAT ",'defaults':{'video':{'duration':'long'}}," ONE_SCENE "}")
        << QStringList{u"defaults.video.duration: must be a positive number, got \"long\""_s}
        << true;
    QTest::newRow("unknown motion")
        << withShot("{'id':'a','prompt':'p','video':{'motion':'spin'}}")
        << QStringList{u"scenes[0].shots[0].video.motion: unknown motion \"spin\" (expected one "
                       u"of: zoom-in, zoom-out, pan-left, pan-right, static)"_s}
        << true;
    QTest::newRow("negative seed")
        << withShot("{'id':'a','prompt':'p','seed':-1}")
        << QStringList{u"scenes[0].shots[0].seed: must be a non-negative integer, got -1"_s}
        << true;
    QTest::newRow("unknown format version")
        << doc("{'format':'retake-project/9','scenes':[]}")
        << QStringList{u"format: unknown format version \"retake-project/9\" (this Retake "
                       u"reads retake-project/1)"_s}
        << true;
    QTest::newRow("missing format, validation goes on")
        << doc("{'scenes':[{'id':'s01','shots':[{'id':'a'}]}]}")
        << QStringList{u"format: missing"_s, u"scenes[0].shots[0].prompt: missing"_s} << true;
    QTest::newRow("format not a string")
        << doc("{'format':1," ONE_SCENE "}") << QStringList{u"format: expected a string"_s} << true;
    QTest::newRow("wrong types")
        << doc("{" FORMAT ",'title':['x'],'scenes':["
               "{'id':'s01','shots':[{'id':'a','prompt':'p'}]},"
               "{'id':'s02','title':5,'shots':[{'id':'b','prompt':true,'negative':{}}]}]}")
        << QStringList{u"title: expected a string"_s, u"scenes[1].title: expected a string"_s,
                       u"scenes[1].shots[0].prompt: expected a string"_s,
                       u"scenes[1].shots[0].negative: expected a string"_s}
        << true;
    QTest::newRow("scenes not an array")
        << doc("{" FORMAT ",'scenes':{}}") << QStringList{u"scenes: expected an array"_s} << true;
    QTest::newRow("scene not an object") << doc("{" FORMAT ",'scenes':['s01']}")
                                         << QStringList{u"scenes[0]: expected an object"_s} << true;
    QTest::newRow("shots not an array")
        << doc("{" FORMAT ",'scenes':[{'id':'s01','shots':'a'}]}")
        << QStringList{u"scenes[0].shots: expected an array"_s} << true;
    QTest::newRow("defaults not an object")
        << doc("{" FORMAT ",'defaults':5," ONE_SCENE "}")
        << QStringList{u"defaults: expected an object"_s} << true;
    QTest::newRow("invalid id") << withShot("{'id':'a/b','prompt':'p'}")
                                << QStringList{u"scenes[0].shots[0].id: \"a/b\" is not a valid id "
                                               u"(letters, digits, - and _ only)"_s}
                                << true;
    QTest::newRow("id starting with a dash")
        << doc("{" FORMAT ",'scenes':[{'id':'-s1','shots':[{'id':'a','prompt':'p'}]}]}")
        << QStringList{u"scenes[0].id: \"-s1\" is not a valid id (it must start with a letter or "
                       u"digit)"_s}
        << true;
    QTest::newRow("id too long")
        << withShot(QByteArray("{'id':'" + QByteArray(65, 'a') + "','prompt':'p'}").constData())
        << QStringList{u"scenes[0].shots[0].id: must be at most 64 characters long, got 65"_s}
        << true;
    QTest::newRow("id is a Windows device name")
        << withShot("{'id':'CON','prompt':'p'}")
        << QStringList{u"scenes[0].shots[0].id: \"CON\" is not a valid id (reserved as a device "
                       u"name on Windows)"_s}
        << true;
    QTest::newRow("empty id") << withShot("{'id':'','prompt':'p'}")
                              << QStringList{u"scenes[0].shots[0].id: must not be empty"_s} << true;
    QTest::newRow("id not a string")
        << withShot("{'id':12,'prompt':'p'}")
        << QStringList{u"scenes[0].shots[0].id: expected a string"_s} << true;
    QTest::newRow("empty scenes")
        << doc("{" FORMAT ",'scenes':[]}")
        << QStringList{u"scenes: at least one scene with one shot is required"_s} << true;
    QTest::newRow("missing scenes")
        << doc("{" FORMAT "}") << QStringList{u"scenes: missing"_s} << true;
    QTest::newRow("scene without shots")
        << doc("{" FORMAT ",'scenes':[{'id':'s01','shots':[]},{'id':'s02'}]}")
        << QStringList{u"scenes[0].shots: at least one shot is required"_s,
                       u"scenes[1].shots: missing"_s}
        << true;
    QTest::newRow("unknown field")
        << withShot("{'id':'a','promt':'p'}")
        << QStringList{u"scenes[0].shots[0].promt: unknown field (expected one of: id, title, "
                       u"prompt, negative, seed, image, video, stages, inputImage)"_s,
                       u"scenes[0].shots[0].prompt: missing"_s}
        << true;
    QTest::newRow("unknown top-level field")
        << doc("{" FORMAT ",'scene':[]," ONE_SCENE "}")
        << QStringList{u"scene: unknown field (expected one of: format, title, defaults, "
                       u"providers, providerProfiles, retry, assemble, scenes)"_s}
        << true;
    QTest::newRow("unknown fault class")
        << doc("{" FORMAT ",'providerProfiles':[{'id':'studio','kind':'local',"
               "'faults':{'seed':7,'rates':{'explode':0.1}}}]," ONE_SCENE "}")
        << QStringList{u"providerProfiles[0].faults.rates.explode: unknown error class "
                       u"\"explode\" (expected one of: network, timeout, rate_limited, "
                       u"provider_unavailable, provider_error, out_of_memory, content_policy, "
                       u"invalid_request, "
                       u"auth, quota_exhausted, output_invalid, unsafe_output, file_io, "
                       u"disk_full, cancelled)"_s}
        << true;
    QTest::newRow("fault rate out of range")
        << doc("{" FORMAT ",'providerProfiles':[{'id':'studio','kind':'local',"
               "'faults':{'rates':{'timeout':1.5}}}]," ONE_SCENE "}")
        << QStringList{u"providerProfiles[0].faults.rates.timeout: must be a number from 0 to 1, "
                       u"got 1.5"_s}
        << true;
    QTest::newRow("fault rates above one")
        << doc("{" FORMAT ",'providerProfiles':[{'id':'studio','kind':'local',"
               "'faults':{'rates':{'timeout':0.6,'network':0.6}}}]," ONE_SCENE "}")
        << QStringList{u"providerProfiles[0].faults.rates: the rates add up to 1.2; at most 1 is "
                       u"possible"_s}
        << false;
    QTest::newRow("unknown provider kind")
        << doc("{" FORMAT ",'providerProfiles':[{'id':'mj','kind':'midjourney'}],"
               "'providers':{'image':['mj']}," ONE_SCENE "}")
        << QStringList{u"providerProfiles[0].kind: unknown provider kind \"midjourney\" (expected "
                       u"one of: local, comfyui, a1111, openai-images, openai-tts, replicate, "
                       u"fal)"_s}
        << true;
    QTest::newRow("duplicate provider profile")
        << doc("{" FORMAT ",'providerProfiles':[{'id':'studio','kind':'local'},"
               "{'id':'studio','kind':'comfyui'}]," ONE_SCENE "}")
        << QStringList{u"providerProfiles[1].id: duplicate id \"studio\" (first at "
                       u"providerProfiles[0])"_s}
        << false;
    QTest::newRow("provider profile named local")
        << doc("{" FORMAT ",'providerProfiles':[{'id':'local','kind':'local'}]," ONE_SCENE "}")
        << QStringList{u"providerProfiles[0].id: \"local\" is reserved for the built-in "
                       u"provider; choose another id"_s}
        << true;
    QTest::newRow("provider profile without id and kind")
        << doc("{" FORMAT ",'providerProfiles':[{'model':'m'}]," ONE_SCENE "}")
        << QStringList{u"providerProfiles[0].id: missing"_s, u"providerProfiles[0].kind: missing"_s}
        << true;
    QTest::newRow("provider profile numbers")
        << doc("{" FORMAT ",'providerProfiles':[{'id':'s','kind':'local','maxConcurrency':0,"
               "'costPerUnit':-1,'options':[]}]," ONE_SCENE "}")
        << QStringList{u"providerProfiles[0].maxConcurrency: must be a positive integer, got 0"_s,
                       u"providerProfiles[0].costPerUnit: must be a non-negative number, got -1"_s,
                       u"providerProfiles[0].options: expected an object"_s}
        << true;
    QTest::newRow("provider profile fit")
        << doc("{" FORMAT
               ",'providerProfiles':[{'id':'s','kind':'local','options':{'fit':'fill'}}]," ONE_SCENE
               "}")
        << QStringList{u"providerProfiles[0].options.fit: must be \"pad\", \"crop\" or "
                       u"\"stretch\", got \"fill\""_s}
        << true;
    QTest::newRow("retry settings")
        << doc("{" FORMAT ",'retry':{'baseDelayMs':2000,'maxDelayMs':100,'jitter':1.5,"
               "'maxRetries':-1}," ONE_SCENE "}")
        << QStringList{u"retry.maxRetries: must be a non-negative integer, got -1"_s,
                       u"retry.jitter: must be a number from 0 to 1, got 1.5"_s,
                       u"retry.maxDelayMs: must be at least baseDelayMs (2000), got 100"_s}
        << true;
    QTest::newRow("top level not an object")
        << doc("[]")
        << QStringList{u"test.retake.json: expected a JSON object at the top level, got an array"_s}
        << true;
    QTest::newRow("empty file") << QByteArray(" \n")
                                << QStringList{u"test.retake.json: file is empty"_s} << false;
    QTest::newRow("many problems at once, in document order")
        << doc("{" FORMAT ",'providers':{'image':['local','foo']},'scenes':["
               "{'id':'s01','shots':[{'id':'s01-sh01','prompt':'p','image':{'width':-5}},"
               "{'id':'s01-sh01','prompt':'p','video':{'motion':'spin'}}]},"
               "{'id':'s02','title':5,'shots':[{'id':'a/b'}]}]}")
        << QStringList{u"providers.image[1]: unknown provider \"foo\""_s,
                       u"scenes[0].shots[0].image.width: must be a positive integer, got -5"_s,
                       u"scenes[0].shots[1].id: duplicate id \"s01-sh01\" (first at "
                       u"scenes[0].shots[0])"_s,
                       u"scenes[0].shots[1].video.motion: unknown motion \"spin\" (expected one "
                       u"of: zoom-in, zoom-out, pan-left, pan-right, static)"_s,
                       u"scenes[1].title: expected a string"_s,
                       u"scenes[1].shots[0].id: \"a/b\" is not a valid id "
                       u"(letters, digits, - and _ only)"_s,
                       u"scenes[1].shots[0].prompt: missing"_s}
        << true;
    QTest::newRow("a broken profile is not also an unknown provider")
        << doc("{" FORMAT ",'providerProfiles':[{'id':'studio','kind':'nope'}],"
               "'providers':{'image':['studio']}," ONE_SCENE "}")
        << QStringList{u"providerProfiles[0].kind: unknown provider kind \"nope\" (expected one "
                       u"of: local, comfyui, a1111, openai-images, openai-tts, replicate, "
                       u"fal)"_s}
        << true;
}

void TestStoryboard::brokenStoryboards()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    QFETCH(bool, schemaRejects);

    const LoadResult result = StoryboardLoader::loadJson(json, kSource);

    QCOMPARE(result.issueStrings(), expected);
    QVERIFY(!result.ok());
    QVERIFY(!result.project.has_value());

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return;
    const QJsonValue root =
        document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    SchemaChecker checker(loadSchema());
    const QStringList schemaErrors = checker.validate(root);
    QVERIFY2(schemaErrors.isEmpty() != schemaRejects, qPrintable(schemaErrors.join(u'\n')));
}

void TestStoryboard::knownProviderIdsAreAccepted()
{
    const QByteArray json =
        doc("{" FORMAT ",'providers':{'image':['my-comfy','local']}," ONE_SCENE "}");

    QCOMPARE(StoryboardLoader::loadJson(json, kSource).issueStrings(),
             QStringList{u"providers.image[0]: unknown provider \"my-comfy\""_s});

    const LoadResult result = StoryboardLoader::loadJson(json, kSource, {u"my-comfy"_s});
    QVERIFY2(result.ok(), qPrintable(result.issueStrings().join(u'\n')));
    QCOMPARE(result.project->providerPreference.value(Stage::Image),
             (QStringList{u"my-comfy"_s, u"local"_s}));
    QCOMPARE(result.project->providerPreference.value(Stage::Video), QStringList{u"local"_s});
}

void TestStoryboard::syntaxErrorHasLineAndColumn()
{
    // Given a missing comma on line 3, after a two-byte character on that line
    const QByteArray json = "{\n  \"format\": \"retake-project/1\",\n"
                            "  \"t\xC3\xAFtle\": \"x\" \"scenes\": []\n}\n";
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    QVERIFY(error.error != QJsonParseError::NoError);

    const LoadResult result = StoryboardLoader::loadJson(json, kSource);

    // Then the position is Qt's offset as line and column, counted in characters
    // (Qt points just after the opening quote of "scenes").
    QCOMPARE(result.issueStrings(),
             QStringList{u"test.retake.json:3:17: JSON syntax error: "_s + error.errorString()});
    QVERIFY(!result.project);
}

void TestStoryboard::invalidUtf8IsRefused()
{
    QByteArray json = withShot("{'id':'a','prompt':'caf\xC3\xA9 noir'}");
    const qsizetype offset = json.indexOf("noir") - 1; // the space after the é
    QCOMPARE(StoryboardLoader::loadJson(json, kSource).issueStrings(), QStringList());

    json[offset] = char(0xFF);
    QCOMPARE(StoryboardLoader::loadJson(json, kSource).issueStrings(),
             QStringList{u"test.retake.json: not valid UTF-8 (byte offset %1)"_s.arg(offset)});

    // Overlong encodings and UTF-16 surrogates are not UTF-8 either.
    for (const QByteArray &bad : {QByteArray("\xC0\xAF"), QByteArray("\xED\xA0\x80"),
                                  QByteArray("\xC3"), QByteArray("\xF4\x90\x80\x80")}) {
        QByteArray broken = json;
        broken.replace(offset, 1, bad);
        QCOMPARE(StoryboardLoader::loadJson(broken, kSource).issueStrings(),
                 QStringList{u"test.retake.json: not valid UTF-8 (byte offset %1)"_s.arg(offset)});
    }
}

void TestStoryboard::byteOrderMarkIsAccepted()
{
    const LoadResult result =
        StoryboardLoader::loadJson("\xEF\xBB\xBF" + doc("{" FORMAT "," ONE_SCENE "}"), kSource);
    QVERIFY2(result.ok(), qPrintable(result.issueStrings().join(u'\n')));
}

void TestStoryboard::hugeFileIsRefusedUnread()
{
    // Given a sparse 200 MB storyboard
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"huge.retake.json"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(200ll * 1024 * 1024));
    }

    // When it is loaded
    QElapsedTimer timer;
    timer.start();
    const LoadResult result = StoryboardLoader::loadFile(path);
    const qint64 elapsedMs = timer.elapsed();

    // Then it is refused from its size (the message carries the size measured before
    // reading; a refusal after reading says no size) and without reading 200 MB.
    QCOMPARE(result.issueStrings(),
             QStringList{u"huge.retake.json: file is 200.0 MB, larger than the 16 MB limit for a "
                         u"storyboard"_s});
    QVERIFY(!result.project);
    QVERIFY2(elapsedMs < 2000, qPrintable(QString::number(elapsedMs)));

    const QString csvPath = dir.filePath(u"huge.csv"_s);
    QVERIFY(QFile::rename(path, csvPath));
    QCOMPARE(StoryboardLoader::importCsv(csvPath).issueStrings(),
             QStringList{u"huge.csv: file is 200.0 MB, larger than the 16 MB limit for a "
                         u"storyboard"_s});

    // Exactly at the limit is still read (and then judged on its content).
    QFile file(csvPath);
    QVERIFY(file.resize(StoryboardLoader::kMaxFileBytes));
    QCOMPARE(StoryboardLoader::loadFile(csvPath).issueStrings(),
             QStringList{u"huge.csv: not a text file (NUL byte at byte offset 0)"_s});
}

void TestStoryboard::missingFileCannotBeOpened()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const LoadResult result = StoryboardLoader::loadFile(dir.filePath(u"gone.retake.json"_s));
    QCOMPARE(result.issueStrings(),
             QStringList{u"gone.retake.json: cannot open: No such file or directory"_s});
    QCOMPARE(StoryboardLoader::importCsv(dir.filePath(u"gone.csv"_s)).issueStrings(),
             QStringList{u"gone.csv: cannot open: No such file or directory"_s});
}

void TestStoryboard::directoryCannotBeOpened()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"folder.retake.json"_s);
    QVERIFY(QDir().mkpath(path));
    const LoadResult result = StoryboardLoader::loadFile(path);
    QCOMPARE(result.issues.size(), 1);
    QVERIFY2(result.issues.first().toString().startsWith(u"folder.retake.json: cannot "_s),
             qPrintable(result.issues.first().toString()));
}

void TestStoryboard::fifoIsRefusedUnopened()
{
    // Given a FIFO named like a storyboard and like a CSV shot list
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString &name : {u"pipe.retake.json"_s, u"pipe.csv"_s}) {
        const QString path = dir.filePath(name);
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);

        // When it is loaded (on a thread: opening a FIFO for reading waits for a writer)
        std::packaged_task<LoadResult()> load([path] { return StoryboardLoader::loadFile(path); });
        std::future<LoadResult> loaded = load.get_future();
        std::thread thread(std::move(load));
        const bool hung = loaded.wait_for(std::chrono::seconds(5)) != std::future_status::ready;
        if (hung) {
            // Unblock the reader with a writer that closes at once, so the test can end.
            const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
        }
        thread.join();
        QVERIFY2(!hung, "loading a FIFO waited for a writer");

        // Then it is refused as no regular file, without waiting for a writer.
        const LoadResult result = loaded.get();
        QVERIFY(!result.project);
        QCOMPARE(result.issueStrings(),
                 QStringList{name + u": cannot read: not a regular file (a pipe, device or "
                                    u"folder); give the path of a storyboard saved as a file"_s});
    }
}

void TestStoryboard::deviceIsRefusedUnread()
{
    if (!QFileInfo::exists(u"/dev/zero"_s))
        QSKIP("needs /dev/zero");
    // Given a storyboard that is a link to an endless device
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"zero.retake.json"_s);
    QVERIFY(QFile::link(u"/dev/zero"_s, path));

    // When it is loaded, then it is refused as what the link points to, not read.
    QCOMPARE(StoryboardLoader::loadFile(path).issueStrings(),
             QStringList{u"zero.retake.json: cannot read: not a regular file (a pipe, device or "
                         u"folder); give the path of a storyboard saved as a file"_s});
    QCOMPARE(StoryboardLoader::importCsv(path).issueStrings(),
             StoryboardLoader::loadFile(path).issueStrings());
}

void TestStoryboard::defaultsAreMergedIntoShots()
{
    const QByteArray json =
        doc("{" FORMAT ",'title':'Merge',"
            "'defaults':{'image':{'width':640,'height':360},'video':{'duration':1.5,'fps':24}},"
            "'scenes':[{'id':'s01','title':'One','shots':["
            "{'id':'plain','prompt':'p'},"
            "{'id':'custom','title':'Custom','prompt':'q','negative':'n','seed':42,"
            "'image':{'width':320,'steps':8},'video':{'duration':3,'motion':'pan-left'}}]}]}");

    const LoadResult result = StoryboardLoader::loadJson(json, kSource);

    QVERIFY2(result.ok(), qPrintable(result.issueStrings().join(u'\n')));
    const Project &project = *result.project;
    QCOMPARE(project.title, u"Merge"_s);
    QCOMPARE(project.imageDefaults.width, 640);
    QCOMPARE(project.imageDefaults.height, 360);
    QCOMPARE(project.imageDefaults.steps, 20); // built-in default where the project is silent
    QCOMPARE(project.videoDefaults.durationSec, 1.5);
    QCOMPARE(project.videoDefaults.fps, 24);
    QCOMPARE(project.videoDefaults.motion, u"zoom-in"_s);
    QCOMPARE(project.scenes.size(), 1);
    QCOMPARE(project.scenes[0].title, u"One"_s);

    const Shot &plain = project.scenes[0].shots[0];
    QCOMPARE(plain.image.width, 640);
    QCOMPARE(plain.image.height, 360);
    QCOMPARE(plain.image.steps, 20);
    QCOMPARE(plain.video.durationSec, 1.5);
    QCOMPARE(plain.video.fps, 24);
    QCOMPARE(plain.video.motion, u"zoom-in"_s);

    const Shot &custom = project.scenes[0].shots[1];
    QCOMPARE(custom.id, u"custom"_s);
    QCOMPARE(custom.title, u"Custom"_s);
    QCOMPARE(custom.prompt, u"q"_s);
    QCOMPARE(custom.negativePrompt, u"n"_s);
    QCOMPARE(custom.seed, 42);
    QCOMPARE(custom.image.width, 320);  // shot wins
    QCOMPARE(custom.image.height, 360); // from defaults
    QCOMPARE(custom.image.steps, 8);
    QCOMPARE(custom.video.durationSec, 3.0);
    QCOMPARE(custom.video.fps, 24);
    QCOMPARE(custom.video.motion, u"pan-left"_s);
}

void TestStoryboard::builtInDefaultsApplyWithoutDefaults()
{
    const LoadResult result =
        StoryboardLoader::loadJson(doc("{" FORMAT "," ONE_SCENE "}"), u"my-film.retake.json"_s);
    QVERIFY(result.ok());
    const Project &project = *result.project;
    QCOMPARE(project.title, u"my-film"_s); // from the file name when there is no title
    QCOMPARE(project.providerPreference.value(Stage::Image), QStringList{u"local"_s});
    QCOMPARE(project.providerPreference.value(Stage::Video), QStringList{u"local"_s});
    QVERIFY(project.providers.isEmpty());
    QCOMPARE(project.retry.maxRetries, 3);
    QCOMPARE(project.retry.baseDelayMs, 2000);
    const Shot &shot = project.scenes[0].shots[0];
    QCOMPARE(shot.image.width, ImageParams().width);
    QCOMPARE(shot.image.height, ImageParams().height);
    QCOMPARE(shot.video.durationSec, VideoParams().durationSec);
    QCOMPARE(shot.video.motion, VideoParams().motion);
}

void TestStoryboard::missingSeedIsDerivedFromShotId()
{
    const QByteArray json = withShot("{'id':'a','prompt':'p'},{'id':'b','prompt':'p'},"
                                     "{'id':'c','prompt':'p','seed':0}");
    const LoadResult first = StoryboardLoader::loadJson(json, kSource);
    const LoadResult second = StoryboardLoader::loadJson(json, kSource);
    QVERIFY(first.ok());
    const QList<Shot> &shots = first.project->scenes[0].shots;

    QCOMPARE(shots[0].seed, StoryboardLoader::defaultSeed(u"a"_s));
    QCOMPARE(shots[1].seed, StoryboardLoader::defaultSeed(u"b"_s));
    QCOMPARE(second.project->scenes[0].shots[0].seed, shots[0].seed);
    QVERIFY(shots[0].seed != shots[1].seed);
    QCOMPARE(shots[2].seed, 0); // an explicit 0 is kept
    QVERIFY(shots[0].seed >= 0 && shots[0].seed <= 0x7FFFFFFF);
    // Pinned: the derivation must not change between versions, or old projects re-render.
    QCOMPARE(StoryboardLoader::defaultSeed(u"s01-sh01"_s),
             StoryboardLoader::defaultSeed(u"s01-sh01"_s));
    QCOMPARE(StoryboardLoader::defaultSeed(u"s01-sh01"_s), Q_INT64_C(1030985584));
}

void TestStoryboard::providerProfilesAreMapped()
{
    const QByteArray json =
        doc("{" FORMAT ",'providerProfiles':[{'id':'studio','kind':'local','model':'studio-xl',"
            "'maxConcurrency':3,'costPerUnit':0.02,"
            "'faults':{'seed':7,'rates':{'timeout':0.1,'rate_limited':0.05}},"
            "'options':{'latencyMs':50}},{'id':'cloud','kind':'replicate'},"
            "{'id':'voices','kind':'openai-tts','model':'tts-1-hd'}],"
            "'providers':{'image':['studio','cloud','local'],'video':['cloud'],"
            "'audio':['voices','local']},"
            "'retry':{'maxRetries':5,'baseDelayMs':100,'jitter':0,'maxDelayMs':1000,"
            "'retriesPerRung':2}," ONE_SCENE "}");

    const LoadResult result = StoryboardLoader::loadJson(json, kSource);

    QVERIFY2(result.ok(), qPrintable(result.issueStrings().join(u'\n')));
    const Project &project = *result.project;
    QCOMPARE(project.providers.size(), 3);
    const ProviderProfile *studio = project.provider(u"studio"_s);
    QVERIFY(studio);
    QCOMPARE(studio->kind, u"local"_s);
    QCOMPARE(studio->model, u"studio-xl"_s);
    QCOMPARE(studio->maxConcurrency, 3);
    QCOMPARE(studio->costPerUnit, 0.02);
    QCOMPARE(studio->faults.seed, quint64(7));
    QCOMPARE(studio->faults.rates.size(), 2);
    QCOMPARE(studio->faults.rates.value(ErrorClass::Timeout), 0.1);
    QCOMPARE(studio->faults.rates.value(ErrorClass::RateLimited), 0.05);
    QCOMPARE(studio->options.value(u"latencyMs"_s).toInt(), 50);
    const ProviderProfile *cloud = project.provider(u"cloud"_s);
    QVERIFY(cloud);
    QCOMPARE(cloud->kind, u"replicate"_s);
    QCOMPARE(cloud->maxConcurrency, 4);
    QVERIFY(cloud->faults.isEmpty());
    QCOMPARE(project.providerPreference.value(Stage::Image),
             (QStringList{u"studio"_s, u"cloud"_s, u"local"_s}));
    QCOMPARE(project.providerPreference.value(Stage::Video), QStringList{u"cloud"_s});
    QCOMPARE(project.provider(u"voices"_s)->kind, u"openai-tts"_s);
    QCOMPARE(project.providerPreference.value(Stage::Audio),
             (QStringList{u"voices"_s, u"local"_s}));
    QCOMPARE(project.retry.maxRetries, 5);
    QCOMPARE(project.retry.baseDelayMs, 100);
    QCOMPARE(project.retry.jitter, 0.0);
    QCOMPARE(project.retry.maxDelayMs, 1000);
    QCOMPARE(project.retry.retriesPerRung, 2);
}

void TestStoryboard::loadFileDispatchesOnExtension()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString jsonPath = dir.filePath(u"film.retake.json"_s);
    const QString csvPath = dir.filePath(u"list.CSV"_s);
    QVERIFY(writeFile(jsonPath, doc("{" FORMAT "," ONE_SCENE "}")));
    QVERIFY(writeFile(csvPath, "scene,shot,prompt\ns1,a,p\n"));
    const QString previousDir = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const auto restore = qScopeGuard([&] { QDir::setCurrent(previousDir); });

    const LoadResult json = StoryboardLoader::loadFile(u"film.retake.json"_s);
    QVERIFY2(json.ok(), qPrintable(json.issueStrings().join(u'\n')));
    QCOMPARE(json.project->filePath, QFileInfo(jsonPath).absoluteFilePath());
    QVERIFY(QFileInfo(json.project->filePath).isAbsolute());

    const LoadResult csv = StoryboardLoader::loadFile(u"list.CSV"_s);
    QVERIFY2(csv.ok(), qPrintable(csv.issueStrings().join(u'\n')));
    QCOMPARE(csv.project->filePath, QFileInfo(csvPath).absoluteFilePath());
    QCOMPARE(csv.project->scenes.value(0).shots.value(0).id, u"a"_s);

    // A CSV read as JSON would be a syntax error: the extension decides.
    QVERIFY(QFile::copy(csvPath, dir.filePath(u"list.retake.json"_s)));
    QVERIFY(StoryboardLoader::loadFile(u"list.retake.json"_s)
                .issueStrings()
                .value(0)
                .contains(u"JSON syntax error"_s));
}

void TestStoryboard::csvRecords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QList<QStringList>>("fields");

    QTest::newRow("plain") << u"a,b\nc,d\n"_s << QList<int>{1, 2}
                           << QList<QStringList>{{u"a"_s, u"b"_s}, {u"c"_s, u"d"_s}};
    QTest::newRow("no final newline, CRLF")
        << u"a,b\r\nc,d"_s << QList<int>{1, 2}
        << QList<QStringList>{{u"a"_s, u"b"_s}, {u"c"_s, u"d"_s}};
    QTest::newRow("old Mac line ends")
        << u"a\rb\r"_s << QList<int>{1, 2} << QList<QStringList>{{u"a"_s}, {u"b"_s}};
    QTest::newRow("quoted comma and doubled quote")
        << u"\"x, y\",\"say \"\"hi\"\"\",z\n"_s << QList<int>{1}
        << QList<QStringList>{{u"x, y"_s, u"say \"hi\""_s, u"z"_s}};
    QTest::newRow("newlines in quotes keep physical line numbers")
        << u"h\n\"one\r\ntwo\nthree\"\nnext\n"_s << QList<int>{1, 2, 5}
        << QList<QStringList>{{u"h"_s}, {u"one\ntwo\nthree"_s}, {u"next"_s}};
    QTest::newRow("empty fields and trailing comma")
        << u",a,,\n"_s << QList<int>{1}
        << QList<QStringList>{{QString(), u"a"_s, QString(), QString()}};
    QTest::newRow("space before quote") << u"a, \"b, c\" ,d\n"_s << QList<int>{1}
                                        << QList<QStringList>{{u"a"_s, u"b, c"_s, u"d"_s}};
    QTest::newRow("stray quote in unquoted field")
        << u"5\" wide,b\n"_s << QList<int>{1} << QList<QStringList>{{u"5\" wide"_s, u"b"_s}};
    QTest::newRow("blank line") << u"a\n\nb\n"_s << QList<int>{1, 2, 3}
                                << QList<QStringList>{{u"a"_s}, {QString()}, {u"b"_s}};
}

void TestStoryboard::csvRecords()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, lines);
    QFETCH(QList<QStringList>, fields);

    QList<CsvImport::Record> records;
    CsvImport::ParseError error;
    QVERIFY2(CsvImport::parseRecords(text, &records, &error), qPrintable(error.message));

    QList<int> actualLines;
    QList<QStringList> actualFields;
    for (const CsvImport::Record &record : records) {
        actualLines.append(record.line);
        actualFields.append(record.fields);
    }
    QCOMPARE(actualLines, lines);
    QCOMPARE(actualFields, fields);
}

void TestStoryboard::csvExampleImports()
{
    const QString path = sourceDir() + u"/resources/examples/shots.csv"_s;

    const LoadResult result = StoryboardLoader::importCsv(path);

    QVERIFY2(result.ok(), qPrintable(result.issueStrings().join(u'\n')));
    const Project &project = *result.project;
    QCOMPARE(project.title, u"shots"_s);
    QCOMPARE(project.filePath, QFileInfo(path).absoluteFilePath());
    QCOMPARE(project.providerPreference.value(Stage::Image), QStringList{u"local"_s});
    QCOMPARE(project.providerPreference.value(Stage::Video), QStringList{u"local"_s});
    QVERIFY(project.providers.isEmpty());
    QCOMPARE(project.scenes.size(), 2);
    QCOMPARE(project.shotCount(), 5);
    QCOMPARE(project.scenes[0].id, u"harbor"_s);
    QCOMPARE(project.scenes[1].id, u"market"_s);

    const Shot &first = project.scenes[0].shots[0];
    QCOMPARE(first.id, u"harbor-01"_s);
    QCOMPARE(first.title, u"Dawn over the harbor"_s);
    QVERIFY(first.prompt.startsWith(u"Fishing boats rock at their moorings as the sun rises over "
                                    u"a quiet harbor, gulls"_s));
    QCOMPARE(first.negativePrompt, u"blurry, text, watermark"_s);
    QCOMPARE(first.video.durationSec, 1.5);
    QCOMPARE(first.image.width, 320);
    QCOMPARE(first.image.height, 180);
    QCOMPARE(first.seed, 101);
    QCOMPARE(first.video.fps, 12);
    QCOMPARE(first.video.motion, u"pan-right"_s);

    const Shot &sign = project.scenes[0].shots[2];
    QVERIFY2(sign.prompt.contains(u"reading \"FRESH CATCH\" hangs"_s), qPrintable(sign.prompt));
    QCOMPARE(sign.seed, StoryboardLoader::defaultSeed(u"harbor-03"_s)); // blank seed cell
    QCOMPARE(sign.video.motion, u"static"_s);

    const Shot &market = project.scenes[1].shots[0];
    QVERIFY2(market.prompt.contains(u"market hall.\nBusy wide shot"_s), qPrintable(market.prompt));

    const Shot &sale = project.scenes[1].shots[1];
    QCOMPARE(sale.id, u"market-02"_s);
    QCOMPARE(sale.negativePrompt, QString());
    QCOMPARE(sale.image.width, ImageParams().width); // blank: default
    QCOMPARE(sale.video.fps, VideoParams().fps);
    QCOMPARE(sale.video.motion, u"pan-left"_s);
}

void TestStoryboard::csvHeaderIsCaseInsensitiveInAnyOrder()
{
    // Given a spreadsheet export: BOM, CRLF, capitalised headers in another order,
    // a blank line, an empty trailing row, and interleaved scenes
    const QByteArray csv = "\xEF\xBB\xBF Prompt ,SHOT,Scene,Motion\r\n"
                           "first,a1,s2,Zoom-Out\r\n"
                           "\r\n"
                           "second,b1,s1,\r\n"
                           "third,a2,s2,static\r\n"
                           ",,,\r\n";

    const LoadResult result = StoryboardLoader::loadCsv(csv, u"list.csv"_s);

    QVERIFY2(result.ok(), qPrintable(result.issueStrings().join(u'\n')));
    const Project &project = *result.project;
    QCOMPARE(project.title, u"list"_s);
    QCOMPARE(project.scenes.size(), 2);
    QCOMPARE(project.scenes[0].id, u"s2"_s); // order of first appearance
    QCOMPARE(project.scenes[1].id, u"s1"_s);
    QCOMPARE(project.scenes[0].shots.size(), 2);
    QCOMPARE(project.scenes[0].shots[0].prompt, u"first"_s);
    QCOMPARE(project.scenes[0].shots[0].video.motion, u"zoom-out"_s);
    QCOMPARE(project.scenes[0].shots[1].id, u"a2"_s);
    QCOMPARE(project.scenes[1].shots[0].id, u"b1"_s);
    QCOMPARE(project.scenes[1].shots[0].video.motion, VideoParams().motion);
}

void TestStoryboard::csvErrors_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("expected");

    const QByteArray header = "scene,shot,prompt,negative,duration,width,height,seed,title,fps,"
                              "motion\n";
    QTest::newRow("missing column") << QByteArray("scene,shot,title\ns1,a,T\n")
                                    << QStringList{u"shots.csv:1: missing column \"prompt\""_s};
    QTest::newRow("missing every required column")
        << QByteArray("title\nT\n")
        << QStringList{u"shots.csv:1: missing column \"scene\""_s,
                       u"shots.csv:1: missing column \"shot\""_s,
                       u"shots.csv:1: missing column \"prompt\""_s};
    QTest::newRow("unknown column, rows still checked")
        << QByteArray("scene,shot,prompt,notes\ns1,a,,x\n")
        << QStringList{u"shots.csv:1: unknown column \"notes\" (expected: scene, shot, prompt, "
                       u"negative, duration, width, height, seed, title, fps, motion, stages, "
                       u"inputimage)"_s,
                       u"shots.csv:2: prompt: missing"_s};
    QTest::newRow("duplicate column") << QByteArray("scene,shot,prompt,Prompt\ns1,a,p,q\n")
                                      << QStringList{u"shots.csv:1: duplicate column \"prompt\""_s};
    QTest::newRow("no header") << QByteArray("\n\n")
                               << QStringList{u"shots.csv:1: missing header row (expected "
                                              u"columns scene, shot, prompt, ...)"_s};
    QTest::newRow("empty file") << QByteArray()
                                << QStringList{u"shots.csv:1: missing header row (expected "
                                               u"columns scene, shot, prompt, ...)"_s};
    QTest::newRow("no header, data first")
        << QByteArray("s1,a,\"A lighthouse, at dusk\"\ns1,b,p\n")
        << QStringList{u"shots.csv:1: missing header row (expected columns scene, shot, prompt, "
                       u"...)"_s};
    QTest::newRow("binary file") << QByteArray("scene,shot,prompt\ns1,a,p\0\n", 26)
                                 << QStringList{u"shots.csv: not a text file (NUL byte at byte "
                                                u"offset 24)"_s};
    QTest::newRow("no rows") << QByteArray("scene,shot,prompt\n\n")
                             << QStringList{u"shots.csv: no shots: add one row per shot below "
                                            u"the header"_s};
    // Record starts at physical lines: 2 (spans 2-4), 5, 6 (spans 6-7), 8 (blank), 9
    QTest::newRow("missing cells, physical line numbers")
        << QByteArray("scene,shot,prompt\n"
                      "s1,a,\"line one\nline two\nline three\"\n"
                      "s1,b,\n"
                      "s1,c,\"x\ny\"\n"
                      "\n"
                      ",,still a row\n")
        << QStringList{u"shots.csv:5: prompt: missing"_s, u"shots.csv:9: scene: missing"_s,
                       u"shots.csv:9: shot: missing"_s};
    QTest::newRow("invalid ids")
        << QByteArray("scene,shot,prompt\ns 1,a/b,p\n")
        << QStringList{u"shots.csv:2: scene: \"s 1\" is not a valid id (letters, digits, - and _ "
                       u"only)"_s,
                       u"shots.csv:2: shot: \"a/b\" is not a valid id (letters, digits, - and _ "
                       u"only)"_s};
    QTest::newRow("duplicate shot ids")
        << QByteArray("scene,shot,prompt\ns1,a1,p\ns2,a2,p\ns2,a1,p\ns2,A2,p\n")
        << QStringList{u"shots.csv:4: shot: duplicate id \"a1\" (first at line 2)"_s,
                       u"shots.csv:5: shot: duplicate id \"A2\" (first at line 3)"_s};
    QTest::newRow("scene ids differing in case")
        << QByteArray("scene,shot,prompt\ns1,a,p\nS1,b,p\n")
        << QStringList{u"shots.csv:3: scene: \"S1\" differs from \"s1\" only in letter case; "
                       u"folder names ignore case on Windows and macOS"_s};
    QByteArray fourteen = header;
    for (int i = 2; i < 14; ++i)
        fourteen += "s1,shot" + QByteArray::number(i) + ",p,,,,,,,,\n";
    fourteen += "s1,late,p,,abc,,,,,,\n";
    QTest::newRow("duration not a number")
        << fourteen << QStringList{u"shots.csv:14: duration \"abc\" is not a number"_s};
    QTest::newRow("bad numbers")
        << header + "s1,a,p,,-1,abc,0,-3,,1000,spin\n" + "s1,b,p,,900,9000,1.5,x,,0,\n"
        << QStringList{
               u"shots.csv:2: seed \"-3\" is not a non-negative integer"_s,
               u"shots.csv:2: width \"abc\" is not a positive integer"_s,
               u"shots.csv:2: height \"0\" is not a positive integer"_s,
               u"shots.csv:2: fps \"1000\" must be at most 120"_s,
               u"shots.csv:2: duration \"-1\" must be a positive number"_s,
               u"shots.csv:2: motion \"spin\" is unknown (expected one of: zoom-in, zoom-out, "
               u"pan-left, pan-right, static)"_s,
               u"shots.csv:3: seed \"x\" is not a non-negative integer"_s,
               u"shots.csv:3: width \"9000\" must be at most 8192"_s,
               u"shots.csv:3: height \"1.5\" is not a positive integer"_s,
               u"shots.csv:3: fps \"0\" is not a positive integer"_s,
               u"shots.csv:3: duration \"900\" must be at most 600"_s};
    QTest::newRow("infinity is not a number")
        << QByteArray("scene,shot,prompt,duration\ns1,a,p,inf\ns1,b,p,nan\n")
        << QStringList{u"shots.csv:2: duration \"inf\" is not a number"_s,
                       u"shots.csv:3: duration \"nan\" is not a number"_s};
    QTest::newRow("duration too short for a frame")
        << QByteArray("scene,shot,prompt,duration\ns1,a,p,1e-300\ns1,b,p,0.1\n")
        << QStringList{u"shots.csv:2: duration \"1e-300\" must be at least 0.1"_s};
    QTest::newRow("decimal comma is not a number")
        << QByteArray("scene,shot,prompt,duration\ns1,a,p,\"1,5\"\n")
        << QStringList{u"shots.csv:2: duration \"1,5\" is not a number"_s};
    QTest::newRow("unquoted comma")
        << QByteArray("scene,shot,prompt\ns1,a,wide, dark\n")
        << QStringList{u"shots.csv:2: 4 fields, but the header has 3 columns; put values that "
                       u"contain commas in double quotes"_s};
    QTest::newRow("unterminated quote")
        << QByteArray("scene,shot,prompt\ns1,a,p\ns1,b,\"open\nand never closed\n")
        << QStringList{u"shots.csv:3: a quoted field is not closed: a \" is missing"_s};
    QTest::newRow("text after closing quote")
        << QByteArray("scene,shot,prompt\ns1,a,\"say \"hi\" now\"\n")
        << QStringList{u"shots.csv:2: unexpected text after a closing quote; write a \" inside a "
                       u"quoted field as \"\""_s};
    QTest::newRow("value in unnamed column")
        << QByteArray("scene,shot,prompt,\ns1,a,p,\ns1,b,p,stray\n")
        << QStringList{u"shots.csv:3: value \"stray\" in column 4, which has no name in the "
                       u"header"_s};
}

void TestStoryboard::csvErrors()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"shots.csv"_s);
    QVERIFY(writeFile(path, csv));

    const LoadResult result = StoryboardLoader::importCsv(path);

    QCOMPARE(result.issueStrings(), expected);
    QVERIFY(!result.project.has_value());
    QVERIFY(!result.ok());
}

void TestStoryboard::csvInvalidUtf8IsRefused()
{
    const QByteArray csv = "scene,shot,prompt\ns1,a,caf\xE9\n"; // Latin-1 é
    QCOMPARE(StoryboardLoader::loadCsv(csv, u"shots.csv"_s).issueStrings(),
             QStringList{u"shots.csv: not valid UTF-8 (byte offset 26)"_s});
}

void TestStoryboard::issuesAreCapped()
{
    QByteArray csv = "scene,shot,prompt\n";
    for (int i = 0; i < 600; ++i)
        csv += "s1,shot" + QByteArray::number(i) + ",\n";

    const LoadResult result = StoryboardLoader::loadCsv(csv, u"shots.csv"_s);

    QCOMPARE(result.issues.size(), 501);
    QCOMPARE(result.issues.first().toString(), u"shots.csv:2: prompt: missing"_s);
    QCOMPARE(result.issues.at(499).toString(), u"shots.csv:501: prompt: missing"_s);
    QCOMPARE(result.issues.last().toString(), u"shots.csv: 100 more problems not listed"_s);
}

// Issue 13 (minor): a 600,000-row shot list made `status` take 33 s and 2.6 GB.
void TestStoryboard::tooManyShotsAreRefused()
{
    const qsizetype limit = StoryboardLoader::kMaxShots;
    QByteArray csv = "scene,shot,prompt\n";
    QByteArray shots;
    for (qsizetype i = 0; i <= limit; ++i) {
        csv += "s" + QByteArray::number(i / 100) + "," + QByteArray::number(i) + ",p\n";
        shots += "{\"id\":\"x" + QByteArray::number(i) + "\",\"prompt\":\"p\"},";
    }
    shots.chop(1);
    const QByteArray json =
        R"({"format":"retake-project/1","scenes":[{"id":"s1","shots":[)" + shots + "]}]}";

    const QString expected = u"100001 shots; a storyboard holds at most 100000: split it into "
                             u"several storyboards (each gets its own workspace)"_s;
    const LoadResult fromCsv = StoryboardLoader::loadCsv(csv, u"shots.csv"_s);
    QCOMPARE(fromCsv.issueStrings(), QStringList{u"shots.csv: "_s + expected});
    const LoadResult fromJson = StoryboardLoader::loadJson(json, u"big.retake.json"_s);
    QCOMPARE(fromJson.issueStrings(), QStringList{u"scenes: "_s + expected});

    // At the limit both load.
    csv.truncate(csv.lastIndexOf('\n', csv.size() - 2) + 1);
    QVERIFY2(StoryboardLoader::loadCsv(csv, u"shots.csv"_s).ok(), "100,000 rows load");
}

void TestStoryboard::demoLoads()
{
    const QString path = sourceDir() + u"/resources/examples/demo.retake.json"_s;

    const LoadResult result = StoryboardLoader::loadFile(path);

    QVERIFY2(result.ok(), qPrintable(result.issueStrings().join(u'\n')));
    const Project &project = *result.project;
    QCOMPARE(project.title, u"The Lighthouse Keeper"_s);
    QCOMPARE(project.scenes.size(), 12);
    QCOMPARE(project.shotCount(), 36);
    QSet<QString> prompts;
    for (const Scene &scene : project.scenes) {
        QCOMPARE(scene.shots.size(), 3);
        QVERIFY(!scene.title.isEmpty());
        QVERIFY2(!scene.voiceOver.isEmpty(), qPrintable(scene.id)); // spoken by espeak-ng
        for (const Shot &shot : scene.shots) {
            QVERIFY(shot.id.startsWith(scene.id + u"-sh"_s));
            QVERIFY(!shot.title.isEmpty());
            QVERIFY(!shot.negativePrompt.isEmpty());
            QVERIFY2(shot.prompt.count(u". "_s) == 1 && shot.prompt.endsWith(u'.'),
                     qPrintable(shot.prompt)); // two sentences
            prompts.insert(shot.prompt);
            QVERIFY(shot.image.width <= 384 && shot.image.height <= 180);
        }
    }
    QCOMPARE(prompts.size(), 36);
    // The demo tells the whole story: scene cuts and a film with the voice-overs (issue 16).
    QVERIFY(project.assemble);
    QCOMPARE(project.taskCount(), 72 + 12 + 12 + 1);
    QCOMPARE(project.imageDefaults.width, 320);
    QCOMPARE(project.imageDefaults.height, 180);
    QCOMPARE(project.videoDefaults.durationSec, 1.0);
    QCOMPARE(project.videoDefaults.fps, 12);
    QCOMPARE(project.providerPreference.value(Stage::Image),
             (QStringList{u"studio"_s, u"backup"_s}));
    QCOMPARE(project.providerPreference.value(Stage::Video),
             (QStringList{u"studio"_s, u"backup"_s}));
    const ProviderProfile *studio = project.provider(u"studio"_s);
    QVERIFY(studio);
    QCOMPARE(studio->kind, u"local"_s);
    QCOMPARE(studio->model, u"studio-xl"_s);
    QCOMPARE(studio->maxConcurrency, 4);
    QCOMPARE(studio->faults.seed, quint64(7));
    QCOMPARE(studio->faults.rates.value(ErrorClass::Timeout), 0.15);
    QCOMPARE(studio->faults.rates.size(), 6);
    QCOMPARE(studio->faults.rates.value(ErrorClass::InvalidRequest), 0.03);
    QCOMPARE(studio->options.value(u"latencyMs"_s).toInt(), 30);
    const ProviderProfile *backup = project.provider(u"backup"_s);
    QVERIFY(backup);
    QCOMPARE(backup->model, u"backup-turbo"_s);
    QCOMPARE(backup->maxConcurrency, 2);
    QCOMPARE(backup->faults.seed, quint64(11));
    QCOMPARE(project.retry.baseDelayMs, 200);
    QCOMPARE(project.retry.maxDelayMs, 2000);
}

void TestStoryboard::schemaIsValidJson()
{
    QFile file(sourceDir() + u"/resources/schema/retake-project-1.schema.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument schema = QJsonDocument::fromJson(file.readAll(), &error);
    QCOMPARE(error.errorString(), QJsonParseError().errorString());
    QVERIFY(schema.isObject());
    const QJsonObject root = schema.object();
    QCOMPARE(root.value(u"$schema"_s).toString(),
             u"https://json-schema.org/draft/2020-12/schema"_s);
    QCOMPARE(root.value(u"type"_s).toString(), u"object"_s);
    QCOMPARE(root.value(u"required"_s).toArray(), (QJsonArray{u"format"_s, u"scenes"_s}));
    QCOMPARE(root.value(u"properties"_s).toObject().value(u"format"_s).toObject().value(u"const"_s),
             QJsonValue(QString::fromUtf16(kProjectFormat)));
    const QJsonObject shot = root.value(u"$defs"_s).toObject().value(u"shot"_s).toObject();
    QCOMPARE(shot.value(u"required"_s).toArray(), (QJsonArray{u"id"_s, u"prompt"_s}));
    QCOMPARE(shot.value(u"properties"_s).toObject().keys(),
             (QStringList{u"id"_s, u"image"_s, u"inputImage"_s, u"negative"_s, u"prompt"_s,
                          u"seed"_s, u"stages"_s, u"title"_s, u"video"_s}));
    // The schema's enumerations are the loader's.
    const QJsonObject defs = root.value(u"$defs"_s).toObject();
    QCOMPARE(defs.value(u"videoParams"_s)
                 .toObject()
                 .value(u"properties"_s)
                 .toObject()
                 .value(u"motion"_s)
                 .toObject()
                 .value(u"enum"_s)
                 .toVariant()
                 .toStringList(),
             StoryboardLoader::motions());
    QCOMPARE(defs.value(u"providerProfile"_s)
                 .toObject()
                 .value(u"properties"_s)
                 .toObject()
                 .value(u"kind"_s)
                 .toObject()
                 .value(u"enum"_s)
                 .toVariant()
                 .toStringList(),
             StoryboardLoader::providerKinds());
    const QStringList faultClasses = defs.value(u"providerProfile"_s)
                                         .toObject()
                                         .value(u"properties"_s)
                                         .toObject()
                                         .value(u"faults"_s)
                                         .toObject()
                                         .value(u"properties"_s)
                                         .toObject()
                                         .value(u"rates"_s)
                                         .toObject()
                                         .value(u"propertyNames"_s)
                                         .toObject()
                                         .value(u"enum"_s)
                                         .toVariant()
                                         .toStringList();
    QCOMPARE(faultClasses.size(), int(ErrorClass::Cancelled)); // every class but "none"
    for (const QString &name : faultClasses)
        QVERIFY2(errorClassFromString(name).value_or(ErrorClass::None) != ErrorClass::None,
                 qPrintable(name));
    // Every schema keyword is understood by the checker used below.
    SchemaChecker checker(root);
    checker.validate(QJsonObject());
}

void TestStoryboard::schemaIsEmbedded()
{
    QFile embedded(u":/schema/retake-project-1.schema.json"_s);
    QVERIFY(embedded.open(QIODevice::ReadOnly));
    QFile source(sourceDir() + u"/resources/schema/retake-project-1.schema.json"_s);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(embedded.readAll(), source.readAll());
}

void TestStoryboard::demoMatchesSchema()
{
    QFile file(sourceDir() + u"/resources/examples/demo.retake.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject demo = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(demo.contains(u"format"_s));
    QVERIFY(demo.contains(u"scenes"_s));

    SchemaChecker checker(loadSchema());
    QCOMPARE(checker.validate(demo), QStringList());

    // And the checker does reject: a shot without a prompt, an unknown field.
    QJsonObject broken = demo;
    QJsonArray scenes = broken.value(u"scenes"_s).toArray();
    QJsonObject scene = scenes.at(0).toObject();
    QJsonArray shots = scene.value(u"shots"_s).toArray();
    QJsonObject shot = shots.at(0).toObject();
    shot.remove(u"prompt"_s);
    shot.insert(u"promt"_s, u"x"_s);
    shots.replace(0, shot);
    scene.insert(u"shots"_s, shots);
    scenes.replace(0, scene);
    broken.insert(u"scenes"_s, scenes);
    QCOMPARE(checker.validate(broken),
             (QStringList{u"$.scenes[0].shots[0]: additional property promt"_s,
                          u"$.scenes[0].shots[0]: missing prompt"_s}));
}

void TestStoryboard::stagesMatchSchemaAndItsExamples()
{
    // Issue 14, point 7: the schema documents "stages" and "inputImage"; its examples are
    // valid shots, and a storyboard using them passes both the schema and the loader.
    const QJsonObject schema = loadSchema();
    const QJsonObject defs = schema.value(u"$defs"_s).toObject();
    const QJsonArray examples = defs.value(u"shot"_s).toObject().value(u"examples"_s).toArray();
    QCOMPARE(examples.size(), 3);
    // The schema's stage names are the loader's.
    QStringList names;
    for (const ShotStages stages :
         {ShotStages::ImageAndVideo, ShotStages::ImageOnly, ShotStages::VideoOnly})
        names << nameOf(stages);
    QCOMPARE(defs.value(u"stages"_s).toObject().value(u"enum"_s).toVariant().toStringList(), names);
    QJsonObject root = schema;
    root.insert(u"$ref"_s, u"#/$defs/shot"_s);
    for (const char *key : {"type", "required", "additionalProperties", "properties"})
        root.remove(QLatin1String(key));
    SchemaChecker shotChecker(root);
    for (const QJsonValue &example : examples)
        QCOMPARE(shotChecker.validate(example), QStringList());

    QTemporaryDir dir;
    QImage still(16, 9, QImage::Format_RGB32);
    still.fill(Qt::gray);
    QVERIFY(QDir(dir.path()).mkpath(u"stills"_s));
    QVERIFY(still.save(dir.filePath(u"stills/keeper.png"_s)));
    const QJsonObject storyboard{{u"format"_s, u"retake-project/1"_s},
                                 {u"defaults"_s, QJsonObject{{u"stages"_s, u"image+video"_s}}},
                                 {u"scenes"_s, QJsonArray{QJsonObject{{u"id"_s, u"s01"_s},
                                                                      {u"stages"_s, u"image"_s},
                                                                      {u"shots"_s, examples}}}}};
    SchemaChecker checker(schema);
    QCOMPARE(checker.validate(storyboard), QStringList());
    QFile file(dir.filePath(u"lighthouse.retake.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(storyboard).toJson());
    file.close();
    const LoadResult loaded = StoryboardLoader::loadFile(file.fileName());
    QVERIFY2(loaded.ok(), qPrintable(loaded.issueStrings().join(u'\n')));
    QCOMPARE(loaded.project->taskCount(), 1 + 1 + 1); // the scene makes s01-sh01 a still

    // The schema refuses an unknown stages value, as the loader does.
    QJsonObject broken = storyboard;
    broken.insert(u"defaults"_s, QJsonObject{{u"stages"_s, u"audio"_s}});
    QCOMPARE(checker.validate(broken), QStringList{u"$.defaults.stages: not in enum"_s});
}

void TestStoryboard::csvExampleBecomesSchemaValidProject()
{
    // The CSV example loads; the same shots written as JSON pass the schema and load alike.
    const LoadResult csv =
        StoryboardLoader::importCsv(sourceDir() + u"/resources/examples/shots.csv"_s);
    QVERIFY(csv.ok());
    QJsonArray scenes;
    for (const Scene &scene : csv.project->scenes) {
        QJsonArray shots;
        for (const Shot &shot : scene.shots) {
            shots.append(
                QJsonObject{{u"id"_s, shot.id},
                            {u"prompt"_s, shot.prompt},
                            {u"negative"_s, shot.negativePrompt},
                            {u"seed"_s, shot.seed},
                            {u"image"_s, QJsonObject{{u"width"_s, shot.image.width},
                                                     {u"height"_s, shot.image.height}}},
                            {u"video"_s, QJsonObject{{u"duration"_s, shot.video.durationSec},
                                                     {u"fps"_s, shot.video.fps},
                                                     {u"motion"_s, shot.video.motion}}}});
        }
        scenes.append(QJsonObject{{u"id"_s, scene.id}, {u"shots"_s, shots}});
    }
    const QJsonObject root{{u"format"_s, QString::fromUtf16(kProjectFormat)},
                           {u"scenes"_s, scenes}};
    SchemaChecker checker(loadSchema());
    QCOMPARE(checker.validate(root), QStringList());
    const LoadResult json =
        StoryboardLoader::loadJson(QJsonDocument(root).toJson(), u"converted.retake.json"_s);
    QVERIFY2(json.ok(), qPrintable(json.issueStrings().join(u'\n')));
    QCOMPARE(json.project->shotCount(), csv.project->shotCount());
    for (int i = 0; i < csv.project->scenes.size(); ++i) {
        for (int j = 0; j < csv.project->scenes[i].shots.size(); ++j) {
            const Shot &a = csv.project->scenes[i].shots[j];
            const Shot &b = json.project->scenes[i].shots[j];
            QCOMPARE(StoryboardLoader::shotParamsHash(b, Stage::Video),
                     StoryboardLoader::shotParamsHash(a, Stage::Video));
        }
    }
}

void TestStoryboard::shotParamsHashFollowsOutputParameters()
{
    Shot shot;
    shot.id = u"s01-sh01"_s;
    shot.title = u"Wide"_s;
    shot.prompt = u"A lighthouse at dusk."_s;
    shot.negativePrompt = u"blurry"_s;
    shot.seed = 7;
    const QByteArray image = StoryboardLoader::shotParamsHash(shot, Stage::Image);
    const QByteArray video = StoryboardLoader::shotParamsHash(shot, Stage::Video);
    QCOMPARE(image.size(), 40);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{40}$"_s).match(QString::fromLatin1(image)).hasMatch());
    QVERIFY(image != video);
    QCOMPARE(StoryboardLoader::shotParamsHash(shot, Stage::Image), image); // stable

    // Not part of the output: title and id.
    Shot retitled = shot;
    retitled.title = u"Another title"_s;
    retitled.id = u"s09-sh09"_s;
    QCOMPARE(StoryboardLoader::shotParamsHash(retitled, Stage::Image), image);
    QCOMPARE(StoryboardLoader::shotParamsHash(retitled, Stage::Video), video);

    // Image parameters change both stages (the video is made from the image).
    const auto changes = [&](const std::function<void(Shot &)> &edit, bool imageChanges) {
        Shot edited = shot;
        edit(edited);
        const bool imageChanged = StoryboardLoader::shotParamsHash(edited, Stage::Image) != image;
        const bool videoChanged = StoryboardLoader::shotParamsHash(edited, Stage::Video) != video;
        return imageChanged == imageChanges && videoChanged;
    };
    QVERIFY(changes([](Shot &s) { s.prompt += u" Rain."_s; }, true));
    QVERIFY(changes([](Shot &s) { s.negativePrompt.clear(); }, true));
    QVERIFY(changes([](Shot &s) { s.seed = 8; }, true));
    QVERIFY(changes([](Shot &s) { s.image.width = 640; }, true));
    QVERIFY(changes([](Shot &s) { s.image.height = 100; }, true));
    QVERIFY(changes([](Shot &s) { s.image.steps = 30; }, true));
    // Video parameters change the video only.
    QVERIFY(changes([](Shot &s) { s.video.durationSec = 1.5; }, false));
    QVERIFY(changes([](Shot &s) { s.video.fps = 24; }, false));
    QVERIFY(changes([](Shot &s) { s.video.motion = u"static"_s; }, false));
    // Field boundaries are unambiguous: moving text from prompt to negative is a change.
    Shot moved = shot;
    moved.prompt = u"A lighthouse at dusk.blurry"_s;
    moved.negativePrompt.clear();
    QVERIFY(StoryboardLoader::shotParamsHash(moved, Stage::Image) != image);
}

QTEST_GUILESS_MAIN(TestStoryboard)
#include "tst_storyboard.moc"
