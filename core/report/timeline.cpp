#include "timeline.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QXmlStreamWriter>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr int kLeftPx = 120;    // lane labels
constexpr int kTopPx = 28;      // time axis
constexpr int kWaitBandPx = 22; // tasks waiting, below each lane's rows
constexpr int kLaneGapPx = 12;
constexpr int kLegendPx = 26;
constexpr int kLabelsPx = 28; // provider and "up to N at once"
const QString kBackoffColour = QStringLiteral("#ef6c00");
const QString kBreakerColour = QStringLiteral("#c62828"); // shaded

TimelineKind kindOf(const Attempt &a)
{
    switch (a.errorClass) {
    case ErrorClass::None:
        if (a.rung == RungKind::Primary)
            return TimelineKind::Full;
        return a.rung == RungKind::AlternativeProvider ? TimelineKind::OtherProvider
                                                       : TimelineKind::Degraded;
    case ErrorClass::RateLimited:
        return TimelineKind::RateLimited;
    case ErrorClass::Cancelled:
    case ErrorClass::DiskFull: // a pause for space, not the provider's failure
        return TimelineKind::Cancelled;
    default:
        return TimelineKind::Failed;
    }
}

int rowHeightFor(int rows)
{
    return std::clamp(160 / std::max(1, rows), 3, 12);
}

// A lane's rows, tall enough for its two lines of labels.
int rowsHeightFor(int rows)
{
    return std::max(kLabelsPx, std::max(1, rows) * rowHeightFor(rows));
}

QString seconds(qint64 ms)
{
    if (ms % 60000 == 0 && ms >= 60000)
        return u"%1 min"_s.arg(ms / 60000);
    return ms % 1000 == 0 ? u"%1 s"_s.arg(ms / 1000) : u"%1 s"_s.arg(ms / 1000.0, 0, 'g', 4);
}

} // namespace

