#include "simmedia.h"

#include <QBuffer>
#include <QColor>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>

#include <cmath>

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

double SimMedia::speechSeconds(const QString &text, double speed)
{
    const qsizetype words = qMax<qsizetype>(1, text.split(u' ', Qt::SkipEmptyParts).size());
    return qBound(0.25, 0.35 * double(words) / qBound(0.25, speed, 4.0), 120.0);
}

QByteArray SimMedia::speechContentType(const QString &format)
{
    if (format == u"mp3")
        return "audio/mpeg";
    if (format == u"opus")
        return "audio/opus";
    if (format == u"aac")
        return "audio/aac";
    if (format == u"flac")
        return "audio/flac";
    if (format == u"pcm")
        return "audio/pcm";
    return "audio/wav";
}

QByteArray SimMedia::speech(const QString &text, const QString &voice, double speed,
                            const QString &format, QString *error)
{
    const double seconds = speechSeconds(text, speed);
    const QString key = u"speech:%1/%2/%3"_s.arg(seconds).arg(voice, format);
    if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
        return *it;

    // Samples: a tone burst with a soft envelope for each word, a short pause between.
    const int rate = kSpeechSampleRate;
    const qint64 total = qint64(std::llround(seconds * rate));
    const double wordSec = 0.35 / qBound(0.25, speed, 4.0);
    const double pitch = 110.0 + double(qHash(voice) % 150);
    QByteArray samples(total * 2, Qt::Uninitialized);
    for (qint64 i = 0; i < total; ++i) {
        const double t = double(i) / rate;
        const double inWord = std::fmod(t, wordSec) / wordSec; // 0..1 within a word
        const double envelope = inWord < 0.8 ? std::sin(M_PI * inWord / 0.8) : 0.0;
        const double wave = std::sin(2 * M_PI * pitch * t) + 0.4 * std::sin(4 * M_PI * pitch * t);
        const auto value = qint16(std::lround(9000.0 * envelope * wave));
        qToLittleEndian(value, samples.data() + 2 * i);
    }
    if (format == u"pcm") {
        m_cache.insert(key, samples);
        return samples;
    }
    QByteArray wav;
    auto u32 = [&wav](quint32 v) {
        char bytes[4];
        qToLittleEndian(v, bytes);
        wav.append(bytes, 4);
    };
    auto u16 = [&wav](quint16 v) {
        char bytes[2];
        qToLittleEndian(v, bytes);
        wav.append(bytes, 2);
    };
    wav.append("RIFF");
    u32(quint32(36 + samples.size()));
    wav.append("WAVEfmt ");
    u32(16);
    u16(1); // PCM
    u16(1); // mono
    u32(quint32(rate));
    u32(quint32(rate * 2));
    u16(2);
    u16(16);
    wav.append("data");
    u32(quint32(samples.size()));
    wav += samples;
    if (format == u"wav") {
        m_cache.insert(key, wav);
        return wav;
    }

    QStringList codec;
    if (format == u"mp3")
        codec = {u"-c:a"_s, u"libmp3lame"_s, u"-b:a"_s, u"64k"_s, u"-f"_s, u"mp3"_s};
    else if (format == u"opus")
        codec = {u"-c:a"_s, u"libopus"_s, u"-b:a"_s, u"32k"_s, u"-f"_s, u"ogg"_s};
    else if (format == u"aac")
        codec = {u"-c:a"_s, u"aac"_s, u"-b:a"_s, u"64k"_s, u"-f"_s, u"adts"_s};
    else if (format == u"flac")
        codec = {u"-c:a"_s, u"flac"_s, u"-f"_s, u"flac"_s};
    else {
        *error = u"unknown audio format \"%1\""_s.arg(format);
        return {};
    }
    QString ffmpeg = qEnvironmentVariable("RETAKE_FFMPEG");
    if (ffmpeg.isEmpty())
        ffmpeg = QStandardPaths::findExecutable(u"ffmpeg"_s);
    if (ffmpeg.isEmpty()) {
        *error = u"ffmpeg is not installed; only wav and pcm can be made without it"_s;
        return {};
    }
    QTemporaryDir dir;
    const QString in = dir.filePath(u"speech.wav"_s);
    const QString out = dir.filePath(u"speech."_s + format);
    QFile input(in);
    if (!input.open(QIODevice::WriteOnly) || input.write(wav) != wav.size()) {
        *error = input.errorString();
        return {};
    }
    input.close();
    QProcess process;
    process.start(ffmpeg, QStringList{u"-hide_banner"_s, u"-nostdin"_s, u"-loglevel"_s, u"error"_s,
                                      u"-y"_s, u"-i"_s, in}
                              << codec << out);
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
