// The openai-images adapter against retake-sim: b64_json and url answers, the closest
// supported size scaled to the shot, the error envelope (moderation_blocked,
// insufficient_quota, invalid_api_key, invalid_request_error with param), 429 with
// retry-after-ms, 5xx.
#include "engine/outputverifier.h"
#include "providers/openaiimagesjob.h"
#include "providers/openaiimagesprovider.h"
#include "providertestkit.h"
#include "simserver.h"
#include "smalltmpfs.h"
#include "testprinters.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;
using retake::sim::SimServer;

class TestProviderOpenAi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        plantKey(u"oa"_s, u"sk-test-0123456789abcdef"_s);
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->start() > 0);
        sim::SimProfile profile = m_sim->profile();
        profile.requiredKey = u"sk-test-0123456789abcdef"_s;
        m_sim->setProfile(profile);
    }
    void cleanup()
    {
        m_sim.reset();
        m_dir.reset();
    }

    void answerIsHandedOverAsDelivered_data()
    {
        QTest::addColumn<QString>("response");
        QTest::newRow("b64_json") << u"b64_json"_s;
        QTest::newRow("url") << u"url"_s;
    }
    void answerIsHandedOverAsDelivered()
    {
        QFETCH(QString, response);
        sim::SimProfile profile = m_sim->profile();
        profile.openaiResponse = response;
        m_sim->setProfile(profile);
        OpenAiImagesProvider provider(simProfile(*m_sim, u"openai-images"_s, u"oa"_s));
        const QString out = m_dir->filePath(u"a"_s);
        // 96x54 is 16:9: the API is asked for 1536x1024 and its answer handed over as it
        // came; the engine conforms it to the shot and keeps it (tst_provider_conform).
        const JobRun run = runJob(provider, imageRequest(out, 96, 54));
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        QCOMPARE(run.result.outputFiles, QStringList{QDir(out).filePath(u"image.png"_s)});
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 1536, 1024, 0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
        QCOMPARE(QDir(out).entryList(QDir::Files), QStringList{u"image.png"_s});
    }

    // The drive fills up just as the image arrives: the job keeps the answer (the decoded
    // bytes, or the URL to fetch again) and finishes once there is room, without asking
    // the provider to generate it again.
    void fullDriveKeepsTheAnswer_data()
    {
        QTest::addColumn<QString>("response");
        QTest::newRow("b64_json") << u"b64_json"_s;
        QTest::newRow("url") << u"url"_s;
    }
    void fullDriveKeepsTheAnswer()
    {
        QFETCH(QString, response);
        const SmallTmpfs drive(u"1m"_s);
        if (!drive.isMounted())
            QSKIP(qPrintable(drive.whyNot() + u"; tst_durability covers a scripted disk_full"_s));
        const QString mountPoint = drive.path();
        GenerationRequest request = imageRequest(mountPoint + u"/attempt"_s, 96, 54);
        request.spaceRetryMs = 50;
        QVERIFY(QDir().mkpath(request.outputDir));
        // Given a full drive,
        QFile filler(mountPoint + u"/filler.bin"_s);
        QVERIFY(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const QByteArray chunk(16 * 1024, 'x');
        while (filler.write(chunk) == chunk.size()) {
        }
        filler.close();

        sim::SimProfile profile = m_sim->profile();
        profile.openaiResponse = response;
        m_sim->setProfile(profile);
        OpenAiImagesProvider provider(simProfile(*m_sim, u"openai-images"_s, u"oa"_s));
        const sim::ProtocolStats before = m_sim->stats().protocols.value(u"openai-images"_s);
        // when the answer cannot be written, the job says so and waits; space comes back,
        int waits = 0;
        const JobRun run = runJob(provider, request, 20000, [&](ProviderJob *job) {
            connect(job, &ProviderJob::waitingForSpace, this, [&](const QString &what) {
                QVERIFY2(what.contains(u"cannot write"_s), qPrintable(what));
                if (++waits == 2)
                    QFile::remove(filler.fileName());
            });
        });
        // then the image is written and verified, and the provider made it only once.
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        QVERIFY(waits >= 2);
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 1536, 1024, 0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
        const sim::ProtocolStats after = m_sim->stats().protocols.value(u"openai-images"_s);
        QCOMPARE(after.submitted - before.submitted, 1);
        if (response == u"url"_s)
            QVERIFY(after.downloads - before.downloads >= 2);
    }

    void sizeChoice()
    {
        QCOMPARE(OpenAiImagesProvider::requestSize(u"gpt-image-1"_s, {768, 432}),
                 QSize(1536, 1024));
        QCOMPARE(OpenAiImagesProvider::requestSize(u"gpt-image-1"_s, {432, 768}),
                 QSize(1024, 1536));
        QCOMPARE(OpenAiImagesProvider::requestSize(u"gpt-image-1"_s, {512, 512}),
                 QSize(1024, 1024));
        QCOMPARE(OpenAiImagesProvider::requestSize(u"dall-e-3"_s, {1920, 1080}), QSize(1792, 1024));
        QCOMPARE(OpenAiImagesProvider::requestSize(u"dall-e-2"_s, {300, 200}), QSize(512, 512));
    }

    void errorMapping_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<ErrorClass>("expected");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("moderation_blocked")
            << u"content_policy"_s << ErrorClass::ContentPolicy << 400 << u"(moderation_blocked)"_s;
        QTest::newRow("insufficient_quota") << u"quota_exhausted"_s << ErrorClass::QuotaExhausted
                                            << 429 << u"(insufficient_quota)"_s;
        QTest::newRow("invalid_api_key")
            << u"auth"_s << ErrorClass::Auth << 401 << u"(invalid_api_key)"_s;
        QTest::newRow("invalid_request_error") << u"invalid_request"_s << ErrorClass::InvalidRequest
                                               << 400 << u"[parameter \"quality\"]"_s;
        QTest::newRow("rate_limit_exceeded")
            << u"rate_limited"_s << ErrorClass::RateLimited << 429 << u"(rate_limit_exceeded)"_s;
        QTest::newRow("server_error 503")
            << u"provider_unavailable"_s << ErrorClass::ProviderUnavailable << 503
            << u"overloaded"_s;
        QTest::newRow("no image in data") << u"provider_error"_s << ErrorClass::ProviderError << 200
                                          << u"neither b64_json nor url"_s;
    }
    void errorMapping()
    {
        QFETCH(QString, fault);
        QFETCH(ErrorClass, expected);
        QFETCH(int, httpStatus);
        QFETCH(QString, messagePart);
        m_sim->forceFaults({fault});
        OpenAiImagesProvider provider(simProfile(*m_sim, u"openai-images"_s, u"oa"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QCOMPARE(run.result.errorClass, expected);
        QCOMPARE(run.result.httpStatus, httpStatus);
        QVERIFY2(run.result.message.startsWith(u"OpenAI Images \"oa\": "_s),
                 qPrintable(run.result.message));
        QVERIFY2(run.result.message.contains(messagePart), qPrintable(run.result.message));
        // The sim echoes a refused key: the message never shows it.
        QVERIFY(!run.result.message.contains(u"sk-test-0123456789abcdef"_s));
        QVERIFY(!run.result.detail.contains(u"sk-test-0123456789abcdef"_s));
        if (fault == u"rate_limited")
            QCOMPARE(run.result.retryAfterMs.value_or(-1), 1000);
    }

    void retryAfterMsFromTheBucket()
    {
        sim::SimProfile profile = m_sim->profile();
        profile.rateLimitPerSecond = 1; // one token a second
        profile.rateLimitBurst = 1;
        m_sim->setProfile(profile);
        OpenAiImagesProvider provider(simProfile(*m_sim, u"openai-images"_s, u"oa"_s));
        QVERIFY(runJob(provider, imageRequest(m_dir->filePath(u"a"_s))).result.ok());
        const JobRun limited = runJob(provider, imageRequest(m_dir->filePath(u"b"_s)));
        QCOMPARE(limited.result.errorClass, ErrorClass::RateLimited);
        // retry-after-ms (precise) wins over Retry-After (whole seconds).
        QVERIFY(limited.result.retryAfterMs.has_value());
        QVERIFY2(*limited.result.retryAfterMs > 0 && *limited.result.retryAfterMs < 1000,
                 qPrintable(QString::number(*limited.result.retryAfterMs)));
    }

    void classificationTable()
    {
        QCOMPARE(OpenAiImagesJob::classify(400, u"invalid_request_error"_s,
                                           u"content_policy_violation"_s, {}),
                 ErrorClass::ContentPolicy);
        QCOMPARE(OpenAiImagesJob::classify(400, u"invalid_request_error"_s,
                                           u"billing_hard_limit_reached"_s, {}),
                 ErrorClass::QuotaExhausted);
        QCOMPARE(
            OpenAiImagesJob::classify(404, u"invalid_request_error"_s, u"model_not_found"_s, {}),
            ErrorClass::InvalidRequest);
        QCOMPARE(OpenAiImagesJob::classify(500, u"server_error"_s, {}, {}),
                 ErrorClass::ProviderUnavailable);
    }

    void missingKeyIsAnAuthError()
    {
        OpenAiImagesProvider provider(simProfile(*m_sim, u"openai-images"_s, u"no-key-here"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QCOMPARE(run.result.errorClass, ErrorClass::Auth);
        QVERIFY(run.result.message.contains(u"RETAKE_KEY_NO_KEY_HERE"_s));
        QCOMPARE(m_sim->stats().protocols.value(u"openai-images"_s).requests, 0);
    }

    void videoIsNotSupported()
    {
        OpenAiImagesProvider provider(simProfile(*m_sim, u"openai-images"_s, u"oa"_s));
        QVERIFY(!provider.supports(Stage::Video));
    }

    void connectionTest()
    {
        OpenAiImagesProvider provider(simProfile(*m_sim, u"openai-images"_s, u"oa"_s));
        const JobRun ok = runConnectionTest(provider);
        QVERIFY2(ok.result.ok(), qPrintable(ok.result.message));
        QVERIFY(ok.result.message.contains(u"gpt-image-1"_s));
        plantKey(u"oa-wrong"_s, u"sk-wrong-key-000"_s);
        OpenAiImagesProvider wrong(simProfile(*m_sim, u"openai-images"_s, u"oa-wrong"_s));
        const JobRun refused = runConnectionTest(wrong);
        QCOMPARE(refused.result.errorClass, ErrorClass::Auth);
        QVERIFY(!refused.result.message.contains(u"sk-wrong-key-000"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimServer> m_sim;
};

QTEST_MAIN(TestProviderOpenAi)
#include "tst_provider_openai.moc"
