#include "mainwindow.h"

#include "activitylog.h"
#include "bannerarea.h"
#include "bannercoordinator.h"
#include "checkpointsdialog.h"
#include "editpromptdialog.h"
#include "enginecontroller.h"
#include "errorlogdialog.h"
#include "preferencesdialog.h"
#include "providerprofilesdialog.h"
#include "providerstatusmodel.h"
#include "providerstatuspanel.h"
#include "recentfiles.h"
#include "report/reportbuilder.h"
#include "report/runestimate.h"
#include "reportdialog.h"
#include "runconfirmationdialog.h"
#include "shotdetailpanel.h"
#include "shotfilterproxy.h"
#include "shotgridview.h"
#include "shotlistmodel.h"
#include "statestyle.h"
#include "store/publisher.h"
#include "store/workspace.h"
#include "summarybar.h"
#include "switchproviderdialog.h"
#include "validationdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

bool isStoryboardFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    return name.endsWith(u".retake.json"_s) || name.endsWith(u".json"_s) ||
           name.endsWith(u".csv"_s);
}

bool isRetryable(const TaskSnapshot &t)
{
    return (t.state == TaskState::Failed || t.state == TaskState::Blocked ||
            t.state == TaskState::Cancelled) &&
           !BannerCoordinator::isLoopGuarded(t);
}

