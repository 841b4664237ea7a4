// What a batch's end or a pause tells the desktop (NotificationPolicy): which kind, which
// item a click shows, the words, and when nothing is said (the user looks at the window,
// the switch is off, the user cancelled, a disk-full pause already told).
#include "languagesupport.h"
#include "notificationpolicy.h"

#include <QTest>

using namespace retake;
using namespace retake::ui;
using namespace Qt::StringLiterals;

namespace {

using Kind = DesktopNotification::Kind;
using Target = DesktopNotification::Target;

TaskSnapshot task(const QString &shot, Stage stage, TaskState state,
                  ErrorClass error = ErrorClass::None)
{
    TaskSnapshot t;
    t.shotId = shot;
    t.stage = stage;
    t.id = shot + (stage == Stage::Image ? u"/image"_s : u"/video"_s);
    t.state = state;
    t.lastError = error;
    return t;
}

BatchSummary summaryOf(const QList<TaskSnapshot> &tasks)
{
    BatchSummary s;
    s.total = int(tasks.size());
    for (const TaskSnapshot &t : tasks)
        s.counts[t.state] += 1;
    return s;
}

NotificationPolicy::Context away()
{
    NotificationPolicy::Context c;
    c.projectName = u"Lighthouse"_s;
    return c;
}

} // namespace

class TestNotificationPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { LanguageSupport::install(qApp, u"en"_s); }
    void allDoneShowsTheReport();
    void failedTasksSelectTheFirstFailedTask();
    void budgetCapBringsTheWindow();
    void cancelledOrPausedByTheUserTellsNothing();
    void nothingWhileTheUserLooksOrWhenSwitchedOff();
    void diskFullTellsOncePerPause();
};

void TestNotificationPolicy::allDoneShowsTheReport()
{
    const QList<TaskSnapshot> tasks{task(u"a-1"_s, Stage::Image, TaskState::Done),
                                    task(u"a-1"_s, Stage::Video, TaskState::Done)};
    BatchSummary summary = summaryOf(tasks);
    summary.qualities[Quality::Reduced] = 1;
    NotificationPolicy policy;
    const auto n = policy.batchFinished(summary, tasks, away());
    QVERIFY(n);
    QCOMPARE(n->kind, Kind::BatchDone);
    QCOMPARE(n->target, Target::Report);
    QVERIFY(!n->urgent);
    QCOMPARE(n->title, u"Lighthouse: batch finished"_s);
    QCOMPARE(n->body, u"All 2 tasks are done. 1 at reduced quality. Click to see the job "
                      "report."_s);
}

void TestNotificationPolicy::failedTasksSelectTheFirstFailedTask()
{
    // Storyboard order: a-1's video waits for its failed image; a-2's image failed too.
    const QList<TaskSnapshot> tasks{
        task(u"a-1"_s, Stage::Image, TaskState::Failed, ErrorClass::InvalidRequest),
        task(u"a-1"_s, Stage::Video, TaskState::Blocked),
        task(u"a-2"_s, Stage::Image, TaskState::Failed, ErrorClass::Timeout),
        task(u"a-2"_s, Stage::Video, TaskState::Blocked),
        task(u"a-3"_s, Stage::Image, TaskState::Done)};
    NotificationPolicy policy;
    const auto n = policy.batchFinished(summaryOf(tasks), tasks, away());
    QVERIFY(n);
    QCOMPARE(n->kind, Kind::TasksFailed);
    QCOMPARE(n->target, Target::Task);
    QCOMPARE(n->taskId, u"a-1/image"_s);
    QVERIFY(n->urgent);
    QCOMPARE(n->title, u"Lighthouse: 4 tasks failed"_s);
    QCOMPARE(n->body, u"a-1 (Image) and 1 more failed: invalid request. 2 tasks wait for it. "
                      "Click to select it; retry it or run it on another provider."_s);

    // One failed task alone, after other tasks were retried and done.
    const QList<TaskSnapshot> one{
        task(u"a-1"_s, Stage::Image, TaskState::Done),
        task(u"a-1"_s, Stage::Video, TaskState::Failed, ErrorClass::ContentPolicy)};
    const auto single = policy.batchFinished(summaryOf(one), one, away());
    QVERIFY(single);
    QCOMPARE(single->taskId, u"a-1/video"_s);
    QVERIFY2(single->body.startsWith(u"a-1 (Video) failed: "_s), qPrintable(single->body));
}

