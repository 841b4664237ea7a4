// Voice-over audio: the built-in espeak-ng job (languages, voices, rate, fallback, cancel,
// missing tool, fault injection), the audio check of the output verifier, and the
// "openai-tts" HTTP provider against an in-process QHttpServer on 127.0.0.1.
#include "engine/mediatools.h"
#include "engine/outputverifier.h"
#include "providers/espeakjob.h"
#include "providers/localprovider.h"
#include "providers/providerfactory.h"
#include "providers/ttsprovider.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

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

// A 16-bit mono PCM WAV of a 440 Hz tone.
QByteArray sineWav(double seconds, int sampleRate = 8000)
{
    const int samples = int(seconds * sampleRate);
    QByteArray data(samples * 2, Qt::Uninitialized);
    for (int i = 0; i < samples; ++i) {
        const auto value = qint16(8000 * std::sin(2 * M_PI * 440.0 * i / sampleRate));
        qToLittleEndian(value, data.data() + 2 * i);
    }
    QByteArray wav;
    auto u32 = [&wav](quint32 v) {
        char bytes[4];
        qToLittleEndian(v, bytes);
        wav.append(bytes, 4);
    };
    auto u16 = [&wav](quint16 v) {
        char bytes[2];
        qToLittleEndian(v, bytes);
        wav.append(bytes, 2);
    };
    wav.append("RIFF");
    u32(quint32(36 + data.size()));
    wav.append("WAVEfmt ");
    u32(16);
    u16(1); // PCM
    u16(1); // mono
    u32(quint32(sampleRate));
    u32(quint32(sampleRate * 2));
    u16(2);
    u16(16);
    wav.append("data");
    u32(quint32(data.size()));
    return wav + data;
}

QString longText()
{
    QString text;
    for (int i = 0; i < 300; ++i)
        text += u"The lighthouse keeper counts the ships that pass in the night. "_s;
    return text;
}

// What the fake speech server saw of one request.
struct SeenRequest {
    QByteArray path;
    QByteArray authorization;
    QJsonObject body;
};

} // namespace

class TestAudio : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // espeak-ng
    void voiceMapping_data();
    void voiceMapping();
    void espeakSpeaksLanguage_data();
    void espeakSpeaksLanguage();
    void espeakRateChangesDuration();
    void espeakUnknownVoiceFailsCleanly();
    void espeakFallbackIgnoresUnknownVoice();
    void espeakRejectsEmptyText();
    void espeakCancelDuringSynthesisLeavesNoFile();
    void espeakCancelBeforeStart();
    void espeakMissingIsProviderUnavailable();
    void espeakFaultInjection();
    void espeakCorruptionIsRejectedByVerifier();

    // Verifier
    void verifierRejectsWhatIsNotAudio();

    // HTTP TTS
    void ttsSynthesizesWav();
    void ttsBaseUrlWithV1AndProfileVoice();
    void ttsHttpErrors_data();
    void ttsHttpErrors();
    void ttsConnectionRefused();
    void ttsTimeout();
    void ttsCancelAbortsReply();
    void ttsFactoryAndCapabilities();

private:
    QString newDir(const QString &name) const;
    GenerationRequest audioRequest(const QString &dir, const QString &text = u"Hello there."_s,
                                   const QString &language = {}, const QString &voice = {}) const;
    bool run(Provider &provider, const GenerationRequest &request, JobRun *out,
             int timeoutMs = 60000) const;
    void startSpeechServer();
    ProviderProfile ttsProfile(const QString &baseUrl) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_haveEspeak = false;
    bool m_haveFfprobe = false;
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
    QList<SeenRequest> m_seen;
    // How the fake server answers: status, extra headers, body.
    int m_answerStatus = 200;
    QList<QPair<QByteArray, QByteArray>> m_answerHeaders;
    QByteArray m_answerBody;
    QByteArray m_answerType = "audio/wav";
};

