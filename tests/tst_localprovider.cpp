// The built-in offline provider: deterministic procedural images, ffmpeg motion clips,
// job lifecycle (cancel at every phase), deterministic fault injection, the factory.
#include "engine/outputverifier.h"
#include "providers/faultinjector.h"
#include "providers/localjob.h"
#include "providers/localprovider.h"
#include "providers/providerfactory.h"
#include "providers/toolprocess.h"
#include "util/mediatools.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <cmath>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

constexpr auto kPrompt = u"a lighthouse on a rocky coast at sunset, a lone traveler watching";

struct JobRun {
    GenerationResult result;
    int finishedCount = 0;
    QList<double> progress;
    qint64 elapsedMs = 0;
};

GenerationResult resultAt(const QSignalSpy &spy, int index)
{
    return spy.at(index).at(0).value<GenerationResult>();
}

ProviderProfile localProfile(const QString &id = u"local"_s)
{
    ProviderProfile profile;
    profile.id = id;
    profile.kind = u"local"_s;
    profile.model = u"procedural-test"_s;
    return profile;
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class TestLocalProvider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // Images
    void imageIsDeterministic();
    void imageDiffersBySeedPromptAndRung();
    void imageHasSizeAndMetadata_data();
    void imageHasSizeAndMetadata();
    void imageReportsProgress();
    void imageRejectsInvalidSize();
    void imagesQueuedOnOneBusyPoolThread();

    // Videos
    void videoMotion_data();
    void videoMotion();
    void videoSizeDefaultsToInputImage();
    void videoRejectsBadRequests_data();
    void videoRejectsBadRequests();
    void videoWithoutFfmpegIsUnavailable();
    void videoFfmpegFailureKeepsStderrTail();
    void toolsDoNotInheritApiKeys();

    // Lifecycle
    void cancelBeforeStart();
    void cancelDuringLatency();
    void cancelDuringImageRender();
    void cancelDuringVideoRemovesPartialOutput();
    void cancelAfterFinishKeepsOutput();
    void destroyingRunningVideoJobCleansUp();

    // Fault injection
    void faultDecisionsAreDeterministic();
    void faultDrawIsStableAcrossMachines();
    void faultRatesAreHonoured_data();
    void faultRatesAreHonoured();
    void faultRatesCombine();
    void zeroRatesNeverFail();
    void failFirstAttempts();
    void injectedFailures_data();
    void injectedFailures();
    void injectedFailureThroughJobHonoursLatency();
    void latencyDelaysSuccess();
    void outputCorruptionIsRejectedByVerifier_data();
    void outputCorruptionIsRejectedByVerifier();

    // Factory
    void factoryCreatesLocalProvider();
    void factoryRejectsUnknownKind();
    void builtinProvider();

private:
    QString newDir(const QString &name) const;
    GenerationRequest imageRequest(const QString &dir, qint64 seed = 7) const;
    GenerationRequest videoRequest(const QString &dir, const QString &motion = u"zoom-in"_s) const;
    bool run(Provider &provider, const GenerationRequest &request, JobRun *out,
             int timeoutMs = 60000) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QTemporaryDir m_fixtures;
    QString m_inputImage;
    bool m_haveFfmpeg = false;
};

void TestLocalProvider::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_fixtures.isValid());
    m_haveFfmpeg =
        !mediaToolPath(MediaTool::Ffmpeg).isEmpty() && !mediaToolPath(MediaTool::Ffprobe).isEmpty();

    // The input image of the video tests is a render of the provider itself.
    LocalProvider provider(localProfile());
    GenerationRequest request = imageRequest(m_fixtures.path());
    request.width = 320;
    request.height = 180;
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    m_inputImage = run.result.outputFiles.value(0);
}

void TestLocalProvider::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestLocalProvider::cleanup()
{
    qunsetenv("RETAKE_FFMPEG");
    m_dir.reset();
}

QString TestLocalProvider::newDir(const QString &name) const
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(path);
    return path;
}

GenerationRequest TestLocalProvider::imageRequest(const QString &dir, qint64 seed) const
{
    GenerationRequest request;
    request.taskId = u"s01-sh01/image"_s;
    request.stage = Stage::Image;
    request.sceneId = u"s01"_s;
    request.shotId = u"s01-sh01"_s;
    request.prompt = QString::fromUtf16(kPrompt);
    request.seed = seed;
    request.width = 160;
    request.height = 90;
    request.outputDir = dir;
    return request;
}

