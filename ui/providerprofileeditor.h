// Adds or edits one of the user's provider profiles: id, kind, base URL, model, API key
// name, stages, maximum concurrency, cost per unit, timeouts and the hosts allowed plain
// http. Validation and saving belong to the core (ProviderProfileStore): the dialog
// hands the profile to `commit` and stays open, naming each bad field, until it passes.
#pragma once

#include "domain/project.h"
#include "providers/providerprofilestore.h"

#include <QDialog>

#include <functional>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace retake::ui {

class MessageBanner;

class ProviderProfileEditor final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderProfileEditor)
public:
    enum class Mode { Add, Edit };
    // Saves the profile; returns the problems that kept it from being saved.
    using Commit = std::function<QList<ProfileProblem>(const ProviderProfile &profile)>;

    ProviderProfileEditor(const ProviderProfile &profile, Mode mode, Commit commit,
                          QWidget *parent = nullptr);

    // The profile as the form shows it (fields the form does not show are kept).
    ProviderProfile profile() const;
    // The problems shown, one line each ("" when none).
    QString problemText() const;

    // The user's words for a field ("baseUrl" -> "Base URL") and for a problem.
    static QString fieldLabel(const QString &field);
    static QString describe(const ProfileProblem &problem);

public Q_SLOTS:
    void accept() override;

private:
    void showProblems(const QList<ProfileProblem> &problems);
    void updateForKind();
    QWidget *widgetFor(const QString &field) const;

    ProviderProfile m_initial;
    Commit m_commit;
    MessageBanner *m_problems;
    QLineEdit *m_id;
    QComboBox *m_kind;
    QLineEdit *m_baseUrl;
    QLineEdit *m_model;
    QLineEdit *m_keyRef;
    QComboBox *m_stages;
    QSpinBox *m_maxConcurrency;
    QDoubleSpinBox *m_cost;
    QDoubleSpinBox *m_connect;
    QDoubleSpinBox *m_firstByte;
    QDoubleSpinBox *m_total;
    QDoubleSpinBox *m_poll;
    QDoubleSpinBox *m_maxPoll;
    QDoubleSpinBox *m_job;
    QLineEdit *m_httpHosts;
};

} // namespace retake::ui
