// Rough edges seen in the window at 1600×1000 (issue 16): the grid's lines of tiles, the
// providers dock after a run, the attempts table's columns, a run recovered by Retry all
// failed, one settings file, the German wording, the engine's messages in the window's
// language, and SIGTERM pausing and quitting.
#include "appsettings.h"
#include "bannercoordinator.h"
#include "enginefixture.h"
#include "languagesupport.h"
#include "preferences.h"
#include "providers/providerprofilestore.h"
#include "providerstatusmodel.h"
#include "providerstatuspanel.h"
#include "recentfiles.h"
#include "report/statereader.h"
#include "shottiledelegate.h"
#include "store/workspace.h"
#include "tst_gui_fixture.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMap>
#include <QMenuBar>
#include <QProcess>
#include <QScopeGuard>
#include <QScrollBar>
#include <QTableView>
#include <QTranslator>

#include <csignal>
#include <optional>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using retake::test::FakeOutcome;
using namespace Qt::StringLiterals;

namespace {

// One scene "a" with `shots` shots.
QString writeLongScene(const QTemporaryDir &dir, int shots)
{
    QJsonArray list;
    for (int i = 1; i <= shots; ++i)
        list << QJsonObject{{u"id"_s, u"a-%1"_s.arg(i)}, {u"prompt"_s, u"a lighthouse"_s}};
    const QJsonObject root{
        {u"format"_s, u"retake-project/1"_s},
        {u"title"_s, u"Long scene"_s},
        {u"providers"_s,
         QJsonObject{{u"image"_s, QJsonArray{u"studio"_s}}, {u"video"_s, QJsonArray{u"studio"_s}}}},
        {u"providerProfiles"_s,
         QJsonArray{
             QJsonObject{{u"id"_s, u"studio"_s}, {u"kind"_s, u"local"_s}, {u"model"_s, u"m"_s}}}},
        {u"scenes"_s,
         QJsonArray{QJsonObject{{u"id"_s, u"a"_s}, {u"title"_s, u"A"_s}, {u"shots"_s, list}}}}};
    const QString path = dir.filePath(u"long.retake.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(root).toJson());
    return path;
}

// The tiles of the grid's first line (rows after the first scene header) and the width
// left empty right of the last one.
std::pair<int, int> firstLine(MainWindow *window)
{
    ShotGridView *grid = window->gridView();
    const QAbstractItemModel *model = grid->model();
    const int top = grid->visualRect(model->index(1, 0)).top();
    int tiles = 0;
    int right = 0;
    for (int row = 1; row < model->rowCount(); ++row) {
        const QRect rect = grid->visualRect(model->index(row, 0));
        if (rect.top() != top)
            break;
        ++tiles;
        right = rect.right();
    }
    return {tiles, grid->viewport()->width() - right};
}

} // namespace

class TestGuiEdges : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void tilesFillTheGridsWidth();
    void attemptsTableShowsErrorWithoutScrolling();
    void recoveredRunsReportSaysRecovered();
    void oneSettingsFileAndTheOldOneMigratedOnce();
    void sigtermPausesAndQuits();
    void germanSaysShotNotEinstellung();
    void engineMessagesSpeakTheWindowsLanguage();
    void providersDockShowsNothingInFlightAfterTheRun();

private:
    std::unique_ptr<GuiFixture> f;
};

void TestGuiEdges::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeTests"_s);
    QApplication::setApplicationName(u"tst_gui_edges"_s);
}

void TestGuiEdges::init()
{
    f = std::make_unique<GuiFixture>();
    QVERIFY(f->dir->isValid());
    f->window->resize(1600, 1000);
}

void TestGuiEdges::cleanup()
{
    f.reset();
}

// The demo's scenes have three shots each, a scene starts a line: at 1600×1000 three tiles
// used to stand where four fit, a quarter of the grid empty. The tiles widen to fill it.
void TestGuiEdges::tilesFillTheGridsWidth()
{
    const int narrowest = ShotTileDelegate::kTileWidth + 2 * f->window->gridView()->spacing();
    f->openAndWait(f->copyDemo(0.0));
    QTRY_COMPARE(firstLine(f->window.get()).first, 3);
    QTRY_VERIFY2(firstLine(f->window.get()).second < narrowest / 2,
                 qPrintable(u"%1 px empty"_s.arg(firstLine(f->window.get()).second)));
    grabIfAsked(f->window.get(), u"edges-grid-demo"_s);

    // A scene longer than a line: as many tiles as fit, filling the line too.
    f->openAndWait(writeLongScene(*f->dir, 9));
    const int line = f->window->gridView()->viewport()->width();
    QTRY_COMPARE(firstLine(f->window.get()).first, 4);
    QTRY_VERIFY2(
        firstLine(f->window.get()).second < narrowest / 2,
        qPrintable(u"%1 px empty of %2"_s.arg(firstLine(f->window.get()).second).arg(line)));
    // Narrower: still as many as fit at the narrowest tile.
    f->window->resize(1100, 1000);
    QTRY_VERIFY(f->window->gridView()->viewport()->width() < line);
    const int narrower = f->window->gridView()->viewport()->width();
    QTRY_COMPARE(firstLine(f->window.get()).first, std::max(1, (narrower - 15) / narrowest));
}