bool isSwitchable(const TaskSnapshot &t)
{
    switch (t.state) {
    case TaskState::Failed:
    case TaskState::Blocked:
    case TaskState::Cancelled:
    case TaskState::Retrying:
    case TaskState::Queued:
        return true;
    case TaskState::Done:
        return isDegraded(t.quality);
    case TaskState::Waiting:
    case TaskState::Running:
    case TaskState::Interrupted:
    case TaskState::Skipped:
        return false;
    }
    Q_UNREACHABLE();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_controller(new EngineController(this)),
      m_model(new ShotListModel(this)), m_proxy(new ShotFilterProxy(this)),
      m_grid(new ShotGridView(this)), m_summaryBar(new SummaryBar(this)),
      m_banners(new BannerArea(this)), m_detail(new ShotDetailPanel(this)),
      m_log(new ActivityLog(this)), m_restoreFromBanner(new QAction(this)),
      m_undoRestore(new QAction(this)), m_preferences(Preferences::load())
{
    m_restoreFromBanner->setObjectName(u"restoreCheckpointFromBanner"_s);
    m_restoreFromBanner->setText(tr("Restore checkpoint…"));
    m_restoreFromBanner->setToolTip(tr("Go back to the state before this action"));
    connect(m_restoreFromBanner, &QAction::triggered, this,
            [this] { showCheckpoints(m_bannerCheckpoint); });
    m_undoRestore->setObjectName(u"undoRestore"_s);
    m_undoRestore->setText(tr("Undo restore"));
    m_undoRestore->setToolTip(tr("Go back to the state before the restore"));
    connect(m_undoRestore, &QAction::triggered, this,
            [this] { showCheckpoints(m_undoCheckpoint); });
    setObjectName(u"mainWindow"_s);
    setWindowIcon(StateStyle::appIcon());
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_model);
    m_grid->setModel(m_proxy);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banners);
    layout->addWidget(m_summaryBar);
    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(m_grid);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({900, 520});
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    createActions();
    createMenus();
    createToolBar();
    createDocks();
    m_coordinator =
        new BannerCoordinator(m_banners, m_model, m_controller, action(Action::RetryAllFailed),
                              action(Action::Pause), this);
    connect(m_coordinator, &BannerCoordinator::switchProviderRequested, this,
            &MainWindow::switchProvider);
    connect(m_coordinator, &BannerCoordinator::editPromptRequested, this,
            [this](const QString &shotId) { editPrompt(shotId); });
    connect(m_coordinator, &BannerCoordinator::logLine, this, &MainWindow::log);
    connect(m_coordinator, &BannerCoordinator::raiseBudgetRequested, this,
            &MainWindow::raiseBudget);
    connect(m_coordinator, &BannerCoordinator::reportRequested, this, &MainWindow::showReport);
    connect(m_coordinator, &BannerCoordinator::crashedRunReportRequested, this,
            &MainWindow::showCrashedRunReport);
    connectController();

    connect(m_summaryBar, &SummaryBar::filterChanged, this,
            [this](const QSet<StateCategory> &categories) {
                ShotFilter filter = m_proxy->filter();
                filter.setCategories(categories);
                m_proxy->setFilter(filter);
            });
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentChanged);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(StateStyle::appIcon(), this);
        m_tray->setToolTip(tr("Retake"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }

    statusBar()->showMessage(tr("Open a storyboard (Ctrl+O) or drop a .retake.json or .csv "
                                "file here."));
    updateActions();
    updateTitle();
    resize(1400, 880);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const QPalette pal = palette();
    const auto make = [this, &pal](Action which, const QString &text, const QString &icon,
                                   const QKeySequence &shortcut, const QString &tip,
                                   const QString &name) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        if (!icon.isEmpty())
            action->setIcon(StateStyle::actionIcon(icon, pal));
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        const QString keys = shortcut.toString(QKeySequence::NativeText);
        action->setToolTip(keys.isEmpty() ? tip
                                          : tr("%1 (%2)", "tooltip (shortcut)").arg(tip, keys));
        action->setStatusTip(tip);
        m_actions.insert(which, action);
        return action;
    };
    connect(make(Action::Open, tr("&Open…"), u"action-open"_s, QKeySequence::Open,
                 tr("Open a storyboard (.retake.json) or a CSV shot list"), u"actionOpen"_s),
            &QAction::triggered, this, &MainWindow::browseForFile);
    connect(
        make(Action::Quit, tr("&Quit"), {}, QKeySequence::Quit, tr("Quit Retake"), u"actionQuit"_s),
        &QAction::triggered, this, &QWidget::close);
    connect(make(Action::Run, tr("&Run"), u"action-run"_s, QKeySequence(Qt::Key_F5),
                 tr("Run the batch, or resume it when paused"), u"actionRun"_s),
            &QAction::triggered, this, &MainWindow::runBatch);
    connect(make(Action::Pause, tr("&Pause"), u"action-pause"_s, QKeySequence(Qt::Key_F6),
                 tr("Pause the batch: running attempts finish, nothing new starts"),
                 u"actionPause"_s),
            &QAction::triggered, this, [this] {
                log(tr("You paused the batch."));
                m_controller->pause();
            });
    connect(make(Action::Cancel, tr("&Cancel"), u"action-cancel"_s,
                 QKeySequence(Qt::SHIFT | Qt::Key_F5),
                 tr("Cancel the batch: stop running attempts; finished work is kept"),
                 u"actionCancel"_s),
            &QAction::triggered, this, [this] {
                log(tr("You cancelled the batch."));
                m_controller->cancel();
            });
    connect(make(Action::RetryAllFailed, tr("Retry all &failed"), u"action-retry-all"_s,
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                 tr("Re-queue every failed task and the tasks blocked by them"),
                 u"actionRetryAllFailed"_s),
            &QAction::triggered, this, [this] {
                log(tr("You retried all failed tasks (%n failed, %1 blocked).", nullptr,
                       m_summary.count(TaskState::Failed))
                        .arg(m_summary.count(TaskState::Blocked)));
                m_controller->retryAllFailed();
            });
    connect(make(Action::Retry, tr("&Retry"), u"state-retrying"_s,
                 QKeySequence(Qt::CTRL | Qt::Key_R),
                 tr("Retry the selected failed, blocked or cancelled tasks"), u"actionRetry"_s),
            &QAction::triggered, this, &MainWindow::retrySelection);
    connect(make(Action::RetryFullQuality, tr("Retry at full &quality"), u"state-degraded"_s,
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q),
                 tr("Re-run the selected degraded tasks at full quality; the degraded output "
                    "is kept if it fails"),
                 u"actionRetryFullQuality"_s),
            &QAction::triggered, this, &MainWindow::retrySelectionAtFullQuality);
    connect(make(Action::SwitchProvider, tr("&Switch provider…"), u"action-switch-provider"_s,
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                 tr("Re-run the selected tasks on another provider"), u"actionSwitchProvider"_s),
            &QAction::triggered, this,
            [this] { switchProvider(taskIdsFor(Action::SwitchProvider)); });
    connect(make(Action::OpenOutputFolder, tr("Open output &folder"), u"action-folder"_s,
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                 tr("Open the folder with the selected shot's outputs"),
                 u"actionOpenOutputFolder"_s),
            &QAction::triggered, this, &MainWindow::openOutputFolder);
    connect(make(Action::ShowInErrorLog, tr("Show in &error log"), u"action-log"_s,
                 QKeySequence(Qt::CTRL | Qt::Key_E),
                 tr("Show the selected shot's failures in the workspace's error log"),
                 u"actionShowInErrorLog"_s),
            &QAction::triggered, this, &MainWindow::showInErrorLog);
    connect(make(Action::EditPrompt, tr("Edit &prompt…"), u"action-edit"_s,
                 QKeySequence(Qt::Key_F2),
                 tr("Change the selected shot's prompt in the storyboard and run it again"),
                 u"actionEditPrompt"_s),
            &QAction::triggered, this, [this] { editPrompt(m_grid->currentShotId()); });
    connect(make(Action::Preferences, tr("Pre&ferences…"), u"action-preferences"_s,
                 QKeySequence(Qt::CTRL | Qt::Key_Comma),
                 tr("Retries, backoff, disk reserve, debug logging and language"),
                 u"actionPreferences"_s),
            &QAction::triggered, this, &MainWindow::showPreferences);
    connect(make(Action::Checkpoint, tr("Chec&kpoint"), u"action-checkpoint"_s,
                 QKeySequence(Qt::CTRL | Qt::Key_K),
                 tr("Save the batch's state now, to come back to it later"), u"actionCheckpoint"_s),
            &QAction::triggered, this, &MainWindow::createCheckpoint);
    connect(make(Action::Checkpoints, tr("C&heckpoints…"), {},
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                 tr("List the checkpoints and restore one"), u"actionCheckpoints"_s),
            &QAction::triggered, this, [this] { showCheckpoints(); });
    connect(make(Action::Publish, tr("P&ublish"), u"action-publish"_s,
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
                 tr("Copy the current outputs of done tasks into published/, in one atomic "
                    "step"),
                 u"actionPublish"_s),
            &QAction::triggered, this, &MainWindow::publish);
    connect(make(Action::Report, tr("Re&port"), u"action-report"_s, QKeySequence(Qt::Key_F9),
                 tr("Write the job report of the latest run and show it"), u"actionReport"_s),
            &QAction::triggered, this, &MainWindow::showReport);
    connect(make(Action::ProviderProfiles, tr("Provider p&rofiles…"), u"action-switch-provider"_s,
                 {},
                 tr("List, add and edit provider profiles, test their connection and store "
                    "their API keys"),
                 u"actionProviderProfiles"_s),
            &QAction::triggered, this, &MainWindow::showProviderProfiles);
    connect(make(Action::FindShot, tr("&Find shots"), {}, QKeySequence::Find,
                 tr("Show only the shots whose id or title contains a text"), u"actionFindShot"_s),
            &QAction::triggered, this, [this] {
                m_search->setFocus(Qt::ShortcutFocusReason);
                m_search->selectAll();
            });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(Action::Open));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(u"recentMenu"_s);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(action(Action::Quit));

    QMenu *settings = menuBar()->addMenu(tr("Se&ttings"));
    settings->setObjectName(u"settingsMenu"_s);
    settings->addAction(action(Action::ProviderProfiles));
    settings->addAction(action(Action::Preferences));

    QMenu *batch = menuBar()->addMenu(tr("&Batch"));
    batch->addAction(action(Action::Run));
    batch->addAction(action(Action::Pause));
    batch->addAction(action(Action::Cancel));
    batch->addSeparator();
    batch->addAction(action(Action::RetryAllFailed));
    batch->addSeparator();
    batch->addAction(action(Action::Checkpoint));
    batch->addAction(action(Action::Checkpoints));
    batch->addAction(action(Action::Publish));
    batch->addAction(action(Action::Report));

    const QList<Action> perItem{
        Action::Retry,      Action::RetryFullQuality, Action::SwitchProvider,
        Action::EditPrompt, Action::OpenOutputFolder, Action::ShowInErrorLog};
    QMenu *shot = menuBar()->addMenu(tr("&Shot"));
    shot->addAction(action(Action::FindShot));
    shot->addSeparator();
    for (const Action which : perItem) {
        shot->addAction(action(which));
        m_grid->addAction(action(which));
        if (which == Action::SwitchProvider || which == Action::EditPrompt) {
            auto *separator = new QAction(m_grid);
            separator->setSeparator(true);
            m_grid->addAction(separator);
            if (which == Action::EditPrompt)
                shot->addSeparator();
        }
    }
    m_detail->setActions({action(Action::Retry), action(Action::RetryFullQuality),
                          action(Action::SwitchProvider), action(Action::EditPrompt),
                          action(Action::OpenOutputFolder), action(Action::ShowInErrorLog)});
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Batch"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setMovable(false);
    bar->addAction(action(Action::Open));
    bar->addSeparator();
    bar->addAction(action(Action::Run));
    bar->addAction(action(Action::Pause));
    bar->addAction(action(Action::Cancel));
    bar->addSeparator();
    bar->addAction(action(Action::RetryAllFailed));
    bar->addSeparator();
    bar->addAction(action(Action::Checkpoint));
    bar->addAction(action(Action::Publish));
    bar->addAction(action(Action::Report));
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(u"shotSearch"_s);
    m_search->setPlaceholderText(tr("Find shots (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(240);
    m_search->setAccessibleName(tr("Find shots by id or title"));
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        ShotFilter filter = m_proxy->filter();
        filter.setText(text);
        m_proxy->setFilter(filter);
    });
    bar->addWidget(m_search);
}

