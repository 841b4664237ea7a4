// Whether a failed write is best explained by a full drive. Asked after the failure, when
// other writers may already have freed a little space again, hence the margin.
#pragma once

#include <QString>

namespace retake {

// True when the drive holding `directory` has less than `needed` bytes plus a 1 MB margin.
bool isOutOfSpace(const QString &directory, qint64 needed = 0);
// The same judgement of a measured figure (-1: unknown, never out of space).
bool isOutOfSpace(qint64 bytesAvailable, qint64 needed = 0);

} // namespace retake
