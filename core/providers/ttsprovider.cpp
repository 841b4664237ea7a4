#include "providers/ttsprovider.h"

#include "providers/connectiontestjob.h"
#include "providers/networkjob.h"
#include "providers/openaiimagesjob.h"
#include "providers/wireformat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr double kDefaultWordsPerMinute = 175.0; // espeak-ng's default, the API's speed 1.0
constexpr qint64 kMaxAudioBytes = 512ll * 1024 * 1024;

ProviderProfile withTtsOptions(ProviderProfile profile)
{
    if (profile.baseUrl.trimmed().isEmpty())
        profile.baseUrl = profile.options.value(u"baseUrl"_s).toString();
    bool ok = false;
    const int timeoutMs = profile.options.value(u"timeoutMs"_s).toInt(&ok);
    if (ok && timeoutMs > 0) {
        ProviderTimeouts &timeouts = profile.timeouts;
        timeouts.connectMs =
            timeouts.connectMs > 0 ? qMin(timeouts.connectMs, timeoutMs) : timeoutMs;
        timeouts.firstByteMs =
            timeouts.firstByteMs > 0 ? qMin(timeouts.firstByteMs, timeoutMs) : timeoutMs;
        timeouts.totalMs = timeoutMs;
        // The exchange's own timeout names what timed out; the job's is the backstop.
        timeouts.jobMs = timeoutMs + 1000;
    }
    return profile;
}

// "/v1/..." under the base URL, unless the base already ends in "/v1".
QString apiPath(const QUrl &base, const QString &path)
{
    QString basePath = base.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    return basePath.endsWith(u"/v1") ? path : u"/v1"_s + path;
}

// The file name for audio bytes, from their signature.
QString audioFileName(const QByteArray &head, const QByteArray &contentType)
{
    if (head.startsWith("RIFF") && head.mid(8, 4) == "WAVE")
        return u"audio.wav"_s;
    if (head.startsWith("ID3") ||
        (head.size() >= 2 && quint8(head.at(0)) == 0xff && (quint8(head.at(1)) & 0xe0) == 0xe0))
        return u"audio.mp3"_s;
    if (head.startsWith("OggS"))
        return u"audio.ogg"_s;
    if (head.startsWith("fLaC"))
        return u"audio.flac"_s;
    if (contentType.contains("wav"))
        return u"audio.wav"_s;
    return u"audio.bin"_s; // verification names the problem
}

// One voice-over request. A file-local class: the job exists only through its provider.
class TtsJob final : public NetworkJob
{
public:
    TtsJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
           const QString &model, QObject *parent)
        : NetworkJob(std::move(context), request, parent), m_model(model)
    {
    }

protected:
    KeyNeed keyNeed() const override { return KeyNeed::Optional; }

    void authorize(HttpRequestSpec &spec) const override
    {
        if (!apiKey().isEmpty())
            spec.addHeader("Authorization", "Bearer " + apiKey().toUtf8());
    }

    void begin() override
    {
        const GenerationRequest &r = request();
        if (r.stage != Stage::Audio) {
            fail(ErrorClass::InvalidRequest,
                 u"a speech API makes voice-overs only; choose another provider for %1"_s.arg(
                     nameOf(r.stage)));
            return;
        }
        const QString text = r.prompt.trimmed();
        if (text.isEmpty()) {
            fail(ErrorClass::InvalidRequest, u"the voice-over text is empty"_s);
            return;
        }
        QString voice = r.voice.trimmed();
        if (voice.isEmpty())
            voice = profile().options.value(u"voice"_s).toString().trimmed();
        if (voice.isEmpty())
            voice = TtsProvider::defaultVoice();
        QJsonObject body{{u"model"_s, m_model},
                         {u"input"_s, text},
                         {u"voice"_s, voice},
                         {u"response_format"_s, u"wav"_s}};
        const QVariant rate = r.extra.value(u"rate"_s);
        if (rate.isValid()) {
            bool ok = false;
            const double wordsPerMinute = rate.toDouble(&ok);
            if (ok && wordsPerMinute > 0)
                body.insert(u"speed"_s, qBound(0.25, wordsPerMinute / kDefaultWordsPerMinute, 4.0));
        }

        const QUrl url = context().endpoint(apiPath(context().baseUrl(), u"/audio/speech"_s));
        HttpRequestSpec spec = apiRequest("POST", url);
        spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        spec.contentType = "application/json";
        spec.addHeader("Accept", "audio/wav, audio/*;q=0.9, */*;q=0.5");
        spec.maxResponseBytes = qMin(profile().maxDownloadBytes, kMaxAudioBytes);
        // Streamed into the attempt folder; the file appears only when it is complete.
        spec.sinkPath = QDir(r.outputDir).filePath(u"audio.download"_s);
        reportProgress(0.01);
        send(spec, [this](const HttpResponse &response) { onAnswer(response); });
    }

