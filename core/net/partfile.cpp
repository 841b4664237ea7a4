#include "net/partfile.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace retake {

PartFile::PartFile(const QString &target) : m_target(target), m_file(target + u".part"_s)
{
}

PartFile::~PartFile()
{
    if (!m_done)
        discard();
}

bool PartFile::open()
{
    QDir().mkpath(QFileInfo(m_target).absolutePath());
    if (m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return true;
    m_error = m_file.errorString();
    return false;
}

bool PartFile::write(const QByteArray &bytes)
{
    if (m_file.write(bytes) == bytes.size())
        return true;
    m_error = m_file.errorString();
    return false;
}

bool PartFile::commit()
{
    if (m_done)
        return false;
    if (!m_file.flush()) {
        m_error = m_file.errorString();
        discard();
        return false;
    }
    m_file.close();
    if (m_file.error() != QFileDevice::NoError) {
        m_error = m_file.errorString();
        discard();
        return false;
    }
    QFile::remove(m_target);
    if (!m_file.rename(m_target)) {
        m_error = m_file.errorString();
        discard();
        return false;
    }
    m_done = true;
    return true;
}

void PartFile::discard()
{
    m_file.close();
    m_file.remove();
    m_done = true;
}

} // namespace retake
