#include "simserver.h"

#include <QBuffer>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake::sim {

namespace {

const QStringList kComfyModels{u"v1-5-pruned-emaonly.safetensors"_s, u"svd_xt.safetensors"_s,
                               u"sd_xl_base_1.0.safetensors"_s};
const QStringList kA1111Samplers{u"Euler a"_s, u"Euler"_s, u"DPM++ 2M"_s, u"DDIM"_s};
const QStringList kOpenAiModels{u"gpt-image-1"_s, u"dall-e-3"_s, u"dall-e-2"_s};
// The OpenAI speech API (POST /v1/audio/speech): models, voices and response formats.
const QStringList kSpeechModels{u"tts-1"_s, u"tts-1-hd"_s, u"gpt-4o-mini-tts"_s};
const QStringList kSpeechVoices{u"alloy"_s, u"ash"_s,     u"ballad"_s, u"coral"_s,
                                u"echo"_s,  u"fable"_s,   u"onyx"_s,   u"nova"_s,
                                u"sage"_s,  u"shimmer"_s, u"verse"_s};
const QStringList kSpeechFormats{u"mp3"_s, u"opus"_s, u"aac"_s, u"flac"_s, u"wav"_s, u"pcm"_s};
constexpr qsizetype kSpeechMaxInput = 4096;

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    default:
        return "OTHER";
    }
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString tqdmLine(int step, int steps)
{
    const int percent = steps > 0 ? step * 100 / steps : 0;
    const int bars = percent / 10;
    return u"%1%|%2%3| %4/%5 [00:00<00:00, 9.99it/s]"_s.arg(percent, 3)
        .arg(QString(bars, u'#'), QString(10 - bars, u' '))
        .arg(step)
        .arg(steps);
}

QSize imageSizeOfDataUri(const QString &uri)
{
    const qsizetype comma = uri.indexOf(u',');
    if (!uri.startsWith(u"data:") || comma < 0)
        return {};
    QByteArray bytes = QByteArray::fromBase64(uri.mid(comma + 1).toLatin1());
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return QImageReader(&buffer).size();
}

// A job that fails on the GPU: a model error, or the GPU running out of memory.
bool failsOnGpu(const QString &fault)
{
    return fault == u"provider_error" || fault == u"out_of_memory";
}

// ComfyUI's execution_error for a job that fails on the GPU: as torch 2.5+ raises an
// out-of-memory error ("Allocation on device"), or a model error.
QJsonObject comfyExecutionError(const QString &promptId, const QString &fault)
{
    const bool oom = fault == u"out_of_memory";
    return QJsonObject{
        {u"prompt_id"_s, promptId},
        {u"node_id"_s, u"3"_s},
        {u"node_type"_s, u"KSampler"_s},
        {u"executed"_s, QJsonArray{u"4"_s, u"5"_s}},
        {u"exception_message"_s,
         oom ? u"Allocation on device "_s
             : u"mat1 and mat2 shapes cannot be multiplied (154x2048 and 768x320)"_s},
        {u"exception_type"_s, oom ? u"torch.OutOfMemoryError"_s : u"RuntimeError"_s},
        {u"traceback"_s, QJsonArray{u"Traceback (most recent call last):\n"_s}},
        {u"current_inputs"_s, QJsonObject{}},
        {u"current_outputs"_s, QJsonArray{}}};
}

// The error text of a failed hosted prediction (Replicate, fal).
QString hostedGpuError(const QString &fault)
{
    return fault == u"out_of_memory"
               ? u"CUDA error: out of memory\nCUDA kernel errors might be asynchronously "
                 u"reported at some other API call, so the stacktrace below might be "
                 u"incorrect."_s
               : u"Prediction failed: the model raised an exception (see the logs)"_s;
}

} // namespace

SimServer::SimServer(QObject *parent) : QAbstractHttpServer(parent)
{
    setProfile(SimProfile{});
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (hasPendingWebSocketConnections()) {
            std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
            if (!socket)
                break;
            if (m_gone) {
                socket->abort();
                continue;
            }
            const QString clientId = QUrlQuery(socket->requestUrl()).queryItemValue(u"clientId"_s);
            QWebSocket *raw = socket.release();
            raw->setParent(this);
            connect(raw, &QWebSocket::disconnected, raw, &QObject::deleteLater);
            m_sockets.insert(clientId, raw);
            int queued = 0;
            for (const Job &job : std::as_const(m_jobs))
                queued += job.protocol == u"comfyui" &&
                          (job.state == u"queued" || job.state == u"running");
            const QJsonObject status{
                {u"type"_s, u"status"_s},
                {u"data"_s,
                 QJsonObject{
                     {u"status"_s,
                      QJsonObject{{u"exec_info"_s, QJsonObject{{u"queue_remaining"_s, queued}}}}},
                     {u"sid"_s, clientId}}}};
            raw->sendTextMessage(
                QString::fromUtf8(QJsonDocument(status).toJson(QJsonDocument::Compact)));
        }
    });
}

SimServer::~SimServer() = default;

quint16 SimServer::start(quint16 port)
{
    m_port = listen(QHostAddress::LocalHost, port);
    return m_port;
}

QUrl SimServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

QUrl SimServer::baseUrl(const QString &kind) const
{
    const QString root = baseUrl().toString();
    if (kind == u"openai-images" || kind == u"openai-tts")
        return QUrl(root + u"/openai/v1"_s);
    if (kind == u"replicate")
        return QUrl(root + u"/replicate/v1"_s);
    if (kind == u"fal")
        return QUrl(root + u"/fal"_s);
    return QUrl(root);
}

void SimServer::setProfile(const SimProfile &profile)
{
    m_profile = profile;
    m_bucket = TokenBucket(profile.rateLimitPerSecond, profile.rateLimitBurst);
    m_random.seed(profile.seed);
}

void SimServer::forceFaults(const QStringList &faults)
{
    m_forced += faults;
}

void SimServer::resetStats()
{
    m_stats = SimStats{};
}

void SimServer::reset()
{
    resetStats();
    m_jobs.clear();
    m_fileToJob.clear();
    m_forced.clear();
    m_received.clear();
}

QStringList SimServer::liveJobIds() const
{
    QStringList ids;
    for (const Job &job : m_jobs) {
        if (job.state == u"queued" || job.state == u"running")
            ids << job.id;
    }
    return ids;
}

int SimServer::runningJobs() const
{
    int n = 0;
    for (const Job &job : m_jobs)
        n += job.state == u"queued" || job.state == u"running";
    return n;
}

void SimServer::disappear(int ms)
{
    if (m_gone)
        return;
    m_gone = true;
    for (QTcpServer *server : servers())
        server->close();
    const QList<QPointer<QTcpSocket>> connections = m_connectionGuards;
    for (const QPointer<QTcpSocket> &socket : connections) {
        if (socket)
            socket->abort();
    }
    m_connectionGuards.clear();
    m_connections.clear();
    for (const QPointer<QWebSocket> &socket : std::as_const(m_sockets)) {
        if (socket)
            socket->abort();
    }
    m_sockets.clear();
    if (ms > 0)
        QTimer::singleShot(ms, this, &SimServer::reappear);
}

void SimServer::reappear()
{
    if (!m_gone)
        return;
    m_gone = false;
    for (QTcpServer *server : servers()) {
        if (!server->isListening())
            server->listen(QHostAddress::LocalHost, m_port);
    }
}

// ---------------------------------------------------------------------------------------
// Answers

int SimServer::latencyMs()
{
    const double mean = m_profile.latencyMs;
    const double spread = m_profile.latencySpreadMs;
    double value = mean;
    if (m_profile.latencyDistribution == u"uniform" && spread > 0) {
        value = std::uniform_real_distribution<double>(mean - spread, mean + spread)(m_random);
    } else if (m_profile.latencyDistribution == u"normal" && spread > 0) {
        value = std::normal_distribution<double>(mean, spread)(m_random);
    } else if (m_profile.latencyDistribution == u"exponential" && mean > 0) {
        value = std::exponential_distribution<double>(1.0 / mean)(m_random);
    }
    return qMax(0, int(std::lround(value)));
}

SimServer::Answer SimServer::json(const QJsonValue &value, int status)
{
    Answer answer;
    answer.status = status;
    answer.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                  : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return answer;
}

SimServer::Answer SimServer::openAiError(int status, const QString &message, const QString &type,
                                         const QJsonValue &param, const QJsonValue &code)
{
    return json(QJsonObject{{u"error"_s, QJsonObject{{u"message"_s, message},
                                                     {u"type"_s, type},
                                                     {u"param"_s, param},
                                                     {u"code"_s, code}}}},
                status);
}

SimServer::Answer SimServer::malformed()
{
    Answer answer;
    answer.body = "{\"status\": \"succeeded\", \"output\": [\"http://";
    return answer;
}

