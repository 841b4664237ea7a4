# The files of retake_project (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    csvimport.cpp
    csvimport.h
    storyboardloader.cpp
    storyboardloader.h
)
