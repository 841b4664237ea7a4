// A run's report (reports/<run-id>/report.html) shown in-app, with a button that opens it
// in the system's browser.
#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QTextBrowser;
QT_END_NAMESPACE

namespace retake::ui {

class ReportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportDialog)
public:
    // `html`: the report; `htmlPath`: the written report.html (for the browser).
    ReportDialog(const QString &html, const QString &htmlPath, QWidget *parent = nullptr);

    QString htmlPath() const { return m_path; }
    QString text() const;

private:
    QString m_path;
    QTextBrowser *m_view;
};

} // namespace retake::ui
