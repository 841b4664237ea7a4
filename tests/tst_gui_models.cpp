// The GUI's models and small classes without a window: the status grid's model and its
// filter proxy (under QAbstractItemModelTester), ranged updates without resets, the
// attempts model, banners' dismissal rules, palette-derived colours for light and dark
// themes, and the storyboard prompt patcher; one grid view is drawn offscreen to check the
// tiles' quality badges.
#include "attemptmodel.h"
#include "bannerarea.h"
#include "bannercoordinator.h"
#include "languagesupport.h"
#include "shotdetailpanel.h"
#include "shotfilter.h"
#include "shotfilterproxy.h"
#include "shotgridview.h"
#include "shotlistmodel.h"
#include "statestyle.h"
#include "storyboardpatcher.h"
#include "testprinters.h"

#include "project/storyboardloader.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace retake;
using namespace retake::ui;
using namespace Qt::StringLiterals;

namespace {

// Scenes s1..sN with `shots` shots each: ids "s<i>-sh<j>".
Project makeProject(int scenes, int shots)
{
    Project project;
    project.title = u"grid test"_s;
    for (int s = 1; s <= scenes; ++s) {
        Scene scene;
        scene.id = u"s%1"_s.arg(s);
        scene.title = u"Scene %1"_s.arg(s);
        for (int h = 1; h <= shots; ++h) {
            Shot shot;
            shot.id = u"s%1-sh%2"_s.arg(s).arg(h);
            shot.title = u"Shot %1.%2"_s.arg(s).arg(h);
            shot.prompt = u"prompt"_s;
            scene.shots << shot;
        }
        project.scenes << scene;
    }
    return project;
}

TaskSnapshot snapshot(const QString &shotId, Stage stage, TaskState state,
                      Quality quality = Quality::None)
{
    TaskSnapshot t;
    t.id = shotId + u'/' + nameOf(stage);
    t.shotId = shotId;
    t.sceneId = shotId.section(u'-', 0, 0);
    t.stage = stage;
    t.state = state;
    t.quality = quality;
    return t;
}

QList<TaskSnapshot> allQueued(const Project &project)
{
    QList<TaskSnapshot> tasks;
    for (const Scene &scene : project.scenes) {
        for (const Shot &shot : scene.shots) {
            tasks << snapshot(shot.id, Stage::Image, TaskState::Queued)
                  << snapshot(shot.id, Stage::Video, TaskState::Waiting);
        }
    }
    return tasks;
}

QStringList shownShots(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(ShotListModel::KindRole).value<ShotListModel::RowKind>() ==
            ShotListModel::RowKind::Shot)
            ids << index.data(ShotListModel::ShotIdRole).toString();
    }
    return ids;
}

double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    return p;
}

} // namespace

class TestGuiModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelHasHeaderRowPerSceneAndRowPerShot();
    void updatesAreRangedAndNeverReset();
    void unknownTasksAreIgnored();
    void doneOnAnotherProviderIsShown();
    void tilesShowOnlyTheShotsStages();
    void sceneTasksBelongToTheirHeader();
    void voiceOverWithoutAssemblyHasItsTile();
    void filterMatch_data();
    void filterMatch();
    void proxyFiltersByStateAndFollowsUpdates();
    void proxyFiltersByText();
    void attemptModelGroupsStages();
    void bannerDismissalComesBackWhenTextChanges();
    void bannerHidesWhenCauseIsGone();
    void chipColoursKeepContrast_data();
    void chipColoursKeepContrast();
    void everyStateHasIconAndWords();
    void patcherChangesOnlyThePrompt();
    void patcherAddsMissingNegative();
    void patcherRejectsUnknownShot();
    void translations_data();
    void translations();
    void englishPluralForms();
};

void TestGuiModels::modelHasHeaderRowPerSceneAndRowPerShot()
{
    ShotListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Project project = makeProject(3, 4);
    model.load(project, allQueued(project));
    QCOMPARE(model.rowCount(), 3 + 12);
    QCOMPARE(model.index(0).data(ShotListModel::KindRole).value<ShotListModel::RowKind>(),
             ShotListModel::RowKind::Scene);
    QCOMPARE(model.flags(model.index(0)), Qt::NoItemFlags); // headers: not selectable
    QCOMPARE(model.index(1).data(ShotListModel::ShotIdRole).toString(), u"s1-sh1"_s);
    QVERIFY(model.flags(model.index(1)) & Qt::ItemIsSelectable);
    QCOMPARE(model.index(5).data(ShotListModel::KindRole).value<ShotListModel::RowKind>(),
             ShotListModel::RowKind::Scene);
    QCOMPARE(model.shotRowsOfScene(5), (QList<int>{6, 7, 8, 9}));
    QCOMPARE(model.index(2).data(ShotListModel::ImageStateRole).toInt(), int(TaskState::Queued));
    QVERIFY(model.index(2).data(Qt::ToolTipRole).toString().contains(u"s1-sh2"_s));
    QCOMPARE(model.indexOfTask(u"s3-sh4/video"_s).row(), 14);
}

