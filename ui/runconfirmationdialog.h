// Asked when the user presses Run (issue 6): what the run is expected to take — tasks,
// time and cost per provider, the same figures as `retake-cli estimate` — and an optional
// budget cap for the run. "Don't ask again" turns the question off (Preferences turns it
// back on); the cap chosen here is remembered as the next run's initial value.
#pragma once

#include "report/runestimate.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace retake::ui {

class RunConfirmationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunConfirmationDialog)
public:
    enum Column {
        ProviderColumn,
        TasksColumn,
        ImagesColumn,
        VideosColumn,
        TimeColumn,
        WallTimeColumn,
        CostColumn,
        SourceColumn,
        ColumnCount
    };

    // `budgetCap`: the initial cap (cost units, 0 = none).
    RunConfirmationDialog(const RunEstimate &estimate, double budgetCap, QWidget *parent = nullptr);

    double budgetCap() const;
    void setBudgetCap(double budgetCap);
    bool dontAskAgain() const;
    QTableWidget *estimateTable() const { return m_table; }
    QPushButton *runButton() const { return m_run; }
    QString summaryText() const;

    // "850 ms", "12.4 s", "3 min 5 s", "1 h 2 min", translated.
    static QString durationText(qint64 ms);
    static QString costText(double units);

private:
    void updateBudgetHint();

    RunEstimate m_estimate;
    QLabel *m_summary;
    QTableWidget *m_table;
    QDoubleSpinBox *m_budget;
    QLabel *m_budgetHint;
    QCheckBox *m_dontAsk;
    QPushButton *m_run;
};

} // namespace retake::ui
