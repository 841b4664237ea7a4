#include "providers/comfyuijob.h"

#include "domain/remotejob.h"
#include "providers/responseparsers.h"
#include "providers/wireformat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace retake {

ComfyUiJob::ComfyUiJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
                       const ComfyUiWorkflow &workflow, const QString &model,
                       const QString &setupProblem, QObject *parent)
    : NetworkJob(std::move(context), request, parent), m_workflow(workflow), m_model(model),
      m_setupProblem(setupProblem),
      m_clientId(u"retake-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

ComfyUiJob::~ComfyUiJob()
{
    if (isRunning())
        cancelOnServer();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void ComfyUiJob::authorize(HttpRequestSpec &spec) const
{
    if (!apiKey().isEmpty())
        spec.addHeader("Authorization", "Bearer " + apiKey().toUtf8());
}

QString ComfyUiJob::unsafeOutputReason(const QString &fileName, const QString &subfolder,
                                       const QString &type)
{
    if (fileName.isEmpty())
        return u"an output without a file name"_s;
    if (fileName.contains(u'/') || fileName.contains(u'\\') || fileName.contains(u"..") ||
        fileName.contains(QChar(0)) || fileName.startsWith(u'.'))
        return u"output file name \"%1\" is a path"_s.arg(fileName);
    const QString &folder = subfolder;
    if (folder.startsWith(u'/') || folder.startsWith(u'\\') || folder.contains(u':') ||
        folder.contains(QChar(0)))
        return u"output subfolder \"%1\" is an absolute path"_s.arg(folder);
    for (const QString &part : folder.split(QRegularExpression(u"[/\\\\]"_s))) {
        if (part == u"..")
            return u"output subfolder \"%1\" leaves the output folder"_s.arg(folder);
    }
    if (!type.isEmpty() && type != u"output" && type != u"temp" && type != u"input")
        return u"output type \"%1\" is not output, temp or input"_s.arg(type);
    return {};
}

// ---------------------------------------------------------------------------------------
// Submission

void ComfyUiJob::begin()
{
    if (!m_setupProblem.isEmpty()) {
        fail(ErrorClass::InvalidRequest, m_setupProblem);
        return;
    }
    if (RemoteJobRef::isSafeId(request().resumeJobId))
        reattach();
    else
        submitNew();
}

void ComfyUiJob::submitNew()
{
    m_promptId.clear();
    if (profile().options.value(u"webSocket"_s, true).toBool())
        openWebSocket();
    if (request().stage == Stage::Video) {
        uploadInputImage();
        return;
    }
    submit({});
}

void ComfyUiJob::reattach()
{
    // A re-attached prompt belongs to the client id of the process that queued it: its
    // events do not come here, so /history is polled.
    m_promptId = request().resumeJobId;
    send(apiRequest("GET", context().endpoint(u"/queue"_s)),
         [this](const HttpResponse &response) { onReattachQueue(response); });
}

bool ComfyUiJob::reattachAnswered(const HttpResponse &response, const QString &doing)
{
    if (response.ok())
        return true;
    if (mayRetryPoll(response))
        schedulePoll([this] { reattach(); });
    else if (!response.answered())
        failTransport(response, doing);
    else
        failStatus(response, doing);
    return false;
}

void ComfyUiJob::onReattachQueue(const HttpResponse &response)
{
    const QString doing = u"re-attaching to prompt %1 (reading /queue)"_s.arg(m_promptId);
    if (!reattachAnswered(response, doing))
        return;
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    pollSucceeded();
    for (const QString &list : {u"queue_running"_s, u"queue_pending"_s}) {
        for (const QJsonValue entry : object->value(list).toArray()) {
            if (entry.toArray().at(1).toString() == m_promptId) {
                Q_EMIT remoteJobAccepted(m_promptId, true);
                reportProgress(0.02);
                schedulePoll([this] { pollHistory(); });
                return;
            }
        }
    }
    send(apiRequest("GET", context().endpoint(u"/history/"_s + m_promptId)),
         [this](const HttpResponse &answer) { onReattachHistory(answer); });
}

void ComfyUiJob::onReattachHistory(const HttpResponse &response)
{
    if (!reattachAnswered(response,
                          u"re-attaching to prompt %1 (reading /history)"_s.arg(m_promptId)))
        return;
    const QJsonObject object = QJsonDocument::fromJson(response.body).object();
    if (object.value(m_promptId).toObject().isEmpty()) {
        // Neither queued nor in the history: the server no longer knows it.
        submitNew();
        return;
    }
    Q_EMIT remoteJobAccepted(m_promptId, true);
    onHistory(response); // finished: its outputs, or its error
}

void ComfyUiJob::uploadInputImage()
{
    const QString path = request().inputImagePath;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        fail(ErrorClass::InvalidRequest,
             path.isEmpty() ? u"no input image for image-to-video"_s
                            : u"cannot read the input image %1"_s.arg(QFileInfo(path).fileName()));
        return;
    }
    const QByteArray image = file.readAll();
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QByteArray fileName =
        (u"retake-"_s % request().shotId % u"-a"_s % QString::number(request().attemptNumber) %
         u'.' % (suffix.isEmpty() ? u"png"_s : suffix))
            .toUtf8();
    const QByteArray boundary = "retake-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QByteArray body;
    auto field = [&](const QByteArray &fieldName, const QByteArray &value) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fieldName +
                "\"\r\n\r\n" + value + "\r\n";
    };
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" +
            fileName + "\"\r\nContent-Type: image/" + (suffix == u"jpg" ? "jpeg" : "png") +
            "\r\n\r\n" + image + "\r\n";
    field("type", "input");
    field("subfolder", "retake");
    field("overwrite", "true");
    body += "--" + boundary + "--\r\n";

    HttpRequestSpec spec = apiRequest("POST", context().endpoint(u"/upload/image"_s));
    spec.body = body;
    spec.contentType = "multipart/form-data; boundary=" + boundary;
    send(spec, [this](const HttpResponse &response) {
        const QString doing = u"uploading the input image"_s;
        if (!response.answered()) {
            failTransport(response, doing);
            return;
        }
        if (!response.ok()) {
            failStatus(response, doing);
            return;
        }
        const auto object = parseObject(response, doing);
        if (!object)
            return;
        const QString name = object->value(u"name"_s).toString();
        const QString subfolder = object->value(u"subfolder"_s).toString();
        const QString unsafe = unsafeOutputReason(name, subfolder, {});
        if (!unsafe.isEmpty()) {
            fail(ErrorClass::ProviderError, doing % u": the server answered with "_s % unsafe);
            return;
        }
        submit(subfolder.isEmpty() ? name : subfolder % u'/' % name);
    });
}

