// QTest printers for the domain enums, so QCOMPARE shows "done" instead of a number.
#pragma once

#include "domain/types.h"

#include <QTest>

namespace retake {
inline char *toString(TaskState value)
{
    return qstrdup(nameOf(value).toUtf8().constData());
}
inline char *toString(ErrorClass value)
{
    return qstrdup(nameOf(value).toUtf8().constData());
}
inline char *toString(RungKind value)
{
    return qstrdup(nameOf(value).toUtf8().constData());
}
inline char *toString(Quality value)
{
    return qstrdup(nameOf(value).toUtf8().constData());
}
inline char *toString(Stage value)
{
    return qstrdup(nameOf(value).toUtf8().constData());
}
inline char *toString(PauseReason value)
{
    return qstrdup(value == PauseReason::None ? "none" : nameOf(value).toUtf8().constData());
}
} // namespace retake
