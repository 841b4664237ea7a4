// Writes one JSON document to a device as it is produced, byte for byte as
// QJsonDocument::toJson(QJsonDocument::Indented) writes the same document: containers are
// opened and closed here, and every member or element is formatted by QJsonDocument itself
// and indented to its depth. The caller gives an object's members in key order (as
// QJsonObject keeps them).
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

class QIODevice;

namespace retake {

class JsonStream final
{
public:
    explicit JsonStream(QIODevice *device) : m_device(device) {}

    // The document's top-level object (no key), or an object member of the open object.
    void beginObject(const QString &key = {});
    // An array member of the open object.
    void beginArray(const QString &key);
    // Closes the innermost open object or array.
    void end();
    void member(const QString &key, const QJsonValue &value);
    void element(const QJsonValue &value);
    // False when a write to the device failed.
    bool ok() const { return m_ok; }

private:
    struct Level {
        char close;
        bool empty;
    };
    void open(const QString &key, char opening, char closing);
    void separate();
    void write(const QByteArray &bytes);
    // `formatted` (a value at depth 1 of its own document) at the current depth.
    QByteArray indented(QByteArray formatted) const;

    QIODevice *m_device;
    QList<Level> m_levels;
    bool m_ok = true;
};

} // namespace retake
