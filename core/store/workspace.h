// The workspace folder beside a storyboard (docs/ARCHITECTURE.md, "State and workspace"): draft/,
// _failed/, _untrusted/, logs/, reports/, state.sqlite. Paths, atomic file operations, the failure
// archive and the error log. Never writes outside its root.
#pragma once

#include "domain/types.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace retake {

// One block of logs/error.log.
struct ErrorLogEntry {
    QDateTime timestamp;
    QString taskId;
    Stage stage = Stage::Image;
    QString providerId;
    QString model;
    int attempt = 0;
    int maxAttempts = 0;
    RungKind rung = RungKind::Primary;
    bool willRetry = false; // RETRYING or FAILED
    ErrorClass errorClass = ErrorClass::None;
    int httpStatus = 0;
    QString message;
    QString archivedTo;  // relative path, empty when nothing was archived
    QString debugDetail; // prompts and raw provider detail: only with debug logging on
};

class Workspace final
{
public:
    Workspace() = default;
    explicit Workspace(const QString &root);

    // "<dir>/<name>.retake" for "<dir>/<name>.retake.json" (or any other extension).
    static QString forStoryboard(const QString &storyboardPath);
    // "s01-sh03/video" -> "s01-sh03-video": a task id as one folder name.
    static QString flatTaskId(const QString &taskId);

    QString root() const { return m_root; }
    QString path(const QString &relative) const;
    QString relativePath(const QString &absolute) const;
    // True when `absolute` (after resolving symlinks of its existing part) is inside root.
    bool contains(const QString &absolute) const;
    // True when `absolute` (after resolving symlinks of its existing part) is inside `folder`,
    // a folder of the workspace given relative to root ("draft", "checkpoints").
    bool containsIn(const QString &folder, const QString &absolute) const;
    // A path read back from state, a checkpoint or a manifest (relative to root, or absolute)
    // as an absolute path when it resolves inside `folder`; empty when it leads out of it.
    QString confined(const QString &stored, const QString &folder) const;
    // confined() by the path's name alone: inside `folder` once "." and ".." are resolved,
    // no symlink followed and no file looked at. For showing a stored path, never for
    // opening what it names.
    QString confinedByName(const QString &stored, const QString &folder) const;
    // Folders resolved by earlier calls of existingConfined() during one read of the state.
    using ResolvedFolders = QHash<QString, QString>;
    // confined() for a stored path whose file exists, for reading many of them at once: the
    // folder holding the file is resolved once per `resolved` (the outputs of a shot share
    // it), then only the file itself is looked at. Empty when the file does not exist or is
    // outside `folder` (then confined() tells which). Keep `resolved` for one read only.
    QString existingConfined(const QString &stored, const QString &folder,
                             ResolvedFolders *resolved) const;
    // True when `absolute` is named as Retake names its outputs (outputPath):
    // draft/<scene>/<shot>/<stage>.a<N>.<ext> or draft/<scene>/<stage>.a<N>.<ext>.
    bool isOutputName(const QString &absolute) const;

    bool ensureLayout(QString *error) const;

    QString draftDir() const { return path(QStringLiteral("draft")); }
    // draft/.staging/slot-<N>: the staging folder of attempt slot N. An attempt in flight
    // stages its outputs in a slot; the slot is emptied and reused by a later attempt, not
    // made and removed for each one (docs/ARCHITECTURE.md, "Threads": staging slots).
    QString stagingSlotDir(int slot) const;
    // draft/<scene>/<shot>/<stage>.a<N>.<suffix>
    QString outputPath(const QString &sceneId, const QString &shotId, Stage stage, int attempt,
                       const QString &suffix) const;
    // _failed/<task>/attempt-N
    QString failedAttemptDir(const QString &taskId, int attempt) const;
    QString untrustedDir(const QString &taskId) const;
    QString errorLogPath() const { return path(QStringLiteral("logs/error.log")); }

    // Moves every file of `fromDir` into `toDir` (created), then removes `fromDir`.
    bool moveDirContents(const QString &fromDir, const QString &toDir, QString *error) const;
    // Writes JSON atomically (QSaveFile).
    static bool writeJson(const QString &path, const QJsonObject &object, QString *error);
    // Appends one block to logs/error.log and flushes it.
    bool appendErrorLog(const ErrorLogEntry &entry, QString *error) const;
    static QString formatErrorLogEntry(const ErrorLogEntry &entry);

private:
    QString canonicalFolder(const QString &folder) const;
    // `dir` (absolute, clean) with symlinks resolved, remembered in `resolved`.
    QString resolvedFolder(const QString &dir, ResolvedFolders *resolved) const;

    QString m_root;
    // Canonical paths of the workspace's folders, resolved once: confining the outputs of
    // 20,000 tasks on open resolves each output, not the root again each time.
    mutable QHash<QString, QString> m_canonicalFolders;
};

} // namespace retake
