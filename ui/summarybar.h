// The bar above the grid: overall progress and live counts per state category, each a
// toggle button that filters the grid (several toggles = any of them).
#pragma once

#include "domain/task.h"
#include "statecategory.h"

#include <QHash>
#include <QSet>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QToolButton;
QT_END_NAMESPACE

namespace retake::ui {

class SummaryBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryBar)
public:
    explicit SummaryBar(QWidget *parent = nullptr);

    void setSummary(const BatchSummary &summary);
    void clear();
    QSet<StateCategory> checkedCategories() const;
    void setCheckedCategories(const QSet<StateCategory> &categories);
    // The toggle of a category ("filter-failed" etc. as object name).
    QToolButton *button(StateCategory category) const { return m_buttons.value(category); }
    int percent() const { return m_percent; }

Q_SIGNALS:
    void filterChanged(const QSet<retake::ui::StateCategory> &categories);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateIcons();
    void updateTexts();

    QProgressBar *m_progress;
    QLabel *m_totals;
    QLabel *m_paused;
    QToolButton *m_clear;
    QHash<StateCategory, QToolButton *> m_buttons;
    BatchSummary m_summary;
    int m_percent = 0;
    bool m_updating = false;
};

} // namespace retake::ui
