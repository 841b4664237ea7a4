// The main window: toolbar, error banners, summary bar, status grid, detail panel and
// activity log, and the wiring between them and the engine (through EngineController:
// the engine runs on its own thread, the GUI never calls it directly).
#pragma once

#include "domain/task.h"
#include "preferences.h"
#include "domain/project.h"
#include "project/storyboardloader.h"
#include "providers/providerprofilestore.h"
#include "report/runreport.h"
#include "store/statestore.h"

#include <QHash>
#include <QMainWindow>
#include <QStringList>

#include <functional>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLineEdit;
class QMenu;
class QSplitter;
class QSystemTrayIcon;
template <typename T> class QFutureWatcher;
QT_END_NAMESPACE

namespace retake::ui {

class ActivityLog;
class BannerArea;
class BannerCoordinator;
class EngineController;
struct EngineSnapshot;
class ShotDetailPanel;
class ShotFilterProxy;
class ShotGridView;
class ShotListModel;
class SummaryBar;

class ProviderStatusPanel;

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
    BannerArea *bannerArea() const { return m_banners; }
    BannerCoordinator *bannerCoordinator() const { return m_coordinator; }
    ShotDetailPanel *detailPanel() const { return m_detail; }
    ActivityLog *activityLog() const { return m_log; }
    ProviderStatusPanel *providerStatusPanel() const { return m_providerPanel; }
    QAction *action(Action which) const { return m_actions.value(which); }
    const BatchSummary &summary() const { return m_summary; }
    QStringList providerIds() const { return m_providerIds; }
    QString storyboardPath() const { return m_path; }
    QString workspaceDir() const { return m_workspaceDir; }
    const Project &project() const { return m_project; }
    bool isProjectOpen() const { return m_loaded; }

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
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void connectController();
    void onLoaded(const QString &path, const StoryboardLoad &loaded);
    void onOpened(const EngineSnapshot &snapshot);
    void onSummary(const BatchSummary &summary);
    void onTasksUpdated(const QList<TaskSnapshot> &tasks);
    void onAttemptFinished(const QString &taskId, const Attempt &attempt);
    void onBatchFinished(const BatchSummary &summary);
    void onCurrentChanged();
    void fetchAttempts(const QString &shotId);
    void retrySelection();
    void retrySelectionAtFullQuality();
    void openOutputFolder();
    void showInErrorLog();
    void showPreferences();
    void createCheckpoint();
    void publish();
    void showReport();
    void askToRun();
    void startRun(double budgetCap);
    // Writes the report of the engine's current (or last) run on the engine thread, then
    // calls `then` (also when it failed).
    void writeRunReport(const std::function<void()> &then = {});
    void reportCrashedRun();
    void showCrashedRunReport();
    void onCheckpointCreated(const CheckpointInfo &checkpoint);
    void onRestored(const QString &checkpointId, const QString &undoId);
    void applyPreferences();
    void updateActions();
    void updateTitle();
    void rebuildRecentMenu();
    void browseForFile();
    void log(const QString &line);

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
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_search = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QHash<Action, QAction *> m_actions;
    QMenu *m_recentMenu = nullptr;
    QFutureWatcher<StoryboardLoad> *m_loader = nullptr;
    QAction *m_restoreFromBanner;
    QAction *m_undoRestore;
    QString m_bannerCheckpoint;
    QString m_undoCheckpoint;
    bool m_busy = false; // publishing or writing a report

    Preferences m_preferences;
    Project m_project;
    QList<ProviderProfile> m_storyboardProfiles; // the storyboard's own, before merging
    QString m_path;
    QString m_pendingPath;
    QString m_workspaceDir;
    QStringList m_providerIds;
    BatchSummary m_summary;
    bool m_loaded = false;
    // Run was pressed before the storyboard was open (ask first), or a storyboard reloaded
    // while it ran (continue with the same budget cap).
    enum class RunAfterOpen { No, Ask, Continue };
    RunAfterOpen m_runAfterOpen = RunAfterOpen::No;
    bool m_askingToRun = false;
    double m_runBudgetCap = 0.0; // of the run started last
    RunReportResult m_crashedRunReport;
    bool m_closeConfirmed = false;
    bool m_quitWhenFinished = false; // "Cancel the batch and quit" waits for the batch
};

} // namespace retake::ui