void MainWindow::createDocks()
{
    m_logDock = new QDockWidget(tr("Activity log"), this);
    m_logDock->setObjectName(u"activityLogDock"_s);
    m_logDock->setWidget(m_log);
    m_logDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    QAction *toggle = m_logDock->toggleViewAction();
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    toggle->setToolTip(tr("Show or hide the activity log (Ctrl+L)"));
    m_providerPanel = new ProviderStatusPanel(action(Action::ProviderProfiles), this);
    m_providerDock = new QDockWidget(tr("Providers"), this);
    m_providerDock->setObjectName(u"providerStatusDock"_s);
    m_providerDock->setWidget(m_providerPanel);
    m_providerDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_providerDock);
    splitDockWidget(m_logDock, m_providerDock, Qt::Horizontal);
    QAction *providersToggle = m_providerDock->toggleViewAction();
    providersToggle->setToolTip(tr("Show or hide the providers' live state"));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(toggle);
    view->addAction(providersToggle);
    resizeDocks({m_logDock}, {150}, Qt::Vertical);
    resizeDocks({m_logDock, m_providerDock}, {600, 800}, Qt::Horizontal);
}

void MainWindow::connectController()
{
    connect(m_controller, &EngineController::opened, this, &MainWindow::onOpened);
    connect(m_controller, &EngineController::openFailed, this, [this](const QString &error) {
        m_loaded = false;
        const QString text = tr("Could not open the workspace of %1: %2")
                                 .arg(QFileInfo(m_pendingPath).fileName(), error);
        statusBar()->showMessage(text);
        log(text);
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Storyboard not opened"), text,
                                    QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        updateActions();
        Q_EMIT openFailed(text);
    });
    connect(m_controller, &EngineController::tasksUpdated, this, &MainWindow::onTasksUpdated);
    connect(m_controller, &EngineController::summaryChanged, this, &MainWindow::onSummary);
    connect(m_controller, &EngineController::providersUpdated, m_coordinator,
            &BannerCoordinator::setProviders);
    connect(m_controller, &EngineController::providersUpdated, m_providerPanel->model(),
            &ProviderStatusModel::update);
    connect(m_controller, &EngineController::attemptFinished, this, &MainWindow::onAttemptFinished);
    connect(m_controller, &EngineController::batchFinished, this, &MainWindow::onBatchFinished);
    connect(m_controller, &EngineController::logMessage, this, &MainWindow::log);
    connect(m_controller, &EngineController::checkpointCreated, this,
            &MainWindow::onCheckpointCreated);
    connect(m_controller, &EngineController::restored, this, &MainWindow::onRestored);
    connect(m_controller, &EngineController::pausedChanged, this,
            [this](bool paused, const QString &reason) {
                if (paused && reason == u"disk full"_s)
                    statusBar()->showMessage(tr("Disk full: the batch is paused."));
                else if (paused && reason == u"budget cap"_s)
                    statusBar()->showMessage(tr("Budget cap reached: no new tasks start."));
            });
}

