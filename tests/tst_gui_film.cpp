// The demo tells the whole story (issue 16): a storyboard with voice-overs and
// "assemble": true shows each scene's cut and the final film as tiles of their own, with
// their state, attempts, errors and recovery actions, and the detail panel plays them.
// The first test is a real run with the built-in provider (espeak-ng, ffmpeg); the second
// scripts a failing cut with FakeProvider.
#include "desktopnotifier.h"
#include "fakeprovider.h"
#include "mediaplayerwidget.h"
#include "statestyle.h"
#include "testprinters.h"
#include "tst_gui_fixture.h"

#include <QFileInfo>
#include <QLabel>

#include <atomic>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

// Two scenes of one shot each, each with a voice-over, cut together into a film.
const char *const kFilmStoryboard = R"({
  "format": "retake-project/1",
  "title": "Film",
  "assemble": true,
  "defaults": {"image": {"width": 96, "height": 54, "steps": 4},
               "video": {"duration": 0.5, "fps": 8, "motion": "zoom-in"}},
  "scenes": [
    {"id": "a", "title": "Dawn", "voiceover": {"text": "Gulls at dawn.", "language": "en"},
     "shots": [{"id": "a-1", "title": "Gulls", "prompt": "Gulls over a lighthouse."}]},
    {"id": "b", "title": "Dusk", "voiceover": {"text": "The lamp is lit.", "language": "en"},
     "shots": [{"id": "b-1", "title": "Lamp", "prompt": "A lamp at dusk."}]}]
})";

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return path;
}

ShotListModel::RowKind kindOf(const ShotListModel *model, const QString &taskId)
{
    return model->indexOfTask(taskId).data(ShotListModel::KindRole).value<ShotListModel::RowKind>();
}

} // namespace

class TestGuiFilm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void realRunShowsCutsAndFilmAndPlaysIt();
    void failedCutIsRetriedFromItsTile();

private:
    std::unique_ptr<GuiFixture> f;
};

void TestGuiFilm::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_film"_s);
}

void TestGuiFilm::init()
{
    f = std::make_unique<GuiFixture>();
}

void TestGuiFilm::cleanup()
{
    f.reset();
}

void TestGuiFilm::realRunShowsCutsAndFilmAndPlaysIt()
{
    // Given a storyboard with voice-overs and assembly, run with the built-in provider
    const QString path = write(*f->dir, u"film.retake.json"_s, kFilmStoryboard);
    f->openAndWait(path);
    const ShotListModel *model = f->window->shotModel();
    // the cuts and the film are tiles of their own from the start, waiting:
    // a header, a shot and a cut per scene, then the film's header and tile.
    QCOMPARE(model->rowCount(), 2 * 3 + 2);
    QCOMPARE(kindOf(model, u"a/assemble"_s), ShotListModel::RowKind::SceneCut);
    QCOMPARE(kindOf(model, u"a/audio"_s), ShotListModel::RowKind::SceneCut);
    QCOMPARE(kindOf(model, u"final/assemble"_s), ShotListModel::RowKind::Film);
    QCOMPARE(model->task(u"final/assemble"_s).state, TaskState::Waiting);
    f->runToEnd();

    // Then every cut, voice-over and the film are done, each with its file,
    for (const QString &id :
         {u"a/audio"_s, u"a/assemble"_s, u"b/audio"_s, u"b/assemble"_s, u"final/assemble"_s}) {
        const TaskSnapshot task = model->task(id);
        QVERIFY2(task.state == TaskState::Done,
                 qPrintable(id + u": "_s + StateStyle::describe(task) + u' ' + task.lastMessage));
        QVERIFY2(QFileInfo(task.outputPath).isFile(), qPrintable(id + u' ' + task.outputPath));
    }
    const ShotTile *cut = model->tileForShot(u"a/assemble"_s);
    QVERIFY(cut);
    QCOMPARE(cut->kind, ShotTile::Kind::SceneCut);
    QVERIFY(cut->isDone());
    QCOMPARE(cut->attemptCount(), 2); // its voice-over and its cut, one attempt each
    const ShotTile *film = model->tileForShot(u"final/assemble"_s);
    QVERIFY(film);
    const QString filmPath = film->video.outputPath;
    QVERIFY2(filmPath.contains(u"/draft/final/"_s), qPrintable(filmPath));

    // When the film's tile is selected
    f->selectShot(u"final/assemble"_s);
    ShotDetailPanel *detail = f->window->detailPanel();
    QCOMPARE(detail->shotId(), u"final/assemble"_s);
    auto *title = detail->findChild<QLabel *>(u"detailTitle"_s);
    QVERIFY(title);
    QCOMPARE(title->text(), u"Final film"_s);
    auto *state = detail->findChild<QLabel *>(u"videoState"_s);
    QVERIFY(state);
    QVERIFY2(state->accessibleName().startsWith(u"Cut: done"_s),
             qPrintable(state->accessibleName()));
    // its attempts are listed, as a shot's are,
    QTRY_COMPARE(detail->attemptModel()->rowCount(), 1);
    QCOMPARE(detail->attemptModel()->stageAt(0), Stage::Assembly);
    // a prompt does not apply; retry does not either (it is done)
    QVERIFY(!f->window->action(MainWindow::Action::EditPrompt)->isEnabled());
    QVERIFY(!f->window->action(MainWindow::Action::Retry)->isEnabled());
    QVERIFY(f->window->action(MainWindow::Action::OpenOutputFolder)->isEnabled());

    // and the player gets the film's file: it loads it, or says clearly why it cannot.
    MediaPlayerWidget *player = detail->player();
    QVERIFY(player->isVisibleTo(detail));
    QCOMPARE(player->source(), filmPath);
    if (MediaPlayerWidget::isAvailable()) {
        QTRY_VERIFY_WITH_TIMEOUT(player->isLoaded() || !player->errorText().isEmpty(), 20000);
        if (player->errorText().isEmpty()) {
            // Two scenes of 0.5 s each.
            QVERIFY2(player->durationMs() >= 900,
                     qPrintable(QString::number(player->durationMs())));
            player->play();
            // Frames are painted offscreen (no sound device needed for the picture).
            QTRY_VERIFY_WITH_TIMEOUT(!player->currentFrame().isNull(), 20000);
        } else {
            QVERIFY2(player->errorText().contains(u"cannot be played"_s),
                     qPrintable(player->errorText()));
        }
    } else {
        QVERIFY2(player->statusText().contains(u"system player"_s),
                 qPrintable(player->statusText()));
    }
    grabIfAsked(f->window.get(), u"film-window"_s);

    // A scene's cut shows its voice-over and its cut; the player gets the cut.
    f->selectShot(u"b/assemble"_s);
    QCOMPARE(player->source(), model->task(u"b/assemble"_s).outputPath);
    QTRY_COMPARE(detail->attemptModel()->rowCount(), 2);
    QCOMPARE(detail->attemptModel()->stageAt(0), Stage::Audio);
    QCOMPARE(detail->attemptModel()->stageAt(1), Stage::Assembly);
    auto *voice = detail->findChild<QLabel *>(u"imageState"_s);
    QVERIFY(voice);
    QVERIFY2(voice->accessibleName().startsWith(u"Voice-over: done"_s),
             qPrintable(voice->accessibleName()));
}

