// Timeline dock figures at 20,000 attempts (printed, never asserted; issue 16 point 2):
//   1. Timeline::build of the whole run (the work of one rebuild);
//   2. what the GUI thread spends to show it: TimelineView::setAttempts until the picture is
//      there, and one paint of the view fitted (every bar visible) and zoomed in 20 times;
//   3. the GUI thread during a run: attempts keep arriving (40 tasks a second; a rebuild at
//      most every half second, then its paint), measured twice: by a 2 ms heartbeat timer
//      (its lateness: the GUI thread blocked, or waiting for a core on a loaded machine), and
//      by the GUI thread's CPU time in each event it handles (the work itself, whatever the
//      load): the longest is the longest the GUI thread was kept from other events.
// Run offscreen: QT_QPA_PLATFORM=offscreen bench_timeline
#include "timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QLoggingCategory>
#include <QPainter>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace retake;
using namespace retake::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kAttempts = 20000;
constexpr int kProviders = 4;
constexpr int kSlots = 8; // attempts side by side per provider
constexpr int kLiveSeconds = 6;
constexpr int kLivePerSecond = 40;
constexpr int kHeartbeatMs = 2;

// A run: each task tries 1 to 3 times (failures and rate limits retried after a wait), on
// 4 providers with 8 attempts in flight each, 2 to 20 s per attempt.
struct Run {
    QHash<QString, QList<Attempt>> attempts;
    QDateTime start = QDateTime::fromMSecsSinceEpoch(1'780'000'000'000, Qt::UTC);
    qint64 slotFree[kProviders][kSlots] = {};
    QRandomGenerator random{42};
    int tasks = 0;

    Attempt next(int number, qint64 notBefore)
    {
        const int p = random.bounded(kProviders);
        qint64 *slot = std::min_element(slotFree[p], slotFree[p] + kSlots);
        const qint64 begin = std::max(*slot, notBefore) + random.bounded(500);
        const qint64 end = begin + 2000 + random.bounded(18000);
        *slot = end;
        Attempt a;
        a.number = number;
        a.providerId = u"provider-%1"_s.arg(p + 1);
        a.startedAt = start.addMSecs(begin);
        a.endedAt = start.addMSecs(end);
        const int roll = random.bounded(100);
        a.errorClass = roll < 10   ? ErrorClass::Timeout
                       : roll < 15 ? ErrorClass::RateLimited
                                   : ErrorClass::None;
        a.rung = roll > 95 ? RungKind::LowerResolution : RungKind::Primary;
        return a;
    }

    // Adds one task's attempts; returns how many.
    int addTask(const std::function<void(const QString &, const Attempt &)> &add)
    {
        const QString taskId = u"s%1/image"_s.arg(tasks++, 5, 10, QLatin1Char('0'));
        qint64 notBefore = 0;
        int number = 1;
        for (;; ++number) {
            const Attempt a = next(number, notBefore);
            add(taskId, a);
            if (a.errorClass == ErrorClass::None || number == 3)
                return number;
            notBefore = start.msecsTo(a.endedAt) + 1000 + random.bounded(4000);
        }
    }
};

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Times every event the GUI thread handles (outermost only): CPU time and wall time.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_on || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        const double cpu = threadCpuMs();
        QElapsedTimer wall;
        wall.start();
        const bool result = QApplication::notify(receiver, event);
        m_cpu << threadCpuMs() - cpu;
        m_wall << wall.nsecsElapsed() / 1e6;
        --m_depth;
        return result;
    }
    bool m_on = false;
    QList<double> m_cpu;
    QList<double> m_wall;

private:
    int m_depth = 0;
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0.0 : values.at(values.size() / 2);
}

