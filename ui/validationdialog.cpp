#include "validationdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

ValidationDialog::ValidationDialog(const QString &path, const QList<ValidationIssue> &issues,
                                   QWidget *parent)
    : QDialog(parent), m_list(new QTreeWidget(this))
{
    setObjectName(u"validationDialog"_s);
    setWindowTitle(tr("Storyboard not opened"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("<b>%1</b> was not opened: %n problem(s) must be fixed first. Nothing was run.", nullptr,
           int(issues.size()))
            .arg(QFileInfo(path).fileName().toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list->setObjectName(u"issueList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Where"), tr("Problem")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    for (const ValidationIssue &issue : issues) {
        auto *item = new QTreeWidgetItem(m_list, {issue.location, issue.message});
        item->setToolTip(1, issue.message);
    }
    layout->addWidget(m_list, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy problems"), QDialogButtonBox::ActionRole);
    copy->setToolTip(tr("Copy the list of problems to the clipboard"));
    connect(copy, &QPushButton::clicked, this, [issues] {
        QStringList lines;
        for (const ValidationIssue &issue : issues)
            lines << issue.toString();
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
    });
    QPushButton *edit = buttons->addButton(tr("Open in editor"), QDialogButtonBox::ActionRole);
    edit->setToolTip(tr("Open the storyboard file in the system's editor"));
    connect(edit, &QPushButton::clicked, this,
            [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 360);
}

int ValidationDialog::issueCount() const
{
    return m_list->topLevelItemCount();
}

} // namespace retake::ui
