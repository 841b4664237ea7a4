// Paints the status grid: a full-width header line per scene and a tile per shot with its
// thumbnail, id and title, a chip per stage (colour AND icon AND words), the attempt count,
// a degraded badge, a progress bar while running and the countdown while retrying.
// Only the tiles the view asks for (the visible ones) are painted.
#pragma once

#include "shottile.h"

#include <QStyledItemDelegate>

QT_BEGIN_NAMESPACE
class QListView;
QT_END_NAMESPACE

namespace retake::ui {

class ShotTileDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShotTileDelegate)
public:
    static constexpr int kTileWidth = 212; // the narrowest tile
    static constexpr int kTileHeight = 188;
    static constexpr int kMaxTileWidth = kTileWidth * 3 / 2;
    static constexpr int kHeaderHeight = 32;

    // `view` is asked for its width: a scene header spans a whole line.
    explicit ShotTileDelegate(QListView *view, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Tiles are `width` wide (kTileWidth..kMaxTileWidth; the view fills its lines with
    // them); the thumbnail keeps its aspect ratio, so the tile grows taller with it.
    void setTileWidth(int width);
    int tileWidth() const { return m_tileWidth; }
    QSize tileSize() const;

private:
    void paintHeader(QPainter *painter, const QStyleOptionViewItem &option,
                     const QModelIndex &index) const;
    void paintTile(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                   const ShotTile &tile) const;
    void paintCard(QPainter *painter, const QStyleOptionViewItem &option) const;
    // The thumbnail, or the image stage's icon and state while there is none.
    void paintThumbnail(QPainter *painter, const QStyleOptionViewItem &option,
                        const QModelIndex &index, const ShotTile &tile, const QRect &thumb,
                        qreal dpr) const;
    void paintPlayGlyph(QPainter *painter, const QRect &thumb) const;
    // A scene's cut or the film: no thumbnail, its state in words.
    void paintItemPlaceholder(QPainter *painter, const QStyleOptionViewItem &option,
                              const ShotTile &tile, const QRect &thumb, qreal dpr) const;
    void paintProgress(QPainter *painter, const QStyleOptionViewItem &option, const ShotTile &tile,
                       const QRect &thumb) const;
    // A pill in the thumbnail's top right corner: "degraded", or "full · other provider"
    // (docs/ARCHITECTURE.md, "Failures": quality of a done task).
    void paintBadge(QPainter *painter, const QStyleOptionViewItem &option, const QRect &thumb,
                    qreal dpr, const QString &text, const QString &icon, int category) const;
    // The shot id, the attempt count and the title.
    void paintLabels(QPainter *painter, const QStyleOptionViewItem &option, const ShotTile &tile,
                     const QRect &inner, int lineTop) const;
    // A stage the shot does not have: a dashed, empty chip that says why ("image only",
    // "from file").
    void paintAbsentChip(QPainter *painter, const QRect &rect, const QStyleOptionViewItem &option,
                         Stage stage, const QString &text) const;
    void paintChip(QPainter *painter, const QRect &rect, const QStyleOptionViewItem &option,
                   const TaskSnapshot &task) const;

    QListView *m_view;
    int m_tileWidth = kTileWidth;
};

} // namespace retake::ui
