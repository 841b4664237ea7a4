// What one tile of the status grid shows: a shot and the snapshots of its tasks, or a
// scene's cut (its voice-over and cut tasks), or the final film.
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
    // A shot; a scene's own tasks (voice-over and cut, docs/ARCHITECTURE.md "Tasks"); the
    // final film. The two task slots hold image and video, voice-over and cut, or the film.
    enum class Kind { Shot, SceneCut, Film };

    Kind kind = Kind::Shot;
    int sceneIndex = -1;
    int shotIndex = -1; // -1 for a scene's cut and the film
    QString sceneId;    // the scene's id, "final" for the film
    // The tile's key in the grid (selection, recovery): the shot id, or for a scene's cut
    // and the film the id of their main task ("s01/assemble"), which no shot id can be.
    QString shotId;
    QString title;
    // The shot's stages (the storyboard's "stages"): a stage the shot does not have keeps
    // an empty snapshot (no id) and is drawn as a placeholder. A scene's cut: ImageOnly
    // when it has a voice-over but is not assembled, VideoOnly without a voice-over.
    ShotStages stages = ShotStages::ImageAndVideo;
    QString inputImagePath; // a video-only shot's image file, shown as its still
    TaskSnapshot image;     // or the scene's voice-over (empty for the film)
    TaskSnapshot video;     // or the scene's cut, or the film

    bool isShot() const { return kind == Kind::Shot; }
    // The item of the tile's task ids (TaskId::itemOf): shot id, scene id or "final".
    QString itemId() const { return isShot() ? shotId : sceneId; }
    // The stage of a slot: Image/Video for a shot, Audio/Assembly for a cut or the film.
    Stage firstStage() const { return isShot() ? Stage::Image : Stage::Audio; }
    Stage secondStage() const { return isShot() ? Stage::Video : Stage::Assembly; }
    static bool isFirstSlot(Stage stage) { return stage == Stage::Image || stage == Stage::Audio; }

    // Where its outputs are, in the workspace: draft/<scene>/<shot> for a shot, draft/<scene>
    // for a scene's cut, draft/final for the film.
    QString draftFolder() const
    {
        return QStringLiteral("draft/") + sceneId + (isShot() ? u'/' + shotId : QString());
    }

    const TaskSnapshot &task(Stage stage) const { return isFirstSlot(stage) ? image : video; }
    TaskSnapshot &task(Stage stage) { return isFirstSlot(stage) ? image : video; }
    bool has(Stage stage) const
    {
        return isFirstSlot(stage) ? stages != ShotStages::VideoOnly
                                  : stages != ShotStages::ImageOnly;
    }
    // The picture the tile shows: the image task's output, or a video-only shot's file.
    QString stillPath() const
    {
        if (!isShot())
            return {};
        return stages == ShotStages::VideoOnly ? inputImagePath : image.outputPath;
    }
    // The snapshots of the stages the tile has, image (voice-over) first.
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
