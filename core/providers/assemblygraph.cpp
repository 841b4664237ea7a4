#include "providers/assemblygraph.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QString slateColor()
{
    return u"0x1b1e24"_s;
}

QString audioFormat()
{
    return u"aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo"_s;
}

QString number(double value)
{
    return QString::number(value, 'f', 6);
}

} // namespace

AssemblyGraph::AssemblyGraph(const QList<Segment> &segments, int width, int height, int fps)
    : m_segments(segments), m_width(width), m_height(height), m_fps(fps)
{
}

QString AssemblyGraph::escapeFilterValue(const QString &value)
{
    QString option;
    for (const QChar c : value) {
        if (c == u'\\' || c == u'\'' || c == u':')
            option += u'\\';
        option += c;
    }
    QString graph;
    for (const QChar c : std::as_const(option)) {
        if (c == u'\\' || c == u'\'' || c == u'[' || c == u']' || c == u',' || c == u';')
            graph += u'\\';
        graph += c;
    }
    return graph;
}

// Frame-exact segment boundaries on the cumulative timeline.
void AssemblyGraph::layOut()
{
    double end = 0.0;
    qint64 frameCursor = 0;
    qint64 sampleCursor = 0;
    for (Segment &segment : m_segments) {
        end += segment.durationSec;
        const qint64 endFrame = qMax(frameCursor + 1, qint64(std::llround(end * m_fps)));
        segment.frames = int(endFrame - frameCursor);
        const qint64 endSample = std::llround(double(endFrame) * kSampleRate / m_fps);
        segment.samples = endSample - sampleCursor;
        frameCursor = endFrame;
        sampleCursor = endSample;
    }
    m_totalSec = double(frameCursor) / m_fps;
    m_totalSamples = sampleCursor;
}

bool AssemblyGraph::build(const QString &folder)
{
    layOut();
    QStringList chains;
    QString concatInputs;
    for (qsizetype k = 0; k < m_segments.size(); ++k) {
        Segment &segment = m_segments[k];
        const QString samples = QString::number(segment.samples);
        const QString v = u"[v"_s % QString::number(k) % u']';
        const QString a = u"[a"_s % QString::number(k) % u']';
        if (!segment.path.isEmpty()) {
            chains << clipChains(segment, v, a);
        } else {
            const QString chain = slateChain(segment, int(k), folder);
            if (chain.isEmpty())
                return false;
            chains << chain % u",trim=end_frame="_s % QString::number(segment.frames) %
                          u",setpts=PTS-STARTPTS"_s % v;
        }
        if (segment.path.isEmpty() || !segment.hasAudio) {
            chains << u"anullsrc=r="_s % QString::number(kSampleRate) %
                          u":cl=stereo,atrim=end_sample="_s % samples % u',' % audioFormat() %
                          u",asetpts=PTS-STARTPTS"_s % a;
        }
        concatInputs += v % a;
    }
    const bool voiceOver = !m_voiceOver.isEmpty();
    chains << concatInputs % u"concat=n="_s % QString::number(m_segments.size()) %
                  u":v=1:a=1[v]"_s % (voiceOver ? u"[picture]"_s : u"[a]"_s);
    if (voiceOver)
        chains << voiceOverChains();
    m_graph = chains.join(u';');
    return true;
}

