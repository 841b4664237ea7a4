#include "project/loadissues.h"

#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake::loadissues {

namespace {

// Beyond this many issues the rest are summarised in one line: a broken 16 MB file must
// not produce a million messages.
constexpr qsizetype kMaxIssues = 500;

// Byte offset of the first byte that is not part of a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or -1.
qsizetype firstInvalidUtf8(const QByteArray &data)
{
    const auto *bytes = reinterpret_cast<const uchar *>(data.constData());
    const qsizetype size = data.size();
    qsizetype i = 0;
    while (i < size) {
        const uchar lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        uint codePoint = 0;
        uint minimum = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            codePoint = lead & 0x1F;
            minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            codePoint = lead & 0x0F;
            minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            codePoint = lead & 0x07;
            minimum = 0x10000;
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            const uchar continuation = bytes[i + k];
            if ((continuation & 0xC0) != 0x80)
                return i;
            codePoint = (codePoint << 6) | (continuation & 0x3F);
        }
        if (codePoint < minimum || codePoint > 0x10FFFF ||
            (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            return i;
        }
        i += length;
    }
    return -1;
}

} // namespace

bool checkText(QByteArray *data, const QString &sourceName, QList<ValidationIssue> *issues)
{
    const qsizetype bad = firstInvalidUtf8(*data);
    if (bad >= 0) {
        issues->append({sourceName, u"not valid UTF-8 (byte offset %1)"_s.arg(bad)});
        return false;
    }
    if (const qsizetype nul = data->indexOf('\0'); nul >= 0) {
        issues->append({sourceName, u"not a text file (NUL byte at byte offset %1)"_s.arg(nul)});
        return false;
    }
    if (data->startsWith("\xEF\xBB\xBF"))
        data->remove(0, 3);
    return true;
}

void capIssues(QList<ValidationIssue> *issues, const QString &sourceName)
{
    if (issues->size() <= kMaxIssues)
        return;
    const qsizetype more = issues->size() - kMaxIssues;
    issues->resize(kMaxIssues);
    issues->append({sourceName, u"%1 more problems not listed"_s.arg(more)});
}

std::pair<int, int> lineAndColumn(const QByteArray &data, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, data.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (data.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    int column = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        if ((uchar(data.at(i)) & 0xC0) != 0x80)
            ++column;
    }
    return {line, column};
}

QString formatNumber(double value)
{
    if (std::floor(value) == value && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return formatNumber(value.toDouble());
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > 40)
            text = text.left(40) + u"..."_s;
        return u'"' + text + u'"';
    }
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QString child(const QString &parent, const QString &key)
{
    return parent.isEmpty() ? key : parent + u'.' + key;
}

QString element(const QString &parent, qsizetype index)
{
    return parent + u'[' + QString::number(index) + u']';
}

} // namespace retake::loadissues
