// One scene or final assembly on the built-in provider: ffmpeg cuts request.clips together
// in order into <outputDir>/<scene>.mp4 (the first segment of request.taskId: "s01.mp4",
// "final.mp4"), in one pass of the concat filter:
//  - every clip is normalised to width x height (scaled to fit, aspect kept, padded
//    black), fps, yuv420p, square pixels; its own audio is kept (48 kHz stereo) and
//    silence stands in where a clip has none, so that assemblies concatenate cleanly;
//  - a clip with durationSec > 0 lasts exactly that long (trimmed, or its last frame
//    held); with 0 it lasts as long as the file. Segment boundaries are rounded to whole
//    frames on the cumulative timeline, so the total equals the sum of the clip
//    durations within half a frame;
//  - a slate (no path) is a dark card of its durationSec showing the shot id and the
//    reason (drawtext with a system font). When ffmpeg lacks drawtext or no font is
//    found, the card is plain and the labels go into the file's metadata title;
//  - request.audioPath, when set, is laid under the picture: mixed with the clips' own
//    sound, padded with silence or trimmed to the picture's length.
// Output: H.264 (libx264 -preset ultrafast), AAC, MP4 with faststart, written as .part
// and renamed when complete. Progress comes from ffmpeg's -progress out_time against the
// total duration. ffmpeg's stderr (-loglevel warning: no metadata or stream dumps) is kept
// in GenerationResult::detail (last 2 KB) and, as its last 20 lines within 2 KB, in
// GenerationResult::stderrTail for the attempt record and the report. It names files and
// ffmpeg's own complaints; a slate's text is its shot id and reason, never a prompt.
//
// Before encoding, each clip is probed with ffprobe (duration, video and audio streams),
// and `ffmpeg -filters` is asked once per process whether drawtext exists. A missing
// ffmpeg or ffprobe fails the attempt as provider_unavailable naming the package.
// RETAKE_SLATE_FONT names the slate's font file, overriding the built-in search list.
//
// Lifecycle as ProcessJob: start() and cancel() never block and never emit; finished() is
// emitted exactly once, from the event loop. cancel() kills ffmpeg (or ffprobe), removes
// every partial file and reports Cancelled; after finished() it does nothing.
#pragma once

#include "providers/assemblygraph.h"
#include "providers/processjob.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace retake {

class AssemblyJob final : public ProcessJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssemblyJob)
public:
    AssemblyJob(const GenerationRequest &request, const LocalJobSettings &settings,
                QObject *parent = nullptr);
    ~AssemblyJob() override;

    // "<first segment of the task id>.mp4", reduced to safe file name characters.
    static QString outputFileName(const GenerationRequest &request);
    // The font file a slate's text is drawn with, or empty when none is found.
    static QString slateFontPath();

protected:
    void beginWork() override;
    void toolFinished(int exitCode, QProcess::ExitStatus exitStatus) override;
    void toolFailedToStart() override;

private:
    enum class Step { Filters, Probe, Encode };
    using Segment = AssemblyGraph::Segment;

    bool takeSegments();
    bool findTools();
    void nextStep();
    void checkFilters();
    void probeNext();
    void encode();
    QStringList encodeArguments(const AssemblyGraph &graph);
    void onProgressLine(const QByteArray &line);
    void onFiltersFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onProbeFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onEncodeFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void run(Step step, const QString &program, const QStringList &arguments, int timeoutMs);
    void fail(ErrorClass errorClass, const QString &message);
    void addTemporaryFile(const QString &fileName);
    void removeTemporaryFiles() const;
    QByteArray stderrTail() const;

    QString m_ffmpeg;
    QString m_ffprobe;
    QString m_outputName;
    QList<Segment> m_segments;
    int m_probeIndex = 0;
    int m_width = 0;
    int m_height = 0;
    double m_totalSec = 0.0;
    QStringList m_temporaryFiles; // slate texts, filter script: names inside outputDir
    Step m_step = Step::Probe;
};

} // namespace retake
