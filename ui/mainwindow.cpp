#include "mainwindow.h"

#include "activitylog.h"
#include "bannerarea.h"
#include "bannercoordinator.h"
#include "checkpointscontroller.h"
#include "desktopnotifier.h"
#include "enginecontroller.h"
#include "opencontroller.h"
#include "providerstatusmodel.h"
#include "providerstatuspanel.h"
#include "publishcontroller.h"
#include "recoverycontroller.h"
#include "reportscontroller.h"
#include "runcontroller.h"
#include "settingscontroller.h"
#include "shotdetailpanel.h"
#include "shotfilterproxy.h"
#include "shotgridview.h"
#include "shotlistmodel.h"
#include "statestyle.h"
#include "summarybar.h"
#include "timelineview.h"

#include "domain/taskid.h"

#include <QAction>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

bool isStoryboardFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    return name.endsWith(u".retake.json"_s) || name.endsWith(u".json"_s) ||
           name.endsWith(u".csv"_s);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_controller(new EngineController(this)),
      m_model(new ShotListModel(this)), m_proxy(new ShotFilterProxy(this)),
      m_grid(new ShotGridView(this)), m_summaryBar(new SummaryBar(this)),
      m_banners(new BannerArea(this)), m_detail(new ShotDetailPanel(this)),
      m_log(new ActivityLog(this))
{
    m_session.preferences = Preferences::load();
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

    createControllers();
    createActions();
    createShotActions();
    createMenus();
    createToolBar();
    createDocks();
    m_coordinator =
        new BannerCoordinator(m_banners, m_model, m_controller, action(Action::RetryAllFailed),
                              action(Action::Pause), this);
    connectControllers();
    connectEngine();

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

    statusBar()->showMessage(tr("Open a storyboard (Ctrl+O) or drop a .retake.json or .csv "
                                "file here."));
    updateActions();
    updateTitle();
    resize(1400, 880);
}

MainWindow::~MainWindow() = default;

void MainWindow::createControllers()
{
    m_open = new OpenController(&m_session, m_controller, this);
    m_reports = new ReportsController(&m_session, m_controller, this);
    m_run = new RunController(&m_session, m_controller, m_reports, this);
    m_recovery = new RecoveryController(&m_session, m_controller, m_model, this);
    m_checkpoints = new CheckpointsController(&m_session, m_controller, this);
    m_publish = new PublishController(&m_session, m_controller, this);
    m_settings = new SettingsController(&m_session, m_controller, this);
    m_notifier = new DesktopNotifier(&m_session, this);
}