void SimServer::respond(QTcpSocket *socket, const Answer &withoutRate, int extraDelayMs)
{
    Answer answer = withoutRate;
    answer.headers += m_rateHeaders.take(socket);
    QPointer<QTcpSocket> guard(socket);
    const int delay = latencyMs() + extraDelayMs;
    if (delay <= 0) {
        write(guard, answer);
        return;
    }
    QTimer::singleShot(delay, this, [this, guard, answer] { write(guard, answer); });
}

void SimServer::write(QPointer<QTcpSocket> socket, const Answer &answer)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (answer.delivery == Delivery::Hang)
        return;
    if (answer.delivery == Delivery::Abort) {
        // A reset in the middle of the answer: a client cannot mistake it for a stale
        // keep-alive connection and silently resend the request.
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Content-Length: 512\r\n\r\n{\"prompt_id\": ");
        socket->flush();
        QTimer::singleShot(20, socket, [socket] { socket->abort(); });
        return;
    }
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reason(answer.status) + "\r\n";
    head += "Server: retake-sim\r\n";
    if (!answer.contentType.isEmpty())
        head += "Content-Type: " + answer.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
    for (const auto &[name, value] : answer.headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    switch (answer.delivery) {
    case Delivery::Normal:
        socket->write(head + answer.body);
        return;
    case Delivery::Truncate:
        socket->write(head + answer.body.left(answer.body.size() / 2));
        socket->flush();
        socket->disconnectFromHost();
        return;
    case Delivery::Drip:
        socket->write(head);
        drip(socket, answer.body);
        return;
    case Delivery::Abort:
    case Delivery::Hang:
        return;
    }
}

void SimServer::drip(QPointer<QTcpSocket> socket, QByteArray rest)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState || rest.isEmpty())
        return;
    socket->write(rest.left(m_profile.dripBytes));
    rest.remove(0, m_profile.dripBytes);
    QTimer::singleShot(m_profile.dripIntervalMs, this,
                       [this, socket, rest] { drip(socket, rest); });
}

bool SimServer::keyAccepted(const QHttpServerRequest &request, const QByteArray &scheme) const
{
    if (m_profile.requiredKey.isEmpty())
        return true;
    return request.value("Authorization") == scheme + ' ' + m_profile.requiredKey.toUtf8();
}

// ---------------------------------------------------------------------------------------
// Routing

bool SimServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (!m_connections.contains(socket)) {
        m_connections.insert(socket);
        m_connectionGuards.append(socket);
        connect(socket, &QObject::destroyed, this,
                [this, socket] { m_connections.remove(socket); });
    }
    if (m_gone) {
        socket->abort();
        return true;
    }
    const QString path = request.url().path();
    if (path.startsWith(u"/_sim/")) {
        handleControl(request, socket);
    } else if (path.startsWith(u"/_files/")) {
        handleFile(path.mid(8), socket);
    } else if (path.startsWith(u"/sdapi/v1/")) {
        route(request, socket, u"a1111"_s);
    } else if (path.startsWith(u"/openai/v1/audio/")) {
        route(request, socket, u"openai-tts"_s);
    } else if (path.startsWith(u"/openai/v1/")) {
        route(request, socket, u"openai-images"_s);
    } else if (path.startsWith(u"/replicate/v1/")) {
        route(request, socket, u"replicate"_s);
    } else if (path.startsWith(u"/fal/")) {
        route(request, socket, u"fal"_s);
    } else {
        route(request, socket, u"comfyui"_s);
    }
    return true;
}

void SimServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    respond(socket, json(QJsonObject{{u"detail"_s, u"Not Found"_s}}, 404));
}

void SimServer::route(const QHttpServerRequest &request, QTcpSocket *socket,
                      const QString &protocol)
{
    m_stats.protocols[protocol].requests += 1;
    const QJsonDocument body = QJsonDocument::fromJson(request.body());
    m_received.append({protocol, methodName(request.method()), request.url().path(),
                       request.value("Authorization"), body.object()});
    if (m_received.size() > 64)
        m_received.removeFirst();
    if (protocol == u"comfyui")
        handleComfy(request, socket);
    else if (protocol == u"a1111")
        handleA1111(request, socket);
    else if (protocol == u"openai-images")
        handleOpenAi(request, socket);
    else if (protocol == u"openai-tts")
        handleSpeech(request, socket);
    else if (protocol == u"replicate")
        handleReplicate(request, socket);
    else
        handleFal(request, socket);
}

void SimServer::handleControl(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    if (path == u"/_sim/stats") {
        respond(socket, json(m_stats.toJson()), -latencyMs());
        return;
    }
    if (path == u"/_sim/config" && !post) {
        respond(socket, json(m_profile.toJson()));
        return;
    }
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    if (path == u"/_sim/config" && post) {
        QString error;
        const std::optional<SimProfile> profile = SimProfile::fromJson(body, m_profile, &error);
        if (!profile) {
            respond(socket, json(QJsonObject{{u"error"_s, error}}, 400));
            return;
        }
        setProfile(*profile);
        respond(socket, json(m_profile.toJson()));
        return;
    }
    if (path == u"/_sim/faults" && post) {
        QStringList faults;
        for (const QJsonValue &value : body.value(u"next"_s).toArray()) {
            if (!SimProfile::faultNames().contains(value.toString())) {
                respond(socket, json(QJsonObject{{u"error"_s,
                                                  u"unknown fault \"%1\""_s.arg(value.toString())}},
                                     400));
                return;
            }
            faults << value.toString();
        }
        forceFaults(faults);
        respond(socket, json(QJsonObject{{u"queued"_s, QJsonArray::fromStringList(m_forced)}}));
        return;
    }
    if (path == u"/_sim/reset" && post) {
        reset();
        respond(socket, json(QJsonObject{{u"reset"_s, true}}));
        return;
    }
    if (path == u"/_sim/disappear" && post) {
        respond(socket, json(QJsonObject{{u"gone"_s, true}}));
        const int ms = body.value(u"ms"_s).toInt(m_profile.disappearMs);
        QTimer::singleShot(50, this, [this, ms] { disappear(ms); });
        return;
    }
    respond(socket, json(QJsonObject{{u"error"_s, u"unknown control endpoint"_s}}, 404));
}

// ---------------------------------------------------------------------------------------
// Jobs and faults

QString SimServer::newId()
{
    const quint64 n = m_nextId++;
    const quint64 salt = m_random();
    return u"%1-%2"_s.arg(n, 6, 10, QChar(u'0')).arg(salt & 0xffffffffffull, 10, 16, QChar(u'0'));
}

QString SimServer::decideFault(const QString &protocol)
{
    const QStringList applicable = SimProfile::faultsFor(protocol);
    while (!m_forced.isEmpty()) {
        const QString fault = m_forced.takeFirst();
        if (applicable.contains(fault))
            return fault;
    }
    if (m_profile.faultRates.isEmpty())
        return {};
    const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
    double sum = 0;
    for (auto it = m_profile.faultRates.begin(); it != m_profile.faultRates.end(); ++it) {
        sum += it.value();
        if (draw < sum)
            return applicable.contains(it.key()) ? it.key() : QString();
    }
    return {};
}

SimServer::Answer SimServer::rateLimitedAnswer(const QString &protocol, int waitMs) const
{
    const QByteArray seconds = QByteArray::number(qMax(1, (waitMs + 999) / 1000));
    Answer answer;
    answer.status = 429;
    answer.headers.append({"Retry-After", seconds});
    if (protocol == u"openai-images" || protocol == u"openai-tts") {
        answer.headers.append({"retry-after-ms", QByteArray::number(qMax(1, waitMs))});
        const QString what = protocol == u"openai-tts" ? u"requests"_s : u"images"_s;
        answer.body =
            QJsonDocument(
                QJsonObject{
                    {u"error"_s, QJsonObject{{u"message"_s, u"Rate limit reached for %1 per min. "
                                                            u"Please try again in %2ms."_s.arg(what)
                                                                .arg(waitMs)},
                                             {u"type"_s, u"requests"_s},
                                             {u"param"_s, QJsonValue()},
                                             {u"code"_s, u"rate_limit_exceeded"_s}}}})
                .toJson(QJsonDocument::Compact);
    } else if (protocol == u"replicate") {
        answer.contentType = "application/problem+json";
        answer.body =
            QJsonDocument(
                QJsonObject{{u"title"_s, u"Request was throttled."_s},
                            {u"detail"_s, u"Request was throttled. Expected available "
                                          u"in %1 second."_s.arg(QString::fromLatin1(seconds))},
                            {u"status"_s, 429}})
                .toJson(QJsonDocument::Compact);
    } else if (protocol == u"a1111") {
        answer.body = QJsonDocument(QJsonObject{{u"error"_s, u"HTTPException"_s},
                                                {u"detail"_s, u"Too Many Requests"_s},
                                                {u"body"_s, u""_s},
                                                {u"errors"_s, u""_s}})
                          .toJson(QJsonDocument::Compact);
    } else {
        answer.body = QJsonDocument(QJsonObject{{u"detail"_s, u"Rate limit exceeded"_s}})
                          .toJson(QJsonDocument::Compact);
    }
    return answer;
}

