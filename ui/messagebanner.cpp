#include "messagebanner.h"

#include "statestyle.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {
int categoryOf(BannerType type)
{
    switch (type) {
    case BannerType::Information:
        return int(StateCategory::Running);
    case BannerType::Warning:
        return int(StateCategory::Degraded);
    case BannerType::Error:
        return int(StateCategory::Failed);
    }
    Q_UNREACHABLE();
}

QString iconOf(BannerType type)
{
    switch (type) {
    case BannerType::Information:
        return u"banner-info"_s;
    case BannerType::Warning:
        return u"banner-warning"_s;
    case BannerType::Error:
        return u"banner-error"_s;
    }
    Q_UNREACHABLE();
}
} // namespace

MessageBanner::MessageBanner(QWidget *parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_buttons(new QHBoxLayout), m_close(new QToolButton(this))
{
    setAttribute(Qt::WA_StyledBackground, false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 5, 6, 5);
    layout->setSpacing(8);
    m_icon->setFixedSize(20, 20);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    m_text->setObjectName(u"bannerText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text, 1);
    m_buttons->setSpacing(4);
    layout->addLayout(m_buttons);
    m_close->setObjectName(u"bannerClose"_s);
    m_close->setAutoRaise(true);
    m_close->setText(tr("Dismiss"));
    m_close->setIcon(StateStyle::actionIcon(u"action-close"_s, palette()));
    m_close->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_close->setToolTip(tr("Dismiss this message; it comes back if the problem changes"));
    m_close->setAccessibleName(tr("Dismiss"));
    connect(m_close, &QToolButton::clicked, this, &MessageBanner::dismissed);
    layout->addWidget(m_close, 0, Qt::AlignVCenter);
}

void MessageBanner::setMessage(const QString &text, BannerType type,
                               const QList<QAction *> &actions)
{
    m_type = type;
    m_text->setText(text);
    setAccessibleName(text);
    updateIcon();
    if (actions == m_actions)
        return;
    qDeleteAll(m_actionButtons);
    m_actionButtons.clear();
    m_actions = actions;
    for (QAction *action : actions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setObjectName(u"bannerButton-"_s + action->objectName());
        m_buttons->addWidget(button);
        m_actionButtons << button;
    }
    update();
}

QString MessageBanner::text() const
{
    return m_text->text();
}

QToolButton *MessageBanner::button(const QAction *action) const
{
    for (QToolButton *button : m_actionButtons) {
        if (button->defaultAction() == action)
            return button;
    }
    return nullptr;
}

void MessageBanner::updateIcon()
{
    const int category = categoryOf(m_type);
    m_icon->setPixmap(StateStyle::tintedPixmap(
        iconOf(m_type), StateStyle::accent(category, palette()), 20, devicePixelRatioF()));
}

void MessageBanner::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int category = categoryOf(m_type);
    painter.setPen(QPen(StateStyle::chipBorder(category, palette()), 1));
    painter.setBrush(StateStyle::chipFill(category, palette()));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
}

void MessageBanner::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcon();
}

} // namespace retake::ui
