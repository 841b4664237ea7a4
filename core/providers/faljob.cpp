#include "providers/faljob.h"

#include "providers/jsontemplate.h"
#include "providers/wireformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace retake {

FalJob::FalJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
               const QString &model, QObject *parent)
    : NetworkJob(std::move(context), request, parent), m_model(model)
{
}

FalJob::~FalJob()
{
    if (isRunning())
        cancelOnServer();
}

void FalJob::authorize(HttpRequestSpec &spec) const
{
    spec.addHeader("Authorization", "Key " + apiKey().toUtf8());
}

ErrorClass FalJob::classifyErrorType(const QString &errorType, ErrorClass fallback)
{
    if (errorType == u"content_policy_violation")
        return ErrorClass::ContentPolicy;
    if (errorType == u"request_timeout" || errorType == u"startup_timeout" ||
        errorType == u"runner_connection_timeout")
        return ErrorClass::Timeout;
    if (errorType.startsWith(u"runner_") || errorType == u"internal_error")
        return ErrorClass::ProviderUnavailable;
    if (errorType == u"client_disconnected" || errorType == u"client_cancelled")
        return ErrorClass::Cancelled;
    return fallback;
}

void FalJob::begin()
{
    const GenerationRequest &r = request();
    const bool video = r.stage == Stage::Video;
    if (m_model.isEmpty() || m_model.startsWith(u'/') || m_model.contains(u"..")) {
        fail(ErrorClass::InvalidRequest,
             u"set the profile's model to a fal endpoint id, e.g. \"fal-ai/flux/schnell\""_s);
        return;
    }
    QString imageUri;
    if (video) {
        QString error;
        imageUri = wireformat::dataUriForFile(r.inputImagePath, &error);
        if (imageUri.isEmpty()) {
            fail(ErrorClass::InvalidRequest, error);
            return;
        }
    }
    const int fps = r.fps > 0 ? r.fps : 24;
    const QVariantMap values{
        {u"prompt"_s, r.prompt},
        {u"negative"_s, r.negativePrompt},
        {u"seed"_s, r.seed},
        {u"width"_s, r.width},
        {u"height"_s, r.height},
        {u"steps"_s, r.steps > 0 ? r.steps : 28},
        {u"input_image"_s, imageUri},
        {u"duration"_s, r.durationSec},
        {u"fps"_s, fps},
        {u"frames"_s, qMax(1, qRound(r.durationSec * fps))},
    };
    QJsonObject input;
    if (video) {
        input = {{u"prompt"_s, r.prompt},
                 {u"image_url"_s, imageUri},
                 {u"duration"_s, r.durationSec},
                 {u"seed"_s, double(r.seed)}};
    } else {
        input = {{u"prompt"_s, r.prompt},
                 {u"seed"_s, double(r.seed)},
                 {u"image_size"_s, QJsonObject{{u"width"_s, r.width}, {u"height"_s, r.height}}},
                 {u"num_images"_s, 1}};
        if (!r.negativePrompt.isEmpty())
            input.insert(u"negative_prompt"_s, r.negativePrompt);
    }
    const QJsonObject custom = QJsonObject::fromVariantMap(
        profile().options.value(video ? u"videoInput"_s : u"input"_s).toMap());
    QStringList unknown;
    const QJsonObject filled = JsonTemplate::fill(custom, values, &unknown).toObject();
    if (!unknown.isEmpty()) {
        fail(ErrorClass::InvalidRequest, u"the profile's input template uses unknown "
                                         u"placeholders: {{%1}}"_s.arg(unknown.join(u"}}, {{"_s)));
        return;
    }
    for (auto it = filled.begin(); it != filled.end(); ++it)
        input.insert(it.key(), it.value());
    reportProgress(0.01);
    send(
        jsonRequest("POST", context().endpoint(u'/' + m_model),
                    QJsonDocument(input).toJson(QJsonDocument::Compact)),
        [this](const HttpResponse &response) { onSubmitted(response); }, OnCancel::AwaitAnswer);
}

QUrl FalJob::ownUrl(const QString &candidate, const QString &suffix) const
{
    const QUrl url(candidate);
    if (url.isValid() && UrlPolicy::sameOrigin(url, context().baseUrl()))
        return url;
    // The key only goes to fal's own origin: build the URL from the documented layout
    // (requests live under the first two segments of the endpoint id).
    const QStringList segments = m_model.split(u'/');
    const QString app = segments.mid(0, 2).join(u'/');
    return context().endpoint(u'/' % app % u"/requests/"_s % m_requestId % suffix);
}

void FalJob::failAnswer(const HttpResponse &response, const QString &doing)
{
    const QJsonObject object = QJsonDocument::fromJson(response.body).object();
    const QJsonValue detail = object.value(u"detail"_s);
    QString errorType = object.value(u"error_type"_s).toString();
    if (errorType.isEmpty())
        errorType = QString::fromLatin1(response.header("x-fal-error-type"));
    const QString why = wireformat::describeValidationDetail(detail);
    ErrorClass cls = netfailure::classifyStatus(response.status);
    if (wireformat::detailHasType(detail, u"content_policy_violation"_s))
        cls = ErrorClass::ContentPolicy;
    else if (!errorType.isEmpty())
        cls = classifyErrorType(errorType, cls);
    if (response.status == 403 && (why.contains(u"balance", Qt::CaseInsensitive) ||
                                   why.contains(u"locked", Qt::CaseInsensitive)))
        cls = ErrorClass::QuotaExhausted;
    if (cls == ErrorClass::None)
        cls = ErrorClass::ProviderError;
    fail(cls,
         doing % u": HTTP "_s % QString::number(response.status) %
             (why.isEmpty() ? QString() : u" — "_s % why) %
             (errorType.isEmpty() ? QString() : u" ("_s % errorType % u')'),
         response.status,
         cls == ErrorClass::RateLimited ? netfailure::retryAfterMs(response.headers) : std::nullopt,
         netfailure::excerpt(response.body, 2000));
}