void MainWindow::connectControllers()
{
    connect(m_open, &OpenController::logLine, this, &MainWindow::log);
    connect(m_reports, &ReportsController::logLine, this, &MainWindow::log);
    connect(m_run, &RunController::logLine, this, &MainWindow::log);
    connect(m_recovery, &RecoveryController::logLine, this, &MainWindow::log);
    connect(m_checkpoints, &CheckpointsController::logLine, this, &MainWindow::log);
    connect(m_publish, &PublishController::logLine, this, &MainWindow::log);
    connect(m_settings, &SettingsController::logLine, this, &MainWindow::log);
    connect(m_open, &OpenController::statusMessage, this, &MainWindow::showStatus);
    connect(m_open, &OpenController::loadStarted, this, &MainWindow::onLoadStarted);
    connect(m_open, &OpenController::loadRejected, m_run, &RunController::dropRunAfterOpen);
    connect(m_open, &OpenController::opened, this, &MainWindow::onOpened);
    connect(m_open, &OpenController::openFailed, this, &MainWindow::openFailed);
    connect(m_open, &OpenController::stateChanged, this, [this] {
        updateActions();
        updateTitle();
    });
    connect(m_reports, &ReportsController::statusMessage, this, &MainWindow::showStatus);
    connect(m_reports, &ReportsController::busyChanged, this, &MainWindow::updateActions);
    connect(m_reports, &ReportsController::crashedRunFound, m_coordinator,
            &BannerCoordinator::showCrashedRun);
    connect(m_reports, &ReportsController::reportShown, this, &MainWindow::reportShown);
    connect(m_reports, &ReportsController::runReportWritten, this, &MainWindow::runReportWritten);
    connect(m_run, &RunController::statusMessage, this, &MainWindow::showStatus);
    connect(m_run, &RunController::quitRequested, this, &QWidget::close);
    // A click on a desktop notification (docs/ARCHITECTURE.md, "Desktop notifications").
    connect(m_notifier, &DesktopNotifier::taskRequested, this,
            [this](const QString &taskId) { m_grid->selectShot(m_model->tileKeyOfTask(taskId)); });
    connect(m_notifier, &DesktopNotifier::reportRequested, m_reports,
            &ReportsController::showReport);
    connect(m_recovery, &RecoveryController::promptSaved, this, [this] {
        m_run->continueAfterReload();
        m_open->openFile(m_session.path);
    });
    connect(m_checkpoints, &CheckpointsController::statusMessage, this, &MainWindow::showStatus);
    connect(m_checkpoints, &CheckpointsController::showBanner, m_banners, &BannerArea::showMessage);
    connect(m_checkpoints, &CheckpointsController::hideBanner, m_banners, &BannerArea::hideMessage);
    connect(m_checkpoints, &CheckpointsController::checkpointCreated, this,
            &MainWindow::checkpointCreated);
    connect(m_publish, &PublishController::statusMessage, this, &MainWindow::showStatus);
    connect(m_publish, &PublishController::busyChanged, this, &MainWindow::updateActions);
    connect(m_publish, &PublishController::published, this, &MainWindow::published);
    connect(m_settings, &SettingsController::statusMessage, this, &MainWindow::showStatus);

    connect(m_coordinator, &BannerCoordinator::switchProviderRequested, this,
            &MainWindow::switchProvider);
    connect(m_coordinator, &BannerCoordinator::editPromptRequested, this,
            [this](const QString &shotId) { editPrompt(shotId); });
    connect(m_coordinator, &BannerCoordinator::logLine, this, &MainWindow::log);
    connect(m_coordinator, &BannerCoordinator::raiseBudgetRequested, m_run,
            &RunController::raiseBudget);
    connect(m_coordinator, &BannerCoordinator::reportRequested, m_reports,
            &ReportsController::showReport);
    connect(m_coordinator, &BannerCoordinator::crashedRunReportRequested, m_reports,
            &ReportsController::showCrashedRunReport);
    connect(m_coordinator, &BannerCoordinator::takeOverRequested, this, &MainWindow::takeOver);
}

void MainWindow::connectEngine()
{
    connect(m_controller, &EngineController::tasksUpdated, this, &MainWindow::onTasksUpdated);
    connect(m_controller, &EngineController::summaryChanged, this, &MainWindow::onSummary);
    connect(m_controller, &EngineController::providersUpdated, m_coordinator,
            &BannerCoordinator::setProviders);
    connect(m_controller, &EngineController::providersUpdated, m_timeline,
            &TimelineView::noteProviders);
    connect(m_controller, &EngineController::providersUpdated, m_providerPanel->model(),
            &ProviderStatusModel::update);
    connect(m_controller, &EngineController::attemptFinished, this, &MainWindow::onAttemptFinished);
    connect(m_controller, &EngineController::batchFinished, this, &MainWindow::onBatchFinished);
    connect(m_controller, &EngineController::logMessage, this, &MainWindow::log);
    connect(m_controller, &EngineController::pausedChanged, this,
            [this](bool paused, PauseReason reason) {
                m_notifier->pausedChanged(paused, reason);
                if (paused && reason == PauseReason::DiskFull)
                    statusBar()->showMessage(tr("Disk full: the batch is paused."));
                else if (paused && reason == PauseReason::BudgetCap)
                    statusBar()->showMessage(tr("Budget cap reached: no new tasks start."));
            });
    // Watching another process's run (docs/ARCHITECTURE.md, "Ownership and watching").
    connect(m_controller, &EngineController::ownerEnded, this,
            [this](const OwnerInfo &owner, int exitCode, const QString &how) {
                m_coordinator->showOwnerEnded(owner, exitCode, how);
                log(tr("%1 ended its run (exit %2%3); this window takes the workspace over.")
                        .arg(owner.describe())
                        .arg(exitCode)
                        .arg(how.isEmpty() ? QString() : u": "_s + how));
            });
    connect(m_controller, &EngineController::ownerReleased, m_open, &OpenController::reopen);
    connect(m_controller, &EngineController::ownerLost, this, [this](const OwnerInfo &owner) {
        m_coordinator->showOwnerLost(owner);
        const QString text = tr("%1 stopped without finishing its run. Take over to resume it "
                                "here.")
                                 .arg(owner.describe());
        log(text);
        statusBar()->showMessage(text);
        updateActions();
        updateTitle();
    });
}

