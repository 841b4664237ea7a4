// Conforming an output to its shot (engine/outputconformer.h): the ffmpeg filter chain of
// each fit mode and length, when a conform is needed, where an image's picture goes, and
// real conforms with ffmpeg and QImage whose results have the shot's size and length.
#include "engine/outputconformer.h"
#include "testprinters.h"

#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

ConformTarget videoTarget(FitMode fit)
{
    ConformTarget target;
    target.stage = Stage::Video;
    target.width = 320;
    target.height = 180;
    target.fps = 24;
    target.durationSec = 2.0;
    target.fit = fit;
    return target;
}

} // namespace

class TestOutputConformer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fitModesByName()
    {
        QCOMPARE(fitModeFromString(QString()), FitMode::Pad);
        QCOMPARE(fitModeFromString(u"pad"_s), FitMode::Pad);
        QCOMPARE(fitModeFromString(u"crop"_s), FitMode::Crop);
        QCOMPARE(fitModeFromString(u"stretch"_s), FitMode::Stretch);
        QVERIFY(!fitModeFromString(u"fill"_s));
        QCOMPARE(nameOf(FitMode::Crop), u"crop"_s);
    }

    void filterOfEachFit_data()
    {
        QTest::addColumn<int>("fit");
        QTest::addColumn<double>("source");
        QTest::addColumn<QString>("filter");
        QTest::newRow("pad, longer")
            << int(FitMode::Pad) << 5.0
            << u"scale=320:180:force_original_aspect_ratio=decrease,"
               "pad=320:180:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=24,format=yuv420p,"
               "trim=end_frame=48,setpts=PTS-STARTPTS"_s;
        QTest::newRow("crop, longer")
            << int(FitMode::Crop) << 2.5
            << u"scale=320:180:force_original_aspect_ratio=increase,crop=320:180,setsar=1,"
               "fps=24,format=yuv420p,trim=end_frame=48,setpts=PTS-STARTPTS"_s;
        QTest::newRow("stretch, shorter")
            << int(FitMode::Stretch) << 1.5
            << u"scale=320:180,setsar=1,fps=24,format=yuv420p,tpad=stop_mode=clone:stop=13,"
               "trim=end_frame=48,setpts=PTS-STARTPTS"_s;
        QTest::newRow("pad, shorter")
            << int(FitMode::Pad) << 0.5
            << u"scale=320:180:force_original_aspect_ratio=decrease,"
               "pad=320:180:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=24,format=yuv420p,"
               "tpad=stop_mode=clone:stop=37,trim=end_frame=48,setpts=PTS-STARTPTS"_s;
    }
    void filterOfEachFit()
    {
        QFETCH(int, fit);
        QFETCH(double, source);
        QFETCH(QString, filter);
        QCOMPARE(conformVideoFilter(videoTarget(FitMode(fit)), source), filter);
    }

    void argumentsKeepTheSoundToLength()
    {
        const QStringList args =
            conformVideoArguments(u"in.mp4"_s, u"out.mp4"_s, videoTarget(FitMode::Pad), 3.0);
        QCOMPARE(args.at(args.indexOf(u"-filter_complex"_s) + 1).left(7), u"[0:v:0]"_s);
        QVERIFY(args.contains(u"0:a:0?"_s));
        QCOMPARE(args.at(args.indexOf(u"-af"_s) + 1), u"apad,atrim=0:2.000"_s);
        QCOMPARE(args.last(), u"out.mp4"_s);
    }

    void whenAConformIsNeeded()
    {
        const ConformTarget target = videoTarget(FitMode::Pad);
        VerificationResult measured;
        measured.width = 320;
        measured.height = 180;
        measured.durationSec = 2.0;
        QVERIFY(!needsConform(measured, 24, target));
        measured.durationSec = 2.04; // within a frame
        QVERIFY(!needsConform(measured, 24, target));
        measured.durationSec = 2.1;
        QVERIFY(needsConform(measured, 24, target));
        measured.durationSec = 2.0;
        QVERIFY(needsConform(measured, 12, target));
        measured.width = 96;
        QVERIFY(needsConform(measured, 24, target));
        ConformTarget image;
        image.width = 96;
        image.height = 180;
        QVERIFY(!needsConform(measured, 0, image));
    }

    void imagePlacementOfEachFit()
    {
        ConformTarget target;
        target.width = 160;
        target.height = 90;
        // A portrait 80x96 source
        target.fit = FitMode::Pad;
        ImagePlacement place = conformImagePlacement(QSize(80, 96), target);
        QCOMPARE(place.from, QRect(0, 0, 80, 96));
        QCOMPARE(place.to, QRect(42, 0, 75, 90));
        target.fit = FitMode::Crop;
        place = conformImagePlacement(QSize(80, 96), target);
        QCOMPARE(place.from, QRect(0, 25, 80, 45));
        QCOMPARE(place.to, QRect(0, 0, 160, 90));
        target.fit = FitMode::Stretch;
        place = conformImagePlacement(QSize(80, 96), target);
        QCOMPARE(place.from, QRect(0, 0, 80, 96));
        QCOMPARE(place.to, QRect(0, 0, 160, 90));
    }

    void realConforms_data()
    {
        QTest::addColumn<int>("fit");
        QTest::addColumn<bool>("barsAtTheSides");
        QTest::newRow("pad") << int(FitMode::Pad) << true;
        QTest::newRow("crop") << int(FitMode::Crop) << false;
        QTest::newRow("stretch") << int(FitMode::Stretch) << false;
    }
    void realConforms()
    {
        QFETCH(int, fit);
        QFETCH(bool, barsAtTheSides);
        const QString ffmpeg = QStandardPaths::findExecutable(u"ffmpeg"_s);
        QVERIFY2(!ffmpeg.isEmpty(), "ffmpeg is needed");
        QTemporaryDir dir;
        // A square white 64x64 clip of 3 s at 10 fps, to 160x90 at 24 fps for 1 s
        const QString source = dir.filePath(u"in.mp4"_s);
        QCOMPARE(QProcess::execute(ffmpeg, {u"-v"_s, u"error"_s, u"-f"_s, u"lavfi"_s, u"-i"_s,
                                            u"color=white:size=64x64:rate=10:duration=3"_s,
                                            u"-pix_fmt"_s, u"yuv420p"_s, source}),
                 0);
        ConformTarget target;
        target.stage = Stage::Video;
        target.width = 160;
        target.height = 90;
        target.fps = 24;
        target.durationSec = 1.0;
        target.fit = FitMode(fit);
        OutputConformer conformer;
        QSignalSpy done(&conformer, &OutputConformer::finished);
        const QString output = dir.filePath(u"out.mp4"_s);
        conformer.conform(source, output, target, 3.0);
        QVERIFY(done.wait(60000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        const VerificationResult result = verifyOutputFile(output, {Stage::Video, 160, 90, 1.0});
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.fps, 24.0);
        // The first frame: black bars at the sides only when padded
        const QString frame = dir.filePath(u"frame.png"_s);
        QCOMPARE(QProcess::execute(
                     ffmpeg, {u"-v"_s, u"error"_s, u"-i"_s, output, u"-frames:v"_s, u"1"_s, frame}),
                 0);
        const QImage picture(frame);
        QCOMPARE(picture.size(), QSize(160, 90));
        QCOMPARE(qGray(picture.pixel(3, 45)) < 40, barsAtTheSides);
        QVERIFY(qGray(picture.pixel(80, 45)) > 200);

        // And an image the same way, with QImage
        QImage square(64, 64, QImage::Format_RGB32);
        square.fill(Qt::white);
        QVERIFY(square.save(dir.filePath(u"in.png"_s)));
        target.stage = Stage::Image;
        OutputConformer images;
        QSignalSpy imageDone(&images, &OutputConformer::finished);
        images.conform(dir.filePath(u"in.png"_s), dir.filePath(u"out.png"_s), target, 0);
        QVERIFY(imageDone.wait(10000));
        QVERIFY2(imageDone.first().at(0).toBool(), qPrintable(imageDone.first().at(1).toString()));
        const QImage conformed(dir.filePath(u"out.png"_s));
        QCOMPARE(conformed.size(), QSize(160, 90));
        QCOMPARE(qGray(conformed.pixel(3, 45)) < 40, barsAtTheSides);
        QVERIFY(qGray(conformed.pixel(80, 45)) > 200);
    }

    void aFailingFfmpegIsReported()
    {
        QTemporaryDir dir;
        qputenv("RETAKE_FFMPEG", "/bin/false");
        OutputConformer conformer;
        QSignalSpy done(&conformer, &OutputConformer::finished);
        conformer.conform(dir.filePath(u"in.mp4"_s), dir.filePath(u"out.mp4"_s),
                          videoTarget(FitMode::Pad), 1.0);
        QVERIFY(done.wait(10000));
        qunsetenv("RETAKE_FFMPEG");
        QCOMPARE(done.size(), 1);
        QVERIFY(!done.first().at(0).toBool());
        QVERIFY2(done.first().at(1).toString().contains(u"ffmpeg failed with exit code 1"_s),
                 qPrintable(done.first().at(1).toString()));
    }
};

QTEST_MAIN(TestOutputConformer)
#include "tst_outputconformer.moc"
