#include "workspace.h"

#include "domain/taskid.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <qplatformdefs.h>

using namespace Qt::StringLiterals;

namespace retake {

Workspace::Workspace(const QString &root) : m_root(QDir::cleanPath(QDir(root).absolutePath()))
{
}

QString Workspace::forStoryboard(const QString &storyboardPath)
{
    const QFileInfo info(storyboardPath);
    QString name = info.fileName();
    for (const QString &suffix : {u".retake.json"_s, u".json"_s, u".csv"_s}) {
        if (name.endsWith(suffix, Qt::CaseInsensitive)) {
            name.chop(suffix.size());
            break;
        }
    }
    return info.absoluteDir().filePath(name + u".retake"_s);
}

QString Workspace::flatTaskId(const QString &taskId)
{
    return TaskId::flat(taskId);
}

QString Workspace::path(const QString &relative) const
{
    return QDir::cleanPath(m_root + u'/' + relative);
}

QString Workspace::relativePath(const QString &absolute) const
{
    return QDir(m_root).relativeFilePath(absolute);
}

bool Workspace::contains(const QString &absolute) const
{
    return containsIn(QString(), absolute);
}

bool Workspace::containsIn(const QString &folder, const QString &absolute) const
{
    // Resolve the deepest existing ancestor, so a symlink anywhere on the way counts.
    QFileInfo info(QDir::cleanPath(absolute));
    QString suffix;
    while (!info.exists() && !info.isSymLink()) {
        suffix = info.fileName() + (suffix.isEmpty() ? QString() : u'/' + suffix);
        const QString parent = info.absolutePath();
        if (parent == info.absoluteFilePath())
            return false;
        info = QFileInfo(parent);
    }
    const QString canonicalRoot = canonicalFolder(folder);
    QString resolved = info.canonicalFilePath();
    if (resolved.isEmpty() || canonicalRoot.isEmpty())
        return false;
    if (!suffix.isEmpty())
        resolved = QDir::cleanPath(resolved + u'/' + suffix);
    return resolved == canonicalRoot || resolved.startsWith(canonicalRoot + u'/');
}

QString Workspace::canonicalFolder(const QString &folder) const
{
    auto it = m_canonicalFolders.constFind(folder);
    if (it != m_canonicalFolders.cend())
        return it.value();
    QString canonical = QFileInfo(path(folder)).canonicalFilePath();
    if (!canonical.isEmpty()) // a folder made later is resolved when it exists
        m_canonicalFolders.insert(folder, canonical);
    return canonical;
}

QString Workspace::confined(const QString &stored, const QString &folder) const
{
    if (stored.isEmpty())
        return {};
    const QString absolute = QDir::isAbsolutePath(stored) ? QDir::cleanPath(stored) : path(stored);
    return containsIn(folder, absolute) ? absolute : QString();
}

QString Workspace::confinedByName(const QString &stored, const QString &folder) const
{
    if (stored.isEmpty())
        return {};
    const QString absolute = QDir::isAbsolutePath(stored) ? QDir::cleanPath(stored) : path(stored);
    const QString inside = path(folder) + u'/';
    return absolute.startsWith(inside) ? absolute : QString();
}

QString Workspace::resolvedFolder(const QString &dir, ResolvedFolders *resolved) const
{
    if (const auto it = resolved->constFind(dir); it != resolved->cend())
        return it.value();
    // A folder that is no symlink resolves to its resolved parent plus its name: one lstat
    // per folder instead of a realpath (a readlink per component) per file.
    QString canonical;
    const QString parent = QFileInfo(dir).path();
    QT_STATBUF status;
    if (parent != dir && QT_LSTAT(QFile::encodeName(dir).constData(), &status) == 0 &&
        S_ISDIR(status.st_mode)) {
        const QString canonicalParent = resolvedFolder(parent, resolved);
        if (!canonicalParent.isEmpty())
            canonical = (canonicalParent == u"/"_s ? QString() : canonicalParent) + u'/' +
                        QFileInfo(dir).fileName();
    } else {
        canonical = QFileInfo(dir).canonicalFilePath();
    }
    resolved->insert(dir, canonical);
    return canonical;
}

QString Workspace::existingConfined(const QString &stored, const QString &folder,
                                    ResolvedFolders *resolved) const
{
    if (stored.isEmpty())
        return {};
    const QString absolute = QDir::isAbsolutePath(stored) ? QDir::cleanPath(stored) : path(stored);
    QT_STATBUF status;
    if (QT_LSTAT(QFile::encodeName(absolute).constData(), &status) != 0)
        return {}; // missing
    if (S_ISLNK(status.st_mode))
        return QFileInfo::exists(absolute) ? confined(stored, folder) : QString(); // in full
    const QString canonicalRoot = canonicalFolder(folder);
    const QString parent = resolvedFolder(QFileInfo(absolute).path(), resolved);
    if (parent.isEmpty() || canonicalRoot.isEmpty())
        return {};
    const QString file = parent + u'/' + QFileInfo(absolute).fileName();
    return file.startsWith(canonicalRoot + u'/') ? absolute : QString();
}

bool Workspace::isOutputName(const QString &absolute) const
{
    static const QRegularExpression pattern = [] {
        QStringList stages;
        for (Stage stage : {Stage::Image, Stage::Video, Stage::Audio, Stage::Assembly})
            stages << nameOf(stage);
        // Scene and shot ids as the storyboard loader accepts them (StoryboardLoader::idProblem).
        return QRegularExpression(u"^(?:[A-Za-z0-9][A-Za-z0-9_-]*/){1,2}(?:%1)\\.a[1-9][0-9]*"
                                  u"\\.[A-Za-z0-9]+$"_s.arg(stages.join(u'|')));
    }();
    const QString draft = draftDir() + u'/';
    const QString clean = QDir::cleanPath(absolute);
    return clean.startsWith(draft) && pattern.match(clean.mid(draft.size())).hasMatch();
}

bool Workspace::ensureLayout(QString *error) const
{
    for (const QString &sub :
         {u"draft"_s, u"_failed"_s, u"_untrusted"_s, u"logs"_s, u"reports"_s}) {
        if (!QDir().mkpath(path(sub))) {
            if (error)
                *error = u"%1: cannot create folder; check that the location is writable"_s.arg(
                    path(sub));
            return false;
        }
    }
    return true;
}

QString Workspace::stagingSlotDir(int slot) const
{
    return path(u"draft/.staging/slot-%1"_s.arg(slot));
}

QString Workspace::outputPath(const QString &sceneId, const QString &shotId, Stage stage,
                              int attempt, const QString &suffix) const
{
    return path(
        u"draft/%1/%2/%3.a%4.%5"_s.arg(sceneId, shotId, nameOf(stage)).arg(attempt).arg(suffix));
}

QString Workspace::failedAttemptDir(const QString &taskId, int attempt) const
{
    return path(u"_failed/%1/attempt-%2"_s.arg(flatTaskId(taskId)).arg(attempt));
}

QString Workspace::untrustedDir(const QString &taskId) const
{
    return path(u"_untrusted/%1"_s.arg(flatTaskId(taskId)));
}

bool Workspace::moveDirContents(const QString &fromDir, const QString &toDir, QString *error) const
{
    // No folder (an attempt that failed before it had one) is not QDir's "current directory".
    if (fromDir.isEmpty())
        return true;
    QDir from(fromDir);
    if (!from.exists())
        return true;
    if (!QDir().mkpath(toDir)) {
        if (error)
            *error = u"%1: cannot create folder"_s.arg(toDir);
        return false;
    }
    bool ok = true;
    const QFileInfoList entries =
        from.entryInfoList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System);
    for (const QFileInfo &entry : entries) {
        const QString target = QDir(toDir).filePath(entry.fileName());
        QFile::remove(target);
        if (!QFile::rename(entry.absoluteFilePath(), target)) {
            ok = false;
            if (error)
                *error = u"%1: cannot move to %2"_s.arg(entry.absoluteFilePath(), target);
        }
    }
    if (ok)
        from.removeRecursively();
    return ok;
}

