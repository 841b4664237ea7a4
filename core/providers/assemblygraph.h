// The ffmpeg filter graph of one assembly (see AssemblyJob): every clip normalised to the
// output format and laid on a frame-exact timeline, slates as dark cards (with drawtext
// when a font is given), silence where a clip has no sound, the concat filter, and the
// voice-over mixed under the picture.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace retake {

class AssemblyGraph final
{
public:
    struct Segment {
        QString path; // empty: a slate
        QString label;
        QString reason;
        double durationSec = 0.0; // as requested, or probed when the request says 0
        bool hasAudio = false;
        int width = 0;
        int height = 0;
        int frames = 0;      // on the output timeline
        qint64 samples = 0;  // 48 kHz
        int inputIndex = -1; // ffmpeg -i index of a clip
        bool still = false;  // an image, held for durationSec (an image-only shot)
    };
    static constexpr int kSampleRate = 48000;

    AssemblyGraph(const QList<Segment> &segments, int width, int height, int fps);

    // The font slates' texts are drawn with; empty: plain cards (their labels are listed
    // in plainSlates() instead).
    void setSlateFont(const QString &fontPath) { m_font = fontPath; }
    // The voice-over laid under the picture; empty for none.
    void setVoiceOver(const QString &audioPath) { m_voiceOver = audioPath; }

    // Builds the graph. Slate texts are written as files into `folder` (their names are
    // in textFiles(), also after a failure); false when one cannot be written.
    bool build(const QString &folder);

    const QString &graph() const { return m_graph; }
    const QStringList &inputs() const { return m_inputs; } // the ffmpeg -i files, in order
    const QStringList &textFiles() const { return m_textFiles; }
    const QStringList &plainSlates() const { return m_plainSlates; }
    double totalSec() const { return m_totalSec; }

    // Escapes a value for a filter option inside a filter graph: first for the option
    // parser (\ ' :), then for the graph parser (\ ' [ ] , ;).
    static QString escapeFilterValue(const QString &value);

private:
    void layOut();
    QStringList clipChains(Segment &segment, const QString &v, const QString &a);
    // The slate's video chain, or empty when its text cannot be written.
    QString slateChain(const Segment &segment, int index, const QString &folder);
    QStringList voiceOverChains();

    QList<Segment> m_segments;
    int m_width = 0;
    int m_height = 0;
    int m_fps = 0;
    QString m_font;
    QString m_voiceOver;
    QString m_graph;
    QStringList m_inputs;
    QStringList m_textFiles;
    QStringList m_plainSlates;
    double m_totalSec = 0.0;
    qint64 m_totalSamples = 0;
};

} // namespace retake
