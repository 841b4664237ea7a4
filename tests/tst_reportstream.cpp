// Job reports at scale (issue 15, point 6): the report is written to disk as it is produced
// (docs/ARCHITECTURE.md, "Reports"), byte for byte the report that the whole document in
// memory renders; registering a big storyboard's prompts for redaction does not take
// quadratic time; Ctrl-C of a big run exits at once and its report is written later.
#include "enginefixture.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/redactor.h"
#include "report/reportbuilder.h"
#include "report/statereader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;

namespace {

// `shots` image-only shots on the built-in provider, 16 at a time, `latencyMs` each.
QString writeStoryboard(const QString &dir, int shots, int latencyMs)
{
    QJsonArray scenes;
    for (int s = 0; s * 10 < shots; ++s) {
        const QString scene = u"s%1"_s.arg(s + 1, 4, 10, QLatin1Char('0'));
        QJsonArray list;
        for (int n = 0; n < 10 && s * 10 + n < shots; ++n) {
            const QString id = scene + u"-sh%1"_s.arg(n + 1, 2, 10, QLatin1Char('0'));
            list.append(QJsonObject{{u"id"_s, id},
                                    {u"prompt"_s, u"Shot %1: lanterns along a canal."_s.arg(id)}});
        }
        scenes.append(QJsonObject{{u"id"_s, scene}, {u"shots"_s, list}});
    }
    const QJsonObject studio{{u"id"_s, u"studio"_s},
                             {u"kind"_s, u"local"_s},
                             {u"maxConcurrency"_s, 16},
                             {u"options"_s, QJsonObject{{u"latencyMs"_s, latencyMs}}}};
    const QJsonObject project{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Ctrl-C at scale"_s},
        {u"assemble"_s, false},
        {u"defaults"_s,
         QJsonObject{{u"stages"_s, u"image"_s},
                     {u"image"_s, QJsonObject{{u"width"_s, 64}, {u"height"_s, 36}}}}},
        {u"providerProfiles"_s, QJsonArray{studio}},
        {u"providers"_s, QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}}}},
        {u"scenes"_s, scenes}};
    const QString path = dir + u"/sigint.retake.json"_s;
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(project).toJson(QJsonDocument::Compact));
    return path;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestReportStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamedReportIsTheWholeDocument_data();
    void streamedReportIsTheWholeDocument();
    void redactorTakesTensOfThousandsOfPrompts();
    void ctrlCExitsAtOnceAndTheReportFollows();
};

void TestReportStream::streamedReportIsTheWholeDocument_data()
{
    QTest::addColumn<bool>("debugLogging");
    QTest::addColumn<int>("rowsPerSlice");
    QTest::newRow("one row per slice") << false << 1;
    QTest::newRow("three rows per slice, prompts") << true << 3;
    QTest::newRow("one slice") << false << 256;
}

void TestReportStream::streamedReportIsTheWholeDocument()
{
    QFETCH(bool, debugLogging);
    QFETCH(int, rowsPerSlice);
    // Given two runs with failures, degraded and blocked tasks, retries and a user action
    EngineFixture f;
    Project project = makeProject(7);
    QVERIFY(f.open(project));
    Engine &e = *f.engine;
    EngineOptions options = e.options();
    options.debugLogging = debugLogging;
    e.setOptions(options);
    f.a->script(imageTask(1), {{ErrorClass::ContentPolicy}});
    f.a->script(imageTask(2), {{ErrorClass::InvalidRequest, {}, 400}});
    f.a->script(imageTask(3), {{ErrorClass::Timeout}, {ErrorClass::Timeout}});
    f.a->script(videoTask(4), {{ErrorClass::RateLimited, 5, 429}});
    f.a->script(videoTask(6), {{ErrorClass::InvalidRequest, {}, 422}});
    QVERIFY(f.runToEnd());
    e.retryTask(imageTask(2));
    f.a->script(imageTask(2), {{ErrorClass::InvalidRequest, {}, 400}});
    QSignalSpy finished(&e, &Engine::batchFinished);
    e.start();
    QVERIFY(finished.wait(15000));

    StateReader reader;
    QString openError;
    QVERIFY2(reader.open(f.path(u"ws/state.sqlite"_s), &openError), qPrintable(openError));
    const QList<RunRecord> runs = reader.runs();
    QCOMPARE(runs.size(), 2);
    for (const RunRecord &run : runs) {
        const QString runId = run.id;
        // When each run's report is written a slice of rows at a time
        ReportBuilder builder(project, f.path(u"ws"_s));
        ReportOptions reportOptions;
        reportOptions.debugLogging = debugLogging;
        builder.setOptions(reportOptions);
        builder.setLiveTasks(e.tasks());
        builder.setRowsPerSlice(rowsPerSlice);
        QString error;
        QVERIFY2(builder.build(runId, &error), qPrintable(error));
        ReportFiles files;
        QVERIFY2(builder.write({ReportFormat::Json, ReportFormat::Html, ReportFormat::Markdown},
                               &files, &error),
                 qPrintable(error));

        // Then the files are, byte for byte, the whole report rendered in memory
        const QJsonObject whole = builder.json();
        QVERIFY(!whole.value(u"failures"_s).toArray().isEmpty());
        QVERIFY(whole.value(u"tasks"_s).toArray().size() > rowsPerSlice || rowsPerSlice == 256);
        QCOMPARE(readAll(files.json), QJsonDocument(whole).toJson(QJsonDocument::Indented));
        QCOMPARE(readAll(files.html), HtmlReport::render(whole).toUtf8());
        QCOMPARE(readAll(files.markdown), MarkdownReport::render(whole).toUtf8());
        QCOMPARE(builder.run(), whole.value(u"run"_s).toObject());
    }
}

