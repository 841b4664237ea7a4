# The files of retake_domain (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    project.h
    remotejob.cpp
    remotejob.h
    rowjson.cpp
    rowjson.h
    storedrows.cpp
    storedrows.h
    task.cpp
    task.h
    taskgraph.cpp
    taskgraph.h
    taskid.cpp
    taskid.h
    types.cpp
    types.h
)
