#include "shottiledelegate.h"

#include "shotlistmodel.h"
#include "statecategory.h"
#include "statestyle.h"

#include <QApplication>
#include <QListView>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {
constexpr int kPadding = 6;
constexpr int kChipHeight = 22;

// The thumbnail's height for a tile's inner width, at the thumbnails' aspect ratio.
int thumbHeightFor(int innerWidth)
{
    return innerWidth * kTileThumbnailSize.height() / kTileThumbnailSize.width();
}
} // namespace

ShotTileDelegate::ShotTileDelegate(QListView *view, QObject *parent)
    : QStyledItemDelegate(parent), m_view(view)
{
}

QSize ShotTileDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(option);
    if (!ShotListModel::isTile(
            index.data(ShotListModel::KindRole).value<ShotListModel::RowKind>())) {
        // Wide enough to be alone on its line (the view wraps before and after it), with
        // room left for a vertical scroll bar.
        const int scrollBar =
            m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view);
        const int width = m_view->viewport()->width() - 2 * m_view->spacing() - scrollBar - 2;
        return {std::max(width, kTileWidth), kHeaderHeight};
    }
    return tileSize();
}

void ShotTileDelegate::setTileWidth(int width)
{
    m_tileWidth = std::clamp(width, kTileWidth, kMaxTileWidth);
}

QSize ShotTileDelegate::tileSize() const
{
    const int taller =
        thumbHeightFor(m_tileWidth - 2 * kPadding) - thumbHeightFor(kTileWidth - 2 * kPadding);
    return {m_tileWidth, kTileHeight + taller};
}

void ShotTileDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    if (!ShotListModel::isTile(
            index.data(ShotListModel::KindRole).value<ShotListModel::RowKind>())) {
        paintHeader(painter, option, index);
        return;
    }
    const ShotTile tile = index.data(ShotListModel::TileRole).value<ShotTile>();
    paintTile(painter, option, index, tile);
}

void ShotTileDelegate::paintHeader(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    // Headers are not selectable (no ItemIsEnabled): use the active colours anyway.
    QPalette palette = option.palette;
    palette.setCurrentColorGroup(QPalette::Active);
    painter->save();
    QRect r = option.rect.adjusted(2, 0, -2, 0);
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(palette.color(QPalette::WindowText));
    const QString title = index.data(Qt::DisplayRole).toString();
    const QFontMetrics boldMetrics(bold);
    const int titleWidth = std::min(boldMetrics.horizontalAdvance(title) + 8, r.width() * 2 / 3);
    const QRect titleRect(r.left(), r.top(), titleWidth, r.height() - 4);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignBottom,
                      boldMetrics.elidedText(title, Qt::ElideRight, titleWidth));
    // The scene's own tasks (voice-over, cut; or the film's cut) as chips on the right.
    const QList<TaskSnapshot> own =
        index.data(ShotListModel::SceneTasksRole).value<QList<TaskSnapshot>>();
    constexpr int kHeaderChipWidth = 132;
    int chipsLeft = r.right() + 1;
    QStyleOptionViewItem chipOption = option;
    chipOption.palette = palette;
    for (qsizetype i = own.size() - 1; i >= 0; --i) {
        chipsLeft -= kHeaderChipWidth;
        paintChip(painter, QRect(chipsLeft + 4, r.top() + 4, kHeaderChipWidth - 4, r.height() - 8),
                  chipOption, own.at(i));
    }
    painter->setFont(option.font);
    painter->setPen(
        StateStyle::mix(palette.color(QPalette::WindowText), palette.color(QPalette::Window), 0.4));
    const QRect summaryRect(titleRect.right() + 12, r.top(),
                            std::max(0, chipsLeft - titleRect.right() - 16), r.height() - 4);
    painter->drawText(
        summaryRect, Qt::AlignLeft | Qt::AlignBottom,
        option.fontMetrics.elidedText(index.data(ShotListModel::SceneSummaryRole).toString(),
                                      Qt::ElideRight, summaryRect.width()));
    painter->setPen(QPen(
        StateStyle::mix(palette.color(QPalette::Window), palette.color(QPalette::WindowText), 0.2),
        1));
    painter->drawLine(r.left(), r.bottom(), r.right(), r.bottom());
    painter->restore();
}

