// Shared by the GUI suites: a MainWindow on a copy of the demo storyboard with
// millisecond retry delays, an injected free-space probe and QAbstractItemModelTester on
// the grid's model, its filter proxy and the attempts model.
#pragma once

#include "attemptmodel.h"
#include "bannerarea.h"
#include "enginecontroller.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "shotdetailpanel.h"
#include "shotfilterproxy.h"
#include "shotgridview.h"
#include "shotlistmodel.h"

#include "fakeprovider.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

namespace retake::ui::test {

using namespace Qt::StringLiterals;
using namespace retake;

inline constexpr int kRunTimeoutMs = 150 * 1000;

// Every GUI suite keeps its user settings in a folder of its own, set before main(): the
// provider profiles live in the fixed "Retake/Retake" file (the app's one settings file), and
// suites run in parallel (ctest -j2) read and cleared each other's profiles there.
inline const bool kSettingsIsolated = [] {
    static QTemporaryDir home;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.path());
    return home.isValid();
}();

template <typename T> T *visibleChild(QWidget *parent)
{
    const QList<T *> children = parent->findChildren<T *>();
    for (T *child : children) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

// With RETAKE_GUI_SCREENSHOTS=<dir> set, saves `widget` as <dir>/<name>.png (for a look at
// dialogs and banners rendered offscreen; tests never depend on it).
inline void grabIfAsked(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("RETAKE_GUI_SCREENSHOTS");
    if (dir.isEmpty() || !widget)
        return;
    QCoreApplication::sendPostedEvents(); // pending layouts
    widget->grab().save(dir + u'/' + name + u".png"_s);
}

inline QMap<QString, TaskSnapshot> tasksById(const ShotListModel *model)
{
    QMap<QString, TaskSnapshot> map;
    for (const TaskSnapshot &t : model->tasks())
        map.insert(t.id, t);
    return map;
}

inline QStringList shotsShown(const QAbstractItemModel *model)
{
    QStringList ids;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ShotListModel::KindRole).value<ShotListModel::RowKind>() ==
            ShotListModel::RowKind::Shot)
            ids << index.data(ShotListModel::ShotIdRole).toString();
    }
    return ids;
}

