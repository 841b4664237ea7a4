// The live line of retake-cli at a terminal (issue 16): bar, percent, counts, the rate of
// finished tasks and an ETA, fitted to the terminal's width. The ETA comes from the same
// source as `retake-cli estimate`: UsageEstimator over the measured attempt durations
// (docs/ARCHITECTURE.md, "Reports"), here those measured in this run.
#pragma once

#include "domain/task.h"
#include "report/usageestimator.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace retake::cli {

// What the line shows; empty parts are left out.
struct LiveLineParts {
    double percent = 0.0;
    QStringList counts; // "5 done", "2 running", ...: the first one is the most important
    QString rate;       // "4.5/min"
    QString eta;        // "ETA 1m05s", "ETA —"
    QString paused;     // "PAUSED: budget-cap"
};

// The line for a terminal `columns` wide: at most columns - 1 characters (the last column
// would make some terminals wrap). When it does not fit, the bar shrinks, then goes, then the
// counts shorten and go, then the rate, then the ETA; it never wraps.
QString composeLiveLine(const LiveLineParts &parts, int columns);

// The width of the terminal on `fd`: $COLUMNS when set, else the terminal's own size
// (TIOCGWINSZ), else 80.
int terminalColumns(int fd);

// Tasks finished per minute and the time left, from what a run (or a watched run) reported.
class ProgressMeter final
{
public:
    // Tasks that must have finished in this run before a rate and an ETA are shown.
    static constexpr int kMinFinished = 3;

    ProgressMeter() { m_clock.start(); }

    void setProviders(const QList<ProviderInfo> &providers) { m_providers = providers; }
    // Every task (at the start); then the ones that changed.
    void setTasks(const QList<TaskSnapshot> &tasks);
    void updateTasks(const QList<TaskSnapshot> &tasks);
    void addAttempt(const QString &taskId, const Attempt &attempt);

    int finished() const { return m_finished; }
    QString rateText() const; // empty until kMinFinished tasks have finished
    // "ETA —" until kMinFinished tasks have finished. Estimated again at most once a
    // second, and only when something changed: a batch can have 200,000 tasks.
    QString etaText();

private:
    static constexpr qint64 kRecomputeMs = 1000;
    void recompute();

    QElapsedTimer m_clock;
    QList<ProviderInfo> m_providers;
    QHash<QString, TaskSnapshot> m_tasks;
    QHash<QString, QList<Attempt>> m_attempts; // measured in this run, by task id
    int m_finished = 0;                        // done or failed in this run
    bool m_changed = false;                    // since the last estimate
    std::optional<qint64> m_etaMs;             // the estimate when it was last computed
    qint64 m_etaAt = 0;                        // m_clock time of that estimate
};

} // namespace retake::cli
