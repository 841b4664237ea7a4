// The status grid: a virtualized QListView that wraps the shots of each scene into lines
// of tiles under the scene's header. Keyboard navigation and extended selection come from
// QListView; tiles widen so that a line of them fills the view's width; while a batch runs it
// repaints the visible tiles once a second so retry countdowns tick.
#pragma once

#include <QList>
#include <QListView>
#include <QStringList>
#include <QTimer>

namespace retake::ui {

class ShotTileDelegate;

class ShotGridView final : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShotGridView)
public:
    explicit ShotGridView(QWidget *parent = nullptr);

    // Repaints the visible tiles every second (retry countdowns) while on.
    void setLiveRepaint(bool on);
    bool isLiveRepaint() const { return m_tick.isActive(); }
    // Shot ids of the selected tiles, in grid order.
    QStringList selectedShotIds() const;
    // The shot id of the current tile, empty when none.
    QString currentShotId() const;
    // Makes `shotId` the current and only selected tile.
    void selectShot(const QString &shotId);
    void setModel(QAbstractItemModel *model) override;
    int tileWidth() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // Tiles fill a line: as many columns as fit at the narrowest tile, but no more than the
    // longest scene has shots (a scene starts a line), each column as wide as that allows.
    void fitTiles();
    void countLongestScene();

    ShotTileDelegate *m_delegate;
    QTimer m_tick;
    int m_longestScene = 1;
    bool m_countPending = false;
    QList<QMetaObject::Connection> m_modelConnections;
};

} // namespace retake::ui
