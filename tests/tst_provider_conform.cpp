// Real outputs through the real Engine: retake-sim's models choose their own size and
// length (SimProfile::ownSize), as real ones do. A Replicate or fal video of the wrong size,
// frame rate and length and an OpenAI image of the wrong size are accepted, measured into
// the attempt, conformed to the shot in draft/ with the provider's file kept beside it,
// and never asked for twice (docs/ARCHITECTURE.md, "Conforming outputs").
#include "engine/engine.h"
#include "engine/outputverifier.h"
#include "fakeprovider.h"
#include "providertestkit.h"
#include "report/reportbuilder.h"
#include "simserver.h"
#include "testprinters.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;

namespace {

const QString kKey = u"sk-conform-test"_s;
constexpr int kWidth = 160;
constexpr int kHeight = 90;
constexpr int kFps = 24;
constexpr double kDuration = 1.0;

struct Run {
    BatchSummary summary;
    QList<TaskSnapshot> tasks;
    QHash<QString, QList<Attempt>> attempts;
    int fallbackCalls = 0;
    QString workspace;
    Project project;
};

} // namespace

class TestProviderConform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        plantKey(u"img"_s, kKey);
        plantKey(u"vid"_s, kKey);
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_sim = std::make_unique<sim::SimServer>();
        QVERIFY(m_sim->start() > 0);
    }
    void cleanup()
    {
        m_sim.reset();
        m_dir.reset();
        qunsetenv("RETAKE_FFMPEG");
    }

    void videoOfItsOwnSizeIsConformed_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("scale");
        QTest::newRow("replicate, twice as long") << u"replicate"_s << 2.0;
        QTest::newRow("replicate, half as long") << u"replicate"_s << 0.5;
        QTest::newRow("fal, twice as long") << u"fal"_s << 2.0;
    }
    void videoOfItsOwnSizeIsConformed()
    {
        QFETCH(QString, kind);
        QFETCH(double, scale);
        // Given models that choose their own size and length: a 96x64 video at 12 fps,
        // `scale` times the asked second, and an 80x96 image, for a 160x90 shot at 24 fps
        const Run run = runOneShot(scale, kind);

        // Then the shot is done at full quality with one prediction and one image request
        QCOMPARE(run.summary.count(TaskState::Done), run.summary.total);
        QCOMPARE(run.fallbackCalls, 0);
        for (const TaskSnapshot &task : run.tasks) {
            QCOMPARE(task.quality, Quality::Full);
            QCOMPARE(run.attempts.value(task.id).size(), 1);
        }
        QCOMPARE(m_sim->stats().protocols.value(kind).submitted, 1);
        QCOMPARE(m_sim->stats().protocols.value(u"openai-images"_s).submitted, 1);

        // And the draft video has the shot's size, frame rate and length
        const QString video = outputOf(run, Stage::Video);
        QCOMPARE(QFileInfo(video).fileName(), u"video.a1.mp4"_s);
        const VerificationResult drafted =
            verifyOutputFile(video, {Stage::Video, kWidth, kHeight, kDuration});
        QVERIFY2(drafted.ok, qPrintable(drafted.message));
        QCOMPARE(drafted.fps, double(kFps));
        QVERIFY2(std::abs(drafted.durationSec - kDuration) < 1.0 / kFps,
                 qPrintable(QString::number(drafted.durationSec)));

        // And the provider's file is kept beside it, as delivered
        const Attempt a = run.attempts.value(u"s01-sh01/video"_s).first();
        QCOMPARE(a.originalPath, u"draft/s01/s01-sh01/video.a1.original.mp4"_s);
        const VerificationResult original =
            verifyOutputFile(QDir(run.workspace).filePath(a.originalPath), {Stage::Video, 0, 0, 0});
        QVERIFY2(original.ok, qPrintable(original.message));
        QCOMPARE(original.width, sim::SimProfile::kOwnVideoWidth);
        QCOMPARE(original.height, sim::SimProfile::kOwnVideoHeight);

        // And the attempt records what the provider delivered
        QCOMPARE(a.mediaWidth, sim::SimProfile::kOwnVideoWidth);
        QCOMPARE(a.mediaHeight, sim::SimProfile::kOwnVideoHeight);
        QCOMPARE(a.mediaFps, double(sim::SimProfile::kOwnVideoFps));
        QVERIFY2(std::abs(a.mediaDurationSec - kDuration * scale) < 0.1,
                 qPrintable(QString::number(a.mediaDurationSec)));

        // And the run's report, read from the state database, says so too
        ReportBuilder report(run.project, run.workspace);
        report.setProviders(ReportBuilder::providersOf(run.project));
        QString error;
        QVERIFY2(report.build(QString(), &error), qPrintable(error));
        QJsonObject step;
        for (const QJsonValue value :
             report.json().value(u"audit"_s).toObject().value(u"stepsCompleted"_s).toArray()) {
            if (value.toObject().value(u"task"_s) == u"s01-sh01/video"_s)
                step = value.toObject();
        }
        QCOMPARE(step.value(u"original"_s).toString(), a.originalPath);
        const QJsonObject delivered = step.value(u"delivered"_s).toObject();
        QCOMPARE(delivered.value(u"width"_s).toInt(), sim::SimProfile::kOwnVideoWidth);
        QCOMPARE(delivered.value(u"height"_s).toInt(), sim::SimProfile::kOwnVideoHeight);
        QCOMPARE(delivered.value(u"fps"_s).toDouble(), double(sim::SimProfile::kOwnVideoFps));
    }

    void imageOfItsOwnSizeIsConformed()
    {
        // Given an image model that answers 80x96 for a 160x90 shot
        const Run run = runOneShot(2.0);

        // Then the draft image is the shot's size, the original is kept, the attempt
        // records the delivered size
        QCOMPARE(run.summary.count(TaskState::Done), run.summary.total);
        const QString image = outputOf(run, Stage::Image);
        QCOMPARE(QFileInfo(image).fileName(), u"image.a1.png"_s);
        const VerificationResult drafted =
            verifyOutputFile(image, {Stage::Image, kWidth, kHeight, 0});
        QVERIFY2(drafted.ok, qPrintable(drafted.message));
        const Attempt a = run.attempts.value(u"s01-sh01/image"_s).first();
        QCOMPARE(a.mediaWidth, sim::SimProfile::kOwnImageWidth);
        QCOMPARE(a.mediaHeight, sim::SimProfile::kOwnImageHeight);
        QCOMPARE(a.originalPath, u"draft/s01/s01-sh01/image.a1.original.png"_s);
        const VerificationResult original = verifyOutputFile(
            QDir(run.workspace).filePath(a.originalPath),
            {Stage::Image, sim::SimProfile::kOwnImageWidth, sim::SimProfile::kOwnImageHeight, 0});
        QVERIFY2(original.ok, qPrintable(original.message));
        // Padded (the default fit): the portrait picture in the middle, black bars beside it
        const QImage picture(image);
        QCOMPARE(QColor(picture.pixel(2, kHeight / 2)), QColor(Qt::black));
        QCOMPARE(QColor(picture.pixel(kWidth - 3, kHeight / 2)), QColor(Qt::black));
        QVERIFY(QColor(picture.pixel(kWidth / 2, kHeight / 2)) != QColor(Qt::black));
    }

    void aFailedConformKeepsThePaidOutput()
    {
        // Given an ffmpeg that makes the simulator's clips but fails every conform
        const QString real = QStandardPaths::findExecutable(u"ffmpeg"_s);
        QVERIFY(!real.isEmpty());
        const QString wrapper = m_dir->filePath(u"ffmpeg-no-conform"_s);
        QFile script(wrapper);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\ncase \"$*\" in *trim=end_frame*) echo 'conform refused' >&2; "
                     "exit 1;; esac\nexec '" +
                     real.toUtf8() + "' \"$@\"\n");
        script.close();
        script.setPermissions(script.permissions() | QFile::ExeOwner);
        qputenv("RETAKE_FFMPEG", wrapper.toUtf8());

        const Run run = runOneShot(2.0);

        // Then the video is done with the provider's file as delivered, asked for once,
        // never on a lower-resolution rung or the fallback, and the attempt says why
        QCOMPARE(run.summary.count(TaskState::Done), run.summary.total);
        QCOMPARE(run.fallbackCalls, 0);
        QCOMPARE(m_sim->stats().protocols.value(u"replicate"_s).submitted, 1);
        const QList<Attempt> attempts = run.attempts.value(u"s01-sh01/video"_s);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().rung, RungKind::Primary);
        QVERIFY2(attempts.first().message.contains(u"conforming it to 160x90 failed"_s),
                 qPrintable(attempts.first().message));
        const VerificationResult kept =
            verifyOutputFile(outputOf(run, Stage::Video), {Stage::Video, 0, 0, 0});
        QVERIFY2(kept.ok, qPrintable(kept.message));
        QCOMPARE(kept.width, sim::SimProfile::kOwnVideoWidth);
    }

