#include "providerstatusmodel.h"

#include "statecategory.h"
#include "statestyle.h"

#include <QGuiApplication>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

constexpr int kIconSize = 16;

// The columns in which two statuses differ, as [first, last]; {-1, -1} when none.
bool sameEndpoints(const ProviderStatus &a, const ProviderStatus &b)
{
    return std::equal(a.endpoints.cbegin(), a.endpoints.cend(), b.endpoints.cbegin(),
                      b.endpoints.cend(), [](const EndpointStatus &x, const EndpointStatus &y) {
                          return x.url == y.url && x.state == y.state && x.inFlight == y.inFlight &&
                                 x.limit == y.limit;
                      });
}

std::pair<int, int> changedColumns(const ProviderStatus &a, const ProviderStatus &b)
{
    using C = ProviderStatusModel::Column;
    const bool changed[C::ColumnCount] = {
        a.id != b.id || !sameEndpoints(a, b), // a pool's endpoints show in its first column
        a.kind != b.kind || a.model != b.model,
        a.breaker != b.breaker || a.breakerOpenUntil != b.breakerOpenUntil,
        a.inFlight != b.inFlight,
        a.limit != b.limit,
        a.maxLimit != b.maxLimit,
        a.queued != b.queued,
        !qFuzzyCompare(1.0 + a.recentErrorRate, 1.0 + b.recentErrorRate),
        a.lastError != b.lastError || a.lastErrorMessage != b.lastErrorMessage ||
            a.lastErrorAt != b.lastErrorAt,
    };
    int first = -1;
    int last = -1;
    for (int column = 0; column < C::ColumnCount; ++column) {
        if (!changed[column])
            continue;
        if (first < 0)
            first = column;
        last = column;
    }
    return {first, last};
}

QString timeText(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().time(), u"HH:mm:ss"_s);
}

} // namespace

ProviderStatusModel::ProviderStatusModel(QObject *parent)
    : QAbstractTableModel(parent), m_palette(QGuiApplication::palette())
{
}

void ProviderStatusModel::reset(const QList<ProviderStatus> &providers)
{
    beginResetModel();
    m_rows = providers;
    endResetModel();
}

void ProviderStatusModel::update(const QList<ProviderStatus> &providers)
{
    // Gone providers first (from the bottom, so rows stay valid), one block at a time.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const QString id = m_rows.at(row).id;
        const bool present = std::any_of(providers.cbegin(), providers.cend(),
                                         [&id](const ProviderStatus &p) { return p.id == id; });
        if (present)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    int firstRow = -1;
    int lastRow = -1;
    int firstColumn = ColumnCount;
    int lastColumn = -1;
    QList<ProviderStatus> added;
    for (const ProviderStatus &status : providers) {
        const int row = rowOf(status.id);
        if (row < 0) {
            added << status;
            continue;
        }
        const auto [first, last] = changedColumns(m_rows.at(row), status);
        if (first < 0)
            continue;
        m_rows[row] = status;
        firstRow = firstRow < 0 ? row : std::min(firstRow, row);
        lastRow = std::max(lastRow, row);
        firstColumn = std::min(firstColumn, first);
        lastColumn = std::max(lastColumn, last);
    }
    if (firstRow >= 0) {
        Q_EMIT dataChanged(index(firstRow, firstColumn), index(lastRow, lastColumn),
                           {Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole,
                            Qt::AccessibleTextRole, BreakerRole, NumberRole, ErrorClassRole});
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows += added;
        endInsertRows();
    }
}

void ProviderStatusModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void ProviderStatusModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, BreakerColumn), index(int(m_rows.size()) - 1, BreakerColumn),
                           {Qt::DecorationRole});
}

const ProviderStatus *ProviderStatusModel::statusAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ProviderStatusModel::rowOf(const QString &providerId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == providerId)
            return row;
    }
    return -1;
}

int ProviderStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderStatusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QString ProviderStatusModel::breakerText(const ProviderStatus &status)
{
    switch (status.breaker) {
    case ProviderStatus::Breaker::Closed:
        return tr("Closed", "circuit breaker: the provider is used");
    case ProviderStatus::Breaker::Open:
        return status.breakerOpenUntil.isValid()
                   ? tr("Open until %1", "circuit breaker: avoided until a time")
                         .arg(timeText(status.breakerOpenUntil))
                   : tr("Open", "circuit breaker: the provider is avoided");
    case ProviderStatus::Breaker::HalfOpen:
        return tr("Half-open", "circuit breaker: one probe attempt is let through");
    }
    Q_UNREACHABLE();
}

QString ProviderStatusModel::endpointsText(const ProviderStatus &status)
{
    QStringList lines;
    for (const EndpointStatus &endpoint : status.endpoints) {
        QString state;
        switch (endpoint.state) {
        case EndpointStatus::State::Ok:
            state = tr("ok", "a pool's endpoint is in use");
            break;
        case EndpointStatus::State::Avoided:
            state = tr("avoided", "a pool's endpoint failed several times and cools down");
            break;
        case EndpointStatus::State::Down:
            state = tr("down", "a pool's endpoint cannot be reached");
            break;
        }
        lines << tr("%1 — %2, %3 of %4 in flight", "endpoint url — state, in flight of limit")
                     .arg(endpoint.url, state)
                     .arg(endpoint.inFlight)
                     .arg(endpoint.limit);
    }
    return lines.join(u'\n');
}

