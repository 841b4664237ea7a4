// One error banner: an icon, a message, recovery buttons (one per QAction) and a close
// button. Shaped after KMessageWidget / Dolphin's banners.
#pragma once

#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QHBoxLayout;
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace retake::ui {

enum class BannerType { Information, Warning, Error };

class MessageBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBanner)
public:
    explicit MessageBanner(QWidget *parent = nullptr);

    void setMessage(const QString &text, BannerType type, const QList<QAction *> &actions);
    QString text() const;
    BannerType type() const { return m_type; }
    QList<QAction *> actions() const { return m_actions; }
    // The button of `action`, nullptr when it has none.
    QToolButton *button(const QAction *action) const;
    QToolButton *closeButton() const { return m_close; }

Q_SIGNALS:
    void dismissed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    BannerType m_type = BannerType::Information;
    QLabel *m_icon;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
    QToolButton *m_close;
    QList<QAction *> m_actions;
    QList<QToolButton *> m_actionButtons;
};

} // namespace retake::ui
