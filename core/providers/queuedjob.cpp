#include "providers/queuedjob.h"

#include "domain/remotejob.h"
#include "providers/jsontemplate.h"
#include "providers/wireformat.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace retake {

QueuedJob::QueuedJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
                     const QString &model, const QByteArray &authScheme,
                     const QByteArray &cancelMethod, QObject *parent)
    : NetworkJob(std::move(context), request, parent), m_model(model), m_authScheme(authScheme),
      m_cancelMethod(cancelMethod)
{
}

QueuedJob::~QueuedJob()
{
    if (isRunning())
        cancelOnServer();
}

void QueuedJob::authorize(HttpRequestSpec &spec) const
{
    spec.addHeader("Authorization", m_authScheme + ' ' + apiKey().toUtf8());
}

void QueuedJob::cancelOnServer()
{
    if (m_serverJobId.isEmpty() || m_cancelSent || !m_cancelUrl.isValid())
        return;
    m_cancelSent = true;
    sendDetached(jsonRequest(m_cancelMethod, m_cancelUrl, {}));
}

QString QueuedJob::resumeId() const
{
    const QString &id = request().resumeJobId;
    return RemoteJobRef::isSafeId(id) ? id : QString();
}

bool QueuedJob::forgetGoneJob(const HttpResponse &response)
{
    if (response.status != 404 && response.status != 410)
        return false;
    setServerJobId({});
    setCancelUrl({});
    return true;
}

bool QueuedJob::inputImageUri(QString *uri)
{
    const GenerationRequest &r = request();
    if (r.stage != Stage::Video)
        return true;
    QString error;
    *uri = wireformat::dataUriForFile(r.inputImagePath, &error);
    if (uri->isEmpty()) {
        fail(ErrorClass::InvalidRequest, error);
        return false;
    }
    return true;
}

bool QueuedJob::applyInputTemplate(QJsonObject *input, const QString &imageUri)
{
    const GenerationRequest &r = request();
    const bool video = r.stage == Stage::Video;
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
    const QJsonObject custom = QJsonObject::fromVariantMap(
        profile().options.value(video ? u"videoInput"_s : u"input"_s).toMap());
    QStringList unknown;
    const QJsonObject filled = JsonTemplate::fill(custom, values, &unknown).toObject();
    if (!unknown.isEmpty()) {
        fail(ErrorClass::InvalidRequest, u"the profile's input template uses unknown "
                                         u"placeholders: {{%1}}"_s.arg(unknown.join(u"}}, {{"_s)));
        return false;
    }
    for (auto it = filled.begin(); it != filled.end(); ++it)
        input->insert(it.key(), it.value());
    return true;
}

void QueuedJob::submit(const QUrl &url, const QJsonObject &body, ResponseHandler handler)
{
    reportProgress(0.01);
    send(jsonRequest("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact)),
         std::move(handler), OnCancel::AwaitAnswer);
}

bool QueuedJob::acceptAnswer(const HttpResponse &response, const QString &doing)
{
    if (!response.answered()) {
        failTransport(response, doing);
        return false;
    }
    if (!response.ok()) {
        failAnswer(response, doing);
        return false;
    }
    return true;
}

void QueuedJob::pollFailed(const HttpResponse &response, const QString &doing,
                           std::function<void()> poll)
{
    if (mayRetryPoll(response)) {
        schedulePoll(std::move(poll));
        return;
    }
    if (!response.answered())
        failTransport(response, doing);
    else
        failAnswer(response, doing);
}

void QueuedJob::noteStatus(const QString &status)
{
    if (status == m_lastStatus)
        return;
    m_lastStatus = status;
    resetPollDelay();
}

void QueuedJob::deliverOutput(const QString &url, std::optional<double> downloadProgress)
{
    const bool video = request().stage == Stage::Video;
    const double cost = profile().costPerUnit * (video ? qMax(0.0, request().durationSec) : 1.0);
    if (const auto bytes = wireformat::decodeDataUri(url)) {
        writeOutput(*bytes, [this, cost](const QString &path) { succeedWithOutput(path, cost); });
        return;
    }
    if (downloadProgress)
        reportProgress(*downloadProgress);
    downloadOutput(QUrl(url), [this, cost](const QString &path) { succeedWithOutput(path, cost); });
}

} // namespace retake
