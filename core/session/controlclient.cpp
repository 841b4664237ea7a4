#include "controlclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QLocalSocket>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// The owner's snapshot of a large batch (its hello reply) may pass the 1 MiB a request may
// have; what the owner sends is bounded here instead.
constexpr qsizetype kMaxInboundLineBytes = 64 * kMaxLineBytes;

QJsonObject errorReply(const QString &error)
{
    return QJsonObject{{u"ok"_s, false}, {u"error"_s, error}};
}

} // namespace

ControlClient::ControlClient(QObject *parent) : QObject(parent), m_socket(new QLocalSocket(this))
{
    qRegisterMetaType<RemoteSnapshot>();
    qRegisterMetaType<TaskSnapshot>();
    qRegisterMetaType<QList<TaskSnapshot>>();
    qRegisterMetaType<Attempt>();
    qRegisterMetaType<BatchSummary>();
    qRegisterMetaType<PauseReason>();
    qRegisterMetaType<ProviderStatus>();
    qRegisterMetaType<QList<ProviderStatus>>();
    connect(m_socket, &QLocalSocket::readyRead, this, &ControlClient::onReadyRead);
    connect(m_socket, &QLocalSocket::disconnected, this, &ControlClient::onDisconnected);
}

ControlClient::~ControlClient()
{
    m_socket->disconnect(this);
}

bool ControlClient::connectTo(const QString &socketPath, int timeoutMs, QString *error)
{
    m_buffer.clear();
    m_socket->connectToServer(socketPath);
    if (m_socket->waitForConnected(timeoutMs))
        return true;
    if (error)
        *error = m_socket->errorString();
    m_socket->abort();
    return false;
}

bool ControlClient::isConnected() const
{
    return m_socket->state() == QLocalSocket::ConnectedState;
}

void ControlClient::disconnectFromOwner()
{
    m_socket->disconnectFromServer();
}

QJsonObject ControlClient::request(const QString &cmd, const QJsonObject &args, int timeoutMs)
{
    std::optional<QJsonObject> reply;
    const qint64 id = m_nextId;
    send(cmd, args, [&reply](const QJsonObject &r) { reply = r; });
    const QDeadlineTimer deadline(timeoutMs);
    while (!reply && isConnected() && !deadline.hasExpired())
        m_socket->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    if (reply)
        return *reply;
    m_pending.remove(id); // its callback points into this frame
    return errorReply(isConnected()
                          ? u"the owner did not answer %1 within %2 ms"_s.arg(cmd).arg(timeoutMs)
                          : u"the owner went away before answering %1"_s.arg(cmd));
}

void ControlClient::send(const QString &cmd, const QJsonObject &args,
                         std::function<void(const QJsonObject &)> onReply)
{
    const qint64 id = m_nextId++;
    if (!isConnected()) {
        if (onReply)
            onReply(errorReply(u"not connected to an owner"_s));
        return;
    }
    QJsonObject message = args;
    message.insert(u"id"_s, double(id));
    message.insert(u"cmd"_s, cmd);
    m_pending.insert(
        id, onReply ? std::move(onReply) : [](const QJsonObject &) {});
    m_socket->write(encodeControlLine(message));
    m_socket->flush();
}

void ControlClient::subscribe()
{
    // The subscribe reply carries the same snapshot as hello, taken at the moment the
    // events start, so that nothing falls between the snapshot and the first event.
    send(u"subscribe"_s, {}, [this](const QJsonObject &reply) {
        if (!reply.value(u"ok"_s).toBool()) {
            Q_EMIT protocolError(reply.value(u"error"_s).toString());
            return;
        }
        Q_EMIT hello(remoteSnapshotFromJson(reply));
        const QJsonObject ended = reply.value(u"ended"_s).toObject();
        if (!ended.isEmpty())
            Q_EMIT runEnded(ended.value(u"exitCode"_s).toInt(1), ended.value(u"how"_s).toString());
    });
}

void ControlClient::onReadyRead()
{
    m_buffer += m_socket->readAll();
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline < 0)
            break;
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (line.trimmed().isEmpty())
            continue;
        QString error;
        const QJsonObject message = parseControlMessage(line, &error);
        if (!error.isEmpty()) {
            Q_EMIT protocolError(error);
            m_socket->abort();
            return;
        }
        handleMessage(message);
        if (!isConnected())
            return;
    }
    if (m_buffer.size() > kMaxInboundLineBytes) {
        Q_EMIT protocolError(
            u"the owner sent a message longer than %1 bytes"_s.arg(kMaxInboundLineBytes));
        m_socket->abort();
    }
}

void ControlClient::handleMessage(const QJsonObject &message)
{
    if (message.contains(u"event"_s)) {
        handleEvent(message);
        return;
    }
    const qint64 id = qint64(message.value(u"re"_s).toDouble(-1));
    const auto callback = m_pending.take(id);
    if (callback)
        callback(message);
    else if (!message.value(u"ok"_s).toBool())
        Q_EMIT protocolError(message.value(u"error"_s).toString());
}

void ControlClient::handleEvent(const QJsonObject &e)
{
    const QString kind = e.value(u"event"_s).toString();
    if (kind == u"tasks"_s) {
        Q_EMIT tasksUpdated(taskSnapshotsFromJson(e.value(u"tasks"_s).toArray()));
    } else if (kind == u"attempt"_s) {
        Q_EMIT attemptFinished(e.value(u"task"_s).toString(),
                               attemptFromJson(e.value(u"attempt"_s).toObject()));
    } else if (kind == u"summary"_s) {
        Q_EMIT summaryChanged(batchSummaryFromJson(e.value(u"summary"_s).toObject()));
    } else if (kind == u"providers"_s) {
        Q_EMIT providersUpdated(providerStatusesFromJson(e.value(u"providers"_s).toArray()));
    } else if (kind == u"paused"_s) {
        Q_EMIT pausedChanged(e.value(u"paused"_s).toBool(),
                             pauseReasonFromName(e.value(u"reason"_s).toString()));
    } else if (kind == u"log"_s) {
        Q_EMIT logMessage(e.value(u"message"_s).toString());
    } else if (kind == u"finished"_s) {
        Q_EMIT batchFinished(batchSummaryFromJson(e.value(u"summary"_s).toObject()));
    } else if (kind == u"ended"_s) {
        Q_EMIT runEnded(e.value(u"exitCode"_s).toInt(1), e.value(u"how"_s).toString());
    }
    // Other kinds come from a newer owner: ignored, like unknown fields.
}

void ControlClient::onDisconnected()
{
    failPending(u"the owner went away"_s);
    Q_EMIT disconnected();
}

void ControlClient::failPending(const QString &error)
{
    const auto pending = std::exchange(m_pending, {});
    for (const auto &callback : pending)
        callback(errorReply(error));
}

} // namespace retake
