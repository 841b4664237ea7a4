// Scene and final assembly on the built-in provider (AssemblyJob): durations equal the sum
// of their parts within one frame, normalisation of size and frame rate, slates for failed
// shots, the voice-over laid under the picture (trimmed or padded), final assembly of
// scene files, cancellation, a missing ffmpeg, ffmpeg's stderr tail for the report, bad
// requests and fault injection.
#include "engine/outputverifier.h"
#include "providers/assemblyjob.h"
#include "providers/localprovider.h"
#include "util/mediatools.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

constexpr int kWidth = 96;
constexpr int kHeight = 54;
constexpr int kFps = 8;
constexpr double kFrame = 1.0 / kFps;

struct JobRun {
    GenerationResult result;
    int finishedCount = 0;
    QList<double> progress;
    qint64 elapsedMs = 0;
};

ProviderProfile localProfile()
{
    ProviderProfile profile;
    profile.id = u"local"_s;
    profile.kind = u"local"_s;
    return profile;
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

AssemblyClip clip(const QString &path, double durationSec)
{
    AssemblyClip c;
    c.path = path;
    c.durationSec = durationSec;
    return c;
}

AssemblyClip slate(const QString &label, const QString &reason, double durationSec)
{
    AssemblyClip c;
    c.slateLabel = label;
    c.slateReason = reason;
    c.durationSec = durationSec;
    return c;
}

// Runs ffmpeg or ffprobe to the end; stdout, or stderr when `wantStderr`.
QByteArray runTool(MediaTool tool, const QStringList &arguments, bool wantStderr = false)
{
    QProcess process;
    process.start(mediaToolPath(tool), arguments);
    if (!process.waitForFinished(60000))
        return {};
    return wantStderr ? process.readAllStandardError() : process.readAllStandardOutput();
}

struct Probe {
    double formatSec = -1;
    double videoSec = -1;
    double audioSec = -1;
    int width = 0;
    int height = 0;
    QString frameRate;
    bool hasAudio = false;
    QString title;
    QString comment;
};

Probe probe(const QString &path)
{
    const QJsonObject root =
        QJsonDocument::fromJson(
            runTool(MediaTool::Ffprobe, {u"-v"_s, u"error"_s, u"-show_streams"_s, u"-show_format"_s,
                                         u"-of"_s, u"json"_s, path}))
            .object();
    Probe p;
    const QJsonObject format = root.value(u"format").toObject();
    p.formatSec = format.value(u"duration").toString(u"-1"_s).toDouble();
    p.title = format.value(u"tags").toObject().value(u"title").toString();
    p.comment = format.value(u"tags").toObject().value(u"comment").toString();
    for (const QJsonValue value : root.value(u"streams").toArray()) {
        const QJsonObject stream = value.toObject();
        const double duration = stream.value(u"duration").toString(u"-1"_s).toDouble();
        if (stream.value(u"codec_type").toString() == u"video") {
            p.videoSec = duration;
            p.width = stream.value(u"width").toInt();
            p.height = stream.value(u"height").toInt();
            p.frameRate = stream.value(u"avg_frame_rate").toString();
        } else if (stream.value(u"codec_type").toString() == u"audio") {
            p.hasAudio = true;
            p.audioSec = duration;
        }
    }
    return p;
}

// The loudest sample of the audio track in dBFS (-91 for digital silence).
double maxVolume(const QString &path, double fromSec = 0, double toSec = 1e9)
{
    const QByteArray log = runTool(MediaTool::Ffmpeg,
                                   {u"-hide_banner"_s, u"-nostdin"_s, u"-i"_s, path, u"-af"_s,
                                    u"atrim=%1:%2,volumedetect"_s.arg(fromSec).arg(toSec), u"-vn"_s,
                                    u"-f"_s, u"null"_s, u"-"_s},
                                   true);
    const QRegularExpressionMatch match =
        QRegularExpression(u"max_volume: (-?[0-9.]+) dB"_s).match(QString::fromUtf8(log));
    return match.hasMatch() ? match.captured(1).toDouble() : 1000;
}

QImage frameAt(const QString &path, double atSec)
{
    const QByteArray png = runTool(
        MediaTool::Ffmpeg, {u"-hide_banner"_s, u"-nostdin"_s, u"-loglevel"_s, u"error"_s, u"-ss"_s,
                            QString::number(atSec), u"-i"_s, path, u"-frames:v"_s, u"1"_s, u"-f"_s,
                            u"image2pipe"_s, u"-vcodec"_s, u"png"_s, u"-"_s});
    return QImage::fromData(png, "PNG");
}

int brightPixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) > 128)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestAssembly : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void outputFileName_data();
    void outputFileName();
    void threeClipsAndSlateSumToTheirDurations();
    void clipDurationsAreHonoured();
    void stillIsHeldForItsShot();
    void slateShowsShotAndReason();
    void slateWithoutFontIsPlainAndTitled();
    void voiceOverLongerThanPictureIsTrimmed();
    void voiceOverShorterThanPictureIsPadded();
    void finalAssemblyOfTwoScenes();
    void cancelDuringAssemblyLeavesNoPartialFile();
    void cancelBeforeStart();
    void missingFfmpegIsProviderUnavailable();
    void ffmpegFailureKeepsItsStderrTail();
    void longStderrIsCutToTheLastLines();
    void rejectsBadRequests_data();
    void rejectsBadRequests();
    void faultInjection();
    void corruptionIsRejectedByVerifier();

