# The files of retake_session (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    controlprotocol.cpp
    controlprotocol.h
    ownerinfo.cpp
    ownerinfo.h
)
