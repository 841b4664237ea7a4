// Compiled against retake_store only: store sits below engine, so this include must not be
// found. tst_layering builds it and expects the build to fail.
#include "engine/engine.h"
#include "store/statestore.h"

int retakeLayeringProbe()
{
    return sizeof(retake::StateStore) > 0 ? 0 : 1;
}
