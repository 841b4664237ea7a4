#include "mediaplayerwidget.h"

#include "statestyle.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QTime>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#if RETAKE_HAVE_MULTIMEDIA
#include <QAudioOutput>
#include <QMediaPlayer>
#include <QVideoFrame>
#include <QVideoSink>
#endif

using namespace Qt::StringLiterals;

namespace retake::ui {

// The picture: the last frame, scaled into the widget keeping its aspect ratio.
class MediaPlayerWidget::FrameView final : public QWidget
{
public:
    explicit FrameView(QWidget *parent) : QWidget(parent)
    {
        setMinimumHeight(120);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    }
    QSize sizeHint() const override { return {440, 248}; }
    void setFrame(const QImage &frame)
    {
        m_frame = frame;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), Qt::black);
        if (m_frame.isNull())
            return;
        const QSize size = m_frame.size().scaled(this->size(), Qt::KeepAspectRatio);
        const QRect target(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2),
                           size);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(target, m_frame);
    }

private:
    QImage m_frame;
};

#if RETAKE_HAVE_MULTIMEDIA
namespace {
QString clock(qint64 ms)
{
    return QTime::fromMSecsSinceStartOfDay(int(std::max<qint64>(0, ms)))
        .toString(ms >= qint64(3600) * 1000 ? u"h:mm:ss"_s : u"m:ss"_s);
}
} // namespace

struct MediaPlayerWidget::Backend {
    QMediaPlayer player;
    QAudioOutput audio;
    QVideoSink sink;
};
#else
struct MediaPlayerWidget::Backend {
};
#endif

MediaPlayerWidget::MediaPlayerWidget(QWidget *parent)
    : QWidget(parent), m_view(new FrameView(this)), m_playPause(new QToolButton(this)),
      m_position(new QSlider(Qt::Horizontal, this)), m_time(new QLabel(this)),
      m_status(new QLabel(this)), m_external(new QToolButton(this))
{
    setObjectName(u"mediaPlayer"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view->setObjectName(u"mediaFrame"_s);
    layout->addWidget(m_view);
    m_view->setVisible(false); // until a frame comes; the panel's preview shows the poster
    auto *controls = new QHBoxLayout;
    m_playPause->setObjectName(u"mediaPlayPause"_s);
    m_playPause->setAutoRaise(true);
    controls->addWidget(m_playPause);
    m_position->setObjectName(u"mediaPosition"_s);
    m_position->setAccessibleName(tr("Position"));
    controls->addWidget(m_position, 1);
    m_time->setObjectName(u"mediaTime"_s);
    controls->addWidget(m_time);
    m_external->setObjectName(u"mediaExternal"_s);
    m_external->setAutoRaise(true);
    m_external->setText(tr("System player"));
    m_external->setToolTip(tr("Open the file in the system's player"));
    connect(m_external, &QToolButton::clicked, this, &MediaPlayerWidget::openInSystemPlayer);
    controls->addWidget(m_external);
    layout->addLayout(controls);
    m_status->setObjectName(u"mediaStatus"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_playPause, &QToolButton::clicked, this, [this] {
        if (isPlaying())
            pause();
        else
            play();
    });
#if !RETAKE_HAVE_MULTIMEDIA
    m_playPause->setVisible(false);
    m_position->setVisible(false);
    m_time->setVisible(false);
#endif
    updateControls();
}

MediaPlayerWidget::~MediaPlayerWidget()
{
#if RETAKE_HAVE_MULTIMEDIA
    if (m_backend)
        m_backend->player.stop();
#endif
}

// The player is made when there is first something to play: opening the window does not
// start GStreamer or ask for a sound device.
void MediaPlayerWidget::ensureBackend()
{
#if RETAKE_HAVE_MULTIMEDIA
    if (m_backend)
        return;
    m_backend = std::make_unique<Backend>();
    QMediaPlayer &player = m_backend->player;
    player.setAudioOutput(&m_backend->audio);
    player.setVideoSink(&m_backend->sink);
    connect(&m_backend->sink, &QVideoSink::videoFrameChanged, this,
            [this](const QVideoFrame &frame) {
                if (frame.isValid())
                    showFrame(frame.toImage());
            });
    connect(&player, &QMediaPlayer::mediaStatusChanged, this, [this] {
        updateControls();
        Q_EMIT statusChanged();
    });
    connect(&player, &QMediaPlayer::playbackStateChanged, this, [this] {
        updateControls();
        Q_EMIT statusChanged();
    });
    connect(&player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &message) {
                m_error = tr("%1 cannot be played: %2. Try the system player.")
                              .arg(QFileInfo(m_source).fileName(), message);
                updateControls();
                Q_EMIT statusChanged();
            });
    connect(&player, &QMediaPlayer::durationChanged, this,
            [this](qint64 ms) { m_position->setRange(0, int(ms)); });
    connect(&player, &QMediaPlayer::positionChanged, this, [this](qint64 ms) {
        if (!m_position->isSliderDown())
            m_position->setValue(int(ms));
        m_time->setText(clock(ms) + u" / "_s + clock(m_backend->player.duration()));
    });
    connect(m_position, &QSlider::sliderMoved, this,
            [this](int ms) { m_backend->player.setPosition(ms); });
#endif
}

