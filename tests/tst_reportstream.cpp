// Job reports at scale (issue 15, point 6): the report is written to disk as it is produced
// (docs/ARCHITECTURE.md, "Reports"), byte for byte the report that the whole document in
// memory renders; registering a big storyboard's prompts for redaction does not take
// quadratic time.
#include "enginefixture.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/redactor.h"
#include "report/reportbuilder.h"
#include "report/statereader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;

namespace {

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

QTEST_GUILESS_MAIN(TestReportStream)
#include "tst_reportstream.moc"