// The attempts table of a failed shot in the detail panel, at 1600×1000 and at the window's
// default size: outcome, error class and message are in view without scrolling, the
// message takes the width left, and every cell's tooltip has its full text.
void TestGuiEdges::attemptsTableShowsErrorWithoutScrolling()
{
    f->openAndWait(f->copyDemo(0.3));
    f->runToEnd();
    QString failedShot;
    for (const TaskSnapshot &t : f->window->shotModel()->tasks()) {
        if (t.state == TaskState::Failed && t.stage == Stage::Image) {
            failedShot = t.shotId;
            break;
        }
    }
    QVERIFY(!failedShot.isEmpty());
    f->selectShot(failedShot);
    ShotDetailPanel *panel = f->window->detailPanel();
    QTRY_VERIFY(panel->attemptModel()->rowCount() > 0);
    QTableView *table = panel->attemptsView();
    QHeaderView *header = table->horizontalHeader();
    for (const QSize size : {QSize(1600, 1000), QSize(1400, 880)}) {
        f->window->resize(size);
        QTRY_COMPARE(f->window->size(), size);
        QCoreApplication::sendPostedEvents();
        const int width = table->viewport()->width();
        for (const auto column : {AttemptModel::OutcomeColumn, AttemptModel::ErrorClassColumn,
                                  AttemptModel::MessageColumn}) {
            const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
            QVERIFY2(right <= width,
                     qPrintable(u"%1 wide: column %2 ends at %3 of %4"_s.arg(size.width())
                                    .arg(column)
                                    .arg(right)
                                    .arg(width)));
        }
        QCOMPARE(table->horizontalScrollBar()->value(), 0);
        // The message takes what is left of the table's width.
        QVERIFY(header->sectionSize(AttemptModel::MessageColumn) >= 160);
        grabIfAsked(f->window.get(), u"edges-window-%1"_s.arg(size.width()));
    }
    const QAbstractItemModel *model = table->model();
    for (int column = 0; column < model->columnCount(); ++column) {
        const QModelIndex cell = model->index(0, column);
        const QString text = cell.data().toString();
        if (!text.isEmpty())
            QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(text),
                     qPrintable(u"column %1: %2"_s.arg(column).arg(text)));
    }
}

// a-1's image is refused until the user retries it: Retry all failed recovers the run.
// Its report said "Partial (tasks failed)" (the run's recorded outcome) with a red badge
// while every task was done; it says the failures were recovered, and when.
void TestGuiEdges::recoveredRunsReportSaysRecovered()
{
    auto refuse = std::make_shared<std::atomic<bool>>(true);
    f->window->engineController()->addSetup(
        fakes({u"studio"_s, u"local"_s}, [refuse](const GenerationRequest &request) {
            return refuse->load() && request.taskId == u"a-1/image"_s
                       ? FakeOutcome(ErrorClass::InvalidRequest, std::nullopt, 400)
                       : FakeOutcome();
        }));
    f->openAndWait(writeStoryboard(*f->dir));
    f->runToEnd();
    QCOMPARE(f->window->shotModel()->task(u"a-1/image"_s).state, TaskState::Failed);
    refuse->store(false);
    QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
    const QDateTime retriedAt = QDateTime::currentDateTimeUtc();
    QTRY_VERIFY(f->window->action(MainWindow::Action::RetryAllFailed)->isEnabled());
    f->window->action(MainWindow::Action::RetryAllFailed)->trigger();
    QVERIFY(finished.wait(30000));
    QTRY_VERIFY(f->window->summary().allDone());

    QSignalSpy shown(f->window.get(), &MainWindow::reportShown);
    f->window->action(MainWindow::Action::Report)->trigger();
    QVERIFY(shown.wait(20000));
    const QString html = shown.first().first().toString();
    QFile json(QFileInfo(html).dir().filePath(u"report.json"_s));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject run =
        QJsonDocument::fromJson(json.readAll()).object().value(u"run"_s).toObject();
    QCOMPARE(run.value(u"outcome"_s).toString(), u"recovered"_s);
    QCOMPARE(run.value(u"partial"_s).toBool(), false);
    const QDateTime recovered =
        QDateTime::fromString(run.value(u"recoveredAt"_s).toString(), Qt::ISODateWithMs);
    QVERIFY2(recovered >= retriedAt.addMSecs(-1000), qPrintable(recovered.toString()));
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(page.readAll());
    QVERIFY(!text.contains(u"Partial (tasks failed)"_s));
    QVERIFY(text.contains(u"Complete (failures recovered)"_s));
    QVERIFY(text.contains(u"outcome-recovered"_s));
    QVERIFY(!f->banner(BannerCoordinator::failedKey()));
}