void TestGuiModels::updatesAreRangedAndNeverReset()
{
    ShotListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Project project = makeProject(3, 30);
    model.load(project, allQueued(project));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(resets.isValid() && changes.isValid());

    // Given two neighbouring shots of scene 1 and one far away in scene 3,
    // when one coalesced update arrives,
    model.applyUpdates({snapshot(u"s1-sh2"_s, Stage::Image, TaskState::Running),
                        snapshot(u"s1-sh3"_s, Stage::Image, TaskState::Done, Quality::Full),
                        snapshot(u"s3-sh30"_s, Stage::Image, TaskState::Failed)});
    // then no reset, and one dataChanged per neighbourhood (a scene header counts: its
    // summary changed).
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 3);
    const auto range = [&changes](int i) {
        return qMakePair(changes.at(i).at(0).toModelIndex().row(),
                         changes.at(i).at(1).toModelIndex().row());
    };
    QCOMPARE(range(0), qMakePair(0, 3)); // header s1 .. s1-sh3
    const int s3Header = 62;
    QCOMPARE(range(1), qMakePair(s3Header, s3Header));
    QCOMPARE(range(2), qMakePair(model.rowCount() - 1, model.rowCount() - 1));
    QCOMPARE(model.rowCount(), 93);
    // The changed roles are named (the proxy re-filters on TileRole).
    const QList<int> roles = changes.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(ShotListModel::TileRole));
    QVERIFY(!roles.contains(Qt::DecorationRole)); // no output changed
    QCOMPARE(model.task(u"s1-sh3/image"_s).state, TaskState::Done);
    QCOMPARE(model.tileForShot(u"s3-sh30"_s)->image.state, TaskState::Failed);
}

void TestGuiModels::doneOnAnotherProviderIsShown()
{
    LanguageSupport::install(qApp, u"en"_s);
    ShotListModel model;
    const Project project = makeProject(1, 3);
    model.load(project, allQueued(project));
    // Given one shot done by the primary, one by an alternative provider, one degraded,
    model.applyUpdates(
        {snapshot(u"s1-sh1"_s, Stage::Image, TaskState::Done, Quality::Full),
         snapshot(u"s1-sh2"_s, Stage::Image, TaskState::Done, Quality::FullOtherProvider),
         snapshot(u"s1-sh3"_s, Stage::Image, TaskState::Done, Quality::Reduced)});
    const auto indexOf = [&model](const QString &shotId) {
        const QModelIndexList hits =
            model.match(model.index(0, 0), ShotListModel::ShotIdRole, shotId, 1, Qt::MatchExactly);
        return hits.value(0);
    };
    // then only the second tile says "other provider", and it is not degraded,
    QCOMPARE(indexOf(u"s1-sh1"_s).data(ShotListModel::OtherProviderRole).toBool(), false);
    QCOMPARE(indexOf(u"s1-sh2"_s).data(ShotListModel::OtherProviderRole).toBool(), true);
    QCOMPARE(indexOf(u"s1-sh2"_s).data(ShotListModel::DegradedRole).toBool(), false);
    QCOMPARE(indexOf(u"s1-sh3"_s).data(ShotListModel::OtherProviderRole).toBool(), false);
    QCOMPARE(StateStyle::qualityLabel(Quality::FullOtherProvider), u"full · other provider"_s);
    // and its words (tooltip, detail panel, accessibility) name the quality.
    QVERIFY2(indexOf(u"s1-sh2"_s)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .contains(u"Image: done (full · other provider)"_s),
             qPrintable(indexOf(u"s1-sh2"_s).data(Qt::ToolTipRole).toString()));
    QVERIFY(StateStyle::qualityLabel(Quality::FullOtherProvider) !=
            StateStyle::qualityLabel(Quality::Full));

    // The grid draws the badge inside the tile (set RETAKE_GRAB_DIR to keep a PNG).
    ShotGridView view;
    view.setModel(&model);
    view.resize(760, 260);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage grab = view.grab().toImage();
    QVERIFY(!grab.isNull());
    const QString dir = qEnvironmentVariable("RETAKE_GRAB_DIR");
    if (!dir.isEmpty())
        QVERIFY(grab.save(dir + u"/grid-other-provider.png"_s));
}