void ShotTileDelegate::paintTile(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index, const ShotTile &tile) const
{
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    paintCard(painter, option);
    // The parts are painted in this order, each with the pen and brush the one before left.
    const QRect inner = option.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const QRect thumb(inner.left(), inner.top(), inner.width(), thumbHeightFor(inner.width()));
    paintThumbnail(painter, option, index, tile, thumb, dpr);
    paintProgress(painter, option, tile, thumb);
    if (tile.isDegraded()) {
        paintBadge(painter, option, thumb, dpr, tr("degraded", "badge on a tile"),
                   u"state-degraded"_s, int(StateCategory::Degraded));
    } else if (tile.isOnOtherProvider()) {
        paintBadge(painter, option, thumb, dpr,
                   tr("full · other provider",
                      "badge on a tile: done at full quality by an alternative provider"),
                   u"state-done"_s, int(StateCategory::Done));
    }
    paintLabels(painter, option, tile, inner, thumb.bottom() + 4);

    // Stage chips.
    const int chipWidth = (inner.width() - 4) / 2;
    const int chipTop = inner.bottom() - kChipHeight + 1;
    const QRect imageChip(inner.left(), chipTop, chipWidth, kChipHeight);
    const QRect videoChip(inner.right() - chipWidth + 1, chipTop, chipWidth, kChipHeight);
    if (tile.has(Stage::Image))
        paintChip(painter, imageChip, option, tile.image);
    else if (tile.isShot())
        paintAbsentChip(painter, imageChip, option, Stage::Image,
                        tr("from file", "image chip of a shot whose video is made from a file"));
    else
        paintAbsentChip(
            painter, imageChip, option, Stage::Audio,
            tile.kind == ShotTile::Kind::Film
                ? tr("in the cuts", "voice chip of the film: the voice-overs are in the scene cuts")
                : tr("none", "voice chip of a scene without a voice-over"));
    if (tile.has(Stage::Video))
        paintChip(painter, videoChip, option, tile.video);
    else
        paintAbsentChip(painter, videoChip, option, tile.secondStage(),
                        tile.isShot()
                            ? tr("image only", "video chip of a shot without a video stage")
                            : tr("not assembled", "cut chip of a scene's voice-over tile"));
    painter->restore();
}

void ShotTileDelegate::paintCard(QPainter *painter, const QStyleOptionViewItem &option) const
{
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool focused = option.state & QStyle::State_HasFocus;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor highlight = palette.color(QPalette::Highlight);
    const QRectF card = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5);
    QColor fill = selected ? StateStyle::mix(base, highlight, 0.22) : base;
    QColor border = selected  ? highlight
                    : hovered ? StateStyle::mix(base, text, 0.45)
                              : StateStyle::mix(base, text, 0.18);
    painter->setPen(QPen(border, selected ? 2.0 : 1.0));
    painter->setBrush(fill);
    painter->drawRoundedRect(card, 6, 6);
    if (focused && !selected) {
        painter->setPen(QPen(highlight, 1.0, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(2, 2, -2, -2), 5, 5);
    }
}

void ShotTileDelegate::paintThumbnail(QPainter *painter, const QStyleOptionViewItem &option,
                                      const QModelIndex &index, const ShotTile &tile,
                                      const QRect &thumb, qreal dpr) const
{
    const QPalette &palette = option.palette;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    painter->setPen(Qt::NoPen);
    painter->setBrush(StateStyle::mix(base, text, 0.07));
    painter->drawRoundedRect(thumb, 4, 4);
    const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
    if (!pixmap.isNull()) {
        const QSizeF size = QSizeF(pixmap.size() / pixmap.devicePixelRatio())
                                .scaled(QSizeF(thumb.size()), Qt::KeepAspectRatio);
        const QRectF target(thumb.left() + (thumb.width() - size.width()) / 2,
                            thumb.top() + (thumb.height() - size.height()) / 2, size.width(),
                            size.height());
        // Thumbnails come pre-scaled to this size: usually drawn 1:1, without filtering.
        painter->setRenderHint(QPainter::SmoothPixmapTransform,
                               std::abs(size.width() * dpr - pixmap.width()) > 1.0);
        painter->drawPixmap(target, pixmap, QRectF(pixmap.rect()));
        if (!tile.isShot())
            paintPlayGlyph(painter, thumb);
        return;
    }
    if (!tile.isShot()) {
        paintItemPlaceholder(painter, option, tile, thumb, dpr);
        return;
    }
    // No image yet: the image stage's icon and a caption (a video-only shot: its video's).
    const TaskSnapshot &shown = tile.has(Stage::Image) ? tile.image : tile.video;
    const int category = visualCategory(shown);
    const QColor accent = StateStyle::accent(category, palette);
    const int iconSize = 28;
    const QPixmap icon =
        StateStyle::tintedPixmap(StateStyle::iconName(shown), accent, iconSize, dpr);
    painter->drawPixmap(thumb.center().x() - iconSize / 2, thumb.center().y() - iconSize, icon);
    QString caption;
    switch (tile.has(Stage::Image) ? tile.image.state : TaskState::Waiting) {
    case TaskState::Failed:
        caption = StateStyle::errorLabel(tile.image.lastError);
        break;
    case TaskState::Running:
        caption = tr("generating the image…");
        break;
    case TaskState::Retrying:
        caption = tr("image retry: %1").arg(StateStyle::errorLabel(tile.image.lastError));
        break;
    default:
        caption = tile.has(Stage::Image) ? tr("no image yet") : tr("loading the input image…");
        break;
    }
    painter->setPen(StateStyle::mix(text, base, 0.35));
    const QRect captionRect(thumb.left() + 4, thumb.center().y() + 4, thumb.width() - 8,
                            option.fontMetrics.height());
    painter->drawText(captionRect, Qt::AlignCenter,
                      option.fontMetrics.elidedText(caption, Qt::ElideRight, captionRect.width()));
}

