#include "project/shotstages.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

using namespace Qt::StringLiterals;

namespace retake::shotstages {

namespace {

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

} // namespace

std::optional<ShotStages> parse(const QString &text)
{
    QString key = text.trimmed().toLower();
    key.remove(u' ');
    return shotStagesFromString(key);
}

QString unknownValue(const QString &text)
{
    return u"unknown stages %1: write \"image\" (a still only), \"image+video\" (an image, "
           u"then a video made from it; the default) or \"video\" (a video made from the "
           u"image file named by inputImage)"_s.arg(quoted(text));
}

QString checkDeclaration(const Shot &shot, const QString &source)
{
    const QString id = quoted(shot.id);
    if (shot.stages != ShotStages::VideoOnly) {
        if (shot.inputImage.isEmpty())
            return {};
        return u"shot %1 names an inputImage, but its stages are %2 (set by %3), which make "
               u"their own image: set its stages to \"video\" to make the video from %4, or "
               u"remove inputImage"_s.arg(id, quoted(nameOf(shot.stages)), source,
                                          quoted(shot.inputImage));
    }
    if (shot.inputImage.trimmed().isEmpty()) {
        return u"shot %1 has stages \"video\" (set by %2) but no inputImage: name the image "
               u"its video is made from in inputImage (a path relative to the storyboard, "
               u"e.g. stills/%3.png), or set its stages to \"image+video\""_s.arg(id, source,
                                                                                  shot.id);
    }
    if (QDir::isAbsolutePath(shot.inputImage) || shot.inputImage.startsWith(u'~')) {
        return u"shot %1: inputImage %2 is an absolute path; copy the image into the "
               u"storyboard's folder (or a folder below it) and name it relative to the "
               u"storyboard, e.g. \"stills/%3\""_s.arg(id, quoted(shot.inputImage),
                                                       QFileInfo(shot.inputImage).fileName());
    }
    const QString clean = QDir::cleanPath(shot.inputImage);
    if (clean == u".."_s || clean.startsWith(u"../"_s)) {
        return u"shot %1: inputImage %2 is outside the storyboard's folder; copy the image "
               u"into the folder (or a folder below it) and name it relative to the "
               u"storyboard"_s.arg(id, quoted(shot.inputImage));
    }
    return {};
}

QString resolveInputImage(const QString &baseDir, Shot *shot)
{
    if (shot->stages != ShotStages::VideoOnly || shot->inputImage.isEmpty())
        return {};
    if (baseDir.isEmpty()) {
        shot->inputImagePath = QFileInfo(shot->inputImage).absoluteFilePath();
        return {};
    }
    const QDir dir(baseDir);
    const QString id = quoted(shot->id);
    const QString written = quoted(shot->inputImage);
    const QFileInfo info(dir.absoluteFilePath(shot->inputImage));
    shot->inputImagePath = info.absoluteFilePath();
    if (!info.exists()) {
        return u"shot %1: inputImage %2 does not exist (looked for %3); put the image there "
               u"or correct the path, which is relative to the storyboard"_s.arg(
                   id, written, QDir::toNativeSeparators(info.absoluteFilePath()));
    }
    if (!info.isFile()) {
        return u"shot %1: inputImage %2 is not a file; name an image file (PNG, JPEG, ...)"_s.arg(
            id, written);
    }
    // Symbolic links count: the file itself must lie in the storyboard's folder.
    const QString root = QFileInfo(dir.absolutePath()).canonicalFilePath();
    const QString canonical = info.canonicalFilePath();
    if (root.isEmpty() || !canonical.startsWith(root + u'/')) {
        return u"shot %1: inputImage %2 leads outside the storyboard's folder (to %3); copy "
               u"the image into the folder (or a folder below it)"_s.arg(
                   id, written, QDir::toNativeSeparators(canonical));
    }
    QImageReader reader(canonical);
    if (!reader.canRead() || !reader.size().isValid()) {
        return u"shot %1: inputImage %2 is not an image Retake can read (%3); give a PNG "
               u"or JPEG file"_s.arg(id, written, reader.errorString());
    }
    QFile file(canonical);
    if (!file.open(QIODevice::ReadOnly)) {
        return u"shot %1: inputImage %2 cannot be read (%3); check its permissions"_s.arg(
            id, written, file.errorString());
    }
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(&file);
    shot->inputImagePath = canonical;
    shot->inputImageSha1 = sha1.result().toHex();
    return {};
}

} // namespace retake::shotstages
