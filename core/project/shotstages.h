// A shot's stages and the image file a video-only shot is made from (docs/ARCHITECTURE.md,
// "Tasks"): the words of their messages, and the checks of the file on disk. Shared by the
// JSON and CSV readers so both say the same thing about the same mistake.
#pragma once

#include "domain/project.h"
#include "domain/types.h"

#include <QString>

#include <optional>

namespace retake::shotstages {

// "image", "image+video" or "video" as written (trimmed, any case); nullopt otherwise.
std::optional<ShotStages> parse(const QString &text);
// Why `text` is not a stages value, and what to write instead.
QString unknownValue(const QString &text);

// Checks that do not need the disk: a video-only shot names an image, other shots name
// none, and the name is a relative path that stays in the storyboard's folder. `source`
// says where the shot's stages were set ("the shot", "the scene", "defaults", "the row").
// Empty when fine, else what is wrong and what to do.
QString checkDeclaration(const Shot &shot, const QString &source);

// Resolves a video-only shot's image against `baseDir` (the storyboard's folder) and checks
// it there: it exists, is an image Retake can read and lies inside the folder. Sets
// inputImagePath and inputImageSha1. With an empty `baseDir` (a storyboard read from
// memory) the path is made absolute against the current folder and not checked.
// Empty when fine, else what is wrong and what to do.
QString resolveInputImage(const QString &baseDir, Shot *shot);

} // namespace retake::shotstages