private:
    QString newDir(const QString &name) const;
    GenerationRequest sceneRequest(const QString &dir, const QList<AssemblyClip> &clips,
                                   const QString &taskId = u"s01/assemble"_s) const;
    bool run(const GenerationRequest &request, JobRun *out, const ProviderProfile &profile = {},
             int timeoutMs = 120000) const;
    QString makeClip(const QString &name, const QString &source, bool withAudio);
    QString makeTone(const QString &name, double seconds);

    QTemporaryDir m_fixtures;
    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_haveFfmpeg = false;
    QString m_clip1;      // 96x54, 8 fps, 0.5 s, no audio
    QString m_clip2;      // 96x54, 8 fps, 0.5 s, a tone
    QString m_clip3;      // 80x80, 25 fps, 0.5 s, no audio: normalised on the way in
    QString m_shortVoice; // 0.3 s
    QString m_longVoice;  // 3 s
};

void TestAssembly::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_fixtures.isValid());
    m_haveFfmpeg =
        !mediaToolPath(MediaTool::Ffmpeg).isEmpty() && !mediaToolPath(MediaTool::Ffprobe).isEmpty();
    if (!m_haveFfmpeg)
        return;
    m_clip1 = makeClip(u"c1.mp4"_s, u"testsrc=size=96x54:rate=8:duration=0.5"_s, false);
    m_clip2 = makeClip(u"c2.mp4"_s, u"testsrc2=size=96x54:rate=8:duration=0.5"_s, true);
    m_clip3 = makeClip(u"c3.mp4"_s, u"smptebars=size=80x80:rate=25:duration=0.5"_s, false);
    m_shortVoice = makeTone(u"short.wav"_s, 0.3);
    m_longVoice = makeTone(u"long.wav"_s, 3.0);
    for (const QString &file : {m_clip1, m_clip2, m_clip3, m_shortVoice, m_longVoice})
        QVERIFY2(QFileInfo(file).size() > 0, qPrintable(file));
}

QString TestAssembly::makeClip(const QString &name, const QString &source, bool withAudio)
{
    const QString path = m_fixtures.filePath(name);
    QStringList arguments = {u"-v"_s, u"error"_s, u"-y"_s, u"-f"_s, u"lavfi"_s, u"-i"_s, source};
    if (withAudio)
        arguments << u"-f"_s << u"lavfi"_s << u"-i"_s << u"sine=frequency=880:duration=0.5"_s
                  << u"-c:a"_s << u"aac"_s << u"-shortest"_s;
    arguments << u"-c:v"_s << u"libx264"_s << u"-preset"_s << u"ultrafast"_s << u"-pix_fmt"_s
              << u"yuv420p"_s << path;
    runTool(MediaTool::Ffmpeg, arguments);
    return path;
}