private:
    Run runOneShot(double durationScale, const QString &videoKind = u"replicate"_s)
    {
        Run run;
        sim::SimProfile simProfile = m_sim->profile();
        simProfile.requiredKey = kKey;
        simProfile.jobMs = 20;
        simProfile.ownSize = true;
        simProfile.ownDurationScale = durationScale;
        m_sim->setProfile(simProfile);

        Project project;
        project.title = u"own sizes"_s;
        project.assemble = false;
        project.providers << test::simProfile(*m_sim, u"openai-images"_s, u"img"_s)
                          << test::simProfile(*m_sim, videoKind, u"vid"_s);
        project.providerPreference.insert(Stage::Image, {u"img"_s});
        project.providerPreference.insert(Stage::Video, {u"vid"_s});
        Scene scene;
        scene.id = u"s01"_s;
        Shot shot;
        shot.id = u"s01-sh01"_s;
        shot.prompt = u"a lighthouse at dusk"_s;
        shot.image.width = kWidth;
        shot.image.height = kHeight;
        shot.video.fps = kFps;
        shot.video.durationSec = kDuration;
        scene.shots << shot;
        project.scenes << scene;

        run.workspace = m_dir->filePath(u"ws"_s);
        run.project = project;
        Engine engine;
        QString error;
        if (!engine.open(project, run.workspace, &error)) {
            qWarning("%s", qPrintable(error));
            return run;
        }
        EngineOptions options = engine.options();
        options.updateIntervalMs = 20;
        options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
        engine.setOptions(options);
        auto local = std::make_unique<FakeProvider>(u"local"_s, 4);
        FakeProvider *fallback = local.get();
        engine.setProvider(std::move(local));

        QSignalSpy finished(&engine, &Engine::batchFinished);
        engine.start();
        if (!finished.wait(120000))
            qWarning("the batch did not finish");
        run.summary = engine.summary();
        run.tasks = engine.tasks();
        run.attempts = engine.allAttempts();
        run.fallbackCalls = fallback->callCount();
        return run;
    }

    static QString outputOf(const Run &run, Stage stage)
    {
        for (const TaskSnapshot &task : run.tasks) {
            if (task.stage == stage)
                return task.outputPath;
        }
        return {};
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_sim;
};

QTEST_MAIN(TestProviderConform)
#include "tst_provider_conform.moc"
