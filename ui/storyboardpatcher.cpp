#include "storyboardpatcher.h"

#include "project/storyboardloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

// A minimal JSON scanner over UTF-8 bytes that remembers where the "prompt" and
// "negative" values of one shot object are, and where that object ends.
class Scanner
{
public:
    Scanner(const QByteArray &text, const QString &shotId) : m_text(text), m_shotId(shotId) {}

    bool run()
    {
        skipSpace();
        return value(0, {});
    }

    struct Span {
        qsizetype begin = -1;
        qsizetype end = -1; // one past
    };
    Span prompt;
    Span negative;
    qsizetype shotObjectEnd = -1; // position of the closing brace
    bool found = false;

private:
    // `context`: 0 root, 1 in scenes array, 2 scene object, 3 in shots array, 4 shot object.
    bool value(int context, const QByteArray &key)
    {
        Q_UNUSED(key);
        skipSpace();
        if (m_pos >= m_text.size())
            return false;
        const char c = m_text.at(m_pos);
        if (c == '{')
            return object(context);
        if (c == '[')
            return array(context);
        if (c == '"') {
            QByteArray dummy;
            return string(&dummy);
        }
        // number, true, false, null
        while (m_pos < m_text.size() && !strchr(",}] \t\r\n", m_text.at(m_pos)))
            ++m_pos;
        return true;
    }

    bool object(int context)
    {
        ++m_pos; // {
        Span localPrompt;
        Span localNegative;
        QString id;
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size())
                return false;
            if (m_text.at(m_pos) == '}') {
                if (context == 4 && id == m_shotId && !found) {
                    found = true;
                    prompt = localPrompt;
                    negative = localNegative;
                    shotObjectEnd = m_pos;
                }
                ++m_pos;
                return true;
            }
            if (m_text.at(m_pos) == ',') {
                ++m_pos;
                continue;
            }
            QByteArray key;
            if (!string(&key))
                return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text.at(m_pos) != ':')
                return false;
            ++m_pos;
            skipSpace();
            int childContext = -1;
            if (context == 0 && key == "scenes")
                childContext = 1;
            else if (context == 2 && key == "shots")
                childContext = 3;
            const qsizetype begin = m_pos;
            if (context == 4 && m_pos < m_text.size() && m_text.at(m_pos) == '"') {
                QByteArray raw;
                if (!string(&raw))
                    return false;
                if (key == "prompt")
                    localPrompt = {begin, m_pos};
                else if (key == "negative")
                    localNegative = {begin, m_pos};
                else if (key == "id")
                    id = QJsonDocument::fromJson("[" + m_text.mid(begin, m_pos - begin) + "]")
                             .array()
                             .at(0)
                             .toString();
                continue;
            }
            if (!value(childContext, key))
                return false;
        }
    }

    bool array(int context)
    {
        ++m_pos; // [
        const int childContext = context == 1 ? 2 : context == 3 ? 4 : -1;
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size())
                return false;
            if (m_text.at(m_pos) == ']') {
                ++m_pos;
                return true;
            }
            if (m_text.at(m_pos) == ',') {
                ++m_pos;
                continue;
            }
            if (!value(childContext, {}))
                return false;
        }
    }

    bool string(QByteArray *out)
    {
        if (m_pos >= m_text.size() || m_text.at(m_pos) != '"')
            return false;
        const qsizetype begin = ++m_pos;
        while (m_pos < m_text.size() && m_text.at(m_pos) != '"') {
            if (m_text.at(m_pos) == '\\')
                ++m_pos;
            ++m_pos;
        }
        if (m_pos >= m_text.size())
            return false;
        *out = m_text.mid(begin, m_pos - begin);
        ++m_pos;
        return true;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && strchr(" \t\r\n", m_text.at(m_pos)) && m_text.at(m_pos))
            ++m_pos;
    }

    const QByteArray &m_text;
    QString m_shotId;
    qsizetype m_pos = 0;
};

QByteArray jsonString(const QString &text)
{
    // QJsonDocument escapes correctly; strip the array brackets around the one value.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QByteArray StoryboardPatcher::patchPrompt(const QByteArray &json, const QString &shotId,
                                          const QString &prompt, const QString &negative,
                                          QString *error)
{
    Scanner scanner(json, shotId);
    if (!scanner.run()) {
        *error = tr("the storyboard is not valid JSON");
        return {};
    }
    if (!scanner.found) {
        *error = tr("shot %1 is not in the storyboard").arg(shotId);
        return {};
    }
    if (scanner.prompt.begin < 0) {
        *error = tr("shot %1 has no \"prompt\" to change").arg(shotId);
        return {};
    }
    // Replace from the end of the file backwards so the earlier offsets stay valid.
    QByteArray out = json;
    struct Edit {
        qsizetype begin;
        qsizetype end;
        QByteArray text;
    };
    QList<Edit> edits{{scanner.prompt.begin, scanner.prompt.end, jsonString(prompt)}};
    if (scanner.negative.begin >= 0) {
        edits << Edit{scanner.negative.begin, scanner.negative.end, jsonString(negative)};
    } else if (!negative.isEmpty()) {
        // Insert a "negative" right after the prompt's value.
        edits << Edit{scanner.prompt.end, scanner.prompt.end,
                      ", \"negative\": " + jsonString(negative)};
    }
    std::sort(edits.begin(), edits.end(),
              [](const Edit &a, const Edit &b) { return a.begin > b.begin; });
    for (const Edit &edit : edits)
        out.replace(edit.begin, edit.end - edit.begin, edit.text);
    return out;
}

bool StoryboardPatcher::writePrompt(const QString &path, const QString &shotId,
                                    const QString &prompt, const QString &negative, QString *error)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(path, in.errorString());
        return false;
    }
    const QByteArray patched = patchPrompt(in.readAll(), shotId, prompt, negative, error);
    in.close();
    if (patched.isEmpty())
        return false;
    const LoadResult check = StoryboardLoader::loadJson(patched, path);
    if (!check.ok()) {
        *error = tr("the new prompt makes the storyboard invalid: %1")
                     .arg(check.issueStrings().join(u"; "_s));
        return false;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(patched) != patched.size() || !out.commit()) {
        *error = tr("cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace retake::ui
