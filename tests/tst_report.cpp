// Job reports (issue 6): report.json against the state database it was built from and
// against its JSON Schema, report.html as well-formed XHTML with every failure in it,
// privacy (prompts only with debug logging, keys never), the usage estimate, and through
// retake-cli: the budget cap, the report path after a run, `report` and `estimate`, and the
// partial report of a run killed with SIGKILL.
#include "enginefixture.h"
#include "report/htmlreport.h"
#include "report/redactor.h"
#include "report/reportbuilder.h"
#include "report/usageestimator.h"
#include "testprinters.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QXmlStreamReader>

#include <atomic>
#include <cmath>
#include <csignal>
#include <optional>

using namespace retake;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kPlantedPrompt = u"PLANTED-PROMPT-7731";
constexpr auto kPlantedNegative = u"PLANTED-NEGATIVE-4410";
constexpr char kPlantedKey[] = "sk-PLANTEDKEY5519abcdefghijklmnop";

// ---------------------------------------------------------------------------------------
// A small JSON Schema (2020-12) validator: type, enum, const, required, properties,
// additionalProperties (boolean or schema), propertyNames, items, oneOf, minimum and local
// $ref. A keyword it does not know fails validation, so the schema cannot silently say
// more than is checked here.

class SchemaValidator
{
public:
    explicit SchemaValidator(const QJsonObject &root) : m_root(root) {}

    QStringList validate(const QJsonValue &value) const
    {
        QStringList errors;
        check(value, m_root, u"$"_s, &errors);
        return errors;
    }

private:
    static QString typeOf(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Null:
            return u"null"_s;
        case QJsonValue::Bool:
            return u"boolean"_s;
        case QJsonValue::Double:
            return u"number"_s;
        case QJsonValue::String:
            return u"string"_s;
        case QJsonValue::Array:
            return u"array"_s;
        case QJsonValue::Object:
            return u"object"_s;
        case QJsonValue::Undefined:
            break;
        }
        return u"undefined"_s;
    }

    static bool hasType(const QJsonValue &v, const QString &type)
    {
        if (type == u"integer"_s)
            return v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
        return typeOf(v) == type;
    }

    QJsonObject resolve(const QJsonObject &schema) const
    {
        QJsonObject s = schema;
        while (s.contains(u"$ref"_s)) {
            const QString ref = s.value(u"$ref"_s).toString();
            if (!ref.startsWith(u"#/$defs/"_s))
                return QJsonObject{{u"$unsupported"_s, ref}};
            s = m_root.value(u"$defs"_s).toObject().value(ref.mid(8)).toObject();
        }
        return s;
    }

    void check(const QJsonValue &v, const QJsonObject &schemaIn, const QString &at,
               QStringList *errors) const
    {
        const QJsonObject schema = resolve(schemaIn);
        static const QSet<QString> known{
            u"$schema"_s,       u"$id"_s,      u"$defs"_s,      u"title"_s,
            u"description"_s,   u"format"_s,   u"type"_s,       u"enum"_s,
            u"const"_s,         u"required"_s, u"properties"_s, u"additionalProperties"_s,
            u"propertyNames"_s, u"items"_s,    u"oneOf"_s,      u"minimum"_s};
        for (auto it = schema.constBegin(); it != schema.constEnd(); ++it) {
            if (!known.contains(it.key()))
                *errors << u"%1: the validator does not support keyword \"%2\""_s.arg(at, it.key());
        }
        if (schema.contains(u"type"_s)) {
            const QJsonValue type = schema.value(u"type"_s);
            QStringList types;
            if (type.isArray()) {
                for (const QJsonValue &t : type.toArray())
                    types << t.toString();
            } else {
                types << type.toString();
            }
            bool ok = false;
            for (const QString &t : std::as_const(types))
                ok = ok || hasType(v, t);
            if (!ok) {
                *errors << u"%1: %2 is not of type %3"_s.arg(at, typeOf(v), types.join(u'|'));
                return;
            }
        }
        if (schema.contains(u"enum"_s) && !schema.value(u"enum"_s).toArray().contains(v))
            *errors << u"%1: %2 is not one of the enum values"_s.arg(
                at, QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)));
        if (schema.contains(u"const"_s) && schema.value(u"const"_s) != v)
            *errors << u"%1: not the const value"_s.arg(at);
        if (schema.contains(u"minimum"_s) && v.isDouble() &&
            v.toDouble() < schema.value(u"minimum"_s).toDouble())
            *errors << u"%1: below the minimum"_s.arg(at);
        if (schema.contains(u"oneOf"_s)) {
            int matches = 0;
            for (const QJsonValue &option : schema.value(u"oneOf"_s).toArray()) {
                QStringList sub;
                check(v, option.toObject(), at, &sub);
                matches += sub.isEmpty() ? 1 : 0;
            }
            if (matches != 1)
                *errors << u"%1: matches %2 of the oneOf schemas, not exactly one"_s.arg(at).arg(
                    matches);
        }
        if (v.isObject()) {
            const QJsonObject object = v.toObject();
            for (const QJsonValue &name : schema.value(u"required"_s).toArray()) {
                if (!object.contains(name.toString()))
                    *errors << u"%1: required property \"%2\" is missing"_s.arg(at,
                                                                                name.toString());
            }
            const QJsonObject properties = schema.value(u"properties"_s).toObject();
            const QJsonValue additional = schema.value(u"additionalProperties"_s);
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                const QString path = at + u'.' + it.key();
                if (schema.contains(u"propertyNames"_s))
                    check(QJsonValue(it.key()), schema.value(u"propertyNames"_s).toObject(),
                          path + u"(name)"_s, errors);
                if (properties.contains(it.key())) {
                    check(it.value(), properties.value(it.key()).toObject(), path, errors);
                } else if (additional.isBool() && !additional.toBool()) {
                    *errors << u"%1: property \"%2\" is not allowed"_s.arg(at, it.key());
                } else if (additional.isObject()) {
                    check(it.value(), additional.toObject(), path, errors);
                }
            }
        }
        if (v.isArray() && schema.contains(u"items"_s)) {
            const QJsonArray array = v.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                check(array.at(i), schema.value(u"items"_s).toObject(), u"%1[%2]"_s.arg(at).arg(i),
                      errors);
        }
    }

    QJsonObject m_root;
};

QJsonObject loadSchema()
{
    QFile file(QStringLiteral(RETAKE_SOURCE_DIR) + u"/resources/schema/report-1.schema.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Files under `root` (recursively) whose bytes contain `needle`.
QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (readAll(file).contains(needle))
            hits << QDir(root).relativeFilePath(file);
    }
    return hits;
}

QDateTime sqlTime(const QVariant &value)
{
    return value.isNull() || value.toString().isEmpty()
               ? QDateTime()
               : QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

// The state database, read independently of the report code.
class Db
{
public:
    explicit Db(const QString &path) : m_name(u"tst-report-%1"_s.arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        m_open = db.open();
    }
    ~Db()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }

    QList<QVariantList> rows(const QString &sql, const QVariantList &bind = {}) const
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        query.prepare(sql);
        for (const QVariant &value : bind)
            query.addBindValue(value);
        QList<QVariantList> result;
        if (!query.exec()) {
            qWarning("SQL failed: %s", qPrintable(sql));
            return result;
        }
        const int columns = query.record().count();
        while (query.next()) {
            QVariantList row;
            for (int c = 0; c < columns; ++c)
                row << query.value(c);
            result << row;
        }
        return result;
    }
    QVariant scalar(const QString &sql, const QVariantList &bind = {}) const
    {
        const QList<QVariantList> r = rows(sql, bind);
        return r.isEmpty() || r.first().isEmpty() ? QVariant() : r.first().first();
    }

private:
    static inline std::atomic<int> s_counter{0};
    QString m_name;
    bool m_open = false;
};

// The window of a run as the report defines it: from the previous run's end (or its own
// start) until its end, or for the newest run until the end of time.
struct Window {
    QString start;
    QString end; // empty = open
};

Window windowOf(const Db &db, const QString &runId)
{
    const QList<QVariantList> runs =
        db.rows(u"SELECT id, started_at, ended_at FROM runs ORDER BY started_at, rowid"_s);
    for (qsizetype i = 0; i < runs.size(); ++i) {
        if (runs.at(i).at(0).toString() != runId)
            continue;
        Window w;
        w.start = runs.at(i).at(1).toString();
        if (i > 0 && !runs.at(i - 1).at(2).isNull())
            w.start = std::min(w.start, runs.at(i - 1).at(2).toString());
        if (i + 1 < runs.size()) {
            w.end = runs.at(i + 1).at(1).toString();
            if (!runs.at(i).at(2).isNull())
                w.end = std::min(w.end, runs.at(i).at(2).toString());
        }
        return w;
    }
    return {};
}