// Preferences and recent files lived in ("Retake", "retake"), provider profiles in
// ("Retake", "Retake"): one file now, the old one's values copied over once.
void TestGuiEdges::oneSettingsFileAndTheOldOneMigratedOnce()
{
    f.reset(); // no window: the application's names change for this test
    const QString organization = QCoreApplication::organizationName();
    const QString application = QCoreApplication::applicationName();
    const auto restore = qScopeGuard([&] {
        QCoreApplication::setOrganizationName(organization);
        QCoreApplication::setApplicationName(application);
    });
    // The old file of a user who set preferences and opened files, and a profile saved in
    // the shared file already.
    {
        QSettings legacy(u"Retake"_s, QString::fromUtf16(AppSettings::kLegacyApplication));
        legacy.clear();
        legacy.setValue(u"preferences/maxRetries"_s, 7);
        legacy.setValue(u"preferences/language"_s, u"de"_s);
        legacy.setValue(u"recentFiles"_s, QStringList{u"/films/a.retake.json"_s});
        legacy.setValue(u"providers/studio/model"_s, u"old"_s);
        const std::unique_ptr<QSettings> shared = ProviderProfileStore::userSettings();
        shared->clear();
        shared->setValue(u"providers/studio/model"_s, u"new"_s);
    }

    AppSettings::useSharedFile();
    QCOMPARE(QCoreApplication::organizationName(), u"Retake"_s);
    const std::unique_ptr<QSettings> shared = ProviderProfileStore::userSettings();
    QCOMPARE(QSettings().fileName(), shared->fileName());
    QCOMPARE(Preferences::load().maxRetries, 7);
    QCOMPARE(Preferences::load().language, u"de"_s);
    QCOMPARE(RecentFiles::list(), QStringList{u"/films/a.retake.json"_s});
    QCOMPARE(shared->value(u"providers/studio/model"_s).toString(), u"new"_s);

    // Once: what the user changes afterwards is not overwritten by the old file again.
    Preferences changed = Preferences::load();
    changed.maxRetries = 2;
    changed.save();
    AppSettings::useSharedFile();
    QCOMPARE(Preferences::load().maxRetries, 2);
    QSettings().clear();
    QSettings(u"Retake"_s, QString::fromUtf16(AppSettings::kLegacyApplication)).clear();
}