QString nameOf(TimelineKind kind)
{
    switch (kind) {
    case TimelineKind::Full:
        return u"full"_s;
    case TimelineKind::OtherProvider:
        return u"full_other_provider"_s;
    case TimelineKind::Degraded:
        return u"degraded"_s;
    case TimelineKind::Failed:
        return u"failed"_s;
    case TimelineKind::RateLimited:
        return u"rate_limited"_s;
    case TimelineKind::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QString colourOf(TimelineKind kind)
{
    switch (kind) {
    case TimelineKind::Full:
        return u"#2e7d32"_s;
    case TimelineKind::OtherProvider:
        return u"#00838f"_s;
    case TimelineKind::Degraded:
        return u"#f9a825"_s;
    case TimelineKind::Failed:
        return u"#c62828"_s;
    case TimelineKind::RateLimited:
        return u"#7b1fa2"_s;
    case TimelineKind::Cancelled:
        return u"#9e9e9e"_s;
    }
    return u"#000000"_s;
}

Timeline Timeline::build(const QHash<QString, QList<Attempt>> &attempts,
                         const QList<StoredEvent> &events, const QDateTime &from,
                         const QDateTime &to)
{
    Timeline t;
    const auto inWindow = [&](const Attempt &a) {
        return a.startedAt.isValid() && a.endedAt.isValid() &&
               (!from.isValid() || a.endedAt >= from) && (!to.isValid() || a.startedAt <= to);
    };
    for (const QList<Attempt> &list : attempts) {
        for (const Attempt &a : list) {
            if (inWindow(a) && (!t.m_origin.isValid() || a.startedAt < t.m_origin))
                t.m_origin = a.startedAt;
        }
    }
    if (!t.m_origin.isValid())
        return t;
    QHash<QString, int> laneOf;
    const auto lane = [&](const QString &providerId) {
        auto it = laneOf.constFind(providerId);
        if (it == laneOf.cend()) {
            it = laneOf.insert(providerId, int(t.m_lanes.size()));
            t.m_lanes.append(TimelineLane{providerId, 0, 0});
        }
        return it.value();
    };
    for (auto it = attempts.cbegin(); it != attempts.cend(); ++it) {
        QList<Attempt> list = it.value();
        std::sort(list.begin(), list.end(),
                  [](const Attempt &a, const Attempt &b) { return a.number < b.number; });
        const Attempt *previous = nullptr;
        for (const Attempt &a : list) {
            if (!inWindow(a))
                continue;
            TimelineBar bar;
            bar.lane = lane(a.providerId);
            bar.startMs = t.m_origin.msecsTo(a.startedAt);
            bar.endMs = std::max(bar.startMs, t.m_origin.msecsTo(a.endedAt));
            bar.kind = kindOf(a);
            bar.taskId = it.key();
            bar.attempt = a.number;
            t.m_bars.append(bar);
            if (previous) {
                const qint64 waitStart = t.m_origin.msecsTo(previous->endedAt);
                if (bar.startMs > waitStart) {
                    t.m_waits.append(TimelineWait{bar.lane, waitStart, bar.startMs,
                                                  previous->errorClass == ErrorClass::RateLimited});
                }
            }
            previous = &a;
        }
    }
    // "<provider>: N failures in a row; avoiding it for S s" (EventKind::BreakerOpened).
    static const QRegularExpression cooldown(u"avoiding it for ([0-9]+(?:\\.[0-9]+)?) s"_s);
    for (const StoredEvent &e : events) {
        if (e.kind != nameOf(EventKind::BreakerOpened) || !e.time.isValid() ||
            (from.isValid() && e.time < from) || (to.isValid() && e.time > to))
            continue;
        const auto found = laneOf.constFind(e.detail.section(u": "_s, 0, 0));
        const QRegularExpressionMatch match = cooldown.match(e.detail);
        if (found == laneOf.cend() || !match.hasMatch())
            continue; // a provider that made no attempt in the window has no lane
        const qint64 start = std::max<qint64>(0, t.m_origin.msecsTo(e.time));
        t.m_outages.append(TimelineOutage{found.value(), start,
                                          start + qint64(match.captured(1).toDouble() * 1000.0)});
    }
    t.pack();
    return t;
}

void Timeline::pack()
{
    std::stable_sort(m_bars.begin(), m_bars.end(), [](const TimelineBar &a, const TimelineBar &b) {
        return a.startMs != b.startMs ? a.startMs < b.startMs : a.endMs < b.endMs;
    });
    // Each bar takes the first row of its lane that is free at its start: as many rows as
    // the provider ran attempts side by side.
    QList<QList<qint64>> rowEnds(m_lanes.size());
    m_spanMs = 0;
    for (TimelineBar &bar : m_bars) {
        QList<qint64> &ends = rowEnds[bar.lane];
        int row = 0;
        while (row < ends.size() && ends.at(row) > bar.startMs)
            ++row;
        if (row == ends.size())
            ends.append(bar.endMs);
        else
            ends[row] = bar.endMs;
        bar.row = row;
        m_spanMs = std::max(m_spanMs, bar.endMs);
    }
    // The waiting steps of each lane, counted once here: every paint of the window's view
    // draws them.
    m_steps.fill({}, m_lanes.size() * 2);
    for (int l = 0; l < m_lanes.size(); ++l) {
        m_lanes[l].rows = int(rowEnds.at(l).size());
        int peak = 0;
        for (const bool rateLimit : {false, true}) {
            m_steps[l * 2 + (rateLimit ? 1 : 0)] = countWaiting(l, rateLimit);
            for (const auto &step : waitingSteps(l, rateLimit))
                peak = std::max(peak, step.second);
        }
        m_lanes[l].peakWaiting = peak;
    }
    for (const TimelineWait &w : std::as_const(m_waits))
        m_spanMs = std::max(m_spanMs, w.endMs);
    // A cool-down that outlasts the run is drawn to the run's end.
    for (TimelineOutage &o : m_outages)
        o.endMs = std::clamp(o.endMs, o.startMs, std::max(o.startMs, m_spanMs));
}

const QList<QPair<qint64, int>> &Timeline::waitingSteps(int lane, bool rateLimit) const
{
    static const QList<QPair<qint64, int>> none;
    const qsizetype index = qsizetype(lane) * 2 + (rateLimit ? 1 : 0);
    return lane >= 0 && index < m_steps.size() ? m_steps.at(index) : none;
}

QList<QPair<qint64, int>> Timeline::countWaiting(int lane, bool rateLimit) const
{
    std::map<qint64, int> changes;
    for (const TimelineWait &w : m_waits) {
        if (w.lane != lane || w.rateLimit != rateLimit)
            continue;
        changes[w.startMs] += 1;
        changes[w.endMs] -= 1;
    }
    QList<QPair<qint64, int>> steps;
    int count = 0;
    for (const auto &[ms, delta] : changes) {
        count += delta;
        steps.append({ms, count});
    }
    return steps;
}

qint64 Timeline::tickStepMs(qint64 spanMs, int ticks)
{
    const qint64 rough = std::max<qint64>(1, spanMs / std::max(1, ticks));
    qint64 step = 1;
    while (true) {
        for (const qint64 factor : {1, 2, 5}) {
            if (step * factor >= rough)
                return step * factor;
        }
        step *= 10;
    }
}

QJsonObject Timeline::toJson() const
{
    QJsonArray lanes;
    for (const TimelineLane &l : m_lanes)
        lanes.append(l.providerId);
    QJsonArray bars;
    for (const TimelineBar &b : m_bars) {
        bars.append(QJsonArray{b.lane, double(b.startMs), double(b.endMs), nameOf(b.kind), b.taskId,
                               b.attempt});
    }
    QJsonArray waits;
    for (const TimelineWait &w : m_waits)
        waits.append(QJsonArray{w.lane, double(w.startMs), double(w.endMs), w.rateLimit});
    QJsonArray outages;
    for (const TimelineOutage &o : m_outages)
        outages.append(QJsonArray{o.lane, double(o.startMs), double(o.endMs)});
    return QJsonObject{{u"origin"_s, m_origin.toUTC().toString(Qt::ISODateWithMs)},
                       {u"lanes"_s, lanes},
                       {u"bars"_s, bars},
                       {u"waits"_s, waits},
                       {u"breakerOpen"_s, outages}};
}

Timeline Timeline::fromJson(const QJsonObject &json)
{
    Timeline t;
    t.m_origin = QDateTime::fromString(json.value(u"origin"_s).toString(), Qt::ISODateWithMs);
    const QJsonArray lanes = json.value(u"lanes"_s).toArray();
    for (const auto &l : lanes)
        t.m_lanes.append(TimelineLane{l.toString(), 0, 0});
    const int laneCount = int(t.m_lanes.size());
    static const QList<TimelineKind> kinds{TimelineKind::Full,        TimelineKind::OtherProvider,
                                           TimelineKind::Degraded,    TimelineKind::Failed,
                                           TimelineKind::RateLimited, TimelineKind::Cancelled};
    for (const auto &value : json.value(u"bars"_s).toArray()) {
        const QJsonArray b = value.toArray();
        TimelineBar bar;
        bar.lane = b.at(0).toInt(-1);
        bar.startMs = qint64(b.at(1).toDouble(-1));
        bar.endMs = qint64(b.at(2).toDouble(-1));
        const QString kind = b.at(3).toString();
        const auto found = std::find_if(kinds.cbegin(), kinds.cend(),
                                        [&](TimelineKind k) { return nameOf(k) == kind; });
        bar.taskId = b.at(4).toString();
        bar.attempt = b.at(5).toInt();
        if (bar.lane < 0 || bar.lane >= laneCount || bar.startMs < 0 || bar.endMs < bar.startMs ||
            found == kinds.cend())
            continue;
        bar.kind = *found;
        t.m_bars.append(bar);
    }
    for (const auto &value : json.value(u"waits"_s).toArray()) {
        const QJsonArray w = value.toArray();
        const TimelineWait wait{w.at(0).toInt(-1), qint64(w.at(1).toDouble(-1)),
                                qint64(w.at(2).toDouble(-1)), w.at(3).toBool()};
        if (wait.lane >= 0 && wait.lane < laneCount && wait.startMs >= 0 &&
            wait.endMs >= wait.startMs)
            t.m_waits.append(wait);
    }
    for (const auto &value : json.value(u"breakerOpen"_s).toArray()) {
        const QJsonArray o = value.toArray();
        const TimelineOutage outage{o.at(0).toInt(-1), qint64(o.at(1).toDouble(-1)),
                                    qint64(o.at(2).toDouble(-1))};
        if (outage.lane >= 0 && outage.lane < laneCount && outage.startMs >= 0 &&
            outage.endMs >= outage.startMs)
            t.m_outages.append(outage);
    }
    t.pack();
    return t;
}

QString Timeline::svg(int widthPx) const
{
    QString out;
    QXmlStreamWriter w(&out);
    writeSvg(w, widthPx);
    return out;
}

void Timeline::writeSvg(QXmlStreamWriter &w, int widthPx) const
{
    const int plotPx = std::max(100, widthPx - kLeftPx - 12);
    const double span = double(std::max<qint64>(1, m_spanMs));
    const auto x = [&](qint64 ms) { return kLeftPx + double(ms) * plotPx / span; };
    const auto num = [](double v) { return QString::number(v, 'f', 1); };
    QList<int> laneTop;
    int height = kTopPx;
    for (const TimelineLane &l : m_lanes) {
        laneTop << height;
        height += rowsHeightFor(l.rows) + kWaitBandPx + kLaneGapPx;
    }
    height += kLegendPx;
    const auto element = [&w](const QString &tag,
                              std::initializer_list<std::pair<QString, QString>> attributes,
                              const QString &text = {}, const QString &title = {}) {
        w.writeStartElement(tag);
        for (const auto &[name, value] : attributes)
            w.writeAttribute(name, value);
        // Never "<line/>": the HTML report has no self-closing elements (see htmlreport.cpp).
        w.writeCharacters(text);
        if (!title.isEmpty())
            w.writeTextElement(u"title"_s, title);
        w.writeEndElement();
    };
    w.writeStartElement(u"svg"_s);
    w.writeDefaultNamespace(u"http://www.w3.org/2000/svg"_s);
    w.writeAttribute(u"width"_s, QString::number(widthPx));
    w.writeAttribute(u"height"_s, QString::number(height));
    w.writeAttribute(u"viewBox"_s, u"0 0 %1 %2"_s.arg(widthPx).arg(height));
    w.writeAttribute(u"font-family"_s, u"sans-serif"_s);
    w.writeAttribute(u"font-size"_s, u"11"_s);
    w.writeAttribute(u"role"_s, u"img"_s);
    w.writeAttribute(u"aria-label"_s, u"Timeline of the run's attempts per provider"_s);
    // The axis.
    const qint64 step = tickStepMs(m_spanMs, 8);
    for (qint64 ms = 0; ms <= m_spanMs; ms += step) {
        element(u"line"_s, {{u"x1"_s, num(x(ms))},
                            {u"y1"_s, QString::number(kTopPx - 6)},
                            {u"x2"_s, num(x(ms))},
                            {u"y2"_s, QString::number(height - kLegendPx)},
                            {u"stroke"_s, u"#e0e0e0"_s}});
        element(u"text"_s,
                {{u"x"_s, num(x(ms))},
                 {u"y"_s, u"14"_s},
                 {u"text-anchor"_s, u"middle"_s},
                 {u"fill"_s, u"#555"_s}},
                seconds(ms));
    }
    for (int l = 0; l < m_lanes.size(); ++l) {
        const TimelineLane &lane = m_lanes.at(l);
        const int rowsPx = rowsHeightFor(lane.rows);
        element(u"text"_s,
                {{u"x"_s, u"4"_s},
                 {u"y"_s, QString::number(laneTop.at(l) + 11)},
                 {u"font-weight"_s, u"bold"_s}},
                lane.providerId);
        element(u"text"_s,
                {{u"x"_s, u"4"_s},
                 {u"y"_s, QString::number(laneTop.at(l) + 24)},
                 {u"fill"_s, u"#555"_s}},
                u"up to %1 at once"_s.arg(lane.rows));
        // Tasks waiting to be sent again: backoffs and rate-limit waits, as steps.
        const int bandBottom = laneTop.at(l) + rowsPx + kWaitBandPx - 2;
        element(u"text"_s,
                {{u"x"_s, u"4"_s}, {u"y"_s, QString::number(bandBottom)}, {u"fill"_s, u"#555"_s}},
                u"waiting (≤ %1)"_s.arg(lane.peakWaiting));
        for (const bool rateLimit : {false, true}) {
            const QList<QPair<qint64, int>> steps = waitingSteps(l, rateLimit);
            if (steps.isEmpty())
                continue;
            const double scale = double(kWaitBandPx - 6) / std::max(1, lane.peakWaiting);
            QString points = num(x(steps.first().first)) + u',' + QString::number(bandBottom);
            int count = 0;
            for (const auto &[ms, now] : steps) {
                points += u" %1,%2 %1,%3"_s.arg(num(x(ms)), num(bandBottom - count * scale),
                                                num(bandBottom - now * scale));
                count = now;
            }
            points += u" %1,%2"_s.arg(num(x(steps.last().first))).arg(bandBottom);
            element(u"polygon"_s,
                    {{u"fill"_s, rateLimit ? colourOf(TimelineKind::RateLimited) : kBackoffColour},
                     {u"fill-opacity"_s, u"0.45"_s},
                     {u"points"_s, points}},
                    {}, rateLimit ? u"waiting out a rate limit"_s : u"backoff before a retry"_s);
        }
    }
    for (const TimelineOutage &o : m_outages) {
        element(u"rect"_s,
                {{u"x"_s, num(x(o.startMs))},
                 {u"y"_s, QString::number(laneTop.at(o.lane))},
                 {u"width"_s, num(std::max(1.0, x(o.endMs) - x(o.startMs)))},
                 {u"height"_s, QString::number(rowsHeightFor(m_lanes.at(o.lane).rows))},
                 {u"fill"_s, kBreakerColour},
                 {u"fill-opacity"_s, u"0.15"_s}},
                {},
                u"%1 avoided: its circuit breaker was open for %2"_s.arg(
                    m_lanes.at(o.lane).providerId, seconds(o.endMs - o.startMs)));
    }
    for (const TimelineBar &bar : m_bars) {
        const TimelineLane &lane = m_lanes.at(bar.lane);
        const int rowPx = rowHeightFor(lane.rows);
        const double left = x(bar.startMs);
        element(u"rect"_s,
                {{u"x"_s, num(left)},
                 {u"y"_s, QString::number(laneTop.at(bar.lane) + bar.row * rowPx)},
                 {u"width"_s, num(std::max(1.0, x(bar.endMs) - left))},
                 {u"height"_s, QString::number(std::max(1, rowPx - (rowPx > 4 ? 1 : 0)))},
                 {u"fill"_s, colourOf(bar.kind)}},
                {},
                u"%1 attempt %2 on %3: %4, %5"_s.arg(bar.taskId)
                    .arg(bar.attempt)
                    .arg(lane.providerId, nameOf(bar.kind), seconds(bar.endMs - bar.startMs)));
    }
    // The legend.
    int legendX = 4;
    const int legendY = height - 10;
    for (const TimelineKind kind :
         {TimelineKind::Full, TimelineKind::OtherProvider, TimelineKind::Degraded,
          TimelineKind::Failed, TimelineKind::RateLimited, TimelineKind::Cancelled}) {
        const QString name = nameOf(kind).replace(u'_', u' ');
        element(u"rect"_s, {{u"x"_s, QString::number(legendX)},
                            {u"y"_s, QString::number(legendY - 9)},
                            {u"width"_s, u"10"_s},
                            {u"height"_s, u"10"_s},
                            {u"fill"_s, colourOf(kind)}});
        element(u"text"_s,
                {{u"x"_s, QString::number(legendX + 14)}, {u"y"_s, QString::number(legendY)}},
                name);
        legendX += 22 + int(name.size()) * 6;
    }
    element(u"line"_s, {{u"x1"_s, QString::number(legendX)},
                        {u"y1"_s, QString::number(legendY - 4)},
                        {u"x2"_s, QString::number(legendX + 12)},
                        {u"y2"_s, QString::number(legendY - 4)},
                        {u"stroke"_s, kBackoffColour}});
    element(u"text"_s,
            {{u"x"_s, QString::number(legendX + 16)}, {u"y"_s, QString::number(legendY)}},
            u"tasks waiting: backoff (orange), rate limit (purple)"_s);
    legendX += 300;
    element(u"rect"_s, {{u"x"_s, QString::number(legendX)},
                        {u"y"_s, QString::number(legendY - 9)},
                        {u"width"_s, u"10"_s},
                        {u"height"_s, u"10"_s},
                        {u"fill"_s, kBreakerColour},
                        {u"fill-opacity"_s, u"0.15"_s}});
    element(u"text"_s,
            {{u"x"_s, QString::number(legendX + 14)}, {u"y"_s, QString::number(legendY)}},
            u"breaker open"_s);
    w.writeEndElement();
}

} // namespace retake