void ShotTileDelegate::paintPlayGlyph(QPainter *painter, const QRect &thumb) const
{
    // A finished cut or film: a play sign over its picture (selecting it plays it).
    const int r = std::min(thumb.height() / 4, 22);
    const QPointF c = QRectF(thumb).center();
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 140));
    painter->drawEllipse(c, r, r);
    painter->setBrush(QColor(255, 255, 255, 230));
    const qreal s = r * 0.5;
    const QPointF triangle[3] = {
        {c.x() - s * 0.6, c.y() - s}, {c.x() - s * 0.6, c.y() + s}, {c.x() + s, c.y()}};
    painter->drawPolygon(triangle, 3);
}

void ShotTileDelegate::paintItemPlaceholder(QPainter *painter, const QStyleOptionViewItem &option,
                                            const ShotTile &tile, const QRect &thumb,
                                            qreal dpr) const
{
    // A scene's cut or the film: the cut's icon (the voice-over's when not assembled) and
    // what it is doing, in words.
    const QPalette &palette = option.palette;
    const TaskSnapshot &shown = tile.has(Stage::Assembly) ? tile.video : tile.image;
    const int category = visualCategory(shown);
    const int iconSize = 28;
    painter->drawPixmap(thumb.center().x() - iconSize / 2, thumb.center().y() - iconSize,
                        StateStyle::tintedPixmap(StateStyle::iconName(shown),
                                                 StateStyle::accent(category, palette), iconSize,
                                                 dpr));
    const bool film = tile.kind == ShotTile::Kind::Film;
    QString caption;
    switch (shown.state) {
    case TaskState::Failed:
        caption = StateStyle::errorLabel(shown.lastError);
        break;
    case TaskState::Running:
        caption = film ? tr("cutting the film…") : tr("cutting the scene…");
        break;
    case TaskState::Retrying:
        caption = tr("retry: %1").arg(StateStyle::errorLabel(shown.lastError));
        break;
    case TaskState::Done:
        caption = film ? tr("film ready: select it to play") : tr("cut ready: select it to play");
        break;
    default:
        caption = film ? tr("waits for every scene's cut") : tr("waits for its shots");
        break;
    }
    painter->setPen(
        StateStyle::mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.35));
    const QRect captionRect(thumb.left() + 4, thumb.center().y() + 4, thumb.width() - 8,
                            option.fontMetrics.height());
    painter->drawText(captionRect, Qt::AlignCenter,
                      option.fontMetrics.elidedText(caption, Qt::ElideRight, captionRect.width()));
}

void ShotTileDelegate::paintProgress(QPainter *painter, const QStyleOptionViewItem &option,
                                     const ShotTile &tile, const QRect &thumb) const
{
    // Progress while running (the stage that runs).
    const TaskSnapshot *running = tile.image.state == TaskState::Running   ? &tile.image
                                  : tile.video.state == TaskState::Running ? &tile.video
                                                                           : nullptr;
    if (!running || running->progress < 0.0)
        return;
    const QPalette &palette = option.palette;
    const QRectF bar(thumb.left() + 4, thumb.bottom() - 8, thumb.width() - 8, 5);
    painter->setBrush(
        StateStyle::mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.25));
    painter->drawRoundedRect(bar, 2, 2);
    painter->setBrush(palette.color(QPalette::Highlight));
    painter->drawRoundedRect(QRectF(bar.left(), bar.top(),
                                    bar.width() * std::clamp(running->progress, 0.0, 1.0),
                                    bar.height()),
                             2, 2);
}

