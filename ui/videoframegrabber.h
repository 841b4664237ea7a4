// The first frame of a video output, extracted with ffmpeg in a QProcess (never blocking
// the GUI) and decoded on the thread pool. Results are cached by path.
#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTemporaryDir>

namespace retake::ui {

class VideoFrameGrabber final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VideoFrameGrabber)
public:
    explicit VideoFrameGrabber(QObject *parent = nullptr);
    ~VideoFrameGrabber() override;

    // The cached frame, or a null image after starting the extraction (frameReady or
    // failed follows). `ffmpeg` overrides the program (tests).
    QImage frame(const QString &videoPath);
    void setProgram(const QString &program) { m_program = program; }
    static bool isAvailable();

Q_SIGNALS:
    void frameReady(const QString &videoPath, const QImage &frame);
    void failed(const QString &videoPath, const QString &reason);

private:
    QString m_program;
    QTemporaryDir m_dir;
    QHash<QString, QImage> m_frames;
    QSet<QString> m_pending;
    int m_counter = 0;
};

} // namespace retake::ui
