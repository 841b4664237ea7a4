// The user's preferences, kept in QSettings. Retry, disk, concurrency and logging settings
// are applied to the engine (Engine::setOptions on its thread) when a storyboard opens and
// when changed.
#pragma once

#include "engine/engine.h"

#include <QString>

namespace retake::ui {

struct Preferences {
    // Use these retry settings instead of the storyboard's own.
    bool overrideRetry = false;
    int maxRetries = 3;
    int baseDelayMs = 2000;
    qint64 diskReserveMb = 500;
    // At most this many requests in flight per provider; 0 = as each provider profile says.
    int concurrencyCap = 0;
    // Run shows the estimate and asks for the run's budget cap first.
    bool confirmRun = true;
    // The budget cap last chosen for a run (cost units, 0 = none): the Run confirmation's
    // initial value, and the cap of runs started without asking.
    double runBudgetCap = 0.0;
    // Prompts and raw provider details in the activity log, the engine's logs and the
    // reports. Off by default: prompts are private.
    bool debugLogging = false;
    // A batch that ends or needs the user tells the desktop (a notification) when the
    // window is not the one the user looks at.
    bool desktopNotifications = true;
    // "" = follow the system locale; else "en", "de", "fr".
    QString language;

    static Preferences load();
    void save() const;
    void applyTo(EngineOptions &options) const;
};

} // namespace retake::ui
