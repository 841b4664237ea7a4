# The files of retake_session (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    controlclient.cpp
    controlclient.h
    controlprotocol.cpp
    controlprotocol.h
    controlserver.cpp
    controlserver.h
    feedtext.cpp
    feedtext.h
    ownerinfo.cpp
    ownerinfo.h
    workspacelock.cpp
    workspacelock.h
)