// `retake demo --run` as its own process, offscreen, with its own settings (no Run
// confirmation): SIGTERM while the batch runs pauses and quits as "Pause and quit" does. It
// used to end the process at once: no report, the run left as if it had crashed.
void TestGuiEdges::sigtermPausesAndQuits()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString board = home.filePath(u"demo.retake.json"_s);
    QVERIFY(QFile::copy(f->copyDemo(0.0, 1500), board));
    f.reset(); // the window of this process is not needed
    {
        QSettings settings(home.filePath(u"config/Retake/Retake.conf"_s), QSettings::IniFormat);
        settings.setValue(u"preferences/confirmRun"_s, false);
    }
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    gui.setProcessEnvironment(env);
    gui.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gui.start(QStringLiteral(RETAKE_GUI_PATH), {board, u"--run"_s});
    QVERIFY(gui.waitForStarted());
    const auto stop = qScopeGuard([&gui] {
        if (gui.state() != QProcess::NotRunning) {
            gui.kill();
            gui.waitForFinished();
        }
    });

    // Once the run has started and its first outputs are in,
    const Workspace workspace(Workspace::forStoryboard(board));
    const QString database = workspace.path(u"state.sqlite"_s);
    const auto doneTasks = [&database] {
        StateReader reader;
        QString error;
        if (!QFileInfo::exists(database) || !reader.open(database, &error))
            return 0;
        int done = 0;
        for (const StoredTask &t : reader.tasks())
            done += t.state == TaskState::Done ? 1 : 0;
        return done;
    };
    QTRY_VERIFY_WITH_TIMEOUT(doneTasks() > 0, 60000);
    QVERIFY(gui.state() == QProcess::Running);

    // SIGTERM: the process pauses, writes the run's report and exits by itself.
    ::kill(pid_t(gui.processId()), SIGTERM);
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QCOMPARE(gui.exitCode(), 0);

    StateReader reader;
    QString error;
    QVERIFY2(reader.open(database, &error), qPrintable(error));
    const QList<RunRecord> runs = reader.runs();
    QCOMPARE(runs.size(), 1);
    QVERIFY(!runs.first().endedAt.isValid()); // paused, not ended: it continues next time
    bool suspended = false;
    for (const StoredEvent &e : reader.events())
        suspended = suspended || e.kind == nameOf(EventKind::RunSuspended);
    QVERIFY(suspended);
    // Nothing failed or was cancelled by the signal.
    const QList<StoredTask> tasks = reader.tasks();
    int done = 0;
    for (const StoredTask &t : tasks) {
        QVERIFY2(t.state != TaskState::Failed && t.state != TaskState::Cancelled,
                 qPrintable(t.id + u": "_s + nameOf(t.state)));
        done += t.state == TaskState::Done ? 1 : 0;
    }
    QVERIFY(done > 0);
    QFile report(workspace.path(u"reports/%1/report.json"_s.arg(runs.first().id)));
    QVERIFY2(report.open(QIODevice::ReadOnly), qPrintable(report.fileName()));
    const QJsonObject run =
        QJsonDocument::fromJson(report.readAll()).object().value(u"run"_s).toObject();
    QCOMPARE(run.value(u"outcome"_s).toString(), u"unfinished"_s);

    // Opened again, the run continues where it stopped, not as a crashed one: every task
    // is there, the done ones still done.
    init();
    f->openAndWait(board);
    QCOMPARE(f->window->summary().count(TaskState::Done), done);
    QVERIFY(f->window->summary().total >= 72);
    QString runId;
    bool crashed = true;
    f->window->engineController()->query<std::pair<QString, bool>>(
        [](Engine &engine) {
            return std::make_pair(engine.currentRunId(), engine.resumedAfterCrash());
        },
        f->window.get(),
        [&](const std::pair<QString, bool> &answer) {
            runId = answer.first;
            crashed = answer.second;
        });
    QTRY_COMPARE(runId, runs.first().id);
    QVERIFY(!crashed);
    QVERIFY(!f->banner(BannerCoordinator::crashedRunKey()));
    f.reset(); // before its workspace goes
}

// "Einstellung" (the film term) reads as "setting" beside "Einstellungen…" (Preferences)
// and "Konfiguration": the search field said "Einstellungen suchen". German says "Shot".
void TestGuiEdges::germanSaysShotNotEinstellung()
{
    f.reset();
    const QLocale before;
    const auto english = qScopeGuard([before] {
        LanguageSupport::install(QCoreApplication::instance(), u"en"_s);
        QLocale::setDefault(before);
    });
    LanguageSupport::install(QCoreApplication::instance(), u"de"_s);
    MainWindow window;
    auto *search = window.findChild<QLineEdit *>(u"shotSearch"_s);
    QVERIFY(search);
    QCOMPARE(search->placeholderText(), u"Shots suchen (Strg+F)"_s);
    QStringList menus;
    for (const QAction *menu : window.menuBar()->actions())
        menus << menu->text().remove(u'&');
    QVERIFY2(menus.contains(u"Shot"_s), qPrintable(menus.join(u", "_s)));
    for (const QString &menu : std::as_const(menus))
        QVERIFY2(!menu.contains(u"Einstellung"_s), qPrintable(menu));
    QCOMPARE(window.action(MainWindow::Action::FindShot)->text().remove(u'&'), u"Shots suchen"_s);
    // Preferences keep their usual German name.
    QCOMPARE(window.action(MainWindow::Action::Preferences)->text().remove(u'&'),
             u"Einstellungen…"_s);
}