QString inWindow(const QString &column, const Window &w)
{
    return w.end.isEmpty() ? u"%1 >= '%2'"_s.arg(column, w.start)
                           : u"%1 >= '%2' AND %1 < '%3'"_s.arg(column, w.start, w.end);
}

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult cli(const QStringList &args, const QString &dir, int timeoutMs = 120000)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"RETAKE_KEY_STUDIO"_s, QString::fromLatin1(kPlantedKey));
    env.insert(u"RETAKE_KEYCHAIN"_s, u"off"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RETAKE_CLI_PATH), args);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// A storyboard on the built-in local provider: `shots` shots in one scene, each image and
// each second of video costing `cost` units.
QString writeStoryboard(const QString &dir, int shots, double cost, int latencyMs,
                        const QJsonObject &faults = {})
{
    QJsonArray list;
    for (int n = 1; n <= shots; ++n) {
        list.append(QJsonObject{
            {u"id"_s, u"s01-sh%1"_s.arg(n, 2, 10, QLatin1Char('0'))},
            {u"title"_s, u"Shot %1"_s.arg(n)},
            {u"prompt"_s, u"A quiet harbour at dawn, shot %1. %2"_s.arg(n).arg(kPlantedPrompt)},
            {u"negative"_s, QString::fromUtf16(kPlantedNegative)}});
    }
    QJsonObject studio{
        {u"id"_s, u"studio"_s},       {u"kind"_s, u"local"_s},
        {u"model"_s, u"studio-xl"_s}, {u"maxConcurrency"_s, 1},
        {u"costPerUnit"_s, cost},     {u"options"_s, QJsonObject{{u"latencyMs"_s, latencyMs}}}};
    if (!faults.isEmpty())
        studio.insert(u"faults"_s, faults);
    const QJsonObject project{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Report test"_s},
        {u"defaults"_s,
         QJsonObject{{u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}},
                     {u"video"_s, QJsonObject{{u"duration"_s, 1.0}, {u"fps"_s, 8}}}}},
        {u"providerProfiles"_s, QJsonArray{studio}},
        {u"providers"_s,
         QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}}, {u"video"_s, QJsonArray{u"studio"_s}}}},
        {u"retry"_s, QJsonObject{{u"baseDelayMs"_s, 10}, {u"maxDelayMs"_s, 50}}},
        {u"scenes"_s, QJsonArray{QJsonObject{
                          {u"id"_s, u"s01"_s}, {u"title"_s, u"Harbour"_s}, {u"shots"_s, list}}}}};
    const QString path = dir + u"/report.retake.json"_s;
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(project).toJson());
    return path;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void reportMatchesTheStateDatabase();
    void debugLoggingIncludesPromptsButNeverKeys();
    void failedAssemblyShowsFfmpegsStderrWithoutPrompts();
    void schemaValidatorRejectsWhatTheSchemaForbids();
    void redactorWithholdsPromptsAndCredentials_data();
    void redactorWithholdsPromptsAndCredentials();
    void estimateUsesMeasuredDurations();
    void cliBudgetStopsBeforeTheCap();
    void cliReportAndEstimateCommands();
    void cliKilledRunGetsAPartialReport();
    void cliListsVoiceOverAndAssemblyTasks();

private:
    // Runs the fixture batch with known faults (two runs: the second is a user retry).
    void runFaultyBatch(bool debugLogging);
    QList<ProviderInfo> providers() const;
    ReportBuilder buildReport(const QString &runId, bool debugLogging);
    void compareWithDatabase(const QJsonObject &report);
    void checkSchema(const QJsonObject &report);
    void checkHtml(const QString &htmlPath, const QJsonObject &report);

    std::unique_ptr<EngineFixture> m_f;
    QJsonObject m_schema;
    Project m_project;
};

void TestReport::initTestCase()
{
    m_schema = loadSchema();
    QVERIFY2(!m_schema.isEmpty(), "resources/schema/report-1.schema.json did not load");
    QFile embedded(u":/schema/report-1.schema.json"_s);
    QVERIFY2(embedded.open(QIODevice::ReadOnly), "the schema is not embedded in retake_core");
    QCOMPARE(QJsonDocument::fromJson(embedded.readAll()).object(), m_schema);

    // The schema's vocabularies are the core's names.
    const QJsonObject defs = m_schema.value(u"$defs"_s).toObject();
    const auto names = [&](const QString &def) {
        QStringList list;
        for (const QJsonValue &v : defs.value(def).toObject().value(u"enum"_s).toArray())
            list << v.toString();
        return list;
    };
    for (const QString &name : names(u"stage"_s))
        QVERIFY2(stageFromString(name), qPrintable(name));
    for (const QString &name : names(u"state"_s))
        QVERIFY2(taskStateFromString(name), qPrintable(name));
    for (const QString &name : names(u"quality"_s))
        QVERIFY2(qualityFromString(name), qPrintable(name));
    for (const QString &name : names(u"rung"_s))
        QVERIFY2(rungKindFromString(name), qPrintable(name));
    for (const QString &name : names(u"errorClass"_s))
        QVERIFY2(errorClassFromString(name), qPrintable(name));
    QCOMPARE(names(u"state"_s).size(), 10);
    QCOMPARE(names(u"errorClass"_s).size(), 16);
}

void TestReport::init()
{
    m_f = std::make_unique<EngineFixture>();
    qputenv("RETAKE_KEY_A", kPlantedKey);
}

void TestReport::cleanup()
{
    m_f.reset();
    qunsetenv("RETAKE_KEY_A");
}

QList<ProviderInfo> TestReport::providers() const
{
    return {{u"a"_s, u"fake"_s, u"a-model"_s, 0.5, 4},
            {u"b"_s, u"fake"_s, u"b-model"_s, 0.25, 4},
            {u"local"_s, u"local"_s, u"local-model"_s, 0.0, 4}};
}

void TestReport::runFaultyBatch(bool debugLogging)
{
    m_project = makeProject(6);
    Shot &planted = m_project.scenes[0].shots[1]; // sh02: fails for good
    planted.prompt = u"A harbour in fog. "_s + QString::fromUtf16(kPlantedPrompt);
    planted.negativePrompt = QString::fromUtf16(kPlantedNegative);
    for (Shot &shot : m_project.scenes[0].shots)
        shot.video.durationSec = 1.5;
    // Profiles with a key reference: the key lives in RETAKE_KEY_A and must go nowhere.
    ProviderProfile a;
    a.id = u"a"_s;
    a.kind = u"local"_s;
    a.keyRef = u"a"_s;
    a.costPerUnit = 0.5;
    m_project.providers << a;
    QVERIFY(m_f->open(m_project));
    Engine &e = *m_f->engine;
    EngineOptions options = e.options();
    options.debugLogging = debugLogging;
    e.setOptions(options);
    m_f->a->setCostPerUnit(0.5);
    m_f->b->setCostPerUnit(0.25);

    // Given known faults
    m_f->a->script(imageTask(1), {{ErrorClass::ContentPolicy}});                  // degraded
    m_f->a->script(imageTask(2), {{ErrorClass::InvalidRequest, {}, 400},          // fails fast
                                  {ErrorClass::InvalidRequest, {}, 400}});        // ... again
    m_f->a->script(imageTask(3), {{ErrorClass::Timeout}, {ErrorClass::Timeout}}); // moves to b
    m_f->a->script(videoTask(4), {{ErrorClass::RateLimited, 5, 429}});            // retried
    m_f->a->script(videoTask(6), {{ErrorClass::InvalidRequest, {}, 422}});        // fails fast
    m_f->a->script(videoTask(5), {{ErrorClass::ProviderError, {}, 500},           // to fallback
                                  {ErrorClass::ProviderError, {}, 500},
                                  {ErrorClass::ProviderError, {}, 500},
                                  {ErrorClass::ProviderError, {}, 500}});
    QVERIFY(m_f->runToEnd());
    QCOMPARE(e.task(imageTask(2)).state, TaskState::Failed);
    QCOMPARE(e.task(videoTask(2)).state, TaskState::Blocked);
    QVERIFY(isDegraded(e.task(imageTask(1)).quality));

    // When the user retries the failed image and starts a second run (as retake-cli
    // retry-failed does), which fails again
    e.retryTask(imageTask(2));
    QSignalSpy finished(&e, &Engine::batchFinished);
    e.start();
    QVERIFY(finished.wait(15000));
    QCOMPARE(e.task(imageTask(2)).state, TaskState::Failed);
}

ReportBuilder TestReport::buildReport(const QString &runId, bool debugLogging)
{
    ReportBuilder builder(m_project, m_f->path(u"ws"_s));
    ReportOptions options;
    options.debugLogging = debugLogging;
    builder.setOptions(options);
    builder.setProviders(providers());
    builder.setLiveTasks(m_f->engine->tasks());
    QString error;
    const bool built = builder.build(runId, &error);
    if (!built)
        qWarning("build failed: %s", qPrintable(error));
    ReportFiles files;
    if (built && !builder.write({ReportFormat::Json, ReportFormat::Html, ReportFormat::Markdown},
                                &files, &error))
        qWarning("write failed: %s", qPrintable(error));
    return builder;
}