void TestGuiModels::tilesShowOnlyTheShotsStages()
{
    // Issue 14, point 7: a still-only shot, an image and video, and a video made from a file.
    LanguageSupport::install(qApp, u"en"_s);
    QTemporaryDir dir;
    const QString still = dir.filePath(u"still.png"_s);
    const QString input = dir.filePath(u"keeper.png"_s);
    QImage picture(64, 36, QImage::Format_RGB32);
    picture.fill(QColor(40, 90, 200));
    QVERIFY(picture.save(still));
    picture.fill(QColor(230, 140, 20)); // the input image's colour, looked for in the grab
    QVERIFY(picture.save(input));
    Project project = makeProject(1, 3);
    project.scenes[0].shots[0].stages = ShotStages::ImageOnly;
    project.scenes[0].shots[2].stages = ShotStages::VideoOnly;
    project.scenes[0].shots[2].inputImagePath = input;
    TaskSnapshot image1 = snapshot(u"s1-sh1"_s, Stage::Image, TaskState::Done, Quality::Full);
    image1.outputPath = still;
    TaskSnapshot image2 = snapshot(u"s1-sh2"_s, Stage::Image, TaskState::Done, Quality::Full);
    image2.outputPath = still;
    const QList<TaskSnapshot> tasks{image1, image2,
                                    snapshot(u"s1-sh2"_s, Stage::Video, TaskState::Running),
                                    snapshot(u"s1-sh3"_s, Stage::Video, TaskState::Queued)};
    ShotListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.load(project, tasks);
    const QModelIndex sh1 = model.indexOfTask(u"s1-sh1/image"_s);
    const QModelIndex sh3 = model.indexOfTask(u"s1-sh3/video"_s);
    QVERIFY(!model.indexOfTask(u"s1-sh1/video"_s).isValid()); // no such task
    QVERIFY(!model.indexOfTask(u"s1-sh3/image"_s).isValid());
    QCOMPARE(sh1.data(ShotListModel::TaskIdsRole).toStringList(), QStringList{u"s1-sh1/image"_s});
    QCOMPARE(sh3.data(ShotListModel::TaskIdsRole).toStringList(), QStringList{u"s1-sh3/video"_s});
    QCOMPARE(model.tasks().size(), 4);
    QVERIFY(sh1.data(Qt::ToolTipRole).toString().contains(u"Image only"_s));
    QVERIFY(sh3.data(Qt::ToolTipRole).toString().contains(input));
    // The still-only shot is done with its image: counted done, never "queued" for a video.
    QVERIFY2(model.index(0).data(ShotListModel::SceneSummaryRole).toString().contains(u"1 done"_s),
             qPrintable(model.index(0).data(ShotListModel::SceneSummaryRole).toString()));
    ShotFilter queued;
    queued.setCategory(StateCategory::Queued, true);
    const ShotTile tile1 = sh1.data(ShotListModel::TileRole).value<ShotTile>();
    const ShotTile tile3 = sh3.data(ShotListModel::TileRole).value<ShotTile>();
    QVERIFY(!queued.match(tile1));
    QVERIFY(queued.match(tile3));

    // The grid shows the input file as the video-only shot's still.
    ShotGridView view;
    view.setModel(&model);
    view.resize(760, 260);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(!sh3.data(Qt::DecorationRole).value<QPixmap>().isNull());
    QTRY_VERIFY(!sh1.data(Qt::DecorationRole).value<QPixmap>().isNull());
    const QImage grab = view.grab().toImage();
    QVERIFY(!grab.isNull());
    QVERIFY(grab.save(u"/tmp/stages-grid.png"_s));
    const QString grabDir = qEnvironmentVariable("RETAKE_GRAB_DIR");
    if (!grabDir.isEmpty())
        QVERIFY(grab.save(grabDir + u"/grid-stages.png"_s));
    const qreal dpr = grab.devicePixelRatio();
    const QRect tile = view.visualRect(sh3);
    const QPoint thumbCentre(tile.center().x(), tile.top() + 6 + kTileThumbnailSize.height() / 2);
    const QColor seen = grab.pixelColor(thumbCentre * dpr);
    QVERIFY2(std::abs(seen.red() - 230) < 12 && std::abs(seen.blue() - 20) < 12,
             qPrintable(seen.name()));

    // The detail panel says what is left out and previews the file.
    ShotDetailPanel panel;
    panel.resize(420, 700);
    panel.setShot(&tile1, &project.scenes[0].shots[0]);
    const QLabel *videoState = panel.findChild<QLabel *>(u"videoState"_s);
    QVERIFY(videoState);
    QVERIFY2(videoState->text().contains(u"Image only"_s), qPrintable(videoState->text()));
    const auto *videoButton = panel.findChild<QToolButton *>(u"previewVideo"_s);
    QVERIFY(videoButton && !videoButton->isEnabled());
    panel.setShot(&tile3, &project.scenes[0].shots[2]);
    QVERIFY(videoButton->isEnabled());
    panel.setPreviewStage(Stage::Image);
    QTRY_VERIFY(panel.hasPreview()); // the input file, loaded on the pool
    panel.show();
    QVERIFY(panel.grab().save(u"/tmp/stages-detail.png"_s));
    const QLabel *imageState = panel.findChild<QLabel *>(u"imageState"_s);
    QVERIFY(imageState && imageState->text().contains(u"keeper.png"_s));
}

