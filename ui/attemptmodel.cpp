#include "attemptmodel.h"

#include "statecategory.h"
#include "statestyle.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace retake::ui {

AttemptModel::AttemptModel(QObject *parent) : QAbstractTableModel(parent)
{
}

std::pair<int, int> AttemptModel::rowsOf(Stage stage) const
{
    int first = 0;
    // The first slot (image, or a scene's voice-over) comes before the second (video, cut).
    const auto isFirstSlot = [](Stage s) { return s == Stage::Image || s == Stage::Audio; };
    while (first < m_rows.size() && m_rows.at(first).stage != stage &&
           !(isFirstSlot(stage) && !isFirstSlot(m_rows.at(first).stage)))
        ++first;
    int last = first;
    while (last < m_rows.size() && m_rows.at(last).stage == stage)
        ++last;
    return {first, last};
}

int AttemptModel::attemptCount(Stage stage) const
{
    const auto [first, last] = rowsOf(stage);
    return last - first;
}

void AttemptModel::addAttempt(Stage stage, const Attempt &attempt)
{
    const int row = rowsOf(stage).second;
    beginInsertRows({}, row, row);
    m_rows.insert(row, Row{stage, attempt});
    endInsertRows();
}

void AttemptModel::setAttempts(Stage stage, const QList<Attempt> &attempts)
{
    // Rows are grouped by stage (image first): replace the stage's block in place.
    const auto [first, last] = rowsOf(stage);
    const int oldCount = last - first;
    const int newCount = int(attempts.size());
    const int common = std::min(oldCount, newCount);
    for (int i = 0; i < common; ++i)
        m_rows[first + i].attempt = attempts.at(i);
    if (common > 0)
        Q_EMIT dataChanged(index(first, 0), index(first + common - 1, ColumnCount - 1));
    if (newCount > oldCount) {
        beginInsertRows({}, first + oldCount, first + newCount - 1);
        for (int i = oldCount; i < newCount; ++i)
            m_rows.insert(first + i, Row{stage, attempts.at(i)});
        endInsertRows();
    } else if (newCount < oldCount) {
        beginRemoveRows({}, first + newCount, first + oldCount - 1);
        m_rows.remove(first + newCount, oldCount - newCount);
        endRemoveRows();
    }
}

void AttemptModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const Attempt *AttemptModel::attemptAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).attempt : nullptr;
}

Stage AttemptModel::stageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).stage : Stage::Image;
}

int AttemptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AttemptModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant AttemptModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case StageColumn:
        return tr("Stage");
    case NumberColumn:
        return tr("#", "attempt number");
    case RungColumn:
        return tr("Rung");
    case ProviderColumn:
        return tr("Provider / model");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case OutcomeColumn:
        return tr("Outcome");
    case ErrorClassColumn:
        return tr("Error");
    case MessageColumn:
        return tr("Message");
    case HttpStatusColumn:
        return tr("HTTP");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AttemptModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return {};
    const Row &row = m_rows.at(index.row());
    const Attempt &a = row.attempt;
    if (role == ErrorClassRole)
        return int(a.errorClass);
    if (role == ArchivedToRole)
        return a.archivedTo;
    if (role == OutputPathRole)
        return a.outputPath;
    const bool ok = a.errorClass == ErrorClass::None;
    if (role == Qt::DecorationRole && index.column() == OutcomeColumn) {
        TaskSnapshot fake;
        fake.state = ok ? TaskState::Done : TaskState::Failed;
        fake.quality = ok ? qualityOf(a.rung) : Quality::None;
        return StateStyle::tintedPixmap(StateStyle::iconName(fake),
                                        StateStyle::accent(visualCategory(fake), {}), 14, 1.0);
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case NumberColumn:
        case DurationColumn:
        case HttpStatusColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == MessageColumn || index.column() == ErrorClassColumn ||
            (index.column() == OutcomeColumn && !ok)) {
            QString tip = a.message;
            if (index.column() != MessageColumn) // the cell's words, then the message
                tip = tr("%1: %2", "cell text: attempt message")
                          .arg(data(index, Qt::DisplayRole).toString(), tip);
            if (!ok)
                tip += u"\n"_s + StateStyle::recommendedAction(a.errorClass);
            if (!a.archivedTo.isEmpty())
                tip += u"\n"_s + tr("Files of the attempt: %1").arg(a.archivedTo);
            return tip.trimmed();
        }
        // The full text of a cell the column may elide.
        return data(index, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case StageColumn:
        return StateStyle::stageShortLabel(row.stage);
    case NumberColumn:
        return a.number;
    case RungColumn:
        return StateStyle::rungLabel(a.rung);
    case ProviderColumn:
        return a.model.isEmpty() ? a.providerId
                                 : tr("%1 / %2", "provider / model").arg(a.providerId, a.model);
    case StartedColumn:
        return a.startedAt.isValid() ? a.startedAt.toLocalTime().toString(u"HH:mm:ss"_s)
                                     : QString();
    case DurationColumn: {
        if (!a.endedAt.isValid())
            return tr("running");
        const qint64 ms = a.durationMs();
        return ms < 10000 ? tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 2))
                          : tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 0));
    }
    case OutcomeColumn:
        if (ok)
            return a.outputPath.isEmpty() ? tr("no output")
                                          : StateStyle::qualityLabel(qualityOf(a.rung));
        return a.countedAgainstBudget ? tr("failed", "attempt outcome")
                                      : tr("not counted", "attempt outcome (disk full, "
                                                          "cancelled)");
    case ErrorClassColumn:
        return ok ? QString() : StateStyle::errorLabel(a.errorClass);
    case MessageColumn:
        return a.message;
    case HttpStatusColumn:
        return a.httpStatus > 0 ? QVariant(a.httpStatus) : QVariant();
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace retake::ui
