// Edits the prompt and negative prompt of one shot and saves them into the storyboard
// (.retake.json) with StoryboardPatcher. CSV shot lists are edited in a spreadsheet: the
// dialog then offers to open the file instead.
#pragma once

#include "domain/project.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QPlainTextEdit;
class QLabel;
QT_END_NAMESPACE

namespace retake::ui {

class EditPromptDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditPromptDialog)
public:
    EditPromptDialog(const QString &storyboardPath, const Shot &shot, const QString &reason,
                     QWidget *parent = nullptr);

    QString prompt() const;
    QString negativePrompt() const;
    QString shotId() const { return m_shotId; }
    bool isEditable() const { return m_editable; }

    void accept() override;

Q_SIGNALS:
    // The storyboard file now holds the new prompt.
    void saved(const QString &shotId);

private:
    QString m_path;
    QString m_shotId;
    bool m_editable;
    QPlainTextEdit *m_prompt;
    QPlainTextEdit *m_negative;
    QLabel *m_error;
};

} // namespace retake::ui