QString TestAssembly::makeTone(const QString &name, double seconds)
{
    const QString path = m_fixtures.filePath(name);
    runTool(MediaTool::Ffmpeg,
            {u"-v"_s, u"error"_s, u"-y"_s, u"-f"_s, u"lavfi"_s, u"-i"_s,
             u"sine=frequency=440:sample_rate=22050:duration=%1"_s.arg(seconds), path});
    return path;
}

void TestAssembly::init()
{
    if (!m_haveFfmpeg && QByteArray(QTest::currentTestFunction()) != "outputFileName")
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAssembly::cleanup()
{
    qunsetenv("RETAKE_FFMPEG");
    qunsetenv("RETAKE_SLATE_FONT");
    m_dir.reset();
}

QString TestAssembly::newDir(const QString &name) const
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(path);
    return path;
}

GenerationRequest TestAssembly::sceneRequest(const QString &dir, const QList<AssemblyClip> &clips,
                                             const QString &taskId) const
{
    GenerationRequest request;
    request.taskId = taskId;
    request.stage = Stage::Assembly;
    request.sceneId = taskId.section(u'/', 0, 0);
    request.width = kWidth;
    request.height = kHeight;
    request.fps = kFps;
    request.clips = clips;
    for (const AssemblyClip &c : clips)
        request.durationSec += c.durationSec;
    request.outputDir = dir;
    return request;
}

bool TestAssembly::run(const GenerationRequest &request, JobRun *out,
                       const ProviderProfile &profile, int timeoutMs) const
{
    LocalProvider provider(profile.id.isEmpty() ? localProfile() : profile);
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    if (!qobject_cast<AssemblyJob *>(job.get()))
        return false;
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    QSignalSpy progressed(job.get(), &ProviderJob::progressed);
    QElapsedTimer timer;
    timer.start();
    job->start();
    if (!finished.wait(timeoutMs))
        return false;
    out->elapsedMs = timer.elapsed();
    QCoreApplication::processEvents(); // a second finished() would be queued by now
    out->finishedCount = int(finished.count());
    out->result = finished.at(0).at(0).value<GenerationResult>();
    out->progress.clear();
    for (const QList<QVariant> &arguments : std::as_const(progressed))
        out->progress.append(arguments.at(0).toDouble());
    return true;
}

// ---------------------------------------------------------------------------------------

void TestAssembly::outputFileName_data()
{
    QTest::addColumn<QString>("taskId");
    QTest::addColumn<QString>("expected");
    QTest::newRow("scene") << u"s01/assemble"_s << u"s01.mp4"_s;
    QTest::newRow("final") << u"final/assemble"_s << u"final.mp4"_s;
    QTest::newRow("spaces") << u"scene one/assemble"_s << u"scene_one.mp4"_s;
    QTest::newRow("dots") << u"../assemble"_s << u"assembly.mp4"_s;
}

void TestAssembly::outputFileName()
{
    QFETCH(QString, taskId);
    QFETCH(QString, expected);
    GenerationRequest request;
    request.taskId = taskId;
    QCOMPARE(AssemblyJob::outputFileName(request), expected);
}