void TestReport::checkSchema(const QJsonObject &report)
{
    const QStringList errors = SchemaValidator(m_schema).validate(report);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 10).join(u'\n')));
}

void TestReport::compareWithDatabase(const QJsonObject &report)
{
    Db db(m_f->path(u"ws/state.sqlite"_s));
    QVERIFY(db.isOpen());
    const QJsonObject run = report.value(u"run"_s).toObject();
    const QString runId = run.value(u"id"_s).toString();

    // Header: the run row.
    const QList<QVariantList> runRow =
        db.rows(u"SELECT started_at, ended_at, outcome FROM runs WHERE id = ?"_s, {runId});
    QCOMPARE(runRow.size(), 1);
    QCOMPARE(run.value(u"startedAt"_s).toString(), runRow.first().at(0).toString());
    QCOMPARE(run.value(u"endedAt"_s).toString(), runRow.first().at(1).toString());
    const QString engineOutcome = runRow.first().at(2).toString();
    QCOMPARE(run.value(u"outcome"_s).toString(),
             engineOutcome == u"budget cap"_s ? u"budget-cap"_s : engineOutcome);
    QCOMPARE(run.value(u"durationMs"_s).toInteger(),
             sqlTime(runRow.first().at(0)).msecsTo(sqlTime(runRow.first().at(1))));
    const Window w = windowOf(db, runId);
    QVERIFY(!w.start.isEmpty());

    // Counts per state and quality: the tasks table.
    const QJsonObject counts = report.value(u"counts"_s).toObject();
    QCOMPARE(counts.value(u"total"_s).toInt(), db.scalar(u"SELECT COUNT(*) FROM tasks"_s).toInt());
    const QJsonObject states = counts.value(u"states"_s).toObject();
    int stateSum = 0;
    for (auto it = states.constBegin(); it != states.constEnd(); ++it) {
        QCOMPARE(it.value().toInt(),
                 db.scalar(u"SELECT COUNT(*) FROM tasks WHERE state = ?"_s, {it.key()}).toInt());
        stateSum += it.value().toInt();
    }
    QCOMPARE(stateSum, counts.value(u"total"_s).toInt());
    const QJsonObject qualities = counts.value(u"qualities"_s).toObject();
    for (auto it = qualities.constBegin(); it != qualities.constEnd(); ++it) {
        QCOMPARE(it.value().toInt(),
                 db.scalar(u"SELECT COUNT(*) FROM tasks WHERE state = 'done' AND quality = ?"_s,
                           {it.key()})
                     .toInt());
    }
    QCOMPARE(counts.value(u"degraded"_s).toInt(),
             db.scalar(u"SELECT COUNT(*) FROM tasks WHERE state = 'done'"
                       u" AND quality IN ('reduced', 'fallback')"_s)
                 .toInt());
    QCOMPARE(counts.value(u"onOtherProvider"_s).toInt(),
             db.scalar(u"SELECT COUNT(*) FROM tasks WHERE state = 'done'"
                       u" AND quality = 'full_other_provider'"_s)
                 .toInt());
    QCOMPARE(counts.value(u"attempts"_s).toInt(),
             db.scalar(u"SELECT COUNT(*) FROM attempts WHERE "_s + inWindow(u"started_at"_s, w))
                 .toInt());
    QCOMPARE(counts.value(u"failedAttempts"_s).toInt(),
             db.scalar(u"SELECT COUNT(*) FROM attempts WHERE error_class != 'none' AND "_s +
                       inWindow(u"started_at"_s, w))
                 .toInt());

    // Every task row.
    const QJsonArray tasks = report.value(u"tasks"_s).toArray();
    QCOMPARE(tasks.size(), counts.value(u"total"_s).toInt());
    for (const QJsonValue &value : tasks) {
        const QJsonObject t = value.toObject();
        const QString id = t.value(u"id"_s).toString();
        const QList<QVariantList> row =
            db.rows(u"SELECT state, quality, rung, provider_id FROM tasks WHERE id = ?"_s, {id});
        QCOMPARE(row.size(), 1);
        QCOMPARE(t.value(u"state"_s).toString(), row.first().at(0).toString());
        if (row.first().at(0).toString() == u"done"_s)
            QCOMPARE(t.value(u"quality"_s).toString(), row.first().at(1).toString());
        QCOMPARE(t.value(u"rung"_s).toString(), row.first().at(2).toString());
        const QList<QVariantList> attempts =
            db.rows(u"SELECT provider_id, model, started_at, ended_at, cost_units, error_class"
                    u" FROM attempts WHERE task_id = ? AND "_s +
                        inWindow(u"started_at"_s, w) + u" ORDER BY number"_s,
                    {id});
        QCOMPARE(t.value(u"attempts"_s).toInt(), attempts.size());
        QCOMPARE(t.value(u"attemptsTotal"_s).toInt(),
                 db.scalar(u"SELECT COUNT(*) FROM attempts WHERE task_id = ?"_s, {id}).toInt());
        qint64 duration = 0;
        double cost = 0.0;
        for (const QVariantList &a : attempts) {
            duration += sqlTime(a.at(2)).msecsTo(sqlTime(a.at(3)));
            cost += a.at(4).toDouble();
        }
        QCOMPARE(t.value(u"durationMs"_s).toInteger(), duration);
        QVERIFY(std::abs(t.value(u"costUnits"_s).toDouble() - cost) < 1e-9);
        if (!attempts.isEmpty()) {
            QCOMPARE(t.value(u"provider"_s).toString(), attempts.last().at(0).toString());
            QCOMPARE(t.value(u"model"_s).toString(), attempts.last().at(1).toString());
        }
        // The last error: the newest failed attempt, unless the task is done at full quality.
        const QVariant lastClass =
            db.scalar(u"SELECT error_class FROM attempts WHERE task_id = ? AND error_class"
                      u" NOT IN ('none', 'cancelled') ORDER BY number DESC LIMIT 1"_s,
                      {id});
        const bool fullyDone = t.value(u"state"_s).toString() == u"done"_s &&
                               t.value(u"quality"_s).toString() == u"full"_s;
        if (fullyDone || lastClass.isNull()) {
            if (fullyDone)
                QVERIFY(t.value(u"lastError"_s).isNull());
        } else {
            QCOMPARE(t.value(u"lastError"_s).toObject().value(u"class"_s).toString(),
                     lastClass.toString());
            QVERIFY(!t.value(u"recommendedAction"_s).toString().isEmpty());
        }
    }

    // Failures: every failed or degraded task, with its attempts in order.
    QSet<QString> expectedFailures;
    for (const QVariantList &row :
         db.rows(u"SELECT id FROM tasks WHERE state = 'failed' OR (state = 'done'"
                 u" AND quality IN ('reduced', 'fallback'))"_s)) {
        expectedFailures.insert(row.first().toString());
    }
    QSet<QString> reported;
    for (const QJsonValue &value : report.value(u"failures"_s).toArray()) {
        const QJsonObject f = value.toObject();
        const QString id = f.value(u"task"_s).toString();
        reported.insert(id);
        const QList<QVariantList> attempts =
            db.rows(u"SELECT number, rung, provider_id, error_class, archived_to FROM attempts"
                    u" WHERE task_id = ? AND "_s +
                        inWindow(u"started_at"_s, w) + u" ORDER BY number"_s,
                    {id});
        QList<QJsonObject> steps;
        QList<QJsonObject> actions;
        for (const QJsonValue &step : f.value(u"recovery"_s).toArray()) {
            if (step.toObject().value(u"kind"_s).toString() == u"attempt"_s)
                steps << step.toObject();
            else
                actions << step.toObject();
        }
        QCOMPARE(steps.size(), attempts.size());
        int archived = 0;
        for (qsizetype i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps.at(i).value(u"attempt"_s).toInt(), attempts.at(i).at(0).toInt());
            QCOMPARE(steps.at(i).value(u"rung"_s).toString(), attempts.at(i).at(1).toString());
            QCOMPARE(steps.at(i).value(u"provider"_s).toString(), attempts.at(i).at(2).toString());
            QCOMPARE(steps.at(i).value(u"class"_s).toString(), attempts.at(i).at(3).toString());
            archived += attempts.at(i).at(4).toString().isEmpty() ? 0 : 1;
        }
        QCOMPARE(f.value(u"partialOutputs"_s).toArray().size(), archived);
        for (const QJsonValue &partial : f.value(u"partialOutputs"_s).toArray()) {
            const QString folder = partial.toObject().value(u"folder"_s).toString();
            QVERIFY2(folder.startsWith(u"_failed/"_s), qPrintable(folder));
            QVERIFY(QFileInfo::exists(m_f->path(u"ws/"_s + folder + u"error.json"_s)));
        }
        // User actions on this task in the run's window are on its recovery path.
        const int userEvents = db.scalar(u"SELECT COUNT(*) FROM events WHERE task_id = ? AND "_s +
                                             inWindow(u"time"_s, w),
                                         {id})
                                   .toInt();
        int taskActions = 0;
        for (const QJsonObject &action : std::as_const(actions))
            taskActions += action.value(u"action"_s).toString() == u"user-retry"_s ? 1 : 0;
        QCOMPARE(taskActions, userEvents);
    }
    QCOMPARE(reported, expectedFailures);

    // Audit trail: providers, usage sums, steps, files, checkpoints, events.
    const QJsonObject audit = report.value(u"audit"_s).toObject();
    const QList<QVariantList> byProvider =
        db.rows(u"SELECT provider_id, COUNT(*), SUM(cost_units),"
                u" SUM(CASE WHEN error_class = 'none' AND output_path != '' THEN 1 ELSE 0 END),"
                u" SUM(CASE WHEN error_class != 'none' THEN 1 ELSE 0 END)"
                u" FROM attempts WHERE "_s +
                inWindow(u"started_at"_s, w) + u" GROUP BY provider_id ORDER BY provider_id"_s);
    const QJsonArray auditProviders = audit.value(u"providers"_s).toArray();
    QCOMPARE(auditProviders.size(), byProvider.size());
    const QJsonObject usage = audit.value(u"usage"_s).toObject();
    QHash<QString, QJsonObject> usageRows;
    for (const QJsonValue &value : usage.value(u"providers"_s).toArray())
        usageRows.insert(value.toObject().value(u"provider"_s).toString(), value.toObject());
    double totalCost = 0.0;
    qint64 totalTime = 0;
    int totalAttempts = 0;
    for (qsizetype i = 0; i < byProvider.size(); ++i) {
        const QString provider = byProvider.at(i).at(0).toString();
        const QJsonObject p = auditProviders.at(i).toObject();
        QCOMPARE(p.value(u"id"_s).toString(), provider);
        QCOMPARE(p.value(u"attempts"_s).toInt(), byProvider.at(i).at(1).toInt());
        QCOMPARE(p.value(u"succeeded"_s).toInt(), byProvider.at(i).at(3).toInt());
        QCOMPARE(p.value(u"failed"_s).toInt(), byProvider.at(i).at(4).toInt());
        const QJsonObject actual = usageRows.value(provider).value(u"actual"_s).toObject();
        QCOMPARE(actual.value(u"attempts"_s).toInt(), byProvider.at(i).at(1).toInt());
        QVERIFY(std::abs(actual.value(u"costUnits"_s).toDouble() -
                         byProvider.at(i).at(2).toDouble()) < 1e-9);
        qint64 time = 0;
        for (const QVariantList &a :
             db.rows(u"SELECT started_at, ended_at FROM attempts WHERE provider_id = ? AND "_s +
                         inWindow(u"started_at"_s, w),
                     {provider}))
            time += sqlTime(a.at(0)).msecsTo(sqlTime(a.at(1)));
        QCOMPARE(actual.value(u"timeMs"_s).toInteger(), time);
        totalCost += byProvider.at(i).at(2).toDouble();
        totalTime += time;
        totalAttempts += byProvider.at(i).at(1).toInt();
    }
    const QJsonObject actualTotals =
        usage.value(u"totals"_s).toObject().value(u"actual"_s).toObject();
    QVERIFY(std::abs(actualTotals.value(u"costUnits"_s).toDouble() - totalCost) < 1e-9);
    QCOMPARE(actualTotals.value(u"timeMs"_s).toInteger(), totalTime);
    QCOMPARE(actualTotals.value(u"attempts"_s).toInt(), totalAttempts);

    // The estimate: one attempt per task of the run on the provider it started on.
    QHash<QString, double> costPerUnit;
    for (const ProviderInfo &info : providers())
        costPerUnit.insert(info.id, info.costPerUnit);
    QHash<QString, double> estimatedCost;
    QHash<QString, int> estimatedTasks;
    for (const QVariantList &row :
         db.rows(u"SELECT task_id, provider_id FROM attempts a WHERE "_s +
                 inWindow(u"started_at"_s, w) +
                 u" AND number = (SELECT MIN(number) FROM attempts b WHERE b.task_id = a.task_id"
                 u" AND "_s +
                 inWindow(u"b.started_at"_s, w) + u")"_s)) {
        const QString provider = row.at(1).toString();
        const bool video = row.at(0).toString().endsWith(u"/video"_s);
        estimatedCost[provider] += costPerUnit.value(provider) * (video ? 1.5 : 1.0);
        estimatedTasks[provider] += 1;
    }
    for (auto it = estimatedTasks.cbegin(); it != estimatedTasks.cend(); ++it) {
        const QJsonObject estimate = usageRows.value(it.key()).value(u"estimate"_s).toObject();
        QCOMPARE(estimate.value(u"tasks"_s).toInt(), it.value());
        QVERIFY(std::abs(estimate.value(u"costUnits"_s).toDouble() -
                         estimatedCost.value(it.key())) < 1e-9);
    }

    const int successes =
        db.scalar(u"SELECT COUNT(*) FROM attempts WHERE error_class = 'none' AND output_path != ''"
                  u" AND "_s +
                  inWindow(u"started_at"_s, w))
            .toInt();
    QCOMPARE(audit.value(u"stepsCompleted"_s).toArray().size(), successes);
    const QJsonObject files = audit.value(u"files"_s).toObject();
    QCOMPARE(files.value(u"written"_s).toArray().size(), successes);
    for (const QJsonValue &file : files.value(u"written"_s).toArray())
        QVERIFY2(QFileInfo::exists(m_f->path(u"ws/"_s + file.toString())),
                 qPrintable(file.toString()));
    QCOMPARE(files.value(u"archived"_s).toArray().size(),
             db.scalar(u"SELECT COUNT(*) FROM attempts WHERE archived_to != '' AND "_s +
                       inWindow(u"started_at"_s, w))
                 .toInt());
    QCOMPARE(audit.value(u"checkpoints"_s).toArray().size(),
             db.scalar(u"SELECT COUNT(*) FROM checkpoints WHERE "_s + inWindow(u"created_at"_s, w))
                 .toInt());
    QCOMPARE(audit.value(u"events"_s).toArray().size(),
             db.scalar(u"SELECT COUNT(*) FROM events WHERE "_s + inWindow(u"time"_s, w)).toInt());
}

