// Stages per shot (issue 14, point 7): a storyboard says per shot, scene or in its defaults
// whether a shot is an image only, an image and a video (the default), or a video only made
// from an image file beside the storyboard. Reading, validation, CSV import, the task graph
// and a batch through the engine.
#include "domain/taskgraph.h"
#include "enginefixture.h"
#include "project/storyboardloader.h"
#include "testprinters.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace retake;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

// A storyboard with `scenes` as its "scenes" value and `defaults` as extra defaults fields.
QByteArray storyboard(const QString &scenes, const QString &defaults = {})
{
    return (uR"({"format": "retake-project/1", "defaults": {"image": {"width": 64, "height": 36})"_s +
            (defaults.isEmpty() ? QString() : u", "_s + defaults) + u"}, \"scenes\": "_s + scenes +
            u"}"_s)
        .toUtf8();
}

bool writePng(const QString &path, int width = 32, int height = 18)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    return image.save(path, "PNG");
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

const Shot *findShot(const Project &project, const QString &id)
{
    for (const Scene &scene : project.scenes) {
        for (const Shot &shot : scene.shots) {
            if (shot.id == id)
                return &shot;
        }
    }
    return nullptr;
}

QStringList taskIds(const TaskGraph &graph)
{
    QStringList ids;
    for (const TaskNode &node : graph.nodes())
        ids << node.id;
    return ids;
}

} // namespace

class TestStages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup() { m_dir.reset(); }

    void shotOverridesSceneOverridesDefaults();
    void storyboardWithoutStagesIsImageAndVideo();
    void inputImageIsResolvedAndFingerprinted();
    void invalidStages_data();
    void invalidStages();
    void symlinkOutOfTheFolderIsRefused();
    void csvImportReadsStagesAndInputImage();
    void csvErrorsNameTheRowAndTheFix();
    void graphHasOnlyTheShotsStages();
    void batchRunsOnlyTheStagesEachShotHas();
    void videoOnlyHashFollowsTheFile();

private:
    LoadResult loadFile(const QString &name, const QByteArray &text);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStages::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

LoadResult TestStages::loadFile(const QString &name, const QByteArray &text)
{
    const QString path = m_dir->filePath(name);
    if (!writeText(path, text))
        return {};
    return StoryboardLoader::loadFile(path);
}

void TestStages::shotOverridesSceneOverridesDefaults()
{
    QVERIFY(writePng(m_dir->filePath(u"stills/b2.png"_s)));
    const LoadResult r = loadFile(u"mixed.retake.json"_s, storyboard(uR"([
      {"id": "a", "shots": [{"id": "a1", "prompt": "p"},
                            {"id": "a2", "prompt": "p", "stages": "image+video"}]},
      {"id": "b", "stages": "image+video", "shots": [
        {"id": "b1", "prompt": "p"},
        {"id": "b2", "prompt": "p", "stages": "video", "inputImage": "stills/b2.png"}]}])"_s,
                                                                     u"\"stages\": \"image\""_s));
    QVERIFY2(r.ok(), qPrintable(r.issueStrings().join(u'\n')));
    const Project &p = *r.project;
    QCOMPARE(findShot(p, u"a1"_s)->stages, ShotStages::ImageOnly);     // defaults
    QCOMPARE(findShot(p, u"a2"_s)->stages, ShotStages::ImageAndVideo); // shot over defaults
    QCOMPARE(findShot(p, u"b1"_s)->stages, ShotStages::ImageAndVideo); // scene over defaults
    QCOMPARE(findShot(p, u"b2"_s)->stages, ShotStages::VideoOnly);     // shot over scene
    QCOMPARE(p.taskCount(), 1 + 2 + 2 + 1);
}

void TestStages::storyboardWithoutStagesIsImageAndVideo()
{
    const LoadResult r = StoryboardLoader::loadJson(
        storyboard(uR"([{"id": "a", "shots": [{"id": "a1", "prompt": "p"}]}])"_s), u"x"_s);
    QVERIFY(r.ok());
    const Shot &shot = r.project->scenes.at(0).shots.at(0);
    QCOMPARE(shot.stages, ShotStages::ImageAndVideo);
    QVERIFY(shot.hasStage(Stage::Image) && shot.hasStage(Stage::Video));
    QCOMPARE(r.project->taskCount(), 2);
    // The demo keeps every shot an image and a video.
    const LoadResult demo = StoryboardLoader::loadFile(QStringLiteral(RETAKE_SOURCE_DIR) +
                                                       u"/resources/examples/demo.retake.json"_s);
    QVERIFY(demo.ok());
    for (const Scene &scene : demo.project->scenes) {
        for (const Shot &s : scene.shots)
            QCOMPARE(s.stages, ShotStages::ImageAndVideo);
    }
}