bool MediaPlayerWidget::isAvailable()
{
#if RETAKE_HAVE_MULTIMEDIA
    return true;
#else
    return false;
#endif
}

void MediaPlayerWidget::setSource(const QString &path)
{
    if (path == m_source)
        return;
    m_source = path;
    m_error.clear();
    m_frame = QImage();
    m_view->setFrame(QImage());
    m_view->setVisible(false);
    m_position->setValue(0);
    m_time->setText(QString());
#if RETAKE_HAVE_MULTIMEDIA
    if (!path.isEmpty())
        ensureBackend();
    if (m_backend) {
        m_backend->player.stop();
        m_backend->player.setSource(path.isEmpty() ? QUrl() : QUrl::fromLocalFile(path));
    }
#endif
    updateControls();
    Q_EMIT statusChanged();
}

void MediaPlayerWidget::play()
{
    if (m_source.isEmpty())
        return;
#if RETAKE_HAVE_MULTIMEDIA
    ensureBackend();
    m_backend->player.play();
#else
    openInSystemPlayer();
#endif
}

void MediaPlayerWidget::pause()
{
#if RETAKE_HAVE_MULTIMEDIA
    if (m_backend)
        m_backend->player.pause();
#endif
}

bool MediaPlayerWidget::isPlaying() const
{
#if RETAKE_HAVE_MULTIMEDIA
    return m_backend && m_backend->player.playbackState() == QMediaPlayer::PlayingState;
#else
    return false;
#endif
}

bool MediaPlayerWidget::isLoaded() const
{
#if RETAKE_HAVE_MULTIMEDIA
    if (!m_backend)
        return false;
    switch (m_backend->player.mediaStatus()) {
    case QMediaPlayer::LoadedMedia:
    case QMediaPlayer::BufferingMedia:
    case QMediaPlayer::BufferedMedia:
    case QMediaPlayer::EndOfMedia:
        return true;
    default:
        return false;
    }
#else
    return false;
#endif
}

qint64 MediaPlayerWidget::durationMs() const
{
#if RETAKE_HAVE_MULTIMEDIA
    return m_backend ? m_backend->player.duration() : 0;
#else
    return 0;
#endif
}

QString MediaPlayerWidget::statusText() const
{
    if (m_source.isEmpty() || (isAvailable() && !m_backend))
        return tr("Nothing to play yet.");
    if (!m_error.isEmpty())
        return m_error;
#if RETAKE_HAVE_MULTIMEDIA
    if (isPlaying())
        return tr("Playing %1").arg(QFileInfo(m_source).fileName());
    if (m_backend->player.playbackState() == QMediaPlayer::PausedState)
        return tr("Paused at %1 of %2")
            .arg(clock(m_backend->player.position()), clock(m_backend->player.duration()));
    switch (m_backend->player.mediaStatus()) {
    case QMediaPlayer::LoadingMedia:
    case QMediaPlayer::NoMedia:
        return tr("Loading %1…").arg(QFileInfo(m_source).fileName());
    case QMediaPlayer::EndOfMedia:
        return tr("Played to the end: Play starts it again.");
    case QMediaPlayer::InvalidMedia:
        return tr("%1 cannot be played: the file is not a media file Qt can read. Try the "
                  "system player.")
            .arg(QFileInfo(m_source).fileName());
    default:
        return tr("Ready: %1 (%2)")
            .arg(QFileInfo(m_source).fileName(), clock(m_backend->player.duration()));
    }
#else
    return tr("This build has no media player (Qt Multimedia was not found): the system "
              "player plays %1.")
        .arg(QFileInfo(m_source).fileName());
#endif
}

void MediaPlayerWidget::updateControls()
{
    const bool playing = isPlaying();
    m_playPause->setEnabled(!m_source.isEmpty() && m_error.isEmpty());
    m_playPause->setText(playing ? tr("Pause") : tr("Play"));
    m_playPause->setIcon(
        StateStyle::actionIcon(playing ? u"action-pause"_s : u"action-run"_s, palette()));
    m_playPause->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_position->setEnabled(isLoaded());
    m_external->setEnabled(!m_source.isEmpty());
    m_status->setText(statusText());
}

void MediaPlayerWidget::showFrame(const QImage &frame)
{
    if (frame.isNull())
        return;
    const bool first = m_frame.isNull();
    m_frame = frame;
    m_view->setFrame(frame);
    if (first) {
        m_view->setVisible(true);
        Q_EMIT frameShown();
    }
}

void MediaPlayerWidget::openInSystemPlayer()
{
    if (!m_source.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_source));
}

} // namespace retake::ui
