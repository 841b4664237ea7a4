// Voice-over audio: the built-in espeak-ng job (languages, voices, rate, fallback, cancel,
// missing tool, fault injection), the audio check of the output verifier, the
// "openai-tts" HTTP provider against retake-sim's OpenAI speech endpoint, and the audio
// ladder of a real engine (speech API -> alternative speech API -> default voice ->
// espeak-ng) when the speech API fails.
#include "engine/engine.h"
#include "engine/outputverifier.h"
#include "providers/espeakjob.h"
#include "providers/localprovider.h"
#include "providers/providerfactory.h"
#include "providers/ttsprovider.h"
#include "providertestkit.h"
#include "report/reportbuilder.h"
#include "simserver.h"
#include "testprinters.h"
#include "util/mediatools.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
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
using retake::sim::SimMedia;
using retake::sim::SimProfile;
using retake::sim::SimServer;

namespace {

const QString kSpeechKey = u"sk-speech-5f1e2d3c4b5a69788796"_s;
const QString kVoiceOverText = u"The keeper climbs the stairs."_s;

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

QStringList namesOf(const QList<Attempt> &attempts, QString (*name)(const Attempt &))
{
    QStringList names;
    for (const Attempt &a : attempts)
        names << name(a);
    return names;
}

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

    // HTTP TTS against retake-sim
    void ttsSynthesizesWav();
    void ttsBaseUrlWithV1AndProfileVoice();
    void ttsServerFaults_data();
    void ttsServerFaults();
    void ttsRequestsTheServerRefuses_data();
    void ttsRequestsTheServerRefuses();
    void ttsGarbageAudioFailsVerification();
    void ttsTimeoutOption();
    void ttsConnectionTestListsModels();
    void simulatorSpeaksEveryFormat_data();
    void simulatorSpeaksEveryFormat();
    // HTTP TTS: transport
    void ttsConnectionRefused();
    void ttsCancelAbortsReply();
    void ttsFactoryAndCapabilities();

    // The audio ladder in a real engine
    void audioLadderWalksEveryRungToEspeak();
    void audioLadderAfterTransientFailures_data();
    void audioLadderAfterTransientFailures();

private:
    QString newDir(const QString &name) const;
    GenerationRequest audioRequest(const QString &dir, const QString &text = u"Hello there."_s,
                                   const QString &language = {}, const QString &voice = {}) const;
    bool run(Provider &provider, const GenerationRequest &request, JobRun *out,
             int timeoutMs = 60000) const;
    // A profile of kind openai-tts for the simulator, with the simulator's key planted.
    ProviderProfile ttsProfile(const QString &id = u"tts"_s) const;
    // The speech requests the simulator received, oldest first.
    QList<SimServer::ReceivedRequest> speechRequests() const;
    // A project whose only task is scene s01's voice-over (voice "nova"), with the
    // speech profiles "tts" and "tts-backup" on the simulator preferred for audio.
    Project voiceOverProject() const;
    // Opens a real engine on `project` with millisecond retry delays and runs it to the end.
    std::unique_ptr<Engine> runEngine(const Project &project, const QString &workspace) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_haveEspeak = false;
    bool m_haveFfprobe = false;
    std::unique_ptr<SimServer> m_sim;
};

void TestAudio::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("RETAKE_KEYCHAIN", "off");
    m_haveEspeak = !EspeakJob::programPath().isEmpty();
    m_haveFfprobe = !mediaToolPath(MediaTool::Ffprobe).isEmpty();
    m_sim = std::make_unique<SimServer>();
    QVERIFY(m_sim->start() > 0);
}

void TestAudio::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_sim->reappear();
    m_sim->reset();
    SimProfile profile;
    profile.requiredKey = kSpeechKey;
    profile.jobMs = 0;
    m_sim->setProfile(profile);
}

void TestAudio::cleanup()
{
    qunsetenv("RETAKE_ESPEAK");
    qunsetenv("RETAKE_KEY_TTS");
    qunsetenv("RETAKE_KEY_TTS_BACKUP");
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
    out->progress.clear();
    for (const QList<QVariant> &arguments : std::as_const(progressed))
        out->progress.append(arguments.at(0).toDouble());
    return true;
}

