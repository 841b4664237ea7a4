// The owner's end of the control channel (docs/ARCHITECTURE.md, "Ownership and watching"):
// a QLocalServer at OwnerInfo::socketPath that only this user can open (mode 0600). It
// answers hello, steers the Engine on request (pause, resume, cancel, retries, provider
// switches) after validating every message, and pushes the Engine's signals as events to
// subscribed clients. A client that sends garbage or a line over 1 MiB gets an error reply
// and is disconnected; the others are not affected.
#pragma once

#include "session/controlprotocol.h"
#include "session/ownerinfo.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <optional>

class QLocalServer;
class QLocalSocket;

namespace retake {

class Engine;

class ControlServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlServer)
public:
    ControlServer(Engine *engine, const OwnerInfo &owner, QObject *parent = nullptr);
    ~ControlServer() override;

    // Listens on owner.socketPath. A socket file left by a dead owner is removed first; a
    // socket another live process still answers on is not (false, `error` says so).
    bool listen(QString *error);
    void close();
    bool isListening() const;
    const OwnerInfo &owner() const { return m_owner; }
    int clientCount() const { return int(m_clients.size()); }

    // retake-cli ends when its batch finishes: from then on steering commands are refused,
    // so nothing is re-queued on an engine that is about to go away. A window keeps its
    // engine and leaves this off.
    void setEndsWithBatch(bool endsWithBatch) { m_endsWithBatch = endsWithBatch; }
    // Tells every subscriber that the run is over ("ended" event) and waits (briefly) until
    // it has been written. Later subscribers learn it from their subscribe reply.
    void announceEnd(int exitCode, const QString &how);
    // A client sent "cancel": the owner exits 130 as after Ctrl-C.
    bool cancelledByUser() const { return m_cancelledByUser; }

Q_SIGNALS:
    // A steering command was carried out for the process `peerPid` (0 when unknown);
    // `line` says so for the owner's log (subscribers get it as a "log" event).
    void commandExecuted(const QString &cmd, qint64 peerPid, const QString &line);
    void cancelRequested(qint64 peerPid);

private:
    struct Client {
        QByteArray buffer;
        bool subscribed = false;
        bool closing = false;
        qint64 pid = 0;
    };

    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);
    void onDisconnected(QLocalSocket *socket);
    void handleLine(QLocalSocket *socket, const QByteArray &line);
    QJsonObject execute(const ControlRequest &request, Client &client);
    QJsonObject steer(const ControlRequest &request, Client &client);
    QJsonObject retryTasks(const ControlRequest &request);
    QString unknownTasks(const QStringList &ids) const;
    QString unknownProvider(const QString &id) const;
    QByteArray helloLine(const QJsonValue &id);
    void refuse(QLocalSocket *socket, const QJsonValue &id, const QString &error);
    // A reply to `socket`: the events queued for the subscribers go out first.
    void reply(QLocalSocket *socket, const QByteArray &line);
    void write(QLocalSocket *socket, const QByteArray &data);
    bool hasSubscribers() const;
    void broadcast(const QJsonObject &event);
    // Queues `line` for every subscriber (m_pending); what waits goes out with the next
    // coalesced update in one write per subscriber (flushPending()).
    void send(const QByteArray &line);
    void flushPending();
    void broadcastTasks(const QList<TaskSnapshot> &tasks);
    void connectEngine();

    QPointer<Engine> m_engine; // commands are refused once it is gone
    OwnerInfo m_owner;
    QLocalServer *m_server;
    QHash<QLocalSocket *, Client> m_clients;
    // What the subscribers have (sent, or in their snapshot): unchanged values are not sent.
    std::optional<BatchSummary> m_lastSummary;
    std::optional<QList<ProviderStatus>> m_lastProviders;
    // Each task's JSON text as last sent, while there have been subscribers ever since it
    // was written (emptied otherwise): a subscriber's snapshot is mostly copied from it.
    QHash<QString, QByteArray> m_taskText;
    // The events every subscriber has yet to get, in order: one buffer for all of them (they
    // all get the same events; a new subscriber's snapshot waits until it has been sent).
    QByteArray m_pending;
    QTimer *m_flushTimer; // single shot: writes what the subscribers have pending
    bool m_endsWithBatch = false;
    bool m_batchFinished = false;
    bool m_cancelledByUser = false;
    QJsonObject m_ended; // {exitCode, how} once announceEnd was called
};

} // namespace retake
