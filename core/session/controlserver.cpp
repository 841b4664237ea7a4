#include "controlserver.h"

#include "feedtext.h"

#include "engine/engine.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <tuple>

#include <sys/socket.h>
#include <type_traits>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

bool sameSummary(const BatchSummary &a, const BatchSummary &b)
{
    return std::tie(a.total, a.counts, a.qualities, a.running, a.paused, a.pauseReason, a.spent,
                    a.budgetCap) == std::tie(b.total, b.counts, b.qualities, b.running, b.paused,
                                             b.pauseReason, b.spent, b.budgetCap);
}

bool sameProviders(const QList<ProviderStatus> &a, const QList<ProviderStatus> &b)
{
    const auto fields = [](const ProviderStatus &p) {
        return std::tie(p.id, p.kind, p.model, p.breaker, p.breakerOpenUntil, p.inFlight, p.limit,
                        p.maxLimit, p.queued, p.recentErrorRate, p.lastError, p.lastErrorMessage,
                        p.lastErrorAt);
    };
    return std::equal(
        a.cbegin(), a.cend(), b.cbegin(), b.cend(),
        [&](const ProviderStatus &x, const ProviderStatus &y) { return fields(x) == fields(y); });
}

// A subscriber that does not read is dropped before its backlog grows past this.
constexpr qint64 kMaxBacklogBytes = 64 * kMaxLineBytes;
// Tasks per "tasks" event, so that each line stays well under kMaxLineBytes.
constexpr int kTasksPerEvent = 1000;
// Events go out together with the engine's next coalesced update (every updateIntervalMs,
// 100 ms): the attempts that ended since, the tasks, the summary and the providers are one
// write and one wake-up of each watcher. Events with no update after them (a pause, a log
// line while idle) wait at most this long.
constexpr int kFlushDelayMs = 100;
// How long a refused client has to read its error reply and hang up.
constexpr int kRefusedGraceMs = 3000;

// Runs `f` on the engine's thread (the window moves its engine to a thread of its own,
// docs/ARCHITECTURE.md, "Threads") and returns its result.
template <typename F> auto onEngine(Engine *engine, F f) -> decltype(f())
{
    using Result = decltype(f());
    if (engine->thread() == QThread::currentThread())
        return f();
    if constexpr (std::is_void_v<Result>) {
        QMetaObject::invokeMethod(engine, f, Qt::BlockingQueuedConnection);
    } else {
        Result result{};
        QMetaObject::invokeMethod(
            engine, [&result, &f] { result = f(); }, Qt::BlockingQueuedConnection);
        return result;
    }
}

// The process and user on the other end of `socket` (Linux: SO_PEERCRED).
bool peerCredentials(QLocalSocket *socket, qint64 *pid, uid_t *uid)
{
#ifdef SO_PEERCRED
    ucred credentials{};
    socklen_t size = sizeof(credentials);
    if (::getsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &credentials,
                     &size) != 0)
        return false;
    *pid = credentials.pid;
    *uid = credentials.uid;
    return true;
#else
    Q_UNUSED(socket);
    Q_UNUSED(pid);
    Q_UNUSED(uid);
    return false;
#endif
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue item : value.toArray())
        list.append(item.toString());
    return list;
}

bool isRetryable(TaskState state)
{
    return state == TaskState::Failed || state == TaskState::Blocked ||
           state == TaskState::Cancelled;
}

} // namespace

ControlServer::ControlServer(Engine *engine, const OwnerInfo &owner, QObject *parent)
    : QObject(parent), m_engine(engine), m_owner(owner), m_server(new QLocalServer(this)),
      m_flushTimer(new QTimer(this))
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &ControlServer::onNewConnection);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &ControlServer::flushPending);
    connectEngine();
}

ControlServer::~ControlServer()
{
    close();
}