// The activity log showed the engine's lines in English in a German window. They follow the
// installed translator; with none (retake-cli loads none) they stay English byte for byte.
void TestGuiEdges::engineMessagesSpeakTheWindowsLanguage()
{
    f.reset();
    const QLocale before;
    const auto english = qScopeGuard([before] {
        LanguageSupport::install(QCoreApplication::instance(), u"en"_s);
        QLocale::setDefault(before);
    });
    // One image task whose provider is not configured: it fails at once with an attempt
    // message, and the engine logs the failure.
    const auto run = [](QString *attemptMessage) {
        retake::test::EngineFixture fixture;
        QStringList lines;
        [&] {
            QVERIFY(fixture.open(retake::test::makeProject(1, {u"nowhere"_s}, {u"nowhere"_s})));
            connect(fixture.engine.get(), &Engine::logMessage,
                    [&lines](const QString &line) { lines << line; });
            QVERIFY(fixture.runToEnd());
            *attemptMessage = fixture.engine->task(retake::test::imageTask(1)).lastMessage;
        }();
        return lines;
    };

    for (QTranslator *translator : QCoreApplication::instance()->findChildren<QTranslator *>())
        QCoreApplication::removeTranslator(translator);
    QString message;
    QStringList lines = run(&message);
    QCOMPARE(message,
             u"provider \"nowhere\" is not configured; choose another provider for this task"_s);
    QVERIFY2(lines.contains(u"sh01/image: failed after 1 attempt(s): invalid_request — provider "
                            u"\"nowhere\" is not configured; choose another provider for this "
                            u"task"_s),
             qPrintable(lines.join(u'\n')));

    LanguageSupport::install(QCoreApplication::instance(), u"de"_s);
    lines = run(&message);
    QCOMPARE(message, u"Anbieter „nowhere“ ist nicht eingerichtet; wählen Sie einen anderen "
                      u"Anbieter für diese Aufgabe"_s);
    QVERIFY2(lines.contains(u"sh01/image: nach 1 Versuch(en) fehlgeschlagen: invalid_request — "_s +
                            message),
             qPrintable(lines.join(u'\n')));
}

// After a run, and after the re-run of Retry all failed, the providers dock says what the
// engine says: nothing in flight. (Reported once: "studio" kept one request in flight
// after the demo finished; not reproduced here, see the notes.)
void TestGuiEdges::providersDockShowsNothingInFlightAfterTheRun()
{
    f->openAndWait(f->copyDemo(0.2, 30));
    ProviderStatusModel *dock = f->window->providerStatusPanel()->model();
    QVERIFY(dock->rowOf(u"studio"_s) >= 0);
    const auto inFlightAtFinish = [this, dock](QAction *action) {
        QMap<QString, int> shown;
        QMetaObject::Connection c =
            connect(f->window.get(), &MainWindow::batchFinished, this, [dock, &shown] {
                for (int row = 0; row < dock->rowCount(); ++row)
                    shown.insert(dock->statusAt(row)->id, dock->statusAt(row)->inFlight);
            });
        QSignalSpy finished(f->window.get(), &MainWindow::batchFinished);
        action->trigger();
        [&] { QVERIFY(finished.wait(kRunTimeoutMs)); }();
        disconnect(c);
        return shown;
    };
    const auto engineInFlight = [this] {
        std::optional<QMap<QString, int>> answer;
        f->window->engineController()->query<QMap<QString, int>>(
            [](Engine &engine) {
                QMap<QString, int> map;
                for (const ProviderStatus &p : engine.providerStatuses())
                    map.insert(p.id, p.inFlight);
                return map;
            },
            f->window.get(), [&answer](const QMap<QString, int> &map) { answer = map; });
        [&] { QTRY_VERIFY(answer.has_value()); }();
        return answer.value_or(QMap<QString, int>());
    };
    const QMap<QString, int> none{{u"backup"_s, 0}, {u"local"_s, 0}, {u"studio"_s, 0}};
    QCOMPARE(inFlightAtFinish(f->window->action(MainWindow::Action::Run)), none);
    QCOMPARE(engineInFlight(), none);
    QTRY_VERIFY(f->window->action(MainWindow::Action::RetryAllFailed)->isEnabled());
    QCOMPARE(inFlightAtFinish(f->window->action(MainWindow::Action::RetryAllFailed)), none);
    QCOMPARE(engineInFlight(), none);
    const int studio = dock->rowOf(u"studio"_s);
    QCOMPARE(dock->index(studio, ProviderStatusModel::InFlightColumn).data().toString(), u"0"_s);
}

QTEST_MAIN(TestGuiEdges)
#include "tst_gui_edges.moc"
