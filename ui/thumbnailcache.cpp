#include "thumbnailcache.h"

#include <QFutureWatcher>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>

namespace retake::ui {

ThumbnailCache::ThumbnailCache(QSize size, qint64 maxBytes, QObject *parent)
    : QObject(parent), m_size(size), m_cache(int(std::max<qint64>(1, maxBytes / 1024)))
{
}

QPixmap ThumbnailCache::thumbnail(const QString &path)
{
    if (path.isEmpty())
        return {};
    if (const QPixmap *pixmap = m_cache.object(path))
        return *pixmap;
    if (!m_pending.contains(path) && !m_unreadable.contains(path))
        load(path);
    return {};
}

void ThumbnailCache::load(const QString &path)
{
    m_pending.insert(path);
    const QSize box = m_size;
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        m_pending.remove(path);
        const QImage image = watcher->result();
        if (image.isNull()) {
            m_unreadable.insert(path);
            return;
        }
        // Device pixels at the screen's ratio: drawn 1:1 into a tile.
        auto *pixmap = new QPixmap(QPixmap::fromImage(image));
        pixmap->setDevicePixelRatio(qGuiApp ? qGuiApp->devicePixelRatio() : 1.0);
        const int cost = std::max(1, int(qint64(image.sizeInBytes()) / 1024));
        m_cache.insert(path, pixmap, cost);
        Q_EMIT ready(path);
    });
    // Pool thread: decode and scale only; the pixmap is made on the GUI thread.
    watcher->setFuture(QtConcurrent::run([path, box] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QSize full = reader.size();
        // Decode at most at twice the box, then scale smoothly.
        if (full.isValid() && (full.width() > 2 * box.width() || full.height() > 2 * box.height()))
            reader.setScaledSize(full.scaled(box * 2, Qt::KeepAspectRatio));
        QImage image = reader.read();
        // QImageReader's scaling is fast but rough for PNG: finish smoothly here, once.
        if (!image.isNull() && (image.width() > box.width() || image.height() > box.height()))
            image = image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        return image;
    }));
}

} // namespace retake::ui
