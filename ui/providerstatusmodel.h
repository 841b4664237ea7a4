// The providers panel's table: one row per provider of the open storyboard with the
// engine's live state (Engine::providerStatuses() / providersUpdated): breaker, in
// flight, current and configured concurrency limit, queued tasks, recent error rate and
// the last error. Updates change rows in place with ranged dataChanged; rows are only
// inserted or removed when a provider comes or goes, and the model is reset only when a
// storyboard is opened or closed.
#pragma once

#include "engine/engine.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPalette>

namespace retake::ui {

class ProviderStatusModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderStatusModel)
public:
    enum Column {
        ProviderColumn,
        KindColumn,
        BreakerColumn,
        InFlightColumn,
        LimitColumn,
        ConfiguredLimitColumn,
        QueuedColumn,
        ErrorRateColumn,
        LastErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        ProviderIdRole = Qt::UserRole + 1,
        BreakerRole, // ProviderStatus::Breaker as int
        NumberRole,  // the column's number (in flight, limits, queued, error rate)
        ErrorClassRole,
    };

    explicit ProviderStatusModel(QObject *parent = nullptr);

    // A new storyboard: replaces every row (a reset).
    void reset(const QList<ProviderStatus> &providers);
    // A live update: changes rows in place, appends new providers, removes gone ones.
    void update(const QList<ProviderStatus> &providers);
    void clear();
    // Icons follow this palette (the view's).
    void setPalette(const QPalette &palette);

    const ProviderStatus *statusAt(int row) const;
    int rowOf(const QString &providerId) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString breakerText(const ProviderStatus &status);
    // A pool's endpoints, one a line: url — ok / avoided / down, in flight of limit.
    static QString endpointsText(const ProviderStatus &status);

private:
    QVariant display(const ProviderStatus &status, Column column) const;
    QVariant toolTip(const ProviderStatus &status, Column column) const;

    QList<ProviderStatus> m_rows;
    QPalette m_palette;
};

} // namespace retake::ui
