#include "enginefixture.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace retake::test {

Project makeProject(int shots, const QStringList &imageProviders, const QStringList &videoProviders)
{
    Project project;
    project.title = u"engine test"_s;
    project.assemble = false; // image and video only, unless a test asks for assembly
    project.providerPreference.insert(Stage::Image, imageProviders);
    project.providerPreference.insert(Stage::Video, videoProviders);
    Scene scene;
    scene.id = u"s01"_s;
    for (int n = 1; n <= shots; ++n) {
        Shot shot;
        shot.id = u"sh%1"_s.arg(n, 2, 10, QLatin1Char('0'));
        shot.prompt = u"A lighthouse in a storm, waves, dramatic light. Shot %1."_s.arg(n);
        shot.seed = n;
        shot.image.width = 64;
        shot.image.height = 36;
        scene.shots << shot;
    }
    project.scenes << scene;
    return project;
}

QString imageTask(int shot)
{
    return u"sh%1/image"_s.arg(shot, 2, 10, QLatin1Char('0'));
}
QString videoTask(int shot)
{
    return u"sh%1/video"_s.arg(shot, 2, 10, QLatin1Char('0'));
}

EngineFixture::EngineFixture() : dir(std::make_unique<QTemporaryDir>())
{
}

EngineFixture::~EngineFixture()
{
    close();
}

void EngineFixture::close()
{
    engine.reset();
}

QString EngineFixture::path(const QString &relative) const
{
    return dir->filePath(relative);
}

bool EngineFixture::open(const Project &project, QString *error)
{
    engine = std::make_unique<Engine>();
    QString why;
    if (!engine->open(project, dir->filePath(u"ws"_s), &why)) {
        if (error)
            *error = why;
        return false;
    }
    EngineOptions options = engine->options();
    options.retry.baseDelayMs = 1;
    options.retry.jitter = 0;
    options.retry.maxDelayMs = 2000;
    options.breaker.cooldownMs = 100;
    options.verifyOutputs = false;
    options.updateIntervalMs = 5;
    options.jitterSeed = 1;
    options.diskPollIntervalMs = 20;
    options.freeSpaceProbe = [](const QString &) { return qint64(1) << 40; };
    engine->setOptions(options);
    a = replaceProvider(u"a"_s, 4);
    b = replaceProvider(u"b"_s, 4);
    local = replaceProvider(u"local"_s, 4);
    if (qEnvironmentVariableIsSet("RETAKE_TEST_VERBOSE")) {
        QObject::connect(engine.get(), &Engine::logMessage, engine.get(),
                         [](const QString &line) { qInfo().noquote() << line; });
    }
    return true;
}

FakeProvider *EngineFixture::replaceProvider(const QString &id, int maxConcurrency)
{
    auto provider = std::make_unique<FakeProvider>(id, maxConcurrency);
    FakeProvider *raw = provider.get();
    engine->setProvider(std::move(provider));
    return raw;
}

bool EngineFixture::runToEnd(int timeoutMs)
{
    QSignalSpy finished(engine.get(), &Engine::batchFinished);
    if (!finished.isValid())
        return false;
    if (engine->isFinished() || !engine->summary().running)
        engine->start();
    return finished.wait(timeoutMs) || finished.count() > 0;
}

} // namespace retake::test
