#include "bannercoordinator.h"

#include "bannerid.h"
#include "domain/taskid.h"

#include "bannerarea.h"
#include "enginecontroller.h"
#include "shotlistmodel.h"
#include "statestyle.h"

#include <QAction>
#include <QDesktopServices>
#include <QLocale>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

QString shotOf(const QString &taskId)
{
    return TaskId::itemOf(taskId);
}

// "a, b, c and 4 more"
QString shortList(const QStringList &items)
{
    constexpr int kShown = 3;
    if (items.size() <= kShown)
        return QLocale().createSeparatedList(items);
    return BannerCoordinator::tr("%1 and %n more", nullptr, int(items.size() - kShown))
        .arg(items.mid(0, kShown).join(u", "_s));
}

QStringList uniqueShots(const QStringList &taskIds)
{
    QStringList shots;
    for (const QString &id : taskIds) {
        const QString shot = shotOf(id);
        if (!shots.contains(shot))
            shots << shot;
    }
    return shots;
}

} // namespace

QString BannerCoordinator::failedKey()
{
    return bannerKey(BannerId::Failed);
}
QString BannerCoordinator::loopGuardKey()
{
    return bannerKey(BannerId::LoopGuard);
}
QString BannerCoordinator::diskFullKey()
{
    return bannerKey(BannerId::DiskFull);
}
QString BannerCoordinator::breakerKey(const QString &providerId)
{
    return bannerKey(BannerId::Breaker, providerId);
}
QString BannerCoordinator::rateLimitedKey()
{
    return bannerKey(BannerId::RateLimited);
}
QString BannerCoordinator::contentPolicyKey()
{
    return bannerKey(BannerId::ContentPolicy);
}
QString BannerCoordinator::budgetKey()
{
    return bannerKey(BannerId::BudgetCap);
}
QString BannerCoordinator::crashedRunKey()
{
    return bannerKey(BannerId::CrashedRun);
}
QString BannerCoordinator::watchingKey()
{
    return bannerKey(BannerId::Watching);
}

BannerCoordinator::BannerCoordinator(BannerArea *area, ShotListModel *model,
                                     EngineController *controller, QAction *retryAllFailed,
                                     QAction *pause, QObject *parent)
    : QObject(parent), m_area(area), m_model(model), m_controller(controller),
      m_retryAllFailed(retryAllFailed), m_pause(pause)
{
    m_switchForFailed = makeAction(u"switchProviderForFailed"_s, tr("Switch provider…"),
                                   tr("Run every failed task on another provider"));
    connect(m_switchForFailed, &QAction::triggered, this,
            [this] { Q_EMIT switchProviderRequested({}); });

    m_switchRateLimited = makeAction(u"switchProviderRateLimited"_s, tr("Switch provider…"),
                                     tr("Run the rate-limited tasks on another provider"));
    connect(m_switchRateLimited, &QAction::triggered, this,
            [this] { Q_EMIT switchProviderRequested(m_rateLimitedTasks); });

    m_openFolder = makeAction(u"openWorkspaceFolder"_s, tr("Open folder"),
                              tr("Open the workspace folder to free some space"));
    connect(m_openFolder, &QAction::triggered, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_workspaceDir)); });
    m_diskRetryNow =
        makeAction(u"diskRetryNow"_s, tr("Retry now"), tr("Check the free space again now"));
    connect(m_diskRetryNow, &QAction::triggered, this, &BannerCoordinator::retryDiskNow);

    m_editContentPolicy = makeAction(u"editPromptContentPolicy"_s, tr("Edit prompt…"),
                                     tr("Rewrite the rejected prompt"));
    connect(m_editContentPolicy, &QAction::triggered, this, [this] {
        if (!m_contentPolicyTasks.isEmpty())
            Q_EMIT editPromptRequested(shotOf(m_contentPolicyTasks.constFirst()));
    });
    m_switchContentPolicy = makeAction(u"switchProviderContentPolicy"_s, tr("Switch provider…"),
                                       tr("Run the rejected tasks on another provider"));
    connect(m_switchContentPolicy, &QAction::triggered, this,
            [this] { Q_EMIT switchProviderRequested(m_contentPolicyTasks); });

    m_switchLoopGuard = makeAction(u"switchProviderLoopGuard"_s, tr("Switch provider…"),
                                   tr("Run these tasks on another provider"));
    connect(m_switchLoopGuard, &QAction::triggered, this,
            [this] { Q_EMIT switchProviderRequested(m_loopGuardTasks); });
    m_editLoopGuard = makeAction(u"editPromptLoopGuard"_s, tr("Edit prompt…"),
                                 tr("Change the prompt of the shot that keeps failing"));
    connect(m_editLoopGuard, &QAction::triggered, this, [this] {
        if (!m_loopGuardTasks.isEmpty())
            Q_EMIT editPromptRequested(shotOf(m_loopGuardTasks.constFirst()));
    });

    m_viewReport = makeAction(u"viewReport"_s, tr("View report"),
                              tr("Write the run's job report and show it"));
    connect(m_viewReport, &QAction::triggered, this, &BannerCoordinator::reportRequested);
    m_raiseBudget = makeAction(u"raiseBudget"_s, tr("Raise budget…"),
                               tr("Set a higher budget cap for this run and continue it"));
    connect(m_raiseBudget, &QAction::triggered, this, &BannerCoordinator::raiseBudgetRequested);
    m_viewCrashedRunReport =
        makeAction(u"viewCrashedRunReport"_s, tr("View report"),
                   tr("Show the partial report of the run that stopped unexpectedly"));
    connect(m_viewCrashedRunReport, &QAction::triggered, this,
            &BannerCoordinator::crashedRunReportRequested);
    m_takeOver = makeAction(u"takeOver"_s, tr("Take over and resume"),
                            tr("Own the workspace in this window and resume the stopped run "
                               "here; a partial report of the stopped run is written"));
    connect(m_takeOver, &QAction::triggered, this, &BannerCoordinator::takeOverRequested);
}

