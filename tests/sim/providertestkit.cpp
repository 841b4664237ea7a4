#include "providertestkit.h"

#include "providers/networkprovider.h"
#include "simserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace retake::test {

QString simModel(const QString &kind)
{
    if (kind == u"comfyui")
        return u"v1-5-pruned-emaonly.safetensors"_s;
    if (kind == u"openai-images")
        return u"gpt-image-1"_s;
    if (kind == u"openai-tts")
        return u"tts-1"_s;
    if (kind == u"replicate")
        return u"black-forest-labs/flux-schnell"_s;
    if (kind == u"fal")
        return u"fal-ai/flux/schnell"_s;
    return {};
}

ProviderProfile simProfile(const sim::SimServer &server, const QString &kind, const QString &id)
{
    ProviderProfile profile;
    profile.id = id.isEmpty() ? u"sim-"_s + kind : id;
    profile.kind = kind;
    profile.model = simModel(kind);
    profile.baseUrl = server.baseUrl(kind).toString();
    profile.maxConcurrency = 4;
    profile.costPerUnit = 1.0;
    profile.timeouts.connectMs = 2000;
    profile.timeouts.firstByteMs = 1000;
    profile.timeouts.totalMs = 2000;
    profile.timeouts.pollIntervalMs = 20;
    profile.timeouts.maxPollIntervalMs = 100;
    profile.timeouts.jobMs = 20000;
    profile.origin = u"test"_s;
    return profile;
}

void plantKey(const QString &profileId, const QString &key)
{
    qputenv("RETAKE_KEYCHAIN", "off");
    QString name = u"RETAKE_KEY_"_s;
    for (const QChar c : profileId.toUpper())
        name += c.isLetterOrNumber() && c.unicode() < 128 ? c : u'_';
    qputenv(name.toLatin1().constData(), key.toUtf8());
}

GenerationRequest imageRequest(const QString &outputDir, int width, int height)
{
    GenerationRequest request;
    request.taskId = u"s01-sh01/image"_s;
    request.stage = Stage::Image;
    request.sceneId = u"s01"_s;
    request.shotId = u"s01-sh01"_s;
    request.prompt = u"a lighthouse at dusk, waves"_s;
    request.negativePrompt = u"blurry"_s;
    request.seed = 1234;
    request.width = width;
    request.height = height;
    request.steps = 8;
    request.outputDir = outputDir;
    QDir().mkpath(outputDir);
    return request;
}

GenerationRequest videoRequest(const QString &outputDir, const QString &inputImage, int width,
                               int height)
{
    GenerationRequest request = imageRequest(outputDir, width, height);
    request.taskId = u"s01-sh01/video"_s;
    request.stage = Stage::Video;
    request.durationSec = 1.0;
    request.fps = 8;
    request.motion = u"zoom-in"_s;
    request.inputImagePath = inputImage;
    return request;
}

GenerationRequest audioRequest(const QString &outputDir, const QString &text, const QString &voice,
                               const QString &language)
{
    GenerationRequest request;
    request.taskId = u"s01/audio"_s;
    request.stage = Stage::Audio;
    request.sceneId = u"s01"_s;
    request.prompt = text;
    request.voice = voice;
    request.language = language;
    request.outputDir = outputDir;
    QDir().mkpath(outputDir);
    return request;
}

QString writeInputImage(const QString &dir, int width, int height)
{
    QDir().mkpath(dir);
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    const QString path = QDir(dir).filePath(u"input.png"_s);
    image.save(path, "PNG");
    return path;
}

namespace {

JobRun drive(ProviderJob *job, int timeoutMs, const std::function<void(ProviderJob *)> &started)
{
    JobRun run;
    QEventLoop loop;
    QObject::connect(job, &ProviderJob::progressed, &loop,
                     [&run](double fraction) { run.progress << fraction; });
    QObject::connect(job, &ProviderJob::finished, &loop, [&](const GenerationResult &result) {
        run.result = result;
        run.finishedCount += 1;
        // Give a second, wrong emission a chance to show up before leaving.
        QTimer::singleShot(30, &loop, &QEventLoop::quit);
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        run.timedOut = true;
        loop.quit();
    });
    timeout.start(timeoutMs);
    job->start();
    if (started)
        started(job);
    loop.exec();
    return run;
}

} // namespace

JobRun runJob(Provider &provider, const GenerationRequest &request, int timeoutMs,
              const std::function<void(ProviderJob *)> &started)
{
    QObject parent;
    ProviderJob *job = provider.createJob(request, &parent);
    return drive(job, timeoutMs, started);
}

JobRun runConnectionTest(Provider &provider, int timeoutMs)
{
    QObject parent;
    auto *network = dynamic_cast<NetworkProvider *>(&provider);
    if (!network) {
        JobRun run;
        run.result =
            GenerationResult::failure(ErrorClass::InvalidRequest, u"not a network provider"_s);
        return run;
    }
    return drive(network->createConnectionTest(&parent), timeoutMs, {});
}

} // namespace retake::test
