#include "shotdetailpanel.h"

#include "attemptmodel.h"
#include "mediaplayerwidget.h"
#include "statestyle.h"
#include "videoframegrabber.h"

#include <QAction>
#include <QButtonGroup>
#include <QDesktopServices>
#include <QEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {
constexpr QSize kPreviewBox(440, 248);

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 0);
    return label;
}
} // namespace

ShotDetailPanel::ShotDetailPanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_scene(new QLabel(this)),
      m_imageState(new QLabel(this)), m_videoState(new QLabel(this)),
      m_prompt(new QPlainTextEdit(this)), m_negative(new QLabel(this)),
      m_parameters(new QLabel(this)), m_attempts(new AttemptModel(this)),
      m_attemptsView(new QTableView(this)), m_stageButtons(new QButtonGroup(this)),
      m_preview(new QLabel(this)), m_openOutput(new QPushButton(this)),
      m_actionsBox(new QWidget(this)), m_content(new QWidget), m_scroll(new QScrollArea(this)),
      m_empty(new QLabel(this)), m_frames(new VideoFrameGrabber(this))
{
    setObjectName(u"detailPanel"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_empty->setText(
        tr("Select a shot, a scene's cut or the film to see its attempts and output."));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    outer->addWidget(m_empty);

    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_content);
    outer->addWidget(m_scroll, 1);
    m_scroll->setVisible(false);

    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(8, 8, 8, 8);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"detailTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_scene->setWordWrap(true);
    layout->addWidget(m_scene);

    for (QLabel *state : {m_imageState, m_videoState}) {
        state->setWordWrap(true);
        state->setTextFormat(Qt::RichText);
        state->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(state);
    }
    m_imageState->setObjectName(u"imageState"_s);
    m_videoState->setObjectName(u"videoState"_s);

    m_actionsBox->setObjectName(u"detailActions"_s);
    auto *actionsLayout = new QHBoxLayout(m_actionsBox);
    actionsLayout->setContentsMargins(0, 4, 0, 4);
    layout->addWidget(m_actionsBox);

    layout->addWidget(sectionLabel(tr("Attempts"), m_content));
    m_attemptsView->setObjectName(u"attemptsTable"_s);
    m_attemptsView->setModel(m_attempts);
    m_attemptsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attemptsView->setAlternatingRowColors(true);
    m_attemptsView->verticalHeader()->setVisible(false);
    m_attemptsView->horizontalHeader()->setStretchLastSection(false);
    m_attemptsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_attemptsView->setTextElideMode(Qt::ElideRight);
    // Columns fit their contents when attempts arrive; the message takes the rest.
    connect(m_attempts, &QAbstractItemModel::rowsInserted, this,
            &ShotDetailPanel::fitAttemptColumns);
    connect(m_attempts, &QAbstractItemModel::modelReset, this, &ShotDetailPanel::fitAttemptColumns);
    m_attemptsView->viewport()->installEventFilter(this);
    m_attemptsView->setWordWrap(false);
    m_attemptsView->setMinimumHeight(150);
    m_attemptsView->setMaximumHeight(240);
    layout->addWidget(m_attemptsView);

    layout->addWidget(sectionLabel(tr("Output"), m_content));
    auto *stageRow = new QHBoxLayout;
    for (const Stage stage : {Stage::Image, Stage::Video}) {
        auto *button = new QToolButton(m_content);
        button->setText(StateStyle::stageLabel(stage));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setObjectName(stage == Stage::Image ? u"previewImage"_s : u"previewVideo"_s);
        m_stageButtons->addButton(button, int(stage));
        stageRow->addWidget(button);
    }
    m_stageButtons->button(int(Stage::Image))->setChecked(true);
    connect(m_stageButtons, &QButtonGroup::idClicked, this,
            [this](int id) { setPreviewStage(Stage(id)); });
    stageRow->addStretch(1);
    m_openOutput->setObjectName(u"openOutput"_s);
    m_openOutput->setIcon(StateStyle::actionIcon(u"action-run"_s, palette()));
    connect(m_openOutput, &QPushButton::clicked, this, [this] {
        // What the preview shows: an output, or a video-only shot's image file. Media play
        // in the panel's player when the build has one.
        if (m_previewPath.isEmpty())
            return;
        if (m_player->isVisibleTo(this) && m_player->source() == m_previewPath)
            m_player->play();
        else
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_previewPath));
    });
    stageRow->addWidget(m_openOutput);
    layout->addLayout(stageRow);
    m_preview->setObjectName(u"preview"_s);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumHeight(120);
    m_preview->setMaximumHeight(kPreviewBox.height());
    m_preview->setWordWrap(true);
    layout->addWidget(m_preview);
    m_player = new MediaPlayerWidget(m_content);
    m_player->setVisible(false);
    layout->addWidget(m_player);
    // Once the player paints frames, the still preview above it gives way.
    connect(m_player, &MediaPlayerWidget::frameShown, this,
            [this] { m_preview->setVisible(false); });
    connect(m_frames, &VideoFrameGrabber::frameReady, this,
            [this](const QString &path, const QImage &frame) {
                if (path == m_previewPath)
                    showPreviewImage(frame);
            });
    connect(m_frames, &VideoFrameGrabber::failed, this,
            [this](const QString &path, const QString &reason) {
                if (path == m_previewPath)
                    m_preview->setText(tr("No preview: %1").arg(reason));
            });

    m_promptLabel = sectionLabel(tr("Prompt"), m_content);
    layout->addWidget(m_promptLabel);
    m_prompt->setObjectName(u"prompt"_s);
    m_prompt->setReadOnly(true);
    m_prompt->setMaximumHeight(90);
    layout->addWidget(m_prompt);
    m_negative->setWordWrap(true);
    m_negative->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_negative);
    m_parameters->setObjectName(u"parameters"_s);
    m_parameters->setWordWrap(true);
    m_parameters->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_parameters);

    layout->addStretch(1);
    setMinimumWidth(360);
}

