#include "checkpoints.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

QString Checkpoints::countsJson() const
{
    QJsonObject counts;
    for (auto it = m_tasks.counts().cbegin(); it != m_tasks.counts().cend(); ++it) {
        if (it.value() > 0)
            counts.insert(nameOf(it.key()), it.value());
    }
    return QString::fromUtf8(QJsonDocument(counts).toJson(QJsonDocument::Compact));
}

CheckpointInfo Checkpoints::create(const QString &reason, QString *error)
{
    m_journal.persistAll();
    return announce(m_store.createCheckpoint(reason, countsJson(), error), reason, error);
}

CheckpointInfo Checkpoints::announce(const CheckpointInfo &info, const QString &reason,
                                     const QString *error)
{
    if (!info.id.isEmpty()) {
        //: %1 is the checkpoint's id, %2 why it was made (in English, e.g. "manual").
        m_callbacks.log(QCoreApplication::translate("retake::Engine", "Checkpoint %1 (%2).")
                            .arg(info.id, reason));
        m_callbacks.created(info);
    } else if (error) {
        //: %1 is why it was to be made (in English), %2 the error.
        m_callbacks.log(
            QCoreApplication::translate("retake::Engine", "Could not create a checkpoint (%1): %2")
                .arg(reason, *error));
    }
    return info;
}

void Checkpoints::recover()
{
    m_dropped.clear();
    for (const CheckpointInfo &info :
         m_store.recoverCheckpoints(m_workspace.path(u"checkpoints"_s))) {
        m_dropped.insert(info.id, info.file);
        m_callbacks.log(QCoreApplication::translate(
                            "retake::Engine",
                            "Checkpoint %1 was removed from the list: its file %2 is missing (it "
                            "was interrupted while being written, or deleted).")
                            .arg(info.id, info.file));
    }
}

QList<StoredTask> Checkpoints::restore(const QString &id, QString *undoId, QString *error)
{
    QString file;
    bool known = false;
    for (const CheckpointInfo &info : m_store.checkpoints()) {
        if (info.id == id) {
            known = true;
            // An older Retake's checkpoint is a copy of the file; from schema 6 on, rows.
            file =
                info.file.isEmpty() ? QString() : m_workspace.confined(info.file, u"checkpoints"_s);
            if (!info.file.isEmpty() && file.isEmpty()) {
                *error = QCoreApplication::translate(
                             "retake::Engine",
                             "checkpoint %1 names a file outside the workspace's checkpoints/ "
                             "folder; it was not read. Restore another checkpoint (retake-cli "
                             "checkpoint list shows them)")
                             .arg(id);
                return {};
            }
        }
    }
    if (!known && m_dropped.contains(id)) {
        *error = QCoreApplication::translate(
                     "retake::Engine",
                     "checkpoint %1 cannot be restored: its file %2 is gone (it was interrupted "
                     "while being written, or deleted), so it was removed from the list; pick "
                     "another one from retake-cli checkpoint list")
                     .arg(id, m_dropped.value(id));
        return {};
    }
    if (!known) {
        *error = QCoreApplication::translate(
                     "retake::Engine",
                     "there is no checkpoint \"%1\" (retake-cli checkpoint list shows them)")
                     .arg(id);
        return {};
    }
    QString why;
    QList<StoredTask> fromFile;
    if (!file.isEmpty()) {
        fromFile = StateStore::loadTasksFrom(file, &why);
        if (fromFile.isEmpty()) {
            *error =
                QCoreApplication::translate("retake::Engine", "checkpoint %1 cannot be read: %2")
                    .arg(id, why);
            return {};
        }
    }
    // A restore can be undone: the state before it is a checkpoint too, made in the same
    // transaction that puts the checkpoint's rows back (docs/ARCHITECTURE.md).
    m_journal.persistAll();
    const QString reason = CheckpointReason::beforeRestore(id);
    const CheckpointInfo undo = m_store.restoreCheckpoint(id, file.isEmpty() ? nullptr : &fromFile,
                                                          reason, countsJson(), &why);
    if (undo.id.isEmpty()) {
        *error =
            QCoreApplication::translate("retake::Engine", "could not restore checkpoint %1: %2")
                .arg(id, why);
        return {};
    }
    announce(undo, reason, nullptr);
    *undoId = undo.id;
    return m_store.loadTasks();
}

int Checkpoints::discardUnreferenced(bool dropCheckpoints, qint64 *bytesFreed, QString *error)
{
    const QString draft = m_workspace.draftDir();
    if (QFileInfo(draft).isSymLink() && !m_workspace.contains(draft)) {
        // Never follow a link out of the workspace.
        if (error)
            *error = QCoreApplication::translate(
                         "retake::Engine",
                         "draft/ is a link to %1, outside the workspace; nothing was deleted. "
                         "Replace the link with a folder of the workspace, then discard again.")
                         .arg(QFileInfo(draft).symLinkTarget());
        return -1;
    }
    if (dropCheckpoints) {
        for (const CheckpointInfo &info : m_store.checkpoints())
            m_store.removeCheckpoint(info.id, error);
    }
    QSet<QString> keep;
    for (const TaskRecord &t : m_tasks.all()) {
        if (!t.snap.outputPath.isEmpty())
            keep.insert(QFileInfo(t.snap.outputPath).absoluteFilePath());
        if (!t.previousOutput.isEmpty())
            keep.insert(QFileInfo(t.previousOutput).absoluteFilePath());
    }
    for (const QString &output : m_store.checkpointOutputs())
        keep.insert(m_workspace.path(output));
    for (const CheckpointInfo &info : m_store.checkpoints()) {
        if (info.file.isEmpty())
            continue; // rows: their outputs are kept above
        QString why = QCoreApplication::translate(
            "retake::Engine", "its file is outside the workspace's checkpoints/ folder");
        const QString file = m_workspace.confined(info.file, u"checkpoints"_s);
        // A checkpoint whose file is gone cannot be restored: it keeps nothing alive.
        if (!file.isEmpty() && !QFileInfo::exists(file))
            continue;
        const QList<StoredTask> stored =
            file.isEmpty() ? QList<StoredTask>() : StateStore::loadTasksFrom(file, &why);
        if (stored.isEmpty()) {
            if (error)
                *error =
                    QCoreApplication::translate(
                        "retake::Engine", "checkpoint %1 cannot be read (%2); nothing was deleted")
                        .arg(info.id, why);
            return -1;
        }
        for (const StoredTask &s : stored) {
            if (!s.outputPath.isEmpty())
                keep.insert(m_workspace.path(s.outputPath));
        }
    }
    int removed = 0;
    qint64 freed = 0;
    if (QFileInfo(draft).isDir()) {
        // Without FollowSymlinks, linked subfolders are not entered.
        QDirIterator it(draft, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QFileInfo info = it.fileInfo();
            // Only Retake's own outputs: regular files named as it names them, inside draft/.
            if (keep.contains(file) || info.isSymLink() || !info.isFile() ||
                !m_workspace.isOutputName(file) || !m_workspace.containsIn(u"draft"_s, file))
                continue;
            const qint64 size = info.size();
            if (QFile::remove(file)) {
                ++removed;
                freed += size;
            }
        }
    }
    if (bytesFreed)
        *bytesFreed = freed;
    m_journal.event(EventKind::Discard, QString::number(removed) + u" files"_s);
    QString flushError;
    m_store.flush(&flushError);
    return removed;
}

} // namespace retake
