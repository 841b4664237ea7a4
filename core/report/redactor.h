// Keeps what must not leave the machine out of reports (docs/ARCHITECTURE.md, "State and
// workspace"): text that was registered as private (prompts, negative prompts when debug logging is
// off) and anything shaped like a credential (Authorization headers, bearer tokens, key=... query
// parameters, sk-/r8_-style API keys), whatever a provider put into a message.
#pragma once

#include <QList>
#include <QSet>
#include <QString>

namespace retake {

class Redactor final
{
public:
    Redactor() = default;

    // Every occurrence of `text` is replaced by `replacement` (texts shorter than four
    // characters are ignored: they would blank out ordinary words).
    void addPrivateText(const QString &text, const QString &replacement);
    QString apply(const QString &text) const;
    // Only the credential patterns.
    static QString withoutCredentials(const QString &text);

private:
    struct Entry {
        QString text;
        QString replacement;
    };
    // Longest first (in the order added among equal lengths), so a prompt wins over its own
    // substrings. Sorted once, on the first apply() after an add: sorting on every add made
    // registering a 10,000-shot storyboard's prompts take half a minute.
    mutable QList<Entry> m_private;
    mutable bool m_sorted = true;
    QSet<QString> m_known; // the texts of m_private
};

} // namespace retake