bool ControlServer::listen(QString *error)
{
    const QString path = m_owner.socketPath;
    if (QFile::exists(path)) {
        QLocalSocket probe;
        probe.connectToServer(path);
        if (probe.waitForConnected(500)) {
            *error = u"another process is listening on %1"_s.arg(path);
            return false;
        }
        QLocalServer::removeServer(path); // left behind by an owner that died
    }
    if (!m_server->listen(path)) {
        *error = u"cannot listen on %1: %2"_s.arg(path, m_server->errorString());
        return false;
    }
    // Qt leaves the socket at 0700 for UserAccessOption; read and write are all it needs.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

void ControlServer::close()
{
    const QList<QLocalSocket *> sockets = m_clients.keys();
    m_clients.clear();
    for (QLocalSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_server->close();
}

bool ControlServer::isListening() const
{
    return m_server->isListening();
}

void ControlServer::connectEngine()
{
    connect(m_engine, &Engine::tasksUpdated, this, &ControlServer::broadcastTasks);
    connect(m_engine, &Engine::attemptFinished, this,
            [this](const QString &taskId, const Attempt &attempt) {
                if (!hasSubscribers())
                    return;
                static const QByteArray event = encodeControlLine(controlEvent(u"attempt"_s));
                send(withRawMember(withRawMember(event, u"task", jsonString(taskId)), u"attempt",
                                   encodeAttempt(attempt)));
            });
    // The engine repeats the summary and the providers with every coalesced update; a
    // watcher gets them only when they changed.
    connect(m_engine, &Engine::summaryChanged, this, [this](const BatchSummary &summary) {
        if (!hasSubscribers() || (m_lastSummary && sameSummary(*m_lastSummary, summary)))
            return;
        m_lastSummary = summary;
        static const QByteArray event = encodeControlLine(controlEvent(u"summary"_s));
        send(withRawMember(event, u"summary", encodeSummary(summary)));
    });
    connect(m_engine, &Engine::providersUpdated, this,
            [this](const QList<ProviderStatus> &providers) {
                if (!hasSubscribers() ||
                    (m_lastProviders && sameProviders(*m_lastProviders, providers)))
                    return;
                m_lastProviders = providers;
                static const QByteArray event = encodeControlLine(controlEvent(u"providers"_s));
                send(withRawMember(event, u"providers", encodeProviders(providers)));
            });
    // The providers are the last of a coalesced update (docs/ARCHITECTURE.md, "Ownership
    // and watching"): what waited goes out as soon as the update has been queued whole.
    connect(m_engine, &Engine::providersUpdated, this, &ControlServer::flushPending);
    connect(m_engine, &Engine::pausedChanged, this, [this](bool paused, PauseReason reason) {
        broadcast(
            controlEvent(u"paused"_s, {{u"paused"_s, paused}, {u"reason"_s, nameOf(reason)}}));
    });
    connect(m_engine, &Engine::logMessage, this, [this](const QString &line) {
        broadcast(controlEvent(u"log"_s, {{u"message"_s, line}}));
    });
    connect(m_engine, &Engine::batchFinished, this, [this](const BatchSummary &summary) {
        m_batchFinished = true;
        broadcast(controlEvent(u"finished"_s, {{u"summary"_s, toJson(summary)}}));
    });
}

void ControlServer::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        Client client;
        uid_t uid = ::getuid();
        peerCredentials(socket, &client.pid, &uid);
        if (uid != ::getuid()) {
            // The socket's mode already keeps other users out; this is the second lock.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_clients.insert(socket, client);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QLocalSocket::disconnected, this,
                [this, socket] { onDisconnected(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void ControlServer::onDisconnected(QLocalSocket *socket)
{
    if (m_clients.remove(socket))
        socket->deleteLater();
}

void ControlServer::onReadyRead(QLocalSocket *socket)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end() || it->closing) {
        socket->readAll(); // a client being disconnected: its rest is not read
        return;
    }
    it->buffer += socket->readAll();
    for (;;) {
        it = m_clients.find(socket);
        if (it == m_clients.end() || it->closing)
            return;
        const qsizetype newline = it->buffer.indexOf('\n');
        if (newline < 0)
            break;
        QByteArray line = it->buffer.left(newline);
        it->buffer.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            handleLine(socket, line);
    }
    if (it->buffer.size() > kMaxLineBytes)
        refuse(socket, {}, u"message longer than %1 bytes"_s.arg(kMaxLineBytes));
}

void ControlServer::handleLine(QLocalSocket *socket, const QByteArray &line)
{
    const ControlRequest request = parseControlRequest(line);
    if (!request.ok()) {
        if (request.fatal)
            refuse(socket, request.id, request.error);
        else
            reply(socket, encodeControlLine(controlError(request.id, request.error)));
        return;
    }
    auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    if (!m_engine) {
        reply(socket, encodeControlLine(controlError(request.id, u"the owner is shutting down"_s)));
        return;
    }
    if (request.cmd == u"hello"_s || request.cmd == u"subscribe"_s) {
        // What waits for the others is older than this snapshot: out before it, and never
        // to this client.
        flushPending();
        reply(socket, helloLine(request.id));
        // After the reply, so that the subscriber's first event follows its snapshot.
        it = m_clients.find(socket);
        if (it != m_clients.end() && request.cmd == u"subscribe"_s)
            it->subscribed = true;
        return;
    }
    const QJsonObject answer = execute(request, *it);
    reply(socket, encodeControlLine(answer));
}

QJsonObject ControlServer::execute(const ControlRequest &request, Client &client)
{
    const QString &cmd = request.cmd;
    if (cmd == u"attempts"_s) {
        const QString task = request.message.value(u"task"_s).toString();
        if (const QString unknown = unknownTasks({task}); !unknown.isEmpty())
            return controlError(request.id, unknown);
        const QList<Attempt> attempts =
            onEngine(m_engine, [&] { return m_engine->attempts(task); });
        QJsonArray array;
        for (const Attempt &attempt : attempts)
            array.append(toJson(attempt));
        return controlReply(request.id, {{u"task"_s, task}, {u"attempts"_s, array}});
    }
    if (!m_ended.isEmpty()) {
        return controlError(request.id,
                            u"the run is over (%1); start another one with: "
                            "retake-cli run FILE"_s.arg(m_ended.value(u"how"_s).toString()));
    }
    if (m_endsWithBatch && m_batchFinished) {
        return controlError(request.id,
                            u"the batch has finished and %1 is about to exit; "
                            "run the command again when it has"_s.arg(m_owner.describe()));
    }
    QJsonObject reply = steer(request, client);
    // A retry that re-queued nothing changed nothing: no log line for it.
    const QJsonValue retried = reply.value(u"retried"_s);
    if (reply.value(u"ok"_s).toBool() && (retried.isUndefined() || !retried.toArray().isEmpty())) {
        const QString line =
            client.pid > 0
                ? u"%1 requested from another process (pid %2)."_s.arg(cmd).arg(client.pid)
                : u"%1 requested from another process."_s.arg(cmd);
        broadcast(controlEvent(u"log"_s, {{u"message"_s, line}}));
        Q_EMIT commandExecuted(cmd, client.pid, line);
    }
    return reply;
}

// The commands that change the run.
QJsonObject ControlServer::steer(const ControlRequest &request, Client &client)
{
    const QString &cmd = request.cmd;
    const QString provider = request.message.value(u"provider"_s).toString();
    if (!provider.isEmpty()) {
        if (const QString unknown = unknownProvider(provider); !unknown.isEmpty())
            return controlError(request.id, unknown);
    }
    if (cmd == u"pause"_s) {
        onEngine(m_engine, [this] { m_engine->pause(); });
    } else if (cmd == u"resume"_s) {
        onEngine(m_engine, [this] { m_engine->resume(); });
    } else if (cmd == u"cancel"_s) {
        m_cancelledByUser = true;
        onEngine(m_engine, [this] { m_engine->cancel(); });
        Q_EMIT cancelRequested(client.pid);
    } else if (cmd == u"retry-failed"_s) {
        onEngine(m_engine, [this, provider] {
            if (provider.isEmpty())
                m_engine->retryAllFailed();
            else
                m_engine->switchProviderForFailed(provider);
        });
    } else if (cmd == u"retry-provider-now"_s) {
        onEngine(m_engine, [this, provider] { m_engine->retryProviderNow(provider); });
    } else {
        return retryTasks(request);
    }
    return controlReply(request.id);
}

// retry, retry-full and switch-provider: the tasks must exist; those that are not failed,
// blocked or cancelled are left alone and named in the reply.
QJsonObject ControlServer::retryTasks(const ControlRequest &request)
{
    const QStringList ids = stringList(request.message.value(u"tasks"_s));
    if (const QString unknown = unknownTasks(ids); !unknown.isEmpty())
        return controlError(request.id, unknown);
    const QList<TaskSnapshot> tasks = onEngine(m_engine, [this] { return m_engine->tasks(); });
    const QSet<QString> wanted(ids.cbegin(), ids.cend());
    QStringList accepted;
    QJsonArray notRetried;
    for (const TaskSnapshot &task : tasks) {
        if (!wanted.contains(task.id))
            continue;
        const bool degraded = task.state == TaskState::Done && isDegraded(task.quality);
        if (isRetryable(task.state) || (request.cmd != u"retry"_s && degraded))
            accepted.append(task.id);
        else
            notRetried.append(QJsonObject{{u"task"_s, task.id}, {u"state"_s, nameOf(task.state)}});
    }
    const QString provider = request.message.value(u"provider"_s).toString();
    const QString cmd = request.cmd;
    onEngine(m_engine, [this, cmd, accepted, provider] {
        if (cmd == u"retry-full"_s) {
            m_engine->retryAtFullQuality(accepted);
        } else if (cmd == u"switch-provider"_s) {
            m_engine->switchProvider(accepted, provider);
        } else {
            for (const QString &id : accepted)
                m_engine->retryTask(id);
        }
    });
    return controlReply(request.id, {{u"retried"_s, QJsonArray::fromStringList(accepted)},
                                     {u"notRetried"_s, notRetried}});
}

QString ControlServer::unknownTasks(const QStringList &ids) const
{
    const QList<TaskSnapshot> tasks = onEngine(m_engine, [this] { return m_engine->tasks(); });
    QSet<QString> known;
    for (const TaskSnapshot &task : tasks)
        known.insert(task.id);
    QStringList unknown;
    for (const QString &id : ids) {
        if (!known.contains(id))
            unknown.append(u'"' + id.left(200) + u'"');
    }
    if (unknown.isEmpty())
        return {};
    return u"unknown task%1 %2 (task ids look like %3; see retake-cli status FILE)"_s.arg(
        unknown.size() > 1 ? u"s"_s : QString(), unknown.mid(0, 10).join(u", "_s),
        tasks.isEmpty() ? u"<shot>/image"_s : tasks.first().id);
}

QString ControlServer::unknownProvider(const QString &id) const
{
    const QStringList known = onEngine(m_engine, [this] { return m_engine->providerIds(); });
    if (known.contains(id))
        return {};
    return u"unknown provider \"%1\" (known: %2)"_s.arg(id.left(200), known.join(u", "_s));
}

// The reply to hello and subscribe: who owns the run and all of its state. Its tasks are
// written as text (feedtext.h): a subscriber's snapshot is the feed's largest message.
QByteArray ControlServer::helloLine(const QJsonValue &id)
{
    struct State {
        QString title, workspace, storyboard, runId;
        QList<TaskSnapshot> tasks;
        BatchSummary summary;
        QList<ProviderStatus> providers;
        QStringList providerIds;
    };
    const State s = onEngine(m_engine, [this] {
        const QString runId = m_engine->currentRunId();
        return State{m_engine->project().title,
                     m_engine->workspaceDir(),
                     m_engine->project().filePath,
                     runId.isEmpty() ? m_engine->lastRunId() : runId,
                     m_engine->tasks(),
                     m_engine->summary(),
                     m_engine->providerStatuses(),
                     m_engine->providerIds()};
    });
    QJsonObject fields{{u"owner"_s, m_owner.toJson()},
                       {u"title"_s, s.title},
                       {u"workspace"_s, s.workspace},
                       {u"storyboard"_s, s.storyboard},
                       {u"runId"_s, s.runId}};
    if (!m_ended.isEmpty())
        fields.insert(u"ended"_s, m_ended);
    const QJsonObject snapshot{{u"summary"_s, toJson(s.summary)},
                               {u"providers"_s, toJson(s.providers)},
                               {u"providerIds"_s, QJsonArray::fromStringList(s.providerIds)},
                               {u"paused"_s, s.summary.paused},
                               {u"pauseReason"_s, nameOf(s.summary.pauseReason)}};
    // The subscriber starts from these: a later update is compared with them.
    m_lastSummary = s.summary;
    m_lastProviders = s.providers;
    QByteArray tasks = "[";
    tasks.reserve(s.tasks.size() * 400);
    for (const TaskSnapshot &task : s.tasks) {
        auto text = m_taskText.constFind(task.id);
        if (text == m_taskText.cend())
            text = m_taskText.insert(task.id, encodeTask(task));
        tasks += *text;
        tasks += ',';
    }
    closeJson(tasks, ']');
    return withRawMember(
        encodeControlLine(controlReply(id, fields)), u"snapshot",
        withRawMember(QJsonDocument(snapshot).toJson(QJsonDocument::Compact), u"tasks", tasks));
}

// A message that is not the protocol: an error reply, then the client is let go. Its
// sending side is shut down once the reply is out, and what it still sends is read and
// dropped: closing with unread input would reset the connection (ECONNRESET) and could
// throw the reply away before the client has read it.
void ControlServer::refuse(QLocalSocket *socket, const QJsonValue &id, const QString &error)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end() || it->closing)
        return;
    it->closing = true;
    it->buffer.clear();
    it->buffer.squeeze();
    const auto shutDownWhenWritten = [socket] {
        if (socket->bytesToWrite() == 0)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    connect(socket, &QLocalSocket::bytesWritten, socket, shutDownWhenWritten);
    socket->write(encodeControlLine(controlError(id, error)));
    socket->flush();
    shutDownWhenWritten();
    // A client that neither reads nor closes is cut off.
    QTimer::singleShot(kRefusedGraceMs, socket, [socket] { socket->abort(); });
}

void ControlServer::reply(QLocalSocket *socket, const QByteArray &line)
{
    const auto it = m_clients.constFind(socket);
    if (it != m_clients.cend() && it->subscribed)
        flushPending(); // the events before this reply go first
    write(socket, line);
}

void ControlServer::write(QLocalSocket *socket, const QByteArray &data)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end() || it->closing)
        return;
    if (socket->bytesToWrite() + data.size() > kMaxBacklogBytes) {
        // It does not read what it asked for; holding its backlog would cost the owner.
        it->closing = true;
        socket->abort();
        return;
    }
    // Straight to the socket when Qt holds nothing for it: a buffered write costs the owner
    // two epoll changes and a wake-up per line per watcher (issue 12's CPU figure). What the
    // socket does not take now goes through Qt's buffer, after it, in order.
    qsizetype sent = 0;
    if (socket->bytesToWrite() == 0 && socket->socketDescriptor() >= 0) {
        const ssize_t n = ::send(int(socket->socketDescriptor()), data.constData(),
                                 size_t(data.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
            sent = qsizetype(n);
    }
    if (sent < data.size())
        socket->write(data.constData() + sent, data.size() - sent);
}

bool ControlServer::hasSubscribers() const
{
    for (const Client &client : m_clients) {
        if (client.subscribed && !client.closing)
            return true;
    }
    return false;
}

void ControlServer::broadcast(const QJsonObject &event)
{
    if (hasSubscribers())
        send(encodeControlLine(event));
}

void ControlServer::send(const QByteArray &line)
{
    if (!hasSubscribers())
        return;
    // A coalesced update is several events (tasks, attempts, summary, providers): one write
    // per subscriber for all of them, not one system call and one wake-up per event each.
    m_pending += line;
    if (!m_flushTimer->isActive())
        m_flushTimer->start(kFlushDelayMs);
}

void ControlServer::flushPending()
{
    m_flushTimer->stop();
    if (m_pending.isEmpty())
        return;
    // write() may drop a client that does not read: collect the sockets first.
    QList<QLocalSocket *> subscribers;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it->subscribed && !it->closing)
            subscribers << it.key();
    }
    for (QLocalSocket *socket : std::as_const(subscribers))
        write(socket, m_pending);
    // The buffer is kept for the next update, unless a large one (a snapshot-sized update of
    // a big batch) would stay allocated for the rest of the run.
    if (m_pending.capacity() > qsizetype(kTasksPerEvent) * 1024)
        m_pending.clear();
    else
        m_pending.resize(0);
}

