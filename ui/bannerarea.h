// Stacked error banners above the grid. Each has a key (its cause); showing a key again
// updates its banner in place. A banner the user dismissed stays hidden while its text is
// unchanged and comes back when it changes; hideMessage() (the cause is gone) removes it
// and forgets the dismissal.
#pragma once

#include "messagebanner.h"

#include <QHash>
#include <QMap>
#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QVBoxLayout;
QT_END_NAMESPACE

namespace retake::ui {

class BannerArea final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BannerArea)
public:
    explicit BannerArea(QWidget *parent = nullptr);

    // Shows (or updates) the banner of `key`. Returns it, or nullptr while dismissed.
    MessageBanner *showMessage(const QString &key, const QString &text, BannerType type,
                               const QList<QAction *> &actions = {});
    void hideMessage(const QString &key);
    // Hides every banner whose key is not in `keep`.
    void retainOnly(const QStringList &keep);
    void clear();

    MessageBanner *banner(const QString &key) const { return m_banners.value(key); }
    QStringList keys() const;
    bool isDismissed(const QString &key) const { return m_dismissed.contains(key); }

Q_SIGNALS:
    void bannersChanged();

private:
    QVBoxLayout *m_layout;
    QMap<QString, MessageBanner *> m_banners;
    QHash<QString, QString> m_dismissed; // key -> text that was dismissed
};

} // namespace retake::ui
