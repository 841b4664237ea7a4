#include "failurearchive.h"

#include "util/poolrun.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QString cannotArchive(const QString &taskId, const QString &error)
{
    //: %1 is the task, %2 the error.
    return QCoreApplication::translate("retake::Engine",
                                       "%1: could not archive the failed attempt's files: %2")
        .arg(taskId, error);
}

} // namespace

FailureArchive::FailureArchive(const Workspace &workspace, Logger log, QObject *context)
    : m_workspace(workspace), m_log(std::move(log)), m_context(context)
{
    m_thread.setMaxThreadCount(1);
}

FailureArchive::~FailureArchive()
{
    waitForDone();
}

void FailureArchive::waitForDone()
{
    m_thread.waitForDone();
}

void FailureArchive::queue(std::function<QString()> work)
{
    QPointer<QObject> context = m_context;
    Logger log = m_log;
    runDetached(m_thread, [work = std::move(work), context, log] {
        const QString problem = work();
        if (problem.isEmpty() || !context)
            return;
        QMetaObject::invokeMethod(
            context.data(), [log, problem] { log(problem); }, Qt::QueuedConnection);
    });
}

QString FailureArchive::archive(const TaskRecord &t, const QString &fromDir)
{
    const Attempt &a = t.current;
    const QString dir = m_workspace.failedAttemptDir(t.snap.id, a.number);
    // The staging slot is used again at once: its files wait for the archive's thread under
    // a name of their own (one rename here, not a move of each file).
    QString parked;
    if (!fromDir.isEmpty()) {
        parked = m_workspace.path(u"draft/.staging/failed-%1"_s.arg(++m_parked));
        if (!QDir().rename(fromDir, parked))
            parked.clear(); // no folder (the attempt failed before it had one), or no rename
    }
    const QString taskId = t.snap.id;
    if (parked.isEmpty()) {
        // Not parked: whatever there is moves here, as before the archive had a thread.
        QString error;
        if (!m_workspace.moveDirContents(fromDir, dir, &error))
            m_log(cannotArchive(taskId, error));
    }
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
    queue([root = m_workspace.root(), parked, dir, taskId, json]() -> QString {
        const Workspace workspace(root);
        QString error;
        if (!parked.isEmpty() && !workspace.moveDirContents(parked, dir, &error))
            return cannotArchive(taskId, error);
        QDir().mkpath(dir);
        if (!Workspace::writeJson(dir + u"/error.json"_s, json, &error))
            //: %1 is the task, %2 the error. error.json is a file name.
            return QCoreApplication::translate("retake::Engine",
                                               "%1: could not write error.json: %2")
                .arg(taskId, error);
        return {};
    });
    return m_workspace.relativePath(dir) + u'/';
}

void FailureArchive::logFailure(const TaskRecord &t, const GenerationResult &result,
                                int maxAttempts, bool willRetry, bool debugLogging)
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
    queue([root = m_workspace.root(), entry]() -> QString {
        QString logError;
        Workspace(root).appendErrorLog(entry, &logError);
        return logError;
    });
}

} // namespace retake
