#include "mainwindow.h"

#include "enginecontroller.h"
#include "recentfiles.h"
#include "shotfilterproxy.h"
#include "shotgridview.h"
#include "shotlistmodel.h"
#include "statestyle.h"
#include "store/workspace.h"
#include "summarybar.h"
#include "validationdialog.h"

#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

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
      m_grid(new ShotGridView(this)), m_summaryBar(new SummaryBar(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(StateStyle::appIcon());
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_model);
    m_grid->setModel(m_proxy);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_summaryBar);
    layout->addWidget(m_grid, 1);
    setCentralWidget(central);

    createActions();
    createMenus();
    createToolBar();
    connectController();

    connect(m_summaryBar, &SummaryBar::filterChanged, this,
            [this](const QSet<StateCategory> &categories) {
                ShotFilter filter = m_proxy->filter();
                filter.setCategories(categories);
                m_proxy->setFilter(filter);
            });
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);

    statusBar()->showMessage(tr("Open a storyboard (Ctrl+O) or drop a .retake.json or .csv "
                                "file here."));
    updateActions();
    updateTitle();
    resize(1280, 820);
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
            &QAction::triggered, this, [this] { m_controller->pause(); });
    connect(make(Action::Cancel, tr("&Cancel"), u"action-cancel"_s,
                 QKeySequence(Qt::SHIFT | Qt::Key_F5),
                 tr("Cancel the batch: stop running attempts; finished work is kept"),
                 u"actionCancel"_s),
            &QAction::triggered, this, [this] { m_controller->cancel(); });
    connect(make(Action::RetryAllFailed, tr("Retry all &failed"), u"action-retry-all"_s,
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                 tr("Re-queue every failed task and the tasks blocked by them"),
                 u"actionRetryAllFailed"_s),
            &QAction::triggered, this, [this] { m_controller->retryAllFailed(); });
    make(Action::Retry, tr("&Retry"), u"state-retrying"_s, QKeySequence(Qt::CTRL | Qt::Key_R),
         tr("Retry the selected failed, blocked or cancelled tasks"), u"actionRetry"_s);
    make(Action::RetryFullQuality, tr("Retry at full &quality"), {},
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q),
         tr("Re-run the selected degraded tasks at full quality; the degraded output is kept "
            "if it fails"),
         u"actionRetryFullQuality"_s);
    make(Action::SwitchProvider, tr("&Switch provider…"), u"action-switch-provider"_s,
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
         tr("Re-run the selected tasks on another provider"), u"actionSwitchProvider"_s);
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

    QMenu *batch = menuBar()->addMenu(tr("&Batch"));
    batch->addAction(action(Action::Run));
    batch->addAction(action(Action::Pause));
    batch->addAction(action(Action::Cancel));
    batch->addSeparator();
    batch->addAction(action(Action::RetryAllFailed));

    QMenu *shot = menuBar()->addMenu(tr("&Shot"));
    for (const Action which : {Action::Retry, Action::RetryFullQuality, Action::SwitchProvider})
        shot->addAction(action(which));
    for (const Action which : {Action::Retry, Action::RetryFullQuality, Action::SwitchProvider})
        m_grid->addAction(action(which));
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
}

void MainWindow::connectController()
{
    connect(m_controller, &EngineController::opened, this, &MainWindow::onOpened);
    connect(m_controller, &EngineController::openFailed, this, [this](const QString &error) {
        m_loaded = false;
        const QString text = tr("Could not open the workspace of %1: %2")
                                 .arg(QFileInfo(m_pendingPath).fileName(), error);
        statusBar()->showMessage(text);
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Storyboard not opened"), text,
                                    QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        updateActions();
        Q_EMIT openFailed(text);
    });
    connect(m_controller, &EngineController::tasksUpdated, m_model, &ShotListModel::applyUpdates);
    connect(m_controller, &EngineController::tasksUpdated, this, &MainWindow::updateActions);
    connect(m_controller, &EngineController::summaryChanged, this, &MainWindow::onSummary);
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
    m_loader = new QFutureWatcher<LoadResult>(this);
    connect(m_loader, &QFutureWatcher<LoadResult>::finished, this, [this] {
        const LoadResult result = m_loader->result();
        m_loader->deleteLater();
        m_loader = nullptr;
        onLoaded(m_pendingPath, result);
    });
    const QString file = m_pendingPath;
    m_loader->setFuture(QtConcurrent::run([file] { return StoryboardLoader::loadFile(file); }));
}

