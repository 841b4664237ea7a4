// Real media for retake-sim answers: small PNGs painted with QImage and tiny H.264 MP4s
// made by ffmpeg (lavfi colour source), cached by their parameters.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace retake::sim {

class SimMedia final
{
public:
    QByteArray png(int width, int height);
    // Empty with `error` set when ffmpeg is missing or fails.
    QByteArray mp4(int width, int height, int fps, double durationSec, QString *error);
    // Bytes that are not an image or video at all (output_invalid).
    static QByteArray garbage(int size = 2048);

private:
    QHash<QString, QByteArray> m_cache;
};

} // namespace retake::sim