void ShotTileDelegate::paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QRect &thumb, qreal dpr, const QString &text,
                                  const QString &icon, int category) const
{
    const QPalette &palette = option.palette;
    QFont small = option.font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    small.setBold(true);
    const QFontMetrics fm(small);
    // A long translation is elided rather than drawn over the thumbnail's edge.
    const QString label = fm.elidedText(text, Qt::ElideRight, thumb.width() - 34);
    const QRect badge(thumb.right() - fm.horizontalAdvance(label) - 26, thumb.top() + 4,
                      fm.horizontalAdvance(label) + 22, fm.height() + 4);
    painter->setPen(QPen(StateStyle::chipBorder(category, palette), 1));
    painter->setBrush(StateStyle::chipFill(category, palette));
    painter->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
    painter->drawPixmap(
        badge.left() + 5, badge.center().y() - 6,
        StateStyle::tintedPixmap(icon, StateStyle::accent(category, palette), 12, dpr));
    painter->setFont(small);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(badge.adjusted(19, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
    painter->setFont(option.font);
}

void ShotTileDelegate::paintLabels(QPainter *painter, const QStyleOptionViewItem &option,
                                   const ShotTile &tile, const QRect &inner, int lineTop) const
{
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    // Id and attempt count.
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    QFont small = option.font;
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    const QFontMetrics smallMetrics(small);
    const int attempts = tile.attemptCount();
    const QString attemptsText = attempts > 0 ? tr("%n attempt(s)", nullptr, attempts) : QString();
    const int attemptsWidth =
        attemptsText.isEmpty() ? 0 : smallMetrics.horizontalAdvance(attemptsText);
    const QRect idRect(inner.left(), lineTop, inner.width() - attemptsWidth - 6,
                       boldMetrics.height());
    painter->setFont(bold);
    painter->setPen(selected ? palette.color(QPalette::Text) : text);
    painter->drawText(idRect, Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(tile.isShot() ? tile.shotId : tile.sceneId,
                                             Qt::ElideMiddle, idRect.width()));
    if (!attemptsText.isEmpty()) {
        painter->setFont(small);
        painter->setPen(StateStyle::mix(text, base, 0.35));
        painter->drawText(
            QRect(inner.right() - attemptsWidth, lineTop, attemptsWidth, boldMetrics.height()),
            Qt::AlignRight | Qt::AlignVCenter, attemptsText);
    }

    // Title.
    painter->setFont(option.font);
    painter->setPen(StateStyle::mix(text, base, 0.3));
    const QRect titleRect(inner.left(), idRect.bottom() + 1, inner.width(),
                          option.fontMetrics.height());
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(tile.title, Qt::ElideRight, titleRect.width()));
}

void ShotTileDelegate::paintAbsentChip(QPainter *painter, const QRect &rect,
                                       const QStyleOptionViewItem &option, Stage stage,
                                       const QString &text) const
{
    const QPalette &palette = option.palette;
    const QColor base = palette.color(QPalette::Base);
    const QColor fg = palette.color(QPalette::Text);
    painter->setPen(QPen(StateStyle::mix(base, fg, 0.35), 1, Qt::DashLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    QFont font = option.font;
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
    QFont boldFont = font;
    boldFont.setBold(true);
    const QFontMetrics fm(font);
    const QFontMetrics boldMetrics(boldFont);
    const QRect textRect = rect.adjusted(6, 0, -3, 0);
    const QString label = StateStyle::stageShortLabel(stage);
    painter->setPen(StateStyle::mix(fg, base, 0.45));
    painter->setFont(boldFont);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, label);
    const QRect why = textRect.adjusted(boldMetrics.horizontalAdvance(label) + 4, 0, 0, 0);
    painter->setFont(font);
    painter->drawText(why, Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(text, Qt::ElideRight, why.width()));
}

void ShotTileDelegate::paintChip(QPainter *painter, const QRect &rect,
                                 const QStyleOptionViewItem &option, const TaskSnapshot &task) const
{
    const QPalette &palette = option.palette;
    const int category = visualCategory(task);
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->setPen(QPen(StateStyle::chipBorder(category, palette), 1));
    painter->setBrush(StateStyle::chipFill(category, palette));
    painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    const int iconSize = 14;
    painter->drawPixmap(rect.left() + 4, rect.center().y() - iconSize / 2 + 1,
                        StateStyle::tintedPixmap(StateStyle::iconName(task),
                                                 StateStyle::accent(category, palette), iconSize,
                                                 dpr));
    QFont font = option.font;
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
    const QFontMetrics fm(font);
    painter->setFont(font);
    const QRect textRect = rect.adjusted(iconSize + 7, 0, -3, 0);
    const QString stage = StateStyle::stageShortLabel(task.stage);
    QFont boldFont = font;
    boldFont.setBold(true);
    const QFontMetrics boldMetrics(boldFont);
    painter->setFont(boldFont);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, stage);
    const int stageWidth = boldMetrics.horizontalAdvance(stage) + 4;
    painter->setFont(font);
    const QRect stateRect = textRect.adjusted(stageWidth, 0, 0, 0);
    painter->drawText(stateRect, Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(StateStyle::chipText(task), Qt::ElideRight, stateRect.width()));
}

} // namespace retake::ui
