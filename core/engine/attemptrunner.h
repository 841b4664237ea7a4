// The life of one attempt after the scheduler chose it: a fresh staging folder, the
// provider's job with its progress, the output confined to the staging folder, verified
// (decodes, right kind; a provider's image or video may have any size and length),
// conformed to the shot when it differs (the provider's own file is kept beside it) and
// filed into draft/ under its attempt number. The outcome reaches the host exactly once
// per attempt; what to do next is the host's.
#pragma once

#include "engine/engineoptions.h"
#include "engine/outputverifier.h"
#include "engine/tasktable.h"
#include "store/workspace.h"

#include <QObject>
#include <QSet>

namespace retake {

class AttemptRunner final
{
public:
    class Host
    {
    public:
        virtual ~Host() = default;
        virtual void attemptProgressed(int task) = 0;
        virtual void attemptWaitsForSpace(int task, const QString &what) = 0;
        // The provider accepted (or, re-attaching, confirmed) the attempt as remote job `id`;
        // the job waits on it from now on.
        virtual void attemptAcceptedRemotely(int task, const QString &id, bool reattached) = 0;
        // The job reported (before confinement and verification).
        virtual void jobEnded(int task, const GenerationResult &result) = 0;
        // The output is verified and still in the staging folder.
        virtual void attemptVerified(int task, const QString &stagedFile) = 0;
        virtual void attemptFailed(int task, const GenerationResult &result) = 0;
        // Whether the workspace's drive is full now (a cut-short output is its fault).
        virtual bool driveIsFull() const = 0;
        // The `fit` option of the provider the attempt runs on ("pad", "crop", "stretch";
        // empty for the default, pad).
        virtual QString conformFit(int task) const = 0;
        // A line for the run's log.
        virtual void attemptNote(int task, const QString &line) = 0;
    };

    AttemptRunner(TaskTable &tasks, const Workspace &workspace, const EngineOptions &options,
                  Host &host, QObject *context)
        : m_tasks(tasks), m_workspace(workspace), m_options(options), m_host(host),
          m_context(context)
    {
    }

    // A new, empty staging folder for the attempt; false with `error` when it cannot be made.
    bool prepareStaging(TaskRecord &t, QString *error) const;
    // Watches `job` for task `i` and starts it.
    void run(int i, ProviderJob *job);
    // Renames the verified output into draft/ (and the provider's original beside it when
    // the output was conformed); false with `error` set.
    bool file(TaskRecord &t, const QString &stagedFile, QString *target, QString *error) const;
    // Removes the staging folder of the attempt in flight.
    static void dropStaging(const TaskRecord &t);

private:
    void onJobFinished(int i, const GenerationResult &result);
    void onVerified(int i, const QString &file, const VerificationResult &verification);
    // A verified (or, unverified, measured) output: recorded, conformed when needed, filed.
    void accept(int i, const QString &file, const VerificationResult &verification);
    void conform(int i, const QString &file, const VerificationResult &measured);
    void onConformed(int i, const QString &original, const QString &conformed, bool ok,
                     const QString &problem, const QString &stderrTail);
    // Whether the task's attempt `number` is still the one in flight.
    bool stillRunning(int i, int number) const;

    TaskTable &m_tasks;
    const Workspace &m_workspace;
    const EngineOptions &m_options;
    Host &m_host;
    QObject *m_context;
    // The shots' draft folders made (or found) by file(): each is made once per run, not
    // looked at again for every output.
    mutable QSet<QString> m_draftFolders;
};

} // namespace retake
