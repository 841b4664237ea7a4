// MainWindow's actions, menus, toolbar and docks: built once by the constructor
// (ui/mainwindow.cpp holds the rest of the window).
#include "mainwindow.h"

#include "activitylog.h"
#include "checkpointscontroller.h"
#include "opencontroller.h"
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
#include "timelineview.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace retake::ui {

QAction *MainWindow::makeAction(Action which, const QString &text, const QString &icon,
                                const QKeySequence &shortcut, const QString &tip,
                                const QString &name)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    if (!icon.isEmpty())
        action->setIcon(StateStyle::actionIcon(icon, palette()));
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    const QString keys = shortcut.toString(QKeySequence::NativeText);
    action->setToolTip(keys.isEmpty() ? tip : tr("%1 (%2)", "tooltip (shortcut)").arg(tip, keys));
    action->setStatusTip(tip);
    action->setProperty(kDefaultToolTip, action->toolTip()); // back after watching
    m_actions.insert(which, action);
    return action;
}

// The File, Settings and Batch actions.
void MainWindow::createActions()
{
    connect(makeAction(Action::Open, tr("&Open…"), u"action-open"_s, QKeySequence::Open,
                       tr("Open a storyboard (.retake.json) or a CSV shot list"), u"actionOpen"_s),
            &QAction::triggered, m_open, &OpenController::browseForFile);
    connect(makeAction(Action::Quit, tr("&Quit"), {}, QKeySequence::Quit, tr("Quit Retake"),
                       u"actionQuit"_s),
            &QAction::triggered, this, &QWidget::close);
    connect(makeAction(Action::Run, tr("&Run"), u"action-run"_s, QKeySequence(Qt::Key_F5),
                       tr("Run the batch, or resume it when paused"), u"actionRun"_s),
            &QAction::triggered, m_run, &RunController::runBatch);
    connect(makeAction(Action::Pause, tr("&Pause"), u"action-pause"_s, QKeySequence(Qt::Key_F6),
                       tr("Pause the batch: running attempts finish, nothing new starts"),
                       u"actionPause"_s),
            &QAction::triggered, m_run, &RunController::pause);
    connect(makeAction(Action::Cancel, tr("&Cancel"), u"action-cancel"_s,
                       QKeySequence(Qt::SHIFT | Qt::Key_F5),
                       tr("Cancel the batch: stop running attempts; finished work is kept"),
                       u"actionCancel"_s),
            &QAction::triggered, m_run, &RunController::cancel);
    connect(makeAction(Action::RetryAllFailed, tr("Retry all &failed"), u"action-retry-all"_s,
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                       tr("Re-queue every failed task and the tasks blocked by them"),
                       u"actionRetryAllFailed"_s),
            &QAction::triggered, m_recovery, &RecoveryController::retryAllFailed);
    connect(makeAction(Action::Preferences, tr("Pre&ferences…"), u"action-preferences"_s,
                       QKeySequence(Qt::CTRL | Qt::Key_Comma),
                       tr("Retries, backoff, disk reserve, debug logging and language"),
                       u"actionPreferences"_s),
            &QAction::triggered, m_settings, &SettingsController::showPreferences);
    connect(makeAction(Action::Checkpoint, tr("Chec&kpoint"), u"action-checkpoint"_s,
                       QKeySequence(Qt::CTRL | Qt::Key_K),
                       tr("Save the batch's state now, to come back to it later"),
                       u"actionCheckpoint"_s),
            &QAction::triggered, m_checkpoints, &CheckpointsController::createCheckpoint);
    connect(makeAction(Action::Checkpoints, tr("C&heckpoints…"), {},
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                       tr("List the checkpoints and restore one"), u"actionCheckpoints"_s),
            &QAction::triggered, this, [this] { showCheckpoints(); });
    connect(makeAction(Action::Publish, tr("P&ublish"), u"action-publish"_s,
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
                       tr("Copy the current outputs of done tasks into published/, in one "
                          "atomic step"),
                       u"actionPublish"_s),
            &QAction::triggered, m_publish, &PublishController::publish);
    connect(makeAction(Action::Report, tr("Re&port"), u"action-report"_s, QKeySequence(Qt::Key_F9),
                       tr("Write the job report of the latest run and show it"), u"actionReport"_s),
            &QAction::triggered, m_reports, &ReportsController::showReport);
    connect(makeAction(Action::ProviderProfiles, tr("Provider p&rofiles…"),
                       u"action-switch-provider"_s, {},
                       tr("List, add and edit provider profiles, test their connection and "
                          "store their API keys"),
                       u"actionProviderProfiles"_s),
            &QAction::triggered, this, &MainWindow::showProviderProfiles);
}