ProviderProfile TestAudio::ttsProfile(const QString &id) const
{
    ProviderProfile profile = test::simProfile(*m_sim, TtsProvider::kindName(), id);
    profile.costPerUnit = 0.5;
    profile.timeouts.firstByteMs = 2000;
    profile.timeouts.totalMs = 4000;
    test::plantKey(id, kSpeechKey);
    return profile;
}

QList<SimServer::ReceivedRequest> TestAudio::speechRequests() const
{
    QList<SimServer::ReceivedRequest> list;
    for (const SimServer::ReceivedRequest &r : m_sim->received()) {
        if (r.protocol == u"openai-tts")
            list << r;
    }
    return list;
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
// HTTP TTS against retake-sim

void TestAudio::ttsSynthesizesWav()
{
    // Given the simulated speech API, which requires a key, and the key in the environment
    TtsProvider provider(ttsProfile());
    GenerationRequest request =
        audioRequest(newDir(u"out"_s), u"Welcome aboard, traveller."_s, u"en"_s, u"nova"_s);
    request.extra.insert(u"rate"_s, 350);

    // When a voice-over is asked for
    JobRun run;
    QVERIFY(this->run(provider, request, &run));

    // Then the request is the OpenAI speech call, with the key
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(run.finishedCount, 1);
    const QList<SimServer::ReceivedRequest> seen = speechRequests();
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().method, QByteArray("POST"));
    QCOMPARE(seen.first().path, u"/openai/v1/audio/speech"_s);
    QCOMPARE(seen.first().authorization, "Bearer " + kSpeechKey.toUtf8());
    const QJsonObject body = seen.first().body;
    QCOMPARE(body.value(u"model"_s).toString(), u"tts-1"_s);
    QCOMPARE(body.value(u"input"_s).toString(), u"Welcome aboard, traveller."_s);
    QCOMPARE(body.value(u"voice"_s).toString(), u"nova"_s);
    QCOMPARE(body.value(u"response_format"_s).toString(), u"wav"_s);
    QCOMPARE(body.value(u"speed"_s).toDouble(), 2.0);

    // And the answer is the verified audio.wav, and nothing else is left in the folder
    const QString wav = QDir(request.outputDir).filePath(u"audio.wav"_s);
    QCOMPARE(run.result.outputFiles, QStringList{wav});
    QCOMPARE(filesIn(request.outputDir), QStringList{u"audio.wav"_s});
    QCOMPARE(run.result.costUnits, 0.5);
    QCOMPARE(run.progress.constLast(), 1.0);
    QCOMPARE(m_sim->stats().protocols.value(u"openai-tts"_s).completed, 1);
    if (m_haveFfprobe) {
        const VerificationResult verdict = verifyOutputFile(wav, {Stage::Audio, 0, 0, 0});
        QVERIFY2(verdict.ok, qPrintable(verdict.message));
        QCOMPARE(verdict.codec, u"pcm_s16le"_s);
        // Three words at twice the speed.
        const double expected = SimMedia::speechSeconds(u"Welcome aboard, traveller."_s, 2.0);
        QVERIFY2(std::abs(verdict.durationSec - expected) < 0.01,
                 qPrintable(u"%1 s, expected %2 s"_s.arg(verdict.durationSec).arg(expected)));
    }
}

void TestAudio::ttsBaseUrlWithV1AndProfileVoice()
{
    // Given a local server without keys, a base URL that already ends in /v1, a profile
    // voice and model, and no key anywhere
    SimProfile open = m_sim->profile();
    open.requiredKey.clear();
    m_sim->setProfile(open);
    ProviderProfile profile;
    profile.id = u"kokoro"_s;
    profile.kind = TtsProvider::kindName();
    profile.baseUrl = m_sim->baseUrl().toString() + u"/openai/v1/"_s;
    profile.options.insert(u"voice"_s, u"onyx"_s);
    profile.model = u"tts-1-hd"_s;
    TtsProvider provider(profile);

    JobRun run;
    QVERIFY(this->run(provider, audioRequest(newDir(u"out"_s)), &run));

    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    const QList<SimServer::ReceivedRequest> seen = speechRequests();
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().path, u"/openai/v1/audio/speech"_s); // /v1 not doubled
    QCOMPARE(seen.first().authorization, QByteArray());
    QCOMPARE(seen.first().body.value(u"voice"_s).toString(), u"onyx"_s);
    QCOMPARE(seen.first().body.value(u"model"_s).toString(), u"tts-1-hd"_s);
    QVERIFY(!seen.first().body.contains(u"speed"_s));
}