bool SimServer::takeToken(const QString &protocol, QTcpSocket *socket)
{
    int waitMs = 0;
    const bool taken = m_bucket.take(&waitMs);
    if (m_bucket.isEnabled() && protocol.startsWith(u"openai"_s)) {
        // As OpenAI does on every answer: the limit per minute, what is left, and when the
        // bucket is full again ("20ms", "1s").
        const qint64 full = m_bucket.msUntilFull();
        const QByteArray reset = full < 1000 ? QByteArray::number(full) + QByteArray("ms")
                                             : QByteArray::number(full / 1000.0) + QByteArray("s");
        QList<QPair<QByteArray, QByteArray>> headers;
        headers.append({"x-ratelimit-limit-requests",
                        QByteArray::number(qRound(m_bucket.ratePerSecond() * 60.0))});
        headers.append(
            {"x-ratelimit-remaining-requests", QByteArray::number(m_bucket.remaining())});
        headers.append({"x-ratelimit-reset-requests", reset});
        m_rateHeaders.insert(socket, headers);
    }
    if (taken)
        return true;
    m_stats.protocols[protocol].rateLimited += 1;
    respond(socket, rateLimitedAnswer(protocol, waitMs));
    return false;
}

// Faults that look the same on every protocol at submission time. True when answered.
bool SimServer::answerGenericFault(const QString &protocol, const QString &fault,
                                   QTcpSocket *socket)
{
    ProtocolStats &stats = m_stats.protocols[protocol];
    Answer answer;
    if (fault == u"rate_limited") {
        answer = rateLimitedAnswer(protocol, 1000);
    } else if (fault == u"provider_unavailable") {
        answer.status = 503;
        answer.contentType = "text/html";
        answer.body = "<html><body><h1>503 Service Unavailable</h1>The server is temporarily "
                      "unable to service your request.</body></html>";
    } else if (fault == u"timeout") {
        answer.delivery = Delivery::Hang;
    } else if (fault == u"network") {
        answer.delivery = Delivery::Abort;
    } else {
        return false;
    }
    stats.faults[fault] += 1;
    stats.failed += 1;
    respond(socket, answer);
    return true;
}

SimServer::Job &SimServer::createJob(const QString &protocol, const QString &fault)
{
    Job job;
    job.id = protocol == u"comfyui" ? QUuid::createUuid().toString(QUuid::WithoutBraces) : newId();
    job.protocol = protocol;
    job.fault = fault;
    job.state = u"queued"_s;
    job.createdMs = QDateTime::currentMSecsSinceEpoch();
    m_stats.protocols[protocol].submitted += 1;
    if (!fault.isEmpty())
        m_stats.protocols[protocol].faults[fault] += 1;
    return *m_jobs.insert(job.id, job);
}

void SimServer::scheduleStep(const QString &id)
{
    const int steps = qMax(1, m_profile.progressSteps);
    const int stepMs = m_profile.jobMs / steps;
    QTimer::singleShot(stepMs, this, [this, id] { advance(id); });
}

void SimServer::advance(const QString &id)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Job &job = *it;
    if (job.state != u"queued" && job.state != u"running")
        return;
    const int steps = qMax(1, m_profile.progressSteps);
    if (job.state == u"queued") {
        job.state = u"running"_s;
        if (job.protocol == u"comfyui") {
            comfySend(job, u"execution_start"_s, QJsonObject{{u"prompt_id"_s, job.id}});
            comfySend(job, u"executing"_s,
                      QJsonObject{{u"node"_s, u"3"_s},
                                  {u"display_node"_s, u"3"_s},
                                  {u"prompt_id"_s, job.id}});
        }
        scheduleStep(id);
        return;
    }
    job.step += 1;
    const bool last = job.step >= steps;
    const bool failsMidway =
        failsOnGpu(job.fault) || job.fault == u"interrupted" || job.fault == u"content_policy";
    if (last || (failsMidway && job.step >= (steps + 1) / 2)) {
        finishJob(job);
        return;
    }
    job.logs += tqdmLine(job.step, steps) + u'\n';
    m_stats.protocols[job.protocol].progressEvents += 1;
    if (job.protocol == u"comfyui") {
        comfySend(job, u"progress"_s,
                  QJsonObject{{u"value"_s, job.step},
                              {u"max"_s, steps},
                              {u"prompt_id"_s, job.id},
                              {u"node"_s, u"3"_s}});
    }
    scheduleStep(id);
}

void SimServer::finishJob(Job &job)
{
    ProtocolStats &stats = m_stats.protocols[job.protocol];
    const bool fails = failsOnGpu(job.fault) || job.fault == u"interrupted" ||
                       (job.fault == u"content_policy" && job.protocol == u"replicate");
    if (fails) {
        job.state = job.fault == u"interrupted" ? u"canceled"_s : u"failed"_s;
        stats.failed += 1;
    } else {
        job.state = u"succeeded"_s;
        stats.completed += 1;
        const bool hostile = job.fault == u"hostile_filename";
        const QString ext = job.video ? u"mp4"_s : u"png"_s;
        job.fileName =
            hostile ? u"../../x.png"_s
                    : (job.protocol == u"comfyui" ? u"ComfyUI_%1_.%2"_s.arg(job.id.left(8), ext)
                                                  : u"%1.%2"_s.arg(job.id, ext));
        m_fileToJob.insert(job.fileName, job.id);
    }
    if (job.protocol != u"comfyui")
        return;
    if (failsOnGpu(job.fault)) {
        comfySend(job, u"execution_error"_s, comfyExecutionError(job.id, job.fault));
    } else if (job.fault == u"interrupted") {
        comfySend(job, u"execution_interrupted"_s,
                  QJsonObject{{u"prompt_id"_s, job.id},
                              {u"node_id"_s, u"3"_s},
                              {u"node_type"_s, u"KSampler"_s},
                              {u"executed"_s, QJsonArray{}}});
    } else {
        comfySend(
            job, u"executed"_s,
            QJsonObject{
                {u"node"_s, job.outputNode},
                {u"prompt_id"_s, job.id},
                {u"output"_s,
                 comfyHistoryEntry(job).value(u"outputs"_s).toObject().value(job.outputNode)}});
        comfySend(job, u"executing"_s,
                  QJsonObject{{u"node"_s, QJsonValue()}, {u"prompt_id"_s, job.id}});
        comfySend(job, u"execution_success"_s, QJsonObject{{u"prompt_id"_s, job.id}});
    }
}

void SimServer::cancelJob(Job &job)
{
    m_stats.protocols[job.protocol].cancelled += 1;
    if (job.state == u"queued" || job.state == u"running")
        job.state = u"canceled"_s;
}

QByteArray SimServer::media(const Job &job)
{
    if (job.fault == u"output_invalid")
        return SimMedia::garbage();
    if (!job.video) {
        if (m_profile.ownSize)
            return m_media.png(SimProfile::kOwnImageWidth, SimProfile::kOwnImageHeight);
        return m_media.png(job.width, job.height);
    }
    QString error;
    const QByteArray bytes =
        m_profile.ownSize ? m_media.mp4(SimProfile::kOwnVideoWidth, SimProfile::kOwnVideoHeight,
                                        SimProfile::kOwnVideoFps,
                                        job.durationSec * m_profile.ownDurationScale, &error)
                          : m_media.mp4(job.width, job.height, job.fps, job.durationSec, &error);
    if (bytes.isEmpty())
        qWarning("retake-sim: %s", qPrintable(error));
    return bytes;
}

SimServer::Answer SimServer::mediaAnswer(const Job &job)
{
    Answer answer;
    answer.contentType = job.video ? "video/mp4" : "image/png";
    answer.body = media(job);
    if (job.fault == u"truncated_download")
        answer.delivery = Delivery::Truncate;
    else if (job.fault == u"slow_drip")
        answer.delivery = Delivery::Drip;
    m_stats.protocols[job.protocol].downloads += 1;
    return answer;
}

void SimServer::handleFile(const QString &name, QTcpSocket *socket)
{
    const auto it = m_jobs.constFind(m_fileToJob.value(name));
    if (it == m_jobs.constEnd()) {
        respond(socket, json(QJsonObject{{u"detail"_s, u"Not Found"_s}}, 404));
        return;
    }
    respond(socket, mediaAnswer(*it));
}

// ---------------------------------------------------------------------------------------
// ComfyUI (server.py)

void SimServer::comfySend(const Job &job, const QString &type, const QJsonObject &data)
{
    QWebSocket *socket = m_sockets.value(job.clientId);
    if (!socket || job.clientId.isEmpty())
        return;
    QJsonObject stamped = data;
    if (type.startsWith(u"execution_"))
        stamped.insert(u"timestamp"_s, QDateTime::currentMSecsSinceEpoch());
    socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(QJsonObject{{u"type"_s, type}, {u"data"_s, stamped}})
                              .toJson(QJsonDocument::Compact)));
}