void TestAudio::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("RETAKE_KEYCHAIN", "off");
    m_haveEspeak = !EspeakJob::programPath().isEmpty();
    m_haveFfprobe = !mediaToolPath(MediaTool::Ffprobe).isEmpty();
    startSpeechServer();
}

void TestAudio::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_seen.clear();
    m_answerStatus = 200;
    m_answerHeaders.clear();
    m_answerBody = sineWav(0.25);
    m_answerType = "audio/wav";
}

void TestAudio::cleanup()
{
    qunsetenv("RETAKE_ESPEAK");
    qunsetenv("RETAKE_KEY_TTS");
    m_dir.reset();
}

QString TestAudio::newDir(const QString &name) const
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(path);
    return path;
}

GenerationRequest TestAudio::audioRequest(const QString &dir, const QString &text,
                                          const QString &language, const QString &voice) const
{
    GenerationRequest request;
    request.taskId = u"s01/audio"_s;
    request.stage = Stage::Audio;
    request.sceneId = u"s01"_s;
    request.prompt = text;
    request.language = language;
    request.voice = voice;
    request.outputDir = dir;
    return request;
}

bool TestAudio::run(Provider &provider, const GenerationRequest &request, JobRun *out,
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
    // A second finished() would arrive from the event loop too: give it the chance.
    QCoreApplication::processEvents();
    out->finishedCount = int(finished.count());
    out->result = finished.at(0).at(0).value<GenerationResult>();
    for (const QList<QVariant> &arguments : std::as_const(progressed))
        out->progress.append(arguments.at(0).toDouble());
    return true;
}

void TestAudio::startSpeechServer()
{
    m_server = std::make_unique<QHttpServer>();
    auto answer = [this](const QHttpServerRequest &request) {
        m_seen.append({request.url().path().toUtf8(), request.value("Authorization"),
                       QJsonDocument::fromJson(request.body()).object()});
        QHttpServerResponse response(m_answerType, m_answerBody,
                                     QHttpServerResponse::StatusCode(m_answerStatus));
        for (const auto &header : std::as_const(m_answerHeaders))
            response.addHeader(header.first, header.second);
        return response;
    };
    m_server->route(u"/v1/audio/speech"_s, QHttpServerRequest::Method::Post, answer);
    m_server->route(u"/compat/v1/audio/speech"_s, QHttpServerRequest::Method::Post, answer);
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_port != 0);
}

ProviderProfile TestAudio::ttsProfile(const QString &baseUrl) const
{
    ProviderProfile profile;
    profile.id = u"tts"_s;
    profile.kind = TtsProvider::kindName();
    profile.options.insert(u"baseUrl"_s, baseUrl);
    profile.costPerUnit = 0.5;
    return profile;
}

// ---------------------------------------------------------------------------------------
// espeak-ng

void TestAudio::voiceMapping_data()
{
    QTest::addColumn<QString>("voice");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing") << QString() << QString() << u"en"_s;
    QTest::newRow("language") << QString() << u"de"_s << u"de"_s;
    QTest::newRow("voice wins") << u"en-us+f3"_s << u"de"_s << u"en-us+f3"_s;
    QTest::newRow("blank voice") << u"  "_s << u"fr"_s << u"fr"_s;
}

void TestAudio::voiceMapping()
{
    QFETCH(QString, voice);
    QFETCH(QString, language);
    QFETCH(QString, expected);
    GenerationRequest request;
    request.voice = voice;
    request.language = language;
    QCOMPARE(EspeakJob::requestedVoice(request), expected);
}

void TestAudio::espeakSpeaksLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("voice");
    QTest::addColumn<QString>("text");
    QTest::newRow("default") << QString() << QString() << u"Hello there."_s;
    QTest::newRow("en") << u"en"_s << QString() << u"The ship sails at dawn."_s;
    QTest::newRow("de") << u"de"_s << QString() << u"Über den Wolken, grüß dich."_s;
    QTest::newRow("fr") << u"fr"_s << QString() << u"Le phare veille sur la côte."_s;
    QTest::newRow("es") << u"es"_s << QString() << u"El faro mira el mar."_s;
    QTest::newRow("voice variant") << u"de"_s << u"en-us+f3"_s << u"Good evening."_s;
}

