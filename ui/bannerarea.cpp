#include "bannerarea.h"

#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

BannerArea::BannerArea(QWidget *parent) : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    setObjectName(u"bannerArea"_s);
    m_layout->setContentsMargins(6, 4, 6, 0);
    m_layout->setSpacing(4);
    setVisible(false);
}

MessageBanner *BannerArea::showMessage(const QString &key, const QString &text, BannerType type,
                                       const QList<QAction *> &actions)
{
    const auto dismissed = m_dismissed.constFind(key);
    if (dismissed != m_dismissed.constEnd()) {
        if (*dismissed == text)
            return nullptr;
        m_dismissed.remove(key);
    }
    MessageBanner *banner = m_banners.value(key);
    const bool created = !banner;
    if (created) {
        banner = new MessageBanner(this);
        banner->setObjectName(u"banner-"_s + key);
        connect(banner, &MessageBanner::dismissed, this, [this, key] {
            MessageBanner *b = m_banners.take(key);
            if (!b)
                return;
            m_dismissed.insert(key, b->text());
            b->hide();
            b->deleteLater();
            setVisible(!m_banners.isEmpty());
            Q_EMIT bannersChanged();
        });
        // Keep the order stable: sorted by key.
        m_banners.insert(key, banner);
        m_layout->insertWidget(int(std::distance(m_banners.begin(), m_banners.find(key))), banner);
    }
    const bool changed =
        created || banner->text() != text || banner->type() != type || banner->actions() != actions;
    banner->setMessage(text, type, actions);
    banner->show();
    setVisible(true);
    if (changed)
        Q_EMIT bannersChanged();
    return banner;
}

void BannerArea::hideMessage(const QString &key)
{
    m_dismissed.remove(key);
    MessageBanner *banner = m_banners.take(key);
    if (!banner)
        return;
    banner->hide();
    banner->deleteLater();
    setVisible(!m_banners.isEmpty());
    Q_EMIT bannersChanged();
}

void BannerArea::retainOnly(const QStringList &keep)
{
    const QStringList current = m_banners.keys();
    for (const QString &key : current) {
        if (!keep.contains(key))
            hideMessage(key);
    }
    const QStringList dismissed = m_dismissed.keys();
    for (const QString &key : dismissed) {
        if (!keep.contains(key))
            m_dismissed.remove(key);
    }
}

void BannerArea::clear()
{
    retainOnly({});
}

QStringList BannerArea::keys() const
{
    return m_banners.keys();
}

} // namespace retake::ui
