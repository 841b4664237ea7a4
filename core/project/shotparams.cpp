#include "project/shotparams.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

QByteArray ShotParams::hash(const Shot &shot, Stage stage)
{
    // Compact JSON with sorted keys: unambiguous and stable across versions of Qt.
    const QJsonObject image{
        {u"v"_s, 1},
        {u"stage"_s, u"image"_s},
        {u"prompt"_s, shot.prompt},
        {u"negative"_s, shot.negativePrompt},
        {u"seed"_s, QString::number(shot.seed)},
        {u"width"_s, shot.image.width},
        {u"height"_s, shot.image.height},
        {u"steps"_s, shot.image.steps},
    };
    QByteArray imageHash =
        QCryptographicHash::hash(QJsonDocument(image).toJson(QJsonDocument::Compact),
                                 QCryptographicHash::Sha1)
            .toHex();
    if (stage == Stage::Image)
        return imageHash;
    // A video-only shot's video is made from the storyboard's image file: its bytes count,
    // not the shot's image parameters (docs/ARCHITECTURE.md, "Tasks").
    const QString input = shot.stages == ShotStages::VideoOnly
                              ? u"file:"_s + QString::fromLatin1(shot.inputImageSha1)
                              : QString::fromLatin1(imageHash);
    const QJsonObject video{
        {u"v"_s, 1},
        {u"stage"_s, u"video"_s},
        {u"image"_s, input},
        {u"duration"_s, shot.video.durationSec},
        {u"fps"_s, shot.video.fps},
        {u"motion"_s, shot.video.motion},
    };
    return QCryptographicHash::hash(QJsonDocument(video).toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha1)
        .toHex();
}

} // namespace retake