void TestAssembly::threeClipsAndSlateSumToTheirDurations()
{
    // Given three shots (one of another size and frame rate, one with sound) and a slate
    // for a shot that failed
    const GenerationRequest request =
        sceneRequest(newDir(u"out"_s),
                     {clip(m_clip1, 0.5), clip(m_clip2, 0.5),
                      slate(u"s01-sh03"_s, u"failed: content_policy"_s, 0.5), clip(m_clip3, 0.5)});

    // When the scene is assembled
    JobRun run;
    QVERIFY(this->run(request, &run));

    // Then one s01.mp4 lasts the sum of the parts within a frame, at the scene's format,
    // with an audio track
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));
    QCOMPARE(run.finishedCount, 1);
    const QString output = QDir(request.outputDir).filePath(u"s01.mp4"_s);
    QCOMPARE(run.result.outputFiles, QStringList{output});
    QCOMPARE(filesIn(request.outputDir), QStringList{u"s01.mp4"_s});
    QCOMPARE(run.result.costUnits, 0.0);
    const Probe p = probe(output);
    QVERIFY2(std::abs(p.formatSec - 2.0) <= kFrame, qPrintable(QString::number(p.formatSec)));
    QVERIFY2(std::abs(p.videoSec - 2.0) <= kFrame, qPrintable(QString::number(p.videoSec)));
    QVERIFY(p.hasAudio);
    QVERIFY2(std::abs(p.audioSec - 2.0) <= kFrame, qPrintable(QString::number(p.audioSec)));
    QCOMPARE(p.width, kWidth);
    QCOMPARE(p.height, kHeight);
    QCOMPARE(p.frameRate, u"8/1"_s);
    QVERIFY2(p.comment.contains(u"s01-sh03: failed: content_policy"), qPrintable(p.comment));

    // And the verifier accepts it as the scene's assembly
    const VerificationResult verdict =
        verifyOutputFile(output, {Stage::Assembly, kWidth, kHeight, 2.0});
    QVERIFY2(verdict.ok, qPrintable(verdict.message));
    QCOMPARE(verdict.codec, u"h264"_s);

    // And the second clip's tone is there, the silent ones stay silent
    QVERIFY(maxVolume(output, 0.55, 0.95) > -30);
    QVERIFY(maxVolume(output, 0.0, 0.45) < -80);

    // And progress rose to 1
    QVERIFY(!run.progress.isEmpty());
    QCOMPARE(run.progress.constLast(), 1.0);
    for (qsizetype i = 1; i < run.progress.size(); ++i)
        QVERIFY(run.progress.at(i) > run.progress.at(i - 1));
}

void TestAssembly::clipDurationsAreHonoured()
{
    // A clip shorter than asked holds its last frame, a longer one is trimmed, and a clip
    // without a duration lasts as long as its file.
    const GenerationRequest request = sceneRequest(
        newDir(u"out"_s), {clip(m_clip1, 1.0), clip(m_clip2, 0.25), clip(m_clip3, 0.0)});
    JobRun run;
    QVERIFY(this->run(request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));
    const Probe p = probe(run.result.outputFiles.value(0));
    QVERIFY2(std::abs(p.formatSec - 1.75) <= kFrame, qPrintable(QString::number(p.formatSec)));
    QVERIFY2(std::abs(p.videoSec - 1.75) <= kFrame, qPrintable(QString::number(p.videoSec)));
}

void TestAssembly::stillIsHeldForItsShot()
{
    // Issue 14, point 7: an image-only shot's still (one frame) is shown for its shot's
    // duration, not replaced by the next clip's first frame.
    QImage picture(kWidth, kHeight, QImage::Format_RGB32);
    picture.fill(QColor(230, 140, 20));
    const QString stillPath = m_dir->filePath(u"still.png"_s);
    QVERIFY(picture.save(stillPath));
    AssemblyClip still = clip(stillPath, 0.75);
    still.still = true;
    const GenerationRequest request =
        sceneRequest(newDir(u"out"_s), {still, clip(m_clip1, 0.5), still});
    JobRun run;
    QVERIFY(this->run(request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));
    const QString output = run.result.outputFiles.value(0);
    const Probe p = probe(output);
    QVERIFY2(std::abs(p.videoSec - 2.0) <= kFrame, qPrintable(QString::number(p.videoSec)));
    for (const double at : {0.1, 0.6, 1.4, 1.7}) {
        const QColor seen = frameAt(output, at).pixelColor(kWidth / 2, kHeight / 2);
        QVERIFY2(std::abs(seen.red() - 230) < 20 && std::abs(seen.blue() - 20) < 25,
                 qPrintable(u"%1 s: %2"_s.arg(at).arg(seen.name())));
    }
    const QColor clipFrame = frameAt(output, 1.0).pixelColor(kWidth / 2, kHeight / 2);
    QVERIFY2(std::abs(clipFrame.red() - 230) >= 20 || std::abs(clipFrame.blue() - 20) >= 25,
             qPrintable(clipFrame.name()));
}

