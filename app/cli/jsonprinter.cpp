#include "jsonprinter.h"

#include <QJsonDocument>
#include <QTimer>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <poll.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace retake::cli {

namespace {

// How long the printer gathers the events that follow the one that woke it: the lines come
// out at most this much later, well within the engine's own coalescing of task updates
// (EngineOptions::updateIntervalMs).
constexpr int kGatherMs = 20;

} // namespace

namespace jsonline {

QJsonObject summary(const BatchSummary &s)
{
    QJsonObject counts;
    for (auto it = s.counts.cbegin(); it != s.counts.cend(); ++it)
        counts.insert(nameOf(it.key()), it.value());
    QJsonObject qualities;
    for (auto it = s.qualities.cbegin(); it != s.qualities.cend(); ++it)
        qualities.insert(nameOf(it.key()), it.value());
    return QJsonObject{{u"event"_s, u"summary"_s},
                       {u"total"_s, s.total},
                       {u"percent"_s, s.percent()},
                       {u"counts"_s, counts},
                       {u"qualities"_s, qualities},
                       {u"degraded"_s, s.degraded()},
                       {u"onOtherProvider"_s, s.onOtherProvider()},
                       {u"paused"_s, s.paused},
                       {u"pauseReason"_s, nameOf(s.pauseReason)}};
}

QJsonObject task(const TaskSnapshot &t)
{
    QJsonObject o{{u"event"_s, u"task"_s},       {u"id"_s, t.id},
                  {u"state"_s, nameOf(t.state)}, {u"attempt"_s, t.attemptCount},
                  {u"rung"_s, nameOf(t.rung)},   {u"provider"_s, t.providerId}};
    if (t.quality != Quality::None)
        o.insert(u"quality"_s, nameOf(t.quality));
    if (t.lastError != ErrorClass::None) {
        o.insert(u"error"_s, nameOf(t.lastError));
        o.insert(u"message"_s, t.lastMessage);
    }
    if (t.retryAt.isValid())
        o.insert(u"retryAt"_s, t.retryAt.toString(Qt::ISODateWithMs));
    return o;
}

QJsonObject attempt(const QString &taskId, const Attempt &a)
{
    QJsonObject o{{u"event"_s, u"attempt"_s},
                  {u"task"_s, taskId},
                  {u"number"_s, a.number},
                  {u"rung"_s, nameOf(a.rung)},
                  {u"provider"_s, a.providerId},
                  {u"model"_s, a.model},
                  {u"outcome"_s, a.ok() ? u"ok"_s : nameOf(a.errorClass)},
                  {u"durationMs"_s, a.durationMs()}};
    if (!a.ok()) {
        o.insert(u"message"_s, a.message);
        o.insert(u"httpStatus"_s, a.httpStatus);
    }
    return o;
}

QJsonObject log(const QString &line)
{
    return QJsonObject{{u"event"_s, u"log"_s}, {u"message"_s, line}};
}

void append(QByteArray *out, const QJsonObject &object)
{
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    // The lines went through a QString and a UTF-8 QTextStream: anything that is not UTF-8
    // came out as U+FFFD. Never seen, but the bytes stay the same.
    if (!line.isValidUtf8())
        line = QString::fromUtf8(line).toUtf8();
    out->append(line);
    out->append('\n');
}

} // namespace jsonline

JsonPrinter::JsonPrinter(int fd) : m_fd(fd)
{
    m_thread.setObjectName(u"json printer"_s);
}

JsonPrinter::~JsonPrinter()
{
    finish();
}

void JsonPrinter::tasks(const QList<TaskSnapshot> &tasks)
{
    if (!tasks.isEmpty())
        push(TasksEvent{tasks});
}

void JsonPrinter::attempt(const QString &taskId, const Attempt &attempt)
{
    push(AttemptEvent{taskId, attempt});
}

void JsonPrinter::log(const QString &line)
{
    push(LogEvent{line});
}

void JsonPrinter::summary(const BatchSummary &summary)
{
    push(SummaryEvent{summary});
}

void JsonPrinter::object(const QJsonObject &object)
{
    push(ObjectEvent{object});
}

void JsonPrinter::push(Event &&event)
{
    if (m_finished) {
        // The thread is gone: write it here, now.
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_queue.push_back(std::move(event));
            ++m_handed;
        }
        writePending();
        return;
    }
    if (!m_started) {
        // What stdio holds for stdout goes before the first line.
        std::fflush(stdout);
        m_receiver = new QObject;
        m_receiver->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_receiver, &QObject::deleteLater);
        m_thread.start();
        m_started = true;
    }
    bool wake = false;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(event));
        ++m_handed;
        wake = !m_scheduled;
        m_scheduled = true;
    }
    // One queued call for all the events that arrive before the printer gets to them: it
    // gathers for a moment, so that the engine's thread wakes the printer (a write(2) to its
    // event loop's eventfd, as costly as printing a line) once per batch, not once per event.
    if (wake) {
        QMetaObject::invokeMethod(
            m_receiver,
            [this] { QTimer::singleShot(kGatherMs, m_receiver, [this] { writePending(); }); },
            Qt::QueuedConnection);
    }
}

bool JsonPrinter::drain(int timeoutMs)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    const quint64 target = m_handed;
    const auto written = [this, target] { return m_written >= target; };
    if (timeoutMs < 0) {
        m_progress.wait(lock, written);
        return true;
    }
    return m_progress.wait_for(lock, std::chrono::milliseconds(timeoutMs), written);
}

void JsonPrinter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_started)
        return;
    // The printer writes what it has taken; what is still queued (its call not yet run when
    // the loop stops) is written here, after it, in order.
    m_thread.quit();
    m_thread.wait();
    m_receiver = nullptr;
    writePending();
}

void JsonPrinter::writePending()
{
    std::vector<Event> batch;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        batch.swap(m_queue);
        m_scheduled = false;
    }
    if (batch.empty())
        return;
    if (!m_broken) {
        QByteArray bytes;
        for (const Event &event : batch) {
            if (const auto *e = std::get_if<TasksEvent>(&event)) {
                for (const TaskSnapshot &t : e->tasks)
                    jsonline::append(&bytes, jsonline::task(t));
            } else if (const auto *e = std::get_if<AttemptEvent>(&event)) {
                jsonline::append(&bytes, jsonline::attempt(e->taskId, e->attempt));
            } else if (const auto *e = std::get_if<LogEvent>(&event)) {
                jsonline::append(&bytes, jsonline::log(e->line));
            } else if (const auto *e = std::get_if<SummaryEvent>(&event)) {
                jsonline::append(&bytes, jsonline::summary(e->summary));
            } else if (const auto *e = std::get_if<ObjectEvent>(&event)) {
                jsonline::append(&bytes, e->object);
            }
        }
        writeAll(bytes);
    }
    const quint64 count = batch.size();
    batch.clear(); // the values' last references go here, not under the lock
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_written += count;
    }
    m_progress.notify_all();
}

void JsonPrinter::writeAll(const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, data, size_t(left));
        if (n > 0) {
            data += n;
            left -= n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // A non-blocking stdout (shared with another program): wait until it takes more.
            pollfd ready{m_fd, POLLOUT, 0};
            ::poll(&ready, 1, -1);
            continue;
        }
        // The reader went away (EPIPE with SIGPIPE ignored; without, SIGPIPE ended the
        // process as it always did): like the QTextStream before, print nothing more.
        m_broken = true;
        return;
    }
}

} // namespace retake::cli
