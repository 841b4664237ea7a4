#include "shotfilterproxy.h"

#include "shotlistmodel.h"

using namespace Qt::StringLiterals;

namespace retake::ui {

ShotFilterProxy::ShotFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setFilterRole(ShotListModel::TileRole);
}

void ShotFilterProxy::setFilter(const ShotFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateFilter();
}

bool ShotFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    const auto *model = qobject_cast<const ShotListModel *>(sourceModel());
    if (!model)
        return true;
    if (const ShotTile *tile = model->tileAt(sourceRow))
        return m_filter.match(*tile);
    // A scene header (or the final film): shown when any of its shots is, or when its
    // own tasks (voice-over, cut) match.
    if (m_filter.isEmpty())
        return true;
    const QList<int> rows = model->shotRowsOfScene(sourceRow);
    if (std::any_of(rows.cbegin(), rows.cend(),
                    [this, model](int row) { return m_filter.match(*model->tileAt(row)); }))
        return true;
    const QList<TaskSnapshot> own = model->sceneTasks(sourceRow);
    const QModelIndex index = model->index(sourceRow);
    return !own.isEmpty() &&
           m_filter.matchTasks(own, index.data(ShotListModel::SceneIdRole).toString() + u' ' +
                                        index.data(ShotListModel::TitleRole).toString());
}

} // namespace retake::ui
