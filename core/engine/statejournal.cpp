#include "statejournal.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace retake {

void StateJournal::event(EventKind kind, const QString &detail, const QString &taskId)
{
    if (m_store.isOpen())
        m_store.addEvent({QDateTime::currentDateTimeUtc(), taskId, nameOf(kind), detail});
}

StoredTask StateJournal::rowOf(const TaskRecord &t) const
{
    StoredTask s;
    s.id = t.snap.id;
    s.state = t.snap.state;
    s.quality = t.snap.quality;
    s.rung = t.ladder.value(t.rungIndex).kind;
    s.providerId = t.providerId();
    s.attemptCount = t.snap.attemptCount;
    s.lastError = t.snap.lastError;
    s.lastMessage = t.snap.lastMessage;
    s.lastHttpStatus = t.snap.lastHttpStatus;
    s.outputPath =
        t.snap.outputPath.isEmpty() ? QString() : m_workspace.relativePath(t.snap.outputPath);
    // Done: the parameters its output was made from; otherwise the shot's current ones,
    // so that an edit of the storyboard is noticed on the next open.
    s.paramsHash = t.snap.state == TaskState::Done ? t.paramsHash : m_requests.paramsHash(t);
    s.manualRetries = t.snap.manualRetries;
    s.rungIndex = t.rungIndex;
    s.retriesUsed = t.retriesUsed;
    s.rungFailures = t.rungFailures;
    s.providerOverride = t.providerOverride;
    s.remoteJob = t.remoteJob;
    return s;
}

void StateJournal::persist(int i)
{
    if (!m_store.isOpen())
        return;
    const TaskRecord &t = m_tasks.at(i);
    m_store.saveTask(rowOf(t));
    m_staleRows.remove(i);
    const auto held = m_heldAttempts.find(t.snap.id);
    if (held == m_heldAttempts.end())
        return;
    for (const Attempt &a : std::as_const(*held))
        m_store.saveAttempt(t.snap.id, a);
    m_heldAttempts.erase(held);
}

void StateJournal::persistAll()
{
    for (int i = 0; i < m_tasks.size(); ++i)
        persist(i);
}

void StateJournal::saveAttempt(const TaskRecord &t, const Attempt &attempt)
{
    if (m_store.isOpen())
        m_heldAttempts[t.snap.id].append(attempt);
}

bool StateJournal::persistFinished(int i)
{
    if (!m_store.isOpen() || m_store.isReadOnly() || !m_redo.isOpen())
        return false;
    const TaskRecord &t = m_tasks.at(i);
    RedoRecord record{rowOf(t), m_heldAttempts.value(t.snap.id)};
    if (record.attempts.isEmpty() || !m_redo.append(record))
        return false;
    persist(i);
    killForTestAfterFiling(t.snap.id);
    return true;
}

void StateJournal::killForTestAfterFiling(const QString &taskId)
{
    // RETAKE_TEST_KILL_AFTER_FILING=N (tests/tst_crash.cpp): the process kills itself with
    // SIGKILL right after the N-th finished task reached the redo log, before its commit.
    static const int killAfter = qEnvironmentVariableIntValue("RETAKE_TEST_KILL_AFTER_FILING");
    static int filed = 0;
    if (killAfter <= 0 || ++filed < killAfter)
        return;
    std::fprintf(stderr, "retake test: killed after filing %s\n", qPrintable(taskId));
    std::fflush(stderr);
    std::raise(SIGKILL);
}

QStringList StateJournal::replayRedoLog()
{
    QStringList notes;
    const QString path = RedoLog::pathFor(m_store.databasePath());
    const QList<RedoRecord> records = RedoLog::read(path);
    if (!records.isEmpty()) {
        QHash<QString, StoredTask> stored;
        for (const StoredTask &s : m_store.loadTasks())
            stored.insert(s.id, s);
        for (const RedoRecord &record : records) {
            const auto it = stored.constFind(record.row.id);
            if (!RedoLog::isNewerThan(record, it == stored.constEnd() ? nullptr : &*it))
                continue;
            m_store.saveTask(record.row);
            for (const Attempt &a : record.attempts)
                m_store.saveAttempt(record.row.id, a);
            stored.insert(record.row.id, record.row);
            //: %1 is the task, %2 its output's path in the workspace.
            notes << QCoreApplication::translate(
                         "retake::Engine",
                         "%1: its output %2 was verified and filed just before Retake stopped; "
                         "it is kept, not made again.")
                         .arg(record.row.id, record.row.outputPath);
        }
        QString error;
        if (!m_store.flush(&error)) {
            //: %1 is the error.
            notes << QCoreApplication::translate(
                         "retake::Engine",
                         "Could not record the outputs filed just before Retake stopped (%1); "
                         "they stay in state.redo until the next open.")
                         .arg(error);
            return notes;
        }
    }
    if (m_redo.open(path))
        m_redo.clear();
    return notes;
}

