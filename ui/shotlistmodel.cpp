#include "shotlistmodel.h"

#include "statecategory.h"
#include "statestyle.h"
#include "thumbnailcache.h"

#include "domain/project.h"
#include "domain/taskid.h"

#include <QGuiApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake::ui {

ShotListModel::ShotListModel(QObject *parent)
    : QAbstractListModel(parent),
      m_thumbnails(new ThumbnailCache(
          kTileThumbnailSize * (qGuiApp ? qGuiApp->devicePixelRatio() : 1.0), 96ll << 20, this))
{
    connect(m_thumbnails, &ThumbnailCache::ready, this, &ShotListModel::onThumbnailReady);
}

ShotListModel::~ShotListModel() = default;

void ShotListModel::load(const Project &project, const QList<TaskSnapshot> &tasks)
{
    beginResetModel();
    m_project = project;
    m_loaded = true;
    m_rows.clear();
    m_tiles.clear();
    m_tileRow.clear();
    m_sceneRow.clear();
    m_sceneTiles.clear();
    m_items.clear();
    m_itemRow.clear();
    m_sceneItem.clear();
    m_itemIndex.clear();
    m_finalRow = -1;
    m_taskIndex.clear();
    m_shotIndex.clear();
    m_thumbnailTiles.clear();
    // The scenes' own tasks (voice-over, cut) and the film's, in the engine's order.
    QHash<QString, int> sceneIndex;
    for (int s = 0; s < project.scenes.size(); ++s)
        sceneIndex.insert(project.scenes.at(s).id, s);
    QList<QList<TaskSnapshot>> sceneTasks(project.scenes.size());
    QList<TaskSnapshot> filmTasks;
    for (const TaskSnapshot &task : tasks) {
        if (task.stage != Stage::Audio && task.stage != Stage::Assembly)
            continue;
        if (task.sceneId == QString::fromUtf16(kFinalSceneId))
            filmTasks << task;
        else if (const int s = sceneIndex.value(task.sceneId, -1); s >= 0)
            sceneTasks[s] << task;
    }
    const int shots = project.shotCount();
    m_rows.reserve(shots + 2 * project.scenes.size() + 2);
    m_tiles.reserve(shots);
    for (int s = 0; s < project.scenes.size(); ++s) {
        const Scene &scene = project.scenes.at(s);
        m_sceneRow << int(m_rows.size());
        m_rows << RowRef{RowKind::Scene, s};
        m_sceneTiles << qMakePair(int(m_tiles.size()), int(scene.shots.size()));
        for (int h = 0; h < scene.shots.size(); ++h) {
            const Shot &shot = scene.shots.at(h);
            ShotTile tile;
            tile.sceneIndex = s;
            tile.shotIndex = h;
            tile.sceneId = scene.id;
            tile.shotId = shot.id;
            tile.title = shot.title;
            tile.stages = shot.stages;
            tile.inputImagePath = shot.inputImagePath;
            tile.video.stage = Stage::Video;
            if (!tile.inputImagePath.isEmpty())
                m_thumbnailTiles.insert(tile.inputImagePath, int(m_tiles.size()));
            for (const Stage stage : {Stage::Image, Stage::Video}) {
                if (!tile.has(stage))
                    continue; // no task: the delegate draws a placeholder
                TaskSnapshot &task = tile.task(stage);
                task.id = TaskId::of(shot.id, stage);
                task.sceneId = scene.id;
                task.shotId = shot.id;
                task.stage = stage;
                m_taskIndex.insert(task.id, TaskRef{int(m_tiles.size()), -1, stage});
            }
            m_shotIndex.insert(shot.id, int(m_tiles.size()));
            m_tileRow << int(m_rows.size());
            m_rows << RowRef{RowKind::Shot, int(m_tiles.size())};
            m_tiles << tile;
        }
        m_sceneItem << -1;
        if (!sceneTasks.at(s).isEmpty())
            addItemTile(s, sceneTasks.at(s));
    }
    if (!filmTasks.isEmpty()) {
        m_finalRow = int(m_rows.size());
        m_rows << RowRef{RowKind::Final, -1};
        addItemTile(-1, filmTasks);
    }
    for (const TaskSnapshot &task : tasks) {
        const auto it = m_taskIndex.constFind(task.id);
        if (it == m_taskIndex.constEnd() || it->tile < 0)
            continue;
        m_tiles[it->tile].task(it->stage) = task;
        if (it->stage == Stage::Image && !task.outputPath.isEmpty())
            m_thumbnailTiles.insert(task.outputPath, it->tile);
    }
    endResetModel();
}