void TestGuiFilm::failedCutIsRetriedFromItsTile()
{
    // Given an assembled storyboard with a voice-over whose scene cut fails for good,
    QFile source(writeStoryboard(*f->dir));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(source.readAll()).object();
    source.close();
    root.insert(u"assemble"_s, true);
    QJsonArray scenes = root.value(u"scenes"_s).toArray();
    QJsonObject scene = scenes.at(0).toObject();
    scene.insert(u"voiceover"_s, QJsonObject{{u"text"_s, u"Gulls at dawn."_s}});
    scenes[0] = scene;
    root.insert(u"scenes"_s, scenes);
    const QString board = write(*f->dir, u"assembled.retake.json"_s, QJsonDocument(root).toJson());
    auto failCut = std::make_shared<std::atomic<bool>>(true);
    f->window->engineController()->addSetup(
        fakes({u"studio"_s, u"local"_s}, [failCut](const GenerationRequest &request) {
            return request.taskId == u"a/assemble"_s && failCut->load()
                       ? FakeOutcome(ErrorClass::InvalidRequest, std::nullopt, 400)
                       : FakeOutcome();
        }));
    f->openAndWait(board);
    f->runToEnd();
    const ShotListModel *model = f->window->shotModel();
    QCOMPARE(model->task(u"a/assemble"_s).state, TaskState::Failed);
    QCOMPARE(model->task(u"a/audio"_s).state, TaskState::Done);

    // A click on the desktop notification of the failure selects the cut's own tile (the
    // scene's id names no tile),
    auto *notifier = f->window->findChild<DesktopNotifier *>();
    QVERIFY(notifier);
    Q_EMIT notifier->taskRequested(u"a/assemble"_s);
    QCOMPARE(f->window->gridView()->currentShotId(), u"a/assemble"_s);
    f->window->gridView()->selectShot(u"a-1"_s);

    // When its tile is selected, the panel shows the error and what to do,
    f->selectShot(u"a/assemble"_s);
    ShotDetailPanel *detail = f->window->detailPanel();
    QCOMPARE(detail->shotId(), u"a/assemble"_s);
    auto *state = detail->findChild<QLabel *>(u"videoState"_s);
    QVERIFY(state);
    QVERIFY2(state->text().contains(u"Last error"_s), qPrintable(state->text()));
    QTRY_VERIFY(detail->attemptModel()->rowCount() >= 2);
    // no cut to play yet: the panel offers the voice-over
    QCOMPARE(detail->player()->source(), model->task(u"a/audio"_s).outputPath);
    // the tile offers Retry; not Switch provider (a cut is the built-in ffmpeg job), not
    // Edit prompt (a cut has none)
    QAction *retry = f->window->action(MainWindow::Action::Retry);
    QVERIFY(retry->isEnabled());
    QVERIFY(!f->window->action(MainWindow::Action::SwitchProvider)->isEnabled());
    QVERIFY(!f->window->action(MainWindow::Action::EditPrompt)->isEnabled());
    grabIfAsked(f->window.get(), u"film-failed-cut"_s);

    // and Retry makes the cut again, and the film after it.
    failCut->store(false);
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    retry->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(model->task(u"a/assemble"_s).state, TaskState::Done, kRunTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(model->task(u"final/assemble"_s).state, TaskState::Done,
                              kRunTimeoutMs);
    QTRY_VERIFY(state->text().contains(u"done"_s));
    QVERIFY(!retry->isEnabled());
}

QTEST_MAIN(TestGuiFilm)
#include "tst_gui_film.moc"
