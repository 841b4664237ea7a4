// retake-sim: one loopback HTTP server that speaks the wire formats of ComfyUI (at /,
// with /ws), AUTOMATIC1111 (/sdapi/v1), OpenAI Images and OpenAI speech (/openai/v1,
// protocols "openai-images" and "openai-tts"), Replicate (/replicate/v1) and fal's queue
// (/fal), with fault injection (SimProfile) and counters (GET /_sim/stats). Control endpoints:
// GET|POST /_sim/config, POST /_sim/faults
// {"next": [...]}, POST /_sim/reset, POST /_sim/disappear {"ms": N}.
//
// Tests start it in-process on 127.0.0.1 with port 0; the retake-sim executable wraps it.
// Every answer is written to the socket by hand so that faults can cut, drip or drop it.
#pragma once

#include "simmedia.h"
#include "simprofile.h"
#include "simstats.h"
#include "tokenbucket.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <memory>
#include <random>

class QTcpSocket;
class QWebSocket;

namespace retake::sim {

class SimServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimServer)
public:
    explicit SimServer(QObject *parent = nullptr);
    ~SimServer() override;

    // Listens on 127.0.0.1:`port` (0 = any free port); returns the port, 0 on failure.
    quint16 start(quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;
    // The base URL a provider profile of `kind` uses for this server.
    QUrl baseUrl(const QString &kind) const;

    SimProfile profile() const { return m_profile; }
    void setProfile(const SimProfile &profile);
    // The next submissions (of any protocol) get these faults, in order, before the
    // random rates apply again. A fault that does not apply to a protocol is skipped.
    void forceFaults(const QStringList &faults);
    SimStats stats() const { return m_stats; }
    void resetStats();
    // As POST /_sim/reset: counters, jobs, queued faults and received requests are cleared.
    void reset();
    // Stops answering: listening stops and every connection is dropped; back after `ms`
    // (0 = only through reappear()).
    void disappear(int ms);
    void reappear();
    bool isGone() const { return m_gone; }
    int runningJobs() const;
    // The ids of the jobs that are queued or running.
    QStringList liveJobIds() const;

    // What the server received (protocol endpoints only, not /_sim/), newest last; the
    // last 64 are kept.
    struct ReceivedRequest {
        QString protocol;
        QByteArray method;
        QString path;
        QByteArray authorization;
        QJsonObject body; // empty when the body is not a JSON object
    };
    QList<ReceivedRequest> received() const { return m_received; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    enum class Delivery { Normal, Truncate, Drip, Abort, Hang };
    struct Answer {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        Delivery delivery = Delivery::Normal;
    };
    struct Job {
        QString id;
        QString protocol;
        QString fault;
        QString state; // queued, running, succeeded, failed, canceled
        int width = 64;
        int height = 64;
        bool video = false;
        int fps = 24;
        double durationSec = 1.0;
        int step = 0;
        QString clientId; // ComfyUI
        QString app;      // fal: owner/app
        QString model;
        QString fileName; // output file name served by /view or /_files
        QString logs;
        QJsonObject workflow; // ComfyUI
        QString outputNode;   // ComfyUI
        qint64 createdMs = 0;
    };

    // Routing
    void route(const QHttpServerRequest &request, QTcpSocket *socket, const QString &protocol);
    void handleControl(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleComfy(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleA1111(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleOpenAi(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleSpeech(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleReplicate(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleFal(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleFile(const QString &name, QTcpSocket *socket);

    // Jobs
    QString decideFault(const QString &protocol);
    bool takeToken(const QString &protocol, QTcpSocket *socket);
    Answer rateLimitedAnswer(const QString &protocol, int waitMs) const;
    bool answerGenericFault(const QString &protocol, const QString &fault, QTcpSocket *socket);
    Job &createJob(const QString &protocol, const QString &fault);
    void scheduleStep(const QString &id);
    void advance(const QString &id);
    void finishJob(Job &job);
    void cancelJob(Job &job);
    QByteArray media(const Job &job);
    Answer mediaAnswer(const Job &job);
    QJsonObject comfyHistoryEntry(const Job &job) const;
    QJsonObject replicatePrediction(const Job &job) const;
    QJsonObject falStatus(const Job &job) const;
    void comfySend(const Job &job, const QString &type, const QJsonObject &data);
    QString newId();

    // Answers
    void respond(QTcpSocket *socket, const Answer &answer, int extraDelayMs = 0);
    void write(QPointer<QTcpSocket> socket, const Answer &answer);
    void drip(QPointer<QTcpSocket> socket, QByteArray rest);
    int latencyMs();
    static Answer json(const QJsonValue &value, int status = 200);
    static Answer malformed();
    static Answer openAiError(int status, const QString &message, const QString &type,
                              const QJsonValue &param, const QJsonValue &code);
    bool keyAccepted(const QHttpServerRequest &request, const QByteArray &scheme) const;

    SimProfile m_profile;
    TokenBucket m_bucket;
    // OpenAI's x-ratelimit-* headers of the token taken (or refused) for a request, sent with
    // whatever that request is answered (keyed by its connection).
    QHash<QTcpSocket *, QList<QPair<QByteArray, QByteArray>>> m_rateHeaders;
    std::mt19937_64 m_random;
    QStringList m_forced;
    SimStats m_stats;
    SimMedia m_media;
    QHash<QString, Job> m_jobs;
    QHash<QString, QString> m_fileToJob;
    QHash<QString, QPointer<QWebSocket>> m_sockets; // ComfyUI clients by clientId
    QList<ReceivedRequest> m_received;
    QSet<QTcpSocket *> m_connections;
    QList<QPointer<QTcpSocket>> m_connectionGuards;
    quint16 m_port = 0;
    bool m_gone = false;
    quint64 m_nextId = 1;
    int m_comfyNumber = 0;
};

} // namespace retake::sim
