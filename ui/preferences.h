// The user's preferences, kept in QSettings. Retry and disk settings are applied to the
// engine (Engine::setOptions on its thread) when a storyboard opens and when changed.
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
    // Prompts and raw provider details in the activity log, the engine's logs and the
    // reports. Off by default: prompts are private.
    bool debugLogging = false;
    // "" = follow the system locale; else "en", "de", "fr".
    QString language;

    static Preferences load();
    void save() const;
    void applyTo(EngineOptions &options) const;
};

} // namespace retake::ui
