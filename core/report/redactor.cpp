#include "redactor.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

void Redactor::addPrivateText(const QString &text, const QString &replacement)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() < 4)
        return;
    if (m_known.contains(trimmed))
        return;
    m_known.insert(trimmed);
    m_private << Entry{trimmed, replacement};
    m_sorted = false;
}

QString Redactor::apply(const QString &text) const
{
    if (!m_sorted) {
        std::stable_sort(m_private.begin(), m_private.end(), [](const Entry &a, const Entry &b) {
            return a.text.size() > b.text.size();
        });
        m_sorted = true;
    }
    QString result = text;
    for (const Entry &entry : std::as_const(m_private)) {
        // A text longer than what is left cannot occur in it.
        if (entry.text.size() <= result.size())
            result.replace(entry.text, entry.replacement);
    }
    return withoutCredentials(result);
}

QString Redactor::withoutCredentials(const QString &text)
{
    static const QRegularExpression authorization(
        uR"((authorization\s*[:=]\s*)(bearer\s+|basic\s+|token\s+)?[^\s,;"']+)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression bearer(uR"(\bbearer\s+[A-Za-z0-9._~+/=-]{8,})"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression queryKey(
        uR"(([?&](?:key|api_key|apikey|token|access_token|auth)=)[^&\s"']+)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression namedKey(
        uR"(\b((?:x-)?api[-_ ]?key|secret|password)(["']?\s*[:=]\s*["']?)[^\s,;"'&]+)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression keyShaped(
        uR"(\b(?:sk|pk|rk|r8|fal|key)[-_][A-Za-z0-9_-]{16,})"_s);

    QString result = text;
    result.replace(authorization, u"\\1[redacted]"_s);
    result.replace(bearer, u"Bearer [redacted]"_s);
    result.replace(queryKey, u"\\1[redacted]"_s);
    result.replace(namedKey, u"\\1\\2[redacted]"_s);
    result.replace(keyShaped, u"[redacted key]"_s);
    return result;
}

} // namespace retake
