#include "runconfirmationdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignRight)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled);
    return item;
}

} // namespace

QString RunConfirmationDialog::durationText(qint64 ms)
{
    const QLocale locale;
    if (ms < 1000)
        return tr("%1 ms", "duration").arg(ms);
    if (ms < qint64(60) * 1000)
        return tr("%1 s", "duration in seconds").arg(locale.toString(ms / 1000.0, 'f', 1));
    const qint64 seconds = (ms + 500) / 1000;
    if (seconds < 3600)
        return tr("%1 min %2 s", "duration").arg(seconds / 60).arg(seconds % 60);
    const qint64 minutes = (seconds + 30) / 60;
    return tr("%1 h %2 min", "duration").arg(minutes / 60).arg(minutes % 60);
}

QString RunConfirmationDialog::costText(double units)
{
    return QLocale().toString(units, 'f', 2);
}

RunConfirmationDialog::RunConfirmationDialog(const RunEstimate &estimate, double budgetCap,
                                             QWidget *parent)
    : QDialog(parent), m_estimate(estimate), m_summary(new QLabel(this)),
      m_table(new QTableWidget(this)), m_budget(new QDoubleSpinBox(this)),
      m_budgetHint(new QLabel(this)), m_dontAsk(new QCheckBox(this)), m_run(nullptr)
{
    setObjectName(u"runConfirmationDialog"_s);
    setWindowTitle(tr("Run the batch"));
    auto *layout = new QVBoxLayout(this);

    const ProviderEstimate &total = estimate.total;
    m_summary->setObjectName(u"runSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setText(
        total.tasks > 0
            ? tr("%n task(s) of %1 will run (%2 already done). Expected: about %3 and %4 "
                 "cost units.",
                 nullptr, total.tasks)
                  .arg(estimate.totalTasks)
                  .arg(estimate.doneTasks)
                  .arg(durationText(total.wallTimeMs), costText(total.costUnits))
            : tr("Nothing is left to run: %1 of %2 tasks are done.")
                  .arg(estimate.doneTasks)
                  .arg(estimate.totalTasks));
    QFont heading = m_summary->font();
    heading.setBold(true);
    m_summary->setFont(heading);
    layout->addWidget(m_summary);

    m_table->setObjectName(u"estimateTable"_s);
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Provider"), tr("Tasks"), tr("Images"), tr("Videos"),
                                        tr("Time"), tr("Wall time"), tr("Cost"),
                                        tr("Durations from")});
    m_table->horizontalHeaderItem(TimeColumn)
        ->setToolTip(tr("Provider time: the expected attempt durations added up"));
    m_table->horizontalHeaderItem(WallTimeColumn)
        ->setToolTip(tr("Provider time spread over the provider's parallel requests"));
    m_table->horizontalHeaderItem(CostColumn)
        ->setToolTip(tr("Cost units: the provider profile's cost per unit times the units "
                        "(an image is 1 unit, a video 1 unit per second)"));
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const auto addRow = [this](const ProviderEstimate &e, const QString &name, bool bold) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString source = e.measured ? tr("%n measured attempt(s)", nullptr, e.samples)
                               : e.samples > 0
                                   ? tr("%n measured attempt(s) and defaults", nullptr, e.samples)
                                   : tr("defaults");
        const QList<QTableWidgetItem *> items{
            cell(name, Qt::AlignLeft),       cell(QString::number(e.tasks)),
            cell(QString::number(e.images)), cell(QString::number(e.videos)),
            cell(durationText(e.timeMs)),    cell(durationText(e.wallTimeMs)),
            cell(costText(e.costUnits)),     cell(bold ? QString() : source, Qt::AlignLeft),
        };
        for (int column = 0; column < items.size(); ++column) {
            if (bold) {
                QFont font = items.at(column)->font();
                font.setBold(true);
                items.at(column)->setFont(font);
            }
            m_table->setItem(row, column, items.at(column));
        }
    };
    for (const ProviderEstimate &e : estimate.providers)
        addRow(e, e.providerId, false);
    if (estimate.providers.size() > 1)
        addRow(total, tr("Total"), true);
    m_table->resizeColumnsToContents();
    // As high as its rows (up to 8, then it scrolls): the dialog stays compact.
    const int rows = std::max(1, int(m_table->rowCount()));
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            rowHeight * std::min(rows, 8) + 2 * m_table->frameWidth() + 2);
    layout->addWidget(m_table);

    if (estimate.needsUser.tasks > 0) {
        auto *later = new QLabel(
            tr("%n failed or blocked task(s) are not included: they run after Retry all failed "
               "(about %1 cost units more).",
               nullptr, estimate.needsUser.tasks)
                .arg(costText(estimate.needsUser.costUnits)),
            this);
        later->setObjectName(u"needsUserNote"_s);
        later->setWordWrap(true);
        layout->addWidget(later);
    }
    auto *basis = new QLabel(tr("One attempt per task: retries and degradation cost more. "
                                "Durations come from measured past attempts on the same "
                                "provider, or from defaults until there are some."),
                             this);
    basis->setWordWrap(true);
    basis->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(basis);

    auto *form = new QFormLayout;
    m_budget->setObjectName(u"budgetCap"_s);
    m_budget->setRange(0.0, 1e9);
    m_budget->setDecimals(2);
    m_budget->setSingleStep(1.0);
    m_budget->setSpecialValueText(tr("No cap"));
    m_budget->setSuffix(tr(" cost units", "budget spin box suffix"));
    m_budget->setToolTip(tr("Retake stops starting tasks before this run's cost would go past "
                            "the cap; attempts already running finish and are kept. 0 = no "
                            "cap."));
    m_budget->setAccessibleName(tr("Budget cap for this run"));
    form->addRow(tr("Budget cap for this run:"), m_budget);
    layout->addLayout(form);
    m_budgetHint->setObjectName(u"budgetHint"_s);
    m_budgetHint->setWordWrap(true);
    // Room for two lines whatever it says, so that changing the cap never squeezes it.
    m_budgetHint->setMinimumHeight(2 * m_budgetHint->fontMetrics().lineSpacing());
    m_budgetHint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_budgetHint);

    m_dontAsk->setObjectName(u"dontAskAgain"_s);
    m_dontAsk->setText(tr("Don't ask again (Preferences can turn this back on)"));
    layout->addWidget(m_dontAsk);

    auto *buttons = new QDialogButtonBox(this);
    m_run = buttons->addButton(tr("Run"), QDialogButtonBox::AcceptRole);
    m_run->setObjectName(u"confirmRunButton"_s);
    m_run->setDefault(true);
    m_run->setEnabled(total.tasks > 0);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_budget, &QDoubleSpinBox::valueChanged, this,
            &RunConfirmationDialog::updateBudgetHint);
    setBudgetCap(budgetCap);
    updateBudgetHint();
    layout->addStretch(1);
    const int width = std::max(sizeHint().width(), 720);
    resize(width,
           layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : sizeHint().height());
}

double RunConfirmationDialog::budgetCap() const
{
    return m_budget->value();
}

void RunConfirmationDialog::setBudgetCap(double budgetCap)
{
    m_budget->setValue(std::max(0.0, budgetCap));
}

bool RunConfirmationDialog::dontAskAgain() const
{
    return m_dontAsk->isChecked();
}

QString RunConfirmationDialog::summaryText() const
{
    return m_summary->text();
}

void RunConfirmationDialog::updateBudgetHint()
{
    const double cap = m_budget->value();
    const double expected = m_estimate.total.costUnits;
    if (cap <= 0.0) {
        m_budgetHint->setText(expected > 0.0 ? tr("No cap: the run may cost more than the "
                                                  "estimate when tasks are retried.")
                                             : QString());
    } else if (cap + 1e-9 < expected) {
        m_budgetHint->setText(tr("The estimate (%1) is above the cap: Retake stops starting "
                                 "tasks before the cap and tells you; nothing running is "
                                 "thrown away.")
                                  .arg(costText(expected)));
    } else {
        m_budgetHint->setText(
            tr("Leaves %1 cost units for retries.").arg(costText(cap - expected)));
    }
}

} // namespace retake::ui
