// Edits Preferences: retries, backoff, concurrency, the Run confirmation, disk reserve,
// debug logging, desktop notifications and the language.
#pragma once

#include "domain/project.h"
#include "preferences.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
QT_END_NAMESPACE

namespace retake::ui {

class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)
public:
    // `projectRetry`: the open storyboard's own settings, shown while not overridden.
    PreferencesDialog(const Preferences &preferences, const RetrySettings &projectRetry,
                      QWidget *parent = nullptr);

    Preferences preferences() const;

private:
    void updateEnabled();

    Preferences m_initial;
    RetrySettings m_projectRetry;
    QCheckBox *m_override;
    QSpinBox *m_maxRetries;
    QDoubleSpinBox *m_baseDelay;
    QSpinBox *m_concurrency;
    QCheckBox *m_confirmRun;
    QSpinBox *m_diskReserve;
    QCheckBox *m_debug;
    QCheckBox *m_notify;
    QComboBox *m_language;
};

} // namespace retake::ui
