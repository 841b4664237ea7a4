// GUI figures (printed, never asserted):
//   1. open-to-first-paint of a 10,000-shot storyboard (100 scenes x 100 shots): from
//      MainWindow::openFile() to the first paint of the status grid with tiles in it,
//      through the real path (loader on the pool, engine opened on its thread);
//   2. GUI event-loop lag while 1,000 task updates per second arrive (10 coalesced
//      batches of 100 per second, posted from another thread like the engine's relay),
//      measured by a 10 ms heartbeat timer: p50 / p99 / max of its lateness;
//   3. peak RSS of the process (VmHWM).
// Run offscreen: QT_QPA_PLATFORM=offscreen bench_gui   (make bench does).
#include "enginecontroller.h"
#include "mainwindow.h"
#include "shotgridview.h"
#include "shotlistmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace retake;
using namespace retake::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kScenes = 100;
constexpr int kShotsPerScene = 100;
constexpr int kUpdatesPerBatch = 100;
constexpr int kBatchIntervalMs = 100; // 1,000 updates per second
constexpr int kLagSeconds = 10;
constexpr int kHeartbeatMs = 10;

QString writeStoryboard(const QTemporaryDir &dir)
{
    QJsonArray scenes;
    for (int s = 1; s <= kScenes; ++s) {
        QJsonArray shots;
        for (int h = 1; h <= kShotsPerScene; ++h) {
            shots.append(QJsonObject{
                {u"id"_s,
                 u"s%1-sh%2"_s.arg(s, 3, 10, QLatin1Char('0')).arg(h, 3, 10, QLatin1Char('0'))},
                {u"title"_s, u"Shot %1 of scene %2"_s.arg(h).arg(s)},
                {u"prompt"_s, u"A lighthouse at dusk, storm clouds, shot %1"_s.arg(h)}});
        }
        scenes.append(QJsonObject{{u"id"_s, u"s%1"_s.arg(s, 3, 10, QLatin1Char('0'))},
                                  {u"title"_s, u"Scene %1"_s.arg(s)},
                                  {u"shots"_s, shots}});
    }
    const QJsonObject root{{u"format"_s, u"retake-project/1"_s},
                           {u"title"_s, u"Ten thousand shots"_s},
                           {u"scenes"_s, scenes}};
    const QString path = dir.filePath(u"big.retake.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
    return path;
}

qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Waits for the first paint of the grid's viewport that shows tiles.
class FirstPaint final : public QObject
{
public:
    explicit FirstPaint(MainWindow *window) : m_window(window) {}
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_elapsed < 0 &&
            m_window->gridView()->model()->rowCount() > 0 && m_clock.isValid())
            m_elapsed = m_clock.nsecsElapsed();
        return QObject::eventFilter(watched, event);
    }
    QElapsedTimer m_clock;
    qint64 m_elapsed = -1;

private:
    MainWindow *m_window;
};

// Times the grid viewport's paint events (the tiles actually drawn).
class PaintTimer final : public QObject
{
public:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || m_inside || !m_on)
            return false;
        m_inside = true;
        QElapsedTimer timer;
        timer.start();
        QCoreApplication::sendEvent(watched, event);
        m_times << timer.nsecsElapsed() / 1e6;
        m_inside = false;
        return true;
    }
    QList<double> m_times;
    bool m_on = false;

