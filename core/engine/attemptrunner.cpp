#include "attemptrunner.h"

#include "engine/outputconformer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

bool AttemptRunner::prepareStaging(TaskRecord &t, QString *error) const
{
    t.request.outputDir = m_workspace.stagingDir(t.snap.id, t.current.number);
    QDir(t.request.outputDir).removeRecursively();
    if (QDir().mkpath(t.request.outputDir))
        return true;
    //: %1 is the attempt's staging folder.
    *error = QCoreApplication::translate("retake::Engine",
                                         "cannot create %1; check that the workspace is writable")
                 .arg(t.request.outputDir);
    return false;
}

void AttemptRunner::dropStaging(const TaskRecord &t)
{
    // An attempt that failed before prepareStaging() has no folder; QDir("") is the current
    // directory, which must never be removed.
    if (t.request.outputDir.isEmpty())
        return;
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
                       //: %1 is the file name the provider named.
                       QCoreApplication::translate(
                           "retake::Engine",
                           "the provider named an output outside the attempt folder (%1); "
                           "it was moved to _untrusted/")
                           .arg(QFileInfo(file).fileName())));
            return;
        }
        if (primary.isEmpty())
            primary = file;
    }
    if (primary.isEmpty()) {
        m_host.attemptFailed(
            i, GenerationResult::failure(
                   ErrorClass::OutputInvalid,
                   QCoreApplication::translate("retake::Engine",
                                               "the provider reported success without a file")));
        return;
    }
    t.current.costUnits = result.costUnits;
    t.current.stderrTail = result.stderrTail;
    if (!m_options.verifyOutputs) {
        // Unverified (tests with fake outputs): an image whose header names a size is still
        // conformed to the shot; anything else is taken as it is.
        const QSize size = t.snap.stage == Stage::Image ? QImageReader(primary).size() : QSize();
        if (!size.isValid()) {
            m_host.attemptVerified(i, primary);
            return;
        }
        VerificationResult measured;
        measured.ok = true;
        measured.file = primary;
        measured.width = size.width();
        measured.height = size.height();
        accept(i, primary, measured);
        return;
    }
    VerificationExpectation expect;
    expect.stage = t.snap.stage;
    if (t.snap.stage == Stage::Assembly) {
        // Retake's own ffmpeg made it to the scene's format: it must match exactly.
        expect.width = t.request.width;
        expect.height = t.request.height;
        expect.durationSec = t.request.durationSec;
    }
    // A model chooses its own size and length: any decodable image or video is accepted,
    // measured and conformed to the shot (docs/ARCHITECTURE.md, "Conforming outputs").
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
            i, GenerationResult::failure(
                   ErrorClass::Cancelled,
                   QCoreApplication::translate("retake::Engine", "cancelled by the user")));
        return;
    }
    if (!verification.ok && m_host.driveIsFull()) {
        // A tool that ran out of space leaves a truncated file: the drive is at fault, not
        // the provider or its parameters, so the batch pauses instead of degrading.
        m_host.attemptFailed(
            i, GenerationResult::failure(
                   ErrorClass::DiskFull,
                   //: %1 is what the output check found wrong with the file.
                   QCoreApplication::translate("retake::Engine",
                                               "the output was cut short on a full drive (%1)")
                       .arg(verification.message)));
        return;
    }
    if (!verification.ok) {
        const ErrorClass cls = verification.errorClass == ErrorClass::None
                                   ? ErrorClass::OutputInvalid
                                   : verification.errorClass;
        m_host.attemptFailed(i, GenerationResult::failure(cls, verification.message));
        return;
    }
    accept(i, file, verification);
}

void AttemptRunner::accept(int i, const QString &file, const VerificationResult &verification)
{
    const TaskRecord &t = m_tasks.at(i);
    const bool media = t.snap.stage == Stage::Image || t.snap.stage == Stage::Video;
    if (!media) {
        m_host.attemptVerified(i, file);
        return;
    }
    Attempt &a = m_tasks.at(i).current;
    a.mediaWidth = verification.width;
    a.mediaHeight = verification.height;
    if (t.snap.stage == Stage::Video) {
        a.mediaFps = verification.fps;
        a.mediaDurationSec = verification.durationSec;
        if (!(verification.durationSec > 0) || !std::isfinite(verification.durationSec)) {
            m_host.attemptFailed(
                i, GenerationResult::failure(
                       ErrorClass::OutputInvalid,
                       QFileInfo(file).fileName() +
                           QCoreApplication::translate("retake::Engine", ": has no duration")));
            return;
        }
    }
    conform(i, file, verification);
}

bool AttemptRunner::stillRunning(int i, int number) const
{
    const TaskRecord &t = m_tasks.at(i);
    return t.snap.state == TaskState::Running && t.current.number == number;
}

