#include "providers/replicatejob.h"

#include "providers/responseparsers.h"
#include "providers/wireformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace retake {

ReplicateJob::ReplicateJob(std::shared_ptr<NetworkContext> context,
                           const GenerationRequest &request, const QString &model, QObject *parent)
    : QueuedJob(std::move(context), request, model, "Bearer", "POST", parent)
{
}

ErrorClass ReplicateJob::classifyFailure(const QString &error)
{
    if (wireformat::looksLikeContentPolicy(error))
        return ErrorClass::ContentPolicy;
    if (wireformat::looksLikeOutOfMemory(error))
        return ErrorClass::OutOfMemory;
    return ErrorClass::ProviderError;
}

void ReplicateJob::begin()
{
    if (resumeId().isEmpty())
        submitNew();
    else
        reattach();
}

void ReplicateJob::reattach()
{
    // Only the id comes from the (untrusted) state: the URLs are the profile's own.
    setServerJobId(resumeId());
    m_getUrl = context().endpoint(u"/predictions/"_s + serverJobId());
    setCancelUrl(context().endpoint(u"/predictions/"_s % serverJobId() % u"/cancel"_s));
    send(apiRequest("GET", m_getUrl),
         [this](const HttpResponse &response) { onReattach(response); });
}

void ReplicateJob::onReattach(const HttpResponse &response)
{
    if (forgetGoneJob(response)) {
        submitNew();
        return;
    }
    const QString doing = u"re-attaching to prediction "_s + serverJobId();
    if (!response.ok()) {
        pollFailed(response, doing, [this] { reattach(); });
        return;
    }
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    pollSucceeded();
    const responses::ReplicatePrediction prediction = responses::readReplicatePrediction(*object);
    takeUrls(prediction);
    acceptServerJob(true);
    onPrediction(prediction);
}

void ReplicateJob::submitNew()
{
    const GenerationRequest &r = request();
    const bool video = r.stage == Stage::Video;
    QString imageUri;
    if (!inputImageUri(&imageUri))
        return;
    const int fps = r.fps > 0 ? r.fps : 24;
    QJsonObject input;
    if (video) {
        input = {{u"prompt"_s, r.prompt},
                 {u"image"_s, imageUri},
                 {u"duration"_s, r.durationSec},
                 {u"fps"_s, fps},
                 {u"seed"_s, double(r.seed)}};
    } else {
        input = {{u"prompt"_s, r.prompt},
                 {u"seed"_s, double(r.seed)},
                 {u"width"_s, r.width},
                 {u"height"_s, r.height},
                 {u"num_outputs"_s, 1}};
        if (!r.negativePrompt.isEmpty())
            input.insert(u"negative_prompt"_s, r.negativePrompt);
    }
    if (!applyInputTemplate(&input, imageUri))
        return;

    QJsonObject body{{u"input"_s, input}};
    QUrl url;
    static const QRegularExpression versionId(u"^[0-9a-f]{64}$"_s);
    const qsizetype colon = model().indexOf(u':');
    if (colon > 0) {
        body.insert(u"version"_s, model().mid(colon + 1));
        url = context().endpoint(u"/predictions"_s);
    } else if (versionId.match(model()).hasMatch()) {
        body.insert(u"version"_s, model());
        url = context().endpoint(u"/predictions"_s);
    } else if (model().count(u'/') == 1) {
        url = context().endpoint(u"/models/"_s % model() % u"/predictions"_s);
    } else {
        fail(ErrorClass::InvalidRequest,
             u"model \"%1\" is not \"owner/name\", \"owner/name:version\" or a version id"_s.arg(
                 model()));
        return;
    }
    submit(url, body, [this](const HttpResponse &response) { onCreated(response); });
}

