// API keys stay secret: a key planted in the environment reaches the simulator (which
// even echoes it back in error bodies, as careless servers do), yet appears in no file
// under the workspace, no engine log line, no Qt message and no attempt record.
#include "engine/engine.h"
#include "fakeprovider.h"
#include "providers/apikeystore.h"
#include "providertestkit.h"
#include "report/reportbuilder.h"
#include "simserver.h"
#include "testprinters.h"

#include <QDirIterator>
#include <QFile>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace retake;
using namespace retake::test;

namespace {

const QString kKey = u"sk-planted-7f3a9c1e5b2d4a60"_s;

QMutex g_messagesMutex;
QStringList g_messages;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_messagesMutex);
        g_messages << message;
    }
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

class TestProviderKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        plantKey(u"cloud"_s, kKey);
        g_previous = qInstallMessageHandler(capture);
    }
    void cleanupTestCase() { qInstallMessageHandler(g_previous); }

    void environmentVariableNames()
    {
        QCOMPARE(ApiKeyStore::environmentVariable(u"cloud"_s), u"RETAKE_KEY_CLOUD"_s);
        QCOMPARE(ApiKeyStore::environmentVariable(u"my.profile-1"_s), u"RETAKE_KEY_MY_PROFILE_1"_s);
        QCOMPARE(ApiKeyStore::serviceName(), u"retake"_s);
    }

    void plantedKeyLeavesNoTrace()
    {
        // Given a cloud provider whose server refuses, echoes and rate limits now and then
        sim::SimServer server;
        QVERIFY(server.start() > 0);
        sim::SimProfile simProfile;
        simProfile.requiredKey = kKey;
        server.setProfile(simProfile);
        server.forceFaults({u"auth"_s, u"content_policy"_s, u"rate_limited"_s, u"quota_exhausted"_s,
                            u"malformed_json"_s});

        ProviderProfile cloud = test::simProfile(server, u"openai-images"_s, u"cloud"_s);
        cloud.model = u"dall-e-2"_s;
        cloud.options.insert(u"size"_s, u"256x256"_s);
        Project project;
        project.title = u"keys"_s;
        project.providers << cloud;
        project.providerPreference.insert(Stage::Image, {u"cloud"_s, u"local"_s});
        project.providerPreference.insert(Stage::Video, {u"fast"_s});
        project.retry.baseDelayMs = 1;
        project.retry.maxDelayMs = 50;
        Scene scene;
        scene.id = u"s01"_s;
        for (int n = 1; n <= 8; ++n) {
            Shot shot;
            shot.id = u"sh%1"_s.arg(n);
            shot.prompt = u"a quiet harbour %1"_s.arg(n);
            shot.image.width = 64;
            shot.image.height = 48;
            scene.shots << shot;
        }
        project.scenes << scene;

        QTemporaryDir dir;
        const QString workspace = dir.filePath(u"ws"_s);
        Engine engine;
        QString error;
        QVERIFY2(engine.open(project, workspace, &error), qPrintable(error));
        EngineOptions options = engine.options();
        options.verifyOutputs = false;
        options.updateIntervalMs = 10;
        options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
        engine.setOptions(options);
        engine.setProvider(std::make_unique<FakeProvider>(u"fast"_s, 8));
        engine.setProvider(std::make_unique<FakeProvider>(u"local"_s, 8));
        QStringList logLines;
        connect(&engine, &Engine::logMessage, this,
                [&logLines](const QString &line) { logLines << line; });

        // When the batch runs to its end
        QSignalSpy finished(&engine, &Engine::batchFinished);
        engine.start();
        QVERIFY(finished.wait(60000));

        // and its job report is written (JSON, HTML and Markdown, as `retake-cli report`
        // does),
        ReportBuilder report(project, workspace);
        report.setLiveTasks(engine.tasks());
        QVERIFY2(report.build(QString(), &error), qPrintable(error));
        ReportFiles reportFiles;
        QVERIFY2(report.write({ReportFormat::Json, ReportFormat::Html, ReportFormat::Markdown},
                              &reportFiles, &error),
                 qPrintable(error));
        QVERIFY(QFile::exists(reportFiles.markdown));

        // Then the key was used (the server accepted requests) ...
        const sim::ProtocolStats stats = server.stats().protocols.value(u"openai-images"_s);
        QVERIFY(stats.completed > 0);
        QVERIFY(stats.faults.value(u"auth"_s) == 1); // whose body contained the key
        // ... but it is in no file under the workspace (database, error log, outputs,
        // reports)
        const QByteArray utf8 = kKey.toUtf8();
        const QByteArray utf16(reinterpret_cast<const char *>(kKey.utf16()), kKey.size() * 2);
        int files = 0;
        QDirIterator it(workspace, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains(utf8) && !content.contains(utf16),
                     qPrintable(u"key found in "_s + file.fileName()));
            ++files;
        }
        QVERIFY(files > 3);
        QVERIFY(QFile::exists(workspace + u"/logs/error.log"_s));
        // ... in no log line, no Qt message and no attempt record
        QVERIFY(!logLines.isEmpty());
        for (const QString &line : std::as_const(logLines))
            QVERIFY2(!line.contains(kKey), qPrintable(line));
        {
            QMutexLocker lock(&g_messagesMutex);
            for (const QString &message : std::as_const(g_messages))
                QVERIFY2(!message.contains(kKey), qPrintable(message));
        }
        bool sawRefusal = false;
        for (const TaskSnapshot &task : engine.tasks()) {
            for (const Attempt &attempt : engine.attempts(task.id)) {
                QVERIFY2(!attempt.message.contains(kKey), qPrintable(attempt.message));
                sawRefusal = sawRefusal || attempt.errorClass == ErrorClass::Auth;
                for (auto p = attempt.params.begin(); p != attempt.params.end(); ++p)
                    QVERIFY(!p.value().toString().contains(kKey));
            }
        }
        QVERIFY(sawRefusal);
        QCOMPARE(engine.summary().count(TaskState::Done), engine.summary().total);
    }
};

QTEST_MAIN(TestProviderKeys)
#include "tst_provider_keys.moc"