GenerationRequest TestLocalProvider::videoRequest(const QString &dir, const QString &motion) const
{
    GenerationRequest request;
    request.taskId = u"s01-sh01/video"_s;
    request.stage = Stage::Video;
    request.sceneId = u"s01"_s;
    request.shotId = u"s01-sh01"_s;
    request.width = 160;
    request.height = 90;
    request.durationSec = 0.5;
    request.fps = 8;
    request.motion = motion;
    request.inputImagePath = m_inputImage;
    request.outputDir = dir;
    return request;
}

bool TestLocalProvider::run(Provider &provider, const GenerationRequest &request, JobRun *out,
                            int timeoutMs) const
{
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    QSignalSpy progressed(job.get(), &ProviderJob::progressed);
    if (!finished.isValid() || !progressed.isValid())
        return false;
    QElapsedTimer timer;
    timer.start();
    job->start();
    if (!finished.wait(timeoutMs))
        return false;
    out->elapsedMs = timer.elapsed();
    out->finishedCount = int(finished.count());
    out->result = resultAt(finished, 0);
    for (const QList<QVariant> &arguments : std::as_const(progressed))
        out->progress.append(arguments.at(0).toDouble());
    return true;
}

// ---------------------------------------------------------------------------------------
// Images

void TestLocalProvider::imageIsDeterministic()
{
    // Given the same prompt, seed and size rendered twice
    LocalProvider provider(localProfile());
    JobRun first;
    JobRun second;
    QVERIFY(run(provider, imageRequest(newDir(u"a"_s)), &first));
    QVERIFY(run(provider, imageRequest(newDir(u"b"_s)), &second));
    QVERIFY2(first.result.ok(), qPrintable(first.result.message));
    QVERIFY2(second.result.ok(), qPrintable(second.result.message));
    QCOMPARE(first.finishedCount, 1);

    // Then both files are byte-identical
    const QByteArray a = readAll(first.result.outputFiles.value(0));
    QVERIFY(!a.isEmpty());
    QCOMPARE(readAll(second.result.outputFiles.value(0)), a);
    QCOMPARE(QFileInfo(first.result.outputFiles.value(0)).fileName(), u"image.png"_s);
}

void TestLocalProvider::imageDiffersBySeedPromptAndRung()
{
    LocalProvider provider(localProfile());
    JobRun base;
    QVERIFY(run(provider, imageRequest(newDir(u"base"_s)), &base));
    const QByteArray baseBytes = readAll(base.result.outputFiles.value(0));

    JobRun otherSeed;
    QVERIFY(run(provider, imageRequest(newDir(u"seed"_s), 8), &otherSeed));
    QVERIFY(readAll(otherSeed.result.outputFiles.value(0)) != baseBytes);

    GenerationRequest request = imageRequest(newDir(u"prompt"_s));
    request.prompt = u"a neon city street at night, rain"_s;
    JobRun otherPrompt;
    QVERIFY(run(provider, request, &otherPrompt));
    QVERIFY(readAll(otherPrompt.result.outputFiles.value(0)) != baseBytes);

    request = imageRequest(newDir(u"fallback"_s));
    request.rung = RungKind::Fallback;
    JobRun fallback;
    QVERIFY(run(provider, request, &fallback));
    QVERIFY(fallback.result.ok());
    QVERIFY(readAll(fallback.result.outputFiles.value(0)) != baseBytes);
}

void TestLocalProvider::imageHasSizeAndMetadata_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<QString>("rung");
    QTest::newRow("tiny primary") << 160 << 90 << u"primary"_s;
    QTest::newRow("odd simplified") << 97 << 31 << u"simplified-prompt"_s;
    QTest::newRow("default fallback") << 768 << 432 << u"fallback"_s;
    QTest::newRow("portrait lower-res") << 90 << 160 << u"lower-resolution"_s;
}

void TestLocalProvider::imageHasSizeAndMetadata()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(QString, rung);
    QVERIFY(rungKindFromString(rung));
    LocalProvider provider(localProfile(u"offline"_s));
    GenerationRequest request = imageRequest(newDir(u"out"_s), 1234567890123ll);
    request.width = width;
    request.height = height;
    request.rung = *rungKindFromString(rung);
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(run.result.outputFiles.size(), 1);
    QCOMPARE(filesIn(request.outputDir), QStringList{u"image.png"_s});

    QImageReader reader(run.result.outputFiles.constFirst());
    QCOMPARE(reader.format(), QByteArray("png"));
    QCOMPARE(reader.size(), QSize(width, height));
    QCOMPARE(reader.text(u"prompt"_s), request.prompt);
    QCOMPARE(reader.text(u"seed"_s), u"1234567890123"_s);
    QCOMPARE(reader.text(u"provider"_s), u"offline"_s);
    QCOMPARE(reader.text(u"model"_s), u"procedural-test"_s);
    QCOMPARE(reader.text(u"rung"_s), rung);
    QVERIFY(!reader.read().isNull());
}