void ComfyUiJob::submit(const QString &inputImage)
{
    const GenerationRequest &r = request();
    const int fps = r.fps > 0 ? r.fps : 8;
    const int frames = qMax(1, qRound(r.durationSec * fps));
    const QVariantMap values{
        {u"prompt"_s, r.prompt},
        {u"negative"_s, r.negativePrompt},
        {u"seed"_s, r.seed},
        {u"width"_s, r.width},
        {u"height"_s, r.height},
        {u"steps"_s, r.steps > 0 ? r.steps : 20},
        {u"model"_s, m_model},
        {u"input_image"_s, inputImage},
        {u"frames"_s, frames},
        {u"fps"_s, fps},
        {u"duration"_s, r.durationSec},
        {u"filename_prefix"_s, QString(r.shotId % u"-a"_s % QString::number(r.attemptNumber))},
    };
    QString error;
    const std::optional<QJsonObject> workflow = m_workflow.instantiate(values, &error);
    if (!workflow) {
        fail(ErrorClass::InvalidRequest, error);
        return;
    }
    const QJsonObject body{{u"prompt"_s, *workflow}, {u"client_id"_s, m_clientId}};
    send(
        jsonRequest("POST", context().endpoint(u"/prompt"_s),
                    QJsonDocument(body).toJson(QJsonDocument::Compact)),
        [this](const HttpResponse &response) { onSubmitted(response); }, OnCancel::AwaitAnswer);
}