void ShotListModel::addItemTile(int sceneIndex, const QList<TaskSnapshot> &tasks)
{
    ShotTile item;
    item.kind = sceneIndex < 0 ? ShotTile::Kind::Film : ShotTile::Kind::SceneCut;
    item.sceneIndex = sceneIndex;
    item.sceneId =
        sceneIndex < 0 ? QString::fromUtf16(kFinalSceneId) : m_project.scenes.at(sceneIndex).id;
    item.image.stage = Stage::Audio;
    item.video.stage = Stage::Assembly;
    bool voice = false;
    bool cut = false;
    for (const TaskSnapshot &task : tasks) {
        item.task(task.stage) = task;
        (task.stage == Stage::Audio ? voice : cut) = true;
        m_taskIndex.insert(task.id, TaskRef{-1, int(m_items.size()), task.stage});
    }
    item.stages = voice && cut ? ShotStages::ImageAndVideo
                  : voice      ? ShotStages::ImageOnly
                               : ShotStages::VideoOnly;
    item.shotId = cut ? item.video.id : item.image.id;
    item.title = sceneIndex < 0 ? tr("Final film")
                 : cut          ? tr("Scene cut")
                                : tr("Voice-over", "a scene's tile without a cut");
    m_itemIndex.insert(item.shotId, int(m_items.size()));
    if (sceneIndex >= 0)
        m_sceneItem[sceneIndex] = int(m_items.size());
    m_itemRow << int(m_rows.size());
    m_rows << RowRef{sceneIndex < 0 ? RowKind::Film : RowKind::SceneCut, int(m_items.size())};
    m_items << item;
}

void ShotListModel::clear()
{
    beginResetModel();
    m_project = Project();
    m_loaded = false;
    m_rows.clear();
    m_tiles.clear();
    m_tileRow.clear();
    m_sceneRow.clear();
    m_sceneTiles.clear();
    m_items.clear();
    m_itemRow.clear();
    m_sceneItem.clear();
    m_itemIndex.clear();
    m_finalRow = -1;
    m_taskIndex.clear();
    m_shotIndex.clear();
    m_thumbnailTiles.clear();
    endResetModel();
}

