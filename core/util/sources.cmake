# The files of retake_util (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    datapaths.cpp
    datapaths.h
    diskspace.cpp
    diskspace.h
    mediatools.cpp
    mediatools.h
    poolrun.h
    toolenvironment.cpp
    toolenvironment.h
)
