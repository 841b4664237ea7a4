// The detail panel of the selected tile (a shot, a scene's cut or the film): its prompt and
// parameters (shots), the state of each stage with the last error and what to do about it,
// every attempt (AttemptModel), a preview of the current output (the image, or the video's
// first frame), a player for videos, voice-overs, cuts and the film (MediaPlayerWidget) and
// the per-item recovery actions.
#pragma once

#include "domain/project.h"
#include "domain/task.h"
#include "shottile.h"

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTableView;
class QToolButton;
class QButtonGroup;
template <typename T> class QFutureWatcher;
QT_END_NAMESPACE

namespace retake::ui {

class AttemptModel;
class MediaPlayerWidget;
class VideoFrameGrabber;

class ShotDetailPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShotDetailPanel)
public:
    explicit ShotDetailPanel(QWidget *parent = nullptr);

    // Buttons for these actions (owned by the caller) appear in the panel.
    void setActions(const QList<QAction *> &actions);
    // Shows `tile` (nullptr: nothing selected). `shot` gives prompt and parameters.
    void setShot(const ShotTile *tile, const Shot *shot);
    // Updates the states of the shown shot (same shot id) without losing the preview.
    void updateTile(const ShotTile &tile);
    void setAttempts(Stage stage, const QList<Attempt> &attempts);
    // Adds the attempt that `taskId` (a task of the shown shot) just made. False when the
    // attempts shown are not all those before it (after a restore): ask for them again.
    bool addAttempt(const QString &taskId, const Attempt &attempt);

    QString shotId() const { return m_tile.shotId; }
    AttemptModel *attemptModel() const { return m_attempts; }
    QTableView *attemptsView() const { return m_attemptsView; }
    // The stage whose output is previewed.
    Stage previewStage() const { return m_previewStage; }
    void setPreviewStage(Stage stage);
    bool hasPreview() const;
    // The player of video and audio outputs (a shot's video, a scene's cut, the film).
    MediaPlayerWidget *player() const { return m_player; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitAttemptColumns();
    void updateStates();
    void updatePreview();
    void showPreviewImage(const QImage &image);

    ShotTile m_tile;
    bool m_hasTile = false;
    Stage m_previewStage = Stage::Image;
    QString m_previewPath;

    QLabel *m_title;
    QLabel *m_scene;
    QLabel *m_imageState;
    QLabel *m_videoState;
    QLabel *m_promptLabel = nullptr;
    QPlainTextEdit *m_prompt;
    QLabel *m_negative;
    QLabel *m_parameters;
    AttemptModel *m_attempts;
    QTableView *m_attemptsView;
    QButtonGroup *m_stageButtons;
    QLabel *m_preview;
    QPushButton *m_openOutput;
    QWidget *m_actionsBox;
    QWidget *m_content;
    QScrollArea *m_scroll;
    QLabel *m_empty;
    VideoFrameGrabber *m_frames;
    MediaPlayerWidget *m_player = nullptr;
    QFutureWatcher<QImage> *m_imageLoader = nullptr;
};

} // namespace retake::ui