void TestGuiModels::unknownTasksAreIgnored()
{
    ShotListModel model;
    const Project project = makeProject(1, 2);
    model.load(project, allQueued(project));
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.applyUpdates({snapshot(u"nope"_s, Stage::Image, TaskState::Failed)});
    QCOMPARE(changes.count(), 0);
}

void TestGuiModels::sceneTasksBelongToTheirHeader()
{
    ShotListModel model;
    ShotFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Project project = makeProject(2, 2);
    QList<TaskSnapshot> tasks = allQueued(project);
    const auto sceneTask = [](const QString &scene, Stage stage, const QString &suffix) {
        TaskSnapshot t;
        t.id = scene + u'/' + suffix;
        t.sceneId = scene;
        t.stage = stage;
        t.state = TaskState::Waiting;
        return t;
    };
    tasks << sceneTask(u"s1"_s, Stage::Audio, u"audio"_s)
          << sceneTask(u"s1"_s, Stage::Assembly, u"assemble"_s)
          << sceneTask(u"s2"_s, Stage::Assembly, u"assemble"_s)
          << sceneTask(u"final"_s, Stage::Assembly, u"assemble"_s);
    model.load(project, tasks);
    // Two headers, four shots, a cut tile per scene (issue 16: items of their own), and
    // the final film's header and tile.
    QCOMPARE(model.rowCount(), 2 + 4 + 2 + 2);
    QCOMPARE(model.index(8).data(ShotListModel::KindRole).value<ShotListModel::RowKind>(),
             ShotListModel::RowKind::Final);
    QCOMPARE(model.flags(model.index(8)), Qt::NoItemFlags);
    QCOMPARE(model.index(9).data(ShotListModel::KindRole).value<ShotListModel::RowKind>(),
             ShotListModel::RowKind::Film);
    QVERIFY(model.flags(model.index(9)) & Qt::ItemIsSelectable);
    QCOMPARE(model.index(3).data(ShotListModel::KindRole).value<ShotListModel::RowKind>(),
             ShotListModel::RowKind::SceneCut);
    QVERIFY(model.flags(model.index(3)) & Qt::ItemIsSelectable);
    // A cut tile holds the scene's voice-over and cut; its key is the cut's task id.
    const ShotTile *s1 = model.tileAt(3);
    QVERIFY(s1);
    QCOMPARE(s1->shotId, u"s1/assemble"_s);
    QCOMPARE(s1->taskIds(), (QStringList{u"s1/audio"_s, u"s1/assemble"_s}));
    QCOMPARE(model.tileForShot(u"s1/assemble"_s), s1);
    QCOMPARE(model.tileKeyOfTask(u"s1/audio"_s), u"s1/assemble"_s);
    QCOMPARE(model.tileAt(7)->taskIds(), QStringList{u"s2/assemble"_s});
    QCOMPARE(model.tileAt(9)->taskIds(), QStringList{u"final/assemble"_s});
    QCOMPARE(model.shotRowsOfScene(0), (QList<int>{1, 2, 3}));
    QCOMPARE(model.sceneTasks(0).size(), 2);
    QCOMPARE(model.sceneTasks(4).size(), 1);
    QCOMPARE(model.tasks().size(), 8 + 4);
    QCOMPARE(model.indexOfTask(u"s2/assemble"_s).row(), 7);

    // A failed cut updates its tile and its header (one ranged change), and the failed
    // filter shows that header and the cut's tile alone.
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    TaskSnapshot cut = model.task(u"s2/assemble"_s);
    cut.state = TaskState::Failed;
    model.applyUpdates({cut});
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.first().at(0).toModelIndex().row(), 4);
    QCOMPARE(changes.first().at(1).toModelIndex().row(), 7);
    QCOMPARE(model.task(u"s2/assemble"_s).state, TaskState::Failed);
    QCOMPARE(model.tileAt(7)->video.state, TaskState::Failed);
    ShotFilter failed;
    failed.setCategory(StateCategory::Failed, true);
    proxy.setFilter(failed);
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(proxy.index(0, 0).data(ShotListModel::SceneIdRole).toString(), u"s2"_s);
    QCOMPARE(proxy.index(1, 0).data(ShotListModel::ShotIdRole).toString(), u"s2/assemble"_s);
    // The film's cut failing shows its header and tile too.
    TaskSnapshot film = model.task(u"final/assemble"_s);
    film.state = TaskState::Failed;
    model.applyUpdates({film});
    QCOMPARE(proxy.rowCount(), 4);
    QVERIFY(!StateStyle::stageLabel(Stage::Assembly).isEmpty());
    QVERIFY(!StateStyle::stageShortLabel(Stage::Audio).isEmpty());
}

