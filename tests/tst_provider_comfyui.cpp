// The comfyui adapter against retake-sim: outputs verified, progress from /ws events,
// /history polling as the fallback, every error mapping of the ComfyUI wire format, and
// cancellation reaching the server.
#include "engine/outputverifier.h"
#include "providers/comfyuijob.h"
#include "providers/comfyuiprovider.h"
#include "providertestkit.h"
#include "simserver.h"
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

class TestProviderComfyUi : public QObject
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

    void imageSucceedsWithVerifiedOutput()
    {
        // Given a ComfyUI with the default text-to-image template
        ComfyUiProvider provider(simProfile(*m_sim, u"comfyui"_s));
        const QString out = m_dir->filePath(u"attempt"_s);
        // When a 64x48 image is generated
        const JobRun run = runJob(provider, imageRequest(out));
        // Then it succeeds once, with a verified PNG named by Retake, and progress
        QVERIFY(!run.timedOut);
        QCOMPARE(run.finishedCount, 1);
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        QCOMPARE(run.result.outputFiles, QStringList{QDir(out).filePath(u"image.png"_s)});
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 64, 48, 0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
        QVERIFY(run.progress.size() >= 2);
        QCOMPARE(run.progress.last(), 1.0);
        QCOMPARE(run.result.costUnits, 1.0);
        QCOMPARE(m_sim->stats().protocols.value(u"comfyui"_s).submitted, 1);
        QVERIFY(m_sim->stats().protocols.value(u"comfyui"_s).progressEvents > 0);
    }

    void videoUploadsTheImageAndVerifies()
    {
        ComfyUiProvider provider(simProfile(*m_sim, u"comfyui"_s));
        const QString input = writeInputImage(m_dir->filePath(u"in"_s));
        const QString out = m_dir->filePath(u"attempt"_s);
        const JobRun run = runJob(provider, videoRequest(out, input), 60000);
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        QCOMPARE(QFileInfo(run.result.outputFiles.value(0)).fileName(), u"video.mp4"_s);
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Video, 64, 48, 1.0});
        QVERIFY2(verified.ok, qPrintable(verified.message));
    }

    void historyPollingWithoutWebSocket()
    {
        ProviderProfile profile = simProfile(*m_sim, u"comfyui"_s);
        profile.options.insert(u"webSocket"_s, false);
        ComfyUiProvider provider(profile);
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
    }

    // Without /ws, the outcome of a job that ran comes from /history alone: its
    // status.messages carry execution_error / execution_interrupted.
    void historyOnlyFailures_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<ErrorClass>("expected");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("execution_error")
            << u"provider_error"_s << ErrorClass::ProviderError << u"RuntimeError: mat1 and mat2"_s;
        QTest::newRow("execution_error out of memory")
            << u"out_of_memory"_s << ErrorClass::OutOfMemory
            << u"torch.OutOfMemoryError: Allocation on device"_s;
        QTest::newRow("execution_interrupted")
            << u"interrupted"_s << ErrorClass::Cancelled << u"interrupted on the server"_s;
        QTest::newRow("hostile file name")
            << u"hostile_filename"_s << ErrorClass::UnsafeOutput << u"\"../../x.png\""_s;
    }

    void historyOnlyFailures()
    {
        QFETCH(QString, fault);
        QFETCH(ErrorClass, expected);
        QFETCH(QString, messagePart);
        m_sim->forceFaults({fault});
        ProviderProfile profile = simProfile(*m_sim, u"comfyui"_s, u"studio"_s);
        profile.options.insert(u"webSocket"_s, false);
        ComfyUiProvider provider(profile);
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"h"_s)));
        QVERIFY(!run.timedOut);
        QCOMPARE(run.result.errorClass, expected);
        QVERIFY2(run.result.message.contains(messagePart), qPrintable(run.result.message));
    }

    void errorMapping_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<ErrorClass>("expected");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("400 node_errors") << u"invalid_request"_s << ErrorClass::InvalidRequest
                                         << 400 << u"node 3 (KSampler) input \"steps\""_s;
        QTest::newRow("200 with node_errors")
            << u"node_errors_200"_s << ErrorClass::InvalidRequest << 200 << u"will skip outputs"_s;
        QTest::newRow("execution_error") << u"provider_error"_s << ErrorClass::ProviderError << 0
                                         << u"RuntimeError: mat1 and mat2"_s;
        QTest::newRow("execution_error out of memory")
            << u"out_of_memory"_s << ErrorClass::OutOfMemory << 0
            << u"torch.OutOfMemoryError: Allocation on device"_s;
        QTest::newRow("execution_interrupted")
            << u"interrupted"_s << ErrorClass::Cancelled << 0 << u"interrupted on the server"_s;
        QTest::newRow("hostile file name")
            << u"hostile_filename"_s << ErrorClass::UnsafeOutput << 0 << u"\"../../x.png\""_s;
        QTest::newRow("malformed history")
            << u"malformed_json"_s << ErrorClass::ProviderError << 200 << u"malformed JSON"_s;
        QTest::newRow("429") << u"rate_limited"_s << ErrorClass::RateLimited << 429
                             << u"HTTP 429"_s;
        QTest::newRow("503") << u"provider_unavailable"_s << ErrorClass::ProviderUnavailable << 503
                             << u"HTTP 503"_s;
        QTest::newRow("401 from a proxy") << u"auth"_s << ErrorClass::Auth << 401 << u"HTTP 401"_s;
        QTest::newRow("no answer")
            << u"timeout"_s << ErrorClass::Timeout << 0 << u"no answer within"_s;
        QTest::newRow("connection reset")
            << u"network"_s << ErrorClass::Network << 200 << u"queueing the workflow"_s;
        QTest::newRow("truncated /view")
            << u"truncated_download"_s << ErrorClass::Network << 200 << u"bytes"_s;
        QTest::newRow("slow drip")
            << u"slow_drip"_s << ErrorClass::Timeout << 200 << u"no complete answer"_s;
        QTest::newRow("server gone mid-job")
            << u"disappear"_s << ErrorClass::ProviderUnavailable << 0 << u"connection refused"_s;
    }

    void errorMapping()
    {
        QFETCH(QString, fault);
        QFETCH(ErrorClass, expected);
        QFETCH(int, httpStatus);
        QFETCH(QString, messagePart);
        m_sim->forceFaults({fault});
        ComfyUiProvider provider(simProfile(*m_sim, u"comfyui"_s, u"studio"_s));
        const QString out = m_dir->filePath(u"attempt"_s);
        const JobRun run = runJob(provider, imageRequest(out));
        QVERIFY(!run.timedOut);
        QCOMPARE(run.finishedCount, 1);
        QCOMPARE(run.result.errorClass, expected);
        QCOMPARE(run.result.httpStatus, httpStatus);
        QVERIFY2(run.result.message.startsWith(u"ComfyUI \"studio\": "_s),
                 qPrintable(run.result.message));
        QVERIFY2(run.result.message.contains(messagePart), qPrintable(run.result.message));
        if (fault == u"rate_limited")
            QCOMPARE(run.result.retryAfterMs.value_or(-1), 1000);
        if (fault == u"node_errors_200") // the accepted prompt is removed from the queue
            QTRY_COMPARE(m_sim->stats().protocols.value(u"comfyui"_s).cancelled, 1);
        // Nothing is ever written outside the attempt folder.
        const QStringList entries =
            QDir(m_dir->path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries);
        QVERIFY2(entries == QStringList{u"attempt"_s} || entries.isEmpty(),
                 qPrintable(entries.join(u", "_s)));
        QVERIFY(QDir(out).entryList({u"image.*"_s}, QDir::Files).isEmpty());
    }

    void unknownCheckpointNamesNodeAndInput()
    {
        ProviderProfile profile = simProfile(*m_sim, u"comfyui"_s);
        profile.model = u"missing.safetensors"_s;
        ComfyUiProvider provider(profile);
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QCOMPARE(run.result.errorClass, ErrorClass::InvalidRequest);
        QVERIFY2(run.result.message.contains(
                     u"node 4 (CheckpointLoaderSimple) input \"ckpt_name\": Value not in list"_s),
                 qPrintable(run.result.message));
        QVERIFY(run.result.message.contains(u"missing.safetensors"_s));
    }

    void corruptOutputFailsVerification()
    {
        m_sim->forceFaults({u"output_invalid"_s});
        ComfyUiProvider provider(simProfile(*m_sim, u"comfyui"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)));
        QVERIFY2(run.result.ok(), qPrintable(run.result.message));
        const VerificationResult verified =
            verifyOutputFile(run.result.outputFiles.first(), {Stage::Image, 64, 48, 0});
        QVERIFY(!verified.ok);
        QCOMPARE(verified.errorClass, ErrorClass::OutputInvalid);
    }

    void cancelInterruptsAndDeletesOnTheServer()
    {
        sim::SimProfile slow = m_sim->profile();
        slow.jobMs = 3000;
        m_sim->setProfile(slow);
        ComfyUiProvider provider(simProfile(*m_sim, u"comfyui"_s));
        const JobRun run = runJob(provider, imageRequest(m_dir->filePath(u"a"_s)), 20000,
                                  [this](ProviderJob *job) {
                                      // Cancel once the server runs the job.
                                      QTRY_VERIFY(m_sim->runningJobs() == 1);
                                      QTest::qWait(100);
                                      job->cancel();
                                  });
        QCOMPARE(run.result.errorClass, ErrorClass::Cancelled);
        QCOMPARE(run.finishedCount, 1);
        // POST /interrupt {"prompt_id"} and POST /queue {"delete": [id]} both arrived.
        QTRY_COMPARE(m_sim->stats().protocols.value(u"comfyui"_s).cancelled, 1);
        QTRY_COMPARE(m_sim->runningJobs(), 0);
    }

    void destroyingARunningJobCancelsOnServer()
    {
        sim::SimProfile slow = m_sim->profile();
        slow.jobMs = 3000;
        m_sim->setProfile(slow);
        ComfyUiProvider provider(simProfile(*m_sim, u"comfyui"_s));
        auto parent = std::make_unique<QObject>();
        ProviderJob *job = provider.createJob(imageRequest(m_dir->filePath(u"a"_s)), parent.get());
        job->start();
        QTRY_COMPARE(m_sim->runningJobs(), 1);
        QTest::qWait(100); // the prompt id is known
        parent.reset();    // e.g. the engine shutting down
        QTRY_COMPARE(m_sim->stats().protocols.value(u"comfyui"_s).cancelled, 1);
    }

    void cancelWhileSubmittingStillCancelsOnServer()
    {
        sim::SimProfile slow = m_sim->profile();
        slow.latencyMs = 300;
        slow.jobMs = 5000;
        m_sim->setProfile(slow);
        ComfyUiProvider provider(simProfile(*m_sim, u"comfyui"_s));
        const JobRun run =
            runJob(provider, imageRequest(m_dir->filePath(u"a"_s)), 20000, [](ProviderJob *job) {
                QTest::qWait(100); // POST /prompt is in flight
                job->cancel();
            });
        QCOMPARE(run.result.errorClass, ErrorClass::Cancelled);
        QTRY_COMPARE(m_sim->stats().protocols.value(u"comfyui"_s).cancelled, 1);
    }

    void templatePlaceholdersAreTyped()
    {
        QString error;
        const auto workflow = ComfyUiWorkflow::fromJson(
            R"({"1": {"class_type": "X", "inputs": {"seed": "{{seed}}", "text": "a {{prompt}}!"}}})",
            u"t"_s, &error);
        QVERIFY2(workflow, qPrintable(error));
        const auto filled = workflow->instantiate(
            {{u"seed"_s, 42}, {u"prompt"_s, u"\"quoted\" }} {{x}}"_s}}, &error);
        QVERIFY2(filled, qPrintable(error));
        const QJsonObject inputs = filled->value(u"1"_s).toObject().value(u"inputs"_s).toObject();
        QCOMPARE(inputs.value(u"seed"_s).toInt(), 42);
        QCOMPARE(inputs.value(u"text"_s).toString(), u"a \"quoted\" }} {{x}}!"_s);
        QVERIFY(!ComfyUiWorkflow::fromJson(R"({"nodes": [], "links": []})", u"ui"_s, &error));
        QVERIFY(error.contains(u"API Format"_s));
    }

    void unsafeNamesAreRecognised_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("subfolder");
        QTest::addColumn<bool>("safe");
        QTest::newRow("plain") << u"ComfyUI_00001_.png"_s << u""_s << true;
        QTest::newRow("nested subfolder") << u"a.png"_s << u"retake/s01"_s << true;
        QTest::newRow("parent name") << u"../../x.png"_s << u""_s << false;
        QTest::newRow("absolute subfolder") << u"x.png"_s << u"/etc"_s << false;
        QTest::newRow("parent subfolder") << u"x.png"_s << u"a/../../b"_s << false;
        QTest::newRow("windows drive") << u"x.png"_s << u"C:\\Windows"_s << false;
        QTest::newRow("hidden") << u".bashrc"_s << u""_s << false;
    }
    void unsafeNamesAreRecognised()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, subfolder);
        QFETCH(bool, safe);
        QCOMPARE(ComfyUiJob::unsafeOutputReason(fileName, subfolder, u"output"_s).isEmpty(), safe);
    }

    void connectionTest()
    {
        ComfyUiProvider provider(simProfile(*m_sim, u"comfyui"_s, u"studio"_s));
        const JobRun ok = runConnectionTest(provider);
        QVERIFY2(ok.result.ok(), qPrintable(ok.result.message));
        QVERIFY(ok.result.message.contains(u"0.3.40-sim"_s));
        m_sim->disappear(0);
        const JobRun gone = runConnectionTest(provider);
        QCOMPARE(gone.result.errorClass, ErrorClass::ProviderUnavailable);
        QVERIFY(gone.result.message.contains(u"connection refused"_s));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimServer> m_sim;
};

QTEST_MAIN(TestProviderComfyUi)
#include "tst_provider_comfyui.moc"