QStringList AssemblyGraph::clipChains(Segment &segment, const QString &v, const QString &a)
{
    const QString w = QString::number(m_width);
    const QString h = QString::number(m_height);
    const QString frames = QString::number(segment.frames);
    const QString samples = QString::number(segment.samples);
    segment.inputIndex = int(m_inputs.size());
    m_inputs << segment.path;
    const QString in = u'[' % QString::number(segment.inputIndex);
    // A still is one frame, which the fps filter would drop: it is held for its length
    // (and a frame more) first.
    const QString hold = segment.still ? u"tpad=stop_mode=clone:stop_duration="_s %
                                             number(segment.durationSec + 1.0 / m_fps) % u','
                                       : QString();
    QStringList chains;
    chains << in % u":v]setpts=PTS-STARTPTS,"_s % hold % u"fps="_s % QString::number(m_fps) %
                  u",scale="_s % w % u':' % h %
                  u":force_original_aspect_ratio=decrease:force_divisible_by=2,pad="_s % w % u':' %
                  h % u":(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,"_s %
                  u"format=yuv420p,tpad=stop_mode=clone:stop="_s % frames % u",trim=end_frame="_s %
                  frames % u",setpts=PTS-STARTPTS"_s % v;
    if (segment.hasAudio) {
        chains << in % u":a]asetpts=PTS-STARTPTS,aresample="_s % QString::number(kSampleRate) %
                      u',' % audioFormat() % u",apad=whole_len="_s % samples %
                      u",atrim=end_sample="_s % samples % u",asetpts=PTS-STARTPTS"_s % a;
    }
    return chains;
}

QString AssemblyGraph::slateChain(const Segment &segment, int index, const QString &folder)
{
    const QString size = QString::number(m_width) % u'x' % QString::number(m_height);
    QString chain = u"color=c="_s % slateColor() % u":s="_s % size % u":r="_s %
                    QString::number(m_fps) % u":d="_s % number(double(segment.frames + 1) / m_fps) %
                    u",format=yuv420p,setsar=1"_s;
    if (m_font.isEmpty()) {
        m_plainSlates << (segment.reason.isEmpty()
                              ? segment.label
                              : segment.label % u" ("_s % segment.reason % u')');
        return chain;
    }
    const QString labelFile = u".slate-%1-label.txt"_s.arg(index);
    const QString reasonFile = u".slate-%1-reason.txt"_s.arg(index);
    QFile label(QDir(folder).filePath(labelFile));
    QFile reason(QDir(folder).filePath(reasonFile));
    if (!label.open(QIODevice::WriteOnly) || label.write(segment.label.toUtf8()) < 0 ||
        !reason.open(QIODevice::WriteOnly) || reason.write(segment.reason.toUtf8()) < 0) {
        return {};
    }
    m_textFiles << labelFile << reasonFile;
    const QString fontFile = escapeFilterValue(m_font);
    const int big = qMax(8, m_height / 10);
    const int small = qMax(6, m_height / 20);
    const int gap = qMax(2, m_height / 40);
    chain += u",drawtext=fontfile="_s % fontFile % u":textfile="_s % labelFile %
             u":expansion=none:fontcolor=white:fontsize="_s % QString::number(big) %
             u":x=(w-text_w)/2:y=h/2-text_h-"_s % QString::number(gap);
    if (!segment.reason.isEmpty()) {
        chain += u",drawtext=fontfile="_s % fontFile % u":textfile="_s % reasonFile %
                 u":expansion=none:fontcolor=0xc8ccd4:fontsize="_s % QString::number(small) %
                 u":x=(w-text_w)/2:y=h/2+"_s % QString::number(gap);
    }
    return chain;
}

// Padded with silence or trimmed to the picture, then laid under the clips' sound.
QStringList AssemblyGraph::voiceOverChains()
{
    const QString in = u'[' % QString::number(m_inputs.size());
    m_inputs << QFileInfo(m_voiceOver).absoluteFilePath();
    const QString total = QString::number(m_totalSamples);
    return {in % u":a]asetpts=PTS-STARTPTS,aresample="_s % QString::number(kSampleRate) % u',' %
                audioFormat() % u",apad=whole_len="_s % total % u",atrim=end_sample="_s % total %
                u"[voice]"_s,
            u"[picture][voice]amix=inputs=2:duration=first:dropout_transition=0:"_s
            u"normalize=0,atrim=end_sample="_s %
                total % u"[a]"_s};
}

} // namespace retake
