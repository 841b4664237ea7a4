#include "engine/outputverifier.h"

#include "util/mediatools.h"
#include "util/poolrun.h"
#include "util/toolenvironment.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr int kProbeTimeoutMs = 60 * 1000;

VerificationResult rejected(VerificationResult result, ErrorClass errorClass,
                            const QString &message)
{
    result.ok = false;
    result.errorClass = errorClass;
    result.message = QFileInfo(result.file).fileName() % u": "_s % message;
    return result;
}

QString sizeText(int width, int height)
{
    return QString::number(width) % u'x' % QString::number(height);
}

// True when the measured size matches every expected dimension that is set.
bool sizeMatches(int width, int height, const VerificationExpectation &expectation)
{
    return (expectation.width <= 0 || width == expectation.width) &&
           (expectation.height <= 0 || height == expectation.height);
}

QString expectedSizeText(const VerificationExpectation &expectation)
{
    return (expectation.width > 0 ? QString::number(expectation.width) : u"any"_s) % u'x' %
           (expectation.height > 0 ? QString::number(expectation.height) : u"any"_s);
}

double parseRate(const QString &rate)
{
    const QStringList parts = rate.split(u'/');
    bool ok = false;
    const double numerator = parts.value(0).toDouble(&ok);
    if (!ok)
        return 0;
    if (parts.size() == 1)
        return numerator;
    const double denominator = parts.value(1).toDouble(&ok);
    return ok && denominator > 0 ? numerator / denominator : 0;
}

VerificationResult verifyImage(VerificationResult result,
                               const VerificationExpectation &expectation)
{
    QImageReader reader(result.file);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(false);
    const QByteArray format = reader.format(); // before read(), which consumes the device
    const QImage image = reader.read();
    if (image.isNull()) {
        return rejected(result, ErrorClass::OutputInvalid,
                        u"does not decode as an image ("_s % reader.errorString() % u')');
    }
    result.codec = QString::fromLatin1(format);
    result.width = image.width();
    result.height = image.height();
    if (!sizeMatches(result.width, result.height, expectation)) {
        return rejected(result, ErrorClass::OutputInvalid,
                        u"size "_s % sizeText(result.width, result.height) % u", expected "_s %
                            expectedSizeText(expectation));
    }
    result.ok = true;
    result.message = QFileInfo(result.file).fileName() % u": "_s % result.codec % u' ' %
                     sizeText(result.width, result.height);
    return result;
}

// Runs ffprobe with `arguments` followed by the file; the JSON answer, or the rejection.
std::optional<QJsonObject> probe(VerificationResult *result, const QStringList &arguments,
                                 const QString &kind)
{
    const QString ffprobe = mediaToolPath(MediaTool::Ffprobe);
    if (ffprobe.isEmpty()) {
        *result = rejected(*result, ErrorClass::ProviderUnavailable,
                           u"cannot be verified: "_s % mediaToolMissingMessage(MediaTool::Ffprobe));
        return std::nullopt;
    }
    QProcess process;
    process.setProcessEnvironment(toolEnvironment());
    process.start(ffprobe, arguments + QStringList{result->file}, QIODevice::ReadOnly);
    if (!process.waitForStarted(kProbeTimeoutMs)) {
        *result = rejected(*result, ErrorClass::ProviderUnavailable,
                           u"cannot be verified: ffprobe did not start ("_s %
                               process.errorString() % u')');
        return std::nullopt;
    }
    if (!process.waitForFinished(kProbeTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        *result = rejected(
            *result, ErrorClass::OutputInvalid,
            QCoreApplication::translate("retake::Engine", "ffprobe did not finish within %1 s")
                .arg(kProbeTimeoutMs / 1000));
        return std::nullopt;
    }
    const QByteArray output = process.readAllStandardOutput();
    const QString errors = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString reason = errors.section(u'\n', -1).trimmed();
        *result = rejected(
            *result, ErrorClass::OutputInvalid,
            u"not a readable "_s % kind % u" (ffprobe: "_s %
                (reason.isEmpty() ? u"exit code %1"_s.arg(process.exitCode()) : reason) % u')');
        return std::nullopt;
    }
    return QJsonDocument::fromJson(output).object();
}

VerificationResult verifyAudio(VerificationResult result)
{
    // -count_frames decodes every frame: a file whose header is intact but whose samples
    // are not fails here.
    const std::optional<QJsonObject> answer = probe(
        &result,
        {u"-v"_s, u"error"_s, u"-count_frames"_s, u"-select_streams"_s, u"a"_s, u"-show_entries"_s,
         u"stream=codec_type,codec_name,sample_rate,channels,nb_read_frames,duration:"_s
         u"format=duration"_s,
         u"-of"_s, u"json"_s},
        u"audio file"_s);
    if (!answer)
        return result;
    const QJsonObject &root = *answer;
    QJsonObject stream;
    for (const QJsonValue value : root.value(u"streams").toArray()) {
        if (value.toObject().value(u"codec_type").toString() == u"audio") {
            stream = value.toObject();
            break;
        }
    }
    if (stream.isEmpty())
        return rejected(result, ErrorClass::OutputInvalid,
                        QCoreApplication::translate("retake::Engine", "has no audio stream"));
    result.codec = stream.value(u"codec_name").toString();
    if (stream.value(u"nb_read_frames").toString().toInt() <= 0)
        return rejected(result, ErrorClass::OutputInvalid,
                        QCoreApplication::translate("retake::Engine", "has no decodable audio"));
    bool ok = false;
    result.durationSec =
        root.value(u"format").toObject().value(u"duration").toString().toDouble(&ok);
    if (!ok)
        result.durationSec = stream.value(u"duration").toString().toDouble(&ok);
    if (!ok || !(result.durationSec > 0))
        return rejected(result, ErrorClass::OutputInvalid,
                        QCoreApplication::translate("retake::Engine", "has no duration"));
    result.ok = true;
    result.message = QFileInfo(result.file).fileName() % u": "_s % result.codec % u' ' %
                     stream.value(u"sample_rate").toString() % u" Hz, "_s %
                     QString::number(result.durationSec, 'f', 2) % u" s"_s;
    return result;
}