void TestLocalProvider::imageReportsProgress()
{
    LocalProvider provider(localProfile());
    JobRun run;
    QVERIFY(this->run(provider, imageRequest(newDir(u"out"_s)), &run));
    QVERIFY(run.result.ok());
    QVERIFY2(run.progress.size() >= 2, qPrintable(QString::number(run.progress.size())));
    for (qsizetype i = 0; i < run.progress.size(); ++i) {
        QVERIFY(run.progress.at(i) >= 0.0 && run.progress.at(i) <= 1.0);
        if (i > 0)
            QVERIFY(run.progress.at(i) > run.progress.at(i - 1));
    }
    QCOMPARE(run.progress.constLast(), 1.0);
}

void TestLocalProvider::imageRejectsInvalidSize()
{
    LocalProvider provider(localProfile());
    GenerationRequest request = imageRequest(newDir(u"out"_s));
    request.width = 0;
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::InvalidRequest);
    QVERIFY2(run.result.message.contains(u"s01-sh01/image"), qPrintable(run.result.message));
    QVERIFY2(run.result.message.contains(u"0x90"), qPrintable(run.result.message));
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestLocalProvider::imagesQueuedOnOneBusyPoolThread()
{
    // Given one pool thread and six images started at once: the thread takes each next render
    // from QThreadPool's queue while still busy, a hand-over that only Qt's futex orders. Under
    // ThreadSanitizer (`make tsan`) this reported the captured request as a race until the
    // hand-over was made visible (util/poolrun.h); in any build each image must still arrive.
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    pool->setMaxThreadCount(1);
    const auto restore = qScopeGuard([pool, threads] { pool->setMaxThreadCount(threads); });

    constexpr int kJobs = 6;
    LocalProvider provider(localProfile());
    std::vector<std::unique_ptr<ProviderJob>> jobs;
    std::vector<std::unique_ptr<QSignalSpy>> spies;
    for (int i = 0; i < kJobs; ++i) {
        jobs.emplace_back(
            provider.createJob(imageRequest(newDir(QString::number(i)), 100 + i), nullptr));
        spies.push_back(std::make_unique<QSignalSpy>(jobs.back().get(), &ProviderJob::finished));
        QVERIFY(spies.back()->isValid());
    }
    for (const auto &job : jobs)
        job->start();

    // Then every job finishes once, with its own image
    for (int i = 0; i < kJobs; ++i) {
        QSignalSpy &finished = *spies.at(size_t(i));
        QVERIFY2(!finished.isEmpty() || finished.wait(60000), qPrintable(QString::number(i)));
        QCOMPARE(finished.count(), 1);
        const GenerationResult result = resultAt(finished, 0);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.outputFiles.value(0),
                 QDir(newDir(QString::number(i))).filePath(LocalJob::imageFileName()));
        QVERIFY(QImageReader(result.outputFiles.value(0)).canRead());
    }
}

// ---------------------------------------------------------------------------------------
// Videos

void TestLocalProvider::videoMotion_data()
{
    QTest::addColumn<QString>("motion");
    QTest::newRow("zoom-in") << u"zoom-in"_s;
    QTest::newRow("zoom-out") << u"zoom-out"_s;
    QTest::newRow("pan-left") << u"pan-left"_s;
    QTest::newRow("pan-right") << u"pan-right"_s;
    QTest::newRow("static") << u"static"_s;
}

void TestLocalProvider::videoMotion()
{
    if (!m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    QFETCH(QString, motion);
    ProviderProfile profile = localProfile();
    profile.costPerUnit = 2.0;
    LocalProvider provider(profile);
    const GenerationRequest request = videoRequest(newDir(u"out"_s), motion);
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(filesIn(request.outputDir), QStringList{u"video.mp4"_s});
    QCOMPARE(run.result.outputFiles, QStringList{QDir(request.outputDir).filePath(u"video.mp4"_s)});
    QCOMPARE(run.result.costUnits, 1.0); // 2 per second, 0.5 s
    QCOMPARE(run.progress.constLast(), 1.0);

    const VerificationResult probe =
        verifyOutputFile(run.result.outputFiles.constFirst(), {Stage::Video, 160, 90, 0.5});
    QVERIFY2(probe.ok, qPrintable(probe.message));
    QCOMPARE(probe.codec, u"h264"_s);
    QCOMPARE(probe.width, 160);
    QCOMPARE(probe.height, 90);
    QVERIFY2(std::abs(probe.durationSec - 0.5) <= 1.0 / 8, qPrintable(probe.message));
}

void TestLocalProvider::videoSizeDefaultsToInputImage()
{
    if (!m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    // Given an input image with odd dimensions and a request without a size
    QImage odd(161, 91, QImage::Format_RGB32);
    odd.fill(Qt::darkCyan);
    const QString input = m_dir->filePath(u"odd.png"_s);
    QVERIFY(odd.save(input));
    GenerationRequest request = videoRequest(newDir(u"out"_s), u"pan-right"_s);
    request.inputImagePath = input;
    request.width = 0;
    request.height = 0;

    // When the clip is made
    LocalProvider provider(localProfile());
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));

    // Then it has the image's size, rounded down to even numbers for H.264
    const VerificationResult probe =
        verifyOutputFile(run.result.outputFiles.value(0), {Stage::Video, 160, 90, 0.5});
    QVERIFY2(probe.ok, qPrintable(probe.message));
}