void AttemptRunner::conform(int i, const QString &file, const VerificationResult &measured)
{
    const TaskRecord &t = m_tasks.at(i);
    ConformTarget target;
    target.stage = t.snap.stage;
    target.width = t.request.width;
    target.height = t.request.height;
    if (target.stage == Stage::Video) {
        target.fps = t.request.fps;
        target.durationSec = t.request.durationSec;
    }
    const QString fit = m_host.conformFit(i);
    if (const std::optional<FitMode> mode = fitModeFromString(fit)) {
        target.fit = *mode;
    } else {
        m_host.attemptNote(
            i,
            //: %1 is the task, %2 the fit mode as written, %3 the provider.
            //: pad, crop and stretch are the values the profile may use.
            QCoreApplication::translate("retake::Engine",
                                        "%1: unknown fit \"%2\" in the profile of %3 (pad, crop or "
                                        "stretch); it is padded")
                .arg(t.snap.id, fit, t.current.providerId));
    }
    if (!needsConform(measured, measured.fps, target)) {
        m_host.attemptVerified(i, file);
        return;
    }
    const QFileInfo info(file);
    const QString output = info.dir().filePath(
        info.completeBaseName() +
        (target.stage == Stage::Video ? u".conformed.mp4"_s : u".conformed.png"_s));
    const int number = t.current.number;
    auto *conformer = new OutputConformer(m_context);
    QObject::connect(conformer, &OutputConformer::finished, m_context,
                     [this, i, number, file, output, conformer](bool ok, const QString &problem,
                                                                const QString &stderrTail) {
                         conformer->deleteLater();
                         if (stillRunning(i, number))
                             onConformed(i, file, output, ok, problem, stderrTail);
                     });
    conformer->conform(file, output, target, measured.durationSec);
}

void AttemptRunner::onConformed(int i, const QString &original, const QString &conformed, bool ok,
                                const QString &problem, const QString &stderrTail)
{
    TaskRecord &t = m_tasks.at(i);
    if (t.cancelRequested) {
        m_host.attemptFailed(
            i, GenerationResult::failure(
                   ErrorClass::Cancelled,
                   QCoreApplication::translate("retake::Engine", "cancelled by the user")));
        return;
    }
    if (ok) {
        t.current.originalPath = original; // staged; file() moves it beside the output
        m_host.attemptVerified(i, conformed);
        return;
    }
    // The provider delivered a good file: a failed conform is never a reason to pay for the
    // same request again. The draft keeps the file as delivered (an assembly fits every clip
    // to the scene) and the attempt says what failed.
    QFile::remove(conformed);
    const Attempt &a = t.current;
    //: %1 is the task; %2x%3 the delivered size, %4x%5 the shot's size (pixels); %6 why
    //: conforming failed. RETAKE_FFMPEG is an environment variable.
    t.current.message =
        QCoreApplication::translate(
            "retake::Engine",
            "%1: kept the provider's %2x%3 output as delivered; conforming it to %4x%5 failed "
            "(%6). Check that ffmpeg works (RETAKE_FFMPEG names it), then conform the draft "
            "file by hand or retry the shot")
            .arg(t.snap.id)
            .arg(a.mediaWidth)
            .arg(a.mediaHeight)
            .arg(t.request.width)
            .arg(t.request.height)
            .arg(problem);
    if (!stderrTail.isEmpty())
        t.current.stderrTail = stderrTail;
    m_host.attemptNote(i, t.current.message);
    m_host.attemptVerified(i, original);
}

bool AttemptRunner::file(TaskRecord &t, const QString &stagedFile, QString *target,
                         QString *error) const
{
    const QString suffix = QFileInfo(stagedFile).suffix();
    *target = m_workspace.outputPath(t.snap.sceneId, t.snap.shotId, t.snap.stage, t.current.number,
                                     suffix.isEmpty() ? u"bin"_s : suffix);
    const QString folder = QFileInfo(*target).absolutePath();
    if (!m_draftFolders.contains(folder) && QDir().mkpath(folder))
        m_draftFolders.insert(folder);
    QFile::remove(*target); // only a leftover of a crash can be there: attempts are numbered
    bool moved = QFile::rename(stagedFile, *target);
    if (!moved && m_draftFolders.remove(folder)) // the folder was removed since: once more
        moved = QDir().mkpath(folder) && QFile::rename(stagedFile, *target);
    if (!moved) {
        //: %1 is the output's path in the workspace.
        *error =
            QCoreApplication::translate("retake::Engine", "cannot move the verified output to %1")
                .arg(m_workspace.relativePath(*target));
        t.current.originalPath.clear(); // it stays in the staging folder, archived with it
        return false;
    }
    if (!t.current.originalPath.isEmpty()) {
        // draft/<scene>/<shot>/<stage>.a<N>.original.<ext>: what was paid for is kept.
        const QString staged = t.current.originalPath;
        const QString originalSuffix = QFileInfo(staged).suffix();
        const QString kept = m_workspace.outputPath(
            t.snap.sceneId, t.snap.shotId, t.snap.stage, t.current.number,
            u"original."_s + (originalSuffix.isEmpty() ? u"bin"_s : originalSuffix));
        QFile::remove(kept);
        if (QFile::rename(staged, kept)) {
            t.current.originalPath = m_workspace.relativePath(kept);
        } else {
            t.current.originalPath.clear();
            //: %1 is a path in the workspace.
            t.current.message =
                QCoreApplication::translate("retake::Engine",
                                            "the provider's original could not be kept as %1")
                    .arg(m_workspace.relativePath(kept));
        }
    }
    dropStaging(t);
    return true;
}

} // namespace retake