VerificationResult verifyVideo(VerificationResult result,
                               const VerificationExpectation &expectation)
{
    const std::optional<QJsonObject> answer =
        probe(&result,
              {u"-v"_s, u"error"_s, u"-count_packets"_s, u"-show_entries"_s,
               u"stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,"
               u"nb_frames,nb_read_packets,duration:format=duration"_s,
               u"-of"_s, u"json"_s},
              u"video"_s);
    if (!answer)
        return result;
    const QJsonObject &root = *answer;
    QJsonObject stream;
    for (const QJsonValue value : root.value(u"streams").toArray()) {
        if (value.toObject().value(u"codec_type").toString() == u"video") {
            stream = value.toObject();
            break;
        }
    }
    if (stream.isEmpty())
        return rejected(result, ErrorClass::OutputInvalid,
                        QCoreApplication::translate("retake::Engine", "has no video stream"));

    result.codec = stream.value(u"codec_name").toString();
    result.width = stream.value(u"width").toInt();
    result.height = stream.value(u"height").toInt();
    bool ok = false;
    result.durationSec =
        root.value(u"format").toObject().value(u"duration").toString().toDouble(&ok);
    if (!ok)
        result.durationSec = stream.value(u"duration").toString().toDouble(&ok);
    const bool durationKnown = ok;

    const int declaredFrames = stream.value(u"nb_frames").toString().toInt();
    const int readableFrames = stream.value(u"nb_read_packets").toString().toInt();
    if (readableFrames <= 0)
        return rejected(result, ErrorClass::OutputInvalid,
                        QCoreApplication::translate("retake::Engine", "has no readable frames"));
    if (declaredFrames > 0 && readableFrames < declaredFrames) {
        return rejected(
            result, ErrorClass::OutputInvalid,
            QCoreApplication::translate("retake::Engine", "truncated: %1 of %2 frames readable")
                .arg(readableFrames)
                .arg(declaredFrames));
    }
    if (!sizeMatches(result.width, result.height, expectation)) {
        return rejected(result, ErrorClass::OutputInvalid,
                        u"size "_s % sizeText(result.width, result.height) % u", expected "_s %
                            expectedSizeText(expectation));
    }
    result.fps = parseRate(stream.value(u"avg_frame_rate").toString());
    if (result.fps <= 0)
        result.fps = parseRate(stream.value(u"r_frame_rate").toString());
    if (expectation.durationSec > 0) {
        if (!durationKnown)
            return rejected(result, ErrorClass::OutputInvalid,
                            QCoreApplication::translate("retake::Engine", "duration is unknown"));
        const double frame = result.fps > 0 ? 1.0 / result.fps : 0.0;
        const double tolerance = qMax(frame, 0.05 * expectation.durationSec) + 1e-3;
        if (std::abs(result.durationSec - expectation.durationSec) > tolerance) {
            return rejected(
                result, ErrorClass::OutputInvalid,
                //: %1 is the measured duration, %2 the shot's.
                QCoreApplication::translate("retake::Engine", "duration %1 s, expected %2 s")
                    .arg(result.durationSec, 0, 'f', 2)
                    .arg(expectation.durationSec, 0, 'f', 2));
        }
    }
    result.ok = true;
    result.message = QFileInfo(result.file).fileName() % u": "_s % result.codec % u' ' %
                     sizeText(result.width, result.height) % u", "_s %
                     QString::number(result.durationSec, 'f', 2) % u" s"_s;
    return result;
}

} // namespace

VerificationResult verifyOutputFile(const QString &file, const VerificationExpectation &expectation)
{
    VerificationResult result;
    result.file = file;
    const QFileInfo info(file);
    if (file.isEmpty())
        return rejected(
            result, ErrorClass::OutputInvalid,
            QCoreApplication::translate("retake::Engine", "no output file was reported"));
    if (!info.exists())
        return rejected(result, ErrorClass::OutputInvalid,
                        QCoreApplication::translate("retake::Engine", "file is missing"));
    if (!info.isFile())
        return rejected(result, ErrorClass::OutputInvalid,
                        QCoreApplication::translate("retake::Engine", "is not a regular file"));
    if (info.size() == 0)
        return rejected(result, ErrorClass::OutputInvalid,
                        QCoreApplication::translate("retake::Engine", "file is empty"));
    if (!info.isReadable())
        return rejected(result, ErrorClass::FileIo,
                        QCoreApplication::translate("retake::Engine",
                                                    "file cannot be read (permission denied)"));

    switch (expectation.stage) {
    case Stage::Image:
        return verifyImage(result, expectation);
    case Stage::Video:
    case Stage::Assembly:
        return verifyVideo(result, expectation);
    case Stage::Audio:
        return verifyAudio(result);
    }
    Q_UNREACHABLE();
}

OutputVerifier::OutputVerifier(QObject *parent) : QObject(parent)
{
}

OutputVerifier::~OutputVerifier() = default;

void OutputVerifier::verify(const QString &file, const VerificationExpectation &expectation)
{
    ++m_pending;
    runOnPool<VerificationResult>(
        this, [file, expectation](PoolProgress &) { return verifyOutputFile(file, expectation); },
        [this](const VerificationResult &result) {
            --m_pending;
            Q_EMIT finished(result);
        });
}

} // namespace retake