QAction *BannerCoordinator::makeAction(const QString &name, const QString &text, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setToolTip(tip);
    action->setStatusTip(tip);
    return action;
}

void BannerCoordinator::reset(const QString &workspaceDir)
{
    // The same workspace, reopened to watch or to own it: what the owner did stays up.
    const bool same = workspaceDir == m_workspaceDir;
    m_workspaceDir = workspaceDir;
    m_summary = BatchSummary();
    m_providers.clear();
    m_diskNote.clear();
    if (same) {
        m_area->retainOnly({watchingKey()});
    } else {
        m_watch = Watch::None;
        m_area->clear();
    }
}

void BannerCoordinator::setSummary(const BatchSummary &summary)
{
    const bool wasDiskFull = m_summary.paused && m_summary.pauseReason == PauseReason::DiskFull;
    m_summary = summary;
    const bool diskFull = summary.paused && summary.pauseReason == PauseReason::DiskFull;
    if (wasDiskFull != diskFull)
        m_diskNote.clear();
    updateDiskBanner();
    updateBudgetBanner();
    // The crashed run continues: its banner has done its job.
    if (summary.running)
        m_area->hideMessage(crashedRunKey());
    // This window runs the batch now: how the previous owner ended is old news.
    if (summary.running && m_watch == Watch::Ended && !m_controller->isWatching()) {
        m_watch = Watch::None;
        m_area->hideMessage(watchingKey());
    }
    if (m_watch == Watch::Watching)
        updateWatchingBanner();
}

void BannerCoordinator::showWatching(const OwnerInfo &owner)
{
    m_watch = Watch::Watching;
    m_owner = owner;
    updateWatchingBanner();
}

void BannerCoordinator::updateWatchingBanner()
{
    const QString since = m_owner.startedAt.isValid()
                              ? m_owner.startedAt.toLocalTime().time().toString(u"HH:mm"_s)
                              : QString();
    const QString who = tr("%1 (pid %2)").arg(m_owner.program).arg(m_owner.pid);
    QString text;
    if (m_summary.running) {
        text = since.isEmpty() ? tr("Running in %1 — you are watching.").arg(who)
                               : tr("Running in %1 since %2 — you are watching.").arg(who, since);
        text += u' ' + tr("Pause, Resume, Cancel and Retry act on its run; Run and the rest are "
                          "available when it ends.");
    } else {
        text = since.isEmpty() ? tr("Open in %1 — you are watching.").arg(who)
                               : tr("Open in %1 since %2 — you are watching.").arg(who, since);
        text += u' ' + tr("Retry acts through it; Run and the rest are available when it closes "
                          "the storyboard.");
    }
    m_area->showMessage(watchingKey(), text, BannerType::Information);
}

