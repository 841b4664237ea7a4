// Changes a shot's prompt in a .retake.json storyboard in place: only the two string
// values change, the rest of the file (order, spacing, comments-free JSON as written by
// the user) stays byte for byte. Written atomically (QSaveFile). The result is validated
// with StoryboardLoader before it replaces the file.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace retake::ui {

class StoryboardPatcher final
{
    Q_DECLARE_TR_FUNCTIONS(StoryboardPatcher)
public:
    StoryboardPatcher() = delete;

    // Returns the patched document, or an empty array with `error` set.
    static QByteArray patchPrompt(const QByteArray &json, const QString &shotId,
                                  const QString &prompt, const QString &negative, QString *error);
    static bool writePrompt(const QString &path, const QString &shotId, const QString &prompt,
                            const QString &negative, QString *error);
};

} // namespace retake::ui