void FalJob::onSubmitted(const HttpResponse &response)
{
    const QString doing = u"submitting to the queue"_s;
    const QJsonObject quick = QJsonDocument::fromJson(response.body).object();
    if (isCancelling()) {
        m_requestId = quick.value(u"request_id"_s).toString();
        if (!m_requestId.isEmpty())
            m_cancelUrl = ownUrl(quick.value(u"cancel_url"_s).toString(), u"/cancel"_s);
        return;
    }
    if (!response.answered()) {
        failTransport(response, doing);
        return;
    }
    if (!response.ok()) {
        failAnswer(response, doing);
        return;
    }
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    m_requestId = object->value(u"request_id"_s).toString();
    if (m_requestId.isEmpty()) {
        fail(ErrorClass::ProviderError, doing % u": the answer has no request_id"_s,
             response.status);
        return;
    }
    m_statusUrl = ownUrl(object->value(u"status_url"_s).toString(), u"/status"_s);
    m_responseUrl = ownUrl(object->value(u"response_url"_s).toString(), {});
    m_cancelUrl = ownUrl(object->value(u"cancel_url"_s).toString(), u"/cancel"_s);
    reportProgress(0.02);
    schedulePoll([this] { pollStatus(); });
}

void FalJob::pollStatus()
{
    QUrl url = m_statusUrl;
    QUrlQuery query(url);
    query.addQueryItem(u"logs"_s, u"1"_s);
    url.setQuery(query);
    send(apiRequest("GET", url), [this](const HttpResponse &response) {
        const QString doing = u"polling the request status"_s;
        if (!response.ok() && response.status != 202) {
            if (mayRetryPoll(response)) {
                schedulePoll([this] { pollStatus(); });
                return;
            }
            if (!response.answered())
                failTransport(response, doing);
            else
                failAnswer(response, doing);
            return;
        }
        const auto object = parseObject(response, doing);
        if (!object)
            return;
        pollSucceeded();
        const QString status = object->value(u"status"_s).toString();
        if (status != m_lastStatus) {
            m_lastStatus = status;
            resetPollDelay();
        }
        if (status == u"IN_QUEUE") {
            reportProgress(0.03);
            schedulePoll([this] { pollStatus(); });
            return;
        }
        if (status == u"IN_PROGRESS") {
            QString log;
            for (const QJsonValue &line : object->value(u"logs"_s).toArray())
                log += line.toObject().value(u"message"_s).toString() + u'\n';
            const auto progress = wireformat::progressFromLog(log);
            reportProgress(0.05 + 0.85 * progress.value_or(0.0));
            schedulePoll([this] { pollStatus(); });
            return;
        }
        if (status != u"COMPLETED") {
            fail(ErrorClass::ProviderError,
                 u"request %1 has an unknown status \"%2\""_s.arg(m_requestId, status));
            return;
        }
        const QString error = object->value(u"error"_s).toVariant().toString();
        const QString errorType = object->value(u"error_type"_s).toString();
        if (!error.isEmpty() || !errorType.isEmpty()) {
            ErrorClass fallback = wireformat::looksLikeContentPolicy(error)
                                      ? ErrorClass::ContentPolicy
                                      : ErrorClass::ProviderError;
            fail(classifyErrorType(errorType, fallback),
                 u"request %1 completed with an error: %2%3"_s.arg(
                     m_requestId, wireformat::oneLine(error.isEmpty() ? errorType : error),
                     errorType.isEmpty() ? QString() : u" ("_s % errorType % u')'));
            return;
        }
        fetchResult();
    });
}

void FalJob::fetchResult()
{
    reportProgress(0.9);
    send(apiRequest("GET", m_responseUrl),
         [this](const HttpResponse &response) { onResult(response); });
}

void FalJob::onResult(const HttpResponse &response)
{
    const QString doing = u"fetching the result"_s;
    if (!response.answered()) {
        failTransport(response, doing);
        return;
    }
    if (!response.ok()) {
        failAnswer(response, doing);
        return;
    }
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    const bool video = request().stage == Stage::Video;
    QString url;
    if (video) {
        url = object->value(u"video"_s).toObject().value(u"url"_s).toString();
        if (url.isEmpty())
            url =
                object->value(u"videos"_s).toArray().first().toObject().value(u"url"_s).toString();
    } else {
        url = object->value(u"images"_s).toArray().first().toObject().value(u"url"_s).toString();
        if (url.isEmpty())
            url = object->value(u"image"_s).toObject().value(u"url"_s).toString();
    }
    if (url.isEmpty()) {
        fail(ErrorClass::ProviderError,
             doing % u": the result has no %1 URL"_s.arg(video ? u"video"_s : u"image"_s),
             response.status, std::nullopt, netfailure::excerpt(response.body));
        return;
    }
    const double cost = profile().costPerUnit * (video ? qMax(0.0, request().durationSec) : 1.0);
    if (const auto bytes = wireformat::decodeDataUri(url)) {
        writeOutput(*bytes, [this, cost](const QString &path) { succeedWithOutput(path, cost); });
        return;
    }
    downloadOutput(QUrl(url), [this, cost](const QString &path) { succeedWithOutput(path, cost); });
}

void FalJob::cancelOnServer()
{
    if (m_requestId.isEmpty() || m_cancelSent)
        return;
    m_cancelSent = true;
    if (!m_cancelUrl.isValid())
        m_cancelUrl = ownUrl({}, u"/cancel"_s);
    sendDetached(jsonRequest("PUT", m_cancelUrl, {}));
}

} // namespace retake
