#include "timelineview.h"

#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

constexpr int kLabelPx = 110; // lane names, left of the plot
constexpr int kAxisPx = 20;
constexpr int kRowPx = 6;
constexpr int kWaitBandPx = 16;
constexpr int kLaneGapPx = 8;
constexpr int kMinLanePx = 30;

QString secondsText(qint64 ms)
{
    return ms >= 60000 && ms % 60000 == 0 ? QObject::tr("%1 min").arg(ms / 60000)
                                          : QObject::tr("%1 s").arg(ms / 1000.0, 0, 'g', 4);
}

} // namespace

TimelineView::TimelineView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(u"timelineView"_s);
    setAccessibleName(tr("Timeline of the run's attempts"));
    setToolTip(QString());
    viewport()->setMouseTracking(true);
    m_rebuild.setSingleShot(true);
    m_rebuild.setInterval(500);
    connect(&m_rebuild, &QTimer::timeout, this, &TimelineView::startBuild);
    connect(&m_build, &QFutureWatcher<Timeline>::finished, this, &TimelineView::onBuilt);
}

void TimelineView::setAttempts(const QHash<QString, QList<Attempt>> &attempts)
{
    m_attempts = attempts;
    m_fitted = false;
    ++m_generation; // a build of other attempts still on the pool is not taken
    startBuild();
}

void TimelineView::addAttempt(const QString &taskId, const Attempt &attempt)
{
    QList<Attempt> &list = m_attempts[taskId];
    const auto same = std::find_if(list.begin(), list.end(),
                                   [&](const Attempt &a) { return a.number == attempt.number; });
    if (same != list.end())
        *same = attempt;
    else
        list.append(attempt);
    if (!m_rebuild.isActive())
        m_rebuild.start();
}

void TimelineView::noteProviders(const QList<ProviderStatus> &providers)
{
    for (const ProviderStatus &p : providers) {
        const bool open = p.breaker == ProviderStatus::Breaker::Open;
        if (open && !m_breakerOpen.value(p.id)) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            StoredEvent opened;
            opened.time = now;
            opened.kind = nameOf(EventKind::BreakerOpened);
            opened.detail = u"%1: avoiding it for %2 s"_s.arg(p.id).arg(
                std::max<qint64>(0, now.msecsTo(p.breakerOpenUntil)) / 1000.0);
            m_breakerEvents << opened;
            if (!m_rebuild.isActive())
                m_rebuild.start();
        }
        m_breakerOpen.insert(p.id, open);
    }
}

void TimelineView::clear()
{
    m_attempts.clear();
    m_breakerEvents.clear();
    m_breakerOpen.clear();
    m_fitted = false;
    rebuildNow();
}

void TimelineView::rebuildNow()
{
    m_rebuild.stop();
    m_buildAgain = false;
    ++m_generation;
    adopt(Timeline::build(m_attempts, m_breakerEvents));
}

void TimelineView::startBuild()
{
    m_rebuild.stop();
    if (m_build.isRunning()) {
        m_buildAgain = true;
        return;
    }
    m_buildAgain = false;
    m_building = ++m_generation;
    // Shallow copies (implicitly shared): the next attempt that comes in detaches the GUI
    // thread's own, the pool reads these.
    m_build.setFuture(QtConcurrent::run([attempts = m_attempts, events = m_breakerEvents] {
        return Timeline::build(attempts, events);
    }));
}

void TimelineView::onBuilt()
{
    if (m_building == m_generation)
        adopt(m_build.result());
    if (m_buildAgain)
        startBuild();
}

void TimelineView::adopt(Timeline timeline)
{
    // Follow the run while the view shows all of it; keep the user's zoom otherwise.
    const bool following = !m_fitted || horizontalScrollBar()->maximum() == 0;
    m_timeline = std::move(timeline);
    if (following)
        fitToWidth();
    updateScrollBars();
    viewport()->update();
    Q_EMIT timelineChanged();
}

