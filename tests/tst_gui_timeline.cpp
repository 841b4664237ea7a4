// The Timeline dock (issue 16 point 2): after a run of the demo it holds every attempt the
// run made, one lane per provider; it paints only what is visible when zoomed in; a point on
// a bar names its attempt; a double click on a bar selects its shot; reopening the workspace
// shows the same timeline from the state. Offscreen, the demo with injected faults.
#include "shotgridview.h"
#include "shotlistmodel.h"
#include "testprinters.h"
#include "timelineview.h"
#include "tst_gui_fixture.h"

#include <QDockWidget>
#include <QTest>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace Qt::StringLiterals;

class TestGuiTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { f = std::make_unique<GuiFixture>(); }
    void cleanup() { f.reset(); }
    void theRunIsDrawnAndNamesItsAttempts();
    void aBigRunIsBuiltOnThePool();

private:
    std::unique_ptr<GuiFixture> f;
};

void TestGuiTimeline::theRunIsDrawnAndNamesItsAttempts()
{
    // Given the demo (faults injected on "studio") run to its end in the window,
    const QString path = f->copyDemo(0.1);
    f->openAndWait(path);
    TimelineView *view = f->window->timelineView();
    QVERIFY(view);
    f->runToEnd();
    auto *dock = f->window->findChild<QDockWidget *>(u"timelineDock"_s);
    QVERIFY(dock);
    dock->show();
    dock->raise();
    f->window->resize(1600, 1000);
    view->rebuildNow();

    // then the timeline holds every attempt of every task, on the providers that ran them.
    int attempts = 0;
    for (const TaskSnapshot &t : f->window->shotModel()->tasks())
        attempts += t.attemptCount;
    QVERIFY(attempts > 72); // faults made some tasks try again
    QCOMPARE(view->timeline().bars().size(), attempts);
    QStringList lanes;
    for (const TimelineLane &lane : view->timeline().lanes())
        lanes << lane.providerId;
    QVERIFY2(lanes.contains(u"studio"_s), qPrintable(lanes.join(u' ')));
    int failed = 0;
    for (const TimelineBar &bar : view->timeline().bars())
        failed += bar.kind == TimelineKind::Failed;
    QVERIFY(failed > 0);
    QVERIFY(!view->timeline().waits().isEmpty());

    // Fitted, everything is painted; zoomed in 20 times, only part of it.
    view->fitToWidth();
    view->viewport()->repaint();
    QCOMPARE(view->lastPaintedBars(), attempts);
    view->setScale(view->scale() * 20, 120);
    view->viewport()->repaint();
    QVERIFY2(view->lastPaintedBars() > 0 && view->lastPaintedBars() < attempts / 2,
             qPrintable(QString::number(view->lastPaintedBars())));
    view->fitToWidth();
    f->window->grab().save(u"/tmp/gui-timeline.png"_s);
    // The dock on its own, large enough to read (what docs/timeline.png shows).
    dock->setFloating(true);
    dock->resize(1400, 330);
    QTest::qWait(50);
    view->fitToWidth();
    dock->grab().save(u"/tmp/gui-timeline-dock.png"_s);
    dock->setFloating(false);

    // A point on the first bar names it; a double click there selects its shot.
    const TimelineBar first = view->timeline().bars().first();
    QPoint on;
    for (int x = 110; x < view->viewport()->width() && on.isNull(); ++x) {
        for (int y = 0; y < view->viewport()->height() && on.isNull(); ++y) {
            const TimelineBar *bar = view->barAt(QPoint(x, y));
            if (bar && bar->taskId == first.taskId && bar->attempt == first.attempt)
                on = QPoint(x, y);
        }
    }
    QVERIFY(!on.isNull());
    QSignalSpy activated(view, &TimelineView::taskActivated);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, on);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toString(), first.taskId);
    QCOMPARE(f->window->gridView()->currentShotId(), first.taskId.section(u'/', 0, 0));
    QVERIFY(!view->barAt(QPoint(5, on.y()))); // the lane names, not a bar

    // Reopened, the same timeline comes from the state.
    const qsizetype bars = view->timeline().bars().size();
    f->openAndWait(path);
    QTRY_COMPARE(view->timeline().bars().size(), bars);
}

namespace {

// `count` attempts of as many tasks on two providers, 8 at a time, 1 s each.
QHash<QString, QList<Attempt>> manyAttempts(int count, int firstTask = 0)
{
    const QDateTime origin = QDateTime::fromMSecsSinceEpoch(1'780'000'000'000, Qt::UTC);
    QHash<QString, QList<Attempt>> attempts;
    for (int i = firstTask; i < firstTask + count; ++i) {
        Attempt a;
        a.number = 1;
        a.providerId = i % 2 ? u"studio"_s : u"local"_s;
        a.startedAt = origin.addMSecs(qint64(i / 8) * 1000);
        a.endedAt = a.startedAt.addMSecs(1000);
        a.errorClass = i % 10 == 0 ? ErrorClass::Timeout : ErrorClass::None;
        attempts.insert(u"s%1/image"_s.arg(i), {a});
    }
    return attempts;
}

} // namespace

// At 20,000 attempts a build takes some 30 ms: the view hands it to the pool and takes the
// picture when it is ready, so that the GUI thread is never blocked by it during a run.
void TestGuiTimeline::aBigRunIsBuiltOnThePool()
{
    TimelineView view;
    view.resize(900, 300);
    view.show();
    QSignalSpy changed(&view, &TimelineView::timelineChanged);
    const int count = 20000;

    // Given every attempt of a big run, setAttempts returns before the picture is built,
    view.setAttempts(manyAttempts(count));
    QVERIFY(view.timeline().isEmpty());
    QCOMPARE(changed.size(), 0);
    // and the picture the pool built arrives.
    QVERIFY(changed.wait(30000));
    QCOMPARE(view.timeline().bars().size(), count);
    view.viewport()->repaint();
    QCOMPARE(view.lastPaintedBars(), count);

    // Attempts that end while the pool builds are in the picture that follows.
    const auto more = manyAttempts(3, count);
    for (auto it = more.cbegin(); it != more.cend(); ++it)
        view.addAttempt(it.key(), it.value().first());
    QCOMPARE(view.timeline().bars().size(), count); // not rebuilt on the GUI thread
    QTRY_COMPARE_WITH_TIMEOUT(view.timeline().bars().size(), count + 3, 30000);

    // A build made stale meanwhile (another workspace opened, then closed) is not taken.
    view.setAttempts(manyAttempts(count));
    view.clear();
    QVERIFY(view.timeline().isEmpty());
    QTRY_VERIFY(!view.isBuilding());
    QTest::qWait(50); // the finished build's result reaches the view, and is dropped
    QVERIFY(view.timeline().isEmpty());
}

QTEST_MAIN(TestGuiTimeline)
#include "tst_gui_timeline.moc"
