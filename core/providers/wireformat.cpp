#include "providers/wireformat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace retake::wireformat {

QString oneLine(const QString &text, int maxChars)
{
    QString line = text.simplified();
    if (line.size() > maxChars)
        line = line.left(maxChars - 1) + u'…';
    return line;
}

QString describeValidationDetail(const QJsonValue &detail)
{
    if (detail.isString())
        return oneLine(detail.toString());
    QStringList parts;
    for (const QJsonValue value : detail.toArray()) {
        const QJsonObject error = value.toObject();
        QStringList location;
        for (const QJsonValue part : error.value(u"loc"_s).toArray()) {
            const QString text = part.toVariant().toString();
            if (text != u"body")
                location << text;
        }
        const QString message = error.value(u"msg"_s).toString();
        parts << (location.isEmpty() ? message : location.join(u'.') % u": "_s % message);
    }
    return oneLine(parts.join(u"; "_s), 400);
}

bool detailHasType(const QJsonValue &detail, const QString &type)
{
    for (const QJsonValue value : detail.toArray()) {
        if (value.toObject().value(u"type"_s).toString() == type)
            return true;
    }
    return false;
}

std::optional<QByteArray> decodeBase64(const QString &text)
{
    QString payload = text;
    if (payload.startsWith(u"data:")) {
        const qsizetype comma = payload.indexOf(u',');
        if (comma < 0 || !payload.left(comma).endsWith(u";base64"))
            return std::nullopt;
        payload = payload.mid(comma + 1);
    }
    const auto result = QByteArray::fromBase64Encoding(payload.trimmed().toLatin1(),
                                                       QByteArray::AbortOnBase64DecodingErrors);
    if (!result || result.decoded.isEmpty())
        return std::nullopt;
    return result.decoded;
}

std::optional<QByteArray> decodeDataUri(const QString &text)
{
    if (!text.startsWith(u"data:"))
        return std::nullopt;
    return decodeBase64(text);
}

QString dataUriForFile(const QString &path, QString *error)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        *error = path.isEmpty()
                     ? u"no input image"_s
                     : u"cannot read the input image %1"_s.arg(QFileInfo(path).fileName());
        return {};
    }
    const QByteArray bytes = file.readAll();
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString mime = suffix == u"jpg" || suffix == u"jpeg" ? u"image/jpeg"_s
                         : suffix == u"webp"                   ? u"image/webp"_s
                                                               : u"image/png"_s;
    return u"data:"_s % mime % u";base64,"_s % QString::fromLatin1(bytes.toBase64());
}

std::optional<double> progressFromLog(const QString &log)
{
    static const QRegularExpression percent(u"(\\d{1,3})%\\s*\\|"_s);
    std::optional<double> last;
    auto it = percent.globalMatch(log);
    while (it.hasNext()) {
        const int value = it.next().captured(1).toInt();
        if (value >= 0 && value <= 100)
            last = value / 100.0;
    }
    return last;
}

bool looksLikeContentPolicy(const QString &text)
{
    static const QRegularExpression pattern(
        u"nsfw|safety|content[ _-]?policy|flagged|moderation|sensitive content"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(text).hasMatch();
}

bool looksLikeOutOfMemory(const QString &text)
{
    // torch.OutOfMemoryError / torch.cuda.OutOfMemoryError (ComfyUI's exception_type,
    // A1111's "error"), "CUDA out of memory. Tried to allocate ...", "CUDA error: out of
    // memory" (Replicate, fal), "Allocation on device" (ComfyUI with torch 2.5+), and
    // the same from Apple's MPS backend.
    static const QRegularExpression pattern(
        u"OutOfMemoryError|CUDA out of memory|CUDA error: out of memory|"
        u"Allocation on device|MPS backend out of memory"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(text).hasMatch();
}

} // namespace retake::wireformat
