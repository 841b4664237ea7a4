#include "util/datapaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

// packaging/CMakeLists.txt sets this from GNUInstallDirs (bin -> share/retake).
#ifndef RETAKE_BIN_TO_DATA_DIR
#define RETAKE_BIN_TO_DATA_DIR "../share/retake"
#endif

namespace retake {

namespace {

QString existingDirectory(const QString &path)
{
    const QFileInfo info(path);
    return info.isDir() ? QDir::cleanPath(info.absoluteFilePath()) : QString();
}

QString folderName(DataFolder folder)
{
    switch (folder) {
    case DataFolder::Examples:
        return u"examples"_s;
    case DataFolder::Schema:
        return u"schema"_s;
    case DataFolder::Translations:
        return u"translations"_s;
    }
    Q_UNREACHABLE();
}

} // namespace

QString dataDirectory()
{
    const QString override = qEnvironmentVariable("RETAKE_DATA_DIR");
    if (!override.isEmpty()) {
        if (QString dir = existingDirectory(override); !dir.isEmpty())
            return dir;
    }
    if (QCoreApplication::instance()) {
        QString dir = dataDirectoryForBinDirectory(QCoreApplication::applicationDirPath());
        if (!dir.isEmpty())
            return dir;
    }
    return QStandardPaths::locate(QStandardPaths::GenericDataLocation, u"retake"_s,
                                  QStandardPaths::LocateDirectory);
}

QString dataDirectoryForBinDirectory(const QString &binDirectory)
{
    const QDir bin(binDirectory);
    // The configured layout first, then the default one, which the build tree mirrors.
    for (const QString &relative : {QStringLiteral(RETAKE_BIN_TO_DATA_DIR), u"../share/retake"_s}) {
        if (QString dir = existingDirectory(bin.filePath(relative)); !dir.isEmpty())
            return dir;
    }
    return {};
}

QString dataDirectory(DataFolder folder)
{
    const QString root = dataDirectory();
    if (root.isEmpty())
        return {};
    return existingDirectory(QDir(root).filePath(folderName(folder)));
}

QString demoStoryboardPath()
{
    const QString examples = dataDirectory(DataFolder::Examples);
    if (examples.isEmpty())
        return {};
    const QString path = QDir(examples).filePath(u"demo.retake.json"_s);
    return QFileInfo(path).isFile() ? path : QString();
}

} // namespace retake
