#include "summarybar.h"

#include "statestyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace retake::ui {

SummaryBar::SummaryBar(QWidget *parent)
    : QWidget(parent), m_progress(new QProgressBar(this)), m_totals(new QLabel(this)),
      m_paused(new QLabel(this)), m_clear(new QToolButton(this))
{
    setObjectName(u"summaryBar"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);

    m_progress->setObjectName(u"overallProgress"_s);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setMaximumWidth(220);
    m_progress->setMinimumWidth(120);
    m_progress->setAccessibleName(tr("Overall progress"));
    layout->addWidget(m_progress);
    m_totals->setObjectName(u"totals"_s);
    layout->addWidget(m_totals);
    layout->addSpacing(8);

    for (const StateCategory category : allStateCategories()) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setToolTip(StateStyle::categoryToolTip(category));
        connect(button, &QToolButton::toggled, this, [this] {
            if (!m_updating) {
                m_clear->setVisible(!checkedCategories().isEmpty());
                Q_EMIT filterChanged(checkedCategories());
            }
        });
        m_buttons.insert(category, button);
        layout->addWidget(button);
    }
    // Stable names for tests and accessibility tools, independent of the language.
    static const QHash<StateCategory, QString> names{
        {StateCategory::Done, u"done"_s},       {StateCategory::Degraded, u"degraded"_s},
        {StateCategory::Running, u"running"_s}, {StateCategory::Retrying, u"retrying"_s},
        {StateCategory::Queued, u"queued"_s},   {StateCategory::Failed, u"failed"_s},
        {StateCategory::Blocked, u"blocked"_s}};
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it)
        it.value()->setObjectName(u"filter-"_s + names.value(it.key()));

    m_clear->setObjectName(u"clearFilter"_s);
    m_clear->setText(tr("Show all"));
    m_clear->setToolTip(tr("Clear the state filter and show every shot"));
    m_clear->setAutoRaise(true);
    m_clear->setVisible(false);
    connect(m_clear, &QToolButton::clicked, this, [this] { setCheckedCategories({}); });
    layout->addWidget(m_clear);
    layout->addStretch(1);
    m_paused->setObjectName(u"pausedLabel"_s);
    layout->addWidget(m_paused);

    updateIcons();
    updateTexts();
}

void SummaryBar::setSummary(const BatchSummary &summary)
{
    m_summary = summary;
    updateTexts();
}

void SummaryBar::clear()
{
    m_summary = BatchSummary();
    setCheckedCategories({});
    updateTexts();
}

QSet<StateCategory> SummaryBar::checkedCategories() const
{
    QSet<StateCategory> set;
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        if (it.value()->isChecked())
            set.insert(it.key());
    }
    return set;
}

void SummaryBar::setCheckedCategories(const QSet<StateCategory> &categories)
{
    const QSet<StateCategory> before = checkedCategories();
    m_updating = true;
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it)
        it.value()->setChecked(categories.contains(it.key()));
    m_updating = false;
    m_clear->setVisible(!categories.isEmpty());
    if (before != categories)
        Q_EMIT filterChanged(categories);
}

void SummaryBar::updateTexts()
{
    const BatchSummary &s = m_summary;
    m_percent = int(s.percent());
    m_progress->setValue(m_percent);
    m_progress->setFormat(tr("%1 %", "overall progress").arg(m_percent));
    int finished = 0;
    for (auto it = s.counts.cbegin(); it != s.counts.cend(); ++it) {
        if (isFinal(it.key()))
            finished += it.value();
    }
    m_totals->setText(tr("%1 of %n task(s) finished", nullptr, s.total).arg(finished));
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        const int count = countInCategory(s, it.key());
        QString text = tr("%1 %2", "count and state in the summary bar")
                           .arg(count)
                           .arg(StateStyle::categoryLabel(it.key()));
        if (it.key() == StateCategory::Done && s.onOtherProvider() > 0) {
            text += u' ' + tr("(%1 on another provider)",
                              "done tasks made at full quality by an alternative provider")
                               .arg(s.onOtherProvider());
        }
        it.value()->setText(text);
        it.value()->setAccessibleName(it.value()->text());
    }
    if (s.paused) {
        m_paused->setText(s.pauseReason == PauseReason::DiskFull ? tr("Paused: disk full")
                                                                 : tr("Paused"));
        m_paused->setVisible(true);
    } else {
        m_paused->clear();
        m_paused->setVisible(false);
    }
}

void SummaryBar::updateIcons()
{
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        QIcon icon;
        for (const int size : {16, 24, 32}) {
            icon.addPixmap(StateStyle::tintedPixmap(StateStyle::iconName(it.key()),
                                                    StateStyle::accent(int(it.key()), palette()),
                                                    size, 1.0));
        }
        it.value()->setIcon(icon);
    }
}

void SummaryBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
}

} // namespace retake::ui
