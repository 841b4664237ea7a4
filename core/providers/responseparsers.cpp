#include "providers/responseparsers.h"

#include "providers/wireformat.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake::responses {

namespace {

QJsonObject objectOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

bool isVideoName(const QString &name)
{
    static const QStringList suffixes{u"mp4"_s, u"webm"_s, u"mov"_s, u"mkv"_s, u"gif"_s, u"webp"_s};
    return suffixes.contains(QFileInfo(name).suffix().toLower());
}

bool isImageName(const QString &name)
{
    static const QStringList suffixes{u"png"_s, u"jpg"_s, u"jpeg"_s, u"webp"_s, u"bmp"_s};
    return suffixes.contains(QFileInfo(name).suffix().toLower());
}

} // namespace

// ---------------------------------------------------------------------------------------
// ComfyUI

ComfyPromptAnswer readComfyPrompt(const QJsonObject &answer)
{
    return {answer.value(u"prompt_id"_s).toString(), answer.value(u"node_errors"_s).toObject()};
}

ComfyRejection readComfyRejection(const QByteArray &body)
{
    const QJsonObject object = objectOf(body);
    const QJsonValue errorValue = object.value(u"error"_s);
    ComfyRejection rejection;
    rejection.error = errorValue.isObject() ? errorValue.toObject().value(u"message"_s).toString()
                                            : errorValue.toString();
    rejection.nodes = describeComfyNodeErrors(object.value(u"node_errors"_s).toObject());
    return rejection;
}

QString describeComfyNodeErrors(const QJsonObject &nodeErrors)
{
    QStringList parts;
    for (auto it = nodeErrors.begin(); it != nodeErrors.end(); ++it) {
        const QJsonObject node = it.value().toObject();
        QString where = u"node %1"_s.arg(it.key());
        const QString type = node.value(u"class_type"_s).toString();
        if (!type.isEmpty())
            where += u" ("_s % type % u')';
        const QJsonArray errors = node.value(u"errors"_s).toArray();
        if (errors.isEmpty()) {
            parts << where;
            continue;
        }
        for (const QJsonValue value : errors) {
            const QJsonObject error = value.toObject();
            QString text = where;
            const QString input =
                error.value(u"extra_info"_s).toObject().value(u"input_name"_s).toString();
            if (!input.isEmpty())
                text += u" input \""_s % input % u'"';
            text += u": "_s % error.value(u"message"_s).toString();
            const QString details = error.value(u"details"_s).toString();
            if (!details.isEmpty())
                text += u" — "_s % details;
            parts << wireformat::oneLine(text, 240);
        }
    }
    return parts.join(u"; "_s);
}

ComfyHistory readComfyHistory(const QJsonObject &history, const QString &promptId)
{
    ComfyHistory result;
    const QJsonObject entry = history.value(promptId).toObject();
    if (entry.isEmpty())
        return result; // still queued or running
    const QJsonObject status = entry.value(u"status"_s).toObject();
    for (const QJsonValue value : status.value(u"messages"_s).toArray()) {
        const QJsonArray message = value.toArray();
        const QString event = message.at(0).toString();
        if (event == u"execution_error") {
            result.state = ComfyHistory::State::ExecutionError;
            result.errorData = message.at(1).toObject();
            return result;
        }
        if (event == u"execution_interrupted") {
            result.state = ComfyHistory::State::Interrupted;
            return result;
        }
    }
    if (status.value(u"status_str"_s).toString() == u"error") {
        result.state = ComfyHistory::State::Failed;
        return result;
    }
    result.state = ComfyHistory::State::Finished;
    result.outputs = entry.value(u"outputs"_s).toObject();
    return result;
}

ComfyExecutionError readComfyExecutionError(const QJsonObject &data)
{
    ComfyExecutionError error;
    error.nodeId = data.value(u"node_id"_s).toVariant().toString();
    error.nodeType = data.value(u"node_type"_s).toString();
    error.exceptionType = data.value(u"exception_type"_s).toString();
    error.message = data.value(u"exception_message"_s).toString();
    QStringList traceback;
    for (const QJsonValue line : data.value(u"traceback"_s).toArray())
        traceback << line.toString();
    error.traceback = traceback.join(QString());
    return error;
}

