// A small tmpfs mounted for the length of a test, to fill a real drive (ENOSPC, SQLITE_FULL).
// Needs root and CAP_SYS_ADMIN; otherwise it is not mounted and whyNot() says why, for
// QSKIP. Unmounted (lazily) when it goes out of scope.
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace retake::test {

class SmallTmpfs final
{
public:
    explicit SmallTmpfs(const QString &size);
    ~SmallTmpfs();
    SmallTmpfs(const SmallTmpfs &) = delete;
    SmallTmpfs &operator=(const SmallTmpfs &) = delete;

    bool isMounted() const { return m_mounted; }
    QString whyNot() const { return m_whyNot; }
    QString path() const { return m_path; }

private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_whyNot;
    bool m_mounted = false;
};

} // namespace retake::test
