// The a1111 adapter against retake-sim: txt2img and img2img with verified outputs,
// progress from /sdapi/v1/progress, the API's error bodies (422 validation, HTTPException
// {"error", "detail", "body", "errors"}), and cancellation through /sdapi/v1/interrupt.
#include "engine/outputverifier.h"
#include "providers/a1111provider.h"
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

class TestProviderA1111 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("RETAKE_KEYCHAIN", "off");
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->start() > 0);
    }
    void cleanup()
    {
        m_sim.reset();
        m_dir.reset();
    }

    void txt2imgSucceedsWithProgress()
    {
        sim::SimProfile slow = m_sim->profile();
        slow.jobMs = 300; // long enough for a few /progress polls
        m_sim->setProfile(slow);
        A1111Provider provider(simProfile(*m_sim, u"a1111"_s));
        QVERIFY(provider.supports(Stage::Image));
        QVERIFY(!provider.supports(Stage::Video));
        const QString out = m_dir->filePath(u"a"_s);
        const JobRun run = runJob(provider, imageRequest(out, 80, 60));
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        QCOMPARE(run.finishedCount, 1);
        QCOMPARE(run.result.outputFiles, QStringList{QDir(out).filePath(u"image.png"_s)});
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 80, 60, 0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
        QVERIFY(run.progress.size() >= 3); // start, at least one /progress value, done
        QVERIFY(m_sim->stats().protocols.value(u"a1111"_s).progressEvents > 0);
    }

    void img2imgWhenTheRequestCarriesAnImage()
    {
        A1111Provider provider(simProfile(*m_sim, u"a1111"_s));
        GenerationRequest request = imageRequest(m_dir->filePath(u"a"_s));
        request.inputImagePath = writeInputImage(m_dir->filePath(u"in"_s));
        const JobRun run = runJob(provider, request);
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        QCOMPARE(m_sim->stats().protocols.value(u"a1111"_s).submitted, 1);
    }

    void errorMapping_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("sampler");
        QTest::addColumn<ErrorClass>("expected");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("422 validation")
            << u"invalid_request"_s << QString() << QString() << ErrorClass::InvalidRequest << 422
            << u"width: ensure this value is less than"_s;
        QTest::newRow("404 model not found")
            << QString() << u"nope.safetensors"_s << QString() << ErrorClass::InvalidRequest << 404
            << u"Model not found (model \"nope.safetensors\")"_s;
        QTest::newRow("400 sampler not found")
            << QString() << QString() << u"Bogus"_s << ErrorClass::InvalidRequest << 400
            << u"Sampler not found"_s;
        QTest::newRow("500 exception")
            << u"provider_error"_s << QString() << QString() << ErrorClass::ProviderError << 500
            << u"RuntimeError: Expected all tensors"_s;
        QTest::newRow("500 out of memory")
            << u"out_of_memory"_s << QString() << QString() << ErrorClass::OutOfMemory << 500
            << u"OutOfMemoryError: CUDA out of memory"_s;
        QTest::newRow("401 api-auth") << u"auth"_s << QString() << QString() << ErrorClass::Auth
                                      << 401 << u"Incorrect username or password"_s;
        QTest::newRow("503") << u"provider_unavailable"_s << QString() << QString()
                             << ErrorClass::ProviderUnavailable << 503 << u"HTTP 503"_s;
        QTest::newRow("429") << u"rate_limited"_s << QString() << QString()
                             << ErrorClass::RateLimited << 429 << u"HTTP 429"_s;
        QTest::newRow("malformed JSON") << u"malformed_json"_s << QString() << QString()
                                        << ErrorClass::ProviderError << 200 << u"malformed JSON"_s;
        QTest::newRow("cut answer") << u"truncated_download"_s << QString() << QString()
                                    << ErrorClass::Network << 200 << u"closed the connection"_s;
        QTest::newRow("server gone")
            << u"disappear"_s << QString() << QString() << ErrorClass::ProviderUnavailable << 0
            << u"connection refused"_s;
    }

    void errorMapping()
    {
        QFETCH(QString, fault);
        QFETCH(QString, model);
        QFETCH(QString, sampler);
        QFETCH(ErrorClass, expected);
        QFETCH(int, httpStatus);
        QFETCH(QString, messagePart);
        if (!fault.isEmpty())
            m_sim->forceFaults({fault});
        ProviderProfile profile = simProfile(*m_sim, u"a1111"_s, u"gpu-box"_s);
        profile.model = model;
        if (!sampler.isEmpty())
            profile.options.insert(u"sampler"_s, sampler);
        A1111Provider provider(profile);
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QCOMPARE(run.finishedCount, 1);
        QCOMPARE(run.result.errorClass, expected);
        QCOMPARE(run.result.httpStatus, httpStatus);
        QVERIFY2(run.result.message.startsWith(u"AUTOMATIC1111 \"gpu-box\": "_s),
                 qPrintable(run.result.message));
        QVERIFY2(run.result.message.contains(messagePart), qPrintable(run.result.message));
    }

    void cancelSendsInterrupt()
    {
        sim::SimProfile slow = m_sim->profile();
        slow.jobMs = 3000;
        m_sim->setProfile(slow);
        A1111Provider provider(simProfile(*m_sim, u"a1111"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)), 20000,
                                  [this](ProviderJob *job) {
                                      QTRY_COMPARE(m_sim->runningJobs(), 1);
                                      job->cancel();
                                  });
        QCOMPARE(run.result.errorClass, ErrorClass::Cancelled);
        QTRY_COMPARE(m_sim->stats().protocols.value(u"a1111"_s).cancelled, 1);
    }

    void basicAuthFromUserPasswordKey()
    {
        QCOMPARE(A1111Provider::authorization(u"user:secret"_s),
                 QByteArray("Basic ") + QByteArray("user:secret").toBase64());
        QCOMPARE(A1111Provider::authorization(u"token"_s), QByteArray("Bearer token"));
    }

    void connectionTestChecksTheModel()
    {
        ProviderProfile profile = simProfile(*m_sim, u"a1111"_s);
        profile.model = u"sd_xl_base_1.0.safetensors"_s;
        A1111Provider present(profile);
        const JobRun ok = runConnectionTest(present);
        QVERIFY2(ok.result.ok(), qPrintable(ok.result.message));
        profile.model = u"missing"_s;
        A1111Provider missing(profile);
        const JobRun bad = runConnectionTest(missing);
        QCOMPARE(bad.result.errorClass, ErrorClass::InvalidRequest);
        QVERIFY(bad.result.message.contains(u"\"missing\" is not among"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimServer> m_sim;
};

QTEST_MAIN(TestProviderA1111)
#include "tst_provider_a1111.moc"
