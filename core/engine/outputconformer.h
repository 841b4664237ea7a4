// Conforming a verified provider output to its shot (docs/ARCHITECTURE.md, "Conforming
// outputs"). A model chooses its own size and length; the draft gets the shot's: the
// picture is fitted by the `fit` mode (pad: scale to fit and letterbox, the default; crop:
// scale to fill and cut the middle; stretch), a video is brought to the shot's frame rate,
// trimmed when longer and held on its last frame when shorter. Videos go through ffmpeg
// (a ToolProcess, never blocking the engine thread), images through QImage on the thread
// pool; the result is verified against the shot before it is reported. The provider's own
// file is left where it was: the caller keeps it next to the output.
#pragma once

#include "engine/outputverifier.h"

#include <QObject>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace retake {

class ToolProcess;

enum class FitMode { Pad, Crop, Stretch };

// "pad", "crop", "stretch"; nullopt for anything else (empty is Pad).
std::optional<FitMode> fitModeFromString(const QString &text);
QString nameOf(FitMode mode);

struct ConformTarget {
    Stage stage = Stage::Image;
    int width = 0;
    int height = 0;
    int fps = 0;            // video
    double durationSec = 0; // video
    FitMode fit = FitMode::Pad;
};

// Whether `measured` differs from `target` in size or (videos) frame rate or length by
// more than half a frame.
bool needsConform(const VerificationResult &measured, double measuredFps,
                  const ConformTarget &target);
// The ffmpeg video filter chain of the fit and length for a source of `sourceDurationSec`.
QString conformVideoFilter(const ConformTarget &target, double sourceDurationSec);
// ffmpeg's arguments: `input` to `output` (an .mp4), audio (if any) padded or cut to length.
QStringList conformVideoArguments(const QString &input, const QString &output,
                                  const ConformTarget &target, double sourceDurationSec);
// Where the picture of a `source`-sized image goes: the rectangle of the source that is
// used, and the rectangle of the target it fills (the rest is black).
struct ImagePlacement {
    QRect from;
    QRect to;
};
ImagePlacement conformImagePlacement(QSize source, const ConformTarget &target);

class OutputConformer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputConformer)
public:
    explicit OutputConformer(QObject *parent = nullptr);
    ~OutputConformer() override;

    // Writes the conformed copy of `source` to `output`; finished() reports once.
    void conform(const QString &source, const QString &output, const ConformTarget &target,
                 double sourceDurationSec);

Q_SIGNALS:
    // ok: `output` is written and verified; else `message` says what failed.
    void finished(bool ok, const QString &message, const QString &stderrTail);

private:
    void verifyResult();

    ToolProcess *m_tool = nullptr;
    QString m_output;
    ConformTarget m_target;
};

} // namespace retake