void TestAssembly::slateShowsShotAndReason()
{
    if (AssemblyJob::slateFontPath().isEmpty())
        QSKIP("no slate font found (Debian package fonts-dejavu-core)");
    // Given a scene whose only shot failed, at a size where text is legible
    GenerationRequest request = sceneRequest(
        newDir(u"out"_s), {slate(u"s02-sh07"_s, u"failed: timeout"_s, 0.75)}, u"s02/assemble"_s);
    request.width = 320;
    request.height = 180;
    JobRun run;
    QVERIFY(this->run(request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));

    // Then the slate lasts as long as the shot and is a dark card with light text
    const QString output = run.result.outputFiles.value(0);
    QCOMPARE(QFileInfo(output).fileName(), u"s02.mp4"_s);
    const Probe p = probe(output);
    QVERIFY2(std::abs(p.videoSec - 0.75) <= kFrame, qPrintable(QString::number(p.videoSec)));
    const QImage frame = frameAt(output, 0.3);
    QCOMPARE(frame.size(), QSize(320, 180));
    QVERIFY(qGray(frame.pixel(5, 5)) < 60); // dark background
    const int bright = brightPixels(frame);
    QVERIFY2(bright > 100, qPrintable(QString::number(bright)));      // the drawn text
    QVERIFY2(!p.title.contains(u"s02-sh07"), qPrintable(p.title));    // drawn, not titled
    QVERIFY(filesIn(request.outputDir) == QStringList{u"s02.mp4"_s}); // texts removed
}

void TestAssembly::slateWithoutFontIsPlainAndTitled()
{
    // Given no usable font for the slate text
    qputenv("RETAKE_SLATE_FONT", "/nonexistent/font.ttf");
    GenerationRequest request =
        sceneRequest(newDir(u"out"_s),
                     {clip(m_clip1, 0.5), slate(u"s01-sh02"_s, u"failed: content_policy"_s, 0.5)});
    request.width = 320;
    request.height = 180;
    JobRun run;
    QVERIFY(this->run(request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));

    // Then the slate is a plain card of the right length and the label is in the title
    const QString output = run.result.outputFiles.value(0);
    const Probe p = probe(output);
    QVERIFY2(std::abs(p.videoSec - 1.0) <= kFrame, qPrintable(QString::number(p.videoSec)));
    QVERIFY2(p.title.contains(u"s01-sh02 (failed: content_policy)"), qPrintable(p.title));
    QCOMPARE(brightPixels(frameAt(output, 0.8)), 0);
}

void TestAssembly::voiceOverLongerThanPictureIsTrimmed()
{
    // Given 1 s of silent picture and a 3 s voice-over
    GenerationRequest request =
        sceneRequest(newDir(u"out"_s), {clip(m_clip1, 0.5), clip(m_clip3, 0.5)});
    request.audioPath = m_longVoice;
    JobRun run;
    QVERIFY(this->run(request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));

    // Then the scene lasts as long as its picture and the voice is heard under it
    const QString output = run.result.outputFiles.value(0);
    const Probe p = probe(output);
    QVERIFY2(std::abs(p.formatSec - 1.0) <= kFrame, qPrintable(QString::number(p.formatSec)));
    QVERIFY2(std::abs(p.audioSec - 1.0) <= kFrame, qPrintable(QString::number(p.audioSec)));
    QVERIFY(maxVolume(output, 0.0, 0.9) > -30);
}

void TestAssembly::voiceOverShorterThanPictureIsPadded()
{
    // Given 1.5 s of silent picture and a 0.3 s voice-over
    GenerationRequest request = sceneRequest(
        newDir(u"out"_s),
        {clip(m_clip1, 0.5), slate(u"s01-sh02"_s, u"failed: auth"_s, 0.5), clip(m_clip3, 0.5)});
    request.audioPath = m_shortVoice;
    JobRun run;
    QVERIFY(this->run(request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));

    // Then the audio track is padded with silence to the picture's length
    const QString output = run.result.outputFiles.value(0);
    const Probe p = probe(output);
    QVERIFY2(std::abs(p.formatSec - 1.5) <= kFrame, qPrintable(QString::number(p.formatSec)));
    QVERIFY2(std::abs(p.audioSec - 1.5) <= kFrame, qPrintable(QString::number(p.audioSec)));
    QVERIFY(maxVolume(output, 0.0, 0.25) > -30);
    QVERIFY(maxVolume(output, 0.6, 1.4) < -80);
}