QJsonObject SimServer::comfyHistoryEntry(const Job &job) const
{
    QJsonArray messages{
        QJsonArray{u"execution_start"_s,
                   QJsonObject{{u"prompt_id"_s, job.id}, {u"timestamp"_s, job.createdMs}}}};
    QJsonObject status;
    QJsonObject outputs;
    if (failsOnGpu(job.fault)) {
        messages.append(QJsonArray{u"execution_error"_s, comfyExecutionError(job.id, job.fault)});
        status = {{u"status_str"_s, u"error"_s}, {u"completed"_s, false}};
    } else if (job.fault == u"interrupted") {
        messages.append(
            QJsonArray{u"execution_interrupted"_s, QJsonObject{{u"prompt_id"_s, job.id},
                                                               {u"node_id"_s, u"3"_s},
                                                               {u"node_type"_s, u"KSampler"_s},
                                                               {u"executed"_s, QJsonArray{}}}});
        status = {{u"status_str"_s, u"error"_s}, {u"completed"_s, false}};
    } else {
        messages.append(QJsonArray{u"execution_success"_s, QJsonObject{{u"prompt_id"_s, job.id}}});
        status = {{u"status_str"_s, u"success"_s}, {u"completed"_s, true}};
        const bool hostile = job.fault == u"hostile_filename";
        const QJsonObject file{{u"filename"_s, job.fileName},
                               {u"subfolder"_s, hostile ? u"/etc"_s : u"retake"_s},
                               {u"type"_s, u"output"_s}};
        QJsonObject output{{u"images"_s, QJsonArray{file}}};
        if (job.video)
            output.insert(u"animated"_s, QJsonArray{true});
        outputs.insert(job.outputNode, output);
    }
    status.insert(u"messages"_s, messages);
    return {{u"prompt"_s, QJsonArray{m_comfyNumber, job.id, job.workflow, QJsonObject{},
                                     QJsonArray{job.outputNode}}},
            {u"outputs"_s, outputs},
            {u"status"_s, status},
            {u"meta"_s, QJsonObject{}}};
}

void SimServer::handleComfy(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    ProtocolStats &stats = m_stats.protocols[u"comfyui"_s];
    if (path == u"/system_stats") {
        respond(socket, json(QJsonObject{
                            {u"system"_s, QJsonObject{{u"os"_s, u"posix"_s},
                                                      {u"comfyui_version"_s, u"0.3.40-sim"_s},
                                                      {u"python_version"_s, u"3.11"_s},
                                                      {u"embedded_python"_s, false}}},
                            {u"devices"_s, QJsonArray{QJsonObject{{u"name"_s, u"retake-sim GPU"_s},
                                                                  {u"type"_s, u"cuda"_s},
                                                                  {u"index"_s, 0}}}}}));
        return;
    }
    if (path == u"/upload/image" && post) {
        const QByteArray body = request.body();
        static const QRegularExpression filename(u"filename=\"([^\"]*)\""_s);
        const QString name = filename.match(QString::fromLatin1(body.left(4096))).captured(1);
        if (name.isEmpty()) {
            respond(socket, Answer{400, "text/plain", "400: Bad Request", {}, Delivery::Normal});
            return;
        }
        respond(socket,
                json(QJsonObject{
                    {u"name"_s, name}, {u"subfolder"_s, u"retake"_s}, {u"type"_s, u"input"_s}}));
        return;
    }
    if (path == u"/prompt" && post) {
        const QString fault = decideFault(u"comfyui"_s);
        if (answerGenericFault(u"comfyui"_s, fault, socket))
            return;
        if (!takeToken(u"comfyui"_s, socket))
            return;
        if (fault == u"auth") {
            stats.faults[fault] += 1;
            stats.failed += 1;
            respond(socket,
                    json(QJsonObject{{u"error"_s,
                                      QString(u"Unauthorized: bad token "_s +
                                              QString::fromUtf8(request.value("Authorization")))}},
                         401));
            return;
        }
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QJsonObject prompt = body.value(u"prompt"_s).toObject();
        if (prompt.isEmpty()) {
            respond(socket, json(QJsonObject{{u"error"_s,
                                              QJsonObject{{u"type"_s, u"no_prompt"_s},
                                                          {u"message"_s, u"No prompt provided"_s},
                                                          {u"details"_s, u"No prompt provided"_s},
                                                          {u"extra_info"_s, QJsonObject{}}}},
                                             {u"node_errors"_s, QJsonObject{}}},
                                 400));
            return;
        }
        // Validation as execution.validate_prompt does it, for what the sim knows.
        QJsonObject nodeErrors;
        QString outputNode;
        Job probe;
        for (auto it = prompt.begin(); it != prompt.end(); ++it) {
            const QJsonObject node = it.value().toObject();
            const QString type = node.value(u"class_type"_s).toString();
            const QJsonObject inputs = node.value(u"inputs"_s).toObject();
            if (type.startsWith(u"Save") || type == u"VHS_VideoCombine") {
                outputNode = it.key();
                probe.video = probe.video || type.contains(u"Video") || type.contains(u"WEBM") ||
                              type == u"VHS_VideoCombine";
            }
            if (inputs.contains(u"ckpt_name"_s) &&
                !kComfyModels.contains(inputs.value(u"ckpt_name"_s).toString())) {
                const QString value = inputs.value(u"ckpt_name"_s).toString();
                nodeErrors.insert(
                    it.key(),
                    QJsonObject{
                        {u"errors"_s,
                         QJsonArray{QJsonObject{
                             {u"type"_s, u"value_not_in_list"_s},
                             {u"message"_s, u"Value not in list"_s},
                             {u"details"_s, u"ckpt_name: '%1' not in %2"_s.arg(
                                                value, kComfyModels.join(u", "_s))},
                             {u"extra_info"_s, QJsonObject{{u"input_name"_s, u"ckpt_name"_s}}}}}},
                        {u"dependent_outputs"_s, QJsonArray{}},
                        {u"class_type"_s, type}});
            }
            if (inputs.value(u"width"_s).isDouble())
                probe.width = inputs.value(u"width"_s).toInt();
            if (inputs.value(u"height"_s).isDouble())
                probe.height = inputs.value(u"height"_s).toInt();
            if (inputs.value(u"fps"_s).isDouble())
                probe.fps = qMax(1, inputs.value(u"fps"_s).toInt());
            for (const QString &key : {u"video_frames"_s, u"length"_s, u"frames"_s}) {
                if (inputs.value(key).isDouble())
                    probe.step = inputs.value(key).toInt(); // frames, until the job is made
            }
        }
        if (fault == u"invalid_request") {
            stats.faults[fault] += 1;
            stats.failed += 1;
            nodeErrors.insert(
                u"3"_s,
                QJsonObject{{u"errors"_s,
                             QJsonArray{QJsonObject{
                                 {u"type"_s, u"value_smaller_than_min"_s},
                                 {u"message"_s, u"Value 0 smaller than min of 1"_s},
                                 {u"details"_s, u"steps"_s},
                                 {u"extra_info"_s, QJsonObject{{u"input_name"_s, u"steps"_s}}}}}},
                            {u"dependent_outputs"_s, QJsonArray{outputNode}},
                            {u"class_type"_s, u"KSampler"_s}});
        }
        if (!nodeErrors.isEmpty()) {
            respond(
                socket,
                json(QJsonObject{{u"error"_s,
                                  QJsonObject{{u"type"_s, u"prompt_outputs_failed_validation"_s},
                                              {u"message"_s, u"Prompt outputs failed validation"_s},
                                              {u"details"_s, u""_s},
                                              {u"extra_info"_s, QJsonObject{}}}},
                                 {u"node_errors"_s, nodeErrors}},
                     400));
            return;
        }
        Job &job = createJob(u"comfyui"_s, fault);
        job.clientId = body.value(u"client_id"_s).toString();
        job.workflow = prompt;
        job.outputNode = outputNode.isEmpty() ? u"9"_s : outputNode;
        job.width = probe.width;
        job.height = probe.height;
        job.video = probe.video;
        job.fps = probe.fps;
        job.durationSec = probe.step > 0 ? double(probe.step) / probe.fps : 1.0;
        const int number = m_comfyNumber++;
        QJsonObject answerErrors;
        if (fault == u"node_errors_200") {
            answerErrors.insert(
                u"10"_s,
                QJsonObject{{u"errors"_s,
                             QJsonArray{QJsonObject{
                                 {u"type"_s, u"required_input_missing"_s},
                                 {u"message"_s, u"Required input is missing"_s},
                                 {u"details"_s, u"images"_s},
                                 {u"extra_info"_s, QJsonObject{{u"input_name"_s, u"images"_s}}}}}},
                            {u"dependent_outputs"_s, QJsonArray{u"10"_s}},
                            {u"class_type"_s, u"PreviewImage"_s}});
        }
        const QString id = job.id;
        respond(socket, json(QJsonObject{{u"prompt_id"_s, id},
                                         {u"number"_s, number},
                                         {u"node_errors"_s, answerErrors}}));
        if (fault == u"disappear") {
            QTimer::singleShot(latencyMs() + 20, this,
                               [this] { disappear(m_profile.disappearMs); });
            return;
        }
        scheduleStep(id);
        return;
    }
    if (path.startsWith(u"/history/")) {
        const QString id = path.mid(9);
        const auto it = m_jobs.constFind(id);
        if (it == m_jobs.constEnd() || it->state == u"queued" || it->state == u"running" ||
            (it->state == u"canceled" && it->fault != u"interrupted")) {
            respond(socket, json(QJsonObject{}));
            return;
        }
        if (it->fault == u"malformed_json") {
            respond(socket, malformed());
            return;
        }
        respond(socket, json(QJsonObject{{id, comfyHistoryEntry(*it)}}));
        return;
    }
    if (path == u"/view") {
        const QUrlQuery query(request.url());
        const QString name = query.queryItemValue(u"filename"_s, QUrl::FullyDecoded);
        if (name.startsWith(u'/') || name.contains(u"..")) {
            respond(socket, Answer{400, "text/plain", "400: Bad Request", {}, Delivery::Normal});
            return;
        }
        handleFile(name, socket);
        return;
    }
    if (path == u"/interrupt" && post) {
        const QString id =
            QJsonDocument::fromJson(request.body()).object().value(u"prompt_id"_s).toString();
        for (Job &job : m_jobs) {
            if (job.protocol == u"comfyui" && job.state == u"running" &&
                (id.isEmpty() || job.id == id)) {
                cancelJob(job);
                comfySend(job, u"execution_interrupted"_s,
                          QJsonObject{{u"prompt_id"_s, job.id},
                                      {u"node_id"_s, u"3"_s},
                                      {u"node_type"_s, u"KSampler"_s},
                                      {u"executed"_s, QJsonArray{}}});
            }
        }
        respond(socket, Answer{200, "text/plain", {}, {}, Delivery::Normal});
        return;
    }
    if (path == u"/queue" && post) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        for (const QJsonValue &value : body.value(u"delete"_s).toArray()) {
            auto it = m_jobs.find(value.toString());
            if (it != m_jobs.end() && it->state == u"queued")
                cancelJob(*it);
        }
        respond(socket, Answer{200, "text/plain", {}, {}, Delivery::Normal});
        return;
    }
    if (path == u"/queue") {
        QJsonArray running;
        QJsonArray pending;
        for (const Job &job : std::as_const(m_jobs)) {
            if (job.protocol != u"comfyui")
                continue;
            if (job.state == u"running")
                running.append(QJsonArray{0, job.id});
            else if (job.state == u"queued")
                pending.append(QJsonArray{0, job.id});
        }
        respond(socket,
                json(QJsonObject{{u"queue_running"_s, running}, {u"queue_pending"_s, pending}}));
        return;
    }
    respond(socket, Answer{404, "text/plain", "404: Not Found", {}, Delivery::Normal});
}

