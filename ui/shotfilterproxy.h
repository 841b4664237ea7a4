// Filters the status grid by a ShotFilter. Shots are kept when filter().match() says so;
// a scene header is kept when one of its shots is. Dynamic: task updates (TileRole)
// re-evaluate the rows they touch, so a tile leaves the "failed" view once retried.
#pragma once

#include "shotfilter.h"

#include <QSortFilterProxyModel>

namespace retake::ui {

class ShotFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShotFilterProxy)
public:
    explicit ShotFilterProxy(QObject *parent = nullptr);

    const ShotFilter &filter() const { return m_filter; }
    void setFilter(const ShotFilter &filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ShotFilter m_filter;
};

} // namespace retake::ui