private:
    void onAnswer(const HttpResponse &response)
    {
        const QString doing = u"synthesizing the voice-over"_s;
        if (!response.answered()) {
            failTransport(response, doing);
            return;
        }
        if (!response.ok()) {
            failAnswer(response, doing);
            return;
        }
        QFile file(response.filePath);
        QByteArray head;
        if (file.open(QIODevice::ReadOnly))
            head = file.read(64);
        file.close();
        if (head.isEmpty()) {
            QFile::remove(response.filePath);
            fail(ErrorClass::OutputInvalid, doing % u": the server sent no audio"_s,
                 response.status);
            return;
        }
        if (head.trimmed().startsWith('{')) {
            QFile::remove(response.filePath);
            fail(ErrorClass::ProviderError,
                 doing % u": the server answered with JSON instead of audio"_s, response.status,
                 std::nullopt, netfailure::excerpt(head));
            return;
        }
        const QString target =
            QDir(request().outputDir).filePath(audioFileName(head, response.contentType()));
        QFile::remove(target);
        if (!QFile::rename(response.filePath, target)) {
            fail(ErrorClass::FileIo,
                 u"cannot rename the download to %1"_s.arg(QFileInfo(target).fileName()));
            return;
        }
        succeed({target}, profile().costPerUnit);
    }

    // An error answer: the OpenAI envelope {"error": {message, type, code, param}} is
    // classified as the Images API's (a 429 that is "insufficient_quota" is quota, not a
    // rate limit); other servers' bodies ({"error": "..."}) only lend their message.
    void failAnswer(const HttpResponse &response, const QString &doing)
    {
        const QJsonValue error = QJsonDocument::fromJson(response.body).object().value(u"error");
        if (!error.isObject()) {
            const QString message = error.toString();
            failStatus(response, doing,
                       message.isEmpty() ? QString() : wireformat::oneLine(message, 200));
            return;
        }
        const QJsonObject envelope = error.toObject();
        const QString message = wireformat::oneLine(envelope.value(u"message"_s).toString(), 200);
        const QString code = envelope.value(u"code"_s).toVariant().toString();
        const QString param = envelope.value(u"param"_s).toString();
        const ErrorClass cls = OpenAiImagesJob::classify(
            response.status, envelope.value(u"type"_s).toString(), code, message);
        QString text = doing % u": HTTP "_s % QString::number(response.status);
        if (!message.isEmpty())
            text += u" — "_s % message;
        if (!code.isEmpty())
            text += u" ("_s % code % u')';
        if (!param.isEmpty() && cls == ErrorClass::InvalidRequest)
            text += u" [parameter \""_s % param % u"\"]"_s;
        fail(cls, text, response.status,
             cls == ErrorClass::RateLimited ? netfailure::retryAfterMs(response.headers)
                                            : std::nullopt,
             netfailure::excerpt(response.body));
    }

    QString m_model;
};

} // namespace

TtsProvider::TtsProvider(const ProviderProfile &profile)
    : NetworkProvider(withTtsOptions(profile), kindName(), u"OpenAI TTS"_s,
                      u"https://api.openai.com"_s, {Stage::Audio}, defaultModel())
{
}

QString TtsProvider::kindName()
{
    return u"openai-tts"_s;
}
QString TtsProvider::defaultModel()
{
    return u"tts-1"_s;
}
QString TtsProvider::defaultVoice()
{
    return u"alloy"_s;
}

ProviderJob *TtsProvider::createJob(const GenerationRequest &request, QObject *parent)
{
    return new TtsJob(context(), request, model(), parent);
}

ProviderJob *TtsProvider::createConnectionTest(QObject *parent)
{
    ConnectionTestSpec spec;
    spec.path = apiPath(context()->baseUrl(), u"/models"_s);
    spec.keyRequired = false;
    spec.authorize = [](HttpRequestSpec &request, const QString &key) {
        request.addHeader("Authorization", "Bearer " + key.toUtf8());
    };
    spec.evaluate = [](const HttpResponse &response) {
        ConnectionTestSpec::Verdict verdict;
        if (!response.ok()) {
            verdict.errorClass = netfailure::classifyStatus(response.status);
            verdict.problem = u"HTTP %1"_s.arg(response.status);
            return verdict;
        }
        const QJsonArray models =
            QJsonDocument::fromJson(response.body).object().value(u"data"_s).toArray();
        verdict.summary = u"the server answers (%1 models listed)"_s.arg(models.size());
        return verdict;
    };
    return new ConnectionTestJob(context(), spec, parent);
}

} // namespace retake