// A small storyboard for scripted providers, and the scripts.
// One scene "a" with shots a-1..a-3 on provider "studio" (then replaced by a fake).
inline QString writeStoryboard(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(u"banners.retake.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(R"({
  "format": "retake-project/1",
  "title": "Banners",
  "defaults": {"image": {"width": 64, "height": 36}},
  "providers": {"image": ["studio"], "video": ["studio"]},
  "providerProfiles": [{"id": "studio", "kind": "local", "model": "m"}],
  "scenes": [{"id": "a", "title": "A", "shots": [
    {"id": "a-1", "title": "one", "prompt": "a red lighthouse"},
    {"id": "a-2", "title": "two", "prompt": "a stormy sea"},
    {"id": "a-3", "title": "three", "prompt": "a brass barometer"}]}]
})");
    return path;
}

using Decider = std::function<retake::test::FakeOutcome(const GenerationRequest &)>;

// Replaces `ids` by fakes deciding with `decide` (fake outputs are not real media).
inline EngineController::Setup fakes(const QStringList &ids, const Decider &decide,
                                     int latencyMs = 1)
{
    return [ids, decide, latencyMs](Engine &engine) {
        EngineOptions options = engine.options();
        options.verifyOutputs = false;
        engine.setOptions(options);
        for (const QString &id : ids) {
            auto provider = std::make_unique<retake::test::FakeProvider>(id, 4);
            provider->setDecider(decide);
            provider->setLatencyMs(latencyMs);
            engine.setProvider(std::move(provider));
        }
    };
}

class GuiFixture
{
public:
    // Desktop notifications are off unless asked for (tst_gui_notifications): a suite run on
    // a desktop must not show its batches' ends there.
    explicit GuiFixture(bool desktopNotifications = false)
    {
        QSettings().clear();
        // Run starts at once: the Run confirmation has its own tests (tst_gui_runflow).
        QSettings().setValue(u"preferences/confirmRun"_s, false);
        QSettings().setValue(u"preferences/desktopNotifications"_s, desktopNotifications);
        dir = std::make_unique<QTemporaryDir>();
        freeSpace = std::make_shared<std::atomic<qint64>>(qint64(1) << 40);
        makeWindow();
    }
    ~GuiFixture()
    {
        attemptTester.reset();
        proxyTester.reset();
        modelTester.reset();
        window.reset();
    }
    Q_DISABLE_COPY_MOVE(GuiFixture)

    // Copies the demo into the temporary dir with short clips, without its voice-overs and
    // cuts; `invalidRate` adds
    // injected invalid_request failures on the primary provider (images fail, so their
    // videos are blocked).
    QString copyDemo(double invalidRate, int latencyMs = 5)
    {
        QFile source(QStringLiteral(RETAKE_SOURCE_DIR "/resources/examples/demo.retake.json"));
        if (!source.open(QIODevice::ReadOnly))
            return {};
        QJsonObject root = QJsonDocument::fromJson(source.readAll()).object();
        QJsonArray profiles = root.value(u"providerProfiles"_s).toArray();
        for (int i = 0; i < profiles.size(); ++i) {
            QJsonObject profile = profiles.at(i).toObject();
            QJsonObject options = profile.value(u"options"_s).toObject();
            options.insert(u"latencyMs"_s, latencyMs);
            profile.insert(u"options"_s, options);
            if (i == 0 && invalidRate > 0) {
                QJsonObject faults = profile.value(u"faults"_s).toObject();
                QJsonObject rates = faults.value(u"rates"_s).toObject();
                rates.insert(u"invalid_request"_s, invalidRate);
                faults.insert(u"rates"_s, rates);
                profile.insert(u"faults"_s, faults);
            }
            profiles[i] = profile;
        }
        root.insert(u"providerProfiles"_s, profiles);
        // The storyboard before the demo told the whole story (72 tasks): no voice-overs and
        // no cuts. tst_gui_film runs those on a storyboard of its own.
        root.remove(u"assemble"_s);
        // Short clips: the tests are about the GUI, not about ffmpeg.
        QJsonObject defaults = root.value(u"defaults"_s).toObject();
        QJsonObject video = defaults.value(u"video"_s).toObject();
        video.insert(u"duration"_s, 0.5);
        video.insert(u"fps"_s, 6);
        defaults.insert(u"video"_s, video);
        root.insert(u"defaults"_s, defaults);
        QJsonArray scenes = root.value(u"scenes"_s).toArray();
        for (int s = 0; s < scenes.size(); ++s) {
            QJsonObject scene = scenes.at(s).toObject();
            scene.remove(u"voiceover"_s);
            QJsonArray shots = scene.value(u"shots"_s).toArray();
            for (int h = 0; h < shots.size(); ++h) {
                QJsonObject shot = shots.at(h).toObject();
                QJsonObject shotVideo = shot.value(u"video"_s).toObject();
                shotVideo.remove(u"duration"_s);
                shotVideo.remove(u"fps"_s);
                if (shotVideo.isEmpty())
                    shot.remove(u"video"_s);
                else
                    shot.insert(u"video"_s, shotVideo);
                shots[h] = shot;
            }
            scene.insert(u"shots"_s, shots);
            scenes[s] = scene;
        }
        root.insert(u"scenes"_s, scenes);
        const QString path = dir->filePath(u"demo.retake.json"_s);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(QJsonDocument(root).toJson());
        return path;
    }

    void openAndWait(const QString &path)
    {
        QSignalSpy opened(window.get(), &MainWindow::projectOpened);
        QVERIFY(opened.isValid());
        window->openFile(path);
        QVERIFY(opened.wait(20000));
    }

    void runToEnd()
    {
        QSignalSpy finished(window.get(), &MainWindow::batchFinished);
        QVERIFY(window->action(MainWindow::Action::Run)->isEnabled());
        window->action(MainWindow::Action::Run)->trigger();
        QVERIFY(finished.wait(kRunTimeoutMs));
        // The last coalesced update has reached the model.
        QTRY_COMPARE(window->summary().running, false);
    }

    void selectShot(const QString &shotId)
    {
        window->gridView()->selectShot(shotId);
        QCOMPARE(window->gridView()->currentShotId(), shotId);
        QCOMPARE(window->gridView()->selectedShotIds(), QStringList{shotId});
    }

    MessageBanner *banner(const QString &key) const { return window->bannerArea()->banner(key); }

    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<QAbstractItemModelTester> modelTester;
    std::unique_ptr<QAbstractItemModelTester> proxyTester;
    std::unique_ptr<QAbstractItemModelTester> attemptTester;
    std::shared_ptr<std::atomic<qint64>> freeSpace;

private:
    void makeWindow()
    {
        window = std::make_unique<MainWindow>();
        const auto free = freeSpace;
        window->engineController()->addSetup([free](Engine &engine) {
            EngineOptions options = engine.options();
            options.retry.baseDelayMs = 5;
            options.retry.maxDelayMs = 40;
            options.jitterSeed = 7;
            options.updateIntervalMs = 20;
            options.breaker.cooldownMs = 100;
            options.freeSpaceProbe = [free](const QString &) { return free->load(); };
            options.diskPollIntervalMs = 100;
            engine.setOptions(options);
        });
        modelTester = std::make_unique<QAbstractItemModelTester>(
            window->shotModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxyTester = std::make_unique<QAbstractItemModelTester>(
            window->filterProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        attemptTester = std::make_unique<QAbstractItemModelTester>(
            window->detailPanel()->attemptModel(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
};

} // namespace retake::ui::test
