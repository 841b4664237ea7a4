#include "preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

PreferencesDialog::PreferencesDialog(const Preferences &preferences,
                                     const RetrySettings &projectRetry, QWidget *parent)
    : QDialog(parent), m_initial(preferences), m_projectRetry(projectRetry),
      m_override(new QCheckBox(this)), m_maxRetries(new QSpinBox(this)),
      m_baseDelay(new QDoubleSpinBox(this)), m_concurrency(new QSpinBox(this)),
      m_confirmRun(new QCheckBox(this)), m_diskReserve(new QSpinBox(this)),
      m_debug(new QCheckBox(this)), m_notify(new QCheckBox(this)), m_language(new QComboBox(this))
{
    setObjectName(u"preferencesDialog"_s);
    setWindowTitle(tr("Preferences"));
    auto *layout = new QVBoxLayout(this);

    auto *retryBox = new QGroupBox(tr("Automatic retries"), this);
    auto *retryForm = new QFormLayout(retryBox);
    m_override->setObjectName(u"overrideRetry"_s);
    m_override->setText(tr("Use these settings instead of the storyboard's"));
    retryForm->addRow(m_override);
    m_maxRetries->setObjectName(u"maxRetries"_s);
    m_maxRetries->setRange(0, 10);
    m_maxRetries->setToolTip(tr("Automatic retries per task and run, after the first attempt"));
    retryForm->addRow(tr("Retries per task:"), m_maxRetries);
    m_baseDelay->setObjectName(u"baseDelay"_s);
    m_baseDelay->setRange(0.01, 600.0);
    m_baseDelay->setDecimals(2);
    m_baseDelay->setSuffix(tr(" s", "seconds suffix"));
    m_baseDelay->setToolTip(tr("Wait before the first retry; it doubles for each further "
                               "retry (with ±20 % jitter)"));
    retryForm->addRow(tr("Backoff base:"), m_baseDelay);
    layout->addWidget(retryBox);

    auto *runBox = new QGroupBox(tr("Running"), this);
    auto *runForm = new QFormLayout(runBox);
    m_concurrency->setObjectName(u"concurrencyCap"_s);
    m_concurrency->setRange(0, 256);
    m_concurrency->setSpecialValueText(tr("As in the provider profiles"));
    m_concurrency->setToolTip(tr("At most this many requests in flight per provider. Lowers "
                                 "the limit of a provider's profile, never raises it; Retake "
                                 "still lowers it further by itself when a provider "
                                 "rate-limits."));
    runForm->addRow(tr("Parallel requests per provider:"), m_concurrency);
    m_confirmRun->setObjectName(u"confirmRun"_s);
    m_confirmRun->setText(tr("Show the estimate and ask for a budget cap before each run"));
    runForm->addRow(m_confirmRun);
    layout->addWidget(runBox);

    auto *diskBox = new QGroupBox(tr("Disk"), this);
    auto *diskForm = new QFormLayout(diskBox);
    m_diskReserve->setObjectName(u"diskReserve"_s);
    m_diskReserve->setRange(0, 1024 * 1024);
    m_diskReserve->setSuffix(tr(" MB", "megabytes suffix"));
    m_diskReserve->setToolTip(tr("Retake pauses before the free space falls below this"));
    diskForm->addRow(tr("Keep free:"), m_diskReserve);
    layout->addWidget(diskBox);

    auto *otherBox = new QGroupBox(tr("Other"), this);
    auto *otherForm = new QFormLayout(otherBox);
    m_debug->setObjectName(u"debugLogging"_s);
    m_debug->setText(tr("Debug logging: record every attempt's parameters, prompts "
                        "included, in the activity log"));
    otherForm->addRow(m_debug);
    m_notify->setObjectName(u"desktopNotifications"_s);
    m_notify->setText(tr("Tell the desktop when a batch ends or needs you while Retake is "
                         "not the window in front"));
    otherForm->addRow(m_notify);
    m_language->setObjectName(u"language"_s);
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Deutsch"_s, u"de"_s);
    m_language->addItem(u"Français"_s, u"fr"_s);
    otherForm->addRow(tr("Language:"), m_language);
    auto *restart =
        new QLabel(tr("A new language takes effect the next time Retake starts."), otherBox);
    restart->setWordWrap(true);
    otherForm->addRow(restart);
    layout->addWidget(otherBox);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_override->setChecked(preferences.overrideRetry);
    m_maxRetries->setValue(preferences.overrideRetry ? preferences.maxRetries
                                                     : projectRetry.maxRetries);
    m_baseDelay->setValue(
        (preferences.overrideRetry ? preferences.baseDelayMs : projectRetry.baseDelayMs) / 1000.0);
    m_concurrency->setValue(preferences.concurrencyCap);
    m_confirmRun->setChecked(preferences.confirmRun);
    m_diskReserve->setValue(int(preferences.diskReserveMb));
    m_debug->setChecked(preferences.debugLogging);
    m_notify->setChecked(preferences.desktopNotifications);
    m_language->setCurrentIndex(std::max(0, m_language->findData(preferences.language)));
    connect(m_override, &QCheckBox::toggled, this, &PreferencesDialog::updateEnabled);
    updateEnabled();
}

void PreferencesDialog::updateEnabled()
{
    m_maxRetries->setEnabled(m_override->isChecked());
    m_baseDelay->setEnabled(m_override->isChecked());
    if (!m_override->isChecked()) {
        m_maxRetries->setValue(m_projectRetry.maxRetries);
        m_baseDelay->setValue(m_projectRetry.baseDelayMs / 1000.0);
    }
}

Preferences PreferencesDialog::preferences() const
{
    Preferences p = m_initial;
    p.overrideRetry = m_override->isChecked();
    if (p.overrideRetry) {
        p.maxRetries = m_maxRetries->value();
        p.baseDelayMs = int(qRound(m_baseDelay->value() * 1000.0));
    }
    p.concurrencyCap = m_concurrency->value();
    p.confirmRun = m_confirmRun->isChecked();
    p.diskReserveMb = m_diskReserve->value();
    p.debugLogging = m_debug->isChecked();
    p.desktopNotifications = m_notify->isChecked();
    p.language = m_language->currentData().toString();
    return p;
}

} // namespace retake::ui
