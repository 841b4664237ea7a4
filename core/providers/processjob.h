// The lifecycle shared by the built-in provider's jobs (LocalJob, AssemblyJob, EspeakJob),
// on top of the ProviderJob contract:
//  - start() waits settings.latencyMs, then reports the injected fault or a request
//    without an output folder, else calls beginWork();
//  - cancel() before the work reports Cancelled without touching the folder; during the
//    work it stops it (stopWork(), and kills the running tool: Cancelled is reported only
//    once the tool is gone, so that nothing can write afterwards), removes the job's
//    partial outputs and reports Cancelled; after finished() it does nothing;
//  - destroying a job whose work is under way does the same silently.
// start() and cancel() never block and never emit.
#pragma once

#include "providers/faultinjector.h"
#include "providers/provider.h"
#include "providers/toolprocess.h"

#include <QProcess>
#include <QString>
#include <QStringList>

class QTimer;

namespace retake {

struct LocalJobSettings {
    QString providerId;
    QString model;                        // used when the request names none
    double costPerUnit = 0.0;             // per image, per second of video
    FaultDecision fault;                  // decided by the provider's FaultInjector
    int latencyMs = 0;                    // before any result is delivered
    int processTimeoutMs = 5 * 60 * 1000; // ffmpeg watchdog; 0 = none
};

class ProcessJob : public ProviderJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessJob)
public:
    ~ProcessJob() override;

    void start() final;

protected:
    ProcessJob(const GenerationRequest &request, const LocalJobSettings &settings, QObject *parent);

    // The work, after the latency and the common checks.
    virtual void beginWork() = 0;
    // The tool started through runTool() has exited (not called once cancelled or finished).
    virtual void toolFinished(int exitCode, QProcess::ExitStatus exitStatus) = 0;
    // The tool could not be started (not called once cancelled or finished).
    virtual void toolFailedToStart() = 0;
    // Stops work that is not a tool (a render on the thread pool); called by cancel().
    virtual void stopWork() {}
    void doCancel() final;

    const GenerationRequest &request() const { return m_request; }
    const LocalJobSettings &settings() const { return m_settings; }
    // Runs `program` in the output folder; its end arrives through toolFinished().
    void runTool(const QString &program, const QStringList &arguments, int timeoutMs,
                 ToolProcess::Stdout stdoutMode = ToolProcess::Stdout::Collect,
                 ToolProcess::Stderr stderrMode = ToolProcess::Stderr::Keep,
                 QIODevice::OpenMode mode = QIODevice::ReadOnly);
    ToolProcess *tool() const { return m_tool; } // null before the first runTool()

    // Creates the output folder; on failure reports file_io and returns false.
    bool makeOutputFolder();
    // Names (inside the output folder) that cancel() and the destructor remove.
    void addPartialOutput(const QString &fileName);
    void removePartialOutputs() const;
    QString outputPath(const QString &fileName) const;
    // "<task id>: <message>".
    GenerationResult failure(ErrorClass errorClass, const QString &message) const;
    void finish(const GenerationResult &result);
    void finishCancelled();
    // Emits progressed() when `fraction` is above the last one reported.
    void reportProgress(double fraction);

private:
    enum class Phase { Created, Waiting, Working, Cancelling };

    void onLatencyElapsed();
    void onToolFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onToolFailedToStart();

    GenerationRequest m_request;
    LocalJobSettings m_settings;
    Phase m_phase = Phase::Created;
    QStringList m_partialOutputs;
    QTimer *m_latencyTimer = nullptr;
    ToolProcess *m_tool = nullptr;
    double m_lastProgress = -1.0;
};

} // namespace retake
