// The activity log dock's contents: timestamped lines from the engine (logMessage) and
// from the user's actions, newest at the bottom, bounded.
#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QPlainTextEdit;
QT_END_NAMESPACE

namespace retake::ui {

class ActivityLog final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityLog)
public:
    static constexpr int kMaxLines = 5000;

    explicit ActivityLog(QWidget *parent = nullptr);

    void append(const QString &line);
    void clear();
    QString text() const;

private:
    QPlainTextEdit *m_view;
};

} // namespace retake::ui
