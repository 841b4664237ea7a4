#include "lightread.h"

#include "project/storyboardloader.h"
#include "providers/providerprofilestore.h"
#include "report/digestreader.h"
#include "reportcommand.h"
#include "session/workspacelock.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake::cli {

namespace {

Q_LOGGING_CATEGORY(lcRead, "retake.cli.read", QtWarningMsg)

// One line of `checkpoint list --json`: built as JSON, so that quotes or newlines in a
// reason cannot break it.
QString checkpointJsonLine(const CheckpointInfo &info)
{
    const QJsonObject counts = QJsonDocument::fromJson(info.countsJson.toUtf8()).object();
    const QJsonObject line{{u"id"_s, info.id},
                           {u"createdAt"_s, info.createdAt.toString(Qt::ISODate)},
                           {u"reason"_s, info.reason},
                           {u"counts"_s, counts},
                           {u"bytes"_s, double(info.sizeBytes)}};
    return QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) + u'\n';
}

void addSized(QCryptographicHash *hash, const QByteArray &data)
{
    hash->addData(QByteArray(QByteArray::number(data.size()) + '\n'));
    hash->addData(data);
}

} // namespace

QByteArray LightRead::storyboardBytes(const QString &file)
{
    // Only what the loader would read: a regular file within its limit (a FIFO would block).
    const QFileInfo info(file);
    QFile in(file);
    if (!info.isFile() || info.size() > StoryboardLoader::kMaxFileBytes ||
        !in.open(QIODevice::ReadOnly))
        return {};
    // As much as the file holds (and a byte more, had it grown): a buffer of the loader's limit
    // would be 32 MB of heap kept for the whole run.
    return in.read(std::min<qint64>(info.size(), StoryboardLoader::kMaxFileBytes) + 1);
}

QByteArray LightRead::fingerprint(const QString &file, const QByteArray &bytes,
                                  const QList<ProviderProfile> &externalProfiles)
{
    if (bytes.isEmpty())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    addSized(&hash, QByteArrayLiteral("retake-inputs/1 " RETAKE_VERSION));
    addSized(&hash, QFileInfo(file).absoluteFilePath().toUtf8());
    addSized(&hash, bytes);
    for (const ProviderProfile &profile : externalProfiles) {
        addSized(
            &hash,
            QJsonDocument(ProviderProfileStore::toJson(profile)).toJson(QJsonDocument::Compact));
    }
    return hash.result().toHex();
}

bool LightRead::canAnswer(const QString &command, const QString &action)
{
    return command == u"status"_s || command == u"estimate"_s ||
           (command == u"checkpoint"_s && action == u"list"_s);
}

std::optional<int> LightRead::answer(const QString &command, const QString &action,
                                     const QString &workspace, const QByteArray &fingerprint,
                                     OutputMode mode)
{
    if (!canAnswer(command, action) || fingerprint.isEmpty() ||
        qEnvironmentVariableIntValue("RETAKE_FULL_READ") == 1)
        return std::nullopt;
    DigestReader reader;
    QString why;
    const DigestReader::Read read =
        command == u"checkpoint"_s ? DigestReader::Read::Checkpoints : DigestReader::Read::Tasks;
    if (!reader.open(workspace, fingerprint, WorkspaceLock::liveOwner(workspace).has_value(), read,
                     &why)) {
        qCDebug(lcRead, "read through the engine: %s", qUtf8Printable(why));
        return std::nullopt;
    }
    qCDebug(lcRead, "read from the rows");
    if (command == u"status"_s) {
        QTextStream out(stdout);
        return CliRunner::printStatus(out, mode, reader.tasks(), reader.summary());
    }
    if (command == u"estimate"_s) {
        ReportCommand reports(mode);
        return reports.printEstimate(reader.estimate());
    }
    printCheckpoints(reader.checkpoints(), mode == OutputMode::Json);
    return ExitAllDone;
}

void LightRead::printCheckpoints(const QList<CheckpointInfo> &checkpoints, bool json)
{
    QTextStream out(stdout);
    for (const CheckpointInfo &info : checkpoints) {
        if (json) {
            out << checkpointJsonLine(info);
        } else {
            out << u"%1  %2  %3  %4\n"_s.arg(info.id, -26)
                       .arg(info.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))
                       .arg(info.reason, -32)
                       .arg(info.countsJson);
        }
    }
}

} // namespace retake::cli
