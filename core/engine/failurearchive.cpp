#include "failurearchive.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

QString FailureArchive::archive(const TaskRecord &t, const QString &fromDir) const
{
    const Attempt &a = t.current;
    const QString dir = m_workspace.failedAttemptDir(t.snap.id, a.number);
    QString error;
    if (!m_workspace.moveDirContents(fromDir, dir, &error))
        //: %1 is the task, %2 the error.
        m_log(QCoreApplication::translate("retake::Engine",
                                          "%1: could not archive the failed attempt's files: %2")
                  .arg(t.snap.id, error));
    QDir().mkpath(dir);
    QJsonObject json{
        {u"task"_s, t.snap.id},
        {u"attempt"_s, a.number},
        {u"rung"_s, nameOf(a.rung)},
        {u"provider"_s, a.providerId},
        {u"model"_s, a.model},
        {u"class"_s, nameOf(a.errorClass)},
        {u"transient"_s, isTransient(a.errorClass)},
        {u"message"_s, a.message},
        {u"httpStatus"_s, a.httpStatus},
        {u"startedAt"_s, a.startedAt.toString(Qt::ISODateWithMs)},
        {u"endedAt"_s, a.endedAt.toString(Qt::ISODateWithMs)},
        {u"recommendedAction"_s, recommendedAction(a.errorClass)},
    };
    if (!a.stderrTail.isEmpty())
        json.insert(u"stderrTail"_s, a.stderrTail);
    if (!Workspace::writeJson(dir + u"/error.json"_s, json, &error))
        //: %1 is the task, %2 the error. error.json is a file name.
        m_log(QCoreApplication::translate("retake::Engine", "%1: could not write error.json: %2")
                  .arg(t.snap.id, error));
    return m_workspace.relativePath(dir) + u'/';
}

void FailureArchive::logFailure(const TaskRecord &t, const GenerationResult &result,
                                int maxAttempts, bool willRetry, bool debugLogging) const
{
    const Attempt &a = t.current;
    ErrorLogEntry entry;
    entry.timestamp = a.endedAt;
    entry.taskId = t.snap.id;
    entry.stage = t.snap.stage;
    entry.providerId = a.providerId;
    entry.model = a.model;
    entry.attempt = a.number;
    entry.maxAttempts = maxAttempts;
    entry.rung = a.rung;
    entry.willRetry = willRetry;
    entry.errorClass = result.errorClass;
    entry.httpStatus = a.httpStatus;
    entry.message = a.message;
    entry.archivedTo = a.archivedTo;
    if (debugLogging) {
        entry.debugDetail = u"Prompt: %1\nNegative: %2\nProvider detail: %3"_s.arg(
            t.request.prompt, t.request.negativePrompt, result.detail);
    }
    QString logError;
    if (!m_workspace.appendErrorLog(entry, &logError))
        m_log(logError);
}

} // namespace retake