void ShotListModel::applyUpdates(const QList<TaskSnapshot> &tasks)
{
    QList<int> rows;
    rows.reserve(tasks.size() * 2);
    bool thumbnailsChanged = false;
    for (const TaskSnapshot &task : tasks) {
        const auto it = m_taskIndex.constFind(task.id);
        if (it == m_taskIndex.constEnd())
            continue;
        if (it->tile < 0) {
            // A scene's voice-over or cut: its tile and its scene's header; the film: its
            // tile and its header.
            ShotTile &item = m_items[it->item];
            item.task(it->stage) = task;
            thumbnailsChanged = true; // a finished cut shows its scene's picture
            rows << m_itemRow.at(it->item)
                 << (item.sceneIndex < 0 ? m_finalRow : m_sceneRow.at(item.sceneIndex));
            continue;
        }
        ShotTile &tile = m_tiles[it->tile];
        TaskSnapshot &current = tile.task(it->stage);
        if (it->stage == Stage::Image && current.outputPath != task.outputPath) {
            m_thumbnailTiles.remove(current.outputPath, it->tile);
            if (!task.outputPath.isEmpty())
                m_thumbnailTiles.insert(task.outputPath, it->tile);
            thumbnailsChanged = true;
        }
        current = task;
        rows << m_tileRow.at(it->tile) << m_sceneRow.at(tile.sceneIndex);
    }
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());

    QList<int> roles{TileRole,         ImageStateRole,    VideoStateRole,
                     AttemptCountRole, DegradedRole,      SceneSummaryRole,
                     Qt::ToolTipRole,  Qt::StatusTipRole, Qt::AccessibleTextRole};
    if (thumbnailsChanged)
        roles << Qt::DecorationRole;
    // Ranged: neighbouring rows (a few apart) go into one dataChanged.
    constexpr int kMaxGap = 8;
    int first = rows.first();
    int last = first;
    for (int i = 1; i <= rows.size(); ++i) {
        if (i < rows.size() && rows.at(i) - last <= kMaxGap) {
            last = rows.at(i);
            continue;
        }
        Q_EMIT dataChanged(index(first), index(last), roles);
        if (i < rows.size())
            first = last = rows.at(i);
    }
}

QList<TaskSnapshot> ShotListModel::sceneTasks(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const RowRef &ref = m_rows.at(row);
    if (ref.kind == RowKind::Final)
        return m_items.isEmpty() ? QList<TaskSnapshot>() : m_items.last().tasks();
    if (ref.kind == RowKind::Scene) {
        const int item = m_sceneItem.value(ref.index, -1);
        return item < 0 ? QList<TaskSnapshot>() : m_items.at(item).tasks();
    }
    return {};
}

const ShotTile *ShotListModel::tileAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    const RowRef &ref = m_rows.at(row);
    if (ref.kind == RowKind::Shot)
        return &m_tiles.at(ref.index);
    if (ref.kind == RowKind::SceneCut || ref.kind == RowKind::Film)
        return &m_items.at(ref.index);
    return nullptr;
}

const ShotTile *ShotListModel::tileForShot(const QString &shotId) const
{
    if (const int i = m_shotIndex.value(shotId, -1); i >= 0)
        return &m_tiles.at(i);
    const int item = m_itemIndex.value(shotId, -1);
    return item < 0 ? nullptr : &m_items.at(item);
}

QString ShotListModel::tileKeyOfTask(const QString &taskId) const
{
    const auto it = m_taskIndex.constFind(taskId);
    if (it == m_taskIndex.constEnd())
        return {};
    return it->tile >= 0 ? m_tiles.at(it->tile).shotId : m_items.at(it->item).shotId;
}

QModelIndex ShotListModel::indexOfTask(const QString &taskId) const
{
    const auto it = m_taskIndex.constFind(taskId);
    if (it == m_taskIndex.constEnd())
        return {};
    return index(it->tile >= 0 ? m_tileRow.at(it->tile) : m_itemRow.at(it->item));
}

TaskSnapshot ShotListModel::task(const QString &taskId) const
{
    const auto it = m_taskIndex.constFind(taskId);
    if (it == m_taskIndex.constEnd())
        return {};
    if (it->tile >= 0)
        return m_tiles.at(it->tile).task(it->stage);
    return m_items.at(it->item).task(it->stage);
}

QList<TaskSnapshot> ShotListModel::tasks() const
{
    QList<TaskSnapshot> list;
    list.reserve(m_tiles.size() * 2 + m_items.size() * 2);
    for (const ShotTile &tile : m_tiles)
        list << tile.tasks();
    for (const ShotTile &item : m_items)
        list << item.tasks();
    return list;
}

