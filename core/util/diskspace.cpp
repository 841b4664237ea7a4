#include "util/diskspace.h"

#include <QStorageInfo>

namespace retake {

bool isOutOfSpace(qint64 bytesAvailable, qint64 needed)
{
    constexpr qint64 kMargin = qint64(1024) * 1024;
    return bytesAvailable >= 0 && bytesAvailable < needed + kMargin;
}

bool isOutOfSpace(const QString &directory, qint64 needed)
{
    QStorageInfo storage(directory);
    storage.refresh();
    return storage.isValid() && isOutOfSpace(storage.bytesAvailable(), needed);
}

} // namespace retake
