// One attempt on ComfyUI (server.py / execution.py wire format):
//  video: POST /upload/image (multipart: image, type=input, subfolder, overwrite)
//  POST /prompt {"prompt": <workflow>, "client_id"} -> {"prompt_id", "number", "node_errors"}
//    400 {"error": {type, message, details}, "node_errors": {id: {class_type, errors: [
//    {type, message, details, extra_info: {input_name}}]}}} -> invalid_request; a 200 can
//    still carry node_errors (outputs that will not run) -> invalid_request, queue delete
//  completion: /ws?clientId= events "progress" {value, max}, "executing" {node: null},
//    "execution_error", "execution_interrupted"; /history/{id} polling as the fallback
//  history status_str "error" + execution_error -> provider_error (exception type and
//    message); execution_interrupted -> cancelled
//  output: GET /view?filename=&subfolder=&type= (names checked, never used as paths)
//  cancel: POST /interrupt {"prompt_id"} + POST /queue {"delete": [id]}
//  re-attach (request.resumeJobId): GET /queue (queue_running / queue_pending entries
//    [number, prompt_id, ...]: still to run, poll /history), then GET /history/{id} (done:
//    its outputs); in neither -> the server no longer knows it, submit anew. The queue is
//    asked first: a prompt moves from it to the history, never back.
#pragma once

#include "providers/comfyuiworkflow.h"
#include "providers/networkjob.h"

#include <QJsonObject>
#include <QPointer>

class QWebSocket;

namespace retake {

class ComfyUiJob final : public NetworkJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComfyUiJob)
public:
    ComfyUiJob(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
               const ComfyUiWorkflow &workflow, const QString &model,
               const QString &setupProblem = {}, QObject *parent = nullptr);
    ~ComfyUiJob() override;

    // Checks a file name and subfolder from /history; empty = safe, else why not.
    static QString unsafeOutputReason(const QString &fileName, const QString &subfolder,
                                      const QString &type);

protected:
    KeyNeed keyNeed() const override { return KeyNeed::Optional; }
    void begin() override;
    void cancelOnServer() override;
    void authorize(HttpRequestSpec &spec) const override;

private:
    void submitNew();
    void reattach();
    // True when `response` is a 2xx answer; else retries the re-attach or reports the failure.
    bool reattachAnswered(const HttpResponse &response, const QString &doing);
    void onReattachQueue(const HttpResponse &response);
    void onReattachHistory(const HttpResponse &response);
    void uploadInputImage();
    void openWebSocket();
    void submit(const QString &inputImage);
    void onSubmitted(const HttpResponse &response);
    void onSocketMessage(const QString &message);
    void onSocketGone();
    void pollHistory();
    void onHistory(const HttpResponse &response);
    void fetchOutput(const QJsonObject &outputs);
    void failExecution(const QJsonObject &data);

    ComfyUiWorkflow m_workflow;
    QString m_model;
    QString m_setupProblem;
    QString m_clientId;
    QString m_promptId;
    QPointer<QWebSocket> m_socket;
    bool m_socketAlive = false;
    bool m_historyInFlight = false;
    bool m_fetching = false;
    bool m_serverCancelSent = false;
};

} // namespace retake