void ShotDetailPanel::setActions(const QList<QAction *> &actions)
{
    auto *layout = static_cast<QHBoxLayout *>(m_actionsBox->layout());
    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    int n = 0;
    for (QAction *action : actions) {
        auto *button = new QToolButton(m_actionsBox);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        button->setObjectName(u"detail-"_s + action->objectName());
        grid->addWidget(button, n / 2, n % 2);
        ++n;
    }
    layout->addLayout(grid, 1);
}

void ShotDetailPanel::setShot(const ShotTile *tile, const Shot *shot)
{
    const bool same = tile && m_hasTile && tile->shotId == m_tile.shotId;
    m_hasTile = tile != nullptr;
    m_empty->setVisible(!m_hasTile);
    m_scroll->setVisible(m_hasTile);
    if (!tile) {
        m_tile = ShotTile();
        m_attempts->clear();
        m_previewPath.clear();
        m_player->setSource(QString());
        return;
    }
    m_tile = *tile;
    if (!same)
        m_attempts->clear();
    if (tile->isShot()) {
        m_title->setText(tile->title.isEmpty()
                             ? tile->shotId
                             : tr("%1 — %2", "shot id — title").arg(tile->shotId, tile->title));
        m_scene->setText(tr("Scene %1").arg(tile->sceneId));
    } else if (tile->kind == ShotTile::Kind::Film) {
        m_title->setText(tile->title);
        m_scene->setText(tr("Every scene's cut, one after the other, in draft/final/."));
    } else {
        m_title->setText(tr("%1 — %2", "scene id — title").arg(tile->sceneId, tile->title));
        m_scene->setText(tr("Scene %1: its shots cut together with its voice-over, in "
                            "draft/%1/.")
                             .arg(tile->sceneId));
    }
    // A scene's cut and the film have no prompt of their own.
    for (QWidget *w : {static_cast<QWidget *>(m_promptLabel), static_cast<QWidget *>(m_prompt),
                       static_cast<QWidget *>(m_parameters)})
        w->setVisible(tile->isShot());
    if (!tile->isShot())
        m_negative->setVisible(false);
    for (const Stage stage : {Stage::Image, Stage::Video}) {
        m_stageButtons->button(int(stage))
            ->setText(StateStyle::stageLabel(stage == Stage::Image ? tile->firstStage()
                                                                   : tile->secondStage()));
    }
    if (shot) {
        m_prompt->setPlainText(shot->prompt);
        m_negative->setText(shot->negativePrompt.isEmpty()
                                ? QString()
                                : tr("Negative: %1").arg(shot->negativePrompt));
        m_negative->setVisible(!shot->negativePrompt.isEmpty());
        m_parameters->setText(tr("Seed %1 · image %2×%3, %4 steps · video %5 s at %6 fps, %7")
                                  .arg(shot->seed)
                                  .arg(shot->image.width)
                                  .arg(shot->image.height)
                                  .arg(shot->image.steps)
                                  .arg(QLocale().toString(shot->video.durationSec, 'g', 3))
                                  .arg(shot->video.fps)
                                  .arg(shot->video.motion));
    }
    if (!same) {
        // Show the most useful output: the video (the cut) when there is one.
        setPreviewStage(tile->video.outputPath.isEmpty() && tile->has(Stage::Image) ? Stage::Image
                                                                                    : Stage::Video);
    }
    // An image-only shot has no video to show; the film has no voice-over of its own.
    m_stageButtons->button(int(Stage::Video))->setEnabled(tile->has(Stage::Video));
    m_stageButtons->button(int(Stage::Image))
        ->setEnabled(tile->isShot() || tile->has(Stage::Image));
    updateStates();
    updatePreview();
}

