// What one tile of the status grid shows: a shot and the snapshots of its tasks.
#pragma once

#include "domain/task.h"

#include <QMetaType>
#include <QSize>
#include <QString>
#include <QStringList>

namespace retake::ui {

// The thumbnail area of a tile in logical pixels; thumbnails are scaled to it once.
inline constexpr QSize kTileThumbnailSize(200, 112);

struct ShotTile {
    int sceneIndex = -1;
    int shotIndex = -1;
    QString sceneId;
    QString shotId;
    QString title;
    TaskSnapshot image;
    TaskSnapshot video;

    const TaskSnapshot &task(Stage stage) const { return stage == Stage::Image ? image : video; }
    TaskSnapshot &task(Stage stage) { return stage == Stage::Image ? image : video; }
    QStringList taskIds() const { return {image.id, video.id}; }
    int attemptCount() const { return image.attemptCount + video.attemptCount; }
    bool isDegraded() const
    {
        return (image.state == TaskState::Done && retake::isDegraded(image.quality)) ||
               (video.state == TaskState::Done && retake::isDegraded(video.quality));
    }
    // A stage was done at full parameters on an alternative provider.
    bool isOnOtherProvider() const
    {
        return (image.state == TaskState::Done && retake::isOnOtherProvider(image.quality)) ||
               (video.state == TaskState::Done && retake::isOnOtherProvider(video.quality));
    }
};

} // namespace retake::ui

Q_DECLARE_METATYPE(retake::ui::ShotTile)
