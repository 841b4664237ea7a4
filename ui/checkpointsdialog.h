// The workspace's checkpoints (time, reason, task counts) with Restore, after a
// confirmation. Restoring rolls every task back to that point without deleting a file;
// the engine first checkpoints the current state so that the restore can be undone.
#pragma once

#include "store/statestore.h"

#include <QDialog>
#include <QList>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTreeWidget;
QT_END_NAMESPACE

namespace retake::ui {

class CheckpointsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckpointsDialog)
public:
    explicit CheckpointsDialog(QWidget *parent = nullptr);

    void setCheckpoints(const QList<CheckpointInfo> &checkpoints);
    void select(const QString &checkpointId);
    QString selectedId() const;
    int count() const;
    // Shown under the list, e.g. why a restore was refused.
    void setMessage(const QString &text);
    // Asks for confirmation, then emits restoreRequested(). Also the Restore button.
    void requestRestore();

Q_SIGNALS:
    void restoreRequested(const QString &checkpointId);

private:
    QTreeWidget *m_list;
    QLabel *m_message;
    QPushButton *m_restore;
};

} // namespace retake::ui
