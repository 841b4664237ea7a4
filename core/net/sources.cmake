# The files of retake_net (core/CMakeLists.txt); keep sorted.
set(RETAKE_SOURCES
    httpexchange.cpp
    httpexchange.h
    netfailure.cpp
    netfailure.h
    partfile.cpp
    partfile.h
    ratelimitheaders.cpp
    ratelimitheaders.h
    urlpolicy.cpp
    urlpolicy.h
)