void StateJournal::openRuns()
{
    m_runId = m_store.unfinishedRunId();
    m_lastRunId = m_runId;
    m_budgetEndedRunId.clear();
    m_resumedFromSuspend = false;
    if (!m_runId.isEmpty()) {
        // Stopped on purpose when the last of its run events is "run-suspended"; a crash
        // or a kill leaves "run-resumed" / "run-continued" (or nothing) last.
        const QList<StoredEvent> events = m_store.loadEvents();
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            if (it->detail != m_runId)
                continue;
            const std::optional<EventKind> kind = eventKindFromString(it->kind);
            if (kind == EventKind::RunSuspended) {
                m_resumedFromSuspend = true;
                break;
            }
            if (kind == EventKind::RunResumed || kind == EventKind::RunContinued)
                break;
        }
    }
    m_resumedAfterCrash = !m_runId.isEmpty() && !m_resumedFromSuspend;
    if (m_resumedAfterCrash)
        event(EventKind::RunResumed, m_runId);
}

double StateJournal::spentInRun() const
{
    if (m_runId.isEmpty())
        return 0.0;
    // A resumed run keeps what it already spent.
    double spent = 0.0;
    const QDateTime runStart = m_store.runStartedAt(m_runId);
    for (const TaskRecord &t : m_tasks.all()) {
        for (const Attempt &a : t.attempts) {
            if (a.startedAt >= runStart)
                spent += a.costUnits;
        }
    }
    return spent;
}

bool StateJournal::startOrContinue()
{
    bool fresh = false;
    if (m_store.isOpen() && m_runId.isEmpty()) {
        m_runId = m_store.beginRun(QDateTime::currentDateTimeUtc());
        m_budgetEndedRunId.clear();
        fresh = true;
    } else if (m_resumedFromSuspend && m_store.isOpen()) {
        // From here on a crash is a crash again.
        event(EventKind::RunContinued, m_runId);
        m_resumedFromSuspend = false;
    }
    m_lastRunId = m_runId;
    return fresh;
}

void StateJournal::suspend()
{
    event(EventKind::RunSuspended, m_runId);
}

void StateJournal::endRun(const BatchSummary &s, bool stoppedByBudget)
{
    if (!m_store.isOpen() || m_runId.isEmpty())
        return;
    const bool clean = s.count(TaskState::Failed) == 0 && s.count(TaskState::Cancelled) == 0;
    const RunOutcome outcome = m_resumedAfterCrash && clean        ? RunOutcome::CrashedAndResumed
                               : stoppedByBudget                   ? RunOutcome::BudgetCap
                               : s.count(TaskState::Cancelled) > 0 ? RunOutcome::Cancelled
                               : s.count(TaskState::Failed) > 0    ? RunOutcome::Partial
                                                                   : RunOutcome::Complete;
    m_store.endRun(m_runId, QDateTime::currentDateTimeUtc(), nameOf(outcome));
    // A higher cap continues this run rather than starting a new one.
    m_budgetEndedRunId = stoppedByBudget ? m_runId : QString();
    m_lastRunId = m_runId;
    m_runId.clear();
}

bool StateJournal::reopenBudgetRun()
{
    const bool reopened = m_runId.isEmpty() && !m_budgetEndedRunId.isEmpty() && m_store.isOpen();
    if (reopened) {
        // The run ended at its cap: it goes on under the same id.
        m_runId = m_budgetEndedRunId;
        m_lastRunId = m_runId;
        m_store.reopenRun(m_runId);
        event(EventKind::BudgetRaised, m_runId);
    }
    m_budgetEndedRunId.clear();
    return reopened;
}