void TestReport::checkHtml(const QString &htmlPath, const QJsonObject &report)
{
    const QByteArray html = readAll(htmlPath);
    QVERIFY(!html.isEmpty());
    QVERIFY(html.startsWith("<!DOCTYPE html>"));

    // Well-formed XML over the whole document, doctype included.
    QXmlStreamReader xml(html);
    bool sawDoctype = false;
    QSet<QString> ids;
    QStringList links;
    int elements = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.tokenType() == QXmlStreamReader::DTD)
            sawDoctype = xml.dtdName() == u"html"_s;
        if (xml.isStartElement()) {
            ++elements;
            if (elements == 1) {
                QCOMPARE(xml.name().toString(), u"html"_s);
                QCOMPARE(xml.namespaceUri().toString(), u"http://www.w3.org/1999/xhtml"_s);
            }
            const QXmlStreamAttributes attributes = xml.attributes();
            if (attributes.hasAttribute(u"id"_s))
                ids.insert(attributes.value(u"id"_s).toString());
            for (const QString &name : {u"href"_s, u"src"_s}) {
                if (attributes.hasAttribute(name))
                    links << attributes.value(name).toString();
            }
            // Self-contained: no scripts, no external style sheets.
            QVERIFY(xml.name() != u"script"_s && xml.name() != u"link"_s);
        }
    }
    QVERIFY2(!xml.hasError(),
             qPrintable(u"%1 at line %2"_s.arg(xml.errorString()).arg(xml.lineNumber())));
    QVERIFY(sawDoctype);
    QVERIFY(elements > 50);

    // HTML parsers ignore "/>" on non-void elements: there must be none.
    static const QRegularExpression selfClosing(
        uR"(<(?!img\b|meta\b|br\b|hr\b|col\b|input\b|link\b|source\b|wbr\b)([a-zA-Z0-9]+)\b[^<>]*/>)"_s);
    const QRegularExpressionMatch bad = selfClosing.match(QString::fromUtf8(html));
    QVERIFY2(!bad.hasMatch(), qPrintable(bad.captured(0)));

    // Every failed or degraded task is there, and every link stays inside the workspace
    // and points at something that exists.
    for (const QJsonValue &value : report.value(u"failures"_s).toArray()) {
        const QString id = value.toObject().value(u"task"_s).toString();
        QVERIFY2(ids.contains(u"failure-"_s + QString(id).replace(u'/', u'-')), qPrintable(id));
        QVERIFY(html.contains(id.toUtf8()));
    }
    QVERIFY(!links.isEmpty());
    const QDir reportDir = QFileInfo(htmlPath).absoluteDir();
    const QString workspace = QDir::cleanPath(reportDir.absoluteFilePath(u"../.."_s));
    for (const QString &link : std::as_const(links)) {
        QVERIFY2(link.startsWith(u"../../"_s), qPrintable(link));
        const QString target =
            QDir::cleanPath(reportDir.absoluteFilePath(QUrl::fromPercentEncoding(link.toUtf8())));
        QVERIFY2(target.startsWith(workspace + u'/'), qPrintable(link));
        QVERIFY2(QFileInfo::exists(target), qPrintable(link));
    }
}