void TestStages::inputImageIsResolvedAndFingerprinted()
{
    QVERIFY(writePng(m_dir->filePath(u"in/first.png"_s)));
    const LoadResult r = loadFile(
        u"v.retake.json"_s,
        storyboard(
            uR"([{"id": "a", "shots": [{"id": "a1", "prompt": "p", "stages": "video", "inputImage": "in/first.png"}]}])"_s));
    QVERIFY2(r.ok(), qPrintable(r.issueStrings().join(u'\n')));
    const Shot &shot = r.project->scenes.at(0).shots.at(0);
    QCOMPARE(shot.inputImage, u"in/first.png"_s);
    QCOMPARE(QFileInfo(shot.inputImagePath).canonicalFilePath(),
             QFileInfo(m_dir->filePath(u"in/first.png"_s)).canonicalFilePath());
    QCOMPARE(shot.inputImageSha1.size(), 40);
}

void TestStages::invalidStages_data()
{
    QTest::addColumn<QString>("shots");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("unknown value") << uR"([{"id": "a1", "prompt": "p", "stages": "sound"}])"_s
                                   << u"scenes[0].shots[0].stages"_s
                                   << QStringList{u"unknown stages \"sound\""_s, u"\"image\""_s,
                                                  u"\"image+video\""_s, u"\"video\""_s};
    QTest::newRow("video without inputImage")
        << uR"([{"id": "a1", "prompt": "p", "stages": "video"}])"_s
        << u"scenes[0].shots[0].inputImage"_s
        << QStringList{u"shot \"a1\""_s, u"no inputImage"_s, u"relative to the storyboard"_s,
                       u"\"image+video\""_s};
    QTest::newRow("empty inputImage")
        << uR"([{"id": "a1", "prompt": "p", "stages": "video", "inputImage": ""}])"_s
        << u"scenes[0].shots[0].inputImage"_s << QStringList{u"shot \"a1\""_s, u"no inputImage"_s};
    QTest::newRow("inputImage missing on disk")
        << uR"([{"id": "a1", "prompt": "p", "stages": "video", "inputImage": "gone.png"}])"_s
        << u"scenes[0].shots[0].inputImage"_s
        << QStringList{u"shot \"a1\""_s, u"\"gone.png\" does not exist"_s,
                       u"put the image there or correct the path"_s};
    QTest::newRow("inputImage not an image")
        << uR"([{"id": "a1", "prompt": "p", "stages": "video", "inputImage": "notes.txt"}])"_s
        << u"scenes[0].shots[0].inputImage"_s
        << QStringList{u"shot \"a1\""_s, u"\"notes.txt\" is not an image"_s, u"PNG"_s};
    QTest::newRow("inputImage is a folder")
        << uR"([{"id": "a1", "prompt": "p", "stages": "video", "inputImage": "in"}])"_s
        << u"scenes[0].shots[0].inputImage"_s << QStringList{u"shot \"a1\""_s, u"is not a file"_s};
    QTest::newRow("inputImage above the folder")
        << uR"([{"id": "a1", "prompt": "p", "stages": "video", "inputImage": "../x.png"}])"_s
        << u"scenes[0].shots[0].inputImage"_s
        << QStringList{u"shot \"a1\""_s, u"outside the storyboard's folder"_s,
                       u"copy the image into the folder"_s};
    QTest::newRow("absolute inputImage")
        << uR"([{"id": "a1", "prompt": "p", "stages": "video", "inputImage": "/etc/x.png"}])"_s
        << u"scenes[0].shots[0].inputImage"_s
        << QStringList{u"shot \"a1\""_s, u"absolute path"_s, u"relative to the storyboard"_s};
    QTest::newRow("inputImage on an image+video shot")
        << uR"([{"id": "a1", "prompt": "p", "inputImage": "in/ok.png"}])"_s
        << u"scenes[0].shots[0].inputImage"_s
        << QStringList{u"shot \"a1\""_s, u"\"image+video\" (set by default)"_s,
                       u"set its stages to \"video\""_s, u"or remove inputImage"_s};
    QTest::newRow("scene says video, shot has no image")
        << uR"([{"id": "a1", "prompt": "p"}], "stages": "video")"_s
        << u"scenes[0].shots[0].inputImage"_s
        << QStringList{u"shot \"a1\""_s, u"(set by its scene's \"stages\")"_s};
    QTest::newRow("stages is not a string")
        << uR"([{"id": "a1", "prompt": "p", "stages": 2}])"_s << u"scenes[0].shots[0].stages"_s
        << QStringList{u"expected a string"_s};
}

