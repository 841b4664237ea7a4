#include "smalltmpfs.h"

#include <QDir>
#include <QProcess>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace retake::test {

SmallTmpfs::SmallTmpfs(const QString &size) : m_path(m_dir.filePath(u"small"_s))
{
    if (::geteuid() != 0) {
        m_whyNot = u"needs root to mount a small tmpfs"_s;
        return;
    }
    if (!QDir().mkpath(m_path)) {
        m_whyNot = u"cannot create %1"_s.arg(m_path);
        return;
    }
    m_mounted = QProcess::execute(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size="_s + size,
                                               u"tmpfs"_s, m_path}) == 0;
    if (!m_mounted)
        m_whyNot = u"mount -t tmpfs is not permitted here (no CAP_SYS_ADMIN in this sandbox)"_s;
}

SmallTmpfs::~SmallTmpfs()
{
    if (m_mounted)
        QProcess::execute(u"umount"_s, {u"-l"_s, m_path});
}

} // namespace retake::test