void TestReport::reportMatchesTheStateDatabase()
{
    runFaultyBatch(false);
    Db db(m_f->path(u"ws/state.sqlite"_s));
    const QList<QVariantList> runs = db.rows(u"SELECT id FROM runs ORDER BY started_at, rowid"_s);
    QCOMPARE(runs.size(), 2);

    for (const QVariantList &runRow : runs) {
        const QString runId = runRow.first().toString();
        const ReportBuilder builder = buildReport(runId, false);
        QCOMPARE(builder.runId(), runId);
        const QString dir = ReportBuilder::reportDirectory(m_f->path(u"ws"_s), runId);
        const QJsonObject report = readJson(dir + u"/report.json"_s);
        QCOMPARE(report, builder.json());
        QCOMPARE(report.value(u"run"_s).toObject().value(u"debugLogging"_s).toBool(), false);
        compareWithDatabase(report);
        if (QTest::currentTestFailed())
            return;
        checkSchema(report);
        if (QTest::currentTestFailed())
            return;
        checkHtml(dir + u"/report.html"_s, report);
        if (QTest::currentTestFailed())
            return;
        const QByteArray markdown = readAll(dir + u"/report.md"_s);
        for (const QJsonValue &f : report.value(u"failures"_s).toArray())
            QVERIFY(markdown.contains(f.toObject().value(u"task"_s).toString().toUtf8()));
    }

    // The first run: the known faults, classes and rungs.
    const QJsonObject first = buildReport(runs.first().first().toString(), false).json();
    QCOMPARE(first.value(u"run"_s).toObject().value(u"outcome"_s).toString(), u"partial"_s);
    QHash<QString, QJsonObject> failures;
    for (const QJsonValue &value : first.value(u"failures"_s).toArray())
        failures.insert(value.toObject().value(u"task"_s).toString(), value.toObject());
    QVERIFY(failures.contains(imageTask(1)));
    QVERIFY(failures.contains(imageTask(2)));
    QVERIFY(!failures.contains(imageTask(3))); // recovered at full quality on b
    // ... which is counted on its own, neither as a primary success nor as degraded,
    const QJsonObject firstCounts = first.value(u"counts"_s).toObject();
    QCOMPARE(firstCounts.value(u"onOtherProvider"_s).toInt(), 1);
    QCOMPARE(firstCounts.value(u"qualities"_s).toObject().value(u"full_other_provider"_s).toInt(),
             1);
    QJsonObject task3;
    for (const QJsonValue &value : first.value(u"tasks"_s).toArray()) {
        if (value.toObject().value(u"id"_s).toString() == imageTask(3))
            task3 = value.toObject();
    }
    QCOMPARE(task3.value(u"quality"_s).toString(), u"full_other_provider"_s);
    QCOMPARE(task3.value(u"lastError"_s).toObject().value(u"class"_s).toString(), u"timeout"_s);
    QVERIFY2(task3.value(u"recommendedAction"_s).toString().contains(u"alternative provider"_s),
             qPrintable(task3.value(u"recommendedAction"_s).toString()));
    // and shown in words in the HTML and Markdown reports.
    const QString firstDir =
        ReportBuilder::reportDirectory(m_f->path(u"ws"_s), runs.first().first().toString());
    for (const QString &file : {u"/report.html"_s, u"/report.md"_s}) {
        const QString text = QString::fromUtf8(readAll(firstDir + file));
        QVERIFY2(text.contains(u"full · other provider"_s), qPrintable(file));
        QVERIFY2(text.contains(u"1 on another provider"_s), qPrintable(file));
    }
    QCOMPARE(failures.value(imageTask(2)).value(u"reason"_s).toObject().value(u"class"_s),
             u"invalid_request"_s);
    QCOMPARE(failures.value(imageTask(2)).value(u"reason"_s).toObject().value(u"httpStatus"_s),
             400);
    QCOMPARE(failures.value(imageTask(2)).value(u"blocks"_s).toArray(), QJsonArray{videoTask(2)});
    QCOMPARE(failures.value(imageTask(1))
                 .value(u"recovery"_s)
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"class"_s),
             u"content_policy"_s);
    // A failed video names its shot's last completed step, the image; a failed image has
    // none; a degraded task's is itself.
    QCOMPARE(failures.value(videoTask(6)).value(u"lastCompletedStep"_s).toObject().value(u"task"_s),
             imageTask(6));
    QVERIFY(failures.value(imageTask(2)).value(u"lastCompletedStep"_s).isNull());
    const QJsonObject video5 = failures.value(videoTask(5));
    QCOMPARE(video5.value(u"quality"_s), u"fallback"_s);
    QCOMPARE(video5.value(u"lastCompletedStep"_s).toObject().value(u"task"_s), videoTask(5));

    // The second run: the user's retry is on the recovery path of the task it concerned.
    const QJsonObject second = buildReport(runs.last().first().toString(), false).json();
    bool sawRetry = false;
    for (const QJsonValue &value : second.value(u"failures"_s).toArray()) {
        const QJsonObject f = value.toObject();
        if (f.value(u"task"_s).toString() != imageTask(2))
            continue;
        for (const QJsonValue &step : f.value(u"recovery"_s).toArray())
            sawRetry = sawRetry || step.toObject().value(u"action"_s) == u"user-retry"_s;
    }
    QVERIFY(sawRetry);

    // Privacy: with debug logging off neither the prompt nor the key is in any report or
    // log; the key is nowhere in the workspace at all.
    const QString ws = m_f->path(u"ws"_s);
    QVERIFY(QFileInfo::exists(ws + u"/logs/error.log"_s));
    for (const QString &dir : {u"reports"_s, u"logs"_s}) {
        QCOMPARE(filesContaining(ws + u'/' + dir, QString::fromUtf16(kPlantedPrompt).toUtf8()),
                 QStringList());
        QCOMPARE(filesContaining(ws + u'/' + dir, QString::fromUtf16(kPlantedNegative).toUtf8()),
                 QStringList());
    }
    QCOMPARE(filesContaining(ws, kPlantedKey), QStringList());
}

void TestReport::debugLoggingIncludesPromptsButNeverKeys()
{
    runFaultyBatch(true);
    const ReportBuilder builder = buildReport(QString(), true);
    const QString dir = ReportBuilder::reportDirectory(m_f->path(u"ws"_s), builder.runId());
    const QJsonObject report = readJson(dir + u"/report.json"_s);
    QCOMPARE(report.value(u"run"_s).toObject().value(u"debugLogging"_s).toBool(), true);
    checkSchema(report);
    checkHtml(dir + u"/report.html"_s, report);
    const QByteArray prompt = QString::fromUtf16(kPlantedPrompt).toUtf8();
    for (const QString &file : {u"report.json"_s, u"report.html"_s, u"report.md"_s})
        QVERIFY2(readAll(dir + u'/' + file).contains(prompt), qPrintable(file));
    QVERIFY(
        readAll(dir + u"/report.json"_s).contains(QString::fromUtf16(kPlantedNegative).toUtf8()));
    QVERIFY(readAll(m_f->path(u"ws/logs/error.log"_s)).contains(prompt));
    QCOMPARE(filesContaining(m_f->path(u"ws"_s), kPlantedKey), QStringList());
}

