// Checkpoints: making one (Checkpoint, Ctrl+K), the checkpoints dialog and its restore,
// and the banners that offer to go back after a bulk action or to undo a restore. Its
// texts keep the window's translation context (MainWindow::tr).
#pragma once

#include "engine/engine.h"
#include "messagebanner.h"

#include <QList>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QAction;
class QWidget;
QT_END_NAMESPACE

namespace retake::ui {

class EngineController;
struct ProjectSession;

class CheckpointsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckpointsController)
public:
    // Dialogs open on `window`, the parent.
    explicit CheckpointsController(ProjectSession *session, EngineController *engine,
                                   QWidget *window);

    void createCheckpoint();
    // Opens the checkpoints dialog, with `checkpointId` selected when given.
    void showCheckpoints(const QString &checkpointId = {});
    // Hides the banners of the previous storyboard.
    void reset();

Q_SIGNALS:
    void checkpointCreated(const QString &checkpointId);
    void showBanner(const QString &key, const QString &text, retake::ui::BannerType type,
                    const QList<QAction *> &actions);
    void hideBanner(const QString &key);
    void logLine(const QString &line);
    void statusMessage(const QString &text);

private:
    void onCheckpointCreated(const CheckpointInfo &checkpoint);
    void onRestored(const QString &checkpointId, const QString &undoId);
    QWidget *window() const;

    ProjectSession *m_session;
    EngineController *m_engine;
    QAction *m_restoreFromBanner;
    QAction *m_undoRestore;
    QString m_bannerCheckpoint;
    QString m_undoCheckpoint;
};

} // namespace retake::ui