void MainWindow::openFile(const QString &path)
{
    if (path.isEmpty())
        return;
    if (m_loader) {
        statusBar()->showMessage(tr("Still reading %1…").arg(QFileInfo(m_pendingPath).fileName()));
        return;
    }
    m_pendingPath = QFileInfo(path).absoluteFilePath();
    statusBar()->showMessage(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_loader = new QFutureWatcher<StoryboardLoad>(this);
    connect(m_loader, &QFutureWatcher<StoryboardLoad>::finished, this, [this] {
        const StoryboardLoad result = m_loader->result();
        m_loader->deleteLater();
        m_loader = nullptr;
        onLoaded(m_pendingPath, result);
    });
    const QString file = m_pendingPath;
    // With the profiles of providers.json beside it and of the user's settings.
    m_loader->setFuture(QtConcurrent::run([file] {
        const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
        return ProviderProfileStore::loadStoryboard(file, *settings);
    }));
}

void MainWindow::onLoaded(const QString &path, const StoryboardLoad &loaded)
{
    const LoadResult &result = loaded.result;
    for (const QString &problem : loaded.profileProblems)
        log(tr("Provider profile left out: %1").arg(problem));
    if (!result.ok()) {
        const QString reason =
            tr("%1 has %n problem(s); it was not opened.", nullptr, int(result.issues.size()))
                .arg(QFileInfo(path).fileName());
        statusBar()->showMessage(reason);
        log(reason);
        auto *dialog = new ValidationDialog(path, result.issues, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        m_runAfterOpen = RunAfterOpen::No;
        Q_EMIT openFailed(reason);
        return;
    }
    RecentFiles::add(path);
    m_project = *result.project;
    m_storyboardProfiles = loaded.storyboardProfiles;
    m_path = path;
    m_loaded = false;
    m_summary = BatchSummary();
    m_summaryBar->clear();
    m_model->clear();
    m_detail->setShot(nullptr, nullptr);
    m_providerPanel->model()->clear();
    m_coordinator->reset(Workspace::forStoryboard(m_project.filePath));
    m_banners->hideMessage(u"6-checkpoint"_s);
    m_banners->hideMessage(u"7-restored"_s);
    m_crashedRunReport = RunReportResult();
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    log(tr("Opening %1.").arg(path));
    const Preferences preferences = m_preferences;
    m_controller->open(m_project, Workspace::forStoryboard(m_project.filePath),
                       [preferences](Engine &engine) {
                           EngineOptions options = engine.options();
                           preferences.applyTo(options);
                           engine.setOptions(options);
                       });
    updateActions();
    updateTitle();
}

void MainWindow::onOpened(const EngineSnapshot &snapshot)
{
    // A Run asked for before the storyboard was reopened is void: its estimate was dropped.
    m_askingToRun = false;
    m_loaded = true;
    m_workspaceDir = snapshot.workspaceDir;
    m_providerIds = snapshot.providerIds;
    m_model->load(m_project, snapshot.tasks);
    m_coordinator->reset(m_workspaceDir);
    m_coordinator->setProviders(snapshot.providers);
    m_providerPanel->model()->reset(snapshot.providers);
    m_coordinator->refresh();
    onSummary(snapshot.summary);
    const QString text =
        tr("%1: %n shot(s)", nullptr, m_project.shotCount()).arg(QFileInfo(m_path).fileName()) +
        u", "_s + tr("%n scene(s).", nullptr, int(m_project.scenes.size()));
    statusBar()->showMessage(text + u' ' + tr("Press Run (F5) to start."));
    log(text + u' ' + tr("Workspace: %1").arg(m_workspaceDir));
    if (m_proxy->rowCount() > 1)
        m_grid->setCurrentIndex(m_proxy->index(1, 0));
    // Before anything can continue it: the partial report of a run whose process died.
    reportCrashedRun();
    Q_EMIT projectOpened();
    const RunAfterOpen runAfterOpen = m_runAfterOpen;
    m_runAfterOpen = RunAfterOpen::No;
    if (runAfterOpen == RunAfterOpen::Ask)
        runBatch();
    else if (runAfterOpen == RunAfterOpen::Continue)
        startRun(m_runBudgetCap);
}

void MainWindow::onSummary(const BatchSummary &summary)
{
    m_summary = summary;
    m_summaryBar->setSummary(summary);
    m_coordinator->setSummary(summary);
    m_grid->setLiveRepaint(summary.running);
    updateActions();
    updateTitle();
}

void MainWindow::onTasksUpdated(const QList<TaskSnapshot> &tasks)
{
    m_model->applyUpdates(tasks);
    m_coordinator->refresh();
    const QString shown = m_detail->shotId();
    if (!shown.isEmpty()) {
        for (const TaskSnapshot &t : tasks) {
            if (t.shotId == shown) {
                if (const ShotTile *tile = m_model->tileForShot(shown))
                    m_detail->updateTile(*tile);
                break;
            }
        }
    }
    updateActions();
}

void MainWindow::onAttemptFinished(const QString &taskId, const Attempt &attempt)
{
    if (m_preferences.debugLogging) {
        QStringList params;
        for (auto it = attempt.params.cbegin(); it != attempt.params.cend(); ++it)
            params << it.key() + u'=' + it.value().toString();
        log(tr("[debug] %1 attempt %2 on %3: %4; parameters: %5")
                .arg(taskId)
                .arg(attempt.number)
                .arg(attempt.providerId,
                     attempt.ok() ? tr("ok") : StateStyle::errorLabel(attempt.errorClass),
                     params.join(u", "_s)));
    }
    if (taskId.section(u'/', 0, 0) == m_detail->shotId())
        fetchAttempts(m_detail->shotId());
}

void MainWindow::onBatchFinished(const BatchSummary &summary)
{
    const int failed = summary.count(TaskState::Failed) + summary.count(TaskState::Blocked);
    const bool budgetCapped = summary.paused && summary.pauseReason == u"budget cap"_s;
    const bool cancelled = summary.count(TaskState::Cancelled) > 0;
    QString text;
    QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information;
    if (budgetCapped) {
        text = tr("The batch stopped at its budget cap: %1 of %2 cost units spent, %n task(s) "
                  "not started.",
                  nullptr,
                  summary.count(TaskState::Queued) + summary.count(TaskState::Waiting) +
                      summary.count(TaskState::Retrying))
                   .arg(RunConfirmationDialog::costText(summary.spent),
                        RunConfirmationDialog::costText(summary.budgetCap));
        icon = QSystemTrayIcon::Warning;
    } else if (summary.allDone()) {
        text = tr("All %n task(s) are done.", nullptr, summary.total);
        if (summary.degraded() > 0)
            text += u' ' + tr("%n at reduced quality.", nullptr, summary.degraded());
    } else if (summary.count(TaskState::Cancelled) > 0) {
        text = tr("The batch was cancelled: %1 of %2 tasks done.")
                   .arg(summary.count(TaskState::Done))
                   .arg(summary.total);
    } else {
        text = tr("The batch stopped with %n task(s) that need you.", nullptr, failed);
        icon = QSystemTrayIcon::Warning;
    }
    const QString title =
        tr("%1: batch finished")
            .arg(m_project.title.isEmpty() ? QFileInfo(m_path).fileName() : m_project.title);
    log(text);
    statusBar()->showMessage(text);
    if (m_tray)
        m_tray->showMessage(title, text, icon, 10000);
    updateActions();
    // A run that stopped before its end gets its (partial) report now.
    if (m_quitWhenFinished) {
        m_quitWhenFinished = false;
        writeRunReport([this] { close(); });
    } else if (cancelled || budgetCapped) {
        writeRunReport();
    }
    Q_EMIT batchFinished(summary);
}

void MainWindow::onCurrentChanged()
{
    const QModelIndex current = m_proxy->mapToSource(m_grid->currentIndex());
    const ShotTile *tile = m_model->tileAt(current.row());
    m_detail->setShot(tile, m_model->shotAt(current.row()));
    if (tile)
        fetchAttempts(tile->shotId);
    updateActions();
}

void MainWindow::fetchAttempts(const QString &shotId)
{
    const QString image = shotId + u"/image"_s;
    const QString video = shotId + u"/video"_s;
    m_controller->query<QPair<QList<Attempt>, QList<Attempt>>>(
        [image, video](const Engine &engine) {
            return qMakePair(engine.attempts(image), engine.attempts(video));
        },
        this,
        [this, shotId](const QPair<QList<Attempt>, QList<Attempt>> &attempts) {
            if (m_detail->shotId() != shotId)
                return;
            m_detail->setAttempts(Stage::Image, attempts.first);
            m_detail->setAttempts(Stage::Video, attempts.second);
            Q_EMIT attemptsShown(shotId);
        });
}

QStringList MainWindow::taskIdsFor(Action which) const
{
    QStringList ids;
    QStringList degraded;
    for (const QString &shotId : m_grid->selectedShotIds()) {
        const ShotTile *tile = m_model->tileForShot(shotId);
        if (!tile)
            continue;
        for (const TaskSnapshot *t : {&tile->image, &tile->video}) {
            switch (which) {
            case Action::Retry:
                // A blocked video is retried through its image: not when the image's
                // loop guard is on.
                if (isRetryable(*t) &&
                    !(t->stage == Stage::Video && t->state == TaskState::Blocked &&
                      BannerCoordinator::isLoopGuarded(tile->image)))
                    ids << t->id;
                break;
            case Action::RetryFullQuality:
                if (t->state == TaskState::Done && isDegraded(t->quality))
                    ids << t->id;
                break;
            case Action::SwitchProvider:
                if (t->state == TaskState::Done) {
                    if (isSwitchable(*t))
                        degraded << t->id;
                } else if (isSwitchable(*t)) {
                    ids << t->id;
                }
                break;
            default:
                break;
            }
        }
    }
    // Switching the provider of a failed shot must not throw away its degraded image;
    // degraded tasks are switched only when nothing else is selected.
    if (which == Action::SwitchProvider && ids.isEmpty())
        return degraded;
    return ids;
}

void MainWindow::retrySelection()
{
    const QStringList ids = taskIdsFor(Action::Retry);
    if (ids.isEmpty())
        return;
    log(tr("You retried %1.").arg(ids.join(u", "_s)));
    m_controller->retryTasks(ids);
}

void MainWindow::retrySelectionAtFullQuality()
{
    const QStringList ids = taskIdsFor(Action::RetryFullQuality);
    if (ids.isEmpty())
        return;
    log(tr("You retried %1 at full quality.").arg(ids.join(u", "_s)));
    m_controller->retryAtFullQuality(ids);
}

void MainWindow::switchProvider(const QStringList &taskIds)
{
    if (!m_loaded)
        return;
    auto *dialog = new SwitchProviderDialog(
        m_providerIds, m_project, taskIds, m_summary.count(TaskState::Failed),
        taskIds.isEmpty() ? SwitchProviderDialog::Scope::AllFailed
                          : SwitchProviderDialog::Scope::Selection,
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString provider = dialog->providerId();
        if (dialog->scope() == SwitchProviderDialog::Scope::AllFailed) {
            log(tr("You switched every failed task to provider %1.").arg(provider));
            m_controller->switchProviderForFailed(provider);
        } else {
            log(tr("You switched %1 to provider %2.")
                    .arg(dialog->selectedTaskIds().join(u", "_s), provider));
            m_controller->switchProvider(dialog->selectedTaskIds(), provider);
        }
    });
    dialog->open();
}

void MainWindow::editPrompt(const QString &shotId, const QString &reason)
{
    const ShotTile *tile = m_model->tileForShot(shotId);
    if (!tile)
        return;
    const Shot &shot = m_project.scenes.at(tile->sceneIndex).shots.at(tile->shotIndex);
    QString why = reason;
    if (why.isEmpty()) {
        for (const TaskSnapshot *t : {&tile->image, &tile->video}) {
            if (t->lastError == ErrorClass::ContentPolicy && t->state != TaskState::Done)
                why = tr("The provider rejected this prompt (%1).").arg(t->lastMessage);
        }
    }
    auto *dialog = new EditPromptDialog(m_path, shot, why, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditPromptDialog::saved, this, [this](const QString &id) {
        log(tr("You changed the prompt of %1; reloading the storyboard.").arg(id));
        m_runAfterOpen =
            m_summary.running && !m_summary.paused ? RunAfterOpen::Continue : RunAfterOpen::No;
        openFile(m_path);
    });
    dialog->open();
}

void MainWindow::openOutputFolder()
{
    const ShotTile *tile = m_model->tileForShot(m_grid->currentShotId());
    if (!tile || m_workspaceDir.isEmpty())
        return;
    QString dir = QDir(m_workspaceDir).filePath(u"draft/"_s + tile->sceneId + u'/' + tile->shotId);
    if (!QFileInfo::exists(dir))
        dir = QDir(m_workspaceDir).filePath(u"draft"_s);
    QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
}

void MainWindow::showInErrorLog()
{
    const ShotTile *tile = m_model->tileForShot(m_grid->currentShotId());
    if (!tile || m_workspaceDir.isEmpty())
        return;
    auto *dialog =
        new ErrorLogDialog(Workspace(m_workspaceDir).errorLogPath(), tile->taskIds(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showPreferences()
{
    auto *dialog = new PreferencesDialog(m_preferences, m_project.retry, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Preferences before = m_preferences;
        m_preferences = dialog->preferences();
        m_preferences.save();
        applyPreferences();
        if (before.language != m_preferences.language)
            statusBar()->showMessage(tr("The new language takes effect when Retake starts "
                                        "again."));
    });
    dialog->open();
}

void MainWindow::showProviderProfiles()
{
    if (auto *open = findChild<ProviderProfilesDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new ProviderProfilesDialog(
        m_loaded ? m_path : QString(), m_loaded ? m_storyboardProfiles : QList<ProviderProfile>(),
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProviderProfilesDialog::profileSaved, this, [this](const QString &id) {
        log(tr("You saved the provider profile %1; it is used from the next storyboard you "
               "open.")
                .arg(id));
    });
    connect(dialog, &ProviderProfilesDialog::profileRemoved, this,
            [this](const QString &id) { log(tr("You removed the provider profile %1.").arg(id)); });
    dialog->open();
}

void MainWindow::applyPreferences()
{
    const Preferences preferences = m_preferences;
    const RetrySettings projectRetry = m_project.retry;
    m_controller->changeOptions([preferences, projectRetry](EngineOptions &options) {
        if (!preferences.overrideRetry) {
            options.retry.maxRetries = projectRetry.maxRetries;
            options.retry.baseDelayMs = projectRetry.baseDelayMs;
        }
        preferences.applyTo(options);
    });
    log(tr("Preferences applied: %n automatic retries, backoff from %1 s, keep %2 MB free.",
           nullptr, preferences.overrideRetry ? preferences.maxRetries : projectRetry.maxRetries)
            .arg((preferences.overrideRetry ? preferences.baseDelayMs : projectRetry.baseDelayMs) /
                 1000.0)
            .arg(preferences.diskReserveMb));
    if (preferences.concurrencyCap > 0)
        log(tr("At most %n request(s) in flight per provider.", nullptr,
               preferences.concurrencyCap));
}

void MainWindow::createCheckpoint()
{
    m_controller->query<QPair<CheckpointInfo, QString>>(
        [](Engine &engine) {
            QString error;
            const CheckpointInfo info = engine.createCheckpoint(u"manual"_s, &error);
            return qMakePair(info, error);
        },
        this,
        [this](const QPair<CheckpointInfo, QString> &result) {
            if (result.first.id.isEmpty()) {
                const QString text = tr("No checkpoint was made: %1").arg(result.second);
                log(text);
                statusBar()->showMessage(text);
                return;
            }
            const QString text = tr("Checkpoint %1 saved.").arg(result.first.id);
            statusBar()->showMessage(text);
            Q_EMIT checkpointCreated(result.first.id);
        });
}

void MainWindow::showCheckpoints(const QString &checkpointId)
{
    if (!m_loaded)
        return;
    auto *dialog = new CheckpointsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto refresh = [this, dialog, checkpointId](const QString &select) {
        m_controller->query<QList<CheckpointInfo>>(
            [](Engine &engine) { return engine.checkpoints(); }, dialog,
            [dialog, select](const QList<CheckpointInfo> &list) {
                dialog->setCheckpoints(list);
                if (!select.isEmpty())
                    dialog->select(select);
            });
        Q_UNUSED(checkpointId);
    };
    connect(dialog, &CheckpointsDialog::restoreRequested, this,
            [this, dialog, refresh](const QString &id) {
                log(tr("You restored checkpoint %1.").arg(id));
                m_controller->query<QString>(
                    [id](Engine &engine) {
                        QString error;
                        return engine.restoreCheckpoint(id, &error) ? QString() : error;
                    },
                    dialog,
                    [dialog, refresh, id](const QString &error) {
                        dialog->setMessage(error.isEmpty() ? tr("Restored %1.").arg(id)
                                                           : tr("Not restored: %1").arg(error));
                        refresh(id);
                    });
            });
    refresh(checkpointId);
    dialog->open();
}

void MainWindow::onCheckpointCreated(const CheckpointInfo &checkpoint)
{
    log(tr("Checkpoint %1 saved (%2).").arg(checkpoint.id, checkpoint.reason));
    // Offer to go back after bulk actions; a restore has its own banner.
    if (checkpoint.reason.startsWith(u"before "_s) &&
        !checkpoint.reason.startsWith(u"before restore"_s)) {
        m_bannerCheckpoint = checkpoint.id;
        m_banners->showMessage(u"6-checkpoint"_s,
                               tr("Retake saved a checkpoint (%1). If the result is not what "
                                  "you wanted, restore it.")
                                   .arg(checkpoint.reason),
                               BannerType::Information, {m_restoreFromBanner});
    }
}

void MainWindow::onRestored(const QString &checkpointId, const QString &undoId)
{
    m_undoCheckpoint = undoId;
    m_banners->hideMessage(u"6-checkpoint"_s);
    m_banners->showMessage(u"7-restored"_s,
                           tr("Checkpoint %1 restored. The state before it was saved as %2.")
                               .arg(checkpointId, undoId),
                           BannerType::Information, {m_undoRestore});
    statusBar()->showMessage(tr("Checkpoint %1 restored.").arg(checkpointId));
}

void MainWindow::publish()
{
    if (!m_loaded || m_busy)
        return;
    const int done = m_summary.count(TaskState::Done);
    const int missing = m_summary.total - done;
    const auto go = [this] {
        m_busy = true;
        updateActions();
        statusBar()->showMessage(tr("Publishing…"));
        const QString dir = m_workspaceDir;
        m_controller->query<QList<PublishItem>>(
            [](Engine &engine) {
                return Publisher::itemsFor(engine.tasks(), engine.allAttempts());
            },
            this,
            [this, dir](const QList<PublishItem> &items) {
                // Copying is disk work: on the pool, never on the GUI or engine thread.
                auto *watcher = new QFutureWatcher<PublishResult>(this);
                connect(watcher, &QFutureWatcher<PublishResult>::finished, this, [this, watcher] {
                    watcher->deleteLater();
                    m_busy = false;
                    const PublishResult result = watcher->result();
                    const QString text =
                        result.ok ? tr("Published %n file(s) (%1 MB) to published/.", nullptr,
                                       result.files)
                                        .arg(QLocale().toString(result.bytes / 1048576.0, 'f', 1))
                                  : tr("Not published: %1").arg(result.message);
                    log(text);
                    statusBar()->showMessage(text);
                    if (!result.ok) {
                        auto *box = new QMessageBox(QMessageBox::Warning, tr("Publish"), text,
                                                    QMessageBox::Close, this);
                        box->setAttribute(Qt::WA_DeleteOnClose);
                        box->open();
                    }
                    updateActions();
                    Q_EMIT published(result.ok, text);
                });
                watcher->setFuture(QtConcurrent::run(
                    [dir, items] { return Publisher::publish(Workspace(dir), items); }));
            });
    };
    if (missing <= 0) {
        go();
        return;
    }
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Publish"),
        tr("%n task(s) are not done and will be missing from published/.", nullptr, missing),
        QMessageBox::NoButton, this);
    box->setObjectName(u"confirmPublish"_s);
    box->setInformativeText(tr("Publish the %n done output(s) now? The previous published/ is "
                               "replaced in one step.",
                               nullptr, done));
    QPushButton *yes = box->addButton(tr("Publish"), QMessageBox::AcceptRole);
    yes->setObjectName(u"confirmPublishButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [yes, go](QAbstractButton *b) {
        if (b == yes)
            go();
    });
    box->open();
}

void MainWindow::showReport()
{
    if (!m_loaded || m_busy)
        return;
    m_busy = true;
    updateActions();
    statusBar()->showMessage(tr("Writing the report…"));
    // The same report the engine writes at the end of a run (budget cap included), built
    // on the engine's thread from its own read-only connection.
    m_controller->query<RunReportResult>(
        [](const Engine &engine) { return RunReport::write(engine); }, this,
        [this](const RunReportResult &report) {
            m_busy = false;
            updateActions();
            if (!report.written) {
                const QString text = tr("No report: %1").arg(report.error);
                log(text);
                statusBar()->showMessage(text);
                return;
            }
            statusBar()->showMessage(tr("Report written to %1.").arg(report.files.html));
            auto *dialog = new ReportDialog(report.html, report.files.html, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
            Q_EMIT reportShown(report.files.html);
        });
}

void MainWindow::runBatch()
{
    if (!m_loaded) {
        m_runAfterOpen = RunAfterOpen::Ask;
        return;
    }
    if (m_summary.paused && m_summary.pauseReason == u"budget cap"_s) {
        raiseBudget();
    } else if (m_summary.paused && m_summary.pauseReason != u"disk full"_s) {
        // Resuming a paused run asks nothing: the run and its budget cap go on.
        log(tr("You resumed the batch."));
        m_controller->resume();
    } else if (m_preferences.confirmRun) {
        askToRun();
    } else {
        startRun(m_preferences.runBudgetCap);
    }
}

void MainWindow::askToRun()
{
    if (m_askingToRun)
        return;
    m_askingToRun = true;
    statusBar()->showMessage(tr("Estimating the run…"));
    m_controller->query<RunEstimate>(
        [](const Engine &engine) { return RunEstimate::of(engine); }, this,
        [this](const RunEstimate &estimate) {
            auto *dialog = new RunConfirmationDialog(estimate, m_preferences.runBudgetCap, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::finished, this, [this] { m_askingToRun = false; });
            connect(dialog, &QDialog::rejected, this,
                    [this] { statusBar()->showMessage(tr("Run cancelled: nothing started.")); });
            connect(dialog, &QDialog::accepted, this, [this, dialog] {
                m_preferences.runBudgetCap = dialog->budgetCap();
                if (dialog->dontAskAgain()) {
                    m_preferences.confirmRun = false;
                    log(tr("Run no longer asks first; turn it back on in Preferences."));
                }
                m_preferences.save();
                startRun(dialog->budgetCap());
            });
            dialog->open();
        });
}

void MainWindow::startRun(double budgetCap)
{
    m_runBudgetCap = budgetCap;
    log(budgetCap > 0.0 ? tr("You started the batch with a budget cap of %1 cost units.")
                              .arg(RunConfirmationDialog::costText(budgetCap))
                        : tr("You started the batch."));
    statusBar()->showMessage(tr("Running %1…").arg(QFileInfo(m_path).fileName()));
    m_controller->startRun(budgetCap);
}

void MainWindow::raiseBudget()
{
    if (!m_loaded)
        return;
    m_controller->query<RunEstimate>(
        [](const Engine &engine) { return RunEstimate::of(engine); }, this,
        [this](const RunEstimate &estimate) {
            if (estimate.budgetCap <= 0.0)
                return; // raised meanwhile
            auto *dialog = new QInputDialog(this);
            dialog->setObjectName(u"raiseBudgetDialog"_s);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setWindowTitle(tr("Raise the budget"));
            dialog->setInputMode(QInputDialog::DoubleInput);
            dialog->setDoubleDecimals(2);
            dialog->setDoubleRange(estimate.budgetCap + 0.01, 1e9);
            // Enough for what has not run yet, one attempt each.
            const double needed = std::ceil(estimate.spent + estimate.total.costUnits);
            dialog->setDoubleValue(std::max(needed, estimate.budgetCap + 1.0));
            dialog->setLabelText(
                tr("This run has spent %1 of its %2 cost units. The %n task(s) not started "
                   "are expected to cost about %3 more.",
                   nullptr, estimate.total.tasks)
                    .arg(RunConfirmationDialog::costText(estimate.spent),
                         RunConfirmationDialog::costText(estimate.budgetCap),
                         RunConfirmationDialog::costText(estimate.total.costUnits)) +
                u"\n\n"_s + tr("New budget cap for this run (cost units):"));
            dialog->setOkButtonText(tr("Raise and continue"));
            connect(dialog, &QInputDialog::doubleValueSelected, this, [this](double cap) {
                m_runBudgetCap = cap;
                log(tr("You raised the budget cap to %1 cost units; the run continues.")
                        .arg(RunConfirmationDialog::costText(cap)));
                m_controller->setBudgetCap(cap);
            });
            dialog->open();
        });
}

void MainWindow::writeRunReport(const std::function<void()> &then)
{
    m_controller->query<RunReportResult>(
        [](const Engine &engine) { return RunReport::write(engine); }, this,
        [this, then](const RunReportResult &report) {
            if (report.written) {
                log(tr("Job report of run %1 written: %2").arg(report.runId, report.files.html));
                Q_EMIT runReportWritten(report.runId, report.outcome, report.files.html);
            } else if (!report.error.isEmpty()) {
                log(tr("No job report: %1").arg(report.error));
            }
            if (then)
                then();
        });
}

void MainWindow::reportCrashedRun()
{
    m_controller->query<RunReportResult>(
        [](const Engine &engine) { return RunReport::writeCrashedRun(engine); }, this,
        [this](const RunReportResult &report) {
            if (!report.error.isEmpty())
                log(tr("Could not write the partial report of the run that stopped: %1")
                        .arg(report.error));
            if (!report.written)
                return;
            m_crashedRunReport = report;
            log(tr("Run %1 stopped before it finished (crash or kill); partial report: %2")
                    .arg(report.runId, report.files.html));
            m_coordinator->showCrashedRun(report.runId);
            Q_EMIT runReportWritten(report.runId, report.outcome, report.files.html);
        });
}

void MainWindow::showCrashedRunReport()
{
    if (!m_crashedRunReport.written)
        return;
    auto *dialog = new ReportDialog(m_crashedRunReport.html, m_crashedRunReport.files.html, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    Q_EMIT reportShown(m_crashedRunReport.files.html);
}

void MainWindow::updateActions()
{
    const BatchSummary &s = m_summary;
    const bool running = m_loaded && s.running;
    const int runnable = s.count(TaskState::Queued) + s.count(TaskState::Waiting) +
                         s.count(TaskState::Interrupted) + s.count(TaskState::Cancelled) +
                         s.count(TaskState::Retrying);
    const bool userPaused = s.paused && s.pauseReason != u"disk full"_s;
    const bool budgetCapped = s.paused && s.pauseReason == u"budget cap"_s;
    QAction *runAction = action(Action::Run);
    runAction->setEnabled(m_loaded && (userPaused || (!running && runnable > 0)));
    runAction->setText(budgetCapped ? tr("&Raise budget…")
                       : userPaused ? tr("&Resume")
                                    : tr("&Run"));
    action(Action::Pause)->setEnabled(running && !s.paused);
    action(Action::Cancel)->setEnabled(running);
    action(Action::RetryAllFailed)
        ->setEnabled(m_loaded && s.count(TaskState::Failed) + s.count(TaskState::Blocked) > 0);

    const bool anyLoopGuarded = [this] {
        for (const QString &shotId : m_grid->selectedShotIds()) {
            const ShotTile *tile = m_model->tileForShot(shotId);
            if (tile &&
                (BannerCoordinator::isLoopGuarded(tile->image) ||
                 BannerCoordinator::isLoopGuarded(tile->video)) &&
                (tile->image.state == TaskState::Failed || tile->video.state == TaskState::Failed))
                return true;
        }
        return false;
    }();
    QAction *retry = action(Action::Retry);
    retry->setEnabled(m_loaded && !taskIdsFor(Action::Retry).isEmpty());
    retry->setToolTip(anyLoopGuarded && !retry->isEnabled()
                          ? tr("Retried 3 times by hand with the same error: switch provider "
                               "or edit the prompt instead")
                          : tr("Retry the selected failed, blocked or cancelled tasks (%1)")
                                .arg(retry->shortcut().toString(QKeySequence::NativeText)));
    action(Action::RetryFullQuality)
        ->setEnabled(m_loaded && !taskIdsFor(Action::RetryFullQuality).isEmpty());
    action(Action::SwitchProvider)
        ->setEnabled(m_loaded && !taskIdsFor(Action::SwitchProvider).isEmpty());
    const bool current = m_loaded && !m_grid->currentShotId().isEmpty();
    action(Action::OpenOutputFolder)->setEnabled(current);
    action(Action::ShowInErrorLog)->setEnabled(current);
    action(Action::EditPrompt)->setEnabled(current);
    action(Action::Checkpoint)->setEnabled(m_loaded);
    action(Action::Checkpoints)->setEnabled(m_loaded);
    action(Action::Publish)->setEnabled(m_loaded && !m_busy && s.count(TaskState::Done) > 0);
    action(Action::Report)->setEnabled(m_loaded && !m_busy);
}

void MainWindow::updateTitle()
{
    if (m_path.isEmpty()) {
        setWindowTitle(tr("Retake"));
        return;
    }
    const QString name = m_project.title.isEmpty() ? QFileInfo(m_path).fileName() : m_project.title;
    setWindowTitle(tr("%1 — %2% — Retake", "window title: project — percent — app")
                       .arg(name)
                       .arg(int(m_summary.percent()), 2, 10, QLatin1Char('0')));
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = RecentFiles::list();
    int n = 0;
    for (const QString &file : files) {
        ++n;
        QAction *entry =
            m_recentMenu->addAction(n < 10 ? u"&%1 %2"_s.arg(n).arg(QFileInfo(file).fileName())
                                           : QFileInfo(file).fileName());
        entry->setToolTip(file);
        entry->setStatusTip(file);
        connect(entry, &QAction::triggered, this, [this, file] {
            if (!QFileInfo::exists(file)) {
                RecentFiles::remove(file);
                statusBar()->showMessage(
                    tr("%1 no longer exists; removed from the recent files.").arg(file));
                return;
            }
            openFile(file);
        });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent storyboards"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("Clear the list")), &QAction::triggered, this,
            [] { RecentFiles::clear(); });
}

void MainWindow::browseForFile()
{
    const QString dir = m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath();
    auto *dialog = new QFileDialog(this, tr("Open a storyboard"), dir,
                                   tr("Storyboards (*.retake.json *.json *.csv);;All files (*)"));
    dialog->setObjectName(u"openDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openFile);
    dialog->open();
}

void MainWindow::log(const QString &line)
{
    m_log->append(line);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() &&
        isStoryboardFile(urls.first().toLocalFile()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.first().toLocalFile());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const bool busy = m_loaded && m_summary.running && !m_summary.paused;
    if (!busy || m_closeConfirmed) {
        event->accept();
        return;
    }
    event->ignore();
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("A batch is running"),
        tr("%n task(s) are still running or waiting. What should happen "
           "to them?",
           nullptr,
           m_summary.count(TaskState::Running) + m_summary.count(TaskState::Queued) +
               m_summary.count(TaskState::Waiting) + m_summary.count(TaskState::Retrying)),
        QMessageBox::NoButton, this);
    box->setObjectName(u"closeWhileRunning"_s);
    box->setInformativeText(tr("Finished work is kept in every case."));
    QPushButton *pause = box->addButton(tr("Pause and quit"), QMessageBox::AcceptRole);
    pause->setObjectName(u"pauseAndQuit"_s);
    pause->setToolTip(tr("Running attempts are stopped and resume the next time you open "
                         "this storyboard"));
    QPushButton *cancel =
        box->addButton(tr("Cancel the batch and quit"), QMessageBox::DestructiveRole);
    cancel->setObjectName(u"cancelAndQuit"_s);
    QPushButton *keep = box->addButton(tr("Keep running"), QMessageBox::RejectRole);
    keep->setObjectName(u"keepRunning"_s);
    box->setDefaultButton(pause);
    box->setEscapeButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, pause, cancel](QAbstractButton *b) {
        if (b == pause) {
            log(tr("Pausing and quitting; the batch resumes next time."));
            m_closeConfirmed = true;
            m_controller->suspend();
            // The run's partial report, then the window closes.
            statusBar()->showMessage(tr("Writing the report…"));
            writeRunReport([this] { close(); });
        } else if (b == cancel) {
            log(tr("Cancelling the batch and quitting."));
            m_closeConfirmed = true;
            // Quits when the batch has finished (its report written), or after a while
            // if an attempt does not stop.
            m_quitWhenFinished = true;
            statusBar()->showMessage(tr("Cancelling…"));
            m_controller->cancel();
            QTimer::singleShot(10000, this, [this] {
                if (m_quitWhenFinished) {
                    m_quitWhenFinished = false;
                    close();
                }
            });
        }
    });
    box->open();
}

} // namespace retake::ui
