# The files of retake_session (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    ownerinfo.cpp
    ownerinfo.h
    workspacelock.cpp
    workspacelock.h
)
