#include "attemptrunner.h"

#include "engine/outputconformer.h"
#include "util/poolrun.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// Empties a staging slot's folder (makes it again when it is gone: the failure archive takes
// the folder with the files it moves); false when the slot cannot be used again.
bool emptySlot(const QString &dir)
{
    QDir folder(dir);
    if (!folder.exists())
        return QDir().mkpath(dir);
    bool ok = true;
    const QFileInfoList left =
        folder.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : left) {
        if (entry.isDir() && !entry.isSymLink())
            ok = QDir(entry.absoluteFilePath()).removeRecursively() && ok;
        else
            ok = QFile::remove(entry.absoluteFilePath()) && ok;
    }
    return ok;
}

} // namespace

bool AttemptRunner::prepareStaging(TaskRecord &t, QString *error)
{
    // A free slot is empty (releaseStaging, fileOnDisk); a new one is made once per run.
    const bool fresh = m_freeSlots.isEmpty();
    t.stagingSlot = fresh ? m_slotCount++ : m_freeSlots.takeLast();
    t.request.outputDir = m_workspace.stagingSlotDir(t.stagingSlot);
    if (!fresh || QDir().mkpath(t.request.outputDir))
        return true;
    //: %1 is the attempt's staging folder.
    *error = QCoreApplication::translate("retake::Engine",
                                         "cannot create %1; check that the workspace is writable")
                 .arg(t.request.outputDir);
    return false;
}

void AttemptRunner::releaseStaging(TaskRecord &t)
{
    // An attempt that failed before prepareStaging() has no slot.
    if (t.stagingSlot >= 0)
        freeSlot(t, emptySlot(m_workspace.stagingSlotDir(t.stagingSlot)));
}

void AttemptRunner::freeSlot(TaskRecord &t, bool emptied)
{
    const int slot = std::exchange(t.stagingSlot, -1);
    if (emptied) // a slot that could not be emptied is not used again in this run
        m_freeSlots.append(slot);
}

void AttemptRunner::resetStaging()
{
    m_slotCount = 0;
    m_freeSlots.clear();
    m_draftFolders.clear();
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
            fileOutput(i, primary);
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
        fileOutput(i, file);
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
        fileOutput(i, file);
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
        t.current.originalPath = original; // staged; filing moves it beside the output
        fileOutput(i, conformed);
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
    fileOutput(i, original);
}

void AttemptRunner::fileOutput(int i, const QString &stagedFile)
{
    const TaskRecord &t = m_tasks.at(i);
    FilePlan plan;
    plan.staged = stagedFile;
    const QString suffix = QFileInfo(stagedFile).suffix();
    plan.target = m_workspace.outputPath(t.snap.sceneId, t.snap.shotId, t.snap.stage,
                                         t.current.number, suffix.isEmpty() ? u"bin"_s : suffix);
    plan.folder = QFileInfo(plan.target).absolutePath();
    plan.makeFolder = !m_draftFolders.contains(plan.folder);
    if (!t.current.originalPath.isEmpty()) {
        // draft/<scene>/<shot>/<stage>.a<N>.original.<ext>: what was paid for is kept.
        plan.original = t.current.originalPath;
        const QString originalSuffix = QFileInfo(plan.original).suffix();
        plan.originalKept = m_workspace.outputPath(
            t.snap.sceneId, t.snap.shotId, t.snap.stage, t.current.number,
            u"original."_s + (originalSuffix.isEmpty() ? u"bin"_s : originalSuffix));
    }
    plan.slotDir = t.request.outputDir;
    const int number = t.current.number;
    // The task stays Running, without its provider slot, until the output is filed.
    runOnPool<FileOutcome>(
        m_context, [plan](PoolProgress &) { return fileOnDisk(plan); },
        [this, i, number, plan](const FileOutcome &outcome) { onFiled(i, number, plan, outcome); });
}

AttemptRunner::FileOutcome AttemptRunner::fileOnDisk(const FilePlan &plan)
{
    FileOutcome outcome;
    if (plan.makeFolder)
        QDir().mkpath(plan.folder);
    QFile::remove(plan.target); // only a leftover of a crash can be there: attempts are numbered
    outcome.moved = QFile::rename(plan.staged, plan.target);
    if (!outcome.moved && !plan.makeFolder) // the folder was removed since: once more
        outcome.moved = QDir().mkpath(plan.folder) && QFile::rename(plan.staged, plan.target);
    if (!outcome.moved)
        return outcome; // the staged files stay in the slot, archived with the failure
    if (!plan.original.isEmpty()) {
        QFile::remove(plan.originalKept);
        outcome.originalKept = QFile::rename(plan.original, plan.originalKept);
    }
    outcome.slotEmptied = emptySlot(plan.slotDir);
    return outcome;
}

void AttemptRunner::onFiled(int i, int number, const FilePlan &plan, const FileOutcome &outcome)
{
    if (!stillRunning(i, number))
        return; // the engine was reset meanwhile (a new run forgets the slots)
    TaskRecord &t = m_tasks.at(i);
    if (!outcome.moved) {
        m_draftFolders.remove(plan.folder);
        t.current.originalPath.clear(); // it stays in the staging slot, archived with it
        m_host.attemptFailed(i, GenerationResult::failure(
                                    ErrorClass::FileIo,
                                    //: %1 is the output's path in the workspace.
                                    QCoreApplication::translate(
                                        "retake::Engine", "cannot move the verified output to %1")
                                        .arg(m_workspace.relativePath(plan.target))));
        return;
    }
    m_draftFolders.insert(plan.folder);
    if (outcome.originalKept) {
        t.current.originalPath = m_workspace.relativePath(plan.originalKept);
    } else if (!plan.original.isEmpty()) {
        t.current.originalPath.clear();
        //: %1 is a path in the workspace.
        t.current.message = QCoreApplication::translate(
                                "retake::Engine", "the provider's original could not be kept as %1")
                                .arg(m_workspace.relativePath(plan.originalKept));
    }
    freeSlot(t, outcome.slotEmptied);
    m_host.attemptFiled(i, plan.target);
}

} // namespace retake