// ---------------------------------------------------------------------------------------
// AUTOMATIC1111 (modules/api/api.py)

void SimServer::handleA1111(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    ProtocolStats &stats = m_stats.protocols[u"a1111"_s];
    auto httpException = [](int status, const QString &detail) {
        return json(QJsonObject{{u"error"_s, u"HTTPException"_s},
                                {u"detail"_s, detail},
                                {u"body"_s, u""_s},
                                {u"errors"_s, u""_s}},
                    status);
    };
    if (path == u"/sdapi/v1/sd-models") {
        QJsonArray models;
        for (const QString &name : kComfyModels) {
            const QString base = name.section(u'.', 0, -2);
            models.append(
                QJsonObject{{u"title"_s, name},
                            {u"model_name"_s, base},
                            {u"hash"_s, u"6ce0161689"_s},
                            {u"filename"_s, QString(u"/models/Stable-diffusion/"_s + name)},
                            {u"config"_s, QJsonValue()}});
        }
        respond(socket, json(models));
        return;
    }
    if (path == u"/sdapi/v1/options") {
        respond(socket, json(QJsonObject{{u"sd_model_checkpoint"_s, kComfyModels.first()},
                                         {u"samples_format"_s, u"png"_s}}));
        return;
    }
    if (path == u"/sdapi/v1/progress") {
        double progress = 0;
        int jobs = 0;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const Job &job : std::as_const(m_jobs)) {
            if (job.protocol == u"a1111" && job.state == u"running") {
                jobs += 1;
                progress =
                    qMax(progress, m_profile.jobMs > 0
                                       ? qMin(0.99, double(now - job.createdMs) / m_profile.jobMs)
                                       : 0.5);
            }
        }
        stats.progressEvents += jobs > 0;
        respond(socket, json(QJsonObject{{u"progress"_s, progress},
                                         {u"eta_relative"_s, 0.0},
                                         {u"state"_s, QJsonObject{{u"job_count"_s, jobs},
                                                                  {u"interrupted"_s, false}}},
                                         {u"current_image"_s, QJsonValue()},
                                         {u"textinfo"_s, QJsonValue()}}));
        return;
    }
    if (path == u"/sdapi/v1/interrupt" && post) {
        for (Job &job : m_jobs) {
            if (job.protocol == u"a1111" && job.state == u"running")
                cancelJob(job);
        }
        respond(socket, json(QJsonObject{}));
        return;
    }
    if ((path == u"/sdapi/v1/txt2img" || path == u"/sdapi/v1/img2img") && post) {
        const QString fault = decideFault(u"a1111"_s);
        if (answerGenericFault(u"a1111"_s, fault, socket))
            return;
        if (!takeToken(u"a1111"_s, socket))
            return;
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        QJsonArray detail;
        for (const QString &key : {u"width"_s, u"height"_s, u"steps"_s}) {
            if (body.contains(key) && !body.value(key).isDouble()) {
                detail.append(QJsonObject{{u"loc"_s, QJsonArray{u"body"_s, key}},
                                          {u"msg"_s, u"value is not a valid integer"_s},
                                          {u"type"_s, u"type_error.integer"_s}});
            }
        }
        if (fault == u"invalid_request") {
            detail.append(
                QJsonObject{{u"loc"_s, QJsonArray{u"body"_s, u"width"_s}},
                            {u"msg"_s, u"ensure this value is less than or equal to 2048"_s},
                            {u"type"_s, u"value_error.number.not_le"_s}});
        }
        if (!detail.isEmpty()) {
            if (!fault.isEmpty()) {
                stats.faults[fault] += 1;
                stats.failed += 1;
            }
            respond(socket, json(QJsonObject{{u"detail"_s, detail}}, 422));
            return;
        }
        if (fault == u"auth") {
            stats.faults[fault] += 1;
            stats.failed += 1;
            respond(socket, httpException(401, u"Incorrect username or password"_s));
            return;
        }
        const QString sampler = body.value(u"sampler_name"_s).toString(u"Euler a"_s);
        if (!kA1111Samplers.contains(sampler)) {
            respond(socket, httpException(400, u"Sampler not found"_s));
            return;
        }
        const QString model = body.value(u"override_settings"_s)
                                  .toObject()
                                  .value(u"sd_model_checkpoint"_s)
                                  .toString();
        bool modelKnown = model.isEmpty();
        for (const QString &name : kComfyModels)
            modelKnown = modelKnown || name == model || name.section(u'.', 0, -2) == model;
        if (!modelKnown) {
            respond(socket, httpException(404, u"Model not found"_s));
            return;
        }
        Job &job = createJob(u"a1111"_s, fault);
        job.state = u"running"_s;
        job.width = body.value(u"width"_s).toInt(512);
        job.height = body.value(u"height"_s).toInt(512);
        Answer answer;
        if (failsOnGpu(fault)) {
            // handle_exception() in modules/api/api.py: the exception's type and text.
            const bool oom = fault == u"out_of_memory";
            job.state = u"failed"_s;
            stats.failed += 1;
            answer = json(QJsonObject{{u"error"_s, oom ? u"OutOfMemoryError"_s : u"RuntimeError"_s},
                                      {u"detail"_s, u""_s},
                                      {u"body"_s, u""_s},
                                      {u"errors"_s,
                                       oom ? u"CUDA out of memory. Tried to allocate 2.00 GiB "
                                             u"(GPU 0; 7.79 GiB total capacity)"_s
                                           : u"Expected all tensors to be on the same device"_s}},
                          500);
        } else if (fault == u"malformed_json") {
            answer = malformed();
        } else {
            const QByteArray image = media(job);
            answer = json(QJsonObject{
                {u"images"_s, QJsonArray{QString::fromLatin1(image.toBase64())}},
                {u"parameters"_s, QJsonObject{{u"prompt"_s, body.value(u"prompt"_s)}}},
                {u"info"_s, u"{\"seed\": %1}"_s.arg(body.value(u"seed"_s).toDouble())}});
            if (fault == u"truncated_download")
                answer.delivery = Delivery::Truncate;
            else if (fault == u"slow_drip")
                answer.delivery = Delivery::Drip;
        }
        const QString id = job.id;
        QPointer<QTcpSocket> guard(socket);
        const int delay = latencyMs() + m_profile.jobMs;
        if (fault == u"disappear") {
            QTimer::singleShot(delay / 2, this, [this] { disappear(m_profile.disappearMs); });
            return;
        }
        QTimer::singleShot(delay, this, [this, guard, answer, id] {
            auto it = m_jobs.find(id);
            if (it != m_jobs.end()) {
                if (it->state == u"running") {
                    it->state = u"succeeded"_s;
                    m_stats.protocols[u"a1111"_s].completed += 1;
                }
                m_jobs.erase(it);
            }
            write(guard, answer);
        });
        return;
    }
    respond(socket, json(QJsonObject{{u"detail"_s, u"Not Found"_s}}, 404));
}