void TestAssembly::finalAssemblyOfTwoScenes()
{
    // Given two assembled scenes, one with a voice-over and one with a slate
    GenerationRequest first =
        sceneRequest(newDir(u"s01"_s), {clip(m_clip1, 0.5), clip(m_clip2, 0.5)});
    first.audioPath = m_shortVoice;
    const GenerationRequest second = sceneRequest(
        newDir(u"s02"_s), {clip(m_clip3, 0.5), slate(u"s02-sh02"_s, u"failed: timeout"_s, 0.5)},
        u"s02/assemble"_s);
    JobRun firstRun;
    JobRun secondRun;
    QVERIFY(run(first, &firstRun));
    QVERIFY(run(second, &secondRun));
    QVERIFY2(firstRun.result.ok(), qPrintable(firstRun.result.message));
    QVERIFY2(secondRun.result.ok(), qPrintable(secondRun.result.message));
    const double firstSec = probe(firstRun.result.outputFiles.value(0)).formatSec;
    const double secondSec = probe(secondRun.result.outputFiles.value(0)).formatSec;

    // When the film is assembled from the scene files (durations taken from the files)
    const GenerationRequest film = sceneRequest(newDir(u"final"_s),
                                                {clip(firstRun.result.outputFiles.value(0), 0.0),
                                                 clip(secondRun.result.outputFiles.value(0), 0.0)},
                                                u"final/assemble"_s);
    JobRun filmRun;
    QVERIFY(run(film, &filmRun));
    QVERIFY2(filmRun.result.ok(),
             qPrintable(filmRun.result.message + u'\n' + filmRun.result.detail));

    // Then final.mp4 lasts the sum of the scenes within a frame and keeps their sound
    const QString output = filmRun.result.outputFiles.value(0);
    QCOMPARE(QFileInfo(output).fileName(), u"final.mp4"_s);
    const Probe p = probe(output);
    QVERIFY2(std::abs(p.formatSec - (firstSec + secondSec)) <= kFrame,
             qPrintable(u"%1 vs %2 + %3"_s.arg(p.formatSec).arg(firstSec).arg(secondSec)));
    QVERIFY2(std::abs(p.videoSec - 2.0) <= kFrame, qPrintable(QString::number(p.videoSec)));
    QVERIFY(p.hasAudio);
    QVERIFY(maxVolume(output, 0.0, 0.25) > -30);  // scene 1's voice-over
    QVERIFY(maxVolume(output, 1.05, 1.95) < -80); // scene 2 is silent
    QVERIFY(verifyOutputFile(output, {Stage::Assembly, kWidth, kHeight, 2.0}).ok);
}

void TestAssembly::cancelDuringAssemblyLeavesNoPartialFile()
{
    // Given an assembly that takes a while: a long HD slate
    GenerationRequest request = sceneRequest(
        newDir(u"out"_s), {clip(m_clip1, 0.5), slate(u"s01-sh02"_s, u"failed"_s, 120.0)});
    request.width = 1280;
    request.height = 720;
    request.fps = 30;
    LocalProvider provider(localProfile());
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    QSignalSpy progressed(job.get(), &ProviderJob::progressed);
    job->start();

    // When it is cancelled once ffmpeg is writing
    const QString part = QDir(request.outputDir).filePath(u"s01.mp4.part"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(part), 20000);
    QVERIFY(finished.isEmpty());
    job->cancel();
    job->cancel();

    // Then Cancelled is reported exactly once and no file is left
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.wait(100));
    QCOMPARE(finished.count(), 1);
    const GenerationResult result = finished.at(0).at(0).value<GenerationResult>();
    QCOMPARE(result.errorClass, ErrorClass::Cancelled);
    QVERIFY2(filesIn(request.outputDir).isEmpty(),
             qPrintable(filesIn(request.outputDir).join(u", "_s)));

    // And a cancel after the end changes nothing
    job->cancel();
    QVERIFY(!finished.wait(50));
}

