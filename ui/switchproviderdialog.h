// Chooses a provider to re-run tasks on: the selected tasks or every failed task.
#pragma once

#include "domain/project.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QListWidget;
class QRadioButton;
class QDialogButtonBox;
QT_END_NAMESPACE

namespace retake::ui {

class SwitchProviderDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SwitchProviderDialog)
public:
    enum class Scope { Selection, AllFailed };
    Q_ENUM(Scope)

    // `selectedTaskIds` may be empty (then only "all failed" is offered); `failedCount`
    // is the number of failed tasks right now.
    SwitchProviderDialog(const QStringList &providerIds, const Project &project,
                         const QStringList &selectedTaskIds, int failedCount, Scope scope,
                         QWidget *parent = nullptr);

    QString providerId() const;
    void setProviderId(const QString &id);
    Scope scope() const;
    void setScope(Scope scope);
    QStringList selectedTaskIds() const { return m_selected; }

private:
    void updateOk();

    QStringList m_selected;
    QListWidget *m_providers;
    QRadioButton *m_selection;
    QRadioButton *m_allFailed;
    QDialogButtonBox *m_buttons;
};

} // namespace retake::ui