void ShotDetailPanel::updateTile(const ShotTile &tile)
{
    if (!m_hasTile || tile.shotId != m_tile.shotId)
        return;
    m_tile = tile;
    updateStates();
    updatePreview();
}

void ShotDetailPanel::setAttempts(Stage stage, const QList<Attempt> &attempts)
{
    if (m_hasTile)
        m_attempts->setAttempts(stage, attempts);
}

bool ShotDetailPanel::addAttempt(const QString &taskId, const Attempt &attempt)
{
    if (!m_hasTile || taskId.isEmpty() || (taskId != m_tile.image.id && taskId != m_tile.video.id))
        return true; // nothing of it is shown
    const Stage stage = taskId == m_tile.image.id ? m_tile.firstStage() : m_tile.secondStage();
    if (m_attempts->attemptCount(stage) != attempt.number - 1)
        return false;
    m_attempts->addAttempt(stage, attempt);
    return true;
}

void ShotDetailPanel::setPreviewStage(Stage stage)
{
    m_previewStage = stage;
    m_stageButtons->button(int(stage))->setChecked(true);
    updatePreview();
}

bool ShotDetailPanel::hasPreview() const
{
    return !m_preview->pixmap().isNull();
}

void ShotDetailPanel::updateStates()
{
    for (const Stage stage : {Stage::Image, Stage::Video}) {
        const TaskSnapshot &task = m_tile.task(stage);
        QLabel *label = stage == Stage::Image ? m_imageState : m_videoState;
        label->setVisible(m_tile.isShot() || m_tile.has(stage) ||
                          m_tile.kind == ShotTile::Kind::SceneCut);
        if (!m_tile.has(stage) && !m_tile.isShot()) {
            const QString text = stage == Stage::Image
                                     ? tr("No voice-over: the storyboard gives this scene none.")
                                     : tr("Not assembled: the storyboard does not set "
                                          "\"assemble\": true.");
            label->setText(u"<i>"_s + text.toHtmlEscaped() + u"</i>"_s);
            label->setAccessibleName(text);
            continue;
        }
        if (!m_tile.has(stage)) {
            // A stage the storyboard left out: say so, and where the picture comes from.
            const QString text = stage == Stage::Video
                                     ? tr("Image only: this shot has no video (stages \"image\").")
                                     : tr("No image task: the video is made from %1.")
                                           .arg(QFileInfo(m_tile.inputImagePath).fileName());
            label->setText(u"<i>"_s + text.toHtmlEscaped() + u"</i>"_s);
            label->setAccessibleName(text);
            continue;
        }
        const int category = visualCategory(task);
        const QColor accent = StateStyle::accent(category, palette());
        QString html = u"<span style=\"color:%1\">■</span> <b>%2</b>"_s.arg(
            accent.name(), StateStyle::describe(task).toHtmlEscaped());
        if (task.state != TaskState::Done && !task.lastMessage.isEmpty()) {
            html += u"<br>"_s + tr("Last error: %1").arg(task.lastMessage.toHtmlEscaped());
            if (task.lastHttpStatus > 0)
                html += u" "_s + tr("(HTTP %1)").arg(task.lastHttpStatus);
        }
        if ((task.state == TaskState::Failed || task.state == TaskState::Retrying) &&
            task.lastError != ErrorClass::None)
            html += u"<br><i>"_s + StateStyle::recommendedAction(task.lastError).toHtmlEscaped() +
                    u"</i>"_s;
        if (task.state == TaskState::Failed && task.manualRetries >= 3)
            html += u"<br><b>"_s +
                    tr("Retried %n time(s) by hand with the same error: switch provider or "
                       "edit the prompt instead.",
                       nullptr, task.manualRetries)
                        .toHtmlEscaped() +
                    u"</b>"_s;
        if (task.state == TaskState::Done && isOnOtherProvider(task.quality))
            html += u"<br>"_s + tr("Made by %1 at full quality: the first-choice provider "
                                   "failed.")
                                    .arg(task.providerId)
                                    .toHtmlEscaped();
        if (!task.providerId.isEmpty() && task.state != TaskState::Done)
            html += u"<br>"_s + tr("Next: %1 on %2")
                                    .arg(StateStyle::rungLabel(task.rung), task.providerId)
                                    .toHtmlEscaped();
        label->setText(html);
        label->setAccessibleName(StateStyle::describe(task));
    }
}