void ComfyUiJob::onSubmitted(const HttpResponse &response)
{
    const QString doing = u"queueing the workflow"_s;
    if (isCancelling()) {
        // Only the id matters now: cancelOnServer() runs right after.
        m_promptId =
            responses::readComfyPrompt(QJsonDocument::fromJson(response.body).object()).promptId;
        return;
    }
    if (!response.answered()) {
        failTransport(response, doing);
        return;
    }
    if (response.status == 400) {
        const responses::ComfyRejection rejection = responses::readComfyRejection(response.body);
        QString error = rejection.error;
        const QString &nodes = rejection.nodes;
        if (error.isEmpty())
            error = u"the workflow was rejected"_s;
        fail(ErrorClass::InvalidRequest,
             doing % u": "_s % error % (nodes.isEmpty() ? QString() : u": "_s % nodes),
             response.status, std::nullopt, netfailure::excerpt(response.body, 2000));
        return;
    }
    if (!response.ok()) {
        failStatus(response, doing);
        return;
    }
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    const responses::ComfyPromptAnswer answer = responses::readComfyPrompt(*object);
    m_promptId = answer.promptId;
    if (m_promptId.isEmpty()) {
        fail(ErrorClass::ProviderError, doing % u": the answer has no prompt_id"_s, response.status,
             std::nullopt, netfailure::excerpt(response.body));
        return;
    }
    const QJsonObject &nodeErrors = answer.nodeErrors;
    if (!nodeErrors.isEmpty()) {
        // Accepted, but the failing outputs would be skipped: not what the shot needs.
        cancelOnServer();
        fail(ErrorClass::InvalidRequest,
             doing % u": ComfyUI accepted the workflow but will skip outputs with errors: "_s %
                 responses::describeComfyNodeErrors(nodeErrors),
             response.status, std::nullopt, netfailure::excerpt(response.body, 2000));
        return;
    }
    Q_EMIT remoteJobAccepted(m_promptId, false);
    reportProgress(0.02);
    schedulePoll([this] { pollHistory(); });
}

// ---------------------------------------------------------------------------------------
// Completion: WebSocket events, /history as the fallback

void ComfyUiJob::openWebSocket()
{
    QUrl url = context().endpoint(u"/ws"_s);
    url.setScheme(url.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    url.setQuery(u"clientId="_s + m_clientId);
    QNetworkRequest socketRequest(url);
    if (!apiKey().isEmpty())
        socketRequest.setRawHeader("Authorization", "Bearer " + apiKey().toUtf8());
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, [this] { m_socketAlive = true; });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ComfyUiJob::onSocketMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &ComfyUiJob::onSocketGone);
    m_socket->open(socketRequest);
}

void ComfyUiJob::onSocketGone()
{
    if (!m_socketAlive)
        return;
    m_socketAlive = false;
    // Lost the event stream: poll /history from the shortest delay again.
    resetPollDelay();
    if (isRunning() && !m_promptId.isEmpty() && !m_historyInFlight && !m_fetching)
        schedulePoll([this] { pollHistory(); });
}

void ComfyUiJob::onSocketMessage(const QString &message)
{
    if (!isRunning())
        return;
    const responses::ComfySocketEvent event = responses::readComfySocketEvent(message.toUtf8());
    const QJsonObject &data = event.data;
    const QString &promptId = event.promptId;
    if (!promptId.isEmpty() && !m_promptId.isEmpty() && promptId != m_promptId)
        return; // another prompt of this client id (cannot happen with one id per job)
    switch (event.kind) {
    case responses::ComfySocketEvent::Kind::Progress:
        if (event.progress)
            reportProgress(0.05 + 0.85 * *event.progress);
        break;
    case responses::ComfySocketEvent::Kind::Finished:
        pollHistory();
        break;
    case responses::ComfySocketEvent::Kind::Error:
        failExecution(data);
        break;
    case responses::ComfySocketEvent::Kind::Interrupted:
        fail(ErrorClass::Cancelled,
             u"the job was interrupted on the server "_s %
                 m_workflow.describeNode(data.value(u"node_id"_s).toVariant().toString()));
        break;
    case responses::ComfySocketEvent::Kind::Other:
        break;
    }
}

void ComfyUiJob::pollHistory()
{
    if (!isRunning() || m_promptId.isEmpty() || m_historyInFlight || m_fetching)
        return;
    m_historyInFlight = true;
    send(apiRequest("GET", context().endpoint(u"/history/"_s + m_promptId)),
         [this](const HttpResponse &response) {
             m_historyInFlight = false;
             onHistory(response);
         });
}