void TestAudio::espeakSpeaksLanguage()
{
    if (!m_haveEspeak || !m_haveFfprobe)
        QSKIP("espeak-ng or ffprobe not installed (Debian packages espeak-ng, ffmpeg)");
    QFETCH(QString, language);
    QFETCH(QString, voice);
    QFETCH(QString, text);
    ProviderProfile profile = localProfile();
    profile.costPerUnit = 2.0;
    LocalProvider provider(profile);
    QVERIFY(provider.supports(Stage::Audio));
    const GenerationRequest request = audioRequest(newDir(u"out"_s), text, language, voice);

    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message + u'\n' + run.result.detail));
    QCOMPARE(run.finishedCount, 1);
    const QString wav = QDir(request.outputDir).filePath(u"audio.wav"_s);
    QCOMPARE(run.result.outputFiles, QStringList{wav});
    QCOMPARE(filesIn(request.outputDir), QStringList{u"audio.wav"_s});
    QCOMPARE(run.result.costUnits, 2.0);
    QCOMPARE(run.progress.constLast(), 1.0);

    const VerificationResult verdict = verifyOutputFile(wav, {Stage::Audio, 0, 0, 0});
    QVERIFY2(verdict.ok, qPrintable(verdict.message));
    QCOMPARE(verdict.codec, u"pcm_s16le"_s);
    QVERIFY2(verdict.durationSec > 0.3, qPrintable(verdict.message));
}

void TestAudio::espeakRateChangesDuration()
{
    if (!m_haveEspeak || !m_haveFfprobe)
        QSKIP("espeak-ng or ffprobe not installed (Debian packages espeak-ng, ffmpeg)");
    // Given the same text at 100 and at 400 words per minute
    LocalProvider provider(localProfile());
    const QString text = u"One, two, three, four, five, six, seven, eight."_s;
    GenerationRequest slow = audioRequest(newDir(u"slow"_s), text);
    slow.extra.insert(u"rate"_s, 100);
    GenerationRequest fast = audioRequest(newDir(u"fast"_s), text);
    fast.extra.insert(u"rate"_s, 400);
    JobRun slowRun;
    JobRun fastRun;
    QVERIFY(run(provider, slow, &slowRun));
    QVERIFY(run(provider, fast, &fastRun));
    QVERIFY2(slowRun.result.ok(), qPrintable(slowRun.result.message));
    QVERIFY2(fastRun.result.ok(), qPrintable(fastRun.result.message));

    // Then the slow one lasts clearly longer
    const double slowSec =
        verifyOutputFile(slowRun.result.outputFiles.value(0), {Stage::Audio, 0, 0, 0}).durationSec;
    const double fastSec =
        verifyOutputFile(fastRun.result.outputFiles.value(0), {Stage::Audio, 0, 0, 0}).durationSec;
    QVERIFY2(slowSec > 2 * fastSec, qPrintable(u"%1 s vs %2 s"_s.arg(slowSec).arg(fastSec)));
}