QList<int> ShotListModel::shotRowsOfScene(int sceneRow) const
{
    QList<int> rows;
    if (sceneRow < 0 || sceneRow >= m_rows.size() || m_rows.at(sceneRow).kind != RowKind::Scene)
        return rows;
    const int scene = m_rows.at(sceneRow).index;
    const auto [first, count] = m_sceneTiles.at(scene);
    rows.reserve(count + 1);
    for (int t = first; t < first + count; ++t)
        rows << m_tileRow.at(t);
    if (const int item = m_sceneItem.value(scene, -1); item >= 0)
        rows << m_itemRow.at(item);
    return rows;
}

const Shot *ShotListModel::shotAt(int row) const
{
    const ShotTile *tile = tileAt(row);
    return tile && tile->isShot() ? &m_project.scenes.at(tile->sceneIndex).shots.at(tile->shotIndex)
                                  : nullptr;
}

int ShotListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

Qt::ItemFlags ShotListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return Qt::NoItemFlags;
    // Headers are neither selectable nor reachable with the keyboard; tiles are.
    if (!isTile(m_rows.at(index.row()).kind))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ShotListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(TileRole, "tile");
    names.insert(ShotIdRole, "shotId");
    names.insert(SceneIdRole, "sceneId");
    names.insert(TitleRole, "title");
    names.insert(ImageStateRole, "imageState");
    names.insert(VideoStateRole, "videoState");
    names.insert(TaskIdsRole, "taskIds");
    names.insert(SceneSummaryRole, "sceneSummary");
    names.insert(AttemptCountRole, "attemptCount");
    names.insert(DegradedRole, "degraded");
    names.insert(OtherProviderRole, "otherProvider");
    names.insert(SceneTasksRole, "sceneTasks");
    return names;
}

QVariant ShotListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return {};
    const RowRef &ref = m_rows.at(index.row());
    if (role == KindRole)
        return QVariant::fromValue(ref.kind);
    if (ref.kind == RowKind::Final || ref.kind == RowKind::Scene)
        return headerRowData(ref, role);
    return tileData(ref.kind == RowKind::Shot ? m_tiles.at(ref.index) : m_items.at(ref.index),
                    role);
}

QVariant ShotListModel::headerRowData(const RowRef &ref, int role) const
{
    if (ref.kind == RowKind::Final) {
        switch (role) {
        case Qt::DisplayRole:
        case TitleRole:
            return tr("Final film");
        case SceneIdRole:
            return QString::fromUtf16(kFinalSceneId);
        case SceneTasksRole:
            return QVariant::fromValue(sceneTasks(m_finalRow));
        case SceneSummaryRole:
            return tr("All scenes cut together");
        case Qt::ToolTipRole:
        case Qt::StatusTipRole:
        case Qt::AccessibleTextRole: {
            QStringList lines{tr("Final film")};
            for (const TaskSnapshot &t : sceneTasks(m_finalRow))
                lines << StateStyle::describe(t);
            return lines.join(u'\n');
        }
        default:
            return {};
        }
    }
    const Scene &scene = m_project.scenes.at(ref.index);
    const int row = m_sceneRow.at(ref.index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return scene.title.isEmpty()
                   ? scene.id
                   : tr("%1 — %2", "scene id — scene title").arg(scene.id, scene.title);
    case SceneIdRole:
        return scene.id;
    case TitleRole:
        return scene.title;
    case SceneTasksRole:
        return QVariant::fromValue(sceneTasks(row));
    case SceneSummaryRole:
        return sceneSummary(ref.index);
    case Qt::ToolTipRole:
    case Qt::StatusTipRole: {
        QStringList lines{sceneSummary(ref.index)};
        for (const TaskSnapshot &t : sceneTasks(row))
            lines << StateStyle::describe(t);
        return lines.join(u'\n');
    }
    default:
        return {};
    }
}