void TestGuiModels::voiceOverWithoutAssemblyHasItsTile()
{
    // A scene with a voice-over in a storyboard that is not assembled: a tile with the
    // voice-over alone (keyed by its task id), no film.
    ShotListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Project project = makeProject(1, 2);
    QList<TaskSnapshot> tasks = allQueued(project);
    TaskSnapshot voice;
    voice.id = u"s1/audio"_s;
    voice.sceneId = u"s1"_s;
    voice.stage = Stage::Audio;
    voice.state = TaskState::Waiting;
    tasks << voice;
    model.load(project, tasks);
    QCOMPARE(model.rowCount(), 1 + 2 + 1);
    const ShotTile *tile = model.tileAt(3);
    QVERIFY(tile);
    QCOMPARE(tile->kind, ShotTile::Kind::SceneCut);
    QCOMPARE(tile->shotId, u"s1/audio"_s);
    QCOMPARE(tile->stages, ShotStages::ImageOnly);
    QVERIFY(tile->has(Stage::Audio));
    QVERIFY(!tile->has(Stage::Assembly));
    QCOMPARE(tile->taskIds(), QStringList{u"s1/audio"_s});
    QCOMPARE(tile->draftFolder(), u"draft/s1"_s);
    QVERIFY(!model.shotAt(3)); // not a shot: no prompt
    // Done: it counts for its tile; a finished voice-over alone shows no picture.
    voice.state = TaskState::Done;
    voice.attemptCount = 1;
    model.applyUpdates({voice});
    QVERIFY(model.tileAt(3)->isDone());
    QCOMPARE(model.index(3).data(ShotListModel::AttemptCountRole).toInt(), 1);
    QVERIFY(model.index(3).data(Qt::DecorationRole).value<QPixmap>().isNull());
}

void TestGuiModels::filterMatch_data()
{
    QTest::addColumn<TaskState>("image");
    QTest::addColumn<Quality>("imageQuality");
    QTest::addColumn<TaskState>("video");
    QTest::addColumn<QString>("categories");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("match");

    QTest::newRow("no filter") << TaskState::Done << Quality::Full << TaskState::Done << QString()
                               << QString() << true;
    QTest::newRow("failed video") << TaskState::Done << Quality::Full << TaskState::Failed
                                  << u"failed"_s << QString() << true;
    QTest::newRow("not failed") << TaskState::Done << Quality::Full << TaskState::Done
                                << u"failed"_s << QString() << false;
    QTest::newRow("degraded is also done") << TaskState::Done << Quality::Fallback
                                           << TaskState::Waiting << u"done"_s << QString() << true;
    QTest::newRow("degraded") << TaskState::Done << Quality::Reduced << TaskState::Waiting
                              << u"degraded"_s << QString() << true;
    QTest::newRow("full is not degraded") << TaskState::Done << Quality::Full << TaskState::Done
                                          << u"degraded"_s << QString() << false;
    QTest::newRow("waiting counts as queued")
        << TaskState::Running << Quality::None << TaskState::Waiting << u"queued"_s << QString()
        << true;
    QTest::newRow("any of two") << TaskState::Blocked << Quality::None << TaskState::Blocked
                                << u"failed,blocked"_s << QString() << true;
    QTest::newRow("text in title") << TaskState::Done << Quality::Full << TaskState::Done
                                   << QString() << u"LIGHTHOUSE"_s << true;
    QTest::newRow("text and state") << TaskState::Done << Quality::Full << TaskState::Done
                                    << u"failed"_s << u"lighthouse"_s << false;
    QTest::newRow("text elsewhere") << TaskState::Done << Quality::Full << TaskState::Done
                                    << QString() << u"harbour"_s << false;
}