void ControlServer::broadcastTasks(const QList<TaskSnapshot> &tasks)
{
    if (!hasSubscribers()) {
        m_taskText.clear(); // a change nobody saw: the texts are no longer current
        return;
    }
    // Written straight into the subscribers' buffer: `{"event":"tasks",…,"tasks":[…]}`.
    static const QByteArray head =
        withRawMember(encodeControlLine(controlEvent(u"tasks"_s)), u"tasks", "[").chopped(2);
    for (qsizetype from = 0; from < tasks.size(); from += kTasksPerEvent) {
        m_pending += head;
        for (const TaskSnapshot &task : tasks.mid(from, kTasksPerEvent)) {
            const QByteArray text = encodeTask(task);
            m_taskText.insert(task.id, text);
            m_pending += text;
            m_pending += ',';
        }
        closeJson(m_pending, ']');
        m_pending += "}\n";
    }
    if (!m_flushTimer->isActive())
        m_flushTimer->start(kFlushDelayMs);
}

void ControlServer::announceEnd(int exitCode, const QString &how)
{
    m_ended = QJsonObject{{u"exitCode"_s, exitCode}, {u"how"_s, how}};
    broadcast(controlEvent(u"ended"_s, m_ended));
    flushPending();
    const QDeadlineTimer deadline(2000);
    for (QLocalSocket *socket : m_clients.keys()) {
        while (socket->state() == QLocalSocket::ConnectedState && socket->bytesToWrite() > 0 &&
               !deadline.hasExpired()) {
            if (!socket->waitForBytesWritten(int(deadline.remainingTime())))
                break;
        }
    }
}

} // namespace retake