bool Workspace::writeJson(const QString &path, const QJsonObject &object, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = u"%1: %2"_s.arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = u"%1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

QString Workspace::formatErrorLogEntry(const ErrorLogEntry &e)
{
    const QString rule(44, u'=');
    QString errorType = nameOf(e.errorClass);
    if (e.httpStatus > 0)
        errorType += u" (HTTP %1)"_s.arg(e.httpStatus);
    QString provider = e.providerId;
    if (!e.model.isEmpty())
        provider += u" (model %1)"_s.arg(e.model);
    QString block;
    block += rule + u'\n' + u"ERROR REPORT\n"_s + rule + u'\n';
    block += u"Timestamp: %1\n"_s.arg(e.timestamp.toUTC().toString(Qt::ISODate));
    block += u"Task: %1   Stage: %2   Provider: %3\n"_s.arg(e.taskId, nameOf(e.stage), provider);
    block += u"Attempt: %1/%2   Rung: %3\n"_s.arg(e.attempt).arg(e.maxAttempts).arg(nameOf(e.rung));
    block += u"Status: %1\n"_s.arg(e.willRetry ? u"RETRYING"_s : u"FAILED"_s);
    block += u"Error Type: %1\n"_s.arg(errorType);
    block += u"Error Message: %1\n"_s.arg(e.message);
    if (!e.archivedTo.isEmpty())
        block += u"Failed Artifacts Moved To: %1\n"_s.arg(e.archivedTo);
    block += u"Recommended Action: %1\n"_s.arg(recommendedAction(e.errorClass));
    if (!e.debugDetail.isEmpty())
        block += u"Debug: %1\n"_s.arg(e.debugDetail);
    block += rule + u'\n';
    return block;
}

bool Workspace::appendErrorLog(const ErrorLogEntry &entry, QString *error) const
{
    QDir().mkpath(QFileInfo(errorLogPath()).absolutePath());
    QFile file(errorLogPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        if (error)
            *error = u"%1: %2"_s.arg(errorLogPath(), file.errorString());
        return false;
    }
    const QByteArray bytes = formatErrorLogEntry(entry).toUtf8();
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        if (error)
            *error = u"%1: %2"_s.arg(errorLogPath(), file.errorString());
        return false;
    }
    return true;
}

} // namespace retake
