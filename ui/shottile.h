// What one tile of the status grid shows: a shot and the snapshots of its tasks.
#pragma once

#include "domain/task.h"

#include <QList>
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
    // The shot's stages (the storyboard's "stages"): a stage the shot does not have keeps
    // an empty snapshot (no id) and is drawn as a placeholder.
    ShotStages stages = ShotStages::ImageAndVideo;
    QString inputImagePath; // a video-only shot's image file, shown as its still
    TaskSnapshot image;
    TaskSnapshot video;

    const TaskSnapshot &task(Stage stage) const { return stage == Stage::Image ? image : video; }
    TaskSnapshot &task(Stage stage) { return stage == Stage::Image ? image : video; }
    bool has(Stage stage) const
    {
        return stage == Stage::Image ? stages != ShotStages::VideoOnly
                                     : stages != ShotStages::ImageOnly;
    }
    // The picture the tile shows: the image task's output, or a video-only shot's file.
    QString stillPath() const
    {
        return stages == ShotStages::VideoOnly ? inputImagePath : image.outputPath;
    }
    // The snapshots of the stages the shot has, image first.
    QList<TaskSnapshot> tasks() const
    {
        QList<TaskSnapshot> list;
        for (const Stage stage : {Stage::Image, Stage::Video}) {
            if (has(stage))
                list << task(stage);
        }
        return list;
    }
    QStringList taskIds() const
    {
        QStringList ids;
        for (const TaskSnapshot &t : tasks())
            ids << t.id;
        return ids;
    }
    int attemptCount() const { return image.attemptCount + video.attemptCount; }
    bool isDone() const
    {
        return (!has(Stage::Image) || image.state == TaskState::Done) &&
               (!has(Stage::Video) || video.state == TaskState::Done);
    }
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
