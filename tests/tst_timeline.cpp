// The run's timeline (core/report/timeline.*): attempts become bars on a lane per provider,
// packed into as many rows as ran at once, coloured by outcome; the waits between two
// attempts of a task become the lane's "waiting" steps; report.json's compact form reads
// back (hostile input dropped); the SVG is well-formed, inline in report.html, and stays
// quick at 20,000 attempts.
#include "report/htmlreport.h"
#include "report/timeline.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

const QDateTime kT0 = QDateTime(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC);

Attempt attempt(int number, const QString &provider, qint64 startMs, qint64 endMs,
                ErrorClass error = ErrorClass::None, RungKind rung = RungKind::Primary)
{
    Attempt a;
    a.number = number;
    a.providerId = provider;
    a.startedAt = kT0.addMSecs(startMs);
    a.endedAt = kT0.addMSecs(endMs);
    a.errorClass = error;
    a.rung = rung;
    if (error == ErrorClass::None)
        a.outputPath = u"draft/x.png"_s;
    return a;
}

const TimelineBar *barOf(const Timeline &t, const QString &task, int number)
{
    for (const TimelineBar &b : t.bars()) {
        if (b.taskId == task && b.attempt == number)
            return &b;
    }
    return nullptr;
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void attemptsBecomeBarsInRowsPerProvider();
    void waitsBetweenAttemptsAreCounted();
    void theRunWindowLeavesOthersOut();
    void openBreakersAreShaded();
    void jsonReadsBackAndDropsWhatMakesNoSense();
    void svgIsWellFormedAndInTheHtmlReport();
    void twentyThousandAttempts();
};

void TestTimeline::attemptsBecomeBarsInRowsPerProvider()
{
    // Given three tasks on "a", two of them at the same time, and a fallback on "local",
    QHash<QString, QList<Attempt>> attempts;
    attempts[u"s1/image"_s] = {
        attempt(1, u"a"_s, 1000, 3000, ErrorClass::Timeout),
        attempt(2, u"local"_s, 3500, 4000, ErrorClass::None, RungKind::Fallback)};
    attempts[u"s2/image"_s] = {attempt(1, u"a"_s, 1500, 2500)};
    attempts[u"s3/image"_s] = {
        attempt(1, u"a"_s, 3000, 3200, ErrorClass::RateLimited),
        attempt(2, u"a"_s, 3700, 4200, ErrorClass::None, RungKind::AlternativeProvider),
        attempt(3, u"a"_s, 4300, 4400, ErrorClass::Cancelled)};
    const Timeline t = Timeline::build(attempts);
    // then the origin is the first start, and each attempt is a bar of its kind,
    QCOMPARE(t.origin(), kT0.addMSecs(1000));
    QCOMPARE(t.bars().size(), 6);
    QCOMPARE(t.spanMs(), 3400);
    QCOMPARE(t.lanes().size(), 2);
    const TimelineBar *first = barOf(t, u"s1/image"_s, 1);
    QVERIFY(first);
    QCOMPARE(first->startMs, 0);
    QCOMPARE(first->endMs, 2000);
    QCOMPARE(first->kind, TimelineKind::Failed);
    QCOMPARE(barOf(t, u"s1/image"_s, 2)->kind, TimelineKind::Degraded);
    QCOMPARE(barOf(t, u"s2/image"_s, 1)->kind, TimelineKind::Full);
    QCOMPARE(barOf(t, u"s3/image"_s, 1)->kind, TimelineKind::RateLimited);
    QCOMPARE(barOf(t, u"s3/image"_s, 2)->kind, TimelineKind::OtherProvider);
    QCOMPARE(barOf(t, u"s3/image"_s, 3)->kind, TimelineKind::Cancelled);
    // and "a" ran two at once: two rows; the bar that started while both were busy took the
    // second one, and one that started after both ended took the first again.
    const int laneA = first->lane;
    QCOMPARE(t.lanes().at(laneA).providerId, u"a"_s);
    QCOMPARE(t.lanes().at(laneA).rows, 2);
    QCOMPARE(t.lanes().at(barOf(t, u"s1/image"_s, 2)->lane).rows, 1);
    QCOMPARE(first->row, 0);
    QCOMPARE(barOf(t, u"s2/image"_s, 1)->row, 1);
    QCOMPARE(barOf(t, u"s3/image"_s, 1)->row, 0); // starts as s1's attempt 1 ends
    // Bars come by start time.
    for (int i = 1; i < t.bars().size(); ++i)
        QVERIFY(t.bars().at(i - 1).startMs <= t.bars().at(i).startMs);
}