void TimelineView::fitToWidth()
{
    const int plot = std::max(50, viewport()->width() - kLabelPx - 8);
    m_pxPerSecond = plot / std::max(0.001, m_timeline.spanMs() / 1000.0);
    m_fitted = !m_timeline.isEmpty();
    updateScrollBars();
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void TimelineView::setScale(double pxPerSecond, int anchorX)
{
    const double anchorMs = (anchorX - kLabelPx + horizontalScrollBar()->value()) * 1000.0 /
                            std::max(1e-6, m_pxPerSecond);
    m_pxPerSecond = std::clamp(pxPerSecond, 0.001, 20000.0);
    m_fitted = true;
    updateScrollBars();
    horizontalScrollBar()->setValue(int(anchorMs * m_pxPerSecond / 1000.0) - (anchorX - kLabelPx));
    viewport()->update();
}

int TimelineView::laneHeight(int lane) const
{
    return std::max(kMinLanePx, std::max(1, m_timeline.lanes().at(lane).rows) * kRowPx) +
           kWaitBandPx + kLaneGapPx;
}

int TimelineView::laneTop(int lane) const
{
    int top = kAxisPx;
    for (int l = 0; l < lane; ++l)
        top += laneHeight(l);
    return top;
}

int TimelineView::contentHeight() const
{
    return laneTop(int(m_timeline.lanes().size()));
}

double TimelineView::xOf(qint64 ms) const
{
    return kLabelPx + ms * m_pxPerSecond / 1000.0 - horizontalScrollBar()->value();
}

void TimelineView::updateScrollBars()
{
    const int plot = std::max(0, viewport()->width() - kLabelPx - 8);
    const int width = int(m_timeline.spanMs() * m_pxPerSecond / 1000.0);
    horizontalScrollBar()->setRange(0, std::max(0, width - plot));
    horizontalScrollBar()->setPageStep(plot);
    verticalScrollBar()->setRange(0, std::max(0, contentHeight() - viewport()->height()));
    verticalScrollBar()->setPageStep(viewport()->height());
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (!m_fitted || horizontalScrollBar()->maximum() == 0)
        fitToWidth();
    updateScrollBars();
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().base());
    m_lastPainted = 0;
    if (m_timeline.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect(), Qt::AlignCenter,
                   tr("No attempts yet: the timeline fills in as the run goes."));
        return;
    }
    const int dy = verticalScrollBar()->value();
    const int width = viewport()->width();
    const qint64 visibleFrom = qint64(horizontalScrollBar()->value() * 1000.0 / m_pxPerSecond);
    const qint64 visibleTo = visibleFrom + qint64((width - kLabelPx) * 1000.0 / m_pxPerSecond) + 1;
    // The axis.
    const qint64 step = Timeline::tickStepMs(std::max<qint64>(1, visibleTo - visibleFrom),
                                             std::max(2, width / 110));
    p.setPen(palette().color(QPalette::Mid));
    for (qint64 ms = (visibleFrom / step) * step; ms <= visibleTo; ms += step) {
        const int x = int(xOf(ms));
        if (x < kLabelPx)
            continue;
        p.drawLine(x, kAxisPx - 4, x, viewport()->height());
        p.drawText(x + 3, 14, secondsText(ms));
    }
    // Periods a provider was avoided (breaker open), behind its bars.
    QColor shade(u"#c62828"_s);
    shade.setAlphaF(0.15);
    for (const TimelineOutage &o : m_timeline.outages()) {
        if (o.endMs < visibleFrom || o.startMs > visibleTo)
            continue;
        const double x0 = std::max<double>(kLabelPx, xOf(o.startMs));
        p.fillRect(QRectF(x0, laneTop(o.lane) - dy, std::max(1.0, xOf(o.endMs) - x0),
                          laneHeight(o.lane) - kWaitBandPx - kLaneGapPx),
                   shade);
    }
    // Waiting tasks under each lane.
    for (int l = 0; l < m_timeline.lanes().size(); ++l) {
        const TimelineLane &lane = m_timeline.lanes().at(l);
        const int bottom = laneTop(l) - dy + laneHeight(l) - kLaneGapPx;
        const double scale = double(kWaitBandPx - 3) / std::max(1, lane.peakWaiting);
        for (const bool rateLimit : {false, true}) {
            QColor colour(rateLimit ? colourOf(TimelineKind::RateLimited) : u"#ef6c00"_s);
            colour.setAlphaF(0.45);
            const QList<QPair<qint64, int>> steps = m_timeline.waitingSteps(l, rateLimit);
            for (int s = 0; s + 1 < steps.size(); ++s) {
                if (steps.at(s).second == 0 || steps.at(s + 1).first < visibleFrom ||
                    steps.at(s).first > visibleTo)
                    continue;
                const double x0 = std::max<double>(kLabelPx, xOf(steps.at(s).first));
                const double x1 = xOf(steps.at(s + 1).first);
                const double h = steps.at(s).second * scale;
                p.fillRect(QRectF(x0, bottom - h, std::max(1.0, x1 - x0), h), colour);
            }
        }
    }
    // The bars: by start time, so the visible ones are a prefix from the left edge on.
    const QList<TimelineBar> &bars = m_timeline.bars();
    const auto end =
        std::upper_bound(bars.cbegin(), bars.cend(), visibleTo,
                         [](qint64 ms, const TimelineBar &b) { return ms < b.startMs; });
    for (auto it = bars.cbegin(); it != end; ++it) {
        if (it->endMs < visibleFrom)
            continue;
        const double x0 = std::max<double>(kLabelPx, xOf(it->startMs));
        const double x1 = xOf(it->endMs);
        const int y = laneTop(it->lane) - dy + it->row * kRowPx;
        p.fillRect(QRectF(x0, y, std::max(1.0, x1 - x0), kRowPx - 1), QColor(colourOf(it->kind)));
        ++m_lastPainted;
    }
    // Lane names over a plain background, on top of anything scrolled under them.
    p.fillRect(QRect(0, 0, kLabelPx - 4, viewport()->height()), palette().window());
    p.setPen(palette().color(QPalette::WindowText));
    for (int l = 0; l < m_timeline.lanes().size(); ++l) {
        const TimelineLane &lane = m_timeline.lanes().at(l);
        const int top = laneTop(l) - dy;
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QRect(4, top, kLabelPx - 8, 14), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(lane.providerId, Qt::ElideRight, kLabelPx - 8));
        p.setFont(font());
        p.drawText(QRect(4, top + 14, kLabelPx - 8, 14), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("up to %1 at once").arg(lane.rows));
    }
}