double paintMs(TimelineView &view)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer timer;
    timer.start();
    view.viewport()->render(&image);
    return timer.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"qt.qpa.*=false"_s);
    Run run;
    int made = 0;
    while (made < kAttempts)
        made +=
            run.addTask([&](const QString &id, const Attempt &a) { run.attempts[id].append(a); });
    std::printf("run: %d attempts of %d tasks on %d providers\n", made, run.tasks, kProviders);

    // 1. The build alone.
    QList<double> builds;
    for (int i = 0; i < 7; ++i) {
        QElapsedTimer timer;
        timer.start();
        const Timeline t = Timeline::build(run.attempts);
        builds << timer.nsecsElapsed() / 1e6;
        if (t.bars().size() != made)
            std::printf("unexpected: %lld bars\n", qlonglong(t.bars().size()));
    }
    std::printf("Timeline::build:                    %8.1f ms (median of 7)\n", median(builds));

    // 2. The dock's view: shown, then given every attempt.
    TimelineView view;
    view.resize(1400, 330);
    view.show();
    QCoreApplication::processEvents();
    QElapsedTimer shown;
    shown.start();
    QElapsedTimer blocked;
    blocked.start();
    view.setAttempts(run.attempts);
    const double setMs = blocked.nsecsElapsed() / 1e6;
    while (view.timeline().bars().size() != made && shown.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    std::printf("setAttempts: GUI thread busy        %8.1f ms, picture there after %.1f ms\n",
                setMs, shown.nsecsElapsed() / 1e6);
    QList<double> fitted;
    QList<double> zoomed;
    view.fitToWidth();
    for (int i = 0; i < 7; ++i)
        fitted << paintMs(view);
    const int fittedBars = view.lastPaintedBars();
    view.setScale(view.scale() * 20, 120);
    for (int i = 0; i < 7; ++i)
        zoomed << paintMs(view);
    std::printf("paint, fitted (%5d bars drawn):   %8.1f ms (median of 7)\n", fittedBars,
                median(fitted));
    std::printf("paint, zoomed 20x (%5d bars):     %8.1f ms (median of 7)\n",
                view.lastPaintedBars(), median(zoomed));
    view.fitToWidth();
    QElapsedTimer grabTimer;
    grabTimer.start();
    const QPixmap grab = view.grab();
    std::printf("QWidget::grab of the view:          %8.1f ms\n", grabTimer.nsecsElapsed() / 1e6);
    if (argc > 1)
        grab.save(QString::fromLocal8Bit(argv[1]));

    // 3. A run going on: attempts arrive, the view rebuilds and repaints.
    QList<double> lateness;
    QElapsedTimer beat;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(kHeartbeatMs);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        if (beat.isValid())
            lateness << std::max(0.0, beat.nsecsElapsed() / 1e6 - kHeartbeatMs);
        beat.start();
    });
    QTimer feed;
    feed.setInterval(1000 / kLivePerSecond);
    int fed = 0;
    QObject::connect(&feed, &QTimer::timeout, [&] {
        fed += run.addTask([&](const QString &id, const Attempt &a) { view.addAttempt(id, a); });
    });
    QEventLoop loop;
    QTimer::singleShot(kLiveSeconds * 1000, &loop, &QEventLoop::quit);
    heartbeat.start();
    feed.start();
    app.m_on = true;
    loop.exec();
    app.m_on = false;
    feed.stop();
    heartbeat.stop();
    std::sort(lateness.begin(), lateness.end());
    std::printf("live: %d attempts added in %d s; heartbeat lateness p50 %.1f ms, p99 %.1f ms, "
                "max %.1f ms\n",
                fed, kLiveSeconds, lateness.value(lateness.size() / 2),
                lateness.value(lateness.size() * 99 / 100), lateness.value(lateness.size() - 1));
    int over16 = 0;
    for (const double l : lateness)
        over16 += l > 16.0;
    std::printf("      heartbeats more than 16 ms late: %d of %lld\n", over16,
                qlonglong(lateness.size()));
    std::sort(app.m_cpu.begin(), app.m_cpu.end());
    std::sort(app.m_wall.begin(), app.m_wall.end());
    int cpuOver16 = 0;
    for (const double c : std::as_const(app.m_cpu))
        cpuOver16 += c > 16.0;
    std::printf("      GUI thread per event: CPU max %.1f ms (%d over 16 ms), wall max %.1f ms, "
                "of %lld events\n",
                app.m_cpu.value(app.m_cpu.size() - 1), cpuOver16,
                app.m_wall.value(app.m_wall.size() - 1), qlonglong(app.m_cpu.size()));
    return 0;
}