void TestAudio::espeakUnknownVoiceFailsCleanly()
{
    if (!m_haveEspeak)
        QSKIP("espeak-ng not installed (Debian package espeak-ng)");
    // espeak-ng itself crashes on some unknown names ("alloy"): the job checks first.
    LocalProvider provider(localProfile());
    const GenerationRequest request =
        audioRequest(newDir(u"out"_s), u"Hello."_s, u"en"_s, u"alloy"_s);
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderError);
    QVERIFY2(run.result.message.contains(u"\"alloy\""), qPrintable(run.result.message));
    QVERIFY2(run.result.message.startsWith(u"s01/audio: "), qPrintable(run.result.message));
    QCOMPARE(run.finishedCount, 1);
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAudio::espeakFallbackIgnoresUnknownVoice()
{
    if (!m_haveEspeak || !m_haveFfprobe)
        QSKIP("espeak-ng or ffprobe not installed (Debian packages espeak-ng, ffmpeg)");
    // Given the last rung's request: a cloud voice name, a rate, and fallback set
    LocalProvider provider(localProfile());
    GenerationRequest request = audioRequest(newDir(u"fr"_s), u"Bonsoir."_s, u"fr"_s, u"alloy"_s);
    request.extra.insert(u"fallback"_s, true);
    request.extra.insert(u"rate"_s, 9999);
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QVERIFY(verifyOutputFile(run.result.outputFiles.value(0), {Stage::Audio, 0, 0, 0}).ok);

    // And a language espeak-ng does not know falls back to English
    request = audioRequest(newDir(u"xx"_s), u"Good night."_s, u"xx-klingon"_s);
    request.extra.insert(u"fallback"_s, true);
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
}

void TestAudio::espeakRejectsEmptyText()
{
    LocalProvider provider(localProfile());
    const GenerationRequest request = audioRequest(newDir(u"out"_s), u"   "_s);
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::InvalidRequest);
    QVERIFY2(run.result.message.contains(u"text is empty"), qPrintable(run.result.message));
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAudio::espeakCancelDuringSynthesisLeavesNoFile()
{
    if (!m_haveEspeak)
        QSKIP("espeak-ng not installed (Debian package espeak-ng)");
    // Given a long text being spoken
    LocalProvider provider(localProfile());
    const GenerationRequest request = audioRequest(newDir(u"out"_s), longText());
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    QVERIFY(finished.isValid());
    job->start();
    const QString part = QDir(request.outputDir).filePath(u"audio.wav.part"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(part), 20000);
    QVERIFY(finished.isEmpty());

    // When it is cancelled mid-way
    job->cancel();
    job->cancel(); // harmless

    // Then it reports Cancelled exactly once and leaves nothing behind
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.wait(100));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<GenerationResult>().errorClass, ErrorClass::Cancelled);
    QVERIFY2(filesIn(request.outputDir).isEmpty(),
             qPrintable(filesIn(request.outputDir).join(u", "_s)));
}

void TestAudio::espeakCancelBeforeStart()
{
    LocalProvider provider(localProfile());
    const GenerationRequest request = audioRequest(newDir(u"out"_s));
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    job->cancel();
    QVERIFY(finished.isEmpty()); // never emitted from inside cancel()
    job->start();
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.wait(50));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<GenerationResult>().errorClass, ErrorClass::Cancelled);
}

void TestAudio::espeakMissingIsProviderUnavailable()
{
    // Given a machine without espeak-ng
    qputenv("RETAKE_ESPEAK", "/nonexistent/espeak-ng");
    LocalProvider provider(localProfile());

    // When two voice-overs are asked for
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"RETAKE_ESPEAK=/nonexistent/espeak-ng does not "
                                            u"name an executable; .*espeak-ng"_s));
    QTest::failOnWarning(QRegularExpression(u"espeak"_s));
    JobRun first;
    JobRun second;
    QVERIFY(run(provider, audioRequest(newDir(u"a"_s)), &first));
    QVERIFY(run(provider, audioRequest(newDir(u"b"_s)), &second));

    // Then both fail as provider_unavailable naming the package, and the log says it once
    for (const JobRun &run : {first, second}) {
        QCOMPARE(run.result.errorClass, ErrorClass::ProviderUnavailable);
        QVERIFY2(run.result.message.contains(u"Debian package espeak-ng"),
                 qPrintable(run.result.message));
        QCOMPARE(run.finishedCount, 1);
    }
    QVERIFY(filesIn(m_dir->filePath(u"a"_s)).isEmpty());
}