QVariant ShotListModel::tileData(const ShotTile &tile, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case ShotIdRole:
        return tile.shotId;
    case Qt::DecorationRole:
        return m_thumbnails->thumbnail(tile.isShot() ? tile.stillPath() : itemStill(tile));
    case Qt::ToolTipRole:
    case Qt::StatusTipRole:
    case Qt::AccessibleTextRole:
        return tileToolTip(tile);
    case TileRole:
        return QVariant::fromValue(tile);
    case SceneIdRole:
        return tile.sceneId;
    case TitleRole:
        return tile.title;
    case ImageStateRole:
        return int(tile.image.state);
    case VideoStateRole:
        return int(tile.video.state);
    case TaskIdsRole:
        return tile.taskIds();
    case AttemptCountRole:
        return tile.attemptCount();
    case DegradedRole:
        return tile.isDegraded();
    case OtherProviderRole:
        return tile.isOnOtherProvider();
    default:
        return {};
    }
}

QString ShotListModel::sceneSummary(int sceneIndex) const
{
    const auto [first, count] = m_sceneTiles.at(sceneIndex);
    int done = 0;
    int failed = 0;
    int active = 0;
    for (int t = first; t < first + count; ++t) {
        const ShotTile &tile = m_tiles.at(t);
        if (tile.isDone())
            ++done;
        if (isInCategory(tile.image, StateCategory::Failed) ||
            isInCategory(tile.video, StateCategory::Failed) ||
            isInCategory(tile.image, StateCategory::Blocked) ||
            isInCategory(tile.video, StateCategory::Blocked))
            ++failed;
        if (tile.image.state == TaskState::Running || tile.video.state == TaskState::Running ||
            tile.image.state == TaskState::Retrying || tile.video.state == TaskState::Retrying)
            ++active;
    }
    QString text =
        tr("%n shot(s)", nullptr, count) + u" · "_s + tr("%1 done", "shots of a scene").arg(done);
    if (active > 0)
        text += u" · "_s + tr("%1 in progress", "shots of a scene").arg(active);
    if (failed > 0)
        text += u" · "_s + tr("%1 need attention", "shots of a scene").arg(failed);
    return text;
}

QString ShotListModel::tileToolTip(const ShotTile &tile) const
{
    if (!tile.isShot()) {
        QString text = tile.kind == ShotTile::Kind::Film
                           ? tile.title
                           : tr("%1 — %2", "scene id — tile title").arg(tile.sceneId, tile.title);
        for (const TaskSnapshot &task : tile.tasks())
            text += u'\n' + StateStyle::describe(task);
        return text;
    }
    QString text = tile.title.isEmpty()
                       ? tile.shotId
                       : tr("%1 — %2", "shot id — shot title").arg(tile.shotId, tile.title);
    for (const TaskSnapshot &task : tile.tasks())
        text += u'\n' + StateStyle::describe(task);
    if (tile.stages == ShotStages::ImageOnly)
        text += u'\n' + tr("Image only: this shot has no video");
    else if (tile.stages == ShotStages::VideoOnly)
        text += u'\n' + tr("Video from the image file %1").arg(tile.inputImagePath);
    return text;
}

void ShotListModel::onThumbnailReady(const QString &path)
{
    const QList<int> tiles = m_thumbnailTiles.values(path);
    for (const int t : tiles) {
        const QModelIndex i = index(m_tileRow.at(t));
        Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
    }
    for (int item = 0; item < m_items.size(); ++item) {
        if (itemStill(m_items.at(item)) == path) {
            const QModelIndex i = index(m_itemRow.at(item));
            Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
        }
    }
}

QString ShotListModel::itemStill(const ShotTile &item) const
{
    // The picture of a finished cut: its scene's first shot; the film's: the first scene's.
    const int scene = std::max(0, item.sceneIndex);
    if (item.video.state != TaskState::Done || scene >= m_sceneTiles.size() ||
        m_sceneTiles.at(scene).second == 0)
        return {};
    return m_tiles.at(m_sceneTiles.at(scene).first).stillPath();
}

} // namespace retake::ui
