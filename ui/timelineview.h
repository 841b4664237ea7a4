// The run's timeline in the window (the Timeline dock): every attempt as a bar on a time axis,
// one lane per provider, coloured by outcome, and the tasks waiting between attempts under
// each lane — the same picture as the job report's (report/timeline.h builds it). Only what
// is visible is painted; Ctrl+wheel zooms around the pointer, a double click fits the run.
// Attempts come in as they end; the picture is rebuilt at most twice a second, on the thread
// pool (at 20,000 attempts a build takes some 30 ms: the GUI thread only copies the attempts
// and takes the result).
#pragma once

#include "engine/engineoptions.h"
#include "report/timeline.h"

#include <QAbstractScrollArea>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QTimer>

namespace retake::ui {

class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget *parent = nullptr);

    // Everything known so far (on open), then one attempt at a time as it ends.
    void setAttempts(const QHash<QString, QList<Attempt>> &attempts);
    void addAttempt(const QString &taskId, const Attempt &attempt);
    // The providers' live state: a breaker that opens is drawn as a shaded period.
    void noteProviders(const QList<ProviderStatus> &providers);
    void clear();

    const Timeline &timeline() const { return m_timeline; }
    // Pixels per second of the time axis.
    double scale() const { return m_pxPerSecond; }
    void setScale(double pxPerSecond, int anchorX = 0);
    void fitToWidth();
    // The bar under a point of the viewport, or null.
    const TimelineBar *barAt(const QPoint &viewportPos) const;
    // How many bars the last paint drew (only the visible ones).
    int lastPaintedBars() const { return m_lastPainted; }
    // Rebuilds now, on the GUI thread, instead of on the next tick (tests).
    void rebuildNow();
    // A build runs on the pool.
    bool isBuilding() const { return m_build.isRunning(); }

Q_SIGNALS:
    // A new picture was taken in (built on the pool, or by rebuildNow()).
    void timelineChanged();
    // A bar was double-clicked with the pointer on it: show that task.
    void taskActivated(const QString &taskId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    int laneTop(int lane) const;
    int laneHeight(int lane) const;
    int contentHeight() const;
    double xOf(qint64 ms) const;
    void updateScrollBars();
    // Starts a build of the attempts as they are now on the pool, or marks one to follow the
    // build running.
    void startBuild();
    void onBuilt();
    void adopt(Timeline timeline);

    QHash<QString, QList<Attempt>> m_attempts;
    QList<StoredEvent> m_breakerEvents; // as the engine records them (EventKind::BreakerOpened)
    QHash<QString, bool> m_breakerOpen;
    Timeline m_timeline;
    QTimer m_rebuild;
    QFutureWatcher<Timeline> m_build;
    quint64 m_generation = 0;  // bumped by each build and by what makes one in flight stale
    quint64 m_building = 0;    // the generation of the build on the pool
    bool m_buildAgain = false; // attempts came in while the pool built
    double m_pxPerSecond = 0;  // 0: fit on the first build
    bool m_fitted = false;
    int m_lastPainted = 0;
};

} // namespace retake::ui
