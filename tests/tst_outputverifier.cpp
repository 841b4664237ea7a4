// Output verification: what the engine accepts as a finished image or video, and the
// message it gets for everything else.
#include "engine/outputverifier.h"
#include "util/mediatools.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestOutputVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void verifyFile_data();
    void verifyFile();
    void reportsMeasuredValues();
    void verifierIsAsynchronous();
    void missingFfprobeCannotVerifyVideos();

private:
    QString fixture(const QString &name) const { return m_dir.filePath(name); }
    bool ffmpeg(const QStringList &arguments) const;

    QTemporaryDir m_dir;
    bool m_haveFfmpeg = false;
};

bool TestOutputVerifier::ffmpeg(const QStringList &arguments) const
{
    QProcess process;
    process.start(mediaToolPath(MediaTool::Ffmpeg),
                  QStringList{u"-hide_banner"_s, u"-loglevel"_s, u"error"_s, u"-y"_s} + arguments);
    return process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

void TestOutputVerifier::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());

    // Images.
    QImage image(160, 90, QImage::Format_RGB32);
    image.fill(Qt::darkMagenta);
    QVERIFY(image.save(fixture(u"good.png"_s)));
    QVERIFY(image.save(fixture(u"good.jpg"_s)));
    const QByteArray png = readFile(fixture(u"good.png"_s));
    QVERIFY(png.size() > 100);
    QVERIFY(writeFile(fixture(u"truncated.png"_s), png.left(png.size() / 2)));
    QVERIFY(writeFile(fixture(u"empty.png"_s), {}));
    QVERIFY(writeFile(fixture(u"text.png"_s), "this is not an image\n"));
    QVERIFY(writeFile(fixture(u"text.mp4"_s), "this is not a video either\n"));
    QVERIFY(QDir().mkpath(fixture(u"folder.png"_s)));

    // Videos.
    m_haveFfmpeg =
        !mediaToolPath(MediaTool::Ffmpeg).isEmpty() && !mediaToolPath(MediaTool::Ffprobe).isEmpty();
    if (!m_haveFfmpeg)
        return;
    QVERIFY(ffmpeg({u"-f"_s, u"lavfi"_s, u"-i"_s, u"testsrc=size=160x90:rate=8"_s, u"-t"_s, u"1"_s,
                    u"-c:v"_s, u"libx264"_s, u"-preset"_s, u"ultrafast"_s, u"-pix_fmt"_s,
                    u"yuv420p"_s, u"-movflags"_s, u"+faststart"_s, fixture(u"good.mp4"_s)}));
    QVERIFY(ffmpeg({u"-f"_s, u"lavfi"_s, u"-i"_s, u"testsrc=size=160x90:rate=8"_s, u"-t"_s, u"1"_s,
                    u"-c:v"_s, u"mpeg4"_s, fixture(u"mpeg4.mp4"_s)}));
    QVERIFY(ffmpeg({u"-f"_s, u"lavfi"_s, u"-i"_s, u"sine=duration=1"_s, u"-c:a"_s, u"aac"_s,
                    fixture(u"audio.mp4"_s)}));
    const QByteArray mp4 = readFile(fixture(u"good.mp4"_s));
    QVERIFY(writeFile(fixture(u"truncated.mp4"_s), mp4.left(mp4.size() / 2)));
}

void TestOutputVerifier::cleanup()
{
    qunsetenv("RETAKE_FFPROBE");
}

void TestOutputVerifier::verifyFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Stage>("stage");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<double>("duration");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");

    QTest::newRow("image: good") << u"good.png"_s << Stage::Image << 160 << 90 << 0.0 << true
                                 << u"good.png: png 160x90"_s;
    QTest::newRow("image: any size")
        << u"good.png"_s << Stage::Image << 0 << 0 << 0.0 << true << u"good.png: png 160x90"_s;
    QTest::newRow("image: jpeg") << u"good.jpg"_s << Stage::Image << 160 << 90 << 0.0 << true
                                 << u"good.jpg: jpeg 160x90"_s;
    QTest::newRow("image: missing") << u"missing.png"_s << Stage::Image << 160 << 90 << 0.0 << false
                                    << u"missing.png: file is missing"_s;
    QTest::newRow("image: empty") << u"empty.png"_s << Stage::Image << 160 << 90 << 0.0 << false
                                  << u"empty.png: file is empty"_s;
    QTest::newRow("image: folder") << u"folder.png"_s << Stage::Image << 0 << 0 << 0.0 << false
                                   << u"folder.png: is not a regular file"_s;
    QTest::newRow("image: truncated") << u"truncated.png"_s << Stage::Image << 160 << 90 << 0.0
                                      << false << u"truncated.png: does not decode"_s;
    QTest::newRow("image: text") << u"text.png"_s << Stage::Image << 160 << 90 << 0.0 << false
                                 << u"text.png: does not decode"_s;
    QTest::newRow("image: wrong size") << u"good.png"_s << Stage::Image << 100 << 50 << 0.0 << false
                                       << u"good.png: size 160x90, expected 100x50"_s;
    QTest::newRow("image: wrong width") << u"good.png"_s << Stage::Image << 320 << 0 << 0.0 << false
                                        << u"good.png: size 160x90, expected 320xany"_s;

    QTest::newRow("video: good") << u"good.mp4"_s << Stage::Video << 160 << 90 << 1.0 << true
                                 << u"good.mp4: h264 160x90, 1.00 s"_s;
    QTest::newRow("video: one frame long")
        << u"good.mp4"_s << Stage::Video << 160 << 90 << 1.12 << true << u"good.mp4: h264"_s;
    QTest::newRow("video: one frame short")
        << u"good.mp4"_s << Stage::Video << 160 << 90 << 0.88 << true << u"good.mp4: h264"_s;
    QTest::newRow("video: other codec") << u"mpeg4.mp4"_s << Stage::Video << 160 << 90 << 1.0
                                        << true << u"mpeg4.mp4: mpeg4 160x90"_s;
    QTest::newRow("video: wrong duration")
        << u"good.mp4"_s << Stage::Video << 160 << 90 << 2.0 << false
        << u"good.mp4: duration 1.00 s, expected 2.00 s"_s;
    QTest::newRow("video: two frames short")
        << u"good.mp4"_s << Stage::Video << 0 << 0 << 1.26 << false
        << u"good.mp4: duration 1.00 s, expected 1.26 s"_s;
    QTest::newRow("video: wrong size") << u"good.mp4"_s << Stage::Video << 320 << 180 << 1.0
                                       << false << u"good.mp4: size 160x90, expected 320x180"_s;
    QTest::newRow("video: missing") << u"missing.mp4"_s << Stage::Video << 0 << 0 << 1.0 << false
                                    << u"missing.mp4: file is missing"_s;
    QTest::newRow("video: text renamed") << u"text.mp4"_s << Stage::Video << 0 << 0 << 1.0 << false
                                         << u"text.mp4: not a readable video"_s;
    QTest::newRow("video: truncated") << u"truncated.mp4"_s << Stage::Video << 160 << 90 << 1.0
                                      << false << u"truncated.mp4: truncated"_s;
    QTest::newRow("video: audio only") << u"audio.mp4"_s << Stage::Video << 0 << 0 << 1.0 << false
                                       << u"audio.mp4: has no video stream"_s;
}

