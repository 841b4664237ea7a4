#include "redolog.h"

#include "domain/rowjson.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

RedoLog::~RedoLog()
{
    close();
}

QString RedoLog::pathFor(const QString &databasePath)
{
    return QFileInfo(databasePath).absoluteDir().filePath(u"state.redo"_s);
}

bool RedoLog::open(const QString &path)
{
    close();
    m_file.setFileName(path);
    // Unbuffered: each append() is one write(2) of a whole line.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return false;
    m_bytes = m_file.size();
    return true;
}

void RedoLog::close()
{
    if (m_file.isOpen())
        m_file.close();
    m_bytes = 0;
}

bool RedoLog::append(const RedoRecord &record)
{
    if (!m_file.isOpen())
        return false;
    QJsonArray attempts;
    for (const Attempt &a : record.attempts)
        attempts.append(attemptToJson(a));
    QByteArray line = QJsonDocument(QJsonObject{{u"row"_s, storedTaskToJson(record.row)},
                                                {u"attempts"_s, attempts}})
                          .toJson(QJsonDocument::Compact);
    line.append('\n');
    const qint64 written = m_file.write(line);
    if (written == line.size()) {
        m_bytes += written;
        return true;
    }
    // A partial line is a torn record: read() skips it, and the caller commits at once.
    if (written > 0)
        m_bytes += written;
    return false;
}

void RedoLog::clear()
{
    if (!m_file.isOpen() || m_bytes == 0)
        return;
    if (m_file.resize(0))
        m_bytes = 0;
}

QList<RedoRecord> RedoLog::read(const QString &path)
{
    QList<RedoRecord> records;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return records;
    const QByteArray all = file.readAll();
    for (const QByteArray &line : all.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            continue;
        const QJsonObject object = document.object();
        RedoRecord record;
        record.row = storedTaskFromJson(object.value(u"row"_s).toObject());
        for (const QJsonValue &value : object.value(u"attempts"_s).toArray())
            record.attempts.append(attemptFromJson(value.toObject()));
        if (record.row.id.isEmpty() || record.row.state != TaskState::Done ||
            record.attempts.isEmpty() || !record.attempts.constLast().ok())
            continue;
        records.append(record);
    }
    return records;
}

bool RedoLog::isNewerThan(const RedoRecord &record, const StoredTask *stored)
{
    if (!stored)
        return true;
    const int number = record.attempts.constLast().number;
    if (stored->attemptCount != number)
        return stored->attemptCount < number;
    // The row names this attempt: it was committed while running, or done.
    return stored->state != TaskState::Done || stored->outputPath != record.row.outputPath;
}

} // namespace retake