void ShotDetailPanel::updatePreview()
{
    TaskSnapshot task = m_tile.task(m_previewStage);
    if (m_previewStage == Stage::Image && m_tile.isShot() && !m_tile.has(Stage::Image))
        task.outputPath = m_tile.inputImagePath; // a video-only shot's still is its file
    // A video, a voice-over, a cut or the film: something to play.
    const bool media = m_previewStage == Stage::Video || !m_tile.isShot();
    const bool inPanel = media && MediaPlayerWidget::isAvailable();
    m_openOutput->setEnabled(!task.outputPath.isEmpty());
    m_openOutput->setText(media ? tr("Play") : tr("Open"));
    m_openOutput->setToolTip(
        task.outputPath.isEmpty() ? tr("No output yet")
        : inPanel
            ? tr("Play %1 here").arg(QFileInfo(task.outputPath).fileName())
            : tr("Open %1 in the system's viewer").arg(QFileInfo(task.outputPath).fileName()));
    if (task.outputPath == m_previewPath && !m_previewPath.isEmpty())
        return;
    m_previewPath = task.outputPath;
    m_player->setSource(media ? task.outputPath : QString());
    m_player->setVisible(media && !task.outputPath.isEmpty());
    m_preview->setVisible(true);
    m_preview->setPixmap(QPixmap());
    if (task.outputPath.isEmpty()) {
        m_preview->setText(!m_tile.isShot()
                               ? (m_previewStage == Stage::Image        ? tr("No voice-over yet.")
                                  : m_tile.kind == ShotTile::Kind::Film ? tr("No film yet.")
                                                                        : tr("No cut yet."))
                           : m_previewStage == Stage::Image ? tr("No image output yet.")
                           : m_tile.has(Stage::Video)       ? tr("No video output yet.")
                                                            : tr("Image only: no video."));
        return;
    }
    if (m_previewStage == Stage::Image && !m_tile.isShot()) {
        m_preview->setText(tr("Voice-over: %1").arg(QFileInfo(task.outputPath).fileName()));
        return;
    }
    m_preview->setText(tr("Loading the preview…"));
    if (m_previewStage == Stage::Video) {
        const QImage frame = m_frames->frame(task.outputPath);
        if (!frame.isNull())
            showPreviewImage(frame);
        return;
    }
    if (m_imageLoader)
        m_imageLoader->disconnect(this);
    m_imageLoader = new QFutureWatcher<QImage>(this);
    QFutureWatcher<QImage> *loader = m_imageLoader;
    const QString path = task.outputPath;
    connect(loader, &QFutureWatcher<QImage>::finished, this, [this, loader, path] {
        loader->deleteLater();
        if (m_imageLoader == loader)
            m_imageLoader = nullptr;
        if (path != m_previewPath)
            return;
        const QImage image = loader->result();
        if (image.isNull())
            m_preview->setText(tr("The output could not be read."));
        else
            showPreviewImage(image);
    });
    loader->setFuture(QtConcurrent::run([path] {
        QImageReader reader(path);
        const QSize size = reader.size();
        if (size.isValid())
            reader.setScaledSize(size.scaled(kPreviewBox * 2, Qt::KeepAspectRatio).boundedTo(size));
        return reader.read();
    }));
}

void ShotDetailPanel::showPreviewImage(const QImage &image)
{
    const qreal dpr = devicePixelRatioF();
    const QSize box = QSize(std::min(kPreviewBox.width(), std::max(120, m_preview->width())),
                            kPreviewBox.height());
    QPixmap pixmap =
        QPixmap::fromImage(image.scaled(box * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(dpr);
    m_preview->setPixmap(pixmap);
}

bool ShotDetailPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_attemptsView->viewport() && event->type() == QEvent::Resize)
        fitAttemptColumns();
    return QWidget::eventFilter(watched, event);
}

// The attempts table in the panel's width: the short columns fit their contents (the
// provider and model at most kMaxProviderWidth, elided, full in the tooltip), the message
// takes the width left, never less than kMinMessageWidth (the table scrolls beyond).
void ShotDetailPanel::fitAttemptColumns()
{
    constexpr int kMaxProviderWidth = 160;
    constexpr int kMinMessageWidth = 160;
    QHeaderView *header = m_attemptsView->horizontalHeader();
    int others = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (column == AttemptModel::MessageColumn)
            continue;
        m_attemptsView->resizeColumnToContents(column);
        if (column == AttemptModel::ProviderColumn &&
            header->sectionSize(column) > kMaxProviderWidth)
            header->resizeSection(column, kMaxProviderWidth);
        others += header->sectionSize(column);
    }
    header->resizeSection(AttemptModel::MessageColumn,
                          std::max(kMinMessageWidth, m_attemptsView->viewport()->width() - others));
}

} // namespace retake::ui
