#include "errorlogdialog.h"

#include "domain/taskid.h"

#include "statestyle.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace retake::ui {

ErrorLogDialog::ErrorLogDialog(const QString &logPath, const QStringList &taskIds, QWidget *parent)
    : QDialog(parent), m_path(logPath), m_taskIds(taskIds), m_view(new QPlainTextEdit(this)),
      m_status(new QLabel(this)), m_previous(new QPushButton(this)), m_next(new QPushButton(this))
{
    setObjectName(u"errorLogDialog"_s);
    setWindowTitle(tr("Error log — %1")
                       .arg(taskIds.isEmpty() ? QString() : TaskId::itemOf(taskIds.constFirst())));
    auto *layout = new QVBoxLayout(this);
    m_status->setWordWrap(true);
    m_status->setText(tr("Reading %1…").arg(logPath));
    layout->addWidget(m_status);
    m_view->setObjectName(u"errorLogText"_s);
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_view, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_previous->setText(tr("Previous"));
    m_previous->setToolTip(tr("The previous failure of this shot"));
    m_next->setText(tr("Next"));
    m_next->setToolTip(tr("The next failure of this shot"));
    buttons->addButton(m_previous, QDialogButtonBox::ActionRole);
    buttons->addButton(m_next, QDialogButtonBox::ActionRole);
    QPushButton *open = buttons->addButton(tr("Open in editor"), QDialogButtonBox::ActionRole);
    connect(open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_path)); });
    connect(m_previous, &QPushButton::clicked, this, [this] { showMatch(m_current - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showMatch(m_current + 1); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    resize(820, 560);

    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        onLoaded(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([path = logPath] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return QString();
        return QString::fromUtf8(file.readAll());
    }));
}

QString ErrorLogDialog::text() const
{
    return m_view->toPlainText();
}

void ErrorLogDialog::onLoaded(const QString &text)
{
    m_view->setPlainText(text);
    m_matches.clear();
    if (text.isEmpty()) {
        m_status->setText(tr("The error log %1 is empty or missing: nothing has failed in this "
                             "workspace yet.")
                              .arg(m_path));
        Q_EMIT loaded();
        return;
    }
    // Blocks are separated by lines of '='; a block belongs to a task by its "Task:" line.
    const QString separator = u"============================================"_s;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype start = text.indexOf(u"ERROR REPORT"_s, pos);
        if (start < 0)
            break;
        qsizetype end = text.indexOf(u"ERROR REPORT"_s, start + 1);
        if (end < 0)
            end = text.size();
        const QString block = text.mid(start, end - start);
        for (const QString &id : m_taskIds) {
            static const QRegularExpression taskLine(u"^Task:\\s*(\\S+)"_s,
                                                     QRegularExpression::MultilineOption);
            const QRegularExpressionMatch m = taskLine.match(block);
            if (m.hasMatch() && m.captured(1) == id) {
                // Include the separator line above the block.
                const qsizetype from = std::max<qsizetype>(
                    0, text.lastIndexOf(separator, start - 1 < 0 ? 0 : start - 1));
                const qsizetype to = text.lastIndexOf(separator, end - 1);
                m_matches << qMakePair(int(from), int(std::max(to + separator.size(), start)));
                break;
            }
        }
        pos = end;
    }
    QList<QTextEdit::ExtraSelection> selections;
    const QColor fill = StateStyle::chipFill(int(StateCategory::Failed), m_view->palette());
    for (const auto &match : std::as_const(m_matches)) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_view->document());
        selection.cursor.setPosition(match.first);
        selection.cursor.setPosition(match.second, QTextCursor::KeepAnchor);
        selection.format.setBackground(fill);
        selections << selection;
    }
    m_view->setExtraSelections(selections);
    if (m_matches.isEmpty()) {
        m_status->setText(tr("No failure of %1 is in the error log.").arg(m_taskIds.join(u", "_s)));
    } else {
        showMatch(int(m_matches.size()) - 1);
    }
    Q_EMIT loaded();
}

void ErrorLogDialog::showMatch(int index)
{
    if (index < 0 || index >= m_matches.size())
        return;
    m_current = index;
    QTextCursor cursor(m_view->document());
    cursor.setPosition(m_matches.at(index).second);
    m_view->setTextCursor(cursor);
    m_view->ensureCursorVisible();
    cursor.setPosition(m_matches.at(index).first);
    m_view->setTextCursor(cursor);
    m_view->ensureCursorVisible();
    m_status->setText(
        tr("Failure %1 of %2 for this shot (highlighted).").arg(index + 1).arg(m_matches.size()));
    m_previous->setEnabled(index > 0);
    m_next->setEnabled(index + 1 < m_matches.size());
}

} // namespace retake::ui