void TestReport::failedAssemblyShowsFfmpegsStderrWithoutPrompts()
{
    // Given a storyboard with a voice-over and assembly, and a scene cut whose ffmpeg fails
    // with a stderr that (as a worst case) quotes a shot's prompt, the voice-over text and
    // a key
    m_project = makeProject(2);
    m_project.assemble = true;
    m_project.scenes[0].shots[0].prompt =
        u"A harbour in fog. "_s + QString::fromUtf16(kPlantedPrompt);
    const QString voiceText = u"The keeper whispers PLANTED-VOICE-2290 to the sea."_s;
    m_project.scenes[0].voiceOver = {voiceText, {}, u"en"_s};
    QVERIFY(m_f->open(m_project));
    const QString tail =
        u"[mov,mp4 @ 0x55d1] moov atom not found in draft/s01/sh02/video.a1.mp4\n"_s
        u"[mp4 @ 0x55d2] title: A harbour in fog. "_s +
        QString::fromUtf16(kPlantedPrompt) + u"\n[tts] "_s + voiceText +
        u"\nAuthorization: Bearer "_s + QString::fromLatin1(kPlantedKey) +
        u"\nConversion failed!"_s;
    m_f->local->setDecider([&](const GenerationRequest &r) {
        if (r.taskId != u"s01/assemble"_s)
            return FakeOutcome{};
        FakeOutcome failure(ErrorClass::ProviderError);
        failure.stderrTail = tail;
        return failure;
    });
    QVERIFY(m_f->runToEnd());
    QCOMPARE(m_f->engine->task(u"s01/assemble"_s).state, TaskState::Failed);

    // When the report is written
    const ReportBuilder builder = buildReport(QString(), false);
    const QString dir = ReportBuilder::reportDirectory(m_f->path(u"ws"_s), builder.runId());
    const QJsonObject report = readJson(dir + u"/report.json"_s);
    checkSchema(report);
    checkHtml(dir + u"/report.html"_s, report);

    // Then the failure's attempt carries ffmpeg's tail, scrubbed like every message
    QJsonObject failure;
    for (const QJsonValue &f : report.value(u"failures"_s).toArray()) {
        if (f.toObject().value(u"task"_s).toString() == u"s01/assemble"_s)
            failure = f.toObject();
    }
    const QJsonArray recovery = failure.value(u"recovery"_s).toArray();
    QCOMPARE(recovery.size(), 1);
    const QString shown = recovery.first().toObject().value(u"stderrTail"_s).toString();
    QVERIFY2(shown.startsWith(u"[mov,mp4 @ 0x55d1] moov atom not found in "
                              u"draft/s01/sh02/video.a1.mp4\n"_s),
             qPrintable(shown));
    QVERIFY2(shown.endsWith(u"\nConversion failed!"_s), qPrintable(shown));
    QVERIFY2(shown.contains(u"[prompt withheld]"_s), qPrintable(shown));
    // Attempts that ran no tool have no such field.
    for (const QJsonValue &f : report.value(u"failures"_s).toArray()) {
        for (const QJsonValue &step : f.toObject().value(u"recovery"_s).toArray()) {
            if (f.toObject().value(u"task"_s).toString() != u"s01/assemble"_s)
                QVERIFY(!step.toObject().contains(u"stderrTail"_s));
        }
    }

    // And the HTML and Markdown failure sections show it, and no report file holds the
    // prompt, the voice-over text or the key
    const QByteArray html = readAll(dir + u"/report.html"_s);
    QVERIFY(html.contains("ffmpeg output (last lines)"));
    QVERIFY(html.contains("moov atom not found in draft/s01/sh02/video.a1.mp4"));
    QVERIFY(readAll(dir + u"/report.md"_s).contains("         Conversion failed!"));
    for (const QString &file : {u"report.json"_s, u"report.html"_s, u"report.md"_s}) {
        const QByteArray bytes = readAll(dir + u'/' + file);
        QVERIFY2(!bytes.contains(QString::fromUtf16(kPlantedPrompt).toUtf8()), qPrintable(file));
        QVERIFY2(!bytes.contains("PLANTED-VOICE-2290"), qPrintable(file));
        QVERIFY2(!bytes.contains(kPlantedKey), qPrintable(file));
    }
}

void TestReport::schemaValidatorRejectsWhatTheSchemaForbids()
{
    runFaultyBatch(false);
    const QJsonObject valid = buildReport(QString(), false).json();
    SchemaValidator validator(m_schema);
    QCOMPARE(validator.validate(valid), QStringList());

    QJsonObject missing = valid;
    missing.remove(u"audit"_s);
    QVERIFY(!validator.validate(missing).isEmpty());

    QJsonObject extra = valid;
    extra.insert(u"apiKey"_s, u"x"_s);
    QVERIFY(!validator.validate(extra).isEmpty());

    QJsonObject badEnum = valid;
    QJsonArray tasks = badEnum.value(u"tasks"_s).toArray();
    QJsonObject task = tasks.first().toObject();
    task.insert(u"state"_s, u"exploded"_s);
    tasks.replace(0, task);
    badEnum.insert(u"tasks"_s, tasks);
    QVERIFY(!validator.validate(badEnum).isEmpty());

    QJsonObject badType = valid;
    QJsonObject counts = badType.value(u"counts"_s).toObject();
    counts.insert(u"attempts"_s, u"many"_s);
    badType.insert(u"counts"_s, counts);
    QVERIFY(!validator.validate(badType).isEmpty());

    QJsonObject fraction = valid;
    counts = fraction.value(u"counts"_s).toObject();
    counts.insert(u"total"_s, 1.5);
    fraction.insert(u"counts"_s, counts);
    QVERIFY(!validator.validate(fraction).isEmpty());

    // A prompt outside the fields that may carry one is refused by the schema too.
    QJsonObject leaked = valid;
    QJsonObject run = leaked.value(u"run"_s).toObject();
    run.insert(u"prompt"_s, u"secret"_s);
    leaked.insert(u"run"_s, run);
    QVERIFY(!validator.validate(leaked).isEmpty());
}

void TestReport::redactorWithholdsPromptsAndCredentials_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("secret");
    QTest::newRow("prompt echoed")
        << u"rejected: \"A harbour in fog. PLANTED\" is unsafe"_s << u"A harbour in fog. PLANTED"_s;
    QTest::newRow("authorization header")
        << u"401 for request with Authorization: Bearer abcDEF123456789xyz"_s
        << u"abcDEF123456789xyz"_s;
    QTest::newRow("bearer token") << u"token bearer Zm9vYmFyYmF6cXV4MTIz rejected"_s
                                  << u"Zm9vYmFyYmF6cXV4MTIz"_s;
    QTest::newRow("query key") << u"GET https://api.example/v1/x?model=m&key=s3cr3tValue42"_s
                               << u"s3cr3tValue42"_s;
    QTest::newRow("named key") << u"bad request {\"api_key\": \"hunter2hunter2\"}"_s
                               << u"hunter2hunter2"_s;
    QTest::newRow("key shaped") << u"invalid key r8_AbCdEfGhIjKlMnOpQrSt provided"_s
                                << u"r8_AbCdEfGhIjKlMnOpQrSt"_s;
}

void TestReport::redactorWithholdsPromptsAndCredentials()
{
    QFETCH(QString, message);
    QFETCH(QString, secret);
    Redactor redactor;
    redactor.addPrivateText(u"A harbour in fog. PLANTED"_s, u"[prompt withheld]"_s);
    redactor.addPrivateText(u"fog"_s, u"[too short to withhold]"_s); // ignored: under 4 chars
    const QString clean = redactor.apply(message);
    QVERIFY2(!clean.contains(secret), qPrintable(clean));
    QVERIFY2(!clean.contains(u"too short"_s), qPrintable(clean));
    // Ordinary words stay readable.
    QCOMPARE(Redactor().apply(u"HTTP 429 Too Many Requests; retry after 2 s"_s),
             u"HTTP 429 Too Many Requests; retry after 2 s"_s);
}

void TestReport::estimateUsesMeasuredDurations()
{
    UsageEstimator estimator;
    estimator.setProviders(
        {{u"cloud"_s, u"replicate"_s, u"m"_s, 0.1, 2}, {u"local"_s, u"local"_s, u"m"_s, 0.0, 4}});
    const QDateTime t0 = QDateTime::fromString(u"2026-11-25T10:00:00.000Z"_s, Qt::ISODateWithMs);
    QHash<QString, QList<Attempt>> history;
    const auto attempt = [&](const QString &provider, qint64 startMs, qint64 durationMs,
                             ErrorClass cls = ErrorClass::None) {
        Attempt a;
        a.providerId = provider;
        a.startedAt = t0.addMSecs(startMs);
        a.endedAt = a.startedAt.addMSecs(durationMs);
        a.errorClass = cls;
        return a;
    };
    history[u"s1/image"_s] = {attempt(u"cloud"_s, 0, 1000), attempt(u"cloud"_s, 5000, 3000)};
    // Cancelled attempts and attempts after `before` do not count.
    history[u"s2/image"_s] = {attempt(u"cloud"_s, 9000, 100000, ErrorClass::Cancelled),
                              attempt(u"cloud"_s, 60000, 50000)};
    estimator.addHistory(history, t0.addMSecs(50000));
    QCOMPARE(estimator.meanDurationMs(u"cloud"_s, Stage::Image), std::optional<qint64>(2000));
    QCOMPARE(estimator.sampleCount(u"cloud"_s, Stage::Image), 2);
    QVERIFY(!estimator.meanDurationMs(u"cloud"_s, Stage::Video));

    estimator.addTask(u"cloud"_s, Stage::Image, 1.0);
    estimator.addTask(u"cloud"_s, Stage::Image, 1.0);
    estimator.addTask(u"cloud"_s, Stage::Image, 1.0);
    estimator.addTask(u"cloud"_s, Stage::Video, UsageEstimator::unitsFor(Stage::Video, 4.0));
    estimator.addTask(u"local"_s, Stage::Video, UsageEstimator::unitsFor(Stage::Video, 4.0));
    const QList<ProviderEstimate> rows = estimator.estimate();
    QCOMPARE(rows.size(), 2);
    const ProviderEstimate cloud = rows.at(0);
    QCOMPARE(cloud.providerId, u"cloud"_s);
    QCOMPARE(cloud.tasks, 4);
    QCOMPARE(cloud.images, 3);
    QCOMPARE(cloud.videos, 1);
    // 3 images x the measured 2 s, 1 video x the documented 90 s default of cloud kinds.
    QCOMPARE(cloud.timeMs,
             3 * 2000 + UsageEstimator::defaultDurationMs(u"replicate"_s, Stage::Video));
    QCOMPARE(UsageEstimator::defaultDurationMs(u"replicate"_s, Stage::Video), 90000);
    QVERIFY(!cloud.measured);
    QVERIFY(std::abs(cloud.costUnits - (3 * 0.1 + 4 * 0.1)) < 1e-9);
    QCOMPARE(cloud.wallTimeMs, cloud.timeMs / 2);
    const ProviderEstimate local = rows.at(1);
    QCOMPARE(local.timeMs, UsageEstimator::defaultDurationMs(u"local"_s, Stage::Video));
    QCOMPARE(local.costUnits, 0.0);
    QCOMPARE(estimator.total().tasks, 5);
}

