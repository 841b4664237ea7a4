#include "jsonstream.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace retake {

namespace {

QByteArray indent(qsizetype depth)
{
    return QByteArray(4 * depth, ' ');
}

// QJsonDocument writes "{\n    <member>\n}\n" and "[\n    <element>\n]\n".
constexpr qsizetype kLead = 6;
constexpr qsizetype kTail = 3;

} // namespace

void JsonStream::beginObject(const QString &key)
{
    open(key, '{', '}');
}

void JsonStream::beginArray(const QString &key)
{
    open(key, '[', ']');
}

void JsonStream::open(const QString &key, char opening, char closing)
{
    if (!m_levels.isEmpty()) {
        separate();
        QByteArray lead = indent(m_levels.size());
        if (!key.isEmpty())
            lead += '"' + key.toUtf8() + "\": ";
        write(lead);
    }
    write(QByteArray(1, opening) + '\n');
    m_levels.append(Level{closing, true});
}

void JsonStream::end()
{
    const Level level = m_levels.takeLast();
    QByteArray tail = level.empty ? QByteArray() : QByteArray("\n");
    tail += indent(m_levels.size()) + level.close;
    if (m_levels.isEmpty())
        tail += '\n';
    write(tail);
}

void JsonStream::member(const QString &key, const QJsonValue &value)
{
    separate();
    write(indented(QJsonDocument(QJsonObject{{key, value}}).toJson(QJsonDocument::Indented)));
}

void JsonStream::element(const QJsonValue &value)
{
    separate();
    write(indented(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Indented)));
}

void JsonStream::separate()
{
    Level &level = m_levels.last();
    if (!level.empty)
        write(",\n");
    level.empty = false;
}

QByteArray JsonStream::indented(QByteArray formatted) const
{
    const qsizetype depth = m_levels.size();
    formatted = formatted.mid(kLead, formatted.size() - kLead - kTail);
    if (depth > 1)
        formatted.replace(QByteArray("\n"), QByteArray(QByteArray("\n") + indent(depth - 1)));
    return indent(depth) + formatted;
}

void JsonStream::write(const QByteArray &bytes)
{
    if (m_ok && m_device->write(bytes) != bytes.size())
        m_ok = false;
}

} // namespace retake
