// The status grid's model: one flat list with a header row per scene followed by one row
// per shot (the view wraps the shots of a scene into lines of tiles), and a last row for
// the final film when the storyboard is assembled. A scene's own tasks (voice-over, cut)
// belong to its header row. Loaded (reset) only
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
    enum class RowKind { Scene, Shot, Final };
    Q_ENUM(RowKind)

    enum Role {
        KindRole = Qt::UserRole + 1, // RowKind
        TileRole,                    // ShotTile (shots only); the filter reads this role
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
    // The tile of a shot row, nullptr for scene rows and invalid rows.
    const ShotTile *tileAt(int row) const;
    const ShotTile *tileForShot(const QString &shotId) const;
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
        for (const QList<TaskSnapshot> &own : m_sceneTasks) {
            for (const TaskSnapshot &t : own)
                visit(t);
        }
        for (const TaskSnapshot &t : m_finalTasks)
            visit(t);
    }
    // Rows of the shots of the scene whose header is at `sceneRow`.
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
        int tile = -1;  // a shot's task, or
        int scene = -1; // a scene's own task (m_sceneTasks[scene][slot]), or -2: the film
        int slot = 0;
        Stage stage = Stage::Image;
    };

    QString sceneSummary(int sceneIndex) const;
    TaskSnapshot *sceneTask(const TaskRef &ref);
    QString tileToolTip(const ShotTile &tile) const;
    void onThumbnailReady(const QString &path);

    Project m_project;
    bool m_loaded = false;
    QList<RowRef> m_rows;
    QList<ShotTile> m_tiles;
    QList<int> m_tileRow;
    QList<int> m_sceneRow;
    QList<QList<TaskSnapshot>> m_sceneTasks; // per scene: voice-over, cut (when present)
    QList<TaskSnapshot> m_finalTasks;        // the final film, when assembled
    int m_finalRow = -1;
    QList<QPair<int, int>> m_sceneTiles; // first tile, count
    QHash<QString, TaskRef> m_taskIndex;
    QHash<QString, int> m_shotIndex;
    QMultiHash<QString, int> m_thumbnailTiles; // image output path -> tile
    ThumbnailCache *m_thumbnails;
};

} // namespace retake::ui
