// Shows the workspace's logs/error.log with the blocks of the given tasks highlighted,
// scrolled to the latest one. The file is read on the thread pool.
#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace retake::ui {

class ErrorLogDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorLogDialog)
public:
    ErrorLogDialog(const QString &logPath, const QStringList &taskIds, QWidget *parent = nullptr);

    // Blocks found for the tasks (valid once loaded()).
    int matchCount() const { return int(m_matches.size()); }
    QString text() const;
    // The block the view is on.
    int currentMatch() const { return m_current; }
    void showMatch(int index);

Q_SIGNALS:
    void loaded();

private:
    void onLoaded(const QString &text);

    QString m_path;
    QStringList m_taskIds;
    QPlainTextEdit *m_view;
    QLabel *m_status;
    QPushButton *m_previous;
    QPushButton *m_next;
    QList<QPair<int, int>> m_matches; // block start, end (character positions)
    int m_current = -1;
};

} // namespace retake::ui