void TestReport::cliBudgetStopsBeforeTheCap()
{
    QTemporaryDir dir;
    // 4 shots = 8 tasks of 1 unit each (image: 1 unit, video: 1 s at 1 unit per second).
    const QString board = writeStoryboard(dir.path(), 4, 1.0, 0);

    // Given an estimate of 8 units on studio, with default durations
    const auto studioRow = [](const QString &out) {
        for (const QString &line : out.split(u'\n')) {
            if (line.startsWith(u"studio "_s))
                return line.simplified();
        }
        return QString();
    };
    const CliResult estimate = cli({u"estimate"_s, board}, dir.path());
    QCOMPARE(estimate.exitCode, 0);
    QVERIFY2(studioRow(estimate.out).startsWith(u"studio 8 4 4 "_s), qPrintable(estimate.out));
    QVERIFY2(studioRow(estimate.out).endsWith(u" 8.00 defaults"_s), qPrintable(estimate.out));

    // When the run is capped at 5 units
    const CliResult run = cli({u"run"_s, board, u"--budget"_s, u"5"_s}, dir.path());

    // Then it stops dispatching before the cap, says so, and reports it
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.out.contains(u"Stopped by the budget cap: 5.00 of 5.00 cost units"_s),
             qPrintable(run.out));
    static const QRegularExpression notDispatched(u"(\\d+) task\\(s\\) were not dispatched"_s);
    const QRegularExpressionMatch match = notDispatched.match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    const QString ws = dir.filePath(u"report.retake"_s);
    Db db(ws + u"/state.sqlite"_s);
    QVERIFY(db.isOpen());
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM attempts"_s).toInt(), 5);
    QVERIFY(db.scalar(u"SELECT SUM(cost_units) FROM attempts"_s).toDouble() <= 5.0 + 1e-9);
    const QString runId = db.scalar(u"SELECT id FROM runs"_s).toString();
    QCOMPARE(db.scalar(u"SELECT outcome FROM runs"_s).toString(), u"budget cap"_s);
    const QString reportDir = ReportBuilder::reportDirectory(ws, runId);
    QVERIFY2(run.out.contains(QDir::toNativeSeparators(reportDir + u"/report.html"_s)),
             qPrintable(run.out));
    const QJsonObject report = readJson(reportDir + u"/report.json"_s);
    checkSchema(report);
    const QJsonObject header = report.value(u"run"_s).toObject();
    QCOMPARE(header.value(u"outcome"_s).toString(), u"budget-cap"_s);
    QCOMPARE(header.value(u"partial"_s).toBool(), true);
    QCOMPARE(header.value(u"budgetCap"_s).toDouble(), 5.0);
    const QJsonObject totals = report.value(u"audit"_s)
                                   .toObject()
                                   .value(u"usage"_s)
                                   .toObject()
                                   .value(u"totals"_s)
                                   .toObject();
    QCOMPARE(totals.value(u"actual"_s).toObject().value(u"costUnits"_s).toDouble(), 5.0);
    const QJsonObject counts = report.value(u"counts"_s).toObject();
    QCOMPARE(counts.value(u"states"_s).toObject().value(u"done"_s).toInt(), 5);
    QCOMPARE(match.captured(1).toInt(), counts.value(u"total"_s).toInt() - 5);

    // The estimate now counts what is left, from measured durations.
    const CliResult after = cli({u"estimate"_s, board}, dir.path());
    QVERIFY2(after.out.contains(u"(5 done)"_s), qPrintable(after.out));
    QVERIFY2(studioRow(after.out).startsWith(u"studio 3 "_s), qPrintable(after.out));
    QVERIFY2(studioRow(after.out).endsWith(u"measured attempts"_s), qPrintable(after.out));

    // With --json the stop is an event of its own, before the closing summary.
    const CliResult json = cli({u"run"_s, board, u"--budget"_s, u"1"_s, u"--json"_s}, dir.path());
    QCOMPARE(json.exitCode, 3);
    const QStringList lines = json.out.trimmed().split(u'\n');
    QVERIFY(lines.size() >= 2);
    const QJsonObject capLine =
        QJsonDocument::fromJson(lines.at(lines.size() - 2).toUtf8()).object();
    QCOMPARE(capLine.value(u"event"_s).toString(), u"budget-cap"_s);
    QCOMPARE(capLine.value(u"cap"_s).toDouble(), 1.0);
    QCOMPARE(capLine.value(u"notDispatched"_s).toInt(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.last().toUtf8()).object().value(u"event"_s).toString(),
             u"summary"_s);

    // No prompt and no key in reports or logs.
    QCOMPARE(filesContaining(ws + u"/reports"_s, QString::fromUtf16(kPlantedPrompt).toUtf8()),
             QStringList());
    QCOMPARE(filesContaining(ws, kPlantedKey), QStringList());
}

void TestReport::cliReportAndEstimateCommands()
{
    QTemporaryDir dir;
    const QString board = writeStoryboard(dir.path(), 2, 0.5, 0);

    const CliResult none = cli({u"report"_s, board}, dir.path());
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains(u"nothing has run"_s), qPrintable(none.err));

    const CliResult run = cli({u"run"_s, board, u"--json"_s}, dir.path());
    QCOMPARE(run.exitCode, 0);
    QJsonObject reportLine;
    for (const QString &line : run.out.split(u'\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(u"event"_s) == u"report"_s)
            reportLine = o;
    }
    QCOMPARE(reportLine.value(u"outcome"_s).toString(), u"complete"_s);
    QCOMPARE(reportLine.value(u"partial"_s).toBool(), false);
    QVERIFY(QFileInfo::exists(reportLine.value(u"html"_s).toString()));
    QVERIFY(QFileInfo::exists(reportLine.value(u"json"_s).toString()));

    const CliResult md = cli({u"report"_s, board, u"--format"_s, u"md"_s}, dir.path());
    QCOMPARE(md.exitCode, 0);
    const QString mdPath = md.out.trimmed();
    QVERIFY2(mdPath.endsWith(u"/report.md"_s), qPrintable(md.out));
    QVERIFY(readAll(mdPath).startsWith("# Job report — Report test"));

    const CliResult json = cli({u"report"_s, board, u"--format"_s, u"json"_s, u"--run"_s,
                                reportLine.value(u"run"_s).toString(), u"--json"_s},
                               dir.path());
    QCOMPARE(json.exitCode, 0);
    const QJsonObject line = QJsonDocument::fromJson(json.out.trimmed().toUtf8()).object();
    QVERIFY(line.value(u"path"_s).toString().endsWith(u"/report.json"_s));
    checkSchema(readJson(line.value(u"path"_s).toString()));

    const CliResult unknown = cli({u"report"_s, board, u"--run"_s, u"nope"_s}, dir.path());
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(u"no run \"nope\""_s), qPrintable(unknown.err));
    const CliResult badFormat = cli({u"report"_s, board, u"--format"_s, u"pdf"_s}, dir.path());
    QCOMPARE(badFormat.exitCode, 2);
    const CliResult badBudget = cli({u"run"_s, board, u"--budget"_s, u"-1"_s}, dir.path());
    QCOMPARE(badBudget.exitCode, 2);
    QVERIFY2(badBudget.err.contains(u"--budget needs a positive number"_s),
             qPrintable(badBudget.err));

    const CliResult estimate = cli({u"estimate"_s, board, u"--json"_s}, dir.path());
    QCOMPARE(estimate.exitCode, 0);
    QVERIFY2(estimate.out.contains(u"\"event\":\"estimate-total\""_s), qPrintable(estimate.out));

    const CliResult help = cli({u"--help"_s}, dir.path());
    for (const QString &word :
         {u"report FILE"_s, u"estimate FILE"_s, u"--budget"_s, u"--debug-logging"_s})
        QVERIFY2(help.out.contains(word), qPrintable(word));
}