void ReplicateJob::failAnswer(const HttpResponse &response, const QString &doing)
{
    QString why = responses::describeReplicateProblem(response.body);
    ErrorClass cls = netfailure::classifyStatus(response.status);
    if (response.status == 404)
        why = u"model or version \"%1\" not found: "_s.arg(model()) % why;
    if (cls == ErrorClass::None)
        cls = ErrorClass::ProviderError;
    fail(cls,
         doing % u": HTTP "_s % QString::number(response.status) %
             (why.isEmpty() ? QString() : u" — "_s % why),
         response.status,
         cls == ErrorClass::RateLimited ? netfailure::retryAfterMs(response.headers) : std::nullopt,
         netfailure::excerpt(response.body, 2000));
}

void ReplicateJob::takeUrls(const responses::ReplicatePrediction &prediction)
{
    const QUrl get(prediction.getUrl);
    const QUrl cancel(prediction.cancelUrl);
    // The key only goes to Replicate's own origin: foreign URLs are replaced.
    m_getUrl = UrlPolicy::sameOrigin(get, context().baseUrl())
                   ? get
                   : context().endpoint(u"/predictions/"_s + serverJobId());
    setCancelUrl(UrlPolicy::sameOrigin(cancel, context().baseUrl())
                     ? cancel
                     : context().endpoint(u"/predictions/"_s % serverJobId() % u"/cancel"_s));
}

void ReplicateJob::onCreated(const HttpResponse &response)
{
    const QString doing = u"creating the prediction"_s;
    if (isCancelling()) {
        const responses::ReplicatePrediction prediction =
            responses::readReplicatePrediction(QJsonDocument::fromJson(response.body).object());
        setServerJobId(prediction.id);
        if (!serverJobId().isEmpty())
            takeUrls(prediction);
        return;
    }
    if (!acceptAnswer(response, doing))
        return;
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    const responses::ReplicatePrediction prediction = responses::readReplicatePrediction(*object);
    setServerJobId(prediction.id);
    if (serverJobId().isEmpty()) {
        fail(ErrorClass::ProviderError, doing % u": the answer has no prediction id"_s,
             response.status);
        return;
    }
    takeUrls(prediction);
    acceptServerJob(false);
    onPrediction(prediction);
}

void ReplicateJob::poll()
{
    send(apiRequest("GET", m_getUrl), [this](const HttpResponse &response) {
        const QString doing = u"polling the prediction"_s;
        if (!response.ok()) {
            pollFailed(response, doing, [this] { poll(); });
            return;
        }
        const auto prediction = parseObject(response, doing);
        if (!prediction)
            return;
        pollSucceeded();
        onPrediction(responses::readReplicatePrediction(*prediction));
    });
}

void ReplicateJob::onPrediction(const responses::ReplicatePrediction &prediction)
{
    const QString &status = prediction.status;
    noteStatus(status);
    if (status == u"starting" || status == u"processing") {
        if (status == u"processing") {
            reportProgress(0.05 + 0.85 * prediction.progress.value_or(0.0));
        }
        schedulePoll([this] { poll(); });
        return;
    }
    if (status == u"failed") {
        const QString &error = prediction.error;
        fail(classifyFailure(error),
             u"prediction %1 failed: %2"_s.arg(
                 serverJobId(),
                 wireformat::oneLine(error.isEmpty() ? u"no error message"_s : error)),
             0, std::nullopt, prediction.logs.right(2000));
        return;
    }
    if (status == u"canceled") {
        fail(ErrorClass::Cancelled,
             u"prediction %1 was canceled on Replicate"_s.arg(serverJobId()));
        return;
    }
    if (status == u"aborted") {
        fail(ErrorClass::Timeout,
             u"prediction %1 was aborted: its deadline passed before it started"_s.arg(
                 serverJobId()));
        return;
    }
    if (status != u"succeeded") {
        fail(ErrorClass::ProviderError,
             u"prediction %1 has an unknown status \"%2\""_s.arg(serverJobId(), status));
        return;
    }
    const QString &url = prediction.outputUrl;
    if (url.isEmpty()) {
        fail(ErrorClass::ProviderError,
             u"prediction %1 succeeded without an output file"_s.arg(serverJobId()));
        return;
    }
    deliverOutput(url, 0.92);
}

} // namespace retake
