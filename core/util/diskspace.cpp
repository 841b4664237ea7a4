#include "util/diskspace.h"

#include <QStorageInfo>

namespace retake {

bool isOutOfSpace(const QString &directory, qint64 needed)
{
    constexpr qint64 kMargin = qint64(1024) * 1024;
    QStorageInfo storage(directory);
    storage.refresh();
    return storage.isValid() && storage.bytesAvailable() >= 0 &&
           storage.bytesAvailable() < needed + kMargin;
}

} // namespace retake
