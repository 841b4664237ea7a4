# The files of retake_store (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    checkpointstore.cpp
    checkpointstore.h
    publisher.cpp
    publisher.h
    redolog.cpp
    redolog.h
    staterows.cpp
    staterows.h
    stateschema.cpp
    stateschema.h
    statestore.cpp
    statestore.h
    workspace.cpp
    workspace.h
)