void TestLocalProvider::videoRejectsBadRequests_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("missing input") << u"input"_s << u"does not exist"_s;
    QTest::newRow("no input") << u"no-input"_s << u"no input image"_s;
    QTest::newRow("unreadable input") << u"text-input"_s << u"cannot be read"_s;
    QTest::newRow("unknown motion") << u"motion"_s << u"unknown motion \"spin\""_s;
    QTest::newRow("zero duration") << u"duration"_s << u"duration 0 s"_s;
    QTest::newRow("zero fps") << u"fps"_s << u"frame rate 0"_s;
}

void TestLocalProvider::videoRejectsBadRequests()
{
    if (!m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    QFETCH(QString, field);
    QFETCH(QString, messagePart);
    GenerationRequest request = videoRequest(newDir(u"out"_s));
    if (field == u"input") {
        request.inputImagePath = m_dir->filePath(u"nowhere.png"_s);
    } else if (field == u"no-input") {
        request.inputImagePath.clear();
    } else if (field == u"text-input") {
        const QString path = m_dir->filePath(u"text.png"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not an image\n");
        file.close();
        request.inputImagePath = path;
    } else if (field == u"motion") {
        request.motion = u"spin"_s;
    } else if (field == u"duration") {
        request.durationSec = 0;
    } else if (field == u"fps") {
        request.fps = 0;
    }
    LocalProvider provider(localProfile());
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::InvalidRequest);
    QVERIFY2(run.result.message.contains(messagePart), qPrintable(run.result.message));
    QVERIFY(run.result.message.startsWith(u"s01-sh01/video: "));
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestLocalProvider::videoWithoutFfmpegIsUnavailable()
{
    qputenv("RETAKE_FFMPEG", QFile::encodeName(m_dir->filePath(u"no-such-ffmpeg"_s)));
    LocalProvider provider(localProfile());
    JobRun run;
    QVERIFY(this->run(provider, videoRequest(newDir(u"out"_s)), &run));
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderUnavailable);
    QVERIFY2(run.result.message.contains(u"Debian package ffmpeg"), qPrintable(run.result.message));
}

void TestLocalProvider::videoFfmpegFailureKeepsStderrTail()
{
    // Given an "ffmpeg" that fails with a long diagnostic on stderr
    const QString script = m_dir->filePath(u"fake-ffmpeg"_s);
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\n"
               "i=0\n"
               "while [ $i -lt 200 ]; do echo \"noise line $i\" >&2; i=$((i+1)); done\n"
               "echo 'Error initializing output stream 0:0 -- Invalid argument' >&2\n"
               "exit 3\n");
    file.close();
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    qputenv("RETAKE_FFMPEG", QFile::encodeName(script));

    // When a clip is requested
    LocalProvider provider(localProfile());
    JobRun run;
    QVERIFY(this->run(provider, videoRequest(newDir(u"out"_s)), &run));

    // Then the failure is a provider error with the exit code, the last line for the user
    // and at most the last 2 KB of stderr for the debug log
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderError);
    QVERIFY2(run.result.message.contains(u"exit code 3"), qPrintable(run.result.message));
    QVERIFY2(run.result.message.contains(u"Invalid argument"), qPrintable(run.result.message));
    QVERIFY(run.result.detail.contains(u"noise line 199"));
    QVERIFY(!run.result.detail.contains(u"noise line 1\n"));
    QVERIFY(run.result.detail.toUtf8().size() <= 2048);
    QVERIFY(run.result.outputFiles.isEmpty());
}

// ---------------------------------------------------------------------------------------
// Lifecycle

