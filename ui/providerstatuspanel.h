// The "Providers" panel of the main window: the engine's live state per provider
// (ProviderStatusModel) in a table, and a button to the provider profiles.
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QTableView;
QT_END_NAMESPACE

namespace retake::ui {

class ProviderStatusModel;

class ProviderStatusPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderStatusPanel)
public:
    // `profilesAction` opens the provider profiles dialog.
    explicit ProviderStatusPanel(QAction *profilesAction, QWidget *parent = nullptr);

    ProviderStatusModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updatePlaceholder();

    ProviderStatusModel *m_model;
    QTableView *m_view;
    QLabel *m_placeholder;
};

} // namespace retake::ui
