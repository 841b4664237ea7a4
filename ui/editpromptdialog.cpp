#include "editpromptdialog.h"

#include "storyboardpatcher.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

EditPromptDialog::EditPromptDialog(const QString &storyboardPath, const Shot &shot,
                                   const QString &reason, QWidget *parent)
    : QDialog(parent), m_path(storyboardPath), m_shotId(shot.id),
      m_editable(!storyboardPath.endsWith(u".csv"_s, Qt::CaseInsensitive)),
      m_prompt(new QPlainTextEdit(this)), m_negative(new QPlainTextEdit(this)),
      m_error(new QLabel(this))
{
    setObjectName(u"editPromptDialog"_s);
    setWindowTitle(tr("Edit the prompt of %1").arg(shot.id));
    auto *layout = new QVBoxLayout(this);
    if (!reason.isEmpty()) {
        auto *why = new QLabel(reason, this);
        why->setWordWrap(true);
        layout->addWidget(why);
    }
    layout->addWidget(new QLabel(tr("Prompt:"), this));
    m_prompt->setObjectName(u"promptEdit"_s);
    m_prompt->setPlainText(shot.prompt);
    layout->addWidget(m_prompt, 2);
    layout->addWidget(new QLabel(tr("Negative prompt:"), this));
    m_negative->setObjectName(u"negativeEdit"_s);
    m_negative->setPlainText(shot.negativePrompt);
    layout->addWidget(m_negative, 1);
    auto *note = new QLabel(
        m_editable ? tr("Saving writes the new prompt into %1 and reloads it: the shot's tasks "
                        "run again with it; other finished work is kept.")
                         .arg(QFileInfo(storyboardPath).fileName())
                   : tr("%1 is a CSV shot list: change the prompt in your spreadsheet, save it, "
                        "and open it again.")
                         .arg(QFileInfo(storyboardPath).fileName()),
        this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_error->setObjectName(u"editError"_s);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(this);
    if (m_editable) {
        buttons->setStandardButtons(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
        buttons->button(QDialogButtonBox::Save)->setText(tr("Save and reload"));
    } else {
        buttons->setStandardButtons(QDialogButtonBox::Close);
        m_prompt->setReadOnly(true);
        m_negative->setReadOnly(true);
        QPushButton *open =
            buttons->addButton(tr("Open the shot list"), QDialogButtonBox::ActionRole);
        connect(open, &QPushButton::clicked, this,
                [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_path)); });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &EditPromptDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 380);
}

QString EditPromptDialog::prompt() const
{
    return m_prompt->toPlainText().trimmed();
}

QString EditPromptDialog::negativePrompt() const
{
    return m_negative->toPlainText().trimmed();
}

void EditPromptDialog::accept()
{
    if (!m_editable) {
        QDialog::reject();
        return;
    }
    if (prompt().isEmpty()) {
        m_error->setText(tr("The prompt cannot be empty."));
        m_error->setVisible(true);
        return;
    }
    QString error;
    if (!StoryboardPatcher::writePrompt(m_path, m_shotId, prompt(), negativePrompt(), &error)) {
        m_error->setText(tr("Not saved: %1").arg(error));
        m_error->setVisible(true);
        return;
    }
    Q_EMIT saved(m_shotId);
    QDialog::accept();
}

} // namespace retake::ui
