#include "shotgridview.h"

#include "shotlistmodel.h"
#include "shottiledelegate.h"

#include <QResizeEvent>
#include <QScrollBar>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace retake::ui {

ShotGridView::ShotGridView(QWidget *parent)
    : QListView(parent), m_delegate(new ShotTileDelegate(this, this))
{
    setObjectName(u"statusGrid"_s);
    setItemDelegate(m_delegate);
    setViewMode(QListView::ListMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setLayoutMode(QListView::Batched);
    setBatchSize(400);
    setSpacing(4);
    setMovement(QListView::Static);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionRectVisible(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    setAccessibleName(tr("Status grid"));
    setWhatsThis(tr("One line of tiles per scene, one tile per shot. Select tiles with the "
                    "mouse or the arrow keys (Shift and Ctrl extend the selection); the "
                    "context menu holds the recovery actions."));
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] { viewport()->update(); });
}

void ShotGridView::setLiveRepaint(bool on)
{
    if (on && !m_tick.isActive())
        m_tick.start();
    else if (!on)
        m_tick.stop();
}

QStringList ShotGridView::selectedShotIds() const
{
    QModelIndexList indexes =
        selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    std::sort(indexes.begin(), indexes.end());
    QStringList ids;
    for (const QModelIndex &index : indexes) {
        const QString id = index.data(ShotListModel::ShotIdRole).toString();
        if (!id.isEmpty() &&
            ShotListModel::isTile(
                index.data(ShotListModel::KindRole).value<ShotListModel::RowKind>()))
            ids << id;
    }
    return ids;
}

QString ShotGridView::currentShotId() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid() ||
        !ShotListModel::isTile(
            current.data(ShotListModel::KindRole).value<ShotListModel::RowKind>()))
        return {};
    return current.data(ShotListModel::ShotIdRole).toString();
}

void ShotGridView::selectShot(const QString &shotId)
{
    if (!model())
        return;
    const QModelIndexList hits = model()->match(model()->index(0, 0), ShotListModel::ShotIdRole,
                                                shotId, 1, Qt::MatchExactly);
    for (const QModelIndex &hit : hits) {
        if (!ShotListModel::isTile(
                hit.data(ShotListModel::KindRole).value<ShotListModel::RowKind>()))
            continue;
        // Independent of the keyboard modifiers held right now.
        selectionModel()->setCurrentIndex(hit, QItemSelectionModel::ClearAndSelect);
        scrollTo(hit);
        return;
    }
}

void ShotGridView::setModel(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    QListView::setModel(model);
    if (!model)
        return;
    // Scenes change length only when rows come or go (a new storyboard, the filter).
    // Counted once after a burst of them (a filter removes many ranges at once).
    const auto recount = [this] {
        if (std::exchange(m_countPending, true))
            return;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_countPending = false;
                countLongestScene();
            },
            Qt::QueuedConnection);
    };
    m_modelConnections = {
        connect(model, &QAbstractItemModel::rowsInserted, this, recount),
        connect(model, &QAbstractItemModel::rowsRemoved, this, recount),
        // A new storyboard is laid out at once with the width its tiles will keep.
        connect(model, &QAbstractItemModel::modelReset, this, &ShotGridView::countLongestScene),
        connect(model, &QAbstractItemModel::layoutChanged, this, &ShotGridView::countLongestScene),
    };
    countLongestScene();
}

int ShotGridView::tileWidth() const
{
    return m_delegate->tileWidth();
}

void ShotGridView::countLongestScene()
{
    int longest = 1;
    int run = 0;
    const QAbstractItemModel *m = model();
    for (int row = 0, rows = m ? m->rowCount() : 0; row < rows; ++row) {
        const bool shot = ShotListModel::isTile(
            m->index(row, 0).data(ShotListModel::KindRole).value<ShotListModel::RowKind>());
        run = shot ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    m_longestScene = longest;
    fitTiles();
}

void ShotGridView::fitTiles()
{
    // A pixel or two short of the line: QListView's bounds differ by a frame's pixel.
    constexpr int kSlack = 2;
    // The width QListView lays a line out in: the viewport without scroll bars, less a
    // vertical scroll bar's room (it reserves that room while wrapping left to right).
    const int line = maximumViewportSize().width() -
                     style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, verticalScrollBar());
    const int gaps = 2 * spacing(); // QListView puts `spacing` on each side of a tile
    const int fit = std::max(1, line / (ShotTileDelegate::kTileWidth + gaps));
    const int columns = std::clamp(m_longestScene, 1, fit);
    const int before = m_delegate->tileWidth();
    m_delegate->setTileWidth((line - kSlack) / columns - gaps);
    if (m_delegate->tileWidth() != before)
        scheduleDelayedItemsLayout();
}

void ShotGridView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    // Scene headers span the width: their size hint changed; tiles widen or narrow.
    if (event->size().width() != event->oldSize().width()) {
        fitTiles();
        scheduleDelayedItemsLayout();
    }
}

} // namespace retake::ui
