#include "providers/faljob.h"

#include "providers/responseparsers.h"
#include "providers/wireformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace retake {

FalJob::FalJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
               const QString &model, QObject *parent)
    : QueuedJob(std::move(context), request, model, "Key", "PUT", parent)
{
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
    if (model().isEmpty() || model().startsWith(u'/') || model().contains(u"..")) {
        fail(ErrorClass::InvalidRequest,
             u"set the profile's model to a fal endpoint id, e.g. \"fal-ai/flux/schnell\""_s);
        return;
    }
    if (resumeId().isEmpty())
        submitNew();
    else
        reattach();
}

void FalJob::reattach()
{
    // Only the id comes from the (untrusted) state: the URLs follow the profile's own layout.
    setServerJobId(resumeId());
    m_statusUrl = ownUrl({}, u"/status"_s);
    m_responseUrl = ownUrl({}, {});
    setCancelUrl(ownUrl({}, u"/cancel"_s));
    send(apiRequest("GET", m_statusUrl),
         [this](const HttpResponse &response) { onReattach(response); });
}

void FalJob::onReattach(const HttpResponse &response)
{
    if (forgetGoneJob(response)) {
        submitNew();
        return;
    }
    const QString doing = u"re-attaching to request "_s + serverJobId();
    if (!response.ok() && response.status != 202) {
        pollFailed(response, doing, [this] { reattach(); });
        return;
    }
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    pollSucceeded();
    acceptServerJob(true);
    onStatus(responses::readFalStatus(*object));
}

void FalJob::submitNew()
{
    const GenerationRequest &r = request();
    const bool video = r.stage == Stage::Video;
    QString imageUri;
    if (!inputImageUri(&imageUri))
        return;
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
    if (!applyInputTemplate(&input, imageUri))
        return;
    submit(context().endpoint(u'/' + model()), input,
           [this](const HttpResponse &response) { onSubmitted(response); });
}

QUrl FalJob::ownUrl(const QString &candidate, const QString &suffix) const
{
    QUrl url(candidate);
    if (url.isValid() && UrlPolicy::sameOrigin(url, context().baseUrl()))
        return url;
    // The key only goes to fal's own origin: build the URL from the documented layout
    // (requests live under the first two segments of the endpoint id).
    const QStringList segments = model().split(u'/');
    const QString app = segments.mid(0, 2).join(u'/');
    return context().endpoint(u'/' % app % u"/requests/"_s % serverJobId() % suffix);
}

void FalJob::failAnswer(const HttpResponse &response, const QString &doing)
{
    const responses::FalProblem problem = responses::readFalProblem(response.body);
    QString errorType = problem.errorType;
    if (errorType.isEmpty())
        errorType = QString::fromLatin1(response.header("x-fal-error-type"));
    const QString &why = problem.why;
    ErrorClass cls = netfailure::classifyStatus(response.status);
    if (problem.contentPolicy)
        cls = ErrorClass::ContentPolicy;
    else if (!errorType.isEmpty())
        cls = classifyErrorType(errorType, cls);
    if (response.status == 403 && (why.contains(u"balance", Qt::CaseInsensitive) ||
                                   why.contains(u"locked", Qt::CaseInsensitive)))
        cls = ErrorClass::QuotaExhausted;
    // A model that ran out of GPU memory answers its result request with the error as
    // the detail: {"detail": "CUDA out of memory. ..."}.
    if ((cls == ErrorClass::None || cls == ErrorClass::ProviderError ||
         cls == ErrorClass::ProviderUnavailable) &&
        wireformat::looksLikeOutOfMemory(why))
        cls = ErrorClass::OutOfMemory;
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
    if (isCancelling()) {
        const responses::FalSubmission quick =
            responses::readFalSubmission(QJsonDocument::fromJson(response.body).object());
        setServerJobId(quick.requestId);
        if (!serverJobId().isEmpty())
            setCancelUrl(ownUrl(quick.cancelUrl, u"/cancel"_s));
        return;
    }
    if (!acceptAnswer(response, doing))
        return;
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    const responses::FalSubmission submission = responses::readFalSubmission(*object);
    setServerJobId(submission.requestId);
    if (serverJobId().isEmpty()) {
        fail(ErrorClass::ProviderError, doing % u": the answer has no request_id"_s,
             response.status);
        return;
    }
    m_statusUrl = ownUrl(submission.statusUrl, u"/status"_s);
    m_responseUrl = ownUrl(submission.responseUrl, {});
    setCancelUrl(ownUrl(submission.cancelUrl, u"/cancel"_s));
    acceptServerJob(false);
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
            pollFailed(response, doing, [this] { pollStatus(); });
            return;
        }
        const auto object = parseObject(response, doing);
        if (!object)
            return;
        pollSucceeded();
        onStatus(responses::readFalStatus(*object));
    });
}

void FalJob::onStatus(const responses::FalStatus &state)
{
    const QString &status = state.status;
    noteStatus(status);
    if (status == u"IN_QUEUE") {
        reportProgress(0.03);
        schedulePoll([this] { pollStatus(); });
        return;
    }
    if (status == u"IN_PROGRESS") {
        const auto progress = wireformat::progressFromLog(state.log);
        reportProgress(0.05 + 0.85 * progress.value_or(0.0));
        schedulePoll([this] { pollStatus(); });
        return;
    }
    if (status != u"COMPLETED") {
        fail(ErrorClass::ProviderError,
             u"request %1 has an unknown status \"%2\""_s.arg(serverJobId(), status));
        return;
    }
    const QString &error = state.error;
    const QString &errorType = state.errorType;
    if (!error.isEmpty() || !errorType.isEmpty()) {
        ErrorClass fallback = ErrorClass::ProviderError;
        if (wireformat::looksLikeContentPolicy(error))
            fallback = ErrorClass::ContentPolicy;
        else if (wireformat::looksLikeOutOfMemory(error))
            fallback = ErrorClass::OutOfMemory;
        fail(classifyErrorType(errorType, fallback),
             u"request %1 completed with an error: %2%3"_s.arg(
                 serverJobId(), wireformat::oneLine(error.isEmpty() ? errorType : error),
                 errorType.isEmpty() ? QString() : u" ("_s % errorType % u')'));
        return;
    }
    fetchResult();
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
    if (!acceptAnswer(response, doing))
        return;
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    const bool video = request().stage == Stage::Video;
    const QString url = responses::falResultUrl(*object, video);
    if (url.isEmpty()) {
        fail(ErrorClass::ProviderError,
             doing % u": the result has no %1 URL"_s.arg(video ? u"video"_s : u"image"_s),
             response.status, std::nullopt, netfailure::excerpt(response.body));
        return;
    }
    deliverOutput(url);
}

} // namespace retake
