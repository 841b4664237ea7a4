// The attempts table of the detail panel: every attempt of a shot's tasks, never
// overwritten, newest last. Columns: stage, #, outcome, error class, message, provider /
// model, rung, started, duration, HTTP status; every cell's tooltip holds its full text.
#pragma once

#include "domain/task.h"

#include <QAbstractTableModel>
#include <QList>

#include <utility>

namespace retake::ui {

class AttemptModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptModel)
public:
    // What happened and why first (a narrow panel shows them without scrolling), then
    // where and when.
    enum Column {
        StageColumn,
        NumberColumn,
        OutcomeColumn,
        ErrorClassColumn,
        MessageColumn,
        ProviderColumn,
        RungColumn,
        StartedColumn,
        DurationColumn,
        HttpStatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { ErrorClassRole = Qt::UserRole + 1, ArchivedToRole, OutputPathRole };

    explicit AttemptModel(QObject *parent = nullptr);

    // Replaces the attempts of one stage (the others stay).
    void setAttempts(Stage stage, const QList<Attempt> &attempts);
    // Adds `attempt` after the attempts of `stage`.
    void addAttempt(Stage stage, const Attempt &attempt);
    int attemptCount(Stage stage) const;
    void clear();
    const Attempt *attemptAt(int row) const;
    Stage stageAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // The rows [first, last) of `stage`: rows are grouped by stage, image first.
    std::pair<int, int> rowsOf(Stage stage) const;

    struct Row {
        Stage stage;
        Attempt attempt;
    };
    QList<Row> m_rows;
};

} // namespace retake::ui
