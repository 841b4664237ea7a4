// The control of tst_layering: the same library's own and lower headers compile, so a
// failure of upward.cpp comes from the include it makes, not from the probe's set-up.
#include "domain/task.h"
#include "store/statestore.h"

int retakeLayeringProbe()
{
    return sizeof(retake::StateStore) > 0 ? 0 : 1;
}