void TestGuiModels::filterMatch()
{
    QFETCH(TaskState, image);
    QFETCH(Quality, imageQuality);
    QFETCH(TaskState, video);
    QFETCH(QString, categories);
    QFETCH(QString, text);
    QFETCH(bool, match);

    ShotTile tile;
    tile.shotId = u"s1-sh1"_s;
    tile.title = u"The lighthouse"_s;
    tile.image = snapshot(tile.shotId, Stage::Image, image, imageQuality);
    tile.video = snapshot(tile.shotId, Stage::Video, video);
    static const QHash<QString, StateCategory> byName{
        {u"done"_s, StateCategory::Done},       {u"degraded"_s, StateCategory::Degraded},
        {u"running"_s, StateCategory::Running}, {u"retrying"_s, StateCategory::Retrying},
        {u"queued"_s, StateCategory::Queued},   {u"failed"_s, StateCategory::Failed},
        {u"blocked"_s, StateCategory::Blocked}};
    ShotFilter filter;
    for (const QString &name : categories.split(u',', Qt::SkipEmptyParts))
        filter.setCategory(byName.value(name), true);
    filter.setText(text);
    QCOMPARE(filter.match(tile), match);
}

void TestGuiModels::proxyFiltersByStateAndFollowsUpdates()
{
    ShotListModel model;
    ShotFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Project project = makeProject(3, 3);
    model.load(project, allQueued(project));
    QCOMPARE(proxy.rowCount(), 12);

    model.applyUpdates({snapshot(u"s1-sh2"_s, Stage::Image, TaskState::Failed),
                        snapshot(u"s1-sh2"_s, Stage::Video, TaskState::Blocked),
                        snapshot(u"s3-sh1"_s, Stage::Video, TaskState::Failed)});
    ShotFilter failed;
    failed.setCategory(StateCategory::Failed, true);
    proxy.setFilter(failed);
    // Given the "failed" filter: two shots and their two scene headers.
    QCOMPARE(shownShots(proxy), (QStringList{u"s1-sh2"_s, u"s3-sh1"_s}));
    QCOMPARE(proxy.rowCount(), 4);
    QCOMPARE(proxy.index(0, 0).data(ShotListModel::SceneIdRole).toString(), u"s1"_s);

    // When a failed shot is re-queued, it leaves the view without a reset, and its scene
    // header goes with it.
    QSignalSpy resets(&proxy, &QAbstractItemModel::modelReset);
    model.applyUpdates({snapshot(u"s3-sh1"_s, Stage::Video, TaskState::Queued)});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(shownShots(proxy), (QStringList{u"s1-sh2"_s}));
    QCOMPARE(proxy.rowCount(), 2);
    // And a new failure appears.
    model.applyUpdates({snapshot(u"s2-sh3"_s, Stage::Image, TaskState::Failed)});
    QCOMPARE(shownShots(proxy), (QStringList{u"s1-sh2"_s, u"s2-sh3"_s}));

    proxy.setFilter(ShotFilter());
    QCOMPARE(proxy.rowCount(), 12);
}

void TestGuiModels::proxyFiltersByText()
{
    ShotListModel model;
    ShotFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Project project = makeProject(2, 12);
    model.load(project, allQueued(project));
    ShotFilter filter;
    filter.setText(u"sh11"_s);
    proxy.setFilter(filter);
    QCOMPARE(shownShots(proxy), (QStringList{u"s1-sh11"_s, u"s2-sh11"_s}));
}

void TestGuiModels::attemptModelGroupsStages()
{
    AttemptModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Attempt failed;
    failed.number = 1;
    failed.providerId = u"studio"_s;
    failed.model = u"studio-xl"_s;
    failed.errorClass = ErrorClass::RateLimited;
    failed.httpStatus = 429;
    failed.message = u"HTTP 429 Too Many Requests"_s;
    failed.startedAt = QDateTime::currentDateTimeUtc().addSecs(-3);
    failed.endedAt = failed.startedAt.addMSecs(1500);
    Attempt ok = failed;
    ok.number = 2;
    ok.rung = RungKind::Fallback;
    ok.errorClass = ErrorClass::None;
    ok.httpStatus = 0;
    ok.message.clear();
    ok.outputPath = u"draft/s1/s1-sh1/video.a2.mp4"_s;

    model.setAttempts(Stage::Video, {failed});
    model.setAttempts(Stage::Image, {ok});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.stageAt(0), Stage::Image); // image rows come first
    model.setAttempts(Stage::Video, {failed, ok});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(AttemptModel::ColumnCount));
    const auto cell = [&model](int row, AttemptModel::Column column) {
        return model.index(row, column).data().toString();
    };
    QCOMPARE(cell(1, AttemptModel::NumberColumn), u"1"_s);
    QCOMPARE(cell(1, AttemptModel::ProviderColumn), u"studio / studio-xl"_s);
    QCOMPARE(cell(1, AttemptModel::HttpStatusColumn), u"429"_s);
    QCOMPARE(cell(1, AttemptModel::ErrorClassColumn),
             StateStyle::errorLabel(ErrorClass::RateLimited));
    QCOMPARE(cell(1, AttemptModel::MessageColumn), u"HTTP 429 Too Many Requests"_s);
    QCOMPARE(cell(2, AttemptModel::OutcomeColumn), StateStyle::qualityLabel(Quality::Fallback));
    QVERIFY(!cell(1, AttemptModel::DurationColumn).isEmpty());
    QCOMPARE(cell(2, AttemptModel::HttpStatusColumn), QString());
    model.setAttempts(Stage::Video, {});
    QCOMPARE(model.rowCount(), 1);
}

