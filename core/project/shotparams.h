// The fingerprint of the parameters of a shot that affect a stage's output, stored with
// every attempt so that an edit of the storyboard is noticed.
#pragma once

#include "domain/project.h"
#include "domain/types.h"

#include <QByteArray>

namespace retake {

class ShotParams final
{
public:
    ShotParams() = delete;

    // SHA-1 (hex) of the parameters that affect the output of a stage: prompt, negative,
    // seed, size and steps; for video also duration, fps, motion and the image hash.
    // Titles do not count. StoryboardLoader::shotParamsHash.
    static QByteArray hash(const Shot &shot, Stage stage);
};

} // namespace retake
