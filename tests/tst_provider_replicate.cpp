// The replicate adapter against retake-sim: predictions by model and by version, polling
// urls.get with backoff and progress from the logs, image and video outputs verified,
// problem+json errors, failed/canceled predictions, and cancellation through urls.cancel.
#include "engine/outputverifier.h"
#include "providers/replicatejob.h"
#include "providers/replicateprovider.h"
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
const QString kKey = u"r8_test_9f8e7d6c5b4a"_s;
}

class TestProviderReplicate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        plantKey(u"rep"_s, kKey);
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

    void imageByModelOrVersion_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("owner/name") << u"black-forest-labs/flux-schnell"_s;
        QTest::newRow("owner/name:version") << u"stability-ai/sdxl:39ed52f2a78e"_s;
        QTest::newRow("version id") << QString(64, u'a');
    }
    void imageByModelOrVersion()
    {
        QFETCH(QString, model);
        ProviderProfile profile = simProfile(*m_sim, u"replicate"_s, u"rep"_s);
        profile.model = model;
        ReplicateProvider provider(profile);
        const QString out = m_dir->filePath(u"a"_s);
        const JobRun run = runJob(provider, imageRequest(out));
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 64, 48, 0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
        QVERIFY2(run.progress.size() >= 3, qPrintable(QString::number(run.progress.size())));
    }

    void videoFromTheShotImage()
    {
        ReplicateProvider provider(simProfile(*m_sim, u"replicate"_s, u"rep"_s));
        const QString input = writeInputImage(m_dir->filePath(u"in"_s));
        const QString out = m_dir->filePath(u"a"_s);
        const JobRun run = runJob(provider, videoRequest(out, input), 60000);
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        QCOMPARE(QFileInfo(run.result.outputFiles.first()).fileName(), u"video.mp4"_s);
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Video, 64, 48, 1.0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
        QCOMPARE(run.result.costUnits, 1.0); // 1 per second, 1 s
    }

    void errorMapping_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<ErrorClass>("expected");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("401 problem")
            << u"auth"_s << ErrorClass::Auth << 401 << u"valid authentication token"_s;
        QTest::newRow("402 insufficient credit")
            << u"quota_exhausted"_s << ErrorClass::QuotaExhausted << 402
            << u"insufficient credit"_s;
        QTest::newRow("422 invalid input") << u"invalid_request"_s << ErrorClass::InvalidRequest
                                           << 422 << u"input.num_outputs: must be at most 4"_s;
        QTest::newRow("429 throttled")
            << u"rate_limited"_s << ErrorClass::RateLimited << 429 << u"throttled"_s;
        QTest::newRow("failed NSFW")
            << u"content_policy"_s << ErrorClass::ContentPolicy << 0 << u"NSFW content detected"_s;
        QTest::newRow("failed") << u"provider_error"_s << ErrorClass::ProviderError << 0
                                << u"the model raised an exception"_s;
        QTest::newRow("failed out of memory")
            << u"out_of_memory"_s << ErrorClass::OutOfMemory << 0 << u"CUDA error: out of memory"_s;
        QTest::newRow("canceled elsewhere")
            << u"interrupted"_s << ErrorClass::Cancelled << 0 << u"canceled on Replicate"_s;
        QTest::newRow("malformed poll")
            << u"malformed_json"_s << ErrorClass::ProviderError << 200 << u"malformed JSON"_s;
        QTest::newRow("truncated output")
            << u"truncated_download"_s << ErrorClass::Network << 200 << u"downloading the output"_s;
        QTest::newRow("server gone")
            << u"disappear"_s << ErrorClass::ProviderUnavailable << 0 << u"connection refused"_s;
    }
    void errorMapping()
    {
        QFETCH(QString, fault);
        QFETCH(ErrorClass, expected);
        QFETCH(int, httpStatus);
        QFETCH(QString, messagePart);
        m_sim->forceFaults({fault});
        ReplicateProvider provider(simProfile(*m_sim, u"replicate"_s, u"rep"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QCOMPARE(run.finishedCount, 1);
        QCOMPARE(run.result.errorClass, expected);
        QCOMPARE(run.result.httpStatus, httpStatus);
        QVERIFY2(run.result.message.startsWith(u"Replicate \"rep\": "_s),
                 qPrintable(run.result.message));
        QVERIFY2(run.result.message.contains(messagePart, Qt::CaseInsensitive),
                 qPrintable(run.result.message));
        QVERIFY(!run.result.message.contains(kKey));
        if (fault == u"rate_limited")
            QCOMPARE(run.result.retryAfterMs.value_or(-1), 1000);
    }

    void cancelUsesTheCancelUrl()
    {
        sim::SimProfile slow = m_sim->profile();
        slow.jobMs = 3000;
        m_sim->setProfile(slow);
        ReplicateProvider provider(simProfile(*m_sim, u"replicate"_s, u"rep"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)), 20000,
                                  [this](ProviderJob *job) {
                                      QTRY_COMPARE(m_sim->runningJobs(), 1);
                                      QTest::qWait(50);
                                      job->cancel();
                                  });
        QCOMPARE(run.result.errorClass, ErrorClass::Cancelled);
        QTRY_COMPARE(m_sim->stats().protocols.value(u"replicate"_s).cancelled, 1);
    }

    void failureTextClassification()
    {
        QCOMPARE(ReplicateJob::classifyFailure(u"Your input was flagged by the safety checker"_s),
                 ErrorClass::ContentPolicy);
        QCOMPARE(ReplicateJob::classifyFailure(u"Traceback: ValueError"_s),
                 ErrorClass::ProviderError);
    }

    void badModelName()
    {
        ProviderProfile profile = simProfile(*m_sim, u"replicate"_s, u"rep"_s);
        profile.model = u"just-a-name"_s;
        ReplicateProvider provider(profile);
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QCOMPARE(run.result.errorClass, ErrorClass::InvalidRequest);
        QVERIFY(run.result.message.contains(u"owner/name"_s));
    }

    void connectionTest()
    {
        ReplicateProvider provider(simProfile(*m_sim, u"replicate"_s, u"rep"_s));
        const JobRun ok = runConnectionTest(provider);
        QVERIFY2(ok.result.ok(), qPrintable(ok.result.message));
        QVERIFY(ok.result.message.contains(u"retake-sim"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimServer> m_sim;
};

QTEST_MAIN(TestProviderReplicate)
#include "tst_provider_replicate.moc"