void TestReportStream::redactorTakesTensOfThousandsOfPrompts()
{
    // Given a 20,000-shot storyboard's prompts and negative prompts (40,000 texts), one of
    // them a prefix of another
    Redactor redactor;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 20000; ++i) {
        redactor.addPrivateText(u"shot %1 of the harbour at dawn, wide"_s.arg(i),
                                u"[prompt withheld]"_s);
        redactor.addPrivateText(u"no people in shot %1"_s.arg(i), u"[negative prompt withheld]"_s);
    }
    redactor.addPrivateText(u"shot 7 of the harbour at dawn, wide, with fog"_s,
                            u"[prompt withheld]"_s);
    const QString clean = redactor.apply(
        u"rejected: \"shot 7 of the harbour at dawn, wide, with fog\"; \"no people in shot 12\""_s);
    const qint64 elapsed = clock.elapsed();

    // Then the longer prompt wins over its own prefix, and every prompt is withheld
    QCOMPARE(clean, u"rejected: \"[prompt withheld]\"; \"[negative prompt withheld]\""_s);
    // ... in well under a second (it took half a minute when every addition re-sorted the
    // list); the bound is loose for a loaded machine.
    qInfo("40,001 prompts registered and applied in %lld ms", elapsed);
    QVERIFY2(elapsed < 5000, qPrintable(u"%1 ms"_s.arg(elapsed)));
}

void TestReportStream::ctrlCExitsAtOnceAndTheReportFollows()
{
    // Given a run of 3,000 shots (some 10 s at 16 in flight, 50 ms each)
    QTemporaryDir dir;
    const QString board = writeStoryboard(dir.path(), 3000, 50);
    const QString ws = dir.filePath(u"sigint.retake"_s);
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(QStringLiteral(RETAKE_CLI_PATH), {u"run"_s, board, u"--json"_s});
    QVERIFY(process.waitForStarted());
    QByteArray seen;
    QElapsedTimer clock;
    clock.start();
    while (seen.count("\"event\":\"attempt\"") < 300 && clock.elapsed() < 60000) {
        process.waitForReadyRead(100);
        seen += process.readAllStandardOutput();
    }
    QVERIFY2(seen.count("\"event\":\"attempt\"") >= 300, seen.right(500).constData());

    // When it gets Ctrl-C
    clock.restart();
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(30000));
    const qint64 exitMs = clock.elapsed();
    seen += process.readAllStandardOutput();

    // Then it exits at once (the goal is a second; the bound is loose for a loaded machine),
    // leaving the run's report pending
    qInfo("Ctrl-C to exit: %lld ms", exitMs);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    QVERIFY2(exitMs < 5000, qPrintable(u"%1 ms"_s.arg(exitMs)));
    QVERIFY2(seen.contains("\"pending\":true"), seen.right(500).constData());
    StateReader reader;
    QString error;
    QVERIFY2(reader.open(ws + u"/state.sqlite"_s, &error), qPrintable(error));
    const QList<RunRecord> runs = reader.runs();
    reader.close();
    QCOMPARE(runs.size(), 1);
    const QString reportDir = ReportBuilder::reportDirectory(ws, runs.first().id);
    QVERIFY(QFileInfo::exists(reportDir + u"/report.pending"_s));
    QVERIFY(!QFileInfo::exists(reportDir + u"/report.json"_s));

    // ... which the next owner of the workspace writes before anything changes a task
    QProcess next;
    next.setWorkingDirectory(dir.path());
    next.start(QStringLiteral(RETAKE_CLI_PATH), {u"checkpoint"_s, u"create"_s, board});
    QVERIFY(next.waitForFinished(60000));
    QCOMPARE(next.exitCode(), 0);
    QVERIFY2(next.readAllStandardError().contains("left pending when it was cancelled"),
             "no word of the pending report");
    QVERIFY(!QFileInfo::exists(reportDir + u"/report.pending"_s));
    const QJsonObject report =
        QJsonDocument::fromJson(readAll(reportDir + u"/report.json"_s)).object();
    const QJsonObject run = report.value(u"run"_s).toObject();
    QCOMPARE(run.value(u"outcome"_s).toString(), u"cancelled"_s);
    const QJsonObject states = report.value(u"counts"_s).toObject().value(u"states"_s).toObject();
    QVERIFY(states.value(u"done"_s).toInt() >= 300);
    QVERIFY(states.value(u"cancelled"_s).toInt() > 0);
    QCOMPARE(states.value(u"done"_s).toInt() + states.value(u"cancelled"_s).toInt() +
                 states.value(u"queued"_s).toInt(),
             3000);
    QVERIFY(QFileInfo(reportDir + u"/report.html"_s).size() > 0);
}

QTEST_GUILESS_MAIN(TestReportStream)
#include "tst_reportstream.moc"