std::optional<ComfyOutputFile> chooseComfyOutput(const QJsonObject &outputs, bool video,
                                                 const QString &outputNode)
{
    QStringList nodeIds = outputs.keys();
    std::sort(nodeIds.begin(), nodeIds.end(), [](const QString &a, const QString &b) {
        return a.toLongLong() != b.toLongLong() ? a.toLongLong() < b.toLongLong() : a < b;
    });
    if (!outputNode.isEmpty())
        nodeIds = QStringList{outputNode};
    QJsonObject chosen;
    QJsonObject fallback;
    for (const QString &nodeId : std::as_const(nodeIds)) {
        const QJsonObject output = outputs.value(nodeId).toObject();
        for (const QString &key : {u"videos"_s, u"video"_s, u"gifs"_s, u"images"_s}) {
            for (const QJsonValue value : output.value(key).toArray()) {
                const QJsonObject file = value.toObject();
                const QString fileName = file.value(u"filename"_s).toString();
                if (fallback.isEmpty())
                    fallback = file;
                if (chosen.isEmpty() && (video ? isVideoName(fileName) : isImageName(fileName)))
                    chosen = file;
            }
        }
    }
    if (chosen.isEmpty())
        chosen = fallback;
    if (chosen.isEmpty())
        return std::nullopt;
    return ComfyOutputFile{chosen.value(u"filename"_s).toString(),
                           chosen.value(u"subfolder"_s).toString(),
                           chosen.value(u"type"_s).toString()};
}

ComfySocketEvent readComfySocketEvent(const QByteArray &message)
{
    const QJsonObject event = objectOf(message);
    const QString type = event.value(u"type"_s).toString();
    ComfySocketEvent result;
    result.data = event.value(u"data"_s).toObject();
    result.promptId = result.data.value(u"prompt_id"_s).toString();
    if (type == u"progress") {
        result.kind = ComfySocketEvent::Kind::Progress;
        const double max = result.data.value(u"max"_s).toDouble();
        const double value = result.data.value(u"value"_s).toDouble();
        if (max > 0)
            result.progress = qBound(0.0, value / max, 1.0);
    } else if (type == u"executing") {
        if (result.data.value(u"node"_s).isNull() && !result.promptId.isEmpty())
            result.kind = ComfySocketEvent::Kind::Finished; // the prompt finished
    } else if (type == u"execution_success") {
        result.kind = ComfySocketEvent::Kind::Finished;
    } else if (type == u"execution_error") {
        result.kind = ComfySocketEvent::Kind::Error;
    } else if (type == u"execution_interrupted") {
        result.kind = ComfySocketEvent::Kind::Interrupted;
    }
    return result;
}

// ---------------------------------------------------------------------------------------
// Replicate

ReplicatePrediction readReplicatePrediction(const QJsonObject &prediction)
{
    ReplicatePrediction result;
    result.id = prediction.value(u"id"_s).toString();
    result.status = prediction.value(u"status"_s).toString();
    const QJsonObject urls = prediction.value(u"urls"_s).toObject();
    result.getUrl = urls.value(u"get"_s).toString();
    result.cancelUrl = urls.value(u"cancel"_s).toString();
    result.logs = prediction.value(u"logs"_s).toString();
    if (result.status == u"processing")
        result.progress = wireformat::progressFromLog(result.logs);
    result.error = prediction.value(u"error"_s).toVariant().toString();
    const QJsonValue output = prediction.value(u"output"_s);
    if (output.isString())
        result.outputUrl = output.toString();
    else if (output.isArray())
        result.outputUrl = output.toArray().first().toString();
    else if (output.isObject())
        result.outputUrl = output.toObject().value(u"url"_s).toString();
    return result;
}

QString describeReplicateProblem(const QByteArray &body)
{
    // application/problem+json: {"title", "detail", "status"[, "invalid_fields"]}
    const QJsonObject problem = objectOf(body);
    QString why = problem.value(u"detail"_s).toString();
    if (why.isEmpty())
        why = problem.value(u"title"_s).toString();
    QStringList fields;
    for (const QJsonValue value : problem.value(u"invalid_fields"_s).toArray()) {
        const QJsonObject field = value.toObject();
        fields << field.value(u"field"_s).toString() % u": "_s %
                      field.value(u"description"_s).toString();
    }
    if (!fields.isEmpty())
        why += u" ("_s % fields.join(u"; "_s) % u')';
    return wireformat::oneLine(why);
}

