// A watcher's end of the control channel (docs/ARCHITECTURE.md, "Ownership and watching"):
// connects to an owner's socket, sends requests and decodes the owner's events into signals
// with the same signatures as Engine's, so the same slots can follow a local engine or a
// remote one.
#pragma once

#include "session/controlprotocol.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

class QLocalSocket;

namespace retake {

class ControlClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlClient)
public:
    explicit ControlClient(QObject *parent = nullptr);
    ~ControlClient() override;

    // Blocking (for the CLI): false with `error` when nobody answers on `socketPath`.
    bool connectTo(const QString &socketPath, int timeoutMs, QString *error);
    bool isConnected() const;
    void disconnectFromOwner();

    // Blocking: the owner's reply, or {"ok": false, "error": ...} on timeout or disconnect.
    QJsonObject request(const QString &cmd, const QJsonObject &args = {}, int timeoutMs = 5000);
    // Asynchronous: `onReply` gets the reply (or an error reply when the owner goes away).
    void send(const QString &cmd, const QJsonObject &args,
              std::function<void(const QJsonObject &)> onReply = {});
    // Asks for the owner's snapshot and its events: hello() comes first, then the events.
    void subscribe();

Q_SIGNALS:
    void hello(const retake::RemoteSnapshot &snapshot);
    void tasksUpdated(const QList<retake::TaskSnapshot> &tasks);
    void attemptFinished(const QString &taskId, const retake::Attempt &attempt);
    void summaryChanged(const retake::BatchSummary &summary);
    void providersUpdated(const QList<retake::ProviderStatus> &providers);
    void pausedChanged(bool paused, retake::PauseReason reason);
    void logMessage(const QString &line);
    void batchFinished(const retake::BatchSummary &summary);
    // The owner's run is over: its exit code (0, 3, 130, 1) and how it ended.
    void runEnded(int exitCode, const QString &how);
    // The connection is gone (after runEnded when the owner ended; without it when the
    // owner died).
    void disconnected();
    // The owner sent something this client cannot read; the connection is closed.
    void protocolError(const QString &error);

private:
    void onReadyRead();
    void onDisconnected();
    void handleMessage(const QJsonObject &message);
    void handleEvent(const QJsonObject &event);
    void failPending(const QString &error);

    QLocalSocket *m_socket;
    QByteArray m_buffer;
    qint64 m_nextId = 1;
    QHash<qint64, std::function<void(const QJsonObject &)>> m_pending;
};

} // namespace retake