QVariant ProviderStatusModel::display(const ProviderStatus &status, Column column) const
{
    switch (column) {
    case ProviderColumn: {
        if (status.endpoints.isEmpty())
            return status.id;
        const auto ok = std::count_if(
            status.endpoints.cbegin(), status.endpoints.cend(),
            [](const EndpointStatus &e) { return e.state == EndpointStatus::State::Ok; });
        return tr("%1 (%2 of %3 endpoints ok)", "a pool of base URLs")
            .arg(status.id)
            .arg(ok)
            .arg(status.endpoints.size());
    }
    case KindColumn:
        return status.model.isEmpty()
                   ? status.kind
                   : tr("%1 · %2", "provider kind · model").arg(status.kind, status.model);
    case BreakerColumn:
        return breakerText(status);
    case InFlightColumn:
        return QLocale().toString(status.inFlight);
    case LimitColumn:
        return QLocale().toString(status.limit);
    case ConfiguredLimitColumn:
        return QLocale().toString(status.maxLimit);
    case QueuedColumn:
        return QLocale().toString(status.queued);
    case ErrorRateColumn:
        return tr("%1 %", "percent").arg(qRound(status.recentErrorRate * 100));
    case LastErrorColumn:
        if (status.lastError == ErrorClass::None)
            return tr("none", "no last error");
        return status.lastErrorMessage.isEmpty()
                   ? StateStyle::errorLabel(status.lastError)
                   : tr("%1: %2", "error class: message")
                         .arg(StateStyle::errorLabel(status.lastError), status.lastErrorMessage);
    case ColumnCount:
        break;
    }
    Q_UNREACHABLE();
}

QVariant ProviderStatusModel::toolTip(const ProviderStatus &status, Column column) const
{
    switch (column) {
    case BreakerColumn:
        switch (status.breaker) {
        case ProviderStatus::Breaker::Closed:
            return tr("%1 is in use.").arg(status.id);
        case ProviderStatus::Breaker::Open:
            return tr("%1 failed several times in a row and is avoided for a cool-down; its "
                      "tasks move to other providers or wait. Use \"Retry now\" in its banner "
                      "to try it at once.")
                .arg(status.id);
        case ProviderStatus::Breaker::HalfOpen:
            return tr("The cool-down of %1 is over: one attempt probes it; success closes the "
                      "breaker, failure opens it again for longer.")
                .arg(status.id);
        }
        Q_UNREACHABLE();
    case LimitColumn:
        return tr("How many attempts Retake runs at once on %1 now; it halves on \"rate "
                  "limited\" and grows again after successes.")
            .arg(status.id);
    case ConfiguredLimitColumn:
        return tr("The profile's maximum concurrency");
    case ErrorRateColumn:
        return tr("Failed share of the last 20 attempts on %1").arg(status.id);
    case LastErrorColumn:
        if (status.lastError == ErrorClass::None)
            return {};
        return tr("%1 at %2. %3")
            .arg(display(status, column).toString(), timeText(status.lastErrorAt),
                 StateStyle::recommendedAction(status.lastError));
    case ProviderColumn:
        if (!status.endpoints.isEmpty())
            return QString(display(status, column).toString() + u'\n' + endpointsText(status));
        return display(status, column);
    case KindColumn:
    case InFlightColumn:
    case QueuedColumn:
        return display(status, column);
    case ColumnCount:
        break;
    }
    Q_UNREACHABLE();
}

QVariant ProviderStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProviderStatus &status = m_rows.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(status, column);
    case Qt::ToolTipRole:
        return toolTip(status, column);
    case Qt::AccessibleTextRole:
        return column == BreakerColumn ? tr("Breaker of %1: %2").arg(status.id, breakerText(status))
                                       : display(status, column);
    case Qt::TextAlignmentRole:
        if (column >= InFlightColumn && column <= ErrorRateColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DecorationRole: {
        if (column != BreakerColumn)
            return {};
        QString icon;
        StateCategory category = StateCategory::Done;
        switch (status.breaker) {
        case ProviderStatus::Breaker::Closed:
            icon = u"state-done"_s;
            category = StateCategory::Done;
            break;
        case ProviderStatus::Breaker::Open:
            icon = u"state-failed"_s;
            category = StateCategory::Failed;
            break;
        case ProviderStatus::Breaker::HalfOpen:
            icon = u"state-retrying"_s;
            category = StateCategory::Retrying;
            break;
        }
        return StateStyle::tintedPixmap(icon, StateStyle::accent(int(category), m_palette),
                                        kIconSize, qGuiApp->devicePixelRatio());
    }
    case ProviderIdRole:
        return status.id;
    case BreakerRole:
        return int(status.breaker);
    case ErrorClassRole:
        return int(status.lastError);
    case NumberRole:
        switch (column) {
        case InFlightColumn:
            return status.inFlight;
        case LimitColumn:
            return status.limit;
        case ConfiguredLimitColumn:
            return status.maxLimit;
        case QueuedColumn:
            return status.queued;
        case ErrorRateColumn:
            return status.recentErrorRate;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ProviderStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case BreakerColumn:
            return tr("Circuit breaker: closed = in use, open = avoided for a cool-down, "
                      "half-open = one probe attempt");
        case LimitColumn:
            return tr("Current adaptive concurrency limit");
        case ConfiguredLimitColumn:
            return tr("Configured maximum concurrency");
        case ErrorRateColumn:
            return tr("Failed share of the last 20 attempts");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case ProviderColumn:
        return tr("Provider");
    case KindColumn:
        return tr("Kind · model");
    case BreakerColumn:
        return tr("Breaker");
    case InFlightColumn:
        return tr("In flight");
    case LimitColumn:
        return tr("Limit now");
    case ConfiguredLimitColumn:
        return tr("Configured");
    case QueuedColumn:
        return tr("Queued");
    case ErrorRateColumn:
        return tr("Errors");
    case LastErrorColumn:
        return tr("Last error");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace retake::ui
