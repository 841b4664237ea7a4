#include "simmedia.h"

#include <QBuffer>
#include <QColor>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace retake::sim {

QByteArray SimMedia::png(int width, int height)
{
    width = qBound(1, width, 8192);
    height = qBound(1, height, 8192);
    const QString key = u"png:%1x%2"_s.arg(width).arg(height);
    if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
        return *it;
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(40, 70, 120));
    {
        QPainter painter(&image);
        painter.fillRect(0, height / 2, width, height - height / 2, QColor(90, 140, 60));
        painter.setBrush(QColor(240, 200, 80));
        painter.setPen(Qt::NoPen);
        const int r = qMax(1, qMin(width, height) / 6);
        painter.drawEllipse(QPoint(width * 2 / 3, height / 4), r, r);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    m_cache.insert(key, bytes);
    return bytes;
}

QByteArray SimMedia::mp4(int width, int height, int fps, double durationSec, QString *error)
{
    width = qBound(2, width - width % 2, 4096);
    height = qBound(2, height - height % 2, 4096);
    fps = qBound(1, fps, 120);
    durationSec = qBound(0.1, durationSec, 60.0);
    const QString key = u"mp4:%1x%2@%3/%4"_s.arg(width).arg(height).arg(fps).arg(durationSec);
    if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
        return *it;
    QString ffmpeg = qEnvironmentVariable("RETAKE_FFMPEG");
    if (ffmpeg.isEmpty())
        ffmpeg = QStandardPaths::findExecutable(u"ffmpeg"_s);
    if (ffmpeg.isEmpty()) {
        *error = u"ffmpeg is not installed"_s;
        return {};
    }
    QTemporaryDir dir;
    const QString out = dir.filePath(u"clip.mp4"_s);
    QProcess process;
    process.start(ffmpeg,
                  {u"-hide_banner"_s, u"-nostdin"_s, u"-loglevel"_s, u"error"_s, u"-y"_s, u"-f"_s,
                   u"lavfi"_s, u"-i"_s,
                   u"testsrc2=size=%1x%2:rate=%3:duration=%4"_s.arg(width).arg(height).arg(fps).arg(
                       durationSec),
                   u"-c:v"_s, u"libx264"_s, u"-preset"_s, u"ultrafast"_s, u"-pix_fmt"_s,
                   u"yuv420p"_s, u"-movflags"_s, u"+faststart"_s, out});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *error = u"ffmpeg failed: "_s + QString::fromUtf8(process.readAllStandardError());
        return {};
    }
    QFile file(out);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QByteArray bytes = file.readAll();
    m_cache.insert(key, bytes);
    return bytes;
}

QByteArray SimMedia::garbage(int size)
{
    QByteArray bytes(size, '\0');
    quint32 x = 0x12345678;
    for (char &c : bytes) {
        x = x * 1664525u + 1013904223u;
        c = char(x >> 24);
    }
    bytes.replace(0, 4, "junk");
    return bytes;
}

} // namespace retake::sim
