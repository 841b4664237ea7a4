# The files of retake_project (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    csvimport.cpp
    csvimport.h
    jsonprojectreader.cpp
    jsonprojectreader.h
    loadissues.cpp
    loadissues.h
    profilereader.cpp
    profilereader.h
    shotlistreader.cpp
    shotlistreader.h
    shotparams.cpp
    shotparams.h
    storyboardloader.cpp
    storyboardloader.h
)
