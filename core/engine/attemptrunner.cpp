#include "attemptrunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace retake {

bool AttemptRunner::prepareStaging(TaskRecord &t, QString *error) const
{
    t.request.outputDir = m_workspace.stagingDir(t.snap.id, t.current.number);
    QDir(t.request.outputDir).removeRecursively();
    if (QDir().mkpath(t.request.outputDir))
        return true;
    *error = u"cannot create %1; check that the workspace is writable"_s.arg(t.request.outputDir);
    return false;
}

void AttemptRunner::dropStaging(const TaskRecord &t)
{
    QDir(t.request.outputDir).removeRecursively();
}

void AttemptRunner::run(int i, ProviderJob *job)
{
    m_tasks.at(i).job = job;
    QObject::connect(job, &ProviderJob::progressed, m_context, [this, i, job](double fraction) {
        if (m_tasks.at(i).job == job) {
            m_tasks.at(i).snap.progress = fraction;
            m_host.attemptProgressed(i);
        }
    });
    QObject::connect(job, &ProviderJob::waitingForSpace, m_context,
                     [this, i, job](const QString &what) {
                         if (m_tasks.at(i).job == job)
                             m_host.attemptWaitsForSpace(i, what);
                     });
    QObject::connect(job, &ProviderJob::remoteJobAccepted, m_context,
                     [this, i, job](const QString &id, bool reattached) {
                         if (m_tasks.at(i).job == job)
                             m_host.attemptAcceptedRemotely(i, id, reattached);
                     });
    QObject::connect(job, &ProviderJob::finished, m_context,
                     [this, i, job](const GenerationResult &result) {
                         job->deleteLater();
                         if (m_tasks.at(i).job != job)
                             return; // reported after we gave up on it
                         onJobFinished(i, result);
                     });
    job->start();
}

void AttemptRunner::onJobFinished(int i, const GenerationResult &result)
{
    m_host.jobEnded(i, result);
    TaskRecord &t = m_tasks.at(i);
    if (t.cancelRequested && !result.ok()) {
        GenerationResult cancelled = result;
        cancelled.errorClass = ErrorClass::Cancelled;
        m_host.attemptFailed(i, cancelled);
        return;
    }
    if (!result.ok()) {
        m_host.attemptFailed(i, result);
        return;
    }
    // Path confinement: every output must be inside the attempt's staging folder.
    const Workspace staging(t.request.outputDir);
    QString primary;
    for (const QString &file : result.outputFiles) {
        if (!staging.contains(file)) {
            QString error;
            m_workspace.moveDirContents(t.request.outputDir, m_workspace.untrustedDir(t.snap.id),
                                        &error);
            m_host.attemptFailed(
                i, GenerationResult::failure(
                       ErrorClass::UnsafeOutput,
                       u"the provider named an output outside the attempt folder (%1); "
                       "it was moved to _untrusted/"_s.arg(QFileInfo(file).fileName())));
            return;
        }
        if (primary.isEmpty())
            primary = file;
    }
    if (primary.isEmpty()) {
        m_host.attemptFailed(
            i, GenerationResult::failure(ErrorClass::OutputInvalid,
                                         u"the provider reported success without a file"_s));
        return;
    }
    t.current.costUnits = result.costUnits;
    t.current.stderrTail = result.stderrTail;
    if (!m_options.verifyOutputs) {
        m_host.attemptVerified(i, primary);
        return;
    }
    VerificationExpectation expect;
    expect.stage = t.snap.stage;
    expect.width = t.request.width;
    expect.height = t.request.height;
    const bool timed = t.snap.stage == Stage::Video || t.snap.stage == Stage::Assembly;
    expect.durationSec = timed ? t.request.durationSec : 0.0;
    // The task stays Running, without its slot, until verification reports.
    auto *verifier = new OutputVerifier(m_context);
    QObject::connect(verifier, &OutputVerifier::finished, m_context,
                     [this, i, primary, verifier](const VerificationResult &v) {
                         verifier->deleteLater();
                         onVerified(i, primary, v);
                     });
    verifier->verify(primary, expect);
}

void AttemptRunner::onVerified(int i, const QString &file, const VerificationResult &verification)
{
    const TaskRecord &t = m_tasks.at(i);
    if (t.snap.state != TaskState::Running)
        return; // cancelled meanwhile
    if (t.cancelRequested) {
        m_host.attemptFailed(
            i, GenerationResult::failure(ErrorClass::Cancelled, u"cancelled by the user"_s));
        return;
    }
    if (!verification.ok && m_host.driveIsFull()) {
        // A tool that ran out of space leaves a truncated file: the drive is at fault, not
        // the provider or its parameters, so the batch pauses instead of degrading.
        m_host.attemptFailed(
            i, GenerationResult::failure(
                   ErrorClass::DiskFull,
                   u"the output was cut short on a full drive (%1)"_s.arg(verification.message)));
        return;
    }
    if (!verification.ok) {
        const ErrorClass cls = verification.errorClass == ErrorClass::None
                                   ? ErrorClass::OutputInvalid
                                   : verification.errorClass;
        m_host.attemptFailed(i, GenerationResult::failure(cls, verification.message));
        return;
    }
    m_host.attemptVerified(i, file);
}

bool AttemptRunner::file(TaskRecord &t, const QString &stagedFile, QString *target,
                         QString *error) const
{
    const QString suffix = QFileInfo(stagedFile).suffix();
    *target = m_workspace.outputPath(t.snap.sceneId, t.snap.shotId, t.snap.stage, t.current.number,
                                     suffix.isEmpty() ? u"bin"_s : suffix);
    QDir().mkpath(QFileInfo(*target).absolutePath());
    QFile::remove(*target); // only a leftover of a crash can be there: attempts are numbered
    if (!QFile::rename(stagedFile, *target)) {
        *error = u"cannot move the verified output to %1"_s.arg(m_workspace.relativePath(*target));
        return false;
    }
    dropStaging(t);
    return true;
}

} // namespace retake
