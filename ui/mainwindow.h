// The main window: toolbar, summary bar, status grid, and the wiring between the GUI
// and the engine (through EngineController: the engine runs on its own thread).
#pragma once

#include "engine/task.h"
#include "project/project.h"
#include "project/storyboardloader.h"

#include <QHash>
#include <QMainWindow>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
template <typename T> class QFutureWatcher;
QT_END_NAMESPACE

namespace retake::ui {

class EngineController;
struct EngineSnapshot;
class ShotFilterProxy;
class ShotGridView;
class ShotListModel;
class SummaryBar;

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
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads `path` (a .retake.json storyboard or a .csv shot list) in the background and
    // opens it; problems are listed in a dialog. projectOpened() or openFailed() follows.
    void openFile(const QString &path);
    // Run (F5): starts the batch, or resumes it when paused by the user.
    void runBatch();

    EngineController *engineController() const { return m_controller; }
    ShotListModel *shotModel() const { return m_model; }
    ShotFilterProxy *filterProxy() const { return m_proxy; }
    ShotGridView *gridView() const { return m_grid; }
    SummaryBar *summaryBar() const { return m_summaryBar; }
    QAction *action(Action which) const { return m_actions.value(which); }
    const BatchSummary &summary() const { return m_summary; }
    QStringList providerIds() const { return m_providerIds; }
    QString storyboardPath() const { return m_path; }
    QString workspaceDir() const { return m_workspaceDir; }

Q_SIGNALS:
    void projectOpened();
    void openFailed(const QString &reason);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void connectController();
    void onLoaded(const QString &path, const LoadResult &result);
    void onOpened(const EngineSnapshot &snapshot);
    void onSummary(const BatchSummary &summary);
    void updateActions();
    void updateTitle();
    void rebuildRecentMenu();
    void browseForFile();

    EngineController *m_controller;
    ShotListModel *m_model;
    ShotFilterProxy *m_proxy;
    ShotGridView *m_grid;
    SummaryBar *m_summaryBar;
    QHash<Action, QAction *> m_actions;
    QMenu *m_recentMenu = nullptr;
    QFutureWatcher<LoadResult> *m_loader = nullptr;

    Project m_project;
    QString m_path;
    QString m_pendingPath;
    QString m_workspaceDir;
    QStringList m_providerIds;
    BatchSummary m_summary;
    bool m_loaded = false;
};

} // namespace retake::ui
