#include "providers/processjob.h"

#include <QDir>
#include <QFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace retake {

ProcessJob::ProcessJob(const GenerationRequest &request, const LocalJobSettings &settings,
                       QObject *parent)
    : ProviderJob(parent), m_request(request), m_settings(settings)
{
}

ProcessJob::~ProcessJob()
{
    // Only a job that is writing has anything to stop or to clean up.
    if (isFinished() || (m_phase != Phase::Working && m_phase != Phase::Cancelling))
        return;
    if (m_tool)
        m_tool->abandon();
    removePartialOutputs();
}

void ProcessJob::start()
{
    if (isFinished() || m_phase != Phase::Created)
        return;
    m_phase = Phase::Waiting;
    m_latencyTimer = new QTimer(this);
    m_latencyTimer->setSingleShot(true);
    m_latencyTimer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(m_latencyTimer, &QTimer::timeout, this, &ProcessJob::onLatencyElapsed);
    m_latencyTimer->start(m_settings.latencyMs);
}

void ProcessJob::doCancel()
{
    switch (m_phase) {
    case Phase::Created:
    case Phase::Waiting:
        // Nothing was written yet: report without touching the folder.
        finish(failure(ErrorClass::Cancelled, u"cancelled"_s));
        return;
    case Phase::Working:
        stopWork();
        if (m_tool && m_tool->isRunning()) {
            // Report only once the process is gone, so that nothing can write afterwards.
            m_phase = Phase::Cancelling;
            m_tool->kill();
        } else {
            finishCancelled();
        }
        return;
    case Phase::Cancelling:
        return;
    }
}

void ProcessJob::onLatencyElapsed()
{
    if (isFinished() || m_phase != Phase::Waiting)
        return;
    m_phase = Phase::Working;
    if (m_settings.fault.injectsFailure()) {
        finish(m_settings.fault.toResult());
        return;
    }
    if (m_request.outputDir.isEmpty()) {
        finish(failure(ErrorClass::InvalidRequest, u"the request has no output folder"_s));
        return;
    }
    beginWork();
}

void ProcessJob::runTool(const QString &program, const QStringList &arguments, int timeoutMs,
                         ToolProcess::Stdout stdoutMode, ToolProcess::Stderr stderrMode,
                         QIODevice::OpenMode mode)
{
    if (!m_tool) {
        m_tool = new ToolProcess(this);
        connect(m_tool, &ToolProcess::finished, this, &ProcessJob::onToolFinished);
        connect(m_tool, &ToolProcess::failedToStart, this, &ProcessJob::onToolFailedToStart);
    }
    m_tool->start(program, arguments, m_request.outputDir, timeoutMs, stdoutMode, stderrMode, mode);
}

void ProcessJob::onToolFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (isFinished())
        return;
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase == Phase::Working)
        toolFinished(exitCode, exitStatus);
}

void ProcessJob::onToolFailedToStart()
{
    if (isFinished())
        return;
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase == Phase::Working)
        toolFailedToStart();
}

bool ProcessJob::makeOutputFolder()
{
    if (QDir().mkpath(m_request.outputDir))
        return true;
    finish(failure(ErrorClass::FileIo, u"cannot create the output folder %1"_s.arg(
                                           QDir::toNativeSeparators(m_request.outputDir))));
    return false;
}

void ProcessJob::addPartialOutput(const QString &fileName)
{
    if (!m_partialOutputs.contains(fileName))
        m_partialOutputs << fileName;
}

void ProcessJob::removePartialOutputs() const
{
    if (m_request.outputDir.isEmpty())
        return;
    for (const QString &name : m_partialOutputs)
        QFile::remove(outputPath(name));
}

QString ProcessJob::outputPath(const QString &fileName) const
{
    return QDir(m_request.outputDir).filePath(fileName);
}

GenerationResult ProcessJob::failure(ErrorClass errorClass, const QString &message) const
{
    return GenerationResult::failure(errorClass, m_request.taskId % u": "_s % message);
}

void ProcessJob::finish(const GenerationResult &result)
{
    if (isFinished())
        return;
    if (m_latencyTimer)
        m_latencyTimer->stop();
    if (m_tool)
        m_tool->stopWatchdog();
    emitResult(result);
}

void ProcessJob::finishCancelled()
{
    removePartialOutputs();
    finish(failure(ErrorClass::Cancelled, u"cancelled"_s));
}

void ProcessJob::reportProgress(double fraction)
{
    if (fraction <= m_lastProgress)
        return;
    m_lastProgress = fraction;
    Q_EMIT progressed(fraction);
}

} // namespace retake
