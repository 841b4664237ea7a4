// The timeline of a run: every attempt as a bar on a time axis, one lane per provider, bars
// packed into rows as the provider ran them side by side, coloured by outcome; and per lane
// how many tasks were waiting to be sent again (a backoff after a failure, or a rate-limit
// wait) over time. Drawn as SVG in the HTML report and by the window's timeline view
// (docs/ARCHITECTURE.md, "Reports").
#pragma once

#include "domain/storedrows.h"
#include "domain/task.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class QXmlStreamWriter;

namespace retake {

enum class TimelineKind {
    Full,          // done at full quality on the provider asked first
    OtherProvider, // done at full quality on an alternative provider
    Degraded,      // done on a lower rung (simpler parameters, fallback)
    Failed,        // failed (a retry may follow)
    RateLimited,   // refused for its rate; waited out without spending a retry
    Cancelled,     // cancelled or interrupted
};

QString nameOf(TimelineKind kind);
// The colour of a kind in every drawing of the timeline (#rrggbb).
QString colourOf(TimelineKind kind);

struct TimelineBar {
    int lane = 0;
    int row = 0;
    qint64 startMs = 0; // from the timeline's origin
    qint64 endMs = 0;
    TimelineKind kind = TimelineKind::Full;
    QString taskId;
    int attempt = 0;
};

// A task waiting between two of its attempts, on the lane of the attempt that followed.
struct TimelineWait {
    int lane = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool rateLimit = false; // after a rate limit (a hold); else a backoff after a failure
};

// A provider avoided by its circuit breaker (from a "breaker-opened" event).
struct TimelineOutage {
    int lane = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
};

struct TimelineLane {
    QString providerId;
    int rows = 0;
    int peakWaiting = 0; // most tasks waiting at once
};

class Timeline final
{
public:
    // From the attempts of each task (any order) and the events of the state (for the
    // periods a provider's breaker was open); what lies outside [from, to] is left out (an
    // invalid bound is open). Attempts without both times are left out.
    static Timeline build(const QHash<QString, QList<Attempt>> &attempts,
                          const QList<StoredEvent> &events = {}, const QDateTime &from = {},
                          const QDateTime &to = {});

    QDateTime origin() const { return m_origin; }
    qint64 spanMs() const { return m_spanMs; }
    const QList<TimelineLane> &lanes() const { return m_lanes; }
    const QList<TimelineBar> &bars() const { return m_bars; } // by start time
    const QList<TimelineWait> &waits() const { return m_waits; }
    const QList<TimelineOutage> &outages() const { return m_outages; }
    bool isEmpty() const { return m_bars.isEmpty(); }

    // How many tasks of `lane` were waiting at `ms`, as steps: (time, count) at each change.
    const QList<QPair<qint64, int>> &waitingSteps(int lane, bool rateLimit) const;
    // A round step for the axis of a span, so that about `ticks` ticks fit (1, 2 or 5 × 10^n ms).
    static qint64 tickStepMs(qint64 spanMs, int ticks);

    // Compact form for report.json ("timeline"), and back (hostile input gives an empty
    // timeline or drops the bars that make no sense).
    QJsonObject toJson() const;
    static Timeline fromJson(const QJsonObject &json);
    // A self-contained SVG `widthPx` wide (height from the lanes), with a tooltip per bar.
    QString svg(int widthPx = 1000) const;
    // The same into a writer (the HTML report writes it inline).
    void writeSvg(QXmlStreamWriter &writer, int widthPx = 1000) const;

private:
    void pack();
    QList<QPair<qint64, int>> countWaiting(int lane, bool rateLimit) const;

    QDateTime m_origin;
    qint64 m_spanMs = 0;
    QList<TimelineLane> m_lanes;
    QList<TimelineBar> m_bars;
    QList<TimelineWait> m_waits;
    QList<TimelineOutage> m_outages;
    QList<QList<QPair<qint64, int>>> m_steps; // per lane: backoff, then rate limit
};

} // namespace retake
