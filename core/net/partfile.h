// A file written under "<target>.part" and renamed to its target only when complete, so
// nobody ever sees half a file under the final name. Unlike QSaveFile it does not fsync:
// provider outputs land in an attempt's staging folder, the engine verifies them before
// filing them, and a staging file lost to a power cut is simply generated again. At 64
// downloads in flight the fsyncs serialised on the disk and dominated the makespan.
// Destroying an uncommitted PartFile removes the partial file.
#pragma once

#include <QFile>
#include <QString>

namespace retake {

class PartFile final
{
    Q_DISABLE_COPY_MOVE(PartFile)
public:
    explicit PartFile(const QString &target);
    ~PartFile();

    bool open();
    bool write(const QByteArray &bytes);
    // Closes and renames over the target; false with errorString() on failure.
    bool commit();
    void discard();
    QString errorString() const { return m_error; }
    QString target() const { return m_target; }

private:
    QString m_target;
    QFile m_file;
    QString m_error;
    bool m_done = false;
};

} // namespace retake