void TestAssembly::cancelBeforeStart()
{
    const GenerationRequest request = sceneRequest(newDir(u"out"_s), {clip(m_clip1, 0.5)});
    LocalProvider provider(localProfile());
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    job->cancel();
    QVERIFY(finished.isEmpty());
    job->start();
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.wait(50));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<GenerationResult>().errorClass, ErrorClass::Cancelled);
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAssembly::missingFfmpegIsProviderUnavailable()
{
    qputenv("RETAKE_FFMPEG", "/nonexistent/ffmpeg");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"RETAKE_FFMPEG=.*ffmpeg"_s));
    const GenerationRequest request = sceneRequest(newDir(u"out"_s), {clip(m_clip1, 0.5)});
    JobRun run;
    QVERIFY(this->run(request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderUnavailable);
    QVERIFY2(run.result.message.contains(u"Debian package ffmpeg"), qPrintable(run.result.message));
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAssembly::ffmpegFailureKeepsItsStderrTail()
{
    // Given an assembly whose output ffmpeg cannot open (a folder is in the way), with a
    // slate for a failed shot
    const GenerationRequest request =
        sceneRequest(newDir(u"out"_s),
                     {clip(m_clip1, 0.5), slate(u"s01-sh02"_s, u"failed: content_policy"_s, 0.5)});
    QVERIFY(QDir(request.outputDir).mkdir(u"s01.mp4.part"_s));

    // When it runs
    JobRun run;
    QVERIFY(this->run(request, &run));

    // Then it fails with ffmpeg's last line in the message and its stderr tail kept for the
    // attempt record: file names and ffmpeg's words, nothing else
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderError);
    QVERIFY2(run.result.message.startsWith(u"s01/assemble: ffmpeg failed with exit code"_s),
             qPrintable(run.result.message));
    const QString tail = run.result.stderrTail;
    QVERIFY2(tail.contains(u"s01.mp4.part"_s), qPrintable(tail));
    QVERIFY2(tail.contains(u"Is a directory"_s, Qt::CaseInsensitive), qPrintable(tail));
    QVERIFY2(run.result.message.endsWith(tail.section(u'\n', -1).trimmed()),
             qPrintable(run.result.message + u" / "_s + tail));
    QVERIFY(tail.toUtf8().size() <= 2048);
    QVERIFY(tail.count(u'\n') < 20);
    // The slate's texts went to ffmpeg as files (shot id and reason), never on its stderr.
    QVERIFY2(!tail.contains(u"content_policy"_s), qPrintable(tail));
    QCOMPARE(filesIn(request.outputDir), QStringList());
}