void TestOutputVerifier::verifyFile()
{
    QFETCH(QString, file);
    QFETCH(Stage, stage);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(double, duration);
    QFETCH(bool, ok);
    QFETCH(QString, message);
    if (stage == Stage::Video && !m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");

    const VerificationResult result =
        verifyOutputFile(fixture(file), {stage, width, height, duration});
    QVERIFY2(result.ok == ok, qPrintable(result.message));
    QVERIFY2(result.message.startsWith(message), qPrintable(result.message));
    QCOMPARE(result.file, fixture(file));
    QCOMPARE(result.errorClass, ok ? ErrorClass::None : ErrorClass::OutputInvalid);
}

void TestOutputVerifier::reportsMeasuredValues()
{
    if (!m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    const VerificationResult video = verifyOutputFile(fixture(u"good.mp4"_s), {Stage::Video});
    QVERIFY2(video.ok, qPrintable(video.message));
    QCOMPARE(video.codec, u"h264"_s);
    QCOMPARE(video.width, 160);
    QCOMPARE(video.height, 90);
    QCOMPARE(video.durationSec, 1.0);

    const VerificationResult image = verifyOutputFile(fixture(u"good.png"_s), {Stage::Image});
    QVERIFY(image.ok);
    QCOMPARE(image.codec, u"png"_s);
    QCOMPARE(image.width, 160);
    QCOMPARE(image.height, 90);
}

void TestOutputVerifier::verifierIsAsynchronous()
{
    // Given several verifications started from the event loop at once
    OutputVerifier verifier;
    QSignalSpy finished(&verifier, &OutputVerifier::finished);
    QVERIFY(finished.isValid());
    verifier.verify(fixture(u"good.png"_s), {Stage::Image, 160, 90, 0});
    verifier.verify(fixture(u"empty.png"_s), {Stage::Image, 160, 90, 0});
    verifier.verify(fixture(u"missing.mp4"_s), {Stage::Video, 160, 90, 1.0});

    // Then verify() returned before any result, and every result arrives once
    QCOMPARE(finished.count(), 0);
    QCOMPARE(verifier.pendingCount(), 3);
    QTRY_COMPARE(finished.count(), 3);
    QCOMPARE(verifier.pendingCount(), 0);
    QMap<QString, bool> verdicts;
    for (const QList<QVariant> &arguments : std::as_const(finished)) {
        const auto result = arguments.at(0).value<VerificationResult>();
        verdicts.insert(QFileInfo(result.file).fileName(), result.ok);
    }
    const QMap<QString, bool> expected{
        {u"good.png"_s, true}, {u"empty.png"_s, false}, {u"missing.mp4"_s, false}};
    QCOMPARE(verdicts, expected);
}

void TestOutputVerifier::missingFfprobeCannotVerifyVideos()
{
    if (!m_haveFfmpeg)
        QSKIP("ffmpeg/ffprobe not installed (Debian package ffmpeg)");
    qputenv("RETAKE_FFPROBE", QFile::encodeName(fixture(u"no-such-ffprobe"_s)));
    const VerificationResult result = verifyOutputFile(fixture(u"good.mp4"_s), {Stage::Video});
    QVERIFY(!result.ok);
    QCOMPARE(result.errorClass, ErrorClass::ProviderUnavailable);
    QVERIFY2(result.message.startsWith(u"good.mp4: cannot be verified"),
             qPrintable(result.message));
    QVERIFY2(result.message.contains(u"Debian package ffmpeg"), qPrintable(result.message));
}

QTEST_GUILESS_MAIN(TestOutputVerifier)
#include "tst_outputverifier.moc"
