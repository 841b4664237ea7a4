#include "shotgridview.h"

#include "shotlistmodel.h"
#include "shottiledelegate.h"

#include <QResizeEvent>

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
        if (!id.isEmpty() && index.data(ShotListModel::KindRole).value<ShotListModel::RowKind>() ==
                                 ShotListModel::RowKind::Shot)
            ids << id;
    }
    return ids;
}

QString ShotGridView::currentShotId() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid() ||
        current.data(ShotListModel::KindRole).value<ShotListModel::RowKind>() !=
            ShotListModel::RowKind::Shot)
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
        if (hit.data(ShotListModel::KindRole).value<ShotListModel::RowKind>() !=
            ShotListModel::RowKind::Shot)
            continue;
        // Independent of the keyboard modifiers held right now.
        selectionModel()->setCurrentIndex(hit, QItemSelectionModel::ClearAndSelect);
        scrollTo(hit);
        return;
    }
}

void ShotGridView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    // Scene headers span the width: their size hint changed.
    if (event->size().width() != event->oldSize().width())
        scheduleDelayedItemsLayout();
}

} // namespace retake::ui
