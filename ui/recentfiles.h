// The most recently opened storyboards, newest first, kept in QSettings.
#pragma once

#include <QStringList>

namespace retake::ui {

class RecentFiles final
{
public:
    static constexpr int kMaxEntries = 10;

    RecentFiles() = delete;
    static QStringList list();
    static void add(const QString &path);
    static void remove(const QString &path);
    static void clear();
};

} // namespace retake::ui
