// The fal adapter against retake-sim: queue submit, status polling (IN_QUEUE,
// IN_PROGRESS with logs, COMPLETED with or without error), the result from response_url
// with image and video outputs verified, model and request errors, and PUT cancel_url.
#include "engine/outputverifier.h"
#include "providers/faljob.h"
#include "providers/falprovider.h"
#include "providertestkit.h"
#include "simserver.h"
#include "testprinters.h"

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;
using retake::sim::SimServer;

namespace {
const QString kKey = u"fal-key-abcdef:0123456789"_s;
}

class TestProviderFal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        plantKey(u"fal-main"_s, kKey);
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->start() > 0);
        sim::SimProfile profile = m_sim->profile();
        profile.requiredKey = kKey;
        profile.jobMs = 120;
        m_sim->setProfile(profile);
    }
    void cleanup()
    {
        m_sim.reset();
        m_dir.reset();
    }

    void imageThroughTheQueue()
    {
        FalProvider provider(simProfile(*m_sim, u"fal"_s, u"fal-main"_s));
        const QString out = m_dir->filePath(u"a"_s);
        const JobRun run = runJob(provider, imageRequest(out));
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 64, 48, 0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
        QVERIFY(run.progress.size() >= 3);
        QVERIFY(m_sim->stats().protocols.value(u"fal"_s).progressEvents > 0);
    }

    void videoThroughTheQueue()
    {
        ProviderProfile profile = simProfile(*m_sim, u"fal"_s, u"fal-main"_s);
        profile.model = u"fal-ai/kling-video/v2/master/image-to-video"_s;
        FalProvider provider(profile);
        const QString input = writeInputImage(m_dir->filePath(u"in"_s));
        const JobRun run = runJob(provider, videoRequest(m_dir->filePath(u"a"_s), input), 60000);
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Video, 64, 48, 1.0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
    }

    void errorMapping_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<ErrorClass>("expected");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("422 content_policy_violation")
            << u"content_policy"_s << ErrorClass::ContentPolicy << 422
            << u"flagged by a content checker"_s;
        QTest::newRow("422 validation") << u"invalid_request"_s << ErrorClass::InvalidRequest << 422
                                        << u"image_size: Input should be"_s;
        QTest::newRow("COMPLETED with error")
            << u"provider_error"_s << ErrorClass::ProviderError << 0 << u"(model_error)"_s;
        QTest::newRow("COMPLETED out of memory")
            << u"out_of_memory"_s << ErrorClass::OutOfMemory << 0 << u"CUDA error: out of memory"_s;
        QTest::newRow("401 invalid key")
            << u"auth"_s << ErrorClass::Auth << 401 << u"Invalid Key"_s;
        QTest::newRow("403 exhausted balance")
            << u"quota_exhausted"_s << ErrorClass::QuotaExhausted << 403 << u"Exhausted balance"_s;
        QTest::newRow("503 runner_scheduling_failure")
            << u"provider_unavailable"_s << ErrorClass::ProviderUnavailable << 503
            << u"(runner_scheduling_failure)"_s;
        QTest::newRow("429") << u"rate_limited"_s << ErrorClass::RateLimited << 429
                             << u"Rate limit exceeded"_s;
        QTest::newRow("malformed status")
            << u"malformed_json"_s << ErrorClass::ProviderError << 200 << u"malformed JSON"_s;
        QTest::newRow("slow download")
            << u"slow_drip"_s << ErrorClass::Timeout << 200 << u"no complete answer"_s;
    }
    void errorMapping()
    {
        QFETCH(QString, fault);
        QFETCH(ErrorClass, expected);
        QFETCH(int, httpStatus);
        QFETCH(QString, messagePart);
        m_sim->forceFaults({fault});
        FalProvider provider(simProfile(*m_sim, u"fal"_s, u"fal-main"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QCOMPARE(run.finishedCount, 1);
        QCOMPARE(run.result.errorClass, expected);
        QCOMPARE(run.result.httpStatus, httpStatus);
        QVERIFY2(run.result.message.startsWith(u"fal \"fal-main\": "_s),
                 qPrintable(run.result.message));
        QVERIFY2(run.result.message.contains(messagePart), qPrintable(run.result.message));
        QVERIFY(!run.result.message.contains(kKey));
    }

    void errorTypes()
    {
        QCOMPARE(FalJob::classifyErrorType(u"request_timeout"_s, ErrorClass::ProviderError),
                 ErrorClass::Timeout);
        QCOMPARE(FalJob::classifyErrorType(u"runner_disconnected"_s, ErrorClass::ProviderError),
                 ErrorClass::ProviderUnavailable);
        QCOMPARE(FalJob::classifyErrorType(u"something_new"_s, ErrorClass::ProviderError),
                 ErrorClass::ProviderError);
    }

    void cancelPutsTheCancelUrl()
    {
        sim::SimProfile slow = m_sim->profile();
        slow.jobMs = 3000;
        m_sim->setProfile(slow);
        FalProvider provider(simProfile(*m_sim, u"fal"_s, u"fal-main"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)), 20000,
                                  [this](ProviderJob *job) {
                                      QTRY_COMPARE(m_sim->runningJobs(), 1);
                                      QTest::qWait(50);
                                      job->cancel();
                                  });
        QCOMPARE(run.result.errorClass, ErrorClass::Cancelled);
        QTRY_COMPARE(m_sim->stats().protocols.value(u"fal"_s).cancelled, 1);
    }

    void connectionTestProvesTheKey()
    {
        FalProvider provider(simProfile(*m_sim, u"fal"_s, u"fal-main"_s));
        const JobRun ok = runConnectionTest(provider);
        QVERIFY2(ok.result.ok(), qPrintable(ok.result.message));
        plantKey(u"fal-wrong"_s, u"wrong:key-123"_s);
        FalProvider wrong(simProfile(*m_sim, u"fal"_s, u"fal-wrong"_s));
        const JobRun refused = runConnectionTest(wrong);
        QCOMPARE(refused.result.errorClass, ErrorClass::Auth);
        QVERIFY(!refused.result.message.contains(u"wrong:key-123"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimServer> m_sim;
};

QTEST_MAIN(TestProviderFal)
#include "tst_provider_fal.moc"