// ---------------------------------------------------------------------------------------
// OpenAI Images

void SimServer::handleOpenAi(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path().mid(QStringLiteral("/openai/v1").size());
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    ProtocolStats &stats = m_stats.protocols[u"openai-images"_s];
    const auto error = &SimServer::openAiError;
    const QString given = QString::fromUtf8(request.value("Authorization")).mid(7);
    auto unauthorized = [&] {
        return error(401,
                     u"Incorrect API key provided: %1. You can find your API key at "
                     u"https://platform.openai.com/account/api-keys."_s.arg(given),
                     u"invalid_request_error"_s, QJsonValue(), u"invalid_api_key"_s);
    };
    if (!keyAccepted(request, "Bearer")) {
        respond(socket, unauthorized());
        return;
    }
    if (path == u"/models") {
        QJsonArray models;
        for (const QString &model : kOpenAiModels + kSpeechModels)
            models.append(QJsonObject{{u"id"_s, model},
                                      {u"object"_s, u"model"_s},
                                      {u"created"_s, 1700000000},
                                      {u"owned_by"_s, u"system"_s}});
        respond(socket, json(QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, models}}));
        return;
    }
    if (path != u"/images/generations" || !post) {
        respond(socket, error(404,
                              u"Invalid URL (%1 /v1%2)"_s.arg(
                                  QString::fromLatin1(post ? "POST" : "GET"), path),
                              u"invalid_request_error"_s, QJsonValue(), QJsonValue()));
        return;
    }
    const QString fault = decideFault(u"openai-images"_s);
    if (fault == u"rate_limited" || fault == u"provider_unavailable") {
        stats.faults[fault] += 1;
        stats.failed += 1;
        respond(socket, fault == u"rate_limited"
                            ? rateLimitedAnswer(u"openai-images"_s, 1000)
                            : error(503, u"The server is overloaded or not ready yet."_s,
                                    u"server_error"_s, QJsonValue(), QJsonValue()));
        return;
    }
    if (answerGenericFault(u"openai-images"_s, fault, socket))
        return;
    if (!takeToken(u"openai-images"_s, socket))
        return;
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    const QString model = body.value(u"model"_s).toString(u"dall-e-2"_s);
    Answer failure;
    if (fault == u"auth") {
        failure = unauthorized();
    } else if (fault == u"content_policy") {
        failure = error(400,
                        u"Your request was rejected by the safety system. If you believe "
                        u"this is an error, contact us at help.openai.com."_s,
                        u"image_generation_user_error"_s, QJsonValue(), u"moderation_blocked"_s);
    } else if (fault == u"quota_exhausted") {
        failure = error(429,
                        u"You exceeded your current quota, please check your plan and "
                        u"billing details."_s,
                        u"insufficient_quota"_s, QJsonValue(), u"insufficient_quota"_s);
    } else if (fault == u"invalid_request") {
        failure = error(400, u"Invalid value for 'quality': expected one of low, medium, high"_s,
                        u"invalid_request_error"_s, u"quality"_s, u"invalid_value"_s);
    } else if (!kOpenAiModels.contains(model)) {
        failure = error(404, u"The model '%1' does not exist."_s.arg(model),
                        u"invalid_request_error"_s, u"model"_s, u"model_not_found"_s);
    }
    QStringList sizes{u"1024x1024"_s, u"1536x1024"_s, u"1024x1536"_s, u"auto"_s};
    if (model == u"dall-e-3")
        sizes = {u"1024x1024"_s, u"1792x1024"_s, u"1024x1792"_s};
    else if (model == u"dall-e-2")
        sizes = {u"256x256"_s, u"512x512"_s, u"1024x1024"_s};
    const QString size = body.value(u"size"_s).toString(u"1024x1024"_s);
    if (failure.body.isEmpty() && !sizes.contains(size)) {
        failure = error(
            400, u"Invalid value: '%1'. Supported values are: %2."_s.arg(size, sizes.join(u", "_s)),
            u"invalid_request_error"_s, u"size"_s, u"invalid_value"_s);
    }
    if (!failure.body.isEmpty()) {
        if (!fault.isEmpty())
            stats.failed += 1, stats.faults[fault] += 1;
        respond(socket, failure);
        return;
    }
    Job &job = createJob(u"openai-images"_s, fault);
    job.state = u"succeeded"_s;
    const QString pixels = size == u"auto" ? u"1024x1024"_s : size;
    job.width = pixels.section(u'x', 0, 0).toInt();
    job.height = pixels.section(u'x', 1, 1).toInt();
    Answer answer;
    if (fault == u"provider_error") {
        stats.failed += 1;
        answer = json(QJsonObject{{u"created"_s, 1700000000}, {u"data"_s, QJsonArray{}}});
    } else if (fault == u"malformed_json") {
        answer = malformed();
    } else if (m_profile.openaiResponse == u"url") {
        job.fileName = job.id + u".png"_s;
        m_fileToJob.insert(job.fileName, job.id);
        stats.completed += 1;
        answer = json(QJsonObject{
            {u"created"_s, 1700000000},
            {u"data"_s,
             QJsonArray{QJsonObject{
                 {u"url"_s, QString(baseUrl().toString() + u"/_files/"_s + job.fileName)}}}}});
    } else {
        stats.completed += 1;
        answer = json(QJsonObject{
            {u"created"_s, 1700000000},
            {u"data"_s,
             QJsonArray{QJsonObject{{u"b64_json"_s, QString::fromLatin1(media(job).toBase64())}}}},
            {u"usage"_s, QJsonObject{{u"total_tokens"_s, 100}}}});
        if (fault == u"truncated_download")
            answer.delivery = Delivery::Truncate;
        else if (fault == u"slow_drip")
            answer.delivery = Delivery::Drip;
    }
    if (fault == u"disappear") {
        QTimer::singleShot(latencyMs() + m_profile.jobMs / 2, this,
                           [this] { disappear(m_profile.disappearMs); });
        return;
    }
    respond(socket, answer, m_profile.jobMs);
}

// ---------------------------------------------------------------------------------------
// OpenAI speech (POST /v1/audio/speech): JSON {model, input, voice, response_format, speed},
// answered with the audio bytes themselves, or with the OpenAI error envelope.