void MainWindow::onLoaded(const QString &path, const LoadResult &result)
{
    if (!result.ok()) {
        const QString reason =
            tr("%1 has %n problem(s); it was not opened.", nullptr, int(result.issues.size()))
                .arg(QFileInfo(path).fileName());
        statusBar()->showMessage(reason);
        auto *dialog = new ValidationDialog(path, result.issues, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        Q_EMIT openFailed(reason);
        return;
    }
    RecentFiles::add(path);
    m_project = *result.project;
    m_path = path;
    m_loaded = false;
    m_summary = BatchSummary();
    m_summaryBar->clear();
    m_model->clear();
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_controller->open(m_project, Workspace::forStoryboard(m_project.filePath));
    updateActions();
    updateTitle();
}

void MainWindow::onOpened(const EngineSnapshot &snapshot)
{
    m_loaded = true;
    m_workspaceDir = snapshot.workspaceDir;
    m_providerIds = snapshot.providerIds;
    m_model->load(m_project, snapshot.tasks);
    onSummary(snapshot.summary);
    statusBar()->showMessage(tr("%1: %n shot(s) in %2 scene(s). Press Run (F5) to start.", nullptr,
                                m_project.shotCount())
                                 .arg(QFileInfo(m_path).fileName())
                                 .arg(m_project.scenes.size()));
    Q_EMIT projectOpened();
}

void MainWindow::onSummary(const BatchSummary &summary)
{
    m_summary = summary;
    m_summaryBar->setSummary(summary);
    m_grid->setLiveRepaint(summary.running);
    updateActions();
    updateTitle();
}

void MainWindow::runBatch()
{
    if (m_summary.paused && m_summary.pauseReason != u"disk full"_s)
        m_controller->resume();
    else
        m_controller->start();
}

void MainWindow::updateActions()
{
    const BatchSummary &s = m_summary;
    const bool running = m_loaded && s.running;
    const int runnable = s.count(TaskState::Queued) + s.count(TaskState::Waiting) +
                         s.count(TaskState::Interrupted) + s.count(TaskState::Cancelled) +
                         s.count(TaskState::Retrying);
    const bool userPaused = s.paused && s.pauseReason != u"disk full"_s;
    QAction *runAction = action(Action::Run);
    runAction->setEnabled(m_loaded && (userPaused || (!running && runnable > 0)));
    runAction->setText(userPaused ? tr("&Resume") : tr("&Run"));
    action(Action::Pause)->setEnabled(running && !s.paused);
    action(Action::Cancel)->setEnabled(running);
    action(Action::RetryAllFailed)
        ->setEnabled(m_loaded && s.count(TaskState::Failed) + s.count(TaskState::Blocked) > 0);

    bool retryable = false;
    bool degraded = false;
    bool switchable = false;
    for (const QString &shotId : m_grid->selectedShotIds()) {
        const ShotTile *tile = m_model->tileForShot(shotId);
        if (!tile)
            continue;
        for (const TaskSnapshot *t : {&tile->image, &tile->video}) {
            const TaskState st = t->state;
            if (st == TaskState::Failed || st == TaskState::Blocked || st == TaskState::Cancelled)
                retryable = true;
            if (st == TaskState::Done && isDegraded(t->quality))
                degraded = true;
            if (st == TaskState::Failed || st == TaskState::Blocked || st == TaskState::Cancelled ||
                st == TaskState::Retrying || st == TaskState::Queued ||
                (st == TaskState::Done && isDegraded(t->quality)))
                switchable = true;
        }
    }
    action(Action::Retry)->setEnabled(m_loaded && retryable);
    action(Action::RetryFullQuality)->setEnabled(m_loaded && degraded);
    action(Action::SwitchProvider)->setEnabled(m_loaded && switchable);
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
                statusBar()->showMessage(tr("%1 no longer exists; removed from the recent "
                                            "files.")
                                             .arg(file));
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

} // namespace retake::ui