void BannerCoordinator::showOwnerEnded(const OwnerInfo &owner, int exitCode, const QString &how)
{
    m_watch = Watch::Ended;
    m_owner = owner;
    const BatchSummary &s = m_summary;
    const int failed = s.count(TaskState::Failed) + s.count(TaskState::Blocked);
    QString counts = tr("%1 done").arg(s.count(TaskState::Done));
    if (failed > 0)
        counts += u", "_s + tr("%1 failed").arg(failed);
    if (s.count(TaskState::Cancelled) > 0)
        counts += u", "_s + tr("%1 cancelled").arg(s.count(TaskState::Cancelled));
    QString text =
        exitCode == 130 ? tr("%1 was cancelled: %2 (exit %3).") : tr("%1 finished: %2 (exit %3).");
    text = text.arg(owner.program, counts).arg(exitCode);
    // The counts already say how a finished run ended; a cancel also says who cancelled it.
    if (exitCode == 130 && !how.isEmpty())
        text += u' ' + how.left(1).toUpper() + how.mid(1) + (how.endsWith(u'.') ? u""_s : u"."_s);
    text += u' ' + tr("This window owns the workspace now.");
    m_area->showMessage(watchingKey(), text,
                        exitCode == 0 ? BannerType::Information : BannerType::Warning);
}

void BannerCoordinator::showOwnerLost(const OwnerInfo &owner)
{
    m_watch = Watch::Lost;
    m_owner = owner;
    m_area->showMessage(watchingKey(),
                        tr("%1 (pid %2) stopped without finishing its run: it was killed or "
                           "crashed. Take over to resume the run in this window; finished "
                           "work is kept and the stopped run gets a partial report.")
                            .arg(owner.program)
                            .arg(owner.pid),
                        BannerType::Error, {m_takeOver});
}

void BannerCoordinator::stopWatching()
{
    if (m_watch == Watch::Watching || m_watch == Watch::Lost) {
        m_watch = Watch::None;
        m_area->hideMessage(watchingKey());
    }
}

void BannerCoordinator::showCrashedRun(const QString &runId)
{
    m_area->showMessage(crashedRunKey(),
                        tr("Run %1 stopped before it finished: Retake quit unexpectedly or "
                           "was stopped. A partial report was written; finished work is kept "
                           "and the interrupted tasks run again when you press Run.")
                            .arg(runId),
                        BannerType::Information, {m_viewCrashedRunReport});
}

void BannerCoordinator::updateBudgetBanner()
{
    const BatchSummary &s = m_summary;
    if (!s.paused || s.pauseReason != PauseReason::BudgetCap) {
        m_area->hideMessage(budgetKey());
        return;
    }
    const int notStarted = s.count(TaskState::Queued) + s.count(TaskState::Waiting) +
                           s.count(TaskState::Retrying) + s.count(TaskState::Interrupted);
    const int inFlight = s.count(TaskState::Running);
    QString text =
        tr("Budget cap reached: %1 of %2 cost units spent; %n task(s) not started.", nullptr,
           notStarted)
            .arg(QLocale().toString(s.spent, 'f', 2), QLocale().toString(s.budgetCap, 'f', 2));
    if (inFlight > 0)
        text +=
            u' ' + tr("%n attempt(s) already running will finish and be kept.", nullptr, inFlight);
    text += u' ' + tr("Raise the budget to continue this run.");
    m_area->showMessage(budgetKey(), text, BannerType::Warning, {m_raiseBudget, m_viewReport});
}

