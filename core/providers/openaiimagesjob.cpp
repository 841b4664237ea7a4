#include "providers/openaiimagesjob.h"

#include "providers/openaiimagesprovider.h"
#include "providers/responseparsers.h"
#include "providers/wireformat.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace retake {

OpenAiImagesJob::OpenAiImagesJob(std::shared_ptr<NetworkContext> context,
                                 const GenerationRequest &request, const QString &model,
                                 QObject *parent)
    : NetworkJob(std::move(context), request, parent), m_model(model)
{
}

void OpenAiImagesJob::authorize(HttpRequestSpec &spec) const
{
    spec.addHeader("Authorization", "Bearer " + apiKey().toUtf8());
}

ErrorClass OpenAiImagesJob::classify(int status, const QString &type, const QString &code,
                                     const QString &message)
{
    if (code == u"moderation_blocked" || code == u"content_policy_violation" ||
        (type == u"image_generation_user_error" && wireformat::looksLikeContentPolicy(message)))
        return ErrorClass::ContentPolicy;
    if (code == u"insufficient_quota" || type == u"insufficient_quota" ||
        code == u"billing_hard_limit_reached" || code == u"billing_not_active")
        return ErrorClass::QuotaExhausted;
    if (status == 429)
        return ErrorClass::RateLimited;
    if (status == 401 || status == 403 || code == u"invalid_api_key")
        return ErrorClass::Auth;
    if (status >= 500)
        return status == 504 ? ErrorClass::Timeout : ErrorClass::ProviderUnavailable;
    if (status >= 400)
        return ErrorClass::InvalidRequest;
    return ErrorClass::ProviderError;
}

void OpenAiImagesJob::begin()
{
    const GenerationRequest &r = request();
    if (r.stage != Stage::Image) {
        fail(ErrorClass::InvalidRequest,
             u"the OpenAI Images API makes images only; choose another provider for video"_s);
        return;
    }
    const QVariantMap &options = profile().options;
    QString size = options.value(u"size"_s).toString();
    if (size.isEmpty()) {
        const QSize chosen =
            OpenAiImagesProvider::requestSize(m_model, QSize(qMax(1, r.width), qMax(1, r.height)));
        size = QString::number(chosen.width()) % u'x' % QString::number(chosen.height());
    }
    QJsonObject body{
        {u"model"_s, m_model}, {u"prompt"_s, r.prompt}, {u"n"_s, 1}, {u"size"_s, size}};
    if (m_model.startsWith(u"dall-e"))
        body.insert(u"response_format"_s, u"b64_json"_s);
    for (const QString &key : {u"quality"_s, u"background"_s, u"moderation"_s}) {
        const QString value = options.value(key).toString();
        if (!value.isEmpty())
            body.insert(key, value);
    }
    reportProgress(0.01);
    send(jsonRequest("POST", context().endpoint(u"/images/generations"_s),
                     QJsonDocument(body).toJson(QJsonDocument::Compact)),
         [this](const HttpResponse &response) { onGenerated(response); });
}

void OpenAiImagesJob::failEnvelope(const HttpResponse &response, const QString &doing)
{
    const responses::OpenAiError error = responses::readOpenAiError(response.body);
    const QString &message = error.message;
    const QString &type = error.type;
    const QString &code = error.code;
    const QString &param = error.param;
    if (!error.present) {
        failStatus(response, doing);
        return;
    }
    const ErrorClass cls = classify(response.status, type, code, message);
    QString text =
        doing % u": "_s % (message.isEmpty() ? u"HTTP %1"_s.arg(response.status) : message);
    if (!code.isEmpty())
        text += u" ("_s % code % u')';
    if (!param.isEmpty() && cls == ErrorClass::InvalidRequest)
        text += u" [parameter \""_s % param % u"\"]"_s;
    fail(cls, text, response.status,
         cls == ErrorClass::RateLimited ? netfailure::retryAfterMs(response.headers) : std::nullopt,
         netfailure::excerpt(response.body, 2000));
}

void OpenAiImagesJob::onGenerated(const HttpResponse &response)
{
    const QString doing = u"generating the image"_s;
    if (!response.answered()) {
        failTransport(response, doing);
        return;
    }
    if (!response.ok()) {
        failEnvelope(response, doing);
        return;
    }
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    const responses::OpenAiImage image = responses::readOpenAiImage(*object);
    const double cost = profile().costPerUnit;
    if (image.hasB64) {
        const std::optional<QByteArray> &bytes = image.bytes;
        if (!bytes) {
            fail(ErrorClass::OutputInvalid, doing % u": b64_json is not valid base64"_s,
                 response.status);
            return;
        }
        writeOutput(*bytes, [this, cost](const QString &path) { succeedWithOutput(path, cost); });
        return;
    }
    const QString &url = image.url;
    if (url.isEmpty()) {
        fail(ErrorClass::ProviderError, doing % u": the answer has neither b64_json nor url"_s,
             response.status, std::nullopt, netfailure::excerpt(response.body));
        return;
    }
    reportProgress(0.9);
    downloadOutput(QUrl(url), [this, cost](const QString &path) { succeedWithOutput(path, cost); });
}

} // namespace retake
