#include "storedrows.h"

using namespace Qt::StringLiterals;

namespace retake {

QString CheckpointReason::stageFinished(Stage stage)
{
    return u"all %1s finished"_s.arg(nameOf(stage));
}

QString CheckpointReason::beforeBulkAction(const QString &action)
{
    return u"before "_s + action;
}

QString CheckpointReason::beforeRestore(const QString &checkpointId)
{
    return u"before restore of %1"_s.arg(checkpointId);
}

CheckpointKind CheckpointReason::kindOf(const QString &reason)
{
    if (reason.startsWith(u"before restore"_s))
        return CheckpointKind::BeforeRestore;
    if (reason.startsWith(u"before "_s))
        return CheckpointKind::BeforeBulkAction;
    if (reason.startsWith(u"all "_s) && reason.endsWith(u"s finished"_s))
        return CheckpointKind::StageFinished;
    return CheckpointKind::Manual;
}

} // namespace retake