void BannerCoordinator::setProviders(const QList<ProviderStatus> &providers)
{
    m_providers = providers;
    QStringList open;
    for (const ProviderStatus &p : providers) {
        if (p.breaker == ProviderStatus::Breaker::Closed)
            continue;
        const QString key = breakerKey(p.id);
        open << key;
        auto actions = m_breakerActions.value(p.id);
        if (!actions.first) {
            const QString id = p.id;
            actions.first =
                makeAction(u"switchProviderFrom-"_s + id, tr("Switch provider…"),
                           tr("Run the tasks waiting for %1 on another provider").arg(id));
            connect(actions.first, &QAction::triggered, this, [this, id] {
                QStringList ids;
                for (const TaskSnapshot &t : m_model->tasks()) {
                    if (t.providerId == id &&
                        (t.state == TaskState::Queued || t.state == TaskState::Retrying ||
                         t.state == TaskState::Failed))
                        ids << t.id;
                }
                Q_EMIT switchProviderRequested(ids);
            });
            actions.second = makeAction(u"retryProviderNow-"_s + id, tr("Retry now"),
                                        tr("Stop waiting for the cool-down and send %1 "
                                           "requests again now")
                                            .arg(id));
            connect(actions.second, &QAction::triggered, this, [this, id] {
                Q_EMIT logLine(tr("Retrying provider %1 now, without waiting for its "
                                  "cool-down.")
                                   .arg(id));
                m_controller->retryProviderNow(id);
                m_area->hideMessage(breakerKey(id));
            });
            m_breakerActions.insert(p.id, actions);
        }
        const QString until =
            p.breakerOpenUntil.isValid()
                ? QLocale().toString(p.breakerOpenUntil.toLocalTime().time(), QLocale::ShortFormat)
                : QString();
        QString text =
            until.isEmpty()
                ? tr("Provider %1 keeps failing (%2) and is paused for a cool-down.")
                      .arg(p.id, StateStyle::errorLabel(p.lastError))
                : tr("Provider %1 keeps failing (%2) and is paused for a cool-down until %3.")
                      .arg(p.id, StateStyle::errorLabel(p.lastError), until);
        text += u' ' + tr("Its tasks move to other providers or wait.");
        m_area->showMessage(key, text, BannerType::Warning, {actions.first, actions.second});
    }
    for (const QString &key : m_area->keys()) {
        if (isBannerOf(key, BannerId::Breaker) && !open.contains(key))
            m_area->hideMessage(key);
    }
}

void BannerCoordinator::refresh()
{
    int failed = 0;
    QStringList failedSceneTasks; // voice-overs, cuts and the final film
    int blocked = 0;
    QStringList failedRetryable;
    m_rateLimitedTasks.clear();
    m_contentPolicyTasks.clear();
    m_loopGuardTasks.clear();
    QStringList rateLimitedProviders;
    m_model->forEachTask([&](const TaskSnapshot &t) {
        const bool shotTask = !t.shotId.isEmpty();
        if (t.state == TaskState::Failed) {
            ++failed;
            if (!shotTask)
                failedSceneTasks << t.id;
            if (isLoopGuarded(t) && shotTask)
                m_loopGuardTasks << t.id;
            else
                failedRetryable << t.id;
        }
        if (t.state == TaskState::Blocked)
            ++blocked;
        if (t.state == TaskState::Retrying && t.lastError == ErrorClass::RateLimited) {
            m_rateLimitedTasks << t.id;
            if (!rateLimitedProviders.contains(t.providerId))
                rateLimitedProviders << t.providerId;
        }
        if (shotTask && (t.state == TaskState::Failed || t.state == TaskState::Retrying) &&
            t.lastError == ErrorClass::ContentPolicy && !isLoopGuarded(t))
            m_contentPolicyTasks << t.id;
    });

    if (failed > 0) {
        QString text = tr("%n task(s) failed and need you.", nullptr, failed);
        if (!failedSceneTasks.isEmpty())
            text +=
                u' ' + tr("Scene and film tasks among them: %1.").arg(shortList(failedSceneTasks));
        if (blocked > 0)
            text += u' ' + tr("%n more wait for them.", nullptr, blocked);
        text += u' ' + tr("Retry them, or run them on another provider.");
        QList<QAction *> actions;
        if (!failedRetryable.isEmpty())
            actions << m_retryAllFailed;
        actions << m_switchForFailed << m_viewReport;
        m_area->showMessage(failedKey(), text, BannerType::Error, actions);
    } else {
        m_area->hideMessage(failedKey());
    }

    if (!m_loopGuardTasks.isEmpty()) {
        const TaskSnapshot first = m_model->task(m_loopGuardTasks.constFirst());
        const QString text =
            m_loopGuardTasks.size() == 1
                ? tr("%1 failed again with the same error (%2) after %3 retries by hand. "
                     "Retrying will not help: run it on another provider or edit the prompt.")
                      .arg(first.id, StateStyle::errorLabel(first.lastError))
                      .arg(first.manualRetries)
                : tr("%n task(s) failed again with the same error after 3 retries by hand "
                     "(%1). Retrying will not help: run them on another provider or edit "
                     "the prompts.",
                     nullptr, int(m_loopGuardTasks.size()))
                      .arg(shortList(m_loopGuardTasks));
        m_area->showMessage(loopGuardKey(), text, BannerType::Error,
                            {m_switchLoopGuard, m_editLoopGuard});
    } else {
        m_area->hideMessage(loopGuardKey());
    }

    if (!m_rateLimitedTasks.isEmpty()) {
        int limit = 0;
        int maxLimit = 0;
        for (const ProviderStatus &p : m_providers) {
            if (rateLimitedProviders.contains(p.id)) {
                limit += p.limit;
                maxLimit += p.maxLimit;
            }
        }
        QString text = tr("%1 is rate-limiting requests (HTTP 429): %n task(s) wait for their "
                          "retry.",
                          nullptr, int(m_rateLimitedTasks.size()))
                           .arg(QLocale().createSeparatedList(rateLimitedProviders));
        if (maxLimit > 0 && limit < maxLimit)
            text += u' ' + tr("Retake lowered the parallel requests to %1 of %2 and raises them "
                              "again as requests succeed.")
                               .arg(limit)
                               .arg(maxLimit);
        m_area->showMessage(rateLimitedKey(), text, BannerType::Warning,
                            {m_pause, m_switchRateLimited});
    } else {
        m_area->hideMessage(rateLimitedKey());
    }

    if (!m_contentPolicyTasks.isEmpty()) {
        const QStringList shots = uniqueShots(m_contentPolicyTasks);
        const QString text =
            shots.size() == 1
                ? tr("The prompt of %1 was rejected by the provider's content policy. Edit "
                     "the prompt, or run the shot on another provider.")
                      .arg(shots.constFirst())
                : tr("The prompts of %n shot(s) were rejected by the provider's content "
                     "policy (%1). Edit the prompts, or run the shots on another provider.",
                     nullptr, int(shots.size()))
                      .arg(shortList(shots));
        m_editContentPolicy->setText(shots.size() == 1
                                         ? tr("Edit prompt…")
                                         : tr("Edit prompt of %1…").arg(shots.constFirst()));
        m_area->showMessage(contentPolicyKey(), text, BannerType::Warning,
                            {m_editContentPolicy, m_switchContentPolicy});
    } else {
        m_area->hideMessage(contentPolicyKey());
    }
    updateDiskBanner();
}