void SimServer::handleSpeech(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString protocol = u"openai-tts"_s;
    const QString path = request.url().path().mid(QStringLiteral("/openai/v1").size());
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    ProtocolStats &stats = m_stats.protocols[protocol];
    const auto error = &SimServer::openAiError;
    const QString given = QString::fromUtf8(request.value("Authorization")).mid(7);
    auto unauthorized = [&] {
        return error(401,
                     u"Incorrect API key provided: %1. You can find your API key at "
                     u"https://platform.openai.com/account/api-keys."_s.arg(given),
                     u"invalid_request_error"_s, QJsonValue(), u"invalid_api_key"_s);
    };
    if (!keyAccepted(request, "Bearer")) {
        respond(socket, unauthorized());
        return;
    }
    if (path != u"/audio/speech" || !post) {
        respond(socket, error(404,
                              u"Invalid URL (%1 /v1%2)"_s.arg(
                                  QString::fromLatin1(post ? "POST" : "GET"), path),
                              u"invalid_request_error"_s, QJsonValue(), QJsonValue()));
        return;
    }
    const QString fault = decideFault(protocol);
    if (fault == u"provider_unavailable") {
        stats.faults[fault] += 1;
        stats.failed += 1;
        respond(socket, error(503, u"The server is overloaded or not ready yet."_s,
                              u"server_error"_s, QJsonValue(), QJsonValue()));
        return;
    }
    if (answerGenericFault(protocol, fault, socket))
        return;
    if (!takeToken(protocol, socket))
        return;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    const QJsonObject body = document.object();
    const QString model = body.value(u"model"_s).toString();
    const QJsonValue input = body.value(u"input"_s);
    const QJsonValue voice = body.value(u"voice"_s);
    const QString format = body.value(u"response_format"_s).toString(u"mp3"_s);
    const QJsonValue speedValue = body.value(u"speed"_s);
    const double speed = speedValue.isUndefined() ? 1.0 : speedValue.toDouble(-1.0);
    Answer failure;
    if (fault == u"auth") {
        failure = unauthorized();
    } else if (fault == u"quota_exhausted") {
        failure = error(429,
                        u"You exceeded your current quota, please check your plan and "
                        u"billing details."_s,
                        u"insufficient_quota"_s, QJsonValue(), u"insufficient_quota"_s);
    } else if (fault == u"invalid_request") {
        failure = error(400,
                        u"[{'type': 'enum', 'loc': ('body', 'voice'), 'msg': \"Input should "
                        u"be one of the supported voices\"}]"_s,
                        u"invalid_request_error"_s, u"voice"_s, u"invalid_value"_s);
    } else if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        failure = error(400,
                        u"We could not parse the JSON body of your request. The OpenAI API "
                        u"expects a JSON payload."_s,
                        u"invalid_request_error"_s, QJsonValue(), QJsonValue());
    } else if (model.isEmpty()) {
        failure = error(400, u"you must provide a model parameter"_s, u"invalid_request_error"_s,
                        QJsonValue(), QJsonValue());
    } else if (!kSpeechModels.contains(model)) {
        failure = error(
            404, u"The model '%1' does not exist or you do not have access to it."_s.arg(model),
            u"invalid_request_error"_s, u"model"_s, u"model_not_found"_s);
    } else if (!input.isString() || input.toString().isEmpty()) {
        failure = error(400, u"Missing required parameter: 'input'."_s, u"invalid_request_error"_s,
                        u"input"_s, u"missing_required_parameter"_s);
    } else if (input.toString().size() > kSpeechMaxInput) {
        failure =
            error(400,
                  u"Invalid 'input': string too long. Expected a string with maximum "
                  u"length %1, but got a string with length %2 instead."_s.arg(kSpeechMaxInput)
                      .arg(input.toString().size()),
                  u"invalid_request_error"_s, u"input"_s, u"string_above_max_length"_s);
    } else if (!voice.isString()) {
        failure = error(400, u"Missing required parameter: 'voice'."_s, u"invalid_request_error"_s,
                        u"voice"_s, u"missing_required_parameter"_s);
    } else if (!kSpeechVoices.contains(voice.toString())) {
        failure = error(400,
                        u"Invalid value: '%1'. Supported values are: %2."_s.arg(
                            voice.toString(), kSpeechVoices.join(u", "_s)),
                        u"invalid_request_error"_s, u"voice"_s, u"invalid_value"_s);
    } else if (!kSpeechFormats.contains(format)) {
        failure = error(400,
                        u"Invalid value: '%1'. Supported values are: %2."_s.arg(
                            format, kSpeechFormats.join(u", "_s)),
                        u"invalid_request_error"_s, u"response_format"_s, u"invalid_value"_s);
    } else if (speed < 0.25 || speed > 4.0) {
        failure = error(400,
                        u"Invalid 'speed': expected a number from 0.25 to 4.0, got %1."_s.arg(
                            speedValue.toVariant().toString()),
                        u"invalid_request_error"_s, u"speed"_s, u"invalid_value"_s);
    }
    if (!failure.body.isEmpty()) {
        if (!fault.isEmpty())
            stats.failed += 1, stats.faults[fault] += 1;
        respond(socket, failure);
        return;
    }

    Job &job = createJob(protocol, fault);
    job.state = u"succeeded"_s;
    job.model = model;
    Answer answer;
    if (fault == u"malformed_json") {
        // A broken gateway: JSON (cut short) where the audio should be.
        answer = malformed();
    } else if (fault == u"output_invalid") {
        answer.contentType = SimMedia::speechContentType(format);
        answer.body = SimMedia::garbage();
    } else {
        QString why;
        answer.contentType = SimMedia::speechContentType(format);
        answer.body = m_media.speech(input.toString(), voice.toString(), speed, format, &why);
        if (answer.body.isEmpty()) {
            stats.failed += 1;
            respond(socket, error(500,
                                  u"The server had an error while processing your request "
                                  u"(retake-sim: %1)."_s.arg(why),
                                  u"server_error"_s, QJsonValue(), QJsonValue()));
            return;
        }
    }
    stats.completed += 1;
    stats.downloads += 1;
    answer.headers.append({"x-request-id", "req_" + job.id.toLatin1()});
    if (fault == u"truncated_download")
        answer.delivery = Delivery::Truncate;
    else if (fault == u"slow_drip")
        answer.delivery = Delivery::Drip;
    if (fault == u"disappear") {
        QTimer::singleShot(latencyMs() + m_profile.jobMs / 2, this,
                           [this] { disappear(m_profile.disappearMs); });
        return;
    }
    respond(socket, answer, m_profile.jobMs);
}

// ---------------------------------------------------------------------------------------
// Replicate

QJsonObject SimServer::replicatePrediction(const Job &job) const
{
    const QString base = baseUrl().toString() + u"/replicate/v1/predictions/"_s + job.id;
    QJsonValue output;
    if (job.state == u"succeeded") {
        const QString url = baseUrl().toString() + u"/_files/"_s + job.fileName;
        output = job.video ? QJsonValue(url) : QJsonValue(QJsonArray{url});
    }
    QJsonValue error;
    if (job.state == u"failed") {
        error = job.fault == u"content_policy"
                    ? u"NSFW content detected. Try running it again, or try a different prompt."_s
                    : hostedGpuError(job.fault);
    }
    return {{u"id"_s, job.id},
            {u"model"_s, job.model},
            {u"version"_s, u"dp-sim"_s},
            {u"input"_s, QJsonObject{}},
            {u"logs"_s, job.logs},
            {u"output"_s, output},
            {u"data_removed"_s, false},
            {u"error"_s, error},
            {u"status"_s, job.state == u"queued"    ? u"starting"_s
                          : job.state == u"running" ? u"processing"_s
                                                    : job.state},
            {u"created_at"_s,
             QDateTime::fromMSecsSinceEpoch(job.createdMs, Qt::UTC).toString(Qt::ISODateWithMs)},
            {u"urls"_s, QJsonObject{{u"get"_s, base},
                                    {u"cancel"_s, QString(base + u"/cancel"_s)},
                                    {u"stream"_s, QString(base + u"/stream"_s)},
                                    {u"web"_s, QString(u"https://replicate.com/p/"_s + job.id)}}}};
}

