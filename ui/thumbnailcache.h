// Thumbnails of output images, decoded and scaled on the global QThreadPool
// (QtConcurrent) and kept in a bounded QCache. thumbnail() never waits: on a miss it
// starts the load and returns a null pixmap; ready() tells when to repaint.
#pragma once

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QSize>
#include <QString>

namespace retake::ui {

class ThumbnailCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThumbnailCache)
public:
    // `size`: the box thumbnails are scaled into (device pixels); `maxBytes`: cache bound.
    explicit ThumbnailCache(QSize size, qint64 maxBytes = 64ll * 1024 * 1024,
                            QObject *parent = nullptr);

    QPixmap thumbnail(const QString &path);
    bool contains(const QString &path) const { return m_cache.contains(path); }
    int pendingCount() const { return int(m_pending.size()); }
    int maxCost() const { return int(m_cache.maxCost()); }
    int totalCost() const { return int(m_cache.totalCost()); }

Q_SIGNALS:
    void ready(const QString &path);

private:
    void load(const QString &path);

    QSize m_size;
    QCache<QString, QPixmap> m_cache; // cost in KiB
    QSet<QString> m_pending;
    QSet<QString> m_unreadable;
};

} // namespace retake::ui
