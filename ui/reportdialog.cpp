#include "reportdialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

ReportDialog::ReportDialog(const QString &html, const QString &htmlPath, QWidget *parent)
    : QDialog(parent), m_path(htmlPath), m_view(new QTextBrowser(this))
{
    setObjectName(u"reportDialog"_s);
    setWindowTitle(tr("Job report — %1").arg(QFileInfo(htmlPath).dir().dirName()));
    auto *layout = new QVBoxLayout(this);
    m_view->setObjectName(u"reportView"_s);
    // Links to workspace files open in the system's viewer.
    m_view->setOpenLinks(false);
    m_view->setSearchPaths({QFileInfo(htmlPath).absolutePath()});
    connect(m_view, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        QDesktopServices::openUrl(
            url.isRelative()
                ? QUrl::fromLocalFile(QFileInfo(m_path).dir().absoluteFilePath(url.path()))
                : url);
    });
    m_view->setHtml(html);
    layout->addWidget(m_view, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *browser = buttons->addButton(tr("Open in browser"), QDialogButtonBox::ActionRole);
    browser->setObjectName(u"openReportInBrowser"_s);
    browser->setToolTip(m_path);
    connect(browser, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_path)); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(900, 700);
}

QString ReportDialog::text() const
{
    return m_view->toPlainText();
}

} // namespace retake::ui