void TestAssembly::longStderrIsCutToTheLastLines()
{
    // Given an ffmpeg that complains at length when it encodes (a wrapper around the real
    // one, which still answers -filters and does everything else)
    const QString real = mediaToolPath(MediaTool::Ffmpeg);
    const QString wrapper = m_dir->filePath(u"ffmpeg-complains"_s);
    QFile script(wrapper);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\n"
                 "for a in \"$@\"; do\n"
                 "  if [ \"$a\" = -progress ]; then\n"
                 "    i=1\n"
                 "    while [ $i -le 60 ]; do\n"
                 "      echo \"[libx264 @ 0x5581] complaint $i of a long list of complaints\" >&2\n"
                 "      i=$((i+1))\n"
                 "    done\n"
                 "    echo 'Conversion failed!' >&2\n"
                 "    exit 1\n"
                 "  fi\n"
                 "done\n"
                 "exec '" +
                 real.toUtf8() + "' \"$@\"\n");
    script.close();
    QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ExeOwner));
    qputenv("RETAKE_FFMPEG", QFile::encodeName(wrapper));
    const GenerationRequest request = sceneRequest(newDir(u"out"_s), {clip(m_clip1, 0.5)});

    JobRun run;
    QVERIFY(this->run(request, &run));

    // Then the attempt keeps the last 20 lines, ending with the verdict
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderError);
    QVERIFY2(run.result.message.endsWith(u"Conversion failed!"_s), qPrintable(run.result.message));
    const QStringList lines = run.result.stderrTail.split(u'\n');
    QCOMPARE(lines.size(), 20);
    QCOMPARE(lines.first(), u"[libx264 @ 0x5581] complaint 42 of a long list of complaints"_s);
    QCOMPARE(lines.last(), u"Conversion failed!"_s);
    QVERIFY(run.result.stderrTail.toUtf8().size() <= 2048);
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAssembly::rejectsBadRequests_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no clips") << u"no-clips"_s << u"no clips"_s;
    QTest::newRow("missing clip") << u"missing"_s << u"clip 2 (gone.mp4) does not exist"_s;
    QTest::newRow("slate without duration") << u"slate"_s << u"slate for s01-sh02 has no"_s;
    QTest::newRow("zero fps") << u"fps"_s << u"frame rate 0"_s;
    QTest::newRow("not a video") << u"text"_s << u"clip 1 (notes.mp4) does not decode"_s;
    QTest::newRow("audio only") << u"audio"_s << u"has no video stream"_s;
    QTest::newRow("missing voice-over") << u"voice"_s << u"voice-over none.wav does not exist"_s;
}

void TestAssembly::rejectsBadRequests()
{
    QFETCH(QString, problem);
    QFETCH(QString, messagePart);
    GenerationRequest request = sceneRequest(newDir(u"out"_s), {clip(m_clip1, 0.5)});
    if (problem == u"no-clips") {
        request.clips.clear();
    } else if (problem == u"missing") {
        request.clips << clip(m_dir->filePath(u"gone.mp4"_s), 0.5);
    } else if (problem == u"slate") {
        request.clips << slate(u"s01-sh02"_s, u"failed"_s, 0.0);
    } else if (problem == u"fps") {
        request.fps = 0;
    } else if (problem == u"text") {
        const QString path = m_dir->filePath(u"notes.mp4"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a video\n");
        file.close();
        request.clips = {clip(path, 0.5)};
    } else if (problem == u"audio") {
        request.clips = {clip(m_shortVoice, 0.3)};
    } else if (problem == u"voice") {
        request.audioPath = m_dir->filePath(u"none.wav"_s);
    }
    JobRun run;
    QVERIFY(this->run(request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::InvalidRequest);
    QVERIFY2(run.result.message.contains(messagePart), qPrintable(run.result.message));
    QVERIFY2(run.result.message.startsWith(u"s01/assemble: "), qPrintable(run.result.message));
    QCOMPARE(run.finishedCount, 1);
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAssembly::faultInjection()
{
    // The built-in provider's fault injection covers assembly too.
    ProviderProfile profile = localProfile();
    profile.faults.rates = {{ErrorClass::ProviderUnavailable, 1.0}};
    const GenerationRequest request = sceneRequest(newDir(u"out"_s), {clip(m_clip1, 0.5)});
    JobRun run;
    QVERIFY(this->run(request, &run, profile));
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderUnavailable);
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAssembly::corruptionIsRejectedByVerifier()
{
    ProviderProfile profile = localProfile();
    profile.options = {{u"outputCorruption"_s, 1.0}};
    const GenerationRequest request =
        sceneRequest(newDir(u"out"_s), {clip(m_clip1, 0.5), clip(m_clip2, 0.5)});
    JobRun run;
    QVERIFY(this->run(request, &run, profile));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    const VerificationResult verdict =
        verifyOutputFile(run.result.outputFiles.value(0), {Stage::Assembly, kWidth, kHeight, 1.0});
    QVERIFY2(!verdict.ok, qPrintable(verdict.message));
    QCOMPARE(verdict.errorClass, ErrorClass::OutputInvalid);
}

QTEST_GUILESS_MAIN(TestAssembly)
#include "tst_assembly.moc"
