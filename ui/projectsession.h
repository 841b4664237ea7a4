// What the main window knows of the open storyboard, shared by MainWindow and its
// controllers: OpenController fills it in, the window keeps the summary current, the
// others read it (RunController and the preferences dialog also change the preferences).
#pragma once

#include "domain/project.h"
#include "domain/task.h"
#include "preferences.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace retake::ui {

struct ProjectSession {
    Preferences preferences;
    Project project;
    QList<ProviderProfile> storyboardProfiles; // the storyboard's own, before merging
    QString path;
    QString workspaceDir;
    QStringList providerIds;
    BatchSummary summary;
    bool loaded = false;
    bool busy = false; // publishing or writing a report
};

} // namespace retake::ui
