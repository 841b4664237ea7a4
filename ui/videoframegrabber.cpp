#include "videoframegrabber.h"

#include "util/toolenvironment.h"

#include <QFutureWatcher>
#include <QProcess>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace retake::ui {

VideoFrameGrabber::VideoFrameGrabber(QObject *parent) : QObject(parent), m_program(u"ffmpeg"_s)
{
}

VideoFrameGrabber::~VideoFrameGrabber()
{
    // Stop extractions still running (their results are not wanted any more).
    const QList<QProcess *> processes = findChildren<QProcess *>();
    for (QProcess *process : processes) {
        process->disconnect(this);
        process->kill();
        process->waitForFinished(2000);
    }
}

bool VideoFrameGrabber::isAvailable()
{
    return !QStandardPaths::findExecutable(u"ffmpeg"_s).isEmpty();
}

QImage VideoFrameGrabber::frame(const QString &videoPath)
{
    const auto it = m_frames.constFind(videoPath);
    if (it != m_frames.constEnd())
        return *it;
    if (m_pending.contains(videoPath) || videoPath.isEmpty())
        return {};
    if (!m_dir.isValid()) {
        Q_EMIT failed(videoPath, tr("no temporary folder for the video frame"));
        return {};
    }
    m_pending.insert(videoPath);
    const QString output = m_dir.filePath(u"frame-%1.png"_s.arg(++m_counter));
    auto *process = new QProcess(this);
    process->setProcessEnvironment(toolEnvironment()); // ffmpeg: no API keys
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::errorOccurred, this,
            [this, process, videoPath](QProcess::ProcessError error) {
                if (error != QProcess::FailedToStart)
                    return;
                process->deleteLater();
                m_pending.remove(videoPath);
                Q_EMIT failed(videoPath, tr("ffmpeg could not be started; install ffmpeg to "
                                            "see video frames"));
            });
    connect(process, &QProcess::finished, this,
            [this, process, videoPath, output](int exitCode, QProcess::ExitStatus status) {
                process->deleteLater();
                if (status != QProcess::NormalExit || exitCode != 0) {
                    m_pending.remove(videoPath);
                    Q_EMIT failed(videoPath, tr("ffmpeg could not read the video (exit code "
                                                "%1)")
                                                 .arg(exitCode));
                    return;
                }
                auto *watcher = new QFutureWatcher<QImage>(this);
                connect(watcher, &QFutureWatcher<QImage>::finished, this,
                        [this, watcher, videoPath] {
                            watcher->deleteLater();
                            m_pending.remove(videoPath);
                            const QImage image = watcher->result();
                            if (image.isNull()) {
                                Q_EMIT failed(videoPath, tr("the extracted frame is unreadable"));
                                return;
                            }
                            m_frames.insert(videoPath, image);
                            Q_EMIT frameReady(videoPath, image);
                        });
                watcher->setFuture(QtConcurrent::run([output] { return QImage(output); }));
            });
    process->start(m_program, {u"-nostdin"_s, u"-v"_s, u"error"_s, u"-y"_s, u"-i"_s, videoPath,
                               u"-frames:v"_s, u"1"_s, output});
    return {};
}

} // namespace retake::ui