void MainWindow::takeOver()
{
    if (!m_controller->isWatching() || m_controller->isOwnerConnected())
        return;
    log(tr("You took over %1 from %2; the run resumes here.")
            .arg(m_session.workspaceDir, m_controller->watchedOwner().describe()));
    m_run->continueAfterTakeOver();
    m_open->reopen();
}

void MainWindow::openFile(const QString &path)
{
    m_open->openFile(path);
}

void MainWindow::runBatch()
{
    m_run->runBatch();
}

void MainWindow::raiseBudget()
{
    m_run->raiseBudget();
}

void MainWindow::switchProvider(const QStringList &taskIds)
{
    m_recovery->switchProvider(taskIds);
}

void MainWindow::editPrompt(const QString &shotId, const QString &reason)
{
    // The storyboard is the owner's while it runs (banners offer Edit prompt too).
    if (m_controller->isWatching()) {
        showStatus(tr("%1 runs this storyboard; edit its prompts when it ends.")
                       .arg(m_controller->watchedOwner().describe()));
        return;
    }
    m_recovery->editPrompt(shotId, reason);
}

void MainWindow::showCheckpoints(const QString &checkpointId)
{
    m_checkpoints->showCheckpoints(checkpointId);
}

void MainWindow::showProviderProfiles()
{
    m_settings->showProviderProfiles();
}

void MainWindow::onLoadStarted(const QString &workspaceDir)
{
    m_summaryBar->clear();
    m_model->clear();
    m_detail->setShot(nullptr, nullptr);
    m_providerPanel->model()->clear();
    m_coordinator->reset(workspaceDir);
    m_checkpoints->reset();
    m_reports->reset();
}

void MainWindow::onOpened(const EngineSnapshot &snapshot)
{
    m_run->forgetQuestion();
    const Project &project = m_session.project;
    m_model->load(project, snapshot.tasks);
    m_coordinator->reset(m_session.workspaceDir);
    m_coordinator->setProviders(snapshot.providers);
    m_providerPanel->model()->reset(snapshot.providers);
    m_coordinator->refresh();
    m_timeline->clear();
    QStringList taskIds;
    taskIds.reserve(snapshot.tasks.size());
    for (const TaskSnapshot &t : snapshot.tasks)
        taskIds << t.id;
    m_controller->fetchAttempts(taskIds, m_timeline,
                                [this, taskIds](const QList<QList<Attempt>> &attempts) {
                                    QHash<QString, QList<Attempt>> byTask;
                                    byTask.reserve(taskIds.size());
                                    for (int i = 0; i < taskIds.size() && i < attempts.size(); ++i)
                                        byTask.insert(taskIds.at(i), attempts.at(i));
                                    m_timeline->setAttempts(byTask);
                                });
    const bool watching = m_controller->isWatching();
    if (watching)
        m_coordinator->showWatching(m_controller->watchedOwner());
    else
        m_coordinator->stopWatching();
    onSummary(snapshot.summary);
    const QString text = tr("%1: %n shot(s)", nullptr, project.shotCount())
                             .arg(QFileInfo(m_session.path).fileName()) +
                         u", "_s + tr("%n scene(s).", nullptr, int(project.scenes.size()));
    statusBar()->showMessage(text + u' ' +
                             (watching
                                  ? tr("Watching %1.").arg(m_controller->watchedOwner().describe())
                                  : tr("Press Run (F5) to start.")));
    log(text + u' ' + tr("Workspace: %1").arg(m_session.workspaceDir));
    if (watching)
        log(tr("%1 owns this workspace: you are watching its run.")
                .arg(m_controller->watchedOwner().describe()));
    if (m_proxy->rowCount() > 1)
        m_grid->setCurrentIndex(m_proxy->index(1, 0));
    // Before anything can continue it: the partial report of a run whose process died.
    m_reports->reportCrashedRun();
    Q_EMIT projectOpened();
    m_run->runAfterOpen();
}