void TestReport::cliKilledRunGetsAPartialReport()
{
    QTemporaryDir dir;
    // One slot and 250 ms per attempt: a kill lands while a task runs.
    const QString board = writeStoryboard(
        dir.path(), 6, 0.1, 250,
        QJsonObject{{u"seed"_s, 3}, {u"rates"_s, QJsonObject{{u"timeout"_s, 0.2}}}});
    const QString ws = dir.filePath(u"report.retake"_s);

    // Given a run killed with SIGKILL after its first attempt finished
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, board, u"--json"_s});
    QVERIFY(process.waitForStarted());
    QByteArray seen;
    QElapsedTimer clock;
    clock.start();
    while (!seen.contains("\"event\":\"attempt\"") && clock.elapsed() < 30000) {
        process.waitForReadyRead(100);
        seen += process.readAllStandardOutput();
    }
    QVERIFY2(seen.contains("\"event\":\"attempt\""), seen.constData());
    ::kill(pid_t(process.processId()), SIGKILL);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    QVERIFY(!QFileInfo::exists(ws + u"/reports"_s) ||
            QDir(ws + u"/reports"_s).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot));

    QString runId;
    int running = 0;
    {
        Db db(ws + u"/state.sqlite"_s);
        QVERIFY(db.isOpen());
        runId = db.scalar(u"SELECT id FROM runs WHERE ended_at IS NULL"_s).toString();
        running = db.scalar(u"SELECT COUNT(*) FROM tasks WHERE state = 'running'"_s).toInt();
        // A task whose output was filed just before the kill is in the redo log, not yet
        // committed: the next owner keeps it as done (docs/ARCHITECTURE.md, "State and
        // workspace"), so it is not among the interrupted ones.
        QFile redo(ws + u"/state.redo"_s);
        if (redo.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : redo.readAll().split('\n')) {
                const QString id = QJsonDocument::fromJson(line)
                                       .object()
                                       .value(u"row"_s)
                                       .toObject()
                                       .value(u"id"_s)
                                       .toString();
                if (!id.isEmpty() &&
                    db.scalar(u"SELECT state FROM tasks WHERE id = ?"_s, {id}).toString() ==
                        u"running"_s)
                    --running;
            }
        }
    }
    QVERIFY(!runId.isEmpty());

    // A reader of the workspace (status) writes no report: it changes nothing (issue 12)
    const CliResult status = cli({u"status"_s, board, u"--json"_s}, dir.path());
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(!status.err.contains(u"partial report"_s), qPrintable(status.err));
    QVERIFY(!QFileInfo::exists(ws + u"/reports"_s) ||
            QDir(ws + u"/reports"_s).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot));

    // When the workspace is opened again by its next owner (here checkpoint create)
    const CliResult owner = cli({u"checkpoint"_s, u"create"_s, board}, dir.path());
    QCOMPARE(owner.exitCode, 0);
    QVERIFY2(owner.err.contains(u"partial report"_s), qPrintable(owner.err));

    // Then the killed run has a partial report
    const QString reportDir = ReportBuilder::reportDirectory(ws, runId);
    const QJsonObject crashed = readJson(reportDir + u"/report.json"_s);
    checkSchema(crashed);
    const QJsonObject header = crashed.value(u"run"_s).toObject();
    QCOMPARE(header.value(u"id"_s).toString(), runId);
    QCOMPARE(header.value(u"outcome"_s).toString(), u"crashed"_s);
    QCOMPARE(header.value(u"partial"_s).toBool(), true);
    QVERIFY(header.value(u"endedAt"_s).isNull());
    const QJsonObject states = crashed.value(u"counts"_s).toObject().value(u"states"_s).toObject();
    QCOMPARE(states.value(u"running"_s).toInt(), 0);
    QCOMPARE(states.value(u"interrupted"_s).toInt(), running);
    QVERIFY(crashed.value(u"counts"_s).toObject().value(u"attempts"_s).toInt() >= 1);
    QXmlStreamReader xml(readAll(reportDir + u"/report.html"_s));
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));

    // ... and the resumed run ends with a final report for the same run id
    const CliResult resumed = cli({u"run"_s, board}, dir.path());
    QVERIFY2(resumed.exitCode == 0 || resumed.exitCode == 3, qPrintable(resumed.err));
    QVERIFY2(resumed.out.contains(reportDir + u"/report.html"_s), qPrintable(resumed.out));
    const QJsonObject final = readJson(reportDir + u"/report.json"_s);
    checkSchema(final);
    QCOMPARE(final.value(u"run"_s).toObject().value(u"resumedAfterCrash"_s).toBool(), true);
    QVERIFY(!final.value(u"run"_s).toObject().value(u"endedAt"_s).isNull());
    QCOMPARE(filesContaining(ws + u"/reports"_s, QString::fromUtf16(kPlantedPrompt).toUtf8()),
             QStringList());
}

void TestReport::cliListsVoiceOverAndAssemblyTasks()
{
    // Given a tiny storyboard on the built-in provider: two shots, a voice-over (espeak-ng)
    // and the scene and final cuts (ffmpeg)
    QTemporaryDir dir;
    const QString voiceText = u"The harbour wakes. PLANTED-VOICE-8812."_s;
    const QJsonObject project{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Tiny film"_s},
        {u"assemble"_s, true},
        {u"defaults"_s,
         QJsonObject{
             {u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}, {u"steps"_s, 2}}},
             {u"video"_s, QJsonObject{{u"duration"_s, 0.5}, {u"fps"_s, 8}}}}},
        {u"retry"_s, QJsonObject{{u"baseDelayMs"_s, 10}, {u"maxDelayMs"_s, 50}}},
        {u"scenes"_s,
         QJsonArray{QJsonObject{
             {u"id"_s, u"s01"_s},
             {u"voiceover"_s, QJsonObject{{u"text"_s, voiceText}, {u"language"_s, u"en"_s}}},
             {u"shots"_s,
              QJsonArray{QJsonObject{{u"id"_s, u"s01-sh01"_s}, {u"prompt"_s, u"Gulls at dawn."_s}},
                         QJsonObject{{u"id"_s, u"s01-sh02"_s},
                                     {u"prompt"_s, u"Boats leave the quay."_s}}}}}}}};
    const QString board = dir.filePath(u"tiny.retake.json"_s);
    QFile file(board);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(project).toJson());
    file.close();

    // When it runs through retake-cli
    const CliResult run = cli({u"run"_s, board, u"--json"_s}, dir.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QString reportPath;
    for (const QString &line : run.out.split(u'\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(u"event"_s) == u"report"_s)
            reportPath = o.value(u"json"_s).toString();
    }

    // Then `status` lists the voice-over and both cuts, done
    const QStringList expected{u"s01/audio"_s, u"s01/assemble"_s, u"final/assemble"_s};
    const CliResult status = cli({u"status"_s, board}, dir.path());
    QCOMPARE(status.exitCode, 0);
    for (const QString &id : expected) {
        const QRegularExpression row(u"^%1\\s+done\\s"_s.arg(QRegularExpression::escape(id)),
                                     QRegularExpression::MultilineOption);
        QVERIFY2(row.match(status.out).hasMatch(), qPrintable(id + u"\n"_s + status.out));
    }
    QVERIFY2(status.out.contains(u"7 tasks: 7 done"_s), qPrintable(status.out));
    const CliResult json = cli({u"status"_s, board, u"--json"_s}, dir.path());
    QSet<QString> listed;
    for (const QString &line : json.out.split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(u"event"_s) == u"task"_s && o.value(u"state"_s) == u"done"_s)
            listed.insert(o.value(u"id"_s).toString());
    }
    for (const QString &id : expected)
        QVERIFY2(listed.contains(id), qPrintable(id));

    // And the run's report.json has a row for each, with its stage and output
    const QJsonObject report = readJson(reportPath);
    checkSchema(report);
    QHash<QString, QJsonObject> rows;
    for (const QJsonValue &t : report.value(u"tasks"_s).toArray())
        rows.insert(t.toObject().value(u"id"_s).toString(), t.toObject());
    QCOMPARE(rows.size(), 7);
    QCOMPARE(rows.value(u"s01/audio"_s).value(u"stage"_s).toString(), u"audio"_s);
    QCOMPARE(rows.value(u"s01/assemble"_s).value(u"stage"_s).toString(), u"assemble"_s);
    QCOMPARE(rows.value(u"final/assemble"_s).value(u"stage"_s).toString(), u"assemble"_s);
    const QString ws = dir.filePath(u"tiny.retake/"_s);
    for (const QString &id : expected) {
        const QJsonObject row = rows.value(id);
        QCOMPARE(row.value(u"state"_s).toString(), u"done"_s);
        QCOMPARE(row.value(u"quality"_s).toString(), u"full"_s);
        QCOMPARE(row.value(u"provider"_s).toString(), u"local"_s);
        QVERIFY2(QFileInfo(ws + row.value(u"output"_s).toString()).size() > 0, qPrintable(id));
    }
    QVERIFY(rows.value(u"s01/audio"_s).value(u"output"_s).toString().endsWith(u".wav"_s));
    QVERIFY(rows.value(u"final/assemble"_s).value(u"output"_s).toString().endsWith(u".mp4"_s));
    // The voice-over text is a prompt: not in the report.
    QVERIFY(!readAll(reportPath).contains("PLANTED-VOICE-8812"));
}

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
