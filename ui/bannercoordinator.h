// Decides which error banners are up, from the batch summary, the tasks (the grid's
// model) and the providers' live state, and wires each banner button to the real recovery
// action through the engine. A banner goes away by itself when its cause is gone:
//   failed tasks        -> [Retry all failed] [Switch provider…] [View report]
//   budget cap reached  -> [Raise budget…] [View report]
//   breaker open        -> [Switch provider…] [Retry now]
//   rate limited        -> [Pause] [Switch provider…]
//   disk full           -> [Open folder] [Retry now]
//   content policy      -> [Edit prompt…] [Switch provider…]
//   same error after 3 retries by hand -> [Switch provider…] [Edit prompt…] (no Retry)
//   last run crashed    -> [View report] (its partial report, written at open)
//   another process owns the workspace -> "you are watching"; how its run ended; or that it
//                          died -> [Take over and resume]
#pragma once

#include "domain/task.h"
#include "engine/engine.h"
#include "session/ownerinfo.h"

#include <QHash>
#include <QObject>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QAction;
QT_END_NAMESPACE

namespace retake::ui {

class BannerArea;
class EngineController;
class ShotListModel;

class BannerCoordinator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BannerCoordinator)
public:
    // Banner keys.
    static QString failedKey();
    static QString loopGuardKey();
    static QString breakerKey(const QString &providerId);
    static QString rateLimitedKey();
    static QString diskFullKey();
    static QString contentPolicyKey();
    static QString budgetKey();
    static QString crashedRunKey();
    static QString watchingKey();

    // `retryAllFailed` and `pause` are the main window's actions (shared state and
    // shortcuts); the others are made here.
    BannerCoordinator(BannerArea *area, ShotListModel *model, EngineController *controller,
                      QAction *retryAllFailed, QAction *pause, QObject *parent = nullptr);

    void reset(const QString &workspaceDir);
    void setSummary(const BatchSummary &summary);
    void setProviders(const QList<ProviderStatus> &providers);
    // Re-reads the tasks of the model (after an update).
    void refresh();
    // The run `runId` stopped because Retake died; its partial report was written.
    void showCrashedRun(const QString &runId);

    // Watching `owner`'s run (or its open workspace, when it does not run).
    void showWatching(const OwnerInfo &owner);
    // The owner watched ended its run: how, with the last counts it sent. Stays up after
    // this window owns the workspace, until a new run starts.
    void showOwnerEnded(const OwnerInfo &owner, int exitCode, const QString &how);
    // The owner watched went away without ending its run: [Take over and resume].
    void showOwnerLost(const OwnerInfo &owner);
    // This window owns the workspace: a "you are watching" banner goes.
    void stopWatching();

    // Tasks whose loop guard is on: retried by hand 3 times with the same error.
    static bool isLoopGuarded(const TaskSnapshot &task) { return task.manualRetries >= 3; }

Q_SIGNALS:
    // Empty list: all failed tasks.
    void switchProviderRequested(const QStringList &taskIds);
    void editPromptRequested(const QString &shotId);
    void raiseBudgetRequested();
    // [View report]: the current run's report.
    void reportRequested();
    // [View report] on the crashed-run banner: the partial report written at open.
    void crashedRunReportRequested();
    // [Take over and resume] on the banner of an owner that died.
    void takeOverRequested();
    void logLine(const QString &line);

private:
    QAction *makeAction(const QString &name, const QString &text, const QString &tip);
    void updateDiskBanner();
    void updateBudgetBanner();
    void retryDiskNow();
    void updateWatchingBanner();

    BannerArea *m_area;
    ShotListModel *m_model;
    EngineController *m_controller;
    QAction *m_retryAllFailed;
    QAction *m_pause;
    QAction *m_switchForFailed;
    QAction *m_switchRateLimited;
    QAction *m_openFolder;
    QAction *m_diskRetryNow;
    QAction *m_editContentPolicy;
    QAction *m_switchContentPolicy;
    QAction *m_switchLoopGuard;
    QAction *m_editLoopGuard;
    QAction *m_viewReport;
    QAction *m_raiseBudget;
    QAction *m_viewCrashedRunReport;
    QAction *m_takeOver;
    QHash<QString, QPair<QAction *, QAction *>> m_breakerActions; // switch, retry now

    QString m_workspaceDir;
    BatchSummary m_summary;
    QList<ProviderStatus> m_providers;
    QStringList m_rateLimitedTasks;
    QStringList m_contentPolicyTasks;
    QStringList m_loopGuardTasks;
    QString m_diskNote;
    enum class Watch { None, Watching, Ended, Lost };
    Watch m_watch = Watch::None;
    OwnerInfo m_owner;
    QString m_endedText;
};

} // namespace retake::ui