void TestGuiModels::bannerDismissalComesBackWhenTextChanges()
{
    BannerArea area;
    QAction retry(u"Retry all failed"_s);
    retry.setObjectName(u"retryAll"_s);
    MessageBanner *banner =
        area.showMessage(u"failed"_s, u"2 tasks failed"_s, BannerType::Error, {&retry});
    QVERIFY(banner);
    QSignalSpy triggered(&retry, &QAction::triggered);
    QTest::mouseClick(banner->button(&retry), Qt::LeftButton);
    QCOMPARE(triggered.count(), 1);

    QTest::mouseClick(banner->closeButton(), Qt::LeftButton);
    QTRY_VERIFY(!area.banner(u"failed"_s));
    // The same cause with the same words stays dismissed...
    QVERIFY(!area.showMessage(u"failed"_s, u"2 tasks failed"_s, BannerType::Error, {&retry}));
    QVERIFY(area.isDismissed(u"failed"_s));
    // ...until it changes.
    QVERIFY(area.showMessage(u"failed"_s, u"3 tasks failed"_s, BannerType::Error, {&retry}));
}

void TestGuiModels::bannerHidesWhenCauseIsGone()
{
    BannerArea area;
    area.show();
    area.showMessage(u"a"_s, u"one"_s, BannerType::Warning);
    area.showMessage(u"b"_s, u"two"_s, BannerType::Information);
    QCOMPARE(area.keys(), (QStringList{u"a"_s, u"b"_s}));
    area.hideMessage(u"a"_s);
    QCOMPARE(area.keys(), (QStringList{u"b"_s}));
    area.retainOnly({});
    QVERIFY(area.keys().isEmpty());
    QVERIFY(!area.isVisible());
}

void TestGuiModels::chipColoursKeepContrast_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
}

void TestGuiModels::chipColoursKeepContrast()
{
    QFETCH(QPalette, palette);
    for (int category = -1; category <= int(StateCategory::Blocked); ++category) {
        const QColor fill = StateStyle::chipFill(category, palette);
        // The chip's words stay readable (WCAG AA for normal text)...
        QVERIFY2(contrast(palette.color(QPalette::Text), fill) >= 4.5,
                 qPrintable(u"category %1"_s.arg(category)));
        // ...and its icon stands out from the chip.
        QVERIFY2(contrast(StateStyle::accent(category, palette), fill) >= 1.8,
                 qPrintable(u"category %1 icon"_s.arg(category)));
    }
}

void TestGuiModels::everyStateHasIconAndWords()
{
    for (const TaskState state :
         {TaskState::Waiting, TaskState::Queued, TaskState::Running, TaskState::Retrying,
          TaskState::Done, TaskState::Failed, TaskState::Blocked, TaskState::Interrupted,
          TaskState::Cancelled, TaskState::Skipped}) {
        TaskSnapshot task = snapshot(u"s"_s, Stage::Image, state);
        QVERIFY(!StateStyle::chipText(task).isEmpty());
        const QPixmap icon = StateStyle::tintedPixmap(StateStyle::iconName(task), Qt::red, 16, 1);
        QVERIFY(!icon.isNull());
        // Something was drawn: the icon is not fully transparent.
        const QImage image = icon.toImage();
        bool drawn = false;
        for (int y = 0; y < image.height() && !drawn; ++y)
            for (int x = 0; x < image.width() && !drawn; ++x)
                drawn = qAlpha(image.pixel(x, y)) > 0;
        QVERIFY2(drawn, qPrintable(nameOf(state)));
    }
    TaskSnapshot retrying = snapshot(u"s"_s, Stage::Video, TaskState::Retrying);
    retrying.retryAt = QDateTime::currentDateTimeUtc().addMSecs(3500);
    QVERIFY(StateStyle::chipText(retrying).contains(u"4"_s)); // the countdown
    TaskSnapshot running = snapshot(u"s"_s, Stage::Video, TaskState::Running);
    running.progress = 0.42;
    QVERIFY(StateStyle::chipText(running).contains(u"42"_s));
}

