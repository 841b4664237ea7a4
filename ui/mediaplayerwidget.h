// A small player for a video or audio output (a shot's video, a scene's cut or voice-over,
// the final film) in the detail panel: the frames, play/pause, a position slider, the time
// and what the player is doing in words. Built on Qt Multimedia (QMediaPlayer with a
// QVideoSink and a QAudioOutput) when the build found it (RETAKE_HAVE_MULTIMEDIA); without
// it the widget says so and offers the system's player (QDesktopServices) instead.
// Frames are painted by the widget itself, so it also works (and can be grabbed) on the
// offscreen platform; without a sound device the player still loads and plays the picture.
#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QLabel;
class QSlider;
class QToolButton;
QT_END_NAMESPACE

namespace retake::ui {

class MediaPlayerWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaPlayerWidget)
public:
    explicit MediaPlayerWidget(QWidget *parent = nullptr);
    ~MediaPlayerWidget() override;

    // True when built with Qt Multimedia: the widget plays media itself.
    static bool isAvailable();

    // The file to play (loaded, not started); empty stops and unloads.
    void setSource(const QString &path);
    QString source() const { return m_source; }
    void play();
    void pause();
    bool isPlaying() const;
    // The media is loaded (duration known, frames can come).
    bool isLoaded() const;
    // What went wrong, in words; empty when nothing did.
    QString errorText() const { return m_error; }
    // The player's state in words: "Loading…", "Ready", "Playing", or the error.
    QString statusText() const;
    qint64 durationMs() const;
    // The last frame painted (null before the first one).
    QImage currentFrame() const { return m_frame; }

Q_SIGNALS:
    // Loaded, playing, paused, finished or failed: statusText() changed.
    void statusChanged();
    // The first frame of a new source arrived: the widget shows pictures now.
    void frameShown();

private:
    class FrameView;
    struct Backend;

    void ensureBackend();
    void updateControls();
    void showFrame(const QImage &frame);
    void openInSystemPlayer();

    QString m_source;
    QString m_error;
    QImage m_frame;
    FrameView *m_view;
    QToolButton *m_playPause;
    QSlider *m_position;
    QLabel *m_time;
    QLabel *m_status;
    QToolButton *m_external;
    std::unique_ptr<Backend> m_backend; // made on the first source (ensureBackend)
};

} // namespace retake::ui