void TestAudio::ttsServerFaults_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<ErrorClass>("errorClass");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("retryAfterMs");
    QTest::addColumn<QString>("says");
    QTest::newRow("rate_limited") << u"rate_limited"_s << ErrorClass::RateLimited << 429 << 1000
                                  << u"Rate limit reached for requests per min"_s;
    QTest::newRow("provider_unavailable")
        << u"provider_unavailable"_s << ErrorClass::ProviderUnavailable << 503 << -1
        << u"The server is overloaded"_s;
    QTest::newRow("auth") << u"auth"_s << ErrorClass::Auth << 401 << -1
                          << u"Incorrect API key provided"_s;
    // A 429 that is not a rate limit: waiting does not help, another provider does.
    QTest::newRow("quota_exhausted") << u"quota_exhausted"_s << ErrorClass::QuotaExhausted << 429
                                     << -1 << u"(insufficient_quota)"_s;
    QTest::newRow("invalid_request") << u"invalid_request"_s << ErrorClass::InvalidRequest << 400
                                     << -1 << u"[parameter \"voice\"]"_s;
    QTest::newRow("malformed_json") << u"malformed_json"_s << ErrorClass::ProviderError << 200 << -1
                                    << u"JSON instead of audio"_s;
    QTest::newRow("truncated_download")
        << u"truncated_download"_s << ErrorClass::Network << 200 << -1 << QString();
    // The connection is reset in the middle of a 200 answer.
    QTest::newRow("network") << u"network"_s << ErrorClass::Network << 200 << -1 << QString();
}

void TestAudio::ttsServerFaults()
{
    QFETCH(QString, fault);
    QFETCH(ErrorClass, errorClass);
    QFETCH(int, status);
    QFETCH(int, retryAfterMs);
    QFETCH(QString, says);
    // Given a speech server that injects `fault` into the next request
    m_sim->forceFaults({fault});
    TtsProvider provider(ttsProfile());
    const GenerationRequest request = audioRequest(newDir(u"out"_s));

    JobRun run;
    QVERIFY(this->run(provider, request, &run));

    // Then the failure is classified with the server's status and words, never the key,
    // and nothing is left in the attempt folder
    QVERIFY2(run.result.errorClass == errorClass,
             qPrintable(nameOf(run.result.errorClass) + u": "_s + run.result.message));
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(run.result.httpStatus, status);
    QCOMPARE(run.result.retryAfterMs,
             retryAfterMs < 0 ? std::optional<int>() : std::optional<int>(retryAfterMs));
    if (status > 200)
        QVERIFY2(run.result.message.contains(u"HTTP %1"_s.arg(status)),
                 qPrintable(run.result.message));
    QVERIFY2(run.result.message.contains(says), qPrintable(run.result.message));
    QVERIFY2(run.result.message.contains(u"\"tts\""_s), qPrintable(run.result.message));
    QVERIFY(!run.result.message.contains(kSpeechKey));
    QVERIFY(!run.result.detail.contains(kSpeechKey));
    QVERIFY2(filesIn(request.outputDir).isEmpty(),
             qPrintable(filesIn(request.outputDir).join(u", "_s)));
    QCOMPARE(m_sim->stats().protocols.value(u"openai-tts"_s).faults.value(fault), 1);
}

void TestAudio::ttsRequestsTheServerRefuses_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("voice");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown voice")
        << QString() << u"robot"_s << u"Hello."_s << 400 << u"Invalid value: 'robot'"_s;
    QTest::newRow("unknown model")
        << u"tts-9"_s << QString() << u"Hello."_s << 404 << u"(model_not_found)"_s;
    QTest::newRow("text too long")
        << QString() << QString() << QString(5000, u'a') << 400 << u"[parameter \"input\"]"_s;
}