void StateJournal::restoreTask(int i, const StoredTask &s, bool continuingRun, bool keepRunning,
                               Workspace::ResolvedFolders *folders, QStringList *notes)
{
    TaskRecord &t = m_tasks.at(i);
    const QByteArray current = m_requests.paramsHash(t);
    // A path read back from the state is used only inside draft/ (a shared or
    // downloaded workspace must not point Retake at other files).
    QString output = m_looksAtFiles
                         ? m_workspace.existingConfined(s.outputPath, u"draft"_s, folders)
                         : m_workspace.confinedByName(s.outputPath, u"draft"_s);
    const bool outputExists = !output.isEmpty();
    if (!outputExists && m_looksAtFiles)
        output = m_workspace.confined(s.outputPath, u"draft"_s); // missing, or outside draft/
    const bool outputEscapes = !s.outputPath.isEmpty() && output.isEmpty();
    t.snap.lastError = s.lastError;
    t.snap.lastMessage = s.lastMessage;
    t.snap.lastHttpStatus = s.lastHttpStatus;
    t.snap.manualRetries = s.manualRetries;
    t.providerOverride = s.providerOverride;
    t.ladder = TaskTable::ladderFor(m_requests.project(), t.snap.stage, t.providerOverride);
    if (s.paramsHash != current) {
        // An assembly's parameters are its inputs' states, which a reader derives itself.
        if (t.snap.stage != Stage::Assembly)
            m_staleRows.insert(i);
        // The storyboard was edited since: this task starts over.
        t.snap.lastError = ErrorClass::None;
        t.snap.lastMessage = QCoreApplication::translate(
            "retake::Engine", "the shot was edited since the last run; it will run again");
        return;
    }
    // The remote job its attempt was waiting on (the task may have been saved queued
    // again by a run that ended before dispatching it): re-attached to when the task is
    // dispatched with the same provider and parameters (docs/ARCHITECTURE.md).
    if (s.state != TaskState::Done)
        t.remoteJob = s.remoteJob;
    const bool keepPosition = continuingRun || s.state == TaskState::Done;
    if (keepPosition) {
        t.rungIndex = std::clamp(s.rungIndex, 0, int(t.ladder.size()) - 1);
        t.retriesUsed = s.retriesUsed;
        t.rungFailures = s.rungFailures;
    }
    if (s.state == TaskState::Done && outputEscapes) {
        // Treated like a missing output: the task runs again.
        //: %1 is the path stored in the batch state.
        t.snap.lastMessage =
            QCoreApplication::translate(
                "retake::Engine",
                "its output path in the state (%1) leads outside the workspace's draft/ folder; "
                "it was not used and the task will run again")
                .arg(s.outputPath);
        *notes << u"%1: %2."_s.arg(t.snap.id, t.snap.lastMessage);
    } else if (s.state == TaskState::Done && outputExists) {
        t.paramsHash = s.paramsHash;
        t.snap.outputPath = output;
        m_tasks.setQuality(i, s.quality);
        m_tasks.setState(i, TaskState::Done);
    } else if (s.state == TaskState::Failed || s.state == TaskState::Skipped) {
        m_tasks.setState(i, s.state);
    } else if (s.state == TaskState::Running) {
        m_tasks.setState(i, keepRunning ? TaskState::Running : TaskState::Interrupted);
    } else if (s.state == TaskState::Cancelled) {
        m_tasks.setState(i, TaskState::Cancelled);
    }
}

QStringList StateJournal::restore(const QList<StoredTask> &stored, bool continuingRun,
                                  bool keepRunning)
{
    QStringList notes;
    m_heldAttempts.clear(); // the tasks are rebuilt from the store
    m_staleRows.clear();
    const QHash<QString, QList<Attempt>> attempts = m_store.loadAttempts();
    for (auto it = attempts.cbegin(); it != attempts.cend(); ++it) {
        const int i = m_tasks.indexOf(it.key());
        if (i >= 0) {
            m_tasks.at(i).attempts = it.value();
            m_tasks.at(i).snap.attemptCount = int(it.value().size());
        }
    }
    // In task order (dependencies come first), each task settled before the next: an
    // assembly is compared with its inputs exactly as restored, a blocked video included,
    // so that an unchanged scene is not cut again (the hash names each input's state).
    QHash<QString, const StoredTask *> byId;
    byId.reserve(stored.size());
    for (const StoredTask &row : stored)
        byId.insert(row.id, &row);
    Workspace::ResolvedFolders folders;
    for (int i = 0; i < m_tasks.size(); ++i) {
        if (const StoredTask *found = byId.value(m_tasks.at(i).snap.id))
            restoreTask(i, *found, continuingRun, keepRunning, &folders, &notes);
        // A video can run only on its image's current output.
        const TaskState state = m_tasks.at(i).snap.state;
        if (state == TaskState::Waiting || state == TaskState::Queued ||
            state == TaskState::Blocked)
            m_tasks.setState(i, m_tasks.readyState(i));
    }
    return notes;
}

} // namespace retake
