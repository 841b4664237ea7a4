// Every simulator fault against every network adapter: the error class the attempt ends
// with (after output verification, as the engine does it) and the recovery route the
// engine takes for it. A fault that a protocol cannot show (quota on a local ComfyUI,
// hostile file names outside ComfyUI's /history) is not in its rows.
#include "engine/outputverifier.h"
#include "providers/providerfactory.h"
#include "providertestkit.h"
#include "simserver.h"
#include "testprinters.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;
using retake::sim::SimProfile;
using retake::sim::SimServer;

namespace retake {
inline char *toString(RecoveryRoute value)
{
    return qstrdup(nameOf(value).toUtf8().constData());
}
} // namespace retake

namespace {

const QString kKey = u"matrix-key-5c1d2e3f"_s;

struct Expectation {
    const char16_t *fault;
    ErrorClass errorClass;
    RecoveryRoute route;
};

// The expected outcome of each fault; the same on every protocol that can show it.
constexpr Expectation kExpectations[] = {
    {u"none", ErrorClass::None, RecoveryRoute::Stop},
    {u"rate_limited", ErrorClass::RateLimited, RecoveryRoute::RetrySameRung},
    {u"provider_unavailable", ErrorClass::ProviderUnavailable, RecoveryRoute::RetrySameRung},
    {u"timeout", ErrorClass::Timeout, RecoveryRoute::RetrySameRung},
    {u"network", ErrorClass::Network, RecoveryRoute::RetrySameRung},
    {u"truncated_download", ErrorClass::Network, RecoveryRoute::RetrySameRung},
    {u"slow_drip", ErrorClass::Timeout, RecoveryRoute::RetrySameRung},
    {u"disappear", ErrorClass::ProviderUnavailable, RecoveryRoute::RetrySameRung},
    {u"provider_error", ErrorClass::ProviderError, RecoveryRoute::NextRung},
    {u"out_of_memory", ErrorClass::OutOfMemory, RecoveryRoute::LowerResolution},
    {u"malformed_json", ErrorClass::ProviderError, RecoveryRoute::NextRung},
    {u"output_invalid", ErrorClass::OutputInvalid, RecoveryRoute::NextRung},
    {u"hostile_filename", ErrorClass::UnsafeOutput, RecoveryRoute::NextRung},
    {u"content_policy", ErrorClass::ContentPolicy, RecoveryRoute::SimplifiedPrompt},
    {u"auth", ErrorClass::Auth, RecoveryRoute::SwitchProvider},
    {u"quota_exhausted", ErrorClass::QuotaExhausted, RecoveryRoute::SwitchProvider},
    {u"invalid_request", ErrorClass::InvalidRequest, RecoveryRoute::FailFast},
    {u"node_errors_200", ErrorClass::InvalidRequest, RecoveryRoute::FailFast},
    {u"interrupted", ErrorClass::Cancelled, RecoveryRoute::Stop},
};

} // namespace

class TestProviderFaultMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const QString &kind : SimProfile::protocols())
            plantKey(u"matrix-"_s + kind, kKey);
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->start() > 0);
    }
    void cleanupTestCase() { m_sim.reset(); }

    void everyFaultOnEveryAdapter_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<ErrorClass>("expected");
        QTest::addColumn<RecoveryRoute>("route");
        int rows = 0;
        for (const QString &kind : SimProfile::protocols()) {
            const QStringList applicable = SimProfile::faultsFor(kind);
            for (const Expectation &e : kExpectations) {
                const QString fault = QString::fromUtf16(e.fault);
                if (fault != u"none" && !applicable.contains(fault))
                    continue;
                QTest::addRow("%s × %s", qPrintable(kind), qPrintable(fault))
                    << kind << fault << e.errorClass << e.route;
                ++rows;
            }
        }
        // Every fault of every protocol has an expectation.
        for (const QString &kind : SimProfile::protocols()) {
            for (const QString &fault : SimProfile::faultsFor(kind)) {
                bool known = false;
                for (const Expectation &e : kExpectations)
                    known = known || fault == QString::fromUtf16(e.fault);
                QVERIFY2(known, qPrintable(kind + u" "_s + fault));
            }
        }
        QVERIFY(rows >= 70);
    }

    void everyFaultOnEveryAdapter()
    {
        QFETCH(QString, kind);
        QFETCH(QString, fault);
        QFETCH(ErrorClass, expected);
        QFETCH(RecoveryRoute, route);

        // Given a fresh simulator state that injects `fault` into the next job
        m_sim->reappear();
        SimProfile profile;
        profile.requiredKey = kKey;
        profile.jobMs = 40;
        m_sim->setProfile(profile);
        if (fault != u"none")
            m_sim->forceFaults({fault});
        ProviderProfile providerProfile = simProfile(*m_sim, kind, u"matrix-"_s + kind);
        // Short deadlines only where the fault is a silence; elsewhere a loaded machine
        // must not turn an answer into a timeout.
        const bool silence = fault == u"timeout" || fault == u"slow_drip";
        providerProfile.timeouts.firstByteMs = silence ? 500 : 10000;
        providerProfile.timeouts.totalMs = silence ? 900 : 20000;
        QString error;
        std::unique_ptr<Provider> provider = createProvider(providerProfile, &error);
        QVERIFY2(provider, qPrintable(error));

        // When an image (a voice-over for a speech API) is generated and its output
        // verified as the engine would
        QTemporaryDir dir;
        const bool speech = kind == u"openai-tts";
        const JobRun run = runJob(*provider,
                                  speech ? audioRequest(dir.filePath(u"attempt"_s))
                                         : imageRequest(dir.filePath(u"attempt"_s)),
                                  15000);
        QVERIFY(!run.timedOut);
        QCOMPARE(run.finishedCount, 1);
        GenerationResult result = run.result;
        if (result.ok()) {
            QCOMPARE(result.outputFiles.size(), 1);
            const VerificationResult verified =
                verifyOutputFile(result.outputFiles.first(),
                                 speech ? VerificationExpectation{Stage::Audio, 0, 0, 0}
                                        // Any size, as the engine accepts it (it
                                        // conforms the image to the shot afterwards).
                                        : VerificationExpectation{Stage::Image, 0, 0, 0});
            if (!verified.ok)
                result = GenerationResult::failure(verified.errorClass, verified.message);
        }

        // Then the class and the engine's route are the expected ones, and the message
        // names the provider and never the key.
        QVERIFY2(result.errorClass == expected,
                 qPrintable(nameOf(result.errorClass) + u": "_s + result.message));
        QCOMPARE(recoveryRoute(result.errorClass), route);
        if (!result.ok() && expected != ErrorClass::OutputInvalid)
            QVERIFY2(result.message.contains(u"\"matrix-"_s + kind + u'"'),
                     qPrintable(result.message));
        QVERIFY(!result.message.contains(kKey));
        QVERIFY(!result.detail.contains(kKey));
    }

private:
    std::unique_ptr<SimServer> m_sim;
};

QTEST_MAIN(TestProviderFaultMatrix)
#include "tst_provider_faultmatrix.moc"
