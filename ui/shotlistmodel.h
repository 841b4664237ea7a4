// The status grid's model: one flat list with a header row per scene followed by one row
// per shot (the view wraps the shots of a scene into lines of tiles) and, when the scene
// has a voice-over or is assembled, a tile for the scene's cut (its voice-over and cut
// tasks); then a header and a tile for the final film when the storyboard is assembled.
// A header row also shows the tasks of its cut (or the film). Loaded (reset) only
// on open; during a run applyUpdates() turns the engine's coalesced task snapshots into
// ranged dataChanged() with the roles that changed.
#pragma once

#include "domain/project.h"
#include "domain/task.h"
#include "shottile.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QMultiHash>
#include <QString>

namespace retake::ui {

class ThumbnailCache;

class ShotListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShotListModel)
public:
    // Scene and Final are headers; Shot, SceneCut and Film are tiles (ShotTile).
    enum class RowKind { Scene, Shot, Final, SceneCut, Film };
    Q_ENUM(RowKind)
    static bool isTile(RowKind kind) { return kind != RowKind::Scene && kind != RowKind::Final; }

    enum Role {
        KindRole = Qt::UserRole + 1, // RowKind
        TileRole,                    // ShotTile (tiles only); the filter reads this role
        ShotIdRole,
        SceneIdRole,
        TitleRole,
        ImageStateRole,    // int(TaskState)
        VideoStateRole,    // int(TaskState)
        TaskIdsRole,       // QStringList
        SceneSummaryRole,  // "3 shots · 1 failed" (scene rows)
        AttemptCountRole,  // int
        DegradedRole,      // bool
        SceneTasksRole,    // QList<TaskSnapshot>: a header's own tasks (voice-over, cut, film)
        OtherProviderRole, // bool: a stage done at full parameters on an alternative provider
    };

    explicit ShotListModel(QObject *parent = nullptr);
    ~ShotListModel() override;

    // Replaces everything (model reset): on open only.
    void load(const Project &project, const QList<TaskSnapshot> &tasks);
    void clear();
    // Applies changed task snapshots: ranged dataChanged, never a reset.
    void applyUpdates(const QList<TaskSnapshot> &tasks);

    const Project &project() const { return m_project; }
    bool isLoaded() const { return m_loaded; }
    int shotCount() const { return int(m_tiles.size()); }
    // The tile of a tile row (a shot, a scene's cut, the film), nullptr for headers and
    // invalid rows.
    const ShotTile *tileAt(int row) const;
    // The tile whose key (ShotTile::shotId) is `shotId`: a shot, or a cut or the film.
    const ShotTile *tileForShot(const QString &shotId) const;
    // The key of the tile that holds task `taskId`, empty when none does.
    QString tileKeyOfTask(const QString &taskId) const;
    QModelIndex indexOfTask(const QString &taskId) const;
    TaskSnapshot task(const QString &taskId) const;
    QList<TaskSnapshot> tasks() const;
    // Calls `visit(const TaskSnapshot &)` for every task, no copies: the shots' tasks in
    // storyboard order, then the scenes' own tasks (voice-over, cut), then the final film.
    template <typename Visitor> void forEachTask(Visitor visit) const
    {
        for (const ShotTile &tile : m_tiles) {
            visit(tile.image);
            visit(tile.video);
        }
        for (const ShotTile &item : m_items) {
            for (const Stage stage : {item.firstStage(), item.secondStage()}) {
                if (item.has(stage))
                    visit(item.task(stage));
            }
        }
    }
    // Rows of the tiles of the scene whose header is at `sceneRow`: its shots and its cut.
    QList<int> shotRowsOfScene(int sceneRow) const;
    // The tasks of a header row itself: a scene's voice-over and cut, or the final film.
    QList<TaskSnapshot> sceneTasks(int row) const;
    const Shot *shotAt(int row) const;
    ThumbnailCache *thumbnails() const { return m_thumbnails; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct RowRef {
        RowKind kind = RowKind::Shot;
        int index = 0; // scene index or tile index
    };
    struct TaskRef {
        int tile = -1; // a shot's task (m_tiles), or
        int item = -1; // a scene's voice-over or cut, or the film (m_items)
        Stage stage = Stage::Image;
    };

    QString sceneSummary(int sceneIndex) const;
    QString tileToolTip(const ShotTile &tile) const;
    // The thumbnail of a finished cut or film (empty before): a picture of its scene.
    QString itemStill(const ShotTile &item) const;
    QVariant tileData(const ShotTile &tile, int role) const;
    QVariant headerRowData(const RowRef &ref, int role) const;
    // The tile of a scene's voice-over and cut, or of the film (`sceneIndex` -1).
    void addItemTile(int sceneIndex, const QList<TaskSnapshot> &tasks);
    void onThumbnailReady(const QString &path);

    Project m_project;
    bool m_loaded = false;
    QList<RowRef> m_rows;
    QList<ShotTile> m_tiles;
    QList<int> m_tileRow;
    QList<int> m_sceneRow;
    QList<ShotTile> m_items;             // the scenes' cuts, then the film
    QList<int> m_itemRow;                // row of each item tile
    QList<int> m_sceneItem;              // per scene: its item in m_items, or -1
    QHash<QString, int> m_itemIndex;     // item key -> m_items
    int m_finalRow = -1;                 // the film's header
    QList<QPair<int, int>> m_sceneTiles; // first tile, count
    QHash<QString, TaskRef> m_taskIndex;
    QHash<QString, int> m_shotIndex;
    QMultiHash<QString, int> m_thumbnailTiles; // image output path -> tile
    ThumbnailCache *m_thumbnails;
};

} // namespace retake::ui