private:
    bool m_inside = false;
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const qsizetype index =
        std::min<qsizetype>(values.size() - 1, qsizetype(p / 100.0 * double(values.size())));
    return values.at(index);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"qt.qpa.*=false"_s);
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"RetakeBench"_s);
    QApplication::setApplicationName(u"bench_gui"_s);
    QTemporaryDir dir;
    const QString path = writeStoryboard(dir);
    // A few real images so that thumbnails are decoded as in a real run.
    QStringList outputs;
    for (int i = 0; i < 40; ++i) {
        QImage image(384, 216, QImage::Format_RGB32);
        image.fill(QColor::fromHsv(i * 9, 160, 200));
        const QString file = dir.filePath(u"out%1.png"_s.arg(i));
        image.save(file);
        outputs << file;
    }

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QCoreApplication::processEvents();

    // 1. Open to first paint.
    FirstPaint firstPaint(&window);
    window.gridView()->viewport()->installEventFilter(&firstPaint);
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (firstPaint.m_elapsed >= 0)
            loop.quit();
    });
    QElapsedTimer openedAt;
    qint64 openedNs = -1;
    QObject::connect(&window, &MainWindow::projectOpened, &window,
                     [&] { openedNs = openedAt.nsecsElapsed(); });
    poll.start();
    openedAt.start();
    firstPaint.m_clock.start();
    window.openFile(path);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    poll.stop();
    const int shots = window.shotModel()->shotCount();
    std::printf("storyboard: %d scenes x %d shots = %d shots, %d tasks\n", kScenes, kShotsPerScene,
                shots, shots * 2);
    std::printf("open to model loaded:        %8.1f ms\n", openedNs / 1e6);
    std::printf("open to first paint:         %8.1f ms\n", firstPaint.m_elapsed / 1e6);

    // 2. Event-loop lag under 1,000 task updates per second.
    const QList<TaskSnapshot> tasks = window.shotModel()->tasks();
    EngineController *controller = window.engineController();
    QThread producerThread;
    QTimer producer;
    producer.setInterval(kBatchIntervalMs);
    producer.moveToThread(&producerThread);
    int batches = 0;
    QObject::connect(&producer, &QTimer::timeout, &producer, [&] {
        // Runs on the producer thread: build a coalesced batch, hand it to the GUI the
        // way the engine's relay does (queued to the controller).
        QRandomGenerator *random = QRandomGenerator::global();
        QList<TaskSnapshot> batch;
        batch.reserve(kUpdatesPerBatch);
        BatchSummary summary;
        summary.total = int(tasks.size());
        summary.running = true;
        for (int i = 0; i < kUpdatesPerBatch; ++i) {
            TaskSnapshot t = tasks.at(random->bounded(int(tasks.size())));
            switch (random->bounded(5)) {
            case 0:
                t.state = TaskState::Running;
                t.progress = random->bounded(1.0);
                break;
            case 1:
                t.state = TaskState::Retrying;
                t.lastError = ErrorClass::Timeout;
                t.retryAt = QDateTime::currentDateTimeUtc().addSecs(4);
                break;
            case 2:
                t.state = TaskState::Failed;
                t.lastError = ErrorClass::ProviderError;
                t.lastMessage = u"model error"_s;
                break;
            default:
                t.state = TaskState::Done;
                t.quality = random->bounded(4) == 0 ? Quality::Reduced : Quality::Full;
                t.outputPath = outputs.at(random->bounded(int(outputs.size())));
                break;
            }
            t.attemptCount += 1;
            batch << t;
            summary.counts[t.state] += 1;
        }
        ++batches;
        QMetaObject::invokeMethod(
            controller,
            [controller, batch, summary] {
                Q_EMIT controller->tasksUpdated(batch);
                Q_EMIT controller->summaryChanged(summary);
            },
            Qt::QueuedConnection);
    });
    QObject::connect(&producerThread, &QThread::started, &producer, qOverload<>(&QTimer::start));

    QList<double> lags;
    QElapsedTimer beat;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(kHeartbeatMs);
    QObject::connect(&heartbeat, &QTimer::timeout, &heartbeat, [&] {
        const double elapsedMs = beat.nsecsElapsed() / 1e6;
        beat.restart();
        lags << std::max(0.0, elapsedMs - kHeartbeatMs);
    });
    PaintTimer paints;
    window.gridView()->viewport()->installEventFilter(&paints);
    paints.m_on = true;
    producerThread.start();
    beat.start();
    heartbeat.start();
    QEventLoop lagLoop;
    QTimer::singleShot(kLagSeconds * 1000, &lagLoop, &QEventLoop::quit);
    lagLoop.exec();
    heartbeat.stop();
    QMetaObject::invokeMethod(
        &producer, [&producer] { producer.stop(); }, Qt::BlockingQueuedConnection);
    producerThread.quit();
    producerThread.wait();

    std::printf("updates: %d batches of %d in %d s (%.0f updates/s), heartbeat %d ms\n", batches,
                kUpdatesPerBatch, kLagSeconds, batches * kUpdatesPerBatch / double(kLagSeconds),
                kHeartbeatMs);
    std::printf("event-loop lag p50:          %8.2f ms\n", percentile(lags, 50));
    std::printf("event-loop lag p99:          %8.2f ms\n", percentile(lags, 99));
    std::printf("event-loop lag max:          %8.2f ms\n",
                lags.isEmpty() ? 0.0 : *std::max_element(lags.cbegin(), lags.cend()));
    std::printf("grid paints: %d, p50 %.2f ms, p99 %.2f ms\n", int(paints.m_times.size()),
                percentile(paints.m_times, 50), percentile(paints.m_times, 99));
    std::printf("peak RSS:                    %8.1f MB\n", peakRssKb() / 1024.0);
    std::fflush(stdout);
    return 0;
}
