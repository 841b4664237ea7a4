#include "recentfiles.h"

#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {
const QString kKey = u"recentFiles"_s;
} // namespace

QStringList RecentFiles::list()
{
    return QSettings().value(kKey).toStringList();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = list();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxEntries)
        files.removeLast();
    QSettings().setValue(kKey, files);
}

void RecentFiles::remove(const QString &path)
{
    QStringList files = list();
    files.removeAll(QFileInfo(path).absoluteFilePath());
    QSettings().setValue(kKey, files);
}

void RecentFiles::clear()
{
    QSettings().remove(kKey);
}

} // namespace retake::ui
