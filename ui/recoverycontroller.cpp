#include "recoverycontroller.h"

#include "bannercoordinator.h"
#include "editpromptdialog.h"
#include "enginecontroller.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "shotlistmodel.h"
#include "switchproviderdialog.h"

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

bool isRetryable(const TaskSnapshot &t)
{
    return (t.state == TaskState::Failed || t.state == TaskState::Blocked ||
            t.state == TaskState::Cancelled) &&
           !BannerCoordinator::isLoopGuarded(t);
}

bool isSwitchable(const TaskSnapshot &t)
{
    // A cut is the built-in assembly job: there is no other provider to switch to.
    if (t.stage == Stage::Assembly)
        return false;
    switch (t.state) {
    case TaskState::Failed:
    case TaskState::Blocked:
    case TaskState::Cancelled:
    case TaskState::Retrying:
    case TaskState::Queued:
        return true;
    case TaskState::Done:
        return isDegraded(t.quality);
    case TaskState::Waiting:
    case TaskState::Running:
    case TaskState::Interrupted:
    case TaskState::Skipped:
        return false;
    }
    Q_UNREACHABLE();
}

} // namespace

RecoveryController::RecoveryController(ProjectSession *session, EngineController *engine,
                                       const ShotListModel *model, QWidget *window)
    : QObject(window), m_session(session), m_engine(engine), m_model(model)
{
}

QWidget *RecoveryController::window() const
{
    return qobject_cast<QWidget *>(parent());
}

QStringList RecoveryController::retryableTaskIds(const QStringList &shotIds) const
{
    QStringList ids;
    for (const QString &shotId : shotIds) {
        const ShotTile *tile = m_model->tileForShot(shotId);
        if (!tile)
            continue;
        for (const TaskSnapshot *t : {&tile->image, &tile->video}) {
            // A blocked video is retried through its image: not when the image's loop
            // guard is on.
            if (isRetryable(*t) && !(t->stage == Stage::Video && t->state == TaskState::Blocked &&
                                     BannerCoordinator::isLoopGuarded(tile->image)))
                ids << t->id;
        }
    }
    return ids;
}

QStringList RecoveryController::degradedTaskIds(const QStringList &shotIds) const
{
    QStringList ids;
    for (const QString &shotId : shotIds) {
        const ShotTile *tile = m_model->tileForShot(shotId);
        if (!tile)
            continue;
        for (const TaskSnapshot *t : {&tile->image, &tile->video}) {
            if (t->state == TaskState::Done && isDegraded(t->quality))
                ids << t->id;
        }
    }
    return ids;
}

QStringList RecoveryController::switchableTaskIds(const QStringList &shotIds) const
{
    QStringList ids;
    QStringList degraded;
    for (const QString &shotId : shotIds) {
        const ShotTile *tile = m_model->tileForShot(shotId);
        if (!tile)
            continue;
        for (const TaskSnapshot *t : {&tile->image, &tile->video}) {
            if (t->state == TaskState::Done) {
                if (isSwitchable(*t))
                    degraded << t->id;
            } else if (isSwitchable(*t)) {
                ids << t->id;
            }
        }
    }
    // Switching the provider of a failed shot must not throw away its degraded image;
    // degraded tasks are switched only when nothing else is selected.
    return ids.isEmpty() ? degraded : ids;
}

bool RecoveryController::anyLoopGuarded(const QStringList &shotIds) const
{
    for (const QString &shotId : shotIds) {
        const ShotTile *tile = m_model->tileForShot(shotId);
        if (tile &&
            (BannerCoordinator::isLoopGuarded(tile->image) ||
             BannerCoordinator::isLoopGuarded(tile->video)) &&
            (tile->image.state == TaskState::Failed || tile->video.state == TaskState::Failed))
            return true;
    }
    return false;
}

void RecoveryController::retry(const QStringList &shotIds)
{
    const QStringList ids = retryableTaskIds(shotIds);
    if (ids.isEmpty())
        return;
    Q_EMIT logLine(MainWindow::tr("You retried %1.").arg(ids.join(u", "_s)));
    m_engine->retryTasks(ids);
}

void RecoveryController::retryAtFullQuality(const QStringList &shotIds)
{
    const QStringList ids = degradedTaskIds(shotIds);
    if (ids.isEmpty())
        return;
    Q_EMIT logLine(MainWindow::tr("You retried %1 at full quality.").arg(ids.join(u", "_s)));
    m_engine->retryAtFullQuality(ids);
}

void RecoveryController::retryAllFailed()
{
    const BatchSummary &summary = m_session->summary;
    Q_EMIT logLine(MainWindow::tr("You retried all failed tasks (%n failed, %1 blocked).", nullptr,
                                  summary.count(TaskState::Failed))
                       .arg(summary.count(TaskState::Blocked)));
    m_engine->retryAllFailed();
}

void RecoveryController::switchProvider(const QStringList &taskIds)
{
    if (!m_session->loaded)
        return;
    auto *dialog =
        new SwitchProviderDialog(m_session->providerIds, m_session->project, taskIds,
                                 m_session->summary.count(TaskState::Failed),
                                 taskIds.isEmpty() ? SwitchProviderDialog::Scope::AllFailed
                                                   : SwitchProviderDialog::Scope::Selection,
                                 window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString provider = dialog->providerId();
        if (dialog->scope() == SwitchProviderDialog::Scope::AllFailed) {
            Q_EMIT logLine(
                MainWindow::tr("You switched every failed task to provider %1.").arg(provider));
            m_engine->switchProviderForFailed(provider);
        } else {
            Q_EMIT logLine(MainWindow::tr("You switched %1 to provider %2.")
                               .arg(dialog->selectedTaskIds().join(u", "_s), provider));
            m_engine->switchProvider(dialog->selectedTaskIds(), provider);
        }
    });
    dialog->open();
}

void RecoveryController::editPrompt(const QString &shotId, const QString &reason)
{
    const ShotTile *tile = m_model->tileForShot(shotId);
    if (!tile || !tile->isShot())
        return; // a scene's cut or the film has no prompt
    const Shot &shot = m_session->project.scenes.at(tile->sceneIndex).shots.at(tile->shotIndex);
    QString why = reason;
    if (why.isEmpty()) {
        for (const TaskSnapshot *t : {&tile->image, &tile->video}) {
            if (t->lastError == ErrorClass::ContentPolicy && t->state != TaskState::Done)
                why = MainWindow::tr("The provider rejected this prompt (%1).").arg(t->lastMessage);
        }
    }
    auto *dialog = new EditPromptDialog(m_session->path, shot, why, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditPromptDialog::saved, this, [this](const QString &id) {
        Q_EMIT logLine(
            MainWindow::tr("You changed the prompt of %1; reloading the storyboard.").arg(id));
        Q_EMIT promptSaved();
    });
    dialog->open();
}

} // namespace retake::ui
