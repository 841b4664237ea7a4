// The main window: toolbar, error banners, summary bar, status grid, detail panel and
// activity log. It builds the widgets and actions and wires them to its controllers (open,
// run, recovery, checkpoints, publish, reports, settings), which talk to the engine
// through EngineController: the engine runs on its own thread, the GUI never calls it
// directly.
#pragma once

#include "domain/project.h"
#include "domain/task.h"
#include "projectsession.h"

#include <QHash>
#include <QMainWindow>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLineEdit;
class QMenu;
class QSplitter;
QT_END_NAMESPACE

namespace retake::ui {

class ActivityLog;
class BannerArea;
class BannerCoordinator;
class CheckpointsController;
class DesktopNotifier;
class EngineController;
struct EngineSnapshot;
class OpenController;
class ProviderStatusPanel;
class PublishController;
class RecoveryController;
class ReportsController;
class RunController;
class SettingsController;
class ShotDetailPanel;
class ShotFilterProxy;
class ShotGridView;
class ShotListModel;
class SummaryBar;
class TimelineView;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum class Action {
        Open,
        Quit,
        Run,
        Pause,
        Cancel,
        RetryAllFailed,
        Retry,
        RetryFullQuality,
        SwitchProvider,
        OpenOutputFolder,
        ShowInErrorLog,
        EditPrompt,
        Preferences,
        FindShot,
        Checkpoint,
        Checkpoints,
        Publish,
        Report,
        ProviderProfiles,
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads `path` (a .retake.json storyboard or a .csv shot list) in the background and
    // opens it; problems are listed in a dialog. projectOpened() or openFailed() follows.
    void openFile(const QString &path);
    // Run (F5): starts the batch after the Run confirmation (estimate and budget cap; not
    // when the user turned it off), resumes it when paused by the user (no question: the
    // run and its cap go on), or offers to raise the budget when its cap stopped it.
    void runBatch();
    // Asks for a higher budget cap for the run stopped by its cap, then continues it.
    void raiseBudget();

    EngineController *engineController() const { return m_controller; }
    ShotListModel *shotModel() const { return m_model; }
    ShotFilterProxy *filterProxy() const { return m_proxy; }
    ShotGridView *gridView() const { return m_grid; }
    SummaryBar *summaryBar() const { return m_summaryBar; }
    TimelineView *timelineView() const { return m_timeline; }
    BannerArea *bannerArea() const { return m_banners; }
    BannerCoordinator *bannerCoordinator() const { return m_coordinator; }
    ShotDetailPanel *detailPanel() const { return m_detail; }
    ActivityLog *activityLog() const { return m_log; }
    ProviderStatusPanel *providerStatusPanel() const { return m_providerPanel; }
    RunController *runController() const { return m_run; }
    DesktopNotifier *desktopNotifier() const { return m_notifier; }
    QAction *action(Action which) const { return m_actions.value(which); }
    const BatchSummary &summary() const { return m_session.summary; }
    QStringList providerIds() const { return m_session.providerIds; }
    QString storyboardPath() const { return m_session.path; }
    QString workspaceDir() const { return m_session.workspaceDir; }
    const Project &project() const { return m_session.project; }
    bool isProjectOpen() const { return m_session.loaded; }

    // Task ids of the selected shots that `which` would act on.
    QStringList taskIdsFor(Action which) const;

    // Opens the switch-provider dialog for `taskIds` (empty: all failed tasks).
    void switchProvider(const QStringList &taskIds);
    void editPrompt(const QString &shotId, const QString &reason = {});
    // Opens the checkpoints dialog, with `checkpointId` selected when given.
    void showCheckpoints(const QString &checkpointId = {});
    // Opens the provider profiles dialog (Settings > Provider profiles…).
    void showProviderProfiles();

Q_SIGNALS:
    void projectOpened();
    void openFailed(const QString &reason);
    void batchFinished(const retake::BatchSummary &summary);
    // The attempts of the shot in the detail panel arrived.
    void attemptsShown(const QString &shotId);
    void checkpointCreated(const QString &checkpointId);
    void published(bool ok, const QString &message);
    // The run's report was written and is shown in a dialog.
    void reportShown(const QString &htmlPath);
    // A report was written without being asked for: a cancelled or budget-capped run,
    // Pause and quit, or (at open) the partial report of a run whose process died.
    void runReportWritten(const QString &runId, const QString &outcome, const QString &htmlPath);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    // The property that keeps an action's tooltip for when nothing keeps it disabled.
    static constexpr char kDefaultToolTip[] = "retakeDefaultToolTip";

    QAction *makeAction(Action which, const QString &text, const QString &icon,
                        const QKeySequence &shortcut, const QString &tip, const QString &name);
    void createActions();
    void createShotActions();
    void createMenus();
    void createToolBar();
    void createDocks(); // these five in ui/mainwindowactions.cpp
    void createControllers();
    void connectControllers();
    void connectEngine();
    void onLoadStarted(const QString &workspaceDir);
    void onOpened(const EngineSnapshot &snapshot);
    void onSummary(const BatchSummary &summary);
    void onTasksUpdated(const QList<TaskSnapshot> &tasks);
    void onAttemptFinished(const QString &taskId, const Attempt &attempt);
    void onBatchFinished(const BatchSummary &summary);
    void onCurrentChanged();
    void fetchAttempts(const QString &shotId);
    void openOutputFolder();
    void showInErrorLog();
    void updateActions();
    void updateWatchActions();
    void updateTitle();
    // [Take over and resume]: the owner watched died; own the workspace and resume its run.
    void takeOver();
    void log(const QString &line);
    void showStatus(const QString &text);

    ProjectSession m_session;
    EngineController *m_controller;
    ShotListModel *m_model;
    ShotFilterProxy *m_proxy;
    ShotGridView *m_grid;
    SummaryBar *m_summaryBar;
    BannerArea *m_banners;
    BannerCoordinator *m_coordinator = nullptr;
    ShotDetailPanel *m_detail;
    ActivityLog *m_log;
    ProviderStatusPanel *m_providerPanel = nullptr;
    QDockWidget *m_logDock = nullptr;
    QDockWidget *m_providerDock = nullptr;
    QDockWidget *m_timelineDock = nullptr;
    TimelineView *m_timeline = nullptr;
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_search = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    QHash<Action, QAction *> m_actions;
    QMenu *m_recentMenu = nullptr;

    OpenController *m_open = nullptr;
    ReportsController *m_reports = nullptr;
    RunController *m_run = nullptr;
    RecoveryController *m_recovery = nullptr;
    CheckpointsController *m_checkpoints = nullptr;
    PublishController *m_publish = nullptr;
    SettingsController *m_settings = nullptr;
};

} // namespace retake::ui
