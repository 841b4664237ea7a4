// Verifying an output file before the engine accepts it: it exists, is not empty,
// decodes, and has the expected size (and for videos the expected duration, a video
// stream and all of its frames). Images are decoded with QImageReader, videos probed
// with ffprobe (-count_packets, so a truncated file is caught even when its header is
// intact).
//
// Two ways to call it:
//  - OutputVerifier::verify() from an event loop (the engine): the work runs on the
//    global QThreadPool and finished() arrives in the verifier's thread. Any number of
//    verifications may be in flight; results come in completion order and carry the
//    file they are about. Deleting the verifier drops pending results.
//  - verifyOutputFile() blocks (ffprobe runs with waitForFinished): for worker threads,
//    the CLI and tests only.
#pragma once

#include "domain/types.h"

#include <QMetaType>
#include <QObject>
#include <QString>

namespace retake {

struct VerificationExpectation {
    Stage stage = Stage::Image;
    int width = 0;          // 0 = any
    int height = 0;         // 0 = any
    double durationSec = 0; // video; 0 = any. Tolerance: max(one frame, 5 %)
};

struct VerificationResult {
    bool ok = false;
    QString file;    // as passed to verify()
    QString message; // names the file and what is wrong, e.g. "image.png: file is empty"
    // OutputInvalid when the file is bad; FileIo when it cannot be read; and
    // ProviderUnavailable when ffprobe is missing, so that the video cannot be checked.
    ErrorClass errorClass = ErrorClass::None;
    int width = 0;
    int height = 0;
    double durationSec = 0;
    double fps = 0; // video: average frame rate, 0 when unknown
    QString codec;  // "png", "jpeg", "h264", ...
};

// Blocking; never call it on the GUI or engine thread.
VerificationResult verifyOutputFile(const QString &file,
                                    const VerificationExpectation &expectation);

class OutputVerifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputVerifier)
public:
    explicit OutputVerifier(QObject *parent = nullptr);
    ~OutputVerifier() override;

    // Returns at once; finished() reports the result.
    void verify(const QString &file, const VerificationExpectation &expectation);
    int pendingCount() const { return m_pending; }

Q_SIGNALS:
    void finished(const retake::VerificationResult &result);

private:
    int m_pending = 0;
};

} // namespace retake

Q_DECLARE_METATYPE(retake::VerificationResult)
