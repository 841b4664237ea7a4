#include "publisher.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// Copies `from` to `to` and returns the sha256 of the bytes, or empty on failure.
QByteArray copyWithHash(const QString &from, const QString &to, qint64 *bytes, QString *error)
{
    QFile in(from);
    QFile out(to);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = u"%1: %2"_s.arg(from, in.errorString());
        return {};
    }
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = u"%1: %2"_s.arg(to, out.errorString());
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0) {
            *error = u"%1: %2"_s.arg(from, in.errorString());
            return {};
        }
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (out.write(buffer.constData(), n) != n) {
            *error = u"%1: %2"_s.arg(to, out.errorString());
            return {};
        }
        *bytes += n;
    }
    if (!out.flush()) {
        *error = u"%1: %2"_s.arg(to, out.errorString());
        return {};
    }
    return hash.result().toHex();
}

bool exchangeDirs(const QString &a, const QString &b, QString *error)
{
    const QByteArray pa = QFile::encodeName(a);
    const QByteArray pb = QFile::encodeName(b);
    if (::renameat2(AT_FDCWD, pa.constData(), AT_FDCWD, pb.constData(), RENAME_EXCHANGE) == 0)
        return true;
    *error = QString::fromLocal8Bit(std::strerror(errno));
    return false;
}

} // namespace

QList<PublishItem> Publisher::itemsFor(const QList<TaskSnapshot> &tasks,
                                       const QHash<QString, QList<Attempt>> &attempts)
{
    QList<PublishItem> items;
    for (const TaskSnapshot &t : tasks) {
        if (t.state != TaskState::Done || t.outputPath.isEmpty())
            continue;
        PublishItem item;
        item.taskId = t.id;
        item.sceneId = t.sceneId;
        item.shotId = t.shotId;
        item.stage = t.stage;
        item.quality = t.quality;
        item.sourcePath = t.outputPath;
        for (const Attempt &a : attempts.value(t.id)) {
            if (!a.outputPath.isEmpty() && t.outputPath.endsWith(a.outputPath)) {
                item.attempt = a.number;
                item.providerId = a.providerId;
                item.model = a.model;
            }
        }
        items << item;
    }
    return items;
}

PublishResult Publisher::publish(const Workspace &workspace, const QList<PublishItem> &items)
{
    PublishResult result;
    // Sources come from the state database: each must be a file inside draft/ (after
    // resolving `..` and symlinks), or nothing is published (docs/ARCHITECTURE.md,
    // "State and workspace").
    for (const PublishItem &item : items) {
        const QString source = workspace.confined(item.sourcePath, u"draft"_s);
        if (source.isEmpty() || !QFileInfo(source).isFile()) {
            result.message =
                u"%1: its output %2 is not a file inside the workspace's draft/ folder, so it was "
                u"not copied; nothing was published and published/ is unchanged. Run the batch "
                u"again (retake-cli run) to make this output again, then publish."_s.arg(
                    item.taskId, item.sourcePath);
            return result;
        }
    }
    const QString published = workspace.path(u"published"_s);
    // Leftovers of a publish that was killed: never the live published/ folder.
    const QDir root(workspace.root());
    for (const QString &name :
         root.entryList({u"published.staging-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot))
        QDir(root.filePath(name)).removeRecursively();

    const QString staging = workspace.path(u"published.staging-%1"_s.arg(
        QDateTime::currentDateTimeUtc().toString(u"yyyyMMddHHmmsszzz"_s)));
    if (!QDir().mkpath(staging)) {
        result.message = u"%1: cannot create the staging folder"_s.arg(staging);
        return result;
    }
    // Test hook: slows publishing down so that a test can kill it half-way.
    const int delayMs = qEnvironmentVariableIntValue("RETAKE_TEST_PUBLISH_DELAY_MS");
    QJsonArray entries;
    for (const PublishItem &item : items) {
        const QString suffix = QFileInfo(item.sourcePath).suffix();
        const QString relative =
            u"%1/%2/%3.%4"_s.arg(item.sceneId, item.shotId, nameOf(item.stage), suffix);
        const QString target = staging + u'/' + relative;
        QDir().mkpath(QFileInfo(target).absolutePath());
        QString error;
        qint64 bytes = 0;
        const QByteArray sha = copyWithHash(item.sourcePath, target, &bytes, &error);
        if (sha.isEmpty()) {
            QDir(staging).removeRecursively();
            result.message = u"%1: could not copy the output (%2); published/ is unchanged"_s.arg(
                item.taskId, error);
            return result;
        }
        result.bytes += bytes;
        result.files += 1;
        entries.append(QJsonObject{{u"task"_s, item.taskId},
                                   {u"file"_s, relative},
                                   {u"attempt"_s, item.attempt},
                                   {u"provider"_s, item.providerId},
                                   {u"model"_s, item.model},
                                   {u"quality"_s, nameOf(item.quality)},
                                   {u"bytes"_s, bytes},
                                   {u"sha256"_s, QString::fromLatin1(sha)}});
        if (delayMs > 0)
            QThread::msleep(ulong(delayMs));
    }
    QString error;
    const QJsonObject manifest{
        {u"format"_s, u"retake-published/1"_s},
        {u"publishedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"files"_s, entries}};
    if (!Workspace::writeJson(staging + u"/manifest.json"_s, manifest, &error)) {
        QDir(staging).removeRecursively();
        result.message = u"could not write the manifest (%1); published/ is unchanged"_s.arg(error);
        return result;
    }
    // The switch: one atomic step.
    if (QFileInfo::exists(published)) {
        if (!exchangeDirs(staging, published, &error)) {
            QDir(staging).removeRecursively();
            result.message = u"could not replace published/ (%1); it is unchanged"_s.arg(error);
            return result;
        }
        QDir(staging).removeRecursively(); // now holds the previous published/
    } else if (!QDir().rename(staging, published)) {
        QDir(staging).removeRecursively();
        result.message = u"could not create published/"_s;
        return result;
    }
    result.ok = true;
    result.message = u"published %1 file(s), %2 MB, to %3"_s.arg(result.files)
                         .arg(result.bytes / 1048576.0, 0, 'f', 1)
                         .arg(published);
    return result;
}

} // namespace retake