void TestTimeline::waitsBetweenAttemptsAreCounted()
{
    // Two tasks back off on "a" at overlapping times, a third waits out a rate limit.
    QHash<QString, QList<Attempt>> attempts;
    attempts[u"s1/image"_s] = {attempt(1, u"a"_s, 0, 100, ErrorClass::ProviderError),
                               attempt(2, u"a"_s, 600, 700)};
    attempts[u"s2/image"_s] = {attempt(1, u"a"_s, 0, 200, ErrorClass::Timeout),
                               attempt(2, u"a"_s, 500, 600)};
    attempts[u"s3/image"_s] = {attempt(1, u"a"_s, 0, 50, ErrorClass::RateLimited),
                               attempt(2, u"a"_s, 1050, 1100)};
    const Timeline t = Timeline::build(attempts);
    QCOMPARE(t.waits().size(), 3);
    const QList<QPair<qint64, int>> backoff = t.waitingSteps(0, false);
    const QList<QPair<qint64, int>> expected{{100, 1}, {200, 2}, {500, 1}, {600, 0}};
    QCOMPARE(backoff, expected);
    const QList<QPair<qint64, int>> held = t.waitingSteps(0, true);
    const QList<QPair<qint64, int>> expectedHeld{{50, 1}, {1050, 0}};
    QCOMPARE(held, expectedHeld);
    QCOMPARE(t.lanes().first().peakWaiting, 2);
}

void TestTimeline::theRunWindowLeavesOthersOut()
{
    QHash<QString, QList<Attempt>> attempts;
    attempts[u"s1/image"_s] = {attempt(1, u"a"_s, 0, 100, ErrorClass::Timeout),
                               attempt(2, u"a"_s, 60000, 61000)};
    Attempt open = attempt(3, u"a"_s, 62000, 0);
    open.endedAt = QDateTime(); // never ended: not drawn
    attempts[u"s1/image"_s] << open;
    const Timeline t = Timeline::build(attempts, {}, kT0.addSecs(30), QDateTime());
    QCOMPARE(t.bars().size(), 1);
    QCOMPARE(t.origin(), kT0.addSecs(60));
    QCOMPARE(t.waits().size(), 0); // its wait began before the window
    QVERIFY(Timeline::build({}).isEmpty());
    QCOMPARE(Timeline::tickStepMs(10000, 8), 2000);
    QCOMPARE(Timeline::tickStepMs(3400, 8), 500);
    QCOMPARE(Timeline::tickStepMs(0, 8), 1);
}

void TestTimeline::openBreakersAreShaded()
{
    // Given failures on "a" and the events the engine records when a breaker opens,
    QHash<QString, QList<Attempt>> attempts;
    attempts[u"s1/image"_s] = {attempt(1, u"a"_s, 0, 100, ErrorClass::ProviderUnavailable),
                               attempt(2, u"a"_s, 5000, 5100)};
    const auto opened = [](qint64 atMs, const QString &detail) {
        StoredEvent e;
        e.time = kT0.addMSecs(atMs);
        e.kind = nameOf(EventKind::BreakerOpened);
        e.detail = detail;
        return e;
    };
    const QList<StoredEvent> events{
        opened(100, u"a: 5 failures in a row; avoiding it for 2.5 s"_s),
        opened(4000, u"a: 5 failures in a row; avoiding it for 30 s"_s), // outlasts the run
        opened(200, u"z: 5 failures in a row; avoiding it for 1 s"_s),   // no lane
        opened(300, u"a: nonsense"_s),
        StoredEvent{kT0, {}, u"user-retry"_s, u"a: avoiding it for 1 s"_s}};
    const Timeline t = Timeline::build(attempts, events);
    // then each opening is a period on the provider's lane, cut at the end of the run.
    QCOMPARE(t.outages().size(), 2);
    QCOMPARE(t.outages().at(0).startMs, 100);
    QCOMPARE(t.outages().at(0).endMs, 2600);
    QCOMPARE(t.outages().at(1).startMs, 4000);
    QCOMPARE(t.outages().at(1).endMs, 5100);
    const Timeline back = Timeline::fromJson(t.toJson());
    QCOMPARE(back.outages().size(), 2);
    QCOMPARE(back.outages().at(0).endMs, 2600);
    QVERIFY(t.svg().contains(u"a avoided: its circuit breaker was open for 2.5 s"_s));
    QJsonObject hostile = t.toJson();
    hostile.insert(u"breakerOpen"_s, QJsonArray{QJsonArray{4, 0, 10}, QJsonArray{0, 20, 10}});
    QVERIFY(Timeline::fromJson(hostile).outages().isEmpty());
}

