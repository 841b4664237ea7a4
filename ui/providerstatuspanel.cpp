#include "providerstatuspanel.h"

#include "providerstatusmodel.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

ProviderStatusPanel::ProviderStatusPanel(QAction *profilesAction, QWidget *parent)
    : QWidget(parent), m_model(new ProviderStatusModel(this)), m_view(new QTableView(this)),
      m_placeholder(new QLabel(this))
{
    setObjectName(u"providerStatusPanel"_s);
    m_model->setPalette(palette());
    m_view->setObjectName(u"providerStatusTable"_s);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Providers"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ProviderStatusModel::LastErrorColumn, QHeaderView::Stretch);

    m_placeholder->setObjectName(u"providerStatusPlaceholder"_s);
    m_placeholder->setText(tr("Open a storyboard to see its providers here."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_placeholder, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    auto *profiles = new QToolButton(this);
    profiles->setObjectName(u"openProviderProfiles"_s);
    profiles->setDefaultAction(profilesAction);
    profiles->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    buttons->addWidget(profiles);
    layout->addLayout(buttons);

    connect(m_model, &QAbstractItemModel::modelReset, this,
            &ProviderStatusPanel::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            &ProviderStatusPanel::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
            &ProviderStatusPanel::updatePlaceholder);
    updatePlaceholder();
}

void ProviderStatusPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    QWidget::changeEvent(event);
}

void ProviderStatusPanel::updatePlaceholder()
{
    const bool empty = m_model->rowCount() == 0;
    m_view->setVisible(!empty);
    m_placeholder->setVisible(empty);
}

} // namespace retake::ui