void TestStages::invalidStages()
{
    QFETCH(QString, shots);
    QFETCH(QString, location);
    QFETCH(QStringList, words);
    QVERIFY(writePng(m_dir->filePath(u"in/ok.png"_s)));
    QVERIFY(writeText(m_dir->filePath(u"notes.txt"_s), "not a picture\n"));
    QString scenes = u"[{\"id\": \"a\", \"shots\": "_s + shots + u"}]"_s;
    const LoadResult r = loadFile(u"bad.retake.json"_s, storyboard(scenes));
    QVERIFY(!r.ok());
    QCOMPARE(r.issues.size(), 1);
    QCOMPARE(r.issues.first().location, location);
    for (const QString &word : std::as_const(words))
        QVERIFY2(r.issues.first().message.contains(word), qPrintable(r.issues.first().message));
}

void TestStages::symlinkOutOfTheFolderIsRefused()
{
    QTemporaryDir elsewhere;
    QVERIFY(writePng(elsewhere.filePath(u"private.png"_s)));
    QVERIFY(QFile::link(elsewhere.filePath(u"private.png"_s), m_dir->filePath(u"link.png"_s)));
    const LoadResult r = loadFile(
        u"l.retake.json"_s,
        storyboard(
            uR"([{"id": "a", "shots": [{"id": "a1", "prompt": "p", "stages": "video", "inputImage": "link.png"}]}])"_s));
    QVERIFY(!r.ok());
    QCOMPARE(r.issues.size(), 1);
    QVERIFY2(r.issues.first().message.contains(u"leads outside the storyboard's folder"_s),
             qPrintable(r.issues.first().message));
}

void TestStages::csvImportReadsStagesAndInputImage()
{
    QVERIFY(writePng(m_dir->filePath(u"stills/c.png"_s)));
    const LoadResult r = loadFile(u"shots.csv"_s, "scene,shot,prompt,stages,inputImage\n"
                                                  "s1,a,A still,image,\n"
                                                  "s1,b,Image and video,,\n"
                                                  "s1,c,From a file,video,stills/c.png\n"
                                                  "s1,d,Spelled out,Image + Video,\n");
    QVERIFY2(r.ok(), qPrintable(r.issueStrings().join(u'\n')));
    const Project &p = *r.project;
    QCOMPARE(findShot(p, u"a"_s)->stages, ShotStages::ImageOnly);
    QCOMPARE(findShot(p, u"b"_s)->stages, ShotStages::ImageAndVideo);
    QCOMPARE(findShot(p, u"c"_s)->stages, ShotStages::VideoOnly);
    QCOMPARE(findShot(p, u"c"_s)->inputImage, u"stills/c.png"_s);
    QVERIFY(findShot(p, u"c"_s)->inputImagePath.endsWith(u"/stills/c.png"_s));
    QCOMPARE(findShot(p, u"d"_s)->stages, ShotStages::ImageAndVideo);
    QCOMPARE(p.taskCount(), 1 + 2 + 1 + 2);
}

void TestStages::csvErrorsNameTheRowAndTheFix()
{
    const LoadResult r = loadFile(u"bad.csv"_s, "scene,shot,prompt,stages,inputimage\n"
                                                "s1,a,p,sound,\n"
                                                "s1,b,p,video,\n"
                                                "s1,c,p,video,missing.png\n"
                                                "s1,d,p,image,x.png\n");
    QCOMPARE(r.issues.size(), 4);
    const QStringList lines = r.issueStrings();
    QVERIFY2(lines.at(0).startsWith(u"bad.csv:2: stages: unknown stages \"sound\""_s),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(u"bad.csv:3: inputimage: shot \"b\" has stages \"video\""_s),
             qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).contains(u"bad.csv:4: inputimage: shot \"c\": inputImage "
                                  u"\"missing.png\" does not exist"_s),
             qPrintable(lines.at(2)));
    QVERIFY2(lines.at(3).contains(u"bad.csv:5: inputimage: shot \"d\" names an inputImage"_s),
             qPrintable(lines.at(3)));
}