void TestNotificationPolicy::budgetCapBringsTheWindow()
{
    const QList<TaskSnapshot> tasks{task(u"a-1"_s, Stage::Image, TaskState::Done),
                                    task(u"a-1"_s, Stage::Video, TaskState::Queued),
                                    task(u"a-2"_s, Stage::Image, TaskState::Queued)};
    BatchSummary summary = summaryOf(tasks);
    summary.paused = true;
    summary.pauseReason = PauseReason::BudgetCap;
    summary.spent = 1.5;
    summary.budgetCap = 1.5;
    NotificationPolicy policy;
    const auto n = policy.batchFinished(summary, tasks, away());
    QVERIFY(n);
    QCOMPARE(n->kind, Kind::BudgetCap);
    QCOMPARE(n->target, Target::Window); // its banner offers Raise budget and the report
    QCOMPARE(n->title, u"Lighthouse: budget cap reached"_s);
    QCOMPARE(n->body, u"1.50 of 1.50 cost units spent; 2 tasks not started. Raise the budget "
                      "in Retake to continue this run."_s);
    // The pause itself comes first and says nothing: the end of the batch does.
    QVERIFY(!policy.pausedChanged(true, PauseReason::BudgetCap, away()));
}

void TestNotificationPolicy::cancelledOrPausedByTheUserTellsNothing()
{
    const QList<TaskSnapshot> tasks{task(u"a-1"_s, Stage::Image, TaskState::Done),
                                    task(u"a-1"_s, Stage::Video, TaskState::Cancelled)};
    NotificationPolicy policy;
    QVERIFY(!policy.batchFinished(summaryOf(tasks), tasks, away()));
    QVERIFY(!policy.pausedChanged(true, PauseReason::User, away()));
    QVERIFY(!policy.batchFinished(BatchSummary{}, {}, away())); // nothing was open
}

void TestNotificationPolicy::nothingWhileTheUserLooksOrWhenSwitchedOff()
{
    const QList<TaskSnapshot> done{task(u"a-1"_s, Stage::Image, TaskState::Done)};
    const QList<TaskSnapshot> failed{
        task(u"a-1"_s, Stage::Image, TaskState::Failed, ErrorClass::Network)};
    NotificationPolicy::Context looking = away();
    looking.userLooking = true;
    NotificationPolicy::Context off = away();
    off.enabled = false;
    for (const NotificationPolicy::Context &context : {looking, off}) {
        NotificationPolicy policy;
        QVERIFY(!policy.batchFinished(summaryOf(done), done, context));
        QVERIFY(!policy.batchFinished(summaryOf(failed), failed, context));
        QVERIFY(!policy.pausedChanged(true, PauseReason::DiskFull, context));
    }
    NotificationPolicy policy;
    QVERIFY(policy.batchFinished(summaryOf(failed), failed, away()));
}

void TestNotificationPolicy::diskFullTellsOncePerPause()
{
    NotificationPolicy policy;
    const auto n = policy.pausedChanged(true, PauseReason::DiskFull, away());
    QVERIFY(n);
    QCOMPARE(n->kind, Kind::DiskFull);
    QCOMPARE(n->target, Target::Window); // the banner: Open folder, Retry now
    QVERIFY(n->urgent);
    QCOMPARE(n->title, u"Lighthouse: disk full, batch paused"_s);
    QVERIFY(n->body.contains(u"resumes by itself"_s));
    // The engine repeats the pause while it lasts: told once.
    QVERIFY(!policy.pausedChanged(true, PauseReason::DiskFull, away()));
    // Space came back, then ran out again: a new pause, told again.
    QVERIFY(!policy.pausedChanged(false, PauseReason::None, away()));
    QVERIFY(policy.pausedChanged(true, PauseReason::DiskFull, away()));
    // Seen in the window when it began: not told later in the same pause.
    NotificationPolicy seen;
    NotificationPolicy::Context looking = away();
    looking.userLooking = true;
    QVERIFY(!seen.pausedChanged(true, PauseReason::DiskFull, looking));
    QVERIFY(!seen.pausedChanged(true, PauseReason::DiskFull, away()));
}

QTEST_MAIN(TestNotificationPolicy)
#include "tst_gui_notificationpolicy.moc"