void BannerCoordinator::updateDiskBanner()
{
    const bool diskFull = m_summary.paused && m_summary.pauseReason == PauseReason::DiskFull;
    if (!diskFull) {
        m_area->hideMessage(diskFullKey());
        return;
    }
    QString text = m_diskNote.isEmpty()
                       ? tr("Disk full: Retake stopped writing to %1 and resumes by itself when "
                            "space returns. Free some space, then press Retry now.")
                             .arg(m_workspaceDir)
                       : m_diskNote;
    m_area->showMessage(diskFullKey(), text, BannerType::Error, {m_openFolder, m_diskRetryNow});
}

void BannerCoordinator::retryDiskNow()
{
    // The engine measures the free space now and resumes at once when it is enough.
    m_controller->recheckDiskSpace(this, [this](const DiskCheck &check) {
        const qint64 mb = qint64(1024) * 1024;
        if (!check.enough) {
            m_diskNote =
                check.freeBytes >= check.reserveBytes
                    // The reserve is free but the state kept in memory still did not fit.
                    ? tr("%1 MB free in %2, but Retake could not save the batch state yet. "
                         "Free more space, then press Retry now.")
                          .arg(check.freeBytes / mb)
                          .arg(m_workspaceDir)
                    : tr("Still only %1 MB free in %2; Retake needs %3 MB. Free some "
                         "space, then press Retry now.")
                          .arg(check.freeBytes / mb)
                          .arg(m_workspaceDir)
                          .arg(check.reserveBytes / mb);
            Q_EMIT logLine(m_diskNote);
            updateDiskBanner();
            return;
        }
        Q_EMIT logLine(check.freeBytes >= 0
                           ? tr("%1 MB free again: the batch resumes.").arg(check.freeBytes / mb)
                           : tr("There is space again: the batch resumes."));
        updateDiskBanner();
    });
}

} // namespace retake::ui