void TestTimeline::jsonReadsBackAndDropsWhatMakesNoSense()
{
    QHash<QString, QList<Attempt>> attempts;
    attempts[u"s1/image"_s] = {
        attempt(1, u"a"_s, 0, 100, ErrorClass::RateLimited),
        attempt(2, u"b"_s, 300, 900, ErrorClass::None, RungKind::AlternativeProvider)};
    const Timeline t = Timeline::build(attempts);
    const Timeline back = Timeline::fromJson(t.toJson());
    QCOMPARE(back.origin(), t.origin());
    QCOMPARE(back.bars().size(), 2);
    QCOMPARE(back.bars().at(1).kind, TimelineKind::OtherProvider);
    QCOMPARE(back.bars().at(1).taskId, u"s1/image"_s);
    QCOMPARE(back.lanes().at(back.bars().at(1).lane).providerId, u"b"_s);
    QCOMPARE(back.waits().size(), 1);
    QVERIFY(back.waits().first().rateLimit);
    QCOMPARE(back.spanMs(), 900);

    QJsonObject hostile = t.toJson();
    QJsonArray bars = hostile.value(u"bars"_s).toArray();
    bars.append(QJsonArray{7, 0, 10, u"full"_s, u"x"_s, 1});     // no such lane
    bars.append(QJsonArray{0, -5, 10, u"full"_s, u"x"_s, 1});    // before the origin
    bars.append(QJsonArray{0, 50, 10, u"full"_s, u"x"_s, 1});    // ends before it starts
    bars.append(QJsonArray{0, 0, 10, u"<script>"_s, u"x"_s, 1}); // unknown kind
    bars.append(u"not a bar"_s);
    hostile.insert(u"bars"_s, bars);
    hostile.insert(u"waits"_s, QJsonArray{QJsonArray{-1, 0, 5, false}, 3});
    const Timeline cleaned = Timeline::fromJson(hostile);
    QCOMPARE(cleaned.bars().size(), 2);
    QCOMPARE(cleaned.waits().size(), 0);
    QVERIFY(Timeline::fromJson(QJsonObject{{u"lanes"_s, 3}}).isEmpty());
}

void TestTimeline::svgIsWellFormedAndInTheHtmlReport()
{
    QHash<QString, QList<Attempt>> attempts;
    attempts[u"s1/image"_s] = {attempt(1, u"a<&>"_s, 0, 100, ErrorClass::Timeout),
                               attempt(2, u"a<&>"_s, 400, 900)};
    attempts[u"s2/image"_s] = {attempt(1, u"a<&>"_s, 50, 700)};
    const Timeline t = Timeline::build(attempts);
    const QString svg = t.svg(800);
    QXmlStreamReader xml(svg);
    int bars = 0;
    QStringList titles;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"rect"_s)
            ++bars;
        if (xml.isStartElement() && xml.name() == u"title"_s)
            titles << xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(bars, 3 + 7); // the attempts and the legend (six outcomes, breaker open)
    QVERIFY2(titles.contains(u"s1/image attempt 1 on a<&>: failed, 0.1 s"_s),
             qPrintable(titles.join(u" | "_s)));
    QVERIFY(titles.contains(u"backoff before a retry"_s));
    static const QRegularExpression selfClosing(u"<[a-z]+\\b[^<>]*/>"_s);
    QVERIFY2(!selfClosing.match(svg).hasMatch(), qPrintable(selfClosing.match(svg).captured()));

    // report.html draws report.json's timeline inline; a report without one has no section.
    const QJsonObject report{{u"format"_s, u"retake-report/1"_s}, {u"timeline"_s, t.toJson()}};
    const QString html = HtmlReport::render(report);
    QVERIFY(html.contains(u"<section id=\"timeline\">"_s));
    QVERIFY(html.contains(u"<svg xmlns=\"http://www.w3.org/2000/svg\""_s));
    QVERIFY(html.contains(u"s2/image attempt 1 on a&lt;&amp;&gt;: full"_s));
    QVERIFY(!HtmlReport::render(QJsonObject{{u"format"_s, u"retake-report/1"_s}})
                 .contains(u"id=\"timeline\""_s));
}

void TestTimeline::twentyThousandAttempts()
{
    // 10,000 tasks with two attempts each over 16 slots on two providers: built and drawn
    // in one go (the figure is printed, not asserted).
    QHash<QString, QList<Attempt>> attempts;
    for (int n = 0; n < 10000; ++n) {
        const qint64 start = qint64(n / 16) * 40;
        attempts[u"s%1/image"_s.arg(n)] = {
            attempt(1, u"a"_s, start, start + 30, ErrorClass::Timeout),
            attempt(2, n % 2 ? u"a"_s : u"b"_s, start + 200, start + 230)};
    }
    QElapsedTimer timer;
    timer.start();
    const Timeline t = Timeline::build(attempts);
    const qint64 built = timer.restart();
    const QString svg = t.svg(1100);
    qInfo("20,000 attempts: built in %lld ms, SVG of %lld KB in %lld ms", built,
          qint64(svg.size()) / 1024, timer.elapsed());
    QCOMPARE(t.bars().size(), 20000);
    QVERIFY(t.lanes().at(0).rows <= 32);
}

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