// The actions on the selected shots (Shot menu, the grid's context menu, detail panel).
void MainWindow::createShotActions()
{
    connect(makeAction(Action::Retry, tr("&Retry"), u"state-retrying"_s,
                       QKeySequence(Qt::CTRL | Qt::Key_R),
                       tr("Retry the selected failed, blocked or cancelled tasks"),
                       u"actionRetry"_s),
            &QAction::triggered, this, [this] { m_recovery->retry(m_grid->selectedShotIds()); });
    connect(makeAction(Action::RetryFullQuality, tr("Retry at full &quality"), u"state-degraded"_s,
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q),
                       tr("Re-run the selected degraded tasks at full quality; the degraded "
                          "output is kept if it fails"),
                       u"actionRetryFullQuality"_s),
            &QAction::triggered, this,
            [this] { m_recovery->retryAtFullQuality(m_grid->selectedShotIds()); });
    connect(
        makeAction(Action::SwitchProvider, tr("&Switch provider…"), u"action-switch-provider"_s,
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                   tr("Re-run the selected tasks on another provider"), u"actionSwitchProvider"_s),
        &QAction::triggered, this, [this] { switchProvider(taskIdsFor(Action::SwitchProvider)); });
    connect(makeAction(Action::OpenOutputFolder, tr("Open output &folder"), u"action-folder"_s,
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                       tr("Open the folder with the selected shot's outputs"),
                       u"actionOpenOutputFolder"_s),
            &QAction::triggered, this, &MainWindow::openOutputFolder);
    connect(makeAction(Action::ShowInErrorLog, tr("Show in &error log"), u"action-log"_s,
                       QKeySequence(Qt::CTRL | Qt::Key_E),
                       tr("Show the selected shot's failures in the workspace's error log"),
                       u"actionShowInErrorLog"_s),
            &QAction::triggered, this, &MainWindow::showInErrorLog);
    connect(makeAction(Action::EditPrompt, tr("Edit &prompt…"), u"action-edit"_s,
                       QKeySequence(Qt::Key_F2),
                       tr("Change the selected shot's prompt in the storyboard and run it "
                          "again"),
                       u"actionEditPrompt"_s),
            &QAction::triggered, this, [this] { editPrompt(m_grid->currentShotId()); });
    connect(makeAction(Action::FindShot, tr("&Find shots"), {}, QKeySequence::Find,
                       tr("Show only the shots whose id or title contains a text"),
                       u"actionFindShot"_s),
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
    connect(m_recentMenu, &QMenu::aboutToShow, this,
            [this] { m_open->fillRecentMenu(m_recentMenu); });
    m_open->fillRecentMenu(m_recentMenu);
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
    m_timeline = new TimelineView(this);
    m_timelineDock = new QDockWidget(tr("Timeline"), this);
    m_timelineDock->setObjectName(u"timelineDock"_s);
    m_timelineDock->setWidget(m_timeline);
    m_timelineDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);
    tabifyDockWidget(m_logDock, m_timelineDock);
    m_logDock->raise();
    QAction *timelineToggle = m_timelineDock->toggleViewAction();
    timelineToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    timelineToggle->setToolTip(
        tr("Show or hide the timeline of the run's attempts per provider (Ctrl+T)"));
    connect(m_timeline, &TimelineView::taskActivated, this,
            [this](const QString &taskId) { m_grid->selectShot(m_model->tileKeyOfTask(taskId)); });
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(toggle);
    view->addAction(providersToggle);
    view->addAction(timelineToggle);
    resizeDocks({m_logDock}, {150}, Qt::Vertical);
    resizeDocks({m_logDock, m_providerDock}, {600, 800}, Qt::Horizontal);
}

} // namespace retake::ui
