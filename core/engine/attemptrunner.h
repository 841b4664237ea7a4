// The life of one attempt after the scheduler chose it: an empty staging slot, the
// provider's job with its progress, the output confined to the staging slot, verified
// (decodes, right kind; a provider's image or video may have any size and length),
// conformed to the shot when it differs (the provider's own file is kept beside it) and
// filed into draft/ under its attempt number. Verifying, conforming and filing run off the
// engine's thread (docs/ARCHITECTURE.md, "Threads"); the engine's thread only decides. The
// outcome reaches the host exactly once per attempt; what to do next is the host's.
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
        // The output is verified and filed into draft/ as `target` (its staging slot is empty
        // again and free).
        virtual void attemptFiled(int task, const QString &target) = 0;
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

    // An empty staging slot for the attempt (t.request.outputDir); false with `error` when
    // its folder cannot be made.
    bool prepareStaging(TaskRecord &t, QString *error);
    // Watches `job` for task `i` and starts it.
    void run(int i, ProviderJob *job);
    // Empties the staging slot of the attempt in flight (what is left in it: a failed
    // attempt's files were archived before) and frees it.
    void releaseStaging(TaskRecord &t);
    // Forgets the slots (a new run: Engine::open removes draft/.staging).
    void resetStaging();

private:
    // What filing moves where; made on the engine's thread, done on a worker.
    struct FilePlan {
        QString staged;         // the verified output in the slot
        QString target;         // draft/<scene>/<shot>/<stage>.a<N>.<ext>
        QString folder;         // the target's folder
        bool makeFolder = true; // not made (or found) yet in this run
        QString original;       // the provider's own file when the output was conformed
        QString originalKept;   // ... and where it is kept beside the output
        QString slotDir;        // emptied once the output is out of it
    };
    struct FileOutcome {
        bool moved = false;
        bool originalKept = false;
        bool slotEmptied = false; // the slot can be used again
    };
    // Blocking: renames the output (and the original) into draft/, then empties the slot.
    static FileOutcome fileOnDisk(const FilePlan &plan);

    // Files the verified `stagedFile` on a worker; the host hears attemptFiled or
    // attemptFailed.
    void fileOutput(int i, const QString &stagedFile);
    void onFiled(int i, int number, const FilePlan &plan, const FileOutcome &outcome);
    // The attempt's slot is free again; `emptied`: it can be used by another attempt.
    void freeSlot(TaskRecord &t, bool emptied);
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
    // The shots' draft folders made (or found) by filing: each is made once per run, not
    // looked at again for every output.
    QSet<QString> m_draftFolders;
    // Staging slots: how many folders draft/.staging/slot-<N> exist, and which are free.
    int m_slotCount = 0;
    QList<int> m_freeSlots;
};

} // namespace retake