void TestGuiModels::patcherChangesOnlyThePrompt()
{
    QFile file(QStringLiteral(RETAKE_SOURCE_DIR "/resources/examples/demo.retake.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    QString error;
    const QString prompt = u"A calm \"sea\" at dawn, \\ wide — ünïcode"_s;
    const QByteArray patched =
        StoryboardPatcher::patchPrompt(original, u"s01-sh02"_s, prompt, u"no people"_s, &error);
    QVERIFY2(!patched.isEmpty(), qPrintable(error));
    const LoadResult before = StoryboardLoader::loadJson(original, u"demo"_s);
    const LoadResult after = StoryboardLoader::loadJson(patched, u"demo"_s);
    QVERIFY(after.ok());
    const Shot &shot = after.project->scenes.at(0).shots.at(1);
    QCOMPARE(shot.id, u"s01-sh02"_s);
    QCOMPARE(shot.prompt, prompt);
    QCOMPARE(shot.negativePrompt, u"no people"_s);
    // Every other shot is unchanged, and so is the file outside the two values.
    QCOMPARE(after.project->scenes.at(0).shots.at(0).prompt,
             before.project->scenes.at(0).shots.at(0).prompt);
    const qsizetype firstDifference = [&] {
        qsizetype i = 0;
        while (i < original.size() && original.at(i) == patched.at(i))
            ++i;
        return i;
    }();
    QVERIFY(original.left(firstDifference).contains("\"s01-sh02\""));
    QVERIFY(
        original.endsWith(patched.right(patched.size() - patched.lastIndexOf("no people") - 10)));
}

void TestGuiModels::patcherAddsMissingNegative()
{
    const QByteArray json = R"({"format": "retake-project/1", "title": "t",
        "scenes": [{"id": "a", "shots": [{"prompt": "old", "id": "a-1"}]}]})";
    QString error;
    const QByteArray patched =
        StoryboardPatcher::patchPrompt(json, u"a-1"_s, u"new"_s, u"neg"_s, &error);
    QVERIFY2(!patched.isEmpty(), qPrintable(error));
    const LoadResult result = StoryboardLoader::loadJson(patched, u"t"_s);
    QVERIFY2(result.ok(), qPrintable(result.issueStrings().join(u'\n')));
    QCOMPARE(result.project->scenes.at(0).shots.at(0).prompt, u"new"_s);
    QCOMPARE(result.project->scenes.at(0).shots.at(0).negativePrompt, u"neg"_s);
}

void TestGuiModels::patcherRejectsUnknownShot()
{
    QString error;
    QVERIFY(
        StoryboardPatcher::patchPrompt(R"({"scenes": []})", u"x"_s, u"p"_s, {}, &error).isEmpty());
    QVERIFY(error.contains(u"x"_s));
    QVERIFY(StoryboardPatcher::patchPrompt("{\"scenes\": [", u"x"_s, u"p"_s, {}, &error).isEmpty());
}

void TestGuiModels::translations_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("failed");
    QTest::addColumn<QString>("oneTaskFailed");
    QTest::newRow("de") << u"de"_s << u"fehlgeschlagen"_s
                        << u"1 Aufgabe ist fehlgeschlagen und braucht Sie."_s;
    QTest::newRow("fr") << u"fr"_s << u"échoué"_s << u"1 tâche a échoué et a besoin de vous."_s;
    QTest::newRow("en") << u"en"_s << u"failed"_s << u"1 task failed and needs you."_s;
}

void TestGuiModels::translations()
{
    QFETCH(QString, language);
    QFETCH(QString, failed);
    QFETCH(QString, oneTaskFailed);
    const QLocale locale = LanguageSupport::install(qApp, language);
    QCOMPARE(locale.name().left(2), language);
    QCOMPARE(StateStyle::stateLabel(TaskState::Failed), failed);
    QCOMPARE(BannerCoordinator::tr("%n task(s) failed and need you.", nullptr, 1), oneTaskFailed);
    // Every translatable text of the context is there (no fall-back to English).
    if (language != u"en"_s)
        QVERIFY(StateStyle::errorLabel(ErrorClass::RateLimited) != u"rate limited"_s);
    LanguageSupport::install(qApp, u"en"_s);
}

void TestGuiModels::englishPluralForms()
{
    LanguageSupport::install(qApp, u"en"_s);
    QCOMPARE(ShotListModel::tr("%n shot(s)", nullptr, 1), u"1 shot"_s);
    QCOMPARE(ShotListModel::tr("%n shot(s)", nullptr, 3), u"3 shots"_s);
    // An untranslated language falls back to English with its plural forms.
    LanguageSupport::install(qApp, u"sv"_s);
    QCOMPARE(ShotListModel::tr("%n shot(s)", nullptr, 2), u"2 shots"_s);
    LanguageSupport::install(qApp, u"en"_s);
}

QTEST_MAIN(TestGuiModels)
#include "tst_gui_models.moc"