void MainWindow::onSummary(const BatchSummary &summary)
{
    m_session.summary = summary;
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
            if (m_model->tileKeyOfTask(t.id) == shown) {
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
    m_timeline->addAttempt(taskId, attempt);
    if (m_session.preferences.debugLogging) {
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
    const QString shotId = m_detail->shotId();
    if (m_model->tileKeyOfTask(taskId) != shotId)
        return;
    // The signal carries the attempt: the panel adds it, unless the attempts it shows are
    // not the ones before it (a restored checkpoint): then it asks for them again.
    if (m_detail->addAttempt(taskId, attempt))
        Q_EMIT attemptsShown(shotId);
    else
        fetchAttempts(shotId);
}

void MainWindow::onBatchFinished(const BatchSummary &summary)
{
    m_run->finishBatch(summary);
    m_notifier->batchFinished(summary, m_model->tasks());
    updateActions();
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
    // From the engine, or from the owner watched ("attempts" requests).
    const ShotTile *tile = m_model->tileForShot(shotId);
    if (!tile)
        return;
    const Stage first = tile->firstStage(), second = tile->secondStage();
    m_controller->fetchAttempts(
        {TaskId::of(tile->itemId(), first), TaskId::of(tile->itemId(), second)}, this,
        [this, shotId, first, second](const QList<QList<Attempt>> &attempts) {
            if (m_detail->shotId() != shotId || attempts.size() != 2)
                return;
            m_detail->setAttempts(first, attempts.at(0));
            m_detail->setAttempts(second, attempts.at(1));
            Q_EMIT attemptsShown(shotId);
        });
}

QStringList MainWindow::taskIdsFor(Action which) const
{
    const QStringList shots = m_grid->selectedShotIds();
    switch (which) {
    case Action::Retry:
        return m_recovery->retryableTaskIds(shots);
    case Action::RetryFullQuality:
        return m_recovery->degradedTaskIds(shots);
    case Action::SwitchProvider:
        return m_recovery->switchableTaskIds(shots);
    default:
        return {};
    }
}

void MainWindow::openOutputFolder()
{
    const ShotTile *tile = m_model->tileForShot(m_grid->currentShotId());
    const QString &workspaceDir = m_session.workspaceDir;
    if (!tile || workspaceDir.isEmpty())
        return;
    QString dir = QDir(workspaceDir).filePath(tile->draftFolder());
    if (!QFileInfo::exists(dir))
        dir = QDir(workspaceDir).filePath(u"draft"_s);
    QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
}

void MainWindow::showInErrorLog()
{
    if (const ShotTile *tile = m_model->tileForShot(m_grid->currentShotId()))
        m_reports->showErrorLog(tile->taskIds());
}

void MainWindow::updateActions()
{
    const BatchSummary &s = m_session.summary;
    const bool loaded = m_session.loaded;
    const bool busy = m_session.busy;
    const bool running = loaded && s.running;
    const int runnable = s.count(TaskState::Queued) + s.count(TaskState::Waiting) +
                         s.count(TaskState::Interrupted) + s.count(TaskState::Cancelled) +
                         s.count(TaskState::Retrying);
    const bool userPaused = s.paused && s.pauseReason != PauseReason::DiskFull;
    const bool budgetCapped = s.paused && s.pauseReason == PauseReason::BudgetCap;
    QAction *runAction = action(Action::Run);
    runAction->setEnabled(loaded && (userPaused || (!running && runnable > 0)));
    runAction->setText(budgetCapped ? tr("&Raise budget…")
                       : userPaused ? tr("&Resume")
                                    : tr("&Run"));
    action(Action::Pause)->setEnabled(running && !s.paused);
    action(Action::Cancel)->setEnabled(running);
    action(Action::RetryAllFailed)
        ->setEnabled(loaded && s.count(TaskState::Failed) + s.count(TaskState::Blocked) > 0);

    const bool anyLoopGuarded = m_recovery->anyLoopGuarded(m_grid->selectedShotIds());
    QAction *retry = action(Action::Retry);
    retry->setEnabled(loaded && !taskIdsFor(Action::Retry).isEmpty());
    retry->setToolTip(anyLoopGuarded && !retry->isEnabled()
                          ? tr("Retried 3 times by hand with the same error: switch provider "
                               "or edit the prompt instead")
                          : tr("Retry the selected failed, blocked or cancelled tasks (%1)")
                                .arg(retry->shortcut().toString(QKeySequence::NativeText)));
    action(Action::RetryFullQuality)
        ->setEnabled(loaded && !taskIdsFor(Action::RetryFullQuality).isEmpty());
    action(Action::SwitchProvider)
        ->setEnabled(loaded && !taskIdsFor(Action::SwitchProvider).isEmpty());
    const bool current = loaded && !m_grid->currentShotId().isEmpty();
    action(Action::OpenOutputFolder)->setEnabled(current);
    action(Action::ShowInErrorLog)->setEnabled(current);
    const ShotTile *tile = m_model->tileForShot(m_grid->currentShotId());
    action(Action::EditPrompt)->setEnabled(current && tile && tile->isShot()); // not a cut
    action(Action::Checkpoint)->setEnabled(loaded);
    action(Action::Checkpoints)->setEnabled(loaded);
    action(Action::Publish)->setEnabled(loaded && !busy && s.count(TaskState::Done) > 0);
    action(Action::Report)->setEnabled(loaded && !busy);
    updateWatchActions();
}

// Watching another process's run: what needs the workspace waits until this window owns it
// and says why; the steering actions go to the owner while it answers.
void MainWindow::updateWatchActions()
{
    const bool watching = m_session.loaded && m_controller->isWatching();
    const bool connected = watching && m_controller->isOwnerConnected();
    const OwnerInfo &owner = m_controller->watchedOwner();
    const QString why =
        connected ? tr("Running in %1, pid %2 — you are watching; %3 is available when it ends")
                  : tr("%1, pid %2, stopped without finishing — take over the workspace first "
                       "(%3 is available then)");
    const BatchSummary &s = m_session.summary;
    const bool userPaused = s.paused && s.pauseReason != PauseReason::DiskFull &&
                            s.pauseReason != PauseReason::BudgetCap;
    const auto restrict = [&](Action which, bool allowed) {
        QAction *a = action(which);
        const QString defaultTip = a->property(kDefaultToolTip).toString();
        if (!watching || allowed) {
            if (which != Action::Retry) // Retry words its own tooltip (loop guard)
                a->setToolTip(defaultTip);
            return;
        }
        a->setEnabled(false);
        a->setToolTip(
            why.arg(owner.program).arg(owner.pid).arg(a->text().remove(u'&').remove(u'…')));
    };
    // Resume (Run while the owner is paused by a user) acts through the owner.
    restrict(Action::Run, connected && userPaused);
    for (Action which : {Action::Pause, Action::Cancel, Action::RetryAllFailed, Action::Retry,
                         Action::RetryFullQuality, Action::SwitchProvider})
        restrict(which, connected);
    for (Action which : {Action::EditPrompt, Action::Checkpoint, Action::Checkpoints,
                         Action::Publish, Action::Report})
        restrict(which, false);
}

void MainWindow::updateTitle()
{
    const QString &path = m_session.path;
    if (path.isEmpty()) {
        setWindowTitle(tr("Retake"));
        return;
    }
    const QString &title = m_session.project.title;
    const QString name = title.isEmpty() ? QFileInfo(path).fileName() : title;
    if (m_session.loaded && m_controller->isWatching()) {
        setWindowTitle(tr("%1 — %2% — watching %3 — Retake",
                          "window title: project — percent — owner watched — app")
                           .arg(name)
                           .arg(int(m_session.summary.percent()), 2, 10, QLatin1Char('0'))
                           .arg(m_controller->watchedOwner().program));
        return;
    }
    setWindowTitle(tr("%1 — %2% — Retake", "window title: project — percent — app")
                       .arg(name)
                       .arg(int(m_session.summary.percent()), 2, 10, QLatin1Char('0')));
}

void MainWindow::log(const QString &line)
{
    m_log->append(line);
}

void MainWindow::showStatus(const QString &text)
{
    statusBar()->showMessage(text);
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
    if (!m_run->mustAskBeforeClosing()) {
        event->accept();
        return;
    }
    event->ignore();
    m_run->askHowToQuit();
}

} // namespace retake::ui