void TestStages::graphHasOnlyTheShotsStages()
{
    Project project = makeProject(3);
    project.assemble = true;
    project.scenes[0].shots[0].stages = ShotStages::ImageOnly;
    project.scenes[0].shots[2].stages = ShotStages::VideoOnly;
    project.scenes[0].shots[2].inputImagePath = u"/tmp/in.png"_s;
    project.scenes[0].voiceOver.text = u"Spoken."_s;
    const TaskGraph graph = TaskGraph::fromProject(project);
    QCOMPARE(taskIds(graph),
             (QStringList{u"sh01/image"_s, u"sh02/image"_s, u"sh02/video"_s, u"sh03/video"_s,
                          u"s01/audio"_s, u"s01/assemble"_s, u"final/assemble"_s}));
    QCOMPARE(project.taskCount(), graph.size());
    // The video-only shot's video waits for nothing; the cut takes the image-only shot's
    // still, each video and the voice-over, in storyboard order.
    QVERIFY(graph.at(3).dependencies.isEmpty());
    QCOMPARE(graph.at(3).dependency, -1);
    QCOMPARE(graph.at(5).dependencies, (QList<int>{0, 2, 3, 4}));
    const auto allDone = [](int) { return TaskState::Done; };
    QCOMPARE(graph.readiness(3, [](int) { return TaskState::Failed; }), TaskState::Queued);
    QCOMPARE(graph.readiness(5, allDone), TaskState::Queued);
}

void TestStages::batchRunsOnlyTheStagesEachShotHas()
{
    EngineFixture f;
    Project project = makeProject(3);
    project.assemble = true;
    project.scenes[0].shots[0].stages = ShotStages::ImageOnly;
    project.scenes[0].shots[2].stages = ShotStages::VideoOnly;
    const QString input = f.dir->filePath(u"in.png"_s);
    QVERIFY(writePng(input));
    project.scenes[0].shots[2].inputImage = u"in.png"_s;
    project.scenes[0].shots[2].inputImagePath = input;
    QVERIFY(f.open(project));
    Engine &e = *f.engine;
    QCOMPARE(e.summary().total, 1 + 2 + 1 + 2);
    QVERIFY(e.task(videoTask(1)).id.isEmpty());              // an image-only shot has no video task
    QVERIFY(e.task(imageTask(3)).id.isEmpty());              // a video-only shot has no image task
    QCOMPARE(e.task(videoTask(3)).state, TaskState::Queued); // queued at once
    QVERIFY(f.runToEnd());
    QCOMPARE(e.summary().count(TaskState::Done), 6);
    FakeCall video3;
    FakeCall video2;
    FakeCall cut;
    for (FakeProvider *provider : {f.a, f.b, f.local}) {
        for (const FakeCall &call : provider->calls()) {
            if (call.taskId == videoTask(3))
                video3 = call;
            else if (call.taskId == videoTask(2))
                video2 = call;
            else if (call.taskId == u"s01/assemble"_s)
                cut = call;
            QVERIFY2(call.taskId != videoTask(1) && call.taskId != imageTask(3),
                     qPrintable(call.taskId));
        }
    }
    QCOMPARE(video3.inputImagePath, input); // the storyboard's file, not a generated image
    QVERIFY(video2.inputImagePath.endsWith(u"draft/s01/sh02/image.a1.png"_s));
    QCOMPARE(cut.clips.size(), 3);
    QVERIFY(cut.clips.at(0).still); // the image-only shot's still, held for its duration
    QVERIFY(cut.clips.at(0).path.endsWith(u"draft/s01/sh01/image.a1.png"_s));
    QCOMPARE(cut.clips.at(0).durationSec, project.scenes[0].shots[0].video.durationSec);
    QVERIFY(!cut.clips.at(1).still);
    QVERIFY(cut.clips.at(2).path.endsWith(u"draft/s01/sh03/video.a1.mp4"_s));
}

void TestStages::videoOnlyHashFollowsTheFile()
{
    Shot shot;
    shot.id = u"a"_s;
    shot.prompt = u"p"_s;
    const QByteArray imageAndVideo = StoryboardLoader::shotParamsHash(shot, Stage::Video);
    shot.stages = ShotStages::ImageOnly;
    // Making a shot a still keeps its image (and the hash of an image+video shot's video).
    QCOMPARE(StoryboardLoader::shotParamsHash(shot, Stage::Video), imageAndVideo);
    shot.stages = ShotStages::VideoOnly;
    shot.inputImageSha1 = "1111111111111111111111111111111111111111";
    const QByteArray first = StoryboardLoader::shotParamsHash(shot, Stage::Video);
    QVERIFY(first != imageAndVideo);
    shot.inputImageSha1 = "2222222222222222222222222222222222222222";
    QVERIFY(StoryboardLoader::shotParamsHash(shot, Stage::Video) != first);
}

QTEST_GUILESS_MAIN(TestStages)
#include "tst_stages.moc"