void SimServer::handleReplicate(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path().mid(QStringLiteral("/replicate/v1").size());
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    ProtocolStats &stats = m_stats.protocols[u"replicate"_s];
    auto problem = [](int status, const QString &title, const QString &detail) {
        Answer answer = json(
            QJsonObject{{u"title"_s, title}, {u"detail"_s, detail}, {u"status"_s, status}}, status);
        answer.contentType = "application/problem+json";
        return answer;
    };
    const QString given = QString::fromUtf8(request.value("Authorization")).mid(7);
    auto unauthenticated = [&] {
        return problem(401, u"Unauthenticated"_s,
                       u"You did not pass a valid authentication token (%1)"_s.arg(given));
    };
    if (!keyAccepted(request, "Bearer")) {
        respond(socket, unauthenticated());
        return;
    }
    if (path == u"/account") {
        respond(socket, json(QJsonObject{{u"type"_s, u"user"_s},
                                         {u"username"_s, u"retake-sim"_s},
                                         {u"name"_s, u"Retake Simulator"_s}}));
        return;
    }
    static const QRegularExpression modelPath(u"^/models/([^/]+/[^/]+)/predictions$"_s);
    const QRegularExpressionMatch modelMatch = modelPath.match(path);
    if (post && (path == u"/predictions" || modelMatch.hasMatch())) {
        const QString fault = decideFault(u"replicate"_s);
        if (answerGenericFault(u"replicate"_s, fault, socket))
            return;
        if (!takeToken(u"replicate"_s, socket))
            return;
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        const QJsonObject input = body.value(u"input"_s).toObject();
        Answer failure;
        if (fault == u"auth") {
            failure = unauthenticated();
        } else if (fault == u"quota_exhausted") {
            failure =
                problem(402, u"Insufficient credit"_s,
                        u"You have insufficient credit to run this model. Go to "
                        u"https://replicate.com/account/billing#billing to purchase credit."_s);
        } else if (fault == u"invalid_request" || !input.value(u"prompt"_s).isString()) {
            failure =
                problem(422, u"Input validation failed"_s, u"- input.prompt: Invalid type."_s);
            QJsonObject object = QJsonDocument::fromJson(failure.body).object();
            object.insert(u"invalid_fields"_s,
                          QJsonArray{QJsonObject{{u"type"_s, u"invalid_type"_s},
                                                 {u"field"_s, u"input.num_outputs"_s},
                                                 {u"description"_s, u"must be at most 4"_s}}});
            failure.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
        if (!failure.body.isEmpty()) {
            if (!fault.isEmpty())
                stats.failed += 1, stats.faults[fault] += 1;
            respond(socket, failure);
            return;
        }
        Job &job = createJob(u"replicate"_s, fault);
        job.model =
            modelMatch.hasMatch() ? modelMatch.captured(1) : body.value(u"version"_s).toString();
        job.video = input.contains(u"image"_s) || input.contains(u"duration"_s);
        const QSize imageSize = imageSizeOfDataUri(input.value(u"image"_s).toString());
        job.width = input.value(u"width"_s).toInt(imageSize.isValid() ? imageSize.width() : 1024);
        job.height =
            input.value(u"height"_s).toInt(imageSize.isValid() ? imageSize.height() : 1024);
        job.fps = input.value(u"fps"_s).toInt(24);
        job.durationSec = input.value(u"duration"_s).toDouble(1.0);
        Answer answer = json(replicatePrediction(job), 201);
        respond(socket, answer);
        if (fault == u"disappear") {
            QTimer::singleShot(latencyMs() + 20, this,
                               [this] { disappear(m_profile.disappearMs); });
            return;
        }
        scheduleStep(job.id);
        return;
    }
    static const QRegularExpression predictionPath(u"^/predictions/([^/]+)(/cancel)?$"_s);
    const QRegularExpressionMatch match = predictionPath.match(path);
    if (match.hasMatch()) {
        auto it = m_jobs.find(match.captured(1));
        if (it == m_jobs.end()) {
            respond(socket,
                    problem(404, u"Not found"_s, u"The requested resource could not be found."_s));
            return;
        }
        if (!match.captured(2).isEmpty()) {
            if (post)
                cancelJob(*it);
            respond(socket, json(replicatePrediction(*it)));
            return;
        }
        if (it->fault == u"malformed_json") {
            respond(socket, malformed());
            return;
        }
        respond(socket, json(replicatePrediction(*it)));
        return;
    }
    respond(socket, problem(404, u"Not found"_s, u"The requested resource could not be found."_s));
}

// ---------------------------------------------------------------------------------------
// fal queue

QJsonObject SimServer::falStatus(const Job &job) const
{
    const QString base = baseUrl().toString() + u"/fal/"_s + job.app + u"/requests/"_s + job.id;
    QJsonArray logs;
    for (const QString &line : job.logs.split(u'\n', Qt::SkipEmptyParts))
        logs.append(QJsonObject{{u"message"_s, line},
                                {u"level"_s, u"INFO"_s},
                                {u"source"_s, u"user"_s},
                                {u"timestamp"_s, isoNow()}});
    QJsonObject status{{u"response_url"_s, base},
                       {u"status_url"_s, QString(base + u"/status"_s)},
                       {u"cancel_url"_s, QString(base + u"/cancel"_s)},
                       {u"logs"_s, logs}};
    if (job.state == u"queued") {
        status.insert(u"status"_s, u"IN_QUEUE"_s);
        status.insert(u"queue_position"_s, 0);
    } else if (job.state == u"running") {
        status.insert(u"status"_s, u"IN_PROGRESS"_s);
    } else {
        status.insert(u"status"_s, u"COMPLETED"_s);
        status.insert(u"metrics"_s, QJsonObject{{u"inference_time"_s, m_profile.jobMs / 1000.0}});
        if (failsOnGpu(job.fault)) {
            status.insert(u"error"_s, hostedGpuError(job.fault));
            status.insert(u"error_type"_s, u"model_error"_s);
        }
    }
    return status;
}

void SimServer::handleFal(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path().mid(QStringLiteral("/fal/").size());
    const auto method = request.method();
    ProtocolStats &stats = m_stats.protocols[u"fal"_s];
    auto detail = [](int status, const QJsonValue &value, const QString &errorType = {}) {
        QJsonObject object{{u"detail"_s, value}};
        if (!errorType.isEmpty())
            object.insert(u"error_type"_s, errorType);
        Answer answer = json(object, status);
        if (!errorType.isEmpty())
            answer.headers.append({"X-Fal-Error-Type", errorType.toLatin1()});
        return answer;
    };
    const QString given = QString::fromUtf8(request.value("Authorization")).mid(4);
    if (!keyAccepted(request, "Key")) {
        respond(socket, detail(401, u"Invalid Key: %1"_s.arg(given)));
        return;
    }
    const qsizetype requests = path.indexOf(u"/requests/"_s);
    if (requests > 0) {
        const QString app = path.left(requests);
        const QStringList rest = path.mid(requests + 10).split(u'/');
        auto it = m_jobs.find(rest.value(0));
        if (it == m_jobs.end() || it->app != app) {
            respond(socket, detail(404, u"Request not found"_s));
            return;
        }
        const QString action = rest.value(1);
        if (action == u"cancel" && method == QHttpServerRequest::Method::Put) {
            const bool done = it->state != u"queued" && it->state != u"running";
            cancelJob(*it);
            respond(socket, json(QJsonObject{{u"status"_s, done ? u"ALREADY_COMPLETED"_s
                                                                : u"CANCELLATION_REQUESTED"_s}},
                                 done ? 400 : 202));
            return;
        }
        if (action == u"status") {
            if (it->fault == u"malformed_json") {
                respond(socket, malformed());
                return;
            }
            stats.progressEvents += it->state == u"running";
            const bool done = it->state != u"queued" && it->state != u"running";
            respond(socket, json(falStatus(*it), done ? 200 : 202));
            return;
        }
        // The result.
        if (it->state == u"queued" || it->state == u"running") {
            respond(socket, detail(400, u"Request is still in progress"_s));
            return;
        }
        if (it->fault == u"content_policy") {
            respond(socket,
                    detail(422, QJsonArray{QJsonObject{
                                    {u"loc"_s, QJsonArray{u"body"_s, u"prompt"_s}},
                                    {u"msg"_s, u"The content was flagged by a content checker."_s},
                                    {u"type"_s, u"content_policy_violation"_s},
                                    {u"url"_s,
                                     u"https://docs.fal.ai/errors#content_policy_violation"_s}}}));
            return;
        }
        if (it->fault == u"invalid_request") {
            respond(socket, detail(422, QJsonArray{QJsonObject{
                                            {u"loc"_s, QJsonArray{u"body"_s, u"image_size"_s}},
                                            {u"msg"_s, u"Input should be a valid dictionary"_s},
                                            {u"type"_s, u"dict_type"_s}}}));
            return;
        }
        const QString url = baseUrl().toString() + u"/_files/"_s + it->fileName;
        if (it->video) {
            respond(socket, json(QJsonObject{
                                {u"video"_s, QJsonObject{{u"url"_s, url},
                                                         {u"content_type"_s, u"video/mp4"_s}}}}));
        } else {
            respond(socket,
                    json(QJsonObject{
                        {u"images"_s, QJsonArray{QJsonObject{{u"url"_s, url},
                                                             {u"content_type"_s, u"image/png"_s},
                                                             {u"width"_s, it->width},
                                                             {u"height"_s, it->height}}}},
                        {u"seed"_s, 42},
                        {u"has_nsfw_concepts"_s, QJsonArray{false}}}));
        }
        return;
    }
    if (method != QHttpServerRequest::Method::Post || path.isEmpty()) {
        respond(socket, detail(405, u"Method Not Allowed"_s));
        return;
    }
    const QString fault = decideFault(u"fal"_s);
    if (fault == u"provider_unavailable") {
        stats.failed += 1;
        stats.faults[fault] += 1;
        respond(socket,
                detail(503, u"No runner could be allocated"_s, u"runner_scheduling_failure"_s));
        return;
    }
    if (answerGenericFault(u"fal"_s, fault, socket))
        return;
    if (!takeToken(u"fal"_s, socket))
        return;
    if (fault == u"auth" || fault == u"quota_exhausted") {
        stats.failed += 1;
        stats.faults[fault] += 1;
        respond(socket, fault == u"auth"
                            ? detail(401, u"Invalid Key: %1"_s.arg(given))
                            : detail(403, u"User is locked. Reason: Exhausted balance. Top up your "
                                          u"balance at fal.ai/dashboard/billing."_s));
        return;
    }
    const QJsonObject input = QJsonDocument::fromJson(request.body()).object();
    Job &job = createJob(u"fal"_s, fault);
    job.app = path.section(u'/', 0, 1);
    job.model = path;
    job.video = input.contains(u"image_url"_s);
    const QSize imageSize = imageSizeOfDataUri(input.value(u"image_url"_s).toString());
    const QJsonObject size = input.value(u"image_size"_s).toObject();
    job.width = size.value(u"width"_s).toInt(imageSize.isValid() ? imageSize.width() : 1024);
    job.height = size.value(u"height"_s).toInt(imageSize.isValid() ? imageSize.height() : 1024);
    job.durationSec = input.value(u"duration"_s).toVariant().toDouble();
    if (job.durationSec <= 0)
        job.durationSec = 1.0;
    const QString base = baseUrl().toString() + u"/fal/"_s + job.app + u"/requests/"_s + job.id;
    respond(socket, json(QJsonObject{{u"request_id"_s, job.id},
                                     {u"response_url"_s, base},
                                     {u"status_url"_s, QString(base + u"/status"_s)},
                                     {u"cancel_url"_s, QString(base + u"/cancel"_s)},
                                     {u"queue_position"_s, 0}}));
    if (fault == u"disappear") {
        QTimer::singleShot(latencyMs() + 20, this, [this] { disappear(m_profile.disappearMs); });
        return;
    }
    scheduleStep(job.id);
}

} // namespace retake::sim