void TestLocalProvider::cancelBeforeStart()
{
    LocalProvider provider(localProfile());
    const GenerationRequest request = imageRequest(newDir(u"out"_s));
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    QVERIFY(finished.isValid());

    job->cancel();
    QCOMPARE(finished.count(), 0); // never re-entrantly from cancel()
    job->start();                  // a cancelled job does not start
    job->cancel();                 // a second cancel is harmless
    QVERIFY(finished.wait());
    QCoreApplication::processEvents();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();

    QCOMPARE(finished.count(), 1);
    QCOMPARE(resultAt(finished, 0).errorClass, ErrorClass::Cancelled);
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestLocalProvider::cancelDuringLatency()
{
    ProviderProfile profile = localProfile();
    profile.options.insert(u"latencyMs"_s, 60000);
    LocalProvider provider(profile);
    std::unique_ptr<ProviderJob> job(provider.createJob(imageRequest(newDir(u"out"_s)), nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    QElapsedTimer timer;
    timer.start();
    job->start();
    job->cancel();
    QVERIFY(finished.wait());
    QVERIFY(timer.elapsed() < 30000); // did not sit out the latency
    QCOMPARE(finished.count(), 1);
    QCOMPARE(resultAt(finished, 0).errorClass, ErrorClass::Cancelled);
}

void TestLocalProvider::cancelDuringImageRender()
{
    // Given a large image that is being rendered on the pool
    LocalProvider provider(localProfile());
    GenerationRequest request = imageRequest(newDir(u"out"_s));
    request.width = 4096;
    request.height = 2304;
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    QSignalSpy progressed(job.get(), &ProviderJob::progressed);
    job->start();
    QVERIFY(progressed.wait()); // the work has begun

    // When it is cancelled
    job->cancel();
    QVERIFY(finished.wait());
    QCOMPARE(resultAt(finished, 0).errorClass, ErrorClass::Cancelled);

    // Then nothing is written, not even by the render still running on the pool
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestLocalProvider::cancelDuringVideoRemovesPartialOutput()
{
    if (!m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    // Given a long clip being encoded
    LocalProvider provider(localProfile());
    GenerationRequest request = videoRequest(newDir(u"out"_s));
    request.width = 640;
    request.height = 360;
    request.durationSec = 120;
    request.fps = 25;
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    job->start();
    const QString partial = QDir(request.outputDir).filePath(u"video.mp4.part"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(partial), 20000);
    QCOMPARE(finished.count(), 0);

    // When it is cancelled
    job->cancel();
    job->cancel();
    QVERIFY(finished.wait(20000));

    // Then it reports Cancelled once and leaves nothing behind
    QCOMPARE(resultAt(finished, 0).errorClass, ErrorClass::Cancelled);
    QVERIFY(filesIn(request.outputDir).isEmpty());
    job->cancel();
    job->start();
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
}

void TestLocalProvider::cancelAfterFinishKeepsOutput()
{
    LocalProvider provider(localProfile());
    const GenerationRequest request = imageRequest(newDir(u"out"_s));
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    job->start();
    QVERIFY(finished.wait());
    QVERIFY(resultAt(finished, 0).ok());

    job->cancel();
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(filesIn(request.outputDir), QStringList{u"image.png"_s});
}

void TestLocalProvider::destroyingRunningVideoJobCleansUp()
{
    if (!m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    LocalProvider provider(localProfile());
    GenerationRequest request = videoRequest(newDir(u"out"_s));
    request.width = 640;
    request.height = 360;
    request.durationSec = 120;
    request.fps = 25;
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    job->start();
    const QString partial = QDir(request.outputDir).filePath(u"video.mp4.part"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(partial), 20000);
    job.reset();
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

// ---------------------------------------------------------------------------------------
// Fault injection

void TestLocalProvider::faultDecisionsAreDeterministic()
{
    FaultProfile faults;
    faults.seed = 42;
    faults.rates = {{ErrorClass::Timeout, 0.2}, {ErrorClass::RateLimited, 0.2}};
    const FaultInjector a(u"local"_s, faults);
    const FaultInjector b(u"local"_s, faults);
    FaultProfile otherSeed = faults;
    otherSeed.seed = 43;
    const FaultInjector c(u"local"_s, otherSeed);
    const FaultInjector d(u"cloud"_s, faults);

    int differentSeed = 0;
    int differentProvider = 0;
    for (int i = 0; i < 500; ++i) {
        const QString task = u"s%1-sh%2/image"_s.arg(i / 10).arg(i % 10);
        for (int attempt = 1; attempt <= 3; ++attempt) {
            QCOMPARE(a.draw(task, attempt), b.draw(task, attempt));
            QCOMPARE(a.decide(task, attempt).errorClass, b.decide(task, attempt).errorClass);
            differentSeed +=
                a.decide(task, attempt).errorClass != c.decide(task, attempt).errorClass;
            differentProvider +=
                a.decide(task, attempt).errorClass != d.decide(task, attempt).errorClass;
        }
    }
    QVERIFY(differentSeed > 100);
    QVERIFY(differentProvider > 100);
}

void TestLocalProvider::faultDrawIsStableAcrossMachines()
{
    // Pinned values: the hash is part of the project's behaviour. A run replayed on
    // another machine or after an upgrade must fail exactly the same attempts.
    FaultProfile faults;
    faults.seed = 42;
    const FaultInjector injector(u"local"_s, faults);
    QCOMPARE(QString::number(injector.draw(u"s01-sh01/image"_s, 1), 'f', 12), u"0.942280698530"_s);
    QCOMPARE(QString::number(injector.draw(u"s01-sh01/image"_s, 2), 'f', 12), u"0.231903358027"_s);
    QCOMPARE(QString::number(injector.draw(u"s01-sh02/video"_s, 1), 'f', 12), u"0.460367855955"_s);
}

void TestLocalProvider::faultRatesAreHonoured_data()
{
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::newRow("timeout 10 %") << ErrorClass::Timeout << 0.10 << 0.07 << 0.13;
    QTest::newRow("rate limited 30 %") << ErrorClass::RateLimited << 0.30 << 0.25 << 0.35;
    QTest::newRow("content policy 5 %") << ErrorClass::ContentPolicy << 0.05 << 0.03 << 0.07;
    QTest::newRow("unavailable 100 %") << ErrorClass::ProviderUnavailable << 1.0 << 1.0 << 1.0;
}

void TestLocalProvider::faultRatesAreHonoured()
{
    QFETCH(ErrorClass, errorClass);
    QFETCH(double, rate);
    QFETCH(double, low);
    QFETCH(double, high);
    FaultProfile faults;
    faults.seed = 7;
    faults.rates = {{errorClass, rate}};
    const FaultInjector injector(u"local"_s, faults);
    QVERIFY(injector.isActive());
    int failures = 0;
    const int draws = 2000;
    for (int i = 0; i < draws; ++i) {
        const FaultDecision decision =
            injector.decide(u"s%1-sh%2/image"_s.arg(i / 20).arg(i % 20), 1);
        if (decision.errorClass != ErrorClass::None) {
            QCOMPARE(decision.errorClass, errorClass);
            ++failures;
        }
    }
    const double share = double(failures) / draws;
    QVERIFY2(share >= low && share <= high, qPrintable(QString::number(share)));
}

void TestLocalProvider::faultRatesCombine()
{
    FaultProfile faults;
    faults.seed = 99;
    faults.rates = {{ErrorClass::Timeout, 0.1},
                    {ErrorClass::ProviderUnavailable, 0.1},
                    {ErrorClass::RateLimited, 0.1}};
    ProviderProfile profile = localProfile();
    profile.faults = faults;
    profile.options.insert(u"outputCorruption"_s, 0.1);
    LocalProvider provider(profile);
    QMap<ErrorClass, int> counts;
    const int draws = 2000;
    for (int i = 0; i < draws; ++i) {
        const int attempt = 1 + i % 4;
        counts[provider.faultInjector().decide(u"s%1/video"_s.arg(i / 4), attempt).errorClass]++;
    }
    for (const ErrorClass errorClass : {ErrorClass::Timeout, ErrorClass::ProviderUnavailable,
                                        ErrorClass::RateLimited, ErrorClass::OutputInvalid}) {
        const double share = double(counts.value(errorClass)) / draws;
        QVERIFY2(share >= 0.07 && share <= 0.13,
                 qPrintable(nameOf(errorClass) + u' ' + QString::number(share)));
    }
    const double none = double(counts.value(ErrorClass::None)) / draws;
    QVERIFY2(none >= 0.55 && none <= 0.65, qPrintable(QString::number(none)));
}

void TestLocalProvider::zeroRatesNeverFail()
{
    FaultProfile faults;
    faults.seed = 5;
    faults.rates = {{ErrorClass::Timeout, 0.0}, {ErrorClass::Auth, 0.0}};
    const FaultInjector zero(u"local"_s, faults);
    const FaultInjector none(u"local"_s, FaultProfile{});
    QVERIFY(!zero.isActive());
    QVERIFY(!none.isActive());
    for (int i = 0; i < 2000; ++i) {
        const QString task = u"s%1/image"_s.arg(i);
        QCOMPARE(zero.decide(task, 1 + i % 5).errorClass, ErrorClass::None);
        QCOMPARE(none.decide(task, 1 + i % 5).errorClass, ErrorClass::None);
    }
}

void TestLocalProvider::failFirstAttempts()
{
    const FaultInjector defaults(u"local"_s, FaultProfile{}, {{u"failFirstAttempts"_s, 1}});
    QVERIFY(defaults.isActive());
    QCOMPARE(defaults.decide(u"a/image"_s, 1).errorClass, ErrorClass::Timeout);
    QCOMPARE(defaults.decide(u"a/image"_s, 2).errorClass, ErrorClass::None);

    const FaultInjector limited(u"local"_s, FaultProfile{},
                                {{u"failFirstAttempts"_s, 2},
                                 {u"failClass"_s, u"rate_limited"_s},
                                 {u"retryAfterMs"_s, 1500}});
    for (const QString &task : {u"a/image"_s, u"b/video"_s}) {
        for (int attempt = 1; attempt <= 2; ++attempt) {
            const FaultDecision decision = limited.decide(task, attempt);
            QCOMPARE(decision.errorClass, ErrorClass::RateLimited);
            QCOMPARE(decision.httpStatus, 429);
            QCOMPARE(decision.retryAfterMs, std::optional<int>(1500));
            QVERIFY(decision.injectsFailure());
        }
        QCOMPARE(limited.decide(task, 3).errorClass, ErrorClass::None);
    }
}

void TestLocalProvider::injectedFailures_data()
{
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("network") << ErrorClass::Network << 0 << u"connection reset"_s;
    QTest::newRow("timeout") << ErrorClass::Timeout << 0 << u"simulated timeout after 30 s"_s;
    QTest::newRow("rate_limited") << ErrorClass::RateLimited << 429
                                  << u"HTTP 429 Too Many Requests"_s;
    QTest::newRow("provider_unavailable")
        << ErrorClass::ProviderUnavailable << 503 << u"HTTP 503 Service Unavailable"_s;
    QTest::newRow("provider_error") << ErrorClass::ProviderError << 500 << u"model error"_s;
    QTest::newRow("out_of_memory")
        << ErrorClass::OutOfMemory << 500 << u"torch.OutOfMemoryError: CUDA out of memory"_s;
    QTest::newRow("content_policy")
        << ErrorClass::ContentPolicy << 400 << u"prompt rejected by the safety filter"_s;
    QTest::newRow("invalid_request") << ErrorClass::InvalidRequest << 400 << u"HTTP 400"_s;
    QTest::newRow("auth") << ErrorClass::Auth << 401 << u"HTTP 401"_s;
    QTest::newRow("quota_exhausted") << ErrorClass::QuotaExhausted << 402 << u"HTTP 402"_s;
    QTest::newRow("file_io") << ErrorClass::FileIo << 0 << u"I/O error"_s;
    QTest::newRow("disk_full") << ErrorClass::DiskFull << 0 << u"No space left"_s;
}

void TestLocalProvider::injectedFailures()
{
    QFETCH(ErrorClass, errorClass);
    QFETCH(int, httpStatus);
    QFETCH(QString, messagePart);
    ProviderProfile profile = localProfile();
    profile.faults.rates = {{errorClass, 1.0}};
    LocalProvider provider(profile);
    const GenerationRequest request = imageRequest(newDir(u"out"_s));
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QCOMPARE(run.result.errorClass, errorClass);
    QCOMPARE(run.result.httpStatus, httpStatus);
    QVERIFY2(run.result.message.contains(messagePart), qPrintable(run.result.message));
    QVERIFY(run.result.detail.startsWith(u"injected"));
    QCOMPARE(run.result.retryAfterMs.has_value(), false);
    QVERIFY(run.result.outputFiles.isEmpty());
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestLocalProvider::injectedFailureThroughJobHonoursLatency()
{
    // Given a provider whose first attempt of every task times out after 50 ms
    ProviderProfile profile = localProfile();
    profile.options = {{u"failFirstAttempts"_s, 1}, {u"latencyMs"_s, 50}};
    LocalProvider provider(profile);

    // When attempt 1 runs, it fails only after the latency
    GenerationRequest request = imageRequest(newDir(u"a1"_s));
    JobRun first;
    QVERIFY(run(provider, request, &first));
    QCOMPARE(first.result.errorClass, ErrorClass::Timeout);
    QCOMPARE(first.result.message, u"simulated timeout after 30 s"_s);
    QVERIFY2(first.elapsedMs >= 50, qPrintable(QString::number(first.elapsedMs)));

    // And attempt 2 succeeds
    request = imageRequest(newDir(u"a2"_s));
    request.attemptNumber = 2;
    JobRun second;
    QVERIFY(run(provider, request, &second));
    QVERIFY2(second.result.ok(), qPrintable(second.result.message));
}

void TestLocalProvider::latencyDelaysSuccess()
{
    ProviderProfile profile = localProfile();
    profile.options = {{u"latencyMs"_s, 120}};
    LocalProvider provider(profile);
    JobRun run;
    QVERIFY(this->run(provider, imageRequest(newDir(u"out"_s)), &run));
    QVERIFY(run.result.ok());
    QVERIFY2(run.elapsedMs >= 120, qPrintable(QString::number(run.elapsedMs)));
}

void TestLocalProvider::outputCorruptionIsRejectedByVerifier_data()
{
    QTest::addColumn<Stage>("stage");
    QTest::newRow("image") << Stage::Image;
    QTest::newRow("video") << Stage::Video;
}

void TestLocalProvider::outputCorruptionIsRejectedByVerifier()
{
    QFETCH(Stage, stage);
    if (stage == Stage::Video && !m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    // Given a provider that always corrupts its output
    ProviderProfile profile = localProfile();
    profile.options = {{u"outputCorruption"_s, 1.0}};
    LocalProvider provider(profile);
    const GenerationRequest request =
        stage == Stage::Image ? imageRequest(newDir(u"out"_s)) : videoRequest(newDir(u"out"_s));

    // When the job "succeeds"
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(run.result.outputFiles.size(), 1);

    // Then verification rejects the file
    const VerificationResult verdict =
        verifyOutputFile(run.result.outputFiles.constFirst(),
                         {stage, request.width, request.height, request.durationSec});
    QVERIFY2(!verdict.ok, qPrintable(verdict.message));
    QCOMPARE(verdict.errorClass, ErrorClass::OutputInvalid);
}

// ---------------------------------------------------------------------------------------
// Factory

void TestLocalProvider::factoryCreatesLocalProvider()
{
    ProviderProfile profile = localProfile(u"offline-fast"_s);
    profile.maxConcurrency = 3;
    profile.costPerUnit = 0.5;
    QString error;
    const std::unique_ptr<Provider> provider = createProvider(profile, &error);
    QVERIFY2(provider, qPrintable(error));
    QCOMPARE(provider->id(), u"offline-fast"_s);
    QCOMPARE(provider->kind(), u"local"_s);
    QCOMPARE(provider->model(), u"procedural-test"_s);
    QCOMPARE(provider->maxConcurrency(), 3);
    QCOMPARE(provider->costPerUnit(), 0.5);
    QVERIFY(provider->supports(Stage::Image));
    QVERIFY(provider->supports(Stage::Video));
}

void TestLocalProvider::factoryRejectsUnknownKind()
{
    ProviderProfile profile = localProfile(u"my-cloud"_s);
    profile.kind = u"dall-e-9000"_s;
    QString error;
    QVERIFY(!createProvider(profile, &error));
    QVERIFY2(error.contains(u"my-cloud") && error.contains(u"dall-e-9000"), qPrintable(error));

    profile.id.clear();
    profile.kind = u"local"_s;
    QVERIFY(!createProvider(profile, &error));
    QVERIFY2(error.contains(u"no id"), qPrintable(error));
    QVERIFY(!createProvider(profile, nullptr)); // no crash without an error sink
}

void TestLocalProvider::builtinProvider()
{
    const std::unique_ptr<Provider> provider = createBuiltinProvider();
    QVERIFY(provider);
    QCOMPARE(provider->id(), u"local"_s);
    QCOMPARE(provider->kind(), u"local"_s);
    QVERIFY(!provider->model().isEmpty());
    QVERIFY(provider->maxConcurrency() >= 1);
    QVERIFY(provider->supports(Stage::Image));
    QVERIFY(provider->supports(Stage::Video));
    const auto *local = dynamic_cast<const LocalProvider *>(provider.get());
    QVERIFY(local);
    QVERIFY(!local->faultInjector().isActive());
    QCOMPARE(local->faultInjector().latencyMs(), 0);
}

// Issue 13: ffmpeg, ffprobe and espeak-ng get the process environment without the API keys
// given as RETAKE_KEY_* variables.
void TestLocalProvider::toolsDoNotInheritApiKeys()
{
    const QString env = QStandardPaths::findExecutable(u"env"_s);
    if (env.isEmpty())
        QSKIP("no env program");
    qputenv("RETAKE_KEY_FAL", "fal-secret-4242424242424242");
    qputenv("RETAKE_TEST_MARKER", "visible");
    ToolProcess tool;
    QSignalSpy finished(&tool, &ToolProcess::finished);
    tool.start(env, {}, m_dir->path(), 10000);
    QVERIFY(finished.wait(10000));
    const QByteArray seen = tool.standardOutput();
    qunsetenv("RETAKE_KEY_FAL");
    qunsetenv("RETAKE_TEST_MARKER");
    QVERIFY2(seen.contains("RETAKE_TEST_MARKER=visible"), seen.constData()); // the rest is passed
    QVERIFY(!seen.contains("RETAKE_KEY_FAL"));
    QVERIFY(!seen.contains("fal-secret"));
}

QTEST_GUILESS_MAIN(TestLocalProvider)
#include "tst_localprovider.moc"
