// The JSON lines of `retake-cli run --json` (and retry-failed, watch): built and written on a
// thread of their own, so that the thread that runs the engine only hands the events' values
// over (issue 15, point 1; docs/ARCHITECTURE.md, "Threads"). Lines come out in the order they
// were handed over, with the bytes the CLI always printed; the lines that arrived together
// (within 20 ms of the first) go out in one write(2). Finishing (at the latest the destructor)
// writes everything queued and joins the thread.
#pragma once

#include "domain/task.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QThread>

#include <condition_variable>
#include <mutex>
#include <variant>
#include <vector>

namespace retake::cli {

// The JSON objects of the events, the same for every way they are printed.
namespace jsonline {

QJsonObject summary(const BatchSummary &summary);
QJsonObject task(const TaskSnapshot &task);
QJsonObject attempt(const QString &taskId, const Attempt &attempt);
QJsonObject log(const QString &line);
// Appends `object` as one line: compact JSON and '\n' in UTF-8, the bytes QTextStream wrote.
void append(QByteArray *out, const QJsonObject &object);

} // namespace jsonline

class JsonPrinter final
{
    Q_DISABLE_COPY_MOVE(JsonPrinter)
public:
    // Writes to `fd` (stdout). The thread starts with the first line.
    explicit JsonPrinter(int fd);
    ~JsonPrinter(); // finish()

    // The events; called on one thread (the one that runs the engine). Their values are
    // implicitly shared: a call copies references, not the data.
    void tasks(const QList<TaskSnapshot> &tasks);
    void attempt(const QString &taskId, const Attempt &attempt);
    void log(const QString &line);
    void summary(const BatchSummary &summary);
    // A line built by the caller (the rare ones: report, budget-cap).
    void object(const QJsonObject &object);

    // Waits until everything handed over so far is written, at most `timeoutMs` (< 0: as
    // long as it takes); false when the time ran out first.
    bool drain(int timeoutMs = -1);
    // Writes everything queued and joins the thread; later lines are written at once on the
    // caller's thread.
    void finish();

private:
    struct TasksEvent {
        QList<TaskSnapshot> tasks;
    };
    struct AttemptEvent {
        QString taskId;
        Attempt attempt;
    };
    struct LogEvent {
        QString line;
    };
    struct SummaryEvent {
        BatchSummary summary;
    };
    struct ObjectEvent {
        QJsonObject object;
    };
    using Event = std::variant<TasksEvent, AttemptEvent, LogEvent, SummaryEvent, ObjectEvent>;

    void push(Event &&event);
    // Takes what is queued, formats it and writes it in one go: on the printer's thread, or
    // on the caller's once the thread has been joined.
    void writePending();
    void writeAll(const QByteArray &bytes);

    const int m_fd;
    QThread m_thread;
    QObject *m_receiver = nullptr; // lives on m_thread (deleted there): the queued calls' target
    bool m_started = false;        // the handing thread's own
    bool m_finished = false;       // the handing thread's own
    bool m_broken = false;         // the writer's: a write failed (EPIPE), the rest is dropped

    std::mutex m_mutex;
    std::condition_variable m_progress;
    std::vector<Event> m_queue; // guarded by m_mutex, and so are the fields below
    bool m_scheduled = false;   // the printer has been woken and will write what is queued
    quint64 m_handed = 0;       // events handed over
    quint64 m_written = 0;      // events written (or dropped after a failed write)
};

} // namespace retake::cli
