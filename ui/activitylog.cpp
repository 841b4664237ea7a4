#include "activitylog.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

ActivityLog::ActivityLog(QWidget *parent) : QWidget(parent), m_view(new QPlainTextEdit(this))
{
    setObjectName(u"activityLog"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view->setObjectName(u"activityLogText"_s);
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(kMaxLines);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setAccessibleName(tr("Activity log"));
    layout->addWidget(m_view);
}

void ActivityLog::append(const QString &line)
{
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    m_view->appendPlainText(QTime::currentTime().toString(u"HH:mm:ss"_s) + u"  "_s + line);
    if (atBottom)
        bar->setValue(bar->maximum());
}

void ActivityLog::clear()
{
    m_view->clear();
}

QString ActivityLog::text() const
{
    return m_view->toPlainText();
}

} // namespace retake::ui
