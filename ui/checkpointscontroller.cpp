#include "checkpointscontroller.h"

#include "bannerid.h"

#include "checkpointsdialog.h"
#include "enginecontroller.h"
#include "mainwindow.h"
#include "projectsession.h"

#include <QAction>

using namespace Qt::StringLiterals;

namespace retake::ui {

CheckpointsController::CheckpointsController(ProjectSession *session, EngineController *engine,
                                             QWidget *window)
    : QObject(window), m_session(session), m_engine(engine), m_restoreFromBanner(new QAction(this)),
      m_undoRestore(new QAction(this))
{
    m_restoreFromBanner->setObjectName(u"restoreCheckpointFromBanner"_s);
    m_restoreFromBanner->setText(MainWindow::tr("Restore checkpoint…"));
    m_restoreFromBanner->setToolTip(MainWindow::tr("Go back to the state before this action"));
    connect(m_restoreFromBanner, &QAction::triggered, this,
            [this] { showCheckpoints(m_bannerCheckpoint); });
    m_undoRestore->setObjectName(u"undoRestore"_s);
    m_undoRestore->setText(MainWindow::tr("Undo restore"));
    m_undoRestore->setToolTip(MainWindow::tr("Go back to the state before the restore"));
    connect(m_undoRestore, &QAction::triggered, this,
            [this] { showCheckpoints(m_undoCheckpoint); });
    connect(m_engine, &EngineController::checkpointCreated, this,
            &CheckpointsController::onCheckpointCreated);
    connect(m_engine, &EngineController::restored, this, &CheckpointsController::onRestored);
}

QWidget *CheckpointsController::window() const
{
    return qobject_cast<QWidget *>(parent());
}

void CheckpointsController::createCheckpoint()
{
    m_engine->query<QPair<CheckpointInfo, QString>>(
        [](Engine &engine) {
            QString error;
            const CheckpointInfo info = engine.createCheckpoint(u"manual"_s, &error);
            return qMakePair(info, error);
        },
        this,
        [this](const QPair<CheckpointInfo, QString> &result) {
            if (result.first.id.isEmpty()) {
                const QString text =
                    MainWindow::tr("No checkpoint was made: %1").arg(result.second);
                Q_EMIT logLine(text);
                Q_EMIT statusMessage(text);
                return;
            }
            const QString text = MainWindow::tr("Checkpoint %1 saved.").arg(result.first.id);
            Q_EMIT statusMessage(text);
            Q_EMIT checkpointCreated(result.first.id);
        });
}

void CheckpointsController::showCheckpoints(const QString &checkpointId)
{
    if (!m_session->loaded)
        return;
    auto *dialog = new CheckpointsDialog(window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto refresh = [this, dialog](const QString &select) {
        m_engine->query<QList<CheckpointInfo>>([](Engine &engine) { return engine.checkpoints(); },
                                               dialog,
                                               [dialog, select](const QList<CheckpointInfo> &list) {
                                                   dialog->setCheckpoints(list);
                                                   if (!select.isEmpty())
                                                       dialog->select(select);
                                               });
    };
    connect(dialog, &CheckpointsDialog::restoreRequested, this,
            [this, dialog, refresh](const QString &id) {
                Q_EMIT logLine(MainWindow::tr("You restored checkpoint %1.").arg(id));
                m_engine->query<QString>(
                    [id](Engine &engine) {
                        QString error;
                        return engine.restoreCheckpoint(id, &error) ? QString() : error;
                    },
                    dialog,
                    [dialog, refresh, id](const QString &error) {
                        dialog->setMessage(error.isEmpty()
                                               ? MainWindow::tr("Restored %1.").arg(id)
                                               : MainWindow::tr("Not restored: %1").arg(error));
                        refresh(id);
                    });
            });
    refresh(checkpointId);
    dialog->open();
}

void CheckpointsController::reset()
{
    Q_EMIT hideBanner(bannerKey(BannerId::Checkpoint));
    Q_EMIT hideBanner(bannerKey(BannerId::Restored));
}

void CheckpointsController::onCheckpointCreated(const CheckpointInfo &checkpoint)
{
    Q_EMIT logLine(
        MainWindow::tr("Checkpoint %1 saved (%2).").arg(checkpoint.id, checkpoint.reason));
    // Offer to go back after bulk actions; a restore has its own banner.
    if (CheckpointReason::kindOf(checkpoint.reason) == CheckpointKind::BeforeBulkAction) {
        m_bannerCheckpoint = checkpoint.id;
        Q_EMIT showBanner(bannerKey(BannerId::Checkpoint),
                          MainWindow::tr("Retake saved a checkpoint (%1). If the result is not "
                                         "what you wanted, restore it.")
                              .arg(checkpoint.reason),
                          BannerType::Information, {m_restoreFromBanner});
    }
}

void CheckpointsController::onRestored(const QString &checkpointId, const QString &undoId)
{
    m_undoCheckpoint = undoId;
    Q_EMIT hideBanner(bannerKey(BannerId::Checkpoint));
    Q_EMIT showBanner(bannerKey(BannerId::Restored),
                      MainWindow::tr("Checkpoint %1 restored. The state before it was saved "
                                     "as %2.")
                          .arg(checkpointId, undoId),
                      BannerType::Information, {m_undoRestore});
    Q_EMIT statusMessage(MainWindow::tr("Checkpoint %1 restored.").arg(checkpointId));
}

} // namespace retake::ui