void TestAudio::ttsRequestsTheServerRefuses()
{
    QFETCH(QString, model);
    QFETCH(QString, voice);
    QFETCH(QString, text);
    QFETCH(int, status);
    QFETCH(QString, says);
    // Given requests the speech API validates and refuses
    ProviderProfile profile = ttsProfile();
    if (!model.isEmpty())
        profile.model = model;
    TtsProvider provider(profile);
    const GenerationRequest request = audioRequest(newDir(u"out"_s), text, {}, voice);

    JobRun run;
    QVERIFY(this->run(provider, request, &run));

    // Then they fail fast as invalid requests that name what was wrong
    QCOMPARE(run.result.errorClass, ErrorClass::InvalidRequest);
    QCOMPARE(recoveryRoute(run.result.errorClass), RecoveryRoute::FailFast);
    QCOMPARE(run.result.httpStatus, status);
    QVERIFY2(run.result.message.contains(says), qPrintable(run.result.message));
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAudio::ttsGarbageAudioFailsVerification()
{
    if (!m_haveFfprobe)
        QSKIP("ffprobe not installed (Debian package ffmpeg)");
    // Given a server that answers 200 with bytes that are no audio
    m_sim->forceFaults({u"output_invalid"_s});
    TtsProvider provider(ttsProfile());
    JobRun run;
    QVERIFY(this->run(provider, audioRequest(newDir(u"out"_s)), &run));

    // Then the job hands them over (named after the Content-Type, audio/wav), and the
    // engine's verification rejects them
    QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    QCOMPARE(QFileInfo(run.result.outputFiles.value(0)).fileName(), u"audio.wav"_s);
    const VerificationResult verdict =
        verifyOutputFile(run.result.outputFiles.value(0), {Stage::Audio, 0, 0, 0});
    QVERIFY(!verdict.ok);
    QCOMPARE(verdict.errorClass, ErrorClass::OutputInvalid);
}

void TestAudio::ttsTimeoutOption()
{
    // Given a server that accepts the request and never answers, and a 300 ms limit
    m_sim->forceFaults({u"timeout"_s});
    ProviderProfile profile = ttsProfile();
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

void TestAudio::ttsConnectionTestListsModels()
{
    TtsProvider provider(ttsProfile());
    const test::JobRun ok = test::runConnectionTest(provider);
    QVERIFY2(ok.result.ok(), qPrintable(ok.result.message));
    QVERIFY2(ok.result.message.contains(u"models listed"_s), qPrintable(ok.result.message));

    test::plantKey(u"tts-wrong"_s, u"sk-wrong-0000000000000000"_s);
    ProviderProfile wrongProfile =
        test::simProfile(*m_sim, TtsProvider::kindName(), u"tts-wrong"_s);
    TtsProvider wrong(wrongProfile);
    const test::JobRun refused = test::runConnectionTest(wrong);
    QCOMPARE(refused.result.errorClass, ErrorClass::Auth);
    QVERIFY(!refused.result.message.contains(u"sk-wrong-0000000000000000"_s));
    qunsetenv("RETAKE_KEY_TTS_WRONG");
}

void TestAudio::simulatorSpeaksEveryFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("codec");
    QTest::newRow("wav") << u"wav"_s << QByteArray("audio/wav") << u"pcm_s16le"_s;
    QTest::newRow("mp3") << u"mp3"_s << QByteArray("audio/mpeg") << u"mp3"_s;
    QTest::newRow("opus") << u"opus"_s << QByteArray("audio/opus") << u"opus"_s;
    QTest::newRow("aac") << u"aac"_s << QByteArray("audio/aac") << u"aac"_s;
    QTest::newRow("flac") << u"flac"_s << QByteArray("audio/flac") << u"flac"_s;
    QTest::newRow("pcm") << u"pcm"_s << QByteArray("audio/pcm") << QString();
}

void TestAudio::simulatorSpeaksEveryFormat()
{
    // The simulator answers every response_format of the speech API with real audio, as
    // an OpenAI client (not only Retake, which asks for wav) would get it.
    QFETCH(QString, format);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, codec);
    if (format != u"wav" && format != u"pcm" && mediaToolPath(MediaTool::Ffmpeg).isEmpty())
        QSKIP("ffmpeg not installed (Debian package ffmpeg)");
    QNetworkAccessManager manager;
    QNetworkRequest request(QUrl(m_sim->baseUrl().toString() + u"/openai/v1/audio/speech"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("Authorization", "Bearer " + kSpeechKey.toUtf8());
    const QJsonObject body{{u"model"_s, u"gpt-4o-mini-tts"_s},
                           {u"input"_s, u"One two three four."_s},
                           {u"voice"_s, u"coral"_s},
                           {u"response_format"_s, format},
                           {u"speed"_s, 1.0}};
    std::unique_ptr<QNetworkReply> reply(
        manager.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), contentType);
    const QByteArray bytes = reply->readAll();
    const double seconds = SimMedia::speechSeconds(u"One two three four."_s, 1.0);
    if (format == u"pcm") {
        // Raw 24 kHz 16-bit mono samples.
        QCOMPARE(bytes.size(), qsizetype(std::llround(seconds * SimMedia::kSpeechSampleRate)) * 2);
        return;
    }
    if (!m_haveFfprobe)
        return;
    const QString file = m_dir->filePath(u"speech."_s + format);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    const VerificationResult verdict = verifyOutputFile(file, {Stage::Audio, 0, 0, 0});
    QVERIFY2(verdict.ok, qPrintable(verdict.message));
    QCOMPARE(verdict.codec, codec);
    QVERIFY2(std::abs(verdict.durationSec - seconds) < 0.1,
             qPrintable(u"%1 s, expected %2 s"_s.arg(verdict.durationSec).arg(seconds)));
}

// ---------------------------------------------------------------------------------------
// HTTP TTS: transport behaviour that needs no HTTP server at all

void TestAudio::ttsConnectionRefused()
{
    // A port that was just free: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    ProviderProfile profile = ttsProfile();
    profile.baseUrl = u"http://127.0.0.1:%1"_s.arg(port);
    TtsProvider provider(profile);
    const GenerationRequest request = audioRequest(newDir(u"out"_s));
    JobRun run;
    QVERIFY(this->run(provider, request, &run));
    QCOMPARE(run.result.errorClass, ErrorClass::ProviderUnavailable);
    QVERIFY(isTransient(run.result.errorClass));
    QVERIFY(filesIn(request.outputDir).isEmpty());
}

void TestAudio::ttsCancelAbortsReply()
{
    // Given a request in flight to a server that holds it
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    ProviderProfile profile = ttsProfile();
    profile.baseUrl = u"http://127.0.0.1:%1"_s.arg(silent.serverPort());
    TtsProvider provider(profile);
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
    ProviderProfile profile = ttsProfile(u"voices"_s);
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
    qunsetenv("RETAKE_KEY_VOICES");

    // The built-in provider does every stage
    const std::unique_ptr<Provider> builtin = createBuiltinProvider();
    QVERIFY(builtin->supports(Stage::Audio));
    QVERIFY(builtin->supports(Stage::Assembly));
}

// ---------------------------------------------------------------------------------------
// The audio ladder in a real engine

Project TestAudio::voiceOverProject() const
{
    Project project;
    project.title = u"Voice-over ladder"_s;
    Scene scene;
    scene.id = u"s01"_s;
    scene.voiceOver = {kVoiceOverText, u"nova"_s, u"en"_s};
    project.scenes << scene;
    ProviderProfile cloud = ttsProfile(u"tts"_s);
    ProviderProfile backup = ttsProfile(u"tts-backup"_s);
    backup.model = u"tts-1-hd"_s;
    for (ProviderProfile *profile : {&cloud, &backup}) {
        profile->timeouts.firstByteMs = 500;
        profile->timeouts.totalMs = 1000;
    }
    project.providers << cloud << backup;
    project.providerPreference.insert(Stage::Audio, {u"tts"_s, u"tts-backup"_s});
    return project;
}

std::unique_ptr<Engine> TestAudio::runEngine(const Project &project, const QString &workspace) const
{
    auto engine = std::make_unique<Engine>();
    QString error;
    if (!engine->open(project, workspace, &error)) {
        qWarning("open failed: %s", qPrintable(error));
        return {};
    }
    // Millisecond backoff: a Retry-After of the server is capped too, so nothing sleeps.
    EngineOptions options = engine->options();
    options.retry.baseDelayMs = 1;
    options.retry.jitter = 0;
    options.retry.maxDelayMs = 20;
    options.updateIntervalMs = 5;
    options.jitterSeed = 1;
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    options.verifyOutputs = true;
    engine->setOptions(options);
    QSignalSpy finished(engine.get(), &Engine::batchFinished);
    engine->start();
    if (!finished.wait(60000) && finished.isEmpty()) {
        qWarning("the batch did not finish");
        return {};
    }
    return engine;
}

void TestAudio::audioLadderWalksEveryRungToEspeak()
{
    if (!m_haveEspeak || !m_haveFfprobe)
        QSKIP("espeak-ng or ffprobe not installed (Debian packages espeak-ng, ffmpeg)");
    // Given a scene whose voice-over prefers the simulated speech API "tts", then
    // "tts-backup", and permanent failures: "tts" answers JSON where the audio should be,
    // "tts-backup" is out of quota, and "tts" with the default voice sends garbage
    m_sim->forceFaults({u"malformed_json"_s, u"quota_exhausted"_s, u"output_invalid"_s});
    const Project project = voiceOverProject();

    // When the batch runs
    const std::unique_ptr<Engine> engine = runEngine(project, m_dir->filePath(u"ws"_s));
    QVERIFY(engine);

    // Then every rung was tried once, in ladder order, and espeak-ng spoke at the end
    const TaskSnapshot task = engine->task(u"s01/audio"_s);
    QCOMPARE(task.state, TaskState::Done);
    QCOMPARE(task.quality, Quality::Fallback);
    QVERIFY(isDegraded(task.quality));
    QCOMPARE(task.rung, RungKind::Fallback);
    const QList<Attempt> attempts = engine->attempts(u"s01/audio"_s);
    QCOMPARE(namesOf(attempts, [](const Attempt &a) { return nameOf(a.rung); }),
             (QStringList{u"primary"_s, u"alternative-provider"_s, u"alternative-settings"_s,
                          u"fallback"_s}));
    QCOMPARE(namesOf(attempts, [](const Attempt &a) { return a.providerId; }),
             (QStringList{u"tts"_s, u"tts-backup"_s, u"tts"_s, u"local"_s}));
    QCOMPARE(
        namesOf(attempts, [](const Attempt &a) { return nameOf(a.errorClass); }),
        (QStringList{u"provider_error"_s, u"quota_exhausted"_s, u"output_invalid"_s, u"none"_s}));

    // And the rungs changed what reached the speech API: the backup's model, then the
    // default voice at a steady rate
    const QList<SimServer::ReceivedRequest> seen = speechRequests();
    QCOMPARE(seen.size(), 3);
    QCOMPARE(seen.at(0).body.value(u"voice"_s).toString(), u"nova"_s);
    QCOMPARE(seen.at(0).body.value(u"model"_s).toString(), u"tts-1"_s);
    QVERIFY(!seen.at(0).body.contains(u"speed"_s));
    QCOMPARE(seen.at(1).body.value(u"voice"_s).toString(), u"nova"_s);
    QCOMPARE(seen.at(1).body.value(u"model"_s).toString(), u"tts-1-hd"_s);
    QCOMPARE(seen.at(2).body.value(u"voice"_s).toString(), TtsProvider::defaultVoice());
    QVERIFY(std::abs(seen.at(2).body.value(u"speed"_s).toDouble() - 150.0 / 175.0) < 1e-6);
    for (const SimServer::ReceivedRequest &r : seen)
        QCOMPARE(r.body.value(u"input"_s).toString(), kVoiceOverText);
    // ... as the attempt records say
    QCOMPARE(attempts.at(0).params.value(u"voice"_s).toString(), u"nova"_s);
    QCOMPARE(attempts.at(2).params.value(u"voice"_s).toString(), QString());
    QCOMPARE(attempts.at(2).params.value(u"rate"_s).toInt(), 150);
    QVERIFY(attempts.at(3).params.value(u"fallback"_s).toBool());
    QCOMPARE(attempts.at(3).params.value(u"language"_s).toString(), u"en"_s);

    // And the output is espeak-ng's WAV, which decodes and is not empty
    QVERIFY2(task.outputPath.endsWith(u"draft/s01/audio.a4.wav"_s), qPrintable(task.outputPath));
    const VerificationResult verdict = verifyOutputFile(task.outputPath, {Stage::Audio, 0, 0, 0});
    QVERIFY2(verdict.ok, qPrintable(verdict.message));
    QCOMPARE(verdict.codec, u"pcm_s16le"_s);
    QVERIFY(verdict.durationSec > 0.3);

    // And the job report shows the degraded voice-over with its recovery path
    ReportBuilder report(project, m_dir->filePath(u"ws"_s));
    report.setLiveTasks(engine->tasks());
    QString error;
    QVERIFY2(report.build({}, &error), qPrintable(error));
    QJsonObject failure;
    for (const QJsonValue &f : report.json().value(u"failures"_s).toArray()) {
        if (f.toObject().value(u"task"_s).toString() == u"s01/audio"_s)
            failure = f.toObject();
    }
    QCOMPARE(failure.value(u"state"_s).toString(), u"done"_s);
    QCOMPARE(failure.value(u"quality"_s).toString(), u"fallback"_s);
    QStringList rungs;
    for (const QJsonValue &step : failure.value(u"recovery"_s).toArray())
        rungs << step.toObject().value(u"rung"_s).toString();
    QCOMPARE(rungs, (QStringList{u"primary"_s, u"alternative-provider"_s, u"alternative-settings"_s,
                                 u"fallback"_s}));
    // The voice-over's text is a prompt: the report withholds it.
    QVERIFY(!QJsonDocument(report.json()).toJson().contains(kVoiceOverText.toUtf8()));
}

void TestAudio::audioLadderAfterTransientFailures_data()
{
    QTest::addColumn<QStringList>("faults"); // empty: the speech server is gone
    QTest::addColumn<QStringList>("classes");
    QTest::addColumn<QStringList>("rungs");
    QTest::addColumn<QStringList>("providers");
    QTest::addColumn<int>("quality");
    QTest::addColumn<int>("requests");
    // A 429 is waited out on the same rung without spending a retry (docs/ARCHITECTURE.md,
    // "Rate limits"): the 503 and the dropped connection then move the voice-over to the
    // alternative speech provider, which makes it at full parameters.
    QTest::newRow("429, 503, then a dropped connection")
        << QStringList{u"rate_limited"_s, u"provider_unavailable"_s, u"network"_s}
        << QStringList{u"rate_limited"_s, u"provider_unavailable"_s, u"network"_s, u"none"_s}
        << QStringList{u"primary"_s, u"primary"_s, u"primary"_s, u"alternative-provider"_s}
        << QStringList{u"tts"_s, u"tts"_s, u"tts"_s, u"tts-backup"_s}
        << int(Quality::FullOtherProvider) << 4;
    // Then the primary is retried once, the alternative is tried, and the last automatic
    // retry of the budget (3) goes to basic espeak-ng synthesis rather than failing.
    QTest::newRow("the speech server is gone")
        << QStringList()
        << QStringList{u"provider_unavailable"_s, u"provider_unavailable"_s,
                       u"provider_unavailable"_s, u"none"_s}
        << QStringList{u"primary"_s, u"primary"_s, u"alternative-provider"_s, u"fallback"_s}
        << QStringList{u"tts"_s, u"tts"_s, u"tts-backup"_s, u"local"_s} << int(Quality::Fallback)
        << 0;
}

void TestAudio::audioLadderAfterTransientFailures()
{
    if (!m_haveEspeak || !m_haveFfprobe)
        QSKIP("espeak-ng or ffprobe not installed (Debian packages espeak-ng, ffmpeg)");
    QFETCH(QStringList, faults);
    QFETCH(QStringList, classes);
    QFETCH(QStringList, rungs);
    QFETCH(QStringList, providers);
    QFETCH(int, quality);
    QFETCH(int, requests);
    // Given transient failures of the speech APIs (with a Retry-After the engine caps)
    if (faults.isEmpty())
        m_sim->disappear(0);
    else
        m_sim->forceFaults(faults);

    // When the batch runs
    const std::unique_ptr<Engine> engine = runEngine(voiceOverProject(), m_dir->filePath(u"ws"_s));
    QVERIFY(engine);

    // Then the task takes the route of the row and ends done
    const TaskSnapshot task = engine->task(u"s01/audio"_s);
    QCOMPARE(task.state, TaskState::Done);
    const QList<Attempt> attempts = engine->attempts(u"s01/audio"_s);
    QCOMPARE(namesOf(attempts, [](const Attempt &a) { return nameOf(a.rung); }), rungs);
    QCOMPARE(namesOf(attempts, [](const Attempt &a) { return a.providerId; }), providers);
    QCOMPARE(namesOf(attempts, [](const Attempt &a) { return nameOf(a.errorClass); }), classes);
    QCOMPARE(int(speechRequests().size()), requests);
    QCOMPARE(task.quality, Quality(quality));
    const VerificationResult verdict = verifyOutputFile(task.outputPath, {Stage::Audio, 0, 0, 0});
    QVERIFY2(verdict.ok, qPrintable(verdict.message));
    QVERIFY(verdict.durationSec > 0.3);
}

QTEST_GUILESS_MAIN(TestAudio)
#include "tst_audio.moc"