// ---------------------------------------------------------------------------------------
// fal

FalSubmission readFalSubmission(const QJsonObject &answer)
{
    return {answer.value(u"request_id"_s).toString(), answer.value(u"status_url"_s).toString(),
            answer.value(u"response_url"_s).toString(), answer.value(u"cancel_url"_s).toString()};
}

FalStatus readFalStatus(const QJsonObject &status)
{
    FalStatus result;
    result.status = status.value(u"status"_s).toString();
    if (result.status == u"IN_PROGRESS") {
        for (const QJsonValue line : status.value(u"logs"_s).toArray())
            result.log += line.toObject().value(u"message"_s).toString() + u'\n';
    }
    result.error = status.value(u"error"_s).toVariant().toString();
    result.errorType = status.value(u"error_type"_s).toString();
    return result;
}

QString falResultUrl(const QJsonObject &result, bool video)
{
    QString url;
    if (video) {
        url = result.value(u"video"_s).toObject().value(u"url"_s).toString();
        if (url.isEmpty())
            url = result.value(u"videos"_s).toArray().first().toObject().value(u"url"_s).toString();
    } else {
        url = result.value(u"images"_s).toArray().first().toObject().value(u"url"_s).toString();
        if (url.isEmpty())
            url = result.value(u"image"_s).toObject().value(u"url"_s).toString();
    }
    return url;
}

FalProblem readFalProblem(const QByteArray &body)
{
    const QJsonObject object = objectOf(body);
    const QJsonValue detail = object.value(u"detail"_s);
    FalProblem problem;
    problem.errorType = object.value(u"error_type"_s).toString();
    problem.why = wireformat::describeValidationDetail(detail);
    problem.contentPolicy = wireformat::detailHasType(detail, u"content_policy_violation"_s);
    return problem;
}

// ---------------------------------------------------------------------------------------
// OpenAI Images

OpenAiImage readOpenAiImage(const QJsonObject &answer)
{
    const QJsonObject first = answer.value(u"data"_s).toArray().first().toObject();
    OpenAiImage image;
    image.hasB64 = first.contains(u"b64_json"_s);
    if (image.hasB64)
        image.bytes = wireformat::decodeBase64(first.value(u"b64_json"_s).toString());
    else
        image.url = first.value(u"url"_s).toString();
    return image;
}

OpenAiError readOpenAiError(const QByteArray &body)
{
    const QJsonObject error = objectOf(body).value(u"error"_s).toObject();
    OpenAiError result;
    result.present = !error.isEmpty();
    result.message = wireformat::oneLine(error.value(u"message"_s).toString());
    result.type = error.value(u"type"_s).toString();
    result.code = error.value(u"code"_s).toVariant().toString();
    result.param = error.value(u"param"_s).toString();
    return result;
}

// ---------------------------------------------------------------------------------------
// AUTOMATIC1111

A1111Image readA1111Image(const QJsonObject &answer)
{
    const QJsonArray images = answer.value(u"images"_s).toArray();
    A1111Image image;
    image.present = !images.isEmpty();
    if (image.present)
        image.bytes = wireformat::decodeBase64(images.first().toString());
    return image;
}

A1111Problem readA1111Problem(const QByteArray &body)
{
    const QJsonObject object = objectOf(body);
    const QJsonValue detail = object.value(u"detail"_s);
    // handle_exception(): {"error": <exception type>, "detail", "body", "errors": str(e)}
    const QString error = object.value(u"error"_s).toString();
    const QString errors = object.value(u"errors"_s).toString();
    A1111Problem problem;
    problem.isObject = !object.isEmpty();
    problem.why = wireformat::describeValidationDetail(detail);
    if (problem.why.isEmpty())
        problem.why = wireformat::oneLine(errors);
    if (!error.isEmpty() && error != u"HTTPException")
        problem.why = error % u": "_s % problem.why;
    return problem;
}

std::optional<double> readA1111Progress(const QByteArray &body)
{
    const double progress = objectOf(body).value(u"progress"_s).toDouble(-1);
    if (progress >= 0)
        return progress;
    return std::nullopt;
}

} // namespace retake::responses
