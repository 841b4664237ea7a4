#include "settingscontroller.h"

#include "enginecontroller.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "projectsession.h"
#include "providerprofilesdialog.h"

namespace retake::ui {

SettingsController::SettingsController(ProjectSession *session, EngineController *engine,
                                       QWidget *window)
    : QObject(window), m_session(session), m_engine(engine)
{
}

QWidget *SettingsController::window() const
{
    return qobject_cast<QWidget *>(parent());
}

void SettingsController::showPreferences()
{
    auto *dialog =
        new PreferencesDialog(m_session->preferences, m_session->project.retry, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Preferences before = m_session->preferences;
        m_session->preferences = dialog->preferences();
        m_session->preferences.save();
        applyPreferences();
        if (before.language != m_session->preferences.language)
            Q_EMIT statusMessage(MainWindow::tr("The new language takes effect when Retake "
                                                "starts again."));
    });
    dialog->open();
}

void SettingsController::applyPreferences()
{
    const Preferences preferences = m_session->preferences;
    if (m_engine->isWatching()) {
        Q_EMIT logLine(MainWindow::tr("Preferences saved; %1 runs this batch with its own, "
                                      "yours apply when this window runs it.")
                           .arg(m_engine->watchedOwner().describe()));
        return;
    }
    const RetrySettings projectRetry = m_session->project.retry;
    m_engine->changeOptions([preferences, projectRetry](EngineOptions &options) {
        if (!preferences.overrideRetry) {
            options.retry.maxRetries = projectRetry.maxRetries;
            options.retry.baseDelayMs = projectRetry.baseDelayMs;
        }
        preferences.applyTo(options);
    });
    Q_EMIT logLine(
        MainWindow::tr("Preferences applied: %n automatic retries, backoff from %1 s, keep %2 "
                       "MB free.",
                       nullptr,
                       preferences.overrideRetry ? preferences.maxRetries : projectRetry.maxRetries)
            .arg((preferences.overrideRetry ? preferences.baseDelayMs : projectRetry.baseDelayMs) /
                 1000.0)
            .arg(preferences.diskReserveMb));
    if (preferences.concurrencyCap > 0)
        Q_EMIT logLine(MainWindow::tr("At most %n request(s) in flight per provider.", nullptr,
                                      preferences.concurrencyCap));
}

void SettingsController::showProviderProfiles()
{
    if (auto *open = window()->findChild<ProviderProfilesDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    const bool loaded = m_session->loaded;
    auto *dialog = new ProviderProfilesDialog(
        loaded ? m_session->path : QString(),
        loaded ? m_session->storyboardProfiles : QList<ProviderProfile>(), window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProviderProfilesDialog::profileSaved, this, [this](const QString &id) {
        Q_EMIT logLine(MainWindow::tr("You saved the provider profile %1; it is used from the "
                                      "next storyboard you open.")
                           .arg(id));
    });
    connect(dialog, &ProviderProfilesDialog::profileRemoved, this, [this](const QString &id) {
        Q_EMIT logLine(MainWindow::tr("You removed the provider profile %1.").arg(id));
    });
    dialog->open();
}

} // namespace retake::ui
