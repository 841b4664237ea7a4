#include "ownerinfo.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QLocale>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QString userName()
{
    if (const passwd *pw = ::getpwuid(::getuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return QString::number(::getuid());
}

} // namespace

bool OwnerInfo::isThisHost() const
{
    return host == QHostInfo::localHostName();
}

QString OwnerInfo::describe() const
{
    QString text = u"%1 (pid %2)"_s.arg(program).arg(pid);
    if (!isThisHost())
        text += u" on %1"_s.arg(host);
    if (!user.isEmpty())
        text += u" by %1"_s.arg(user);
    if (startedAt.isValid())
        text += u", since %1"_s.arg(startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    return text;
}

QJsonObject OwnerInfo::toJson() const
{
    return QJsonObject{{u"program"_s, program},
                       {u"pid"_s, double(pid)},
                       {u"host"_s, host},
                       {u"user"_s, user},
                       {u"startedAt"_s, startedAt.toUTC().toString(Qt::ISODateWithMs)},
                       {u"socket"_s, socketPath},
                       {u"command"_s, command}};
}

OwnerInfo OwnerInfo::fromJson(const QJsonObject &object)
{
    OwnerInfo info;
    info.program = object.value(u"program"_s).toString();
    info.pid = qint64(object.value(u"pid"_s).toDouble());
    info.host = object.value(u"host"_s).toString();
    info.user = object.value(u"user"_s).toString();
    info.startedAt =
        QDateTime::fromString(object.value(u"startedAt"_s).toString(), Qt::ISODateWithMs);
    info.socketPath = object.value(u"socket"_s).toString();
    info.command = object.value(u"command"_s).toString();
    return info;
}

OwnerInfo OwnerInfo::forThisProcess(const QString &workspaceDir, const QString &command)
{
    OwnerInfo info;
    info.program = QCoreApplication::applicationName();
    info.pid = QCoreApplication::applicationPid();
    info.host = QHostInfo::localHostName();
    info.user = userName();
    info.startedAt = QDateTime::currentDateTimeUtc();
    info.socketPath = socketPathFor(workspaceDir);
    info.command = command;
    return info;
}

QString OwnerInfo::socketPathFor(const QString &workspaceDir)
{
    const QString canonical = QFileInfo(workspaceDir).canonicalFilePath();
    const QByteArray key =
        (canonical.isEmpty() ? QDir::cleanPath(QFileInfo(workspaceDir).absoluteFilePath())
                             : canonical)
            .toUtf8();
    const QString name =
        u"retake-"_s +
        QString::fromLatin1(
            QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(16)) +
        u".sock"_s;
    QString dir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (dir.isEmpty() || !QFileInfo(dir).isDir() || !QFileInfo(dir).isWritable()) {
        // A private folder of this user in /tmp (mode 0700), like a runtime dir.
        dir = u"/tmp/retake-%1"_s.arg(::getuid());
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                       QFileDevice::ExeOwner);
    }
    return dir + u'/' + name;
}

} // namespace retake