void ComfyUiJob::onHistory(const HttpResponse &response)
{
    const QString doing = u"polling /history"_s;
    if (m_fetching)
        return;
    if (!response.ok()) {
        if (mayRetryPoll(response)) {
            schedulePoll([this] { pollHistory(); });
            return;
        }
        if (!response.answered())
            failTransport(response,
                          u"the server stopped answering while the job ran ("_s % doing % u')');
        else
            failStatus(response, doing);
        return;
    }
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    pollSucceeded();
    const responses::ComfyHistory history = responses::readComfyHistory(*object, m_promptId);
    switch (history.state) {
    case responses::ComfyHistory::State::Pending:
        schedulePoll([this] { pollHistory(); }); // still queued or running
        return;
    case responses::ComfyHistory::State::ExecutionError:
        failExecution(history.errorData);
        return;
    case responses::ComfyHistory::State::Interrupted:
        fail(ErrorClass::Cancelled, u"the job was interrupted on the server"_s);
        return;
    case responses::ComfyHistory::State::Failed:
        fail(ErrorClass::ProviderError, u"the job failed without an error message"_s, 0,
             std::nullopt, netfailure::excerpt(response.body));
        return;
    case responses::ComfyHistory::State::Finished:
        break;
    }
    fetchOutput(history.outputs);
}

void ComfyUiJob::failExecution(const QJsonObject &data)
{
    const responses::ComfyExecutionError error = responses::readComfyExecutionError(data);
    QString where = m_workflow.describeNode(error.nodeId);
    if (!error.nodeType.isEmpty() && !where.contains(error.nodeType))
        where = u"node %1 (%2)"_s.arg(error.nodeId, error.nodeType);
    const bool outOfMemory = wireformat::looksLikeOutOfMemory(error.exceptionType) ||
                             wireformat::looksLikeOutOfMemory(error.message);
    fail(outOfMemory ? ErrorClass::OutOfMemory : ErrorClass::ProviderError,
         where % u" failed: "_s %
             (error.exceptionType.isEmpty() ? u"error"_s : error.exceptionType) % u": "_s %
             wireformat::oneLine(error.message),
         0, std::nullopt, error.traceback);
}

void ComfyUiJob::fetchOutput(const QJsonObject &outputs)
{
    const bool video = request().stage == Stage::Video;
    const QString wanted = profile().options.value(u"outputNode"_s).toString();
    const auto chosen = responses::chooseComfyOutput(outputs, video, wanted);
    if (!chosen) {
        fail(ErrorClass::ProviderError,
             wanted.isEmpty() ? u"the workflow finished without an output file (does it end "
                                u"in a save node?)"_s
                              : u"output node %1 produced no file"_s.arg(wanted));
        return;
    }
    const QString &fileName = chosen->fileName;
    const QString &subfolder = chosen->subfolder;
    const QString &type = chosen->type;
    const QString unsafe = unsafeOutputReason(fileName, subfolder, type);
    if (!unsafe.isEmpty()) {
        fail(ErrorClass::UnsafeOutput,
             u"ComfyUI named an unsafe output (%1); it was not fetched"_s.arg(unsafe));
        return;
    }
    m_fetching = true;
    reportProgress(0.92);
    QUrl url = context().endpoint(u"/view"_s);
    QUrlQuery query;
    query.addQueryItem(u"filename"_s, fileName);
    query.addQueryItem(u"subfolder"_s, subfolder);
    query.addQueryItem(u"type"_s, type.isEmpty() ? u"output"_s : type);
    url.setQuery(query);
    downloadOutput(url, [this, video](const QString &path) {
        const double units = video ? qMax(0.0, request().durationSec) : 1.0;
        succeed({path}, profile().costPerUnit * units);
    });
}

// ---------------------------------------------------------------------------------------
// Cancellation

void ComfyUiJob::cancelOnServer()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    if (m_promptId.isEmpty() || m_serverCancelSent)
        return;
    m_serverCancelSent = true;
    const QJsonObject interrupt{{u"prompt_id"_s, m_promptId}};
    sendDetached(jsonRequest("POST", context().endpoint(u"/interrupt"_s),
                             QJsonDocument(interrupt).toJson(QJsonDocument::Compact)));
    const QJsonObject remove{{u"delete"_s, QJsonArray{m_promptId}}};
    sendDetached(jsonRequest("POST", context().endpoint(u"/queue"_s),
                             QJsonDocument(remove).toJson(QJsonDocument::Compact)));
}

} // namespace retake