void TestAudio::espeakFaultInjection()
{
    // Fault injection of the built-in provider covers the audio stage too.
    ProviderProfile profile = localProfile();
    profile.options = {{u"failFirstAttempts"_s, 1},
                       {u"failClass"_s, u"rate_limited"_s},
                       {u"retryAfterMs"_s, 1500}};
    LocalProvider provider(profile);
    GenerationRequest request = audioRequest(newDir(u"a1"_s));
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::RateLimited);
    QCOMPARE(run.result.retryAfterMs, std::optional<int>(1500));
    QVERIFY(filesIn(request.outputDir).isEmpty());

    if (!m_haveEspeak)
        return;
    request = audioRequest(newDir(u"a2"_s));
    request.attemptNumber = 2;
    QVERIFY(this->run(provider, request, &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
}

void TestAudio::espeakCorruptionIsRejectedByVerifier()
{
    if (!m_haveEspeak || !m_haveFfprobe)
        QSKIP("espeak-ng or ffprobe not installed (Debian packages espeak-ng, ffmpeg)");
    ProviderProfile profile = localProfile();
    profile.options = {{u"outputCorruption"_s, 1.0}};
    LocalProvider provider(profile);
    JobRun run;
    QVERIFY(this->run(provider, audioRequest(newDir(u"out"_s)), &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    const VerificationResult verdict =
        verifyOutputFile(run.result.outputFiles.value(0), {Stage::Audio, 0, 0, 0});
    QVERIFY2(!verdict.ok, qPrintable(verdict.message));
    QCOMPARE(verdict.errorClass, ErrorClass::OutputInvalid);
}

// ---------------------------------------------------------------------------------------
// Verifier

void TestAudio::verifierRejectsWhatIsNotAudio()
{
    if (!m_haveFfprobe)
        QSKIP("ffprobe not installed (Debian package ffmpeg)");
    const QString text = m_dir->filePath(u"audio.wav"_s);
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not audio at all\n");
    file.close();
    VerificationResult verdict = verifyOutputFile(text, {Stage::Audio, 0, 0, 0});
    QVERIFY(!verdict.ok);
    QCOMPARE(verdict.errorClass, ErrorClass::OutputInvalid);
    QVERIFY2(verdict.message.startsWith(u"audio.wav: "), qPrintable(verdict.message));

    // A WAV whose header promises samples that are not there
    const QString empty = m_dir->filePath(u"empty.wav"_s);
    QFile wav(empty);
    QVERIFY(wav.open(QIODevice::WriteOnly));
    wav.write(sineWav(0.0));
    wav.close();
    verdict = verifyOutputFile(empty, {Stage::Audio, 0, 0, 0});
    QVERIFY2(!verdict.ok, qPrintable(verdict.message));

    // A good one passes
    const QString good = m_dir->filePath(u"good.wav"_s);
    QFile sine(good);
    QVERIFY(sine.open(QIODevice::WriteOnly));
    sine.write(sineWav(0.5));
    sine.close();
    verdict = verifyOutputFile(good, {Stage::Audio, 0, 0, 0});
    QVERIFY2(verdict.ok, qPrintable(verdict.message));
    QVERIFY(std::abs(verdict.durationSec - 0.5) < 0.01);
}

// ---------------------------------------------------------------------------------------
// HTTP TTS

void TestAudio::ttsSynthesizesWav()
{
    // Given a speech server and a key in the environment
    qputenv("RETAKE_KEY_TTS", "sk-test-0123456789");
    TtsProvider provider(ttsProfile(u"http://127.0.0.1:%1"_s.arg(m_port)));
    GenerationRequest request =
        audioRequest(newDir(u"out"_s), u"Welcome aboard."_s, u"en"_s, u"nova"_s);
    request.extra.insert(u"rate"_s, 350);

    // When a voice-over is asked for
    JobRun run;
    QVERIFY(this->run(provider, request, &run));

    // Then the request is the OpenAI speech call, with the key
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(m_seen.size(), 1);
    const SeenRequest seen = m_seen.constFirst();
    QCOMPARE(seen.path, QByteArray("/v1/audio/speech"));
    QCOMPARE(seen.authorization, QByteArray("Bearer sk-test-0123456789"));
    QCOMPARE(seen.body.value(u"model"_s).toString(), u"tts-1"_s);
    QCOMPARE(seen.body.value(u"input"_s).toString(), u"Welcome aboard."_s);
    QCOMPARE(seen.body.value(u"voice"_s).toString(), u"nova"_s);
    QCOMPARE(seen.body.value(u"response_format"_s).toString(), u"wav"_s);
    QCOMPARE(seen.body.value(u"speed"_s).toDouble(), 2.0);

    // And the answer is the verified audio.wav, and nothing else is left in the folder
    const QString wav = QDir(request.outputDir).filePath(u"audio.wav"_s);
    QCOMPARE(run.result.outputFiles, QStringList{wav});
    QCOMPARE(filesIn(request.outputDir), QStringList{u"audio.wav"_s});
    QCOMPARE(run.result.costUnits, 0.5);
    QCOMPARE(run.progress.constLast(), 1.0);
    if (m_haveFfprobe) {
        const VerificationResult verdict = verifyOutputFile(wav, {Stage::Audio, 0, 0, 0});
        QVERIFY2(verdict.ok, qPrintable(verdict.message));
        QVERIFY(std::abs(verdict.durationSec - 0.25) < 0.01);
    }
}

void TestAudio::ttsBaseUrlWithV1AndProfileVoice()
{
    // Given a base URL that already ends in /v1, a profile voice, and no key at all
    ProviderProfile profile = ttsProfile(QString());
    profile.baseUrl = u"http://127.0.0.1:%1/compat/v1/"_s.arg(m_port);
    profile.options.insert(u"voice"_s, u"onyx"_s);
    profile.model = u"kokoro"_s;
    TtsProvider provider(profile);
    JobRun run;
    QVERIFY(this->run(provider, audioRequest(newDir(u"out"_s)), &run));
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(m_seen.size(), 1);
    QCOMPARE(m_seen.constFirst().path, QByteArray("/compat/v1/audio/speech"));
    QCOMPARE(m_seen.constFirst().authorization, QByteArray());
    QCOMPARE(m_seen.constFirst().body.value(u"voice"_s).toString(), u"onyx"_s);
    QCOMPARE(m_seen.constFirst().body.value(u"model"_s).toString(), u"kokoro"_s);
    QVERIFY(!m_seen.constFirst().body.contains(u"speed"_s));
}

void TestAudio::ttsHttpErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<int>("retryAfterMs");
    QTest::newRow("429 Retry-After")
        << 429 << QByteArray("Retry-After") << QByteArray("7") << ErrorClass::RateLimited << 7000;
    QTest::newRow("429 retry-after-ms") << 429 << QByteArray("retry-after-ms") << QByteArray("1500")
                                        << ErrorClass::RateLimited << 1500;
    QTest::newRow("500") << 500 << QByteArray() << QByteArray() << ErrorClass::ProviderUnavailable
                         << -1;
    QTest::newRow("503") << 503 << QByteArray() << QByteArray() << ErrorClass::ProviderUnavailable
                         << -1;
    QTest::newRow("401") << 401 << QByteArray() << QByteArray() << ErrorClass::Auth << -1;
    QTest::newRow("400") << 400 << QByteArray() << QByteArray() << ErrorClass::InvalidRequest << -1;
}

void TestAudio::ttsHttpErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    QFETCH(ErrorClass, errorClass);
    QFETCH(int, retryAfterMs);
    // Given a server that answers with an OpenAI error envelope
    qputenv("RETAKE_KEY_TTS", "sk-secret-abcdef");
    m_answerStatus = status;
    m_answerType = "application/json";
    m_answerBody =
        R"({"error":{"message":"voice not available, key sk-secret-abcdef","type":"x"}})";
    if (!headerName.isEmpty())
        m_answerHeaders.append({headerName, headerValue});
    TtsProvider provider(ttsProfile(u"http://127.0.0.1:%1"_s.arg(m_port)));
    const GenerationRequest request = audioRequest(newDir(u"out"_s));

    JobRun run;
    QVERIFY(this->run(provider, request, &run));

    // Then the failure is classified, carries the status, and never the key
    QCOMPARE(run.result.errorClass, errorClass);
    QCOMPARE(run.result.httpStatus, status);
    QCOMPARE(run.result.retryAfterMs,
             retryAfterMs < 0 ? std::optional<int>() : std::optional<int>(retryAfterMs));
    QVERIFY2(run.result.message.contains(u"HTTP %1"_s.arg(status)), qPrintable(run.result.message));
    QVERIFY2(run.result.message.contains(u"voice not available"), qPrintable(run.result.message));
    QVERIFY2(!run.result.message.contains(u"sk-secret"), qPrintable(run.result.message));
    QVERIFY(!run.result.detail.contains(u"sk-secret"));
    QCOMPARE(run.finishedCount, 1);
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAudio::ttsConnectionRefused()
{
    // A port that was just free: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    TtsProvider provider(ttsProfile(u"http://127.0.0.1:%1"_s.arg(port)));
    const GenerationRequest request = audioRequest(newDir(u"out"_s));
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderUnavailable);
    QVERIFY(isTransient(run.result.errorClass));
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAudio::ttsTimeout()
{
    // Given a server that accepts the connection and never answers
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    ProviderProfile profile = ttsProfile(u"http://127.0.0.1:%1"_s.arg(silent.serverPort()));
    profile.options.insert(u"timeoutMs"_s, 300);
    TtsProvider provider(profile);
    const GenerationRequest request = audioRequest(newDir(u"out"_s));
    JobRun run;
    QVERIFY(this->run(provider, request, &run, 10000));
    QCOMPARE(run.result.errorClass, ErrorClass::Timeout);
    QVERIFY2(run.elapsedMs >= 250 && run.elapsedMs < 5000,
             qPrintable(QString::number(run.elapsedMs)));
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAudio::ttsCancelAbortsReply()
{
    // Given a request in flight to a server that holds it
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    TtsProvider provider(ttsProfile(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())));
    const GenerationRequest request = audioRequest(newDir(u"out"_s));
    std::unique_ptr<ProviderJob> job(provider.createJob(request, nullptr));
    QSignalSpy finished(job.get(), &ProviderJob::finished);
    job->start();
    QTRY_VERIFY(silent.hasPendingConnections());
    QTcpSocket *socket = silent.nextPendingConnection();
    QVERIFY(socket);
    QTRY_VERIFY(socket->bytesAvailable() > 0); // the request arrived

    // When it is cancelled
    job->cancel();

    // Then the connection is dropped and Cancelled is reported exactly once
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.wait(50));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<GenerationResult>().errorClass, ErrorClass::Cancelled);
    QTRY_COMPARE(socket->state(), QAbstractSocket::UnconnectedState); // the reply was aborted
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAudio::ttsFactoryAndCapabilities()
{
    ProviderProfile profile = ttsProfile(u"http://127.0.0.1:9"_s);
    profile.id = u"voices"_s;
    QString error;
    const std::unique_ptr<Provider> provider = createProvider(profile, &error);
    QVERIFY2(provider, qPrintable(error));
    QCOMPARE(provider->kind(), u"openai-tts"_s);
    QCOMPARE(provider->model(), u"tts-1"_s);
    QVERIFY(provider->supports(Stage::Audio));
    QVERIFY(!provider->supports(Stage::Image));
    QVERIFY(!provider->supports(Stage::Video));
    QVERIFY(!provider->supports(Stage::Assembly));
    QVERIFY(supportedProviderKinds().contains(u"openai-tts"_s));

    // The built-in provider does every stage
    const std::unique_ptr<Provider> builtin = createBuiltinProvider();
    QVERIFY(builtin->supports(Stage::Audio));
    QVERIFY(builtin->supports(Stage::Assembly));
}

QTEST_GUILESS_MAIN(TestAudio)
#include "tst_audio.moc"