const TimelineBar *TimelineView::barAt(const QPoint &pos) const
{
    if (pos.x() < kLabelPx || m_timeline.isEmpty())
        return nullptr;
    const qint64 ms =
        qint64((pos.x() - kLabelPx + horizontalScrollBar()->value()) * 1000.0 / m_pxPerSecond);
    const qint64 slack = qint64(2 * 1000.0 / m_pxPerSecond); // bars drawn 1 px wide at least
    const int y = pos.y() + verticalScrollBar()->value();
    for (int l = 0; l < m_timeline.lanes().size(); ++l) {
        const int row = (y - laneTop(l)) / kRowPx;
        if (y < laneTop(l) || row >= m_timeline.lanes().at(l).rows)
            continue;
        for (const TimelineBar &bar : m_timeline.bars()) {
            if (bar.lane == l && bar.row == row && bar.startMs <= ms + slack &&
                bar.endMs >= ms - slack)
                return &bar;
        }
    }
    return nullptr;
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (const TimelineBar *bar = barAt(help->pos())) {
            QToolTip::showText(help->globalPos(),
                               tr("%1, attempt %2 on %3: %4 (%5)")
                                   .arg(bar->taskId)
                                   .arg(bar->attempt)
                                   .arg(m_timeline.lanes().at(bar->lane).providerId,
                                        nameOf(bar->kind).replace(u'_', u' '),
                                        secondsText(bar->endMs - bar->startMs)),
                               viewport());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const double factor = event->angleDelta().y() > 0 ? 1.25 : 0.8;
    setScale(m_pxPerSecond * factor, int(event->position().x()));
    event->accept();
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (const TimelineBar *bar = barAt(event->position().toPoint())) {
        Q_EMIT taskActivated(bar->taskId);
        return;
    }
    fitToWidth();
}

} // namespace retake::ui
