#include "switchproviderdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

SwitchProviderDialog::SwitchProviderDialog(const QStringList &providerIds, const Project &project,
                                           const QStringList &selectedTaskIds, int failedCount,
                                           Scope scope, QWidget *parent)
    : QDialog(parent), m_selected(selectedTaskIds), m_providers(new QListWidget(this)),
      m_selection(new QRadioButton(this)), m_allFailed(new QRadioButton(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"switchProviderDialog"_s);
    setWindowTitle(tr("Switch provider"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Re-run tasks on another provider. Their retry budget starts "
                                "again; finished work of other tasks is not touched."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_selection->setObjectName(u"scopeSelection"_s);
    m_selection->setText(selectedTaskIds.size() == 1
                             ? tr("The selected task: %1").arg(selectedTaskIds.constFirst())
                             : tr("The %n selected task(s)", nullptr, int(selectedTaskIds.size())));
    m_selection->setEnabled(!selectedTaskIds.isEmpty());
    m_allFailed->setObjectName(u"scopeAllFailed"_s);
    m_allFailed->setText(
        tr("All %n failed task(s), and the tasks waiting for them", nullptr, failedCount));
    m_allFailed->setEnabled(failedCount > 0);
    layout->addWidget(m_selection);
    layout->addWidget(m_allFailed);

    layout->addWidget(new QLabel(tr("Provider:"), this));
    m_providers->setObjectName(u"providerList"_s);
    for (const QString &id : providerIds) {
        QString description;
        if (const ProviderProfile *profile = project.provider(id)) {
            description = profile->model.isEmpty()
                              ? tr("%1 (%2)", "provider id (kind)").arg(id, profile->kind)
                              : tr("%1 (%2, model %3)", "provider id (kind, model)")
                                    .arg(id, profile->kind, profile->model);
        } else if (id == QString::fromUtf16(kBuiltinProviderId)) {
            description = tr("%1 (built-in offline renderer, always available)").arg(id);
        } else {
            description = id;
        }
        auto *item = new QListWidgetItem(description, m_providers);
        item->setData(Qt::UserRole, id);
    }
    layout->addWidget(m_providers, 1);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Re-run"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_providers, &QListWidget::currentRowChanged, this, &SwitchProviderDialog::updateOk);
    connect(m_providers, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(m_selection, &QRadioButton::toggled, this, &SwitchProviderDialog::updateOk);
    connect(m_allFailed, &QRadioButton::toggled, this, &SwitchProviderDialog::updateOk);
    setScope(scope);
    updateOk();
    resize(460, 340);
}

QString SwitchProviderDialog::providerId() const
{
    const QListWidgetItem *item = m_providers->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void SwitchProviderDialog::setProviderId(const QString &id)
{
    for (int i = 0; i < m_providers->count(); ++i) {
        if (m_providers->item(i)->data(Qt::UserRole).toString() == id)
            m_providers->setCurrentRow(i);
    }
}

SwitchProviderDialog::Scope SwitchProviderDialog::scope() const
{
    return m_allFailed->isChecked() ? Scope::AllFailed : Scope::Selection;
}

void SwitchProviderDialog::setScope(Scope scope)
{
    // All failed only when asked for and possible; the selection otherwise.
    const bool allFailed = scope != Scope::Selection || !m_selection->isEnabled();
    if (allFailed && m_allFailed->isEnabled())
        m_allFailed->setChecked(true);
    else
        m_selection->setChecked(true);
}

void SwitchProviderDialog::updateOk()
{
    const bool scopeOk = (m_selection->isChecked() && m_selection->isEnabled()) ||
                         (m_allFailed->isChecked() && m_allFailed->isEnabled());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(scopeOk && !providerId().isEmpty());
}

} // namespace retake::ui
