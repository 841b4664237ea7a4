// Publish (docs/ARCHITECTURE.md, "State and workspace"): copies the current outputs of done tasks
// into published/ through a staging folder that replaces the previous published/ in one atomic step
// (Linux renameat2 RENAME_EXCHANGE), with a manifest. A crash at any instant leaves either the
// previous published/ or the new one, never a mix; nothing else ever writes there.
#pragma once

#include "domain/task.h"
#include "store/workspace.h"

#include <QList>
#include <QString>

namespace retake {

struct PublishItem {
    QString taskId;
    QString sceneId;
    QString shotId;
    Stage stage = Stage::Image;
    int attempt = 0;
    QString providerId;
    QString model;
    Quality quality = Quality::Full;
    QString sourcePath; // absolute, inside draft/
};

struct PublishResult {
    bool ok = false;
    QString message;
    int files = 0;
    qint64 bytes = 0;
};

class Publisher final
{
public:
    // The items to publish: every done task's current output with the attempt that made it.
    static QList<PublishItem> itemsFor(const QList<TaskSnapshot> &tasks,
                                       const QHash<QString, QList<Attempt>> &attempts);
    static PublishResult publish(const Workspace &workspace, const QList<PublishItem> &items);
};

} // namespace retake
