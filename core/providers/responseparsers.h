// What the providers' answers say, read from their JSON without network or job state: the
// jobs (comfyuijob, replicatejob, faljob, openaiimagesjob, a1111job) act on the results, and
// fuzz/ feeds these functions hostile bytes (RELIABILITY.md, "Fuzzing"). Wire formats: see
// the comment at the top of each job's header.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace retake::responses {

// ---- ComfyUI

// A 2xx answer of POST /prompt.
struct ComfyPromptAnswer {
    QString promptId;
    QJsonObject nodeErrors; // outputs that will not run
};
ComfyPromptAnswer readComfyPrompt(const QJsonObject &answer);

// A 400 answer of POST /prompt: "error" (an object's message or a string) and the node
// errors as one line each, "node 3 (KSampler) input "seed": message — details".
struct ComfyRejection {
    QString error;
    QString nodes;
};
ComfyRejection readComfyRejection(const QByteArray &body);
QString describeComfyNodeErrors(const QJsonObject &nodeErrors);

// GET /history/{id}: the entry of `promptId`.
struct ComfyHistory {
    enum class State { Pending, ExecutionError, Interrupted, Failed, Finished };
    State state = State::Pending;
    QJsonObject errorData; // ExecutionError: the execution_error message's data
    QJsonObject outputs;   // Finished
};
ComfyHistory readComfyHistory(const QJsonObject &history, const QString &promptId);

// The data of an execution_error (history message or WebSocket event).
struct ComfyExecutionError {
    QString nodeId;
    QString nodeType;
    QString exceptionType;
    QString message;
    QString traceback;
};
ComfyExecutionError readComfyExecutionError(const QJsonObject &data);

// The file a finished prompt produced: the first video (or image) file of the lowest output
// node, else its first file; only `outputNode` when it is set. Names are not checked here
// (ComfyUiJob::unsafeOutputReason).
struct ComfyOutputFile {
    QString fileName;
    QString subfolder;
    QString type;
};
std::optional<ComfyOutputFile> chooseComfyOutput(const QJsonObject &outputs, bool video,
                                                 const QString &outputNode);

// One text message of /ws.
struct ComfySocketEvent {
    enum class Kind { Other, Progress, Finished, Error, Interrupted };
    Kind kind = Kind::Other;
    QString promptId;
    std::optional<double> progress; // Progress: value / max in 0..1, when max > 0
    QJsonObject data;
};
ComfySocketEvent readComfySocketEvent(const QByteArray &message);

// ---- Replicate

struct ReplicatePrediction {
    QString id;
    QString status;
    QString getUrl;
    QString cancelUrl;
    QString logs;
    std::optional<double> progress; // "processing": the last tqdm figure of the logs
    QString error;
    QString outputUrl; // "output": a URL, the first of a list, or an object's "url"
};
ReplicatePrediction readReplicatePrediction(const QJsonObject &prediction);
// An application/problem+json error answer as one line: detail (or title) and the
// invalid fields.
QString describeReplicateProblem(const QByteArray &body);

// ---- fal

struct FalSubmission {
    QString requestId;
    QString statusUrl;
    QString responseUrl;
    QString cancelUrl;
};
FalSubmission readFalSubmission(const QJsonObject &answer);

struct FalStatus {
    QString status;
    QString log; // IN_PROGRESS: the log lines' messages
    QString error;
    QString errorType;
};
FalStatus readFalStatus(const QJsonObject &status);
// The output URL of a result; empty when it has none.
QString falResultUrl(const QJsonObject &result, bool video);

struct FalProblem {
    QString why;       // the detail, validation errors as one line
    QString errorType; // "error_type" of the body (the job falls back to a header)
    bool contentPolicy = false;
};
FalProblem readFalProblem(const QByteArray &body);

// ---- OpenAI Images

struct OpenAiImage {
    bool hasB64 = false;
    std::optional<QByteArray> bytes; // hasB64: the decoded image, nothing when invalid
    QString url;
};
OpenAiImage readOpenAiImage(const QJsonObject &answer);

struct OpenAiError {
    bool present = false; // the body has an "error" object
    QString message;      // one line
    QString type;
    QString code;
    QString param;
};
OpenAiError readOpenAiError(const QByteArray &body);

// ---- AUTOMATIC1111

struct A1111Image {
    bool present = false;            // "images" has an entry
    std::optional<QByteArray> bytes; // its decoded bytes, nothing when not base64
};
A1111Image readA1111Image(const QJsonObject &answer);

struct A1111Problem {
    QString why;           // prefixed with handle_exception()'s exception type
    bool isObject = false; // the body is a non-empty JSON object
};
A1111Problem readA1111Problem(const QByteArray &body);
// GET /sdapi/v1/progress: "progress" when present and not negative.
std::optional<double> readA1111Progress(const QByteArray &body);

} // namespace retake::responses
