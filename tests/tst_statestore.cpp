// StateStore: the durable state in <name>.retake/state.sqlite.
#include "report/statereader.h"
#include "store/statestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace retake;

namespace {

// Runs `body` on a separate connection to `path` (as a second process would see the file)
// and removes the connection before returning, so that no test leaks one.
void withConnection(const QString &path, const std::function<void(QSqlDatabase &)> &body)
{
    const QString name = u"tst-statestore-peer"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        body(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QVariant queryValue(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement) || !query.next()) {
        qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// The connection the store opened, found by its name prefix (test-only knowledge).
QString storeConnectionName()
{
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names) {
        if (name.startsWith(u"retake-state-"_s))
            return name;
    }
    return {};
}

StoredTask fullTask(const QString &id)
{
    StoredTask task;
    task.id = id;
    task.state = TaskState::Done;
    task.quality = Quality::Reduced;
    task.rung = RungKind::LowerResolution;
    task.providerId = u"comfyui-local"_s;
    task.attemptCount = 4;
    task.lastError = ErrorClass::RateLimited;
    task.lastMessage = u"Too many requests — ünïcode ✓"_s;
    task.lastHttpStatus = 429;
    task.outputPath = u"draft/s01/sh03/image.a4.png"_s;
    task.paramsHash = QByteArray("\x00\x01\xfe\xff", 4) + QByteArray("sha1-bytes");
    task.manualRetries = 2;
    return task;
}

Attempt fullAttempt(int number)
{
    Attempt attempt;
    attempt.number = number;
    attempt.rung = RungKind::SimplifiedPrompt;
    attempt.providerId = u"replicate-hailuo"_s;
    attempt.model = u"minimax/hailuo-02"_s;
    attempt.paramsHash = u"3f786850e387550fdab836ed7e6dc881de23001b"_s;
    attempt.params = QVariantMap{
        {u"prompt"_s, u"a lighthouse at dusk, 35mm"_s},
        {u"seed"_s, 1234567},
        {u"cfg"_s, 6.5},
        {u"tiled"_s, true},
        {u"size"_s, QVariantList{1024, 576}},
        {u"extra"_s, QVariantMap{{u"sampler"_s, u"euler_a"_s}}},
    };
    attempt.startedAt = QDateTime(QDate(2026, 11, 25), QTime(14, 30, 0, 123), Qt::UTC);
    attempt.endedAt = attempt.startedAt.addMSecs(8765);
    attempt.errorClass = ErrorClass::ProviderUnavailable;
    attempt.httpStatus = 503;
    attempt.message = u"Service unavailable"_s;
    attempt.outputPath = u"draft/s01/sh03/video.a2.mp4"_s;
    attempt.archivedTo = u"_failed/s01-sh03-video/attempt-2/"_s;
    attempt.costUnits = 0.25;
    attempt.countedAgainstBudget = false;
    attempt.stderrTail = u"[mp4 @ 0x55] Starting second pass\nConversion failed! — ü"_s;
    return attempt;
}

void compareTasks(const StoredTask &actual, const StoredTask &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(nameOf(actual.state), nameOf(expected.state));
    QCOMPARE(nameOf(actual.quality), nameOf(expected.quality));
    QCOMPARE(nameOf(actual.rung), nameOf(expected.rung));
    QCOMPARE(actual.providerId, expected.providerId);
    QCOMPARE(actual.attemptCount, expected.attemptCount);
    QCOMPARE(nameOf(actual.lastError), nameOf(expected.lastError));
    QCOMPARE(actual.lastMessage, expected.lastMessage);
    QCOMPARE(actual.lastHttpStatus, expected.lastHttpStatus);
    QCOMPARE(actual.outputPath, expected.outputPath);
    QCOMPARE(actual.paramsHash, expected.paramsHash);
    QCOMPARE(actual.manualRetries, expected.manualRetries);
}

void compareAttempts(const Attempt &actual, const Attempt &expected)
{
    QCOMPARE(actual.number, expected.number);
    QCOMPARE(nameOf(actual.rung), nameOf(expected.rung));
    QCOMPARE(actual.providerId, expected.providerId);
    QCOMPARE(actual.model, expected.model);
    QCOMPARE(actual.paramsHash, expected.paramsHash);
    QCOMPARE(actual.params, expected.params);
    QCOMPARE(actual.startedAt, expected.startedAt);
    QCOMPARE(actual.endedAt, expected.endedAt);
    QCOMPARE(nameOf(actual.errorClass), nameOf(expected.errorClass));
    QCOMPARE(actual.httpStatus, expected.httpStatus);
    QCOMPARE(actual.message, expected.message);
    QCOMPARE(actual.outputPath, expected.outputPath);
    QCOMPARE(actual.archivedTo, expected.archivedTo);
    QCOMPARE(actual.costUnits, expected.costUnits);
    QCOMPARE(actual.countedAgainstBudget, expected.countedAgainstBudget);
    QCOMPARE(actual.stderrTail, expected.stderrTail);
}

} // namespace

class TestStateStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void freshDatabaseGetsSchemaAndWal();
    void tasksRoundTrip();
    void attemptsRoundTrip();
    void otherProviderQualityRoundTrips();
    void eventsRoundTrip();
    void saveTaskCoalescesById();
    void reopenSeesData();
    void closeFlushesPendingWrites();
    void newerSchemaIsRefusedAndLeftUntouched();
    void schemaOneIsMigrated();
    void schemaTwoIsMigrated();
    void garbageFileIsRefused();
    void flushFailureKeepsQueue();
    void diskFullIsNamed();
    void flushWithoutOpenFails();
    void runsGetUniqueIds();
    void tenThousandTasksInOneFlush();
    void checkpointRowsRestoreWithTheirMeta();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestStateStore::init()
{
    // Closing must never leave a query behind (removeDatabase would warn).
    QTest::failOnWarning(QRegularExpression(u"still in use"_s));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"name.retake/state.sqlite"_s);
}

void TestStateStore::cleanup()
{
    QVERIFY(storeConnectionName().isEmpty());
    m_dir.reset();
}

void TestStateStore::freshDatabaseGetsSchemaAndWal()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    QVERIFY(store.isOpen());
    QCOMPARE(store.databasePath(), m_path);
    QVERIFY(store.loadTasks().isEmpty());
    QVERIFY(store.loadAttempts().isEmpty());
    QVERIFY(store.loadEvents().isEmpty());

    store.saveTask(fullTask(u"s01-sh01/image"_s));
    QVERIFY2(store.flush(&error), qPrintable(error));

    withConnection(m_path, [](QSqlDatabase &db) {
        QCOMPARE(queryValue(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(queryValue(db, u"PRAGMA user_version"_s).toInt(), StateStore::kSchemaVersion);
        const QString tables =
            queryValue(db, u"SELECT group_concat(name, ',') FROM (SELECT name FROM"
                           u" sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                           u" ORDER BY name)"_s)
                .toString();
        QCOMPARE(tables, u"attempts,checkpoint_tasks,checkpoints,events,meta,runs,tasks"_s);
        // Enums are stored by name so that sqlite3 shows readable rows.
        QCOMPARE(queryValue(db, u"SELECT state || ' ' || quality || ' ' || rung || ' ' ||"
                                u" last_error FROM tasks"_s)
                     .toString(),
                 u"done reduced lower-resolution rate_limited"_s);
        const QString updatedAt = queryValue(db, u"SELECT updated_at FROM tasks"_s).toString();
        QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s)
                     .match(updatedAt)
                     .hasMatch(),
                 qPrintable(updatedAt));
    });
    store.close();
    QVERIFY(!store.isOpen());
}

void TestStateStore::tasksRoundTrip()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    const StoredTask full = fullTask(u"s01-sh03/image"_s);
    StoredTask defaults;
    defaults.id = u"s01-sh03/video"_s;
    store.saveTask(full);
    store.saveTask(defaults);
    QVERIFY(store.hasPendingWrites());
    QVERIFY2(store.flush(&error), qPrintable(error));
    QVERIFY(!store.hasPendingWrites());

    const QList<StoredTask> tasks = store.loadTasks();
    QCOMPARE(tasks.size(), 2);
    compareTasks(tasks.at(0), full);
    compareTasks(tasks.at(1), defaults);

    // An update keeps the task's place.
    StoredTask updated = full;
    updated.state = TaskState::Failed;
    store.saveTask(updated);
    QVERIFY2(store.flush(&error), qPrintable(error));
    const QList<StoredTask> reloaded = store.loadTasks();
    QCOMPARE(reloaded.size(), 2);
    compareTasks(reloaded.at(0), updated);
}

void TestStateStore::otherProviderQualityRoundTrips()
{
    // Given a task done on an alternative provider and one whose quality a newer Retake wrote
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    StoredTask other = fullTask(u"s01-sh03/image"_s);
    other.quality = Quality::FullOtherProvider;
    other.rung = RungKind::AlternativeProvider;
    StoredTask future = fullTask(u"s01-sh04/image"_s);
    store.saveTask(other);
    store.saveTask(future);
    QVERIFY2(store.flush(&error), qPrintable(error));
    store.close();
    withConnection(m_path, [](QSqlDatabase &db) {
        QCOMPARE(
            queryValue(db, u"SELECT quality FROM tasks WHERE id = 's01-sh03/image'"_s).toString(),
            u"full_other_provider"_s);
        QSqlQuery query(db);
        QVERIFY(query.exec(u"UPDATE tasks SET quality = 'full_someday' WHERE id = "
                           u"'s01-sh04/image'"_s));
    });

    // When the file is opened again
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    const QList<StoredTask> tasks = store.loadTasks();

    // Then the quality reads back as it was written, and an unknown one (what an older
    // Retake meets in a newer file) is no quality instead of an error
    QCOMPARE(tasks.size(), 2);
    compareTasks(tasks.at(0), other);
    QCOMPARE(tasks.at(1).state, TaskState::Done);
    QCOMPARE(tasks.at(1).quality, Quality::None);
}

void TestStateStore::attemptsRoundTrip()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    // Given attempt 2 saved before attempt 1, and attempt 1 saved twice (start, then end)
    Attempt first;
    first.number = 1;
    first.providerId = u"local"_s;
    first.startedAt = QDateTime(QDate(2026, 11, 25), QTime(14, 0, 0, 1), Qt::UTC);
    const Attempt second = fullAttempt(2);
    Attempt other = fullAttempt(1);
    other.params.clear();
    other.startedAt = {};
    other.endedAt = {};
    store.saveAttempt(u"s01-sh03/video"_s, second);
    store.saveAttempt(u"s01-sh03/video"_s, first);
    first.endedAt = first.startedAt.addSecs(3);
    first.outputPath = u"draft/s01/sh03/video.a1.mp4"_s;
    store.saveAttempt(u"s01-sh03/video"_s, first);
    store.saveAttempt(u"s01-sh04/image"_s, other);
    QVERIFY2(store.flush(&error), qPrintable(error));

    // Then every field comes back, ordered by number, the later save of attempt 1 winning
    const QHash<QString, QList<Attempt>> attempts = store.loadAttempts();
    QCOMPARE(attempts.size(), 2);
    const QList<Attempt> video = attempts.value(u"s01-sh03/video"_s);
    QCOMPARE(video.size(), 2);
    compareAttempts(video.at(0), first);
    compareAttempts(video.at(1), second);
    QCOMPARE(video.at(1).params.value(u"seed"_s).toInt(), 1234567);
    QCOMPARE(video.at(1).params.value(u"size"_s).toList().value(1).toInt(), 576);
    QCOMPARE(video.at(1).durationMs(), 8765);
    const QList<Attempt> image = attempts.value(u"s01-sh04/image"_s);
    QCOMPARE(image.size(), 1);
    compareAttempts(image.at(0), other);
    QVERIFY(!image.at(0).startedAt.isValid());
}

void TestStateStore::eventsRoundTrip()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    const QDateTime t0 = QDateTime(QDate(2026, 11, 25), QTime(9, 15, 42, 7), Qt::UTC);
    QList<StoredEvent> expected;
    expected.append({t0, QString(), u"run-started"_s, u"12 tasks"_s});
    expected.append({t0.addMSecs(1), u"s01-sh02/image"_s, u"user-retry"_s, QString()});
    // A time in another zone comes back as the same instant.
    expected.append({QDateTime(QDate(2026, 11, 25), QTime(11, 0), Qt::OffsetFromUTC, 3600),
                     u"s01-sh02/image"_s, u"switch-provider"_s, u"fal → local"_s});
    for (const StoredEvent &event : std::as_const(expected))
        store.addEvent(event);
    QVERIFY2(store.flush(&error), qPrintable(error));
    store.addEvent({t0.addSecs(60), QString(), u"paused"_s, u"disk full"_s});
    expected.append({t0.addSecs(60), QString(), u"paused"_s, u"disk full"_s});
    QVERIFY2(store.flush(&error), qPrintable(error));

    const QList<StoredEvent> events = store.loadEvents();
    QCOMPARE(events.size(), expected.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(events.at(i).time, expected.at(i).time);
        QCOMPARE(events.at(i).taskId, expected.at(i).taskId);
        QCOMPARE(events.at(i).kind, expected.at(i).kind);
        QCOMPARE(events.at(i).detail, expected.at(i).detail);
    }
}

void TestStateStore::saveTaskCoalescesById()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    StoredTask task;
    task.id = u"s02-sh01/image"_s;
    for (const TaskState state : {TaskState::Queued, TaskState::Running, TaskState::Done}) {
        task.state = state;
        task.attemptCount += 1;
        store.saveTask(task);
    }
    StoredTask other;
    other.id = u"s02-sh02/image"_s;
    store.saveTask(other);
    QVERIFY2(store.flush(&error), qPrintable(error));

    const QList<StoredTask> tasks = store.loadTasks();
    QCOMPARE(tasks.size(), 2);
    QCOMPARE(tasks.at(0).id, task.id);
    QCOMPARE(nameOf(tasks.at(0).state), nameOf(TaskState::Done));
    QCOMPARE(tasks.at(0).attemptCount, 3);
    QCOMPARE(tasks.at(1).id, other.id);

    // Nothing pending: flushing again is a no-op that succeeds.
    QVERIFY(!store.hasPendingWrites());
    QVERIFY2(store.flush(&error), qPrintable(error));
}

void TestStateStore::reopenSeesData()
{
    QString error;
    {
        StateStore store;
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        store.saveTask(fullTask(u"s01-sh01/image"_s));
        store.saveAttempt(u"s01-sh01/image"_s, fullAttempt(1));
        store.addEvent({QDateTime::currentDateTimeUtc(), QString(), u"run-started"_s, {}});
        QVERIFY2(store.flush(&error), qPrintable(error));
        store.close();
        QVERIFY(!store.isOpen());

        // The same object opens again.
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        QCOMPARE(store.loadTasks().size(), 1);
    }
    StateStore reopened;
    QVERIFY2(reopened.open(m_path, &error), qPrintable(error));
    const QList<StoredTask> tasks = reopened.loadTasks();
    QCOMPARE(tasks.size(), 1);
    compareTasks(tasks.at(0), fullTask(u"s01-sh01/image"_s));
    const QList<Attempt> attempts = reopened.loadAttempts().value(u"s01-sh01/image"_s);
    QCOMPARE(attempts.size(), 1);
    compareAttempts(attempts.at(0), fullAttempt(1));
    QCOMPARE(reopened.loadEvents().size(), 1);
}

void TestStateStore::closeFlushesPendingWrites()
{
    QString error;
    {
        StateStore store;
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        store.saveTask(fullTask(u"s01-sh01/image"_s));
        // No flush: the destructor closes, and closing saves what is queued.
    }
    StateStore reopened;
    QVERIFY2(reopened.open(m_path, &error), qPrintable(error));
    QCOMPARE(reopened.loadTasks().size(), 1);
}

void TestStateStore::schemaOneIsMigrated()
{
    // Given a state file written by Retake 0.1's first schema, with a finished task in it
    QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
    withConnection(m_path, [](QSqlDatabase &db) {
        QSqlQuery query(db);
        for (const QString &sql :
             {u"CREATE TABLE tasks (id TEXT PRIMARY KEY NOT NULL, state TEXT NOT NULL,"
              " quality TEXT NOT NULL, rung TEXT NOT NULL, provider_id TEXT,"
              " attempt_count INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL,"
              " last_message TEXT, last_http_status INTEGER NOT NULL DEFAULT 0,"
              " output_path TEXT, params_hash BLOB, manual_retries INTEGER NOT NULL DEFAULT 0,"
              " updated_at TEXT NOT NULL)"_s,
              u"CREATE TABLE attempts (task_id TEXT NOT NULL, number INTEGER NOT NULL,"
              " rung TEXT NOT NULL, provider_id TEXT, model TEXT, params_hash TEXT,"
              " params_json TEXT, started_at TEXT, ended_at TEXT, error_class TEXT NOT NULL,"
              " http_status INTEGER NOT NULL DEFAULT 0, message TEXT, output_path TEXT,"
              " archived_to TEXT, cost_units REAL NOT NULL DEFAULT 0,"
              " counted INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (task_id, number))"_s,
              u"CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT,"
              " task_id TEXT, kind TEXT NOT NULL, detail TEXT)"_s,
              u"CREATE TABLE runs (id TEXT PRIMARY KEY NOT NULL, started_at TEXT NOT NULL,"
              " ended_at TEXT, outcome TEXT)"_s,
              u"INSERT INTO tasks (id, state, quality, rung, provider_id, attempt_count,"
              " last_error, output_path, params_hash, updated_at) VALUES ('s01-sh01/image',"
              " 'done', 'full', 'primary', 'local', 1, 'none',"
              " 'draft/s01/s01-sh01/image.a1.png', X'00', '2026-11-01T00:00:00Z')"_s,
              u"PRAGMA user_version = 1"_s}) {
            QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
        }
    });

    // When this version opens it
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    // Then it is at the current schema, the task is intact and the new fields have defaults
    const QList<StoredTask> tasks = store.loadTasks();
    QCOMPARE(tasks.size(), 1);
    QCOMPARE(tasks.first().id, u"s01-sh01/image"_s);
    QCOMPARE(tasks.first().state, TaskState::Done);
    QCOMPARE(tasks.first().outputPath, u"draft/s01/s01-sh01/image.a1.png"_s);
    QCOMPARE(tasks.first().retriesUsed, 0);
    QVERIFY(tasks.first().providerOverride.isEmpty());
    StoredTask changed = tasks.first();
    changed.retriesUsed = 2;
    changed.providerOverride = u"backup"_s;
    store.saveTask(changed);
    QVERIFY2(store.flush(&error), qPrintable(error));
    QCOMPARE(store.loadTasks().first().retriesUsed, 2);
    QCOMPARE(store.loadTasks().first().providerOverride, u"backup"_s);
    store.close();
    withConnection(m_path, [](QSqlDatabase &db) {
        QCOMPARE(queryValue(db, u"PRAGMA user_version"_s).toInt(), StateStore::kSchemaVersion);
    });
}

void TestStateStore::schemaTwoIsMigrated()
{
    // Given a state file of schema 2 (Retake before attempts kept ffmpeg's stderr) with a
    // failed assembly attempt in it
    QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
    {
        StateStore current;
        QString error;
        QVERIFY2(current.open(m_path, &error), qPrintable(error));
        current.close();
    }
    withConnection(m_path, [](QSqlDatabase &db) {
        QSqlQuery query(db);
        // Back to schema 2: the table as it was (SQLite keeps the file format of the
        // columns it has; DROP COLUMN needs SQLite 3.35), tasks too (empty here).
        for (const QString &sql :
             {u"DROP TABLE checkpoint_tasks"_s, u"DROP TABLE meta"_s,
              u"ALTER TABLE checkpoints DROP COLUMN meta_json"_s, u"DROP TABLE tasks"_s,
              u"CREATE TABLE tasks (id TEXT PRIMARY KEY NOT NULL, state TEXT NOT NULL,"
              " quality TEXT NOT NULL, rung TEXT NOT NULL, provider_id TEXT,"
              " attempt_count INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL,"
              " last_message TEXT, last_http_status INTEGER NOT NULL DEFAULT 0,"
              " output_path TEXT, params_hash BLOB, manual_retries INTEGER NOT NULL DEFAULT 0,"
              " updated_at TEXT NOT NULL, rung_index INTEGER NOT NULL DEFAULT 0,"
              " retries_used INTEGER NOT NULL DEFAULT 0, rung_failures INTEGER NOT NULL"
              " DEFAULT 0, provider_override TEXT)"_s,
              u"ALTER TABLE attempts RENAME TO attempts_v3"_s,
              u"CREATE TABLE attempts (task_id TEXT NOT NULL, number INTEGER NOT NULL,"
              " rung TEXT NOT NULL, provider_id TEXT, model TEXT, params_hash TEXT,"
              " params_json TEXT, started_at TEXT, ended_at TEXT, error_class TEXT NOT NULL,"
              " http_status INTEGER NOT NULL DEFAULT 0, message TEXT, output_path TEXT,"
              " archived_to TEXT, cost_units REAL NOT NULL DEFAULT 0,"
              " counted INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (task_id, number))"_s,
              u"DROP TABLE attempts_v3"_s,
              u"INSERT INTO attempts (task_id, number, rung, provider_id, error_class,"
              " http_status, message, archived_to) VALUES ('s01/assemble', 1, 'primary',"
              " 'local', 'provider_error', 0, 's01/assemble: ffmpeg failed with exit code 1',"
              " '_failed/s01-assemble/attempt-1/')"_s,
              u"INSERT INTO runs (id, started_at) VALUES ('r1', '2026-11-01T00:00:00.000Z')"_s,
              u"PRAGMA user_version = 2"_s}) {
            QVERIFY2(query.exec(sql), qPrintable(sql + u": "_s + query.lastError().text()));
        }
    });

    // When a report reads it before any engine of this version opened it
    {
        StateReader reader;
        QString error;
        QVERIFY2(reader.open(m_path, &error), qPrintable(error));
        // Then the attempt is read without a tail, and the file is not migrated
        const QList<Attempt> read = reader.attempts().value(u"s01/assemble"_s);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first().message, u"s01/assemble: ffmpeg failed with exit code 1"_s);
        QVERIFY(read.first().stderrTail.isEmpty());
    }
    withConnection(m_path, [](QSqlDatabase &db) {
        QCOMPARE(queryValue(db, u"PRAGMA user_version"_s).toInt(), 2);
    });

    // When this version opens it
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    // Then it is at the current schema, the old attempt is intact with no tail, and new
    // attempts keep theirs
    QList<Attempt> attempts = store.loadAttempts().value(u"s01/assemble"_s);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().archivedTo, u"_failed/s01-assemble/attempt-1/"_s);
    QVERIFY(attempts.first().stderrTail.isEmpty());
    Attempt second = attempts.first();
    second.number = 2;
    second.stderrTail = u"[out#0/mp4 @ 0x1] Error opening output s01.mp4.part"_s;
    second.mediaWidth = 96;
    second.mediaHeight = 64;
    second.mediaFps = 12.0;
    second.mediaDurationSec = 2.5;
    second.originalPath = u"draft/s01/assemble.a2.original.mp4"_s;
    store.saveAttempt(u"s01/assemble"_s, second);
    QVERIFY2(store.flush(&error), qPrintable(error));
    attempts = store.loadAttempts().value(u"s01/assemble"_s);
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(1).stderrTail, second.stderrTail);
    QCOMPARE(attempts.first().mediaWidth, 0);
    QVERIFY(attempts.first().originalPath.isEmpty());
    QCOMPARE(attempts.at(1).mediaWidth, 96);
    QCOMPARE(attempts.at(1).mediaHeight, 64);
    QCOMPARE(attempts.at(1).mediaFps, 12.0);
    QCOMPARE(attempts.at(1).mediaDurationSec, 2.5);
    QCOMPARE(attempts.at(1).originalPath, second.originalPath);
    store.close();
    withConnection(m_path, [](QSqlDatabase &db) {
        QCOMPARE(queryValue(db, u"PRAGMA user_version"_s).toInt(), StateStore::kSchemaVersion);
        QCOMPARE(queryValue(db, u"SELECT stderr_tail FROM attempts WHERE number = 2"_s).toString(),
                 u"[out#0/mp4 @ 0x1] Error opening output s01.mp4.part"_s);
    });
    StateReader reader;
    QVERIFY2(reader.open(m_path, &error), qPrintable(error));
    QCOMPARE(reader.attempts().value(u"s01/assemble"_s).at(1).stderrTail, second.stderrTail);
}

void TestStateStore::newerSchemaIsRefusedAndLeftUntouched()
{
    // Given a state file written by a future Retake with the next schema
    QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
    const int future = StateStore::kSchemaVersion + 1;
    withConnection(m_path, [future](QSqlDatabase &db) {
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE tasks (id TEXT PRIMARY KEY, future TEXT)"_s));
        QVERIFY(query.exec(u"INSERT INTO tasks VALUES ('s01-sh01/image', 'x')"_s));
        QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(future)));
    });
    const QByteArray before = sha256Of(m_path);
    QVERIFY(!before.isEmpty());

    // When this version opens it
    StateStore store;
    QString error;
    QVERIFY(!store.open(m_path, &error));

    // Then it is refused with what to do, and the file is byte-identical
    QVERIFY(!store.isOpen());
    QCOMPARE(error, u"state.sqlite was written by a newer Retake (schema %1, this version reads"
                    u" up to %2); open it with that version or remove the .retake folder's state"
                    u" to start over"_s.arg(future)
                        .arg(StateStore::kSchemaVersion));
    store.close();
    QCOMPARE(sha256Of(m_path), before);
    QVERIFY(!QFile::exists(m_path + u"-wal"_s));
    QVERIFY(!store.flush(&error));
}

void TestStateStore::garbageFileIsRefused()
{
    QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 200; ++i)
            file.write("this is a storyboard note, not a database\n");
    }
    const QByteArray before = sha256Of(m_path);

    StateStore store;
    QString error;
    QVERIFY(!store.open(m_path, &error));
    QVERIFY(!store.isOpen());
    QVERIFY2(error.contains(QDir::toNativeSeparators(m_path)), qPrintable(error));
    QVERIFY2(error.contains(u"not a Retake state database"_s), qPrintable(error));
    QCOMPARE(sha256Of(m_path), before);
}

void TestStateStore::flushFailureKeepsQueue()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    store.saveTask(fullTask(u"s01-sh01/image"_s));
    QVERIFY2(store.flush(&error), qPrintable(error));

    // Given a database that rejects writes to tasks (a trigger, which works even as root,
    // where chmod would not stop the writes)
    withConnection(m_path, [](QSqlDatabase &db) {
        QSqlQuery query(db);
        QVERIFY2(query.exec(u"CREATE TRIGGER reject BEFORE UPDATE ON tasks"
                            u" BEGIN SELECT RAISE(ABORT, 'injected write failure'); END"_s),
                 qPrintable(query.lastError().text()));
    });

    // When a flush with that task update and an event runs
    StoredTask task = fullTask(u"s01-sh01/image"_s);
    task.state = TaskState::Failed;
    store.saveTask(task);
    store.addEvent({QDateTime::currentDateTimeUtc(), task.id, u"user-retry"_s, {}});
    QVERIFY(!store.flush(&error));

    // Then nothing was committed, the driver's message is passed on and the queue is kept
    QVERIFY2(error.contains(u"injected write failure"_s), qPrintable(error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(m_path)), qPrintable(error));
    QVERIFY(store.hasPendingWrites());
    QCOMPARE(nameOf(store.loadTasks().value(0).state), nameOf(TaskState::Done));
    QVERIFY(store.loadEvents().isEmpty());

    // And once the cause is gone the same writes go through
    withConnection(m_path, [](QSqlDatabase &db) {
        QSqlQuery query(db);
        QVERIFY(query.exec(u"DROP TRIGGER reject"_s));
    });
    QVERIFY2(store.flush(&error), qPrintable(error));
    QVERIFY(!store.hasPendingWrites());
    QCOMPARE(nameOf(store.loadTasks().value(0).state), nameOf(TaskState::Failed));
    QCOMPARE(store.loadEvents().size(), 1);
}

void TestStateStore::diskFullIsNamed()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    // Given the store's connection may not grow the file (SQLite then fails with
    // SQLITE_FULL, exactly as on a full drive)
    const QString connection = storeConnectionName();
    QVERIFY(!connection.isEmpty());
    {
        QSqlDatabase db = QSqlDatabase::database(connection, false);
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA max_page_count = 1"_s));
    }

    // When a large flush runs
    for (int i = 0; i < 500; ++i) {
        StoredTask task = fullTask(u"s%1/image"_s.arg(i));
        task.lastMessage = QString(200, u'x');
        store.saveTask(task);
    }
    QVERIFY(!store.flush(&error));

    // Then the message says disk full and nothing is lost
    QVERIFY2(error.contains(u"disk full"_s), qPrintable(error));
    QVERIFY(store.hasPendingWrites());
    QVERIFY(store.loadTasks().isEmpty());

    {
        QSqlDatabase db = QSqlDatabase::database(connection, false);
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA max_page_count = 1073741823"_s));
    }
    QVERIFY2(store.flush(&error), qPrintable(error));
    QCOMPARE(store.loadTasks().size(), 500);
}

void TestStateStore::flushWithoutOpenFails()
{
    StateStore store;
    QVERIFY(!store.isOpen());
    store.saveTask(fullTask(u"s01-sh01/image"_s));
    QString error;
    QVERIFY(!store.flush(&error));
    QVERIFY2(error.contains(u"not open"_s), qPrintable(error));
    QVERIFY(store.hasPendingWrites());
    QVERIFY(store.loadTasks().isEmpty());
}

void TestStateStore::runsGetUniqueIds()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    const QDateTime start = QDateTime(QDate(2026, 11, 25), QTime(14, 30, 0), Qt::UTC);
    const QString first = store.beginRun(start);
    const QString second = store.beginRun(start);
    QCOMPARE(first, u"20261125-143000-1"_s);
    QCOMPARE(second, u"20261125-143000-2"_s);
    store.endRun(first, start.addSecs(90), u"completed"_s);

    // Committed at once: another connection sees both rows without a flush.
    withConnection(m_path, [&](QSqlDatabase &db) {
        QCOMPARE(queryValue(db, u"SELECT COUNT(*) FROM runs"_s).toInt(), 2);
        QCOMPARE(
            queryValue(db, u"SELECT outcome FROM runs WHERE id = '%1'"_s.arg(first)).toString(),
            u"completed"_s);
        QCOMPARE(
            queryValue(db, u"SELECT ended_at FROM runs WHERE id = '%1'"_s.arg(first)).toString(),
            u"2026-11-25T14:31:30.000Z"_s);
        QVERIFY(
            queryValue(db, u"SELECT ended_at FROM runs WHERE id = '%1'"_s.arg(second)).isNull());
    });

    // The counter continues across sessions.
    store.close();
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    QCOMPARE(store.beginRun(start.addDays(1)), u"20261126-143000-3"_s);
}

void TestStateStore::tenThousandTasksInOneFlush()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));

    constexpr int kTasks = 10000;
    for (int i = 0; i < kTasks; ++i)
        store.saveTask(fullTask(u"s%1-sh%2/image"_s.arg(i / 100).arg(i % 100)));
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(store.flush(&error), qPrintable(error));
    const qint64 insertMs = timer.elapsed();

    for (int i = 0; i < kTasks; ++i) {
        StoredTask task = fullTask(u"s%1-sh%2/image"_s.arg(i / 100).arg(i % 100));
        task.state = TaskState::Running;
        store.saveTask(task);
    }
    timer.restart();
    QVERIFY2(store.flush(&error), qPrintable(error));
    const qint64 updateMs = timer.elapsed();
    qInfo("flush of %d new tasks: %lld ms; of %d task updates: %lld ms", kTasks, insertMs, kTasks,
          updateMs);

    const QList<StoredTask> tasks = store.loadTasks();
    QCOMPARE(tasks.size(), kTasks);
    QCOMPARE(nameOf(tasks.last().state), nameOf(TaskState::Running));
}

QTEST_GUILESS_MAIN(TestStateStore)
// A checkpoint copies the task rows and the meta values that describe them; a restore puts
// both back and keeps the state before it as its undo checkpoint; removing a checkpoint
// removes its rows.
void TestStateStore::checkpointRowsRestoreWithTheirMeta()
{
    StateStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    store.saveTask(fullTask(u"a"_s));
    store.saveTask(fullTask(u"b"_s));
    QVERIFY2(store.flush(&error), qPrintable(error));
    const auto setMeta = [this](const QString &value) {
        withConnection(m_path, [&](QSqlDatabase &db) {
            QSqlQuery query(db);
            QVERIFY(query.exec(
                u"INSERT OR REPLACE INTO meta (key, value) VALUES ('inputs', '%1')"_s.arg(value)));
        });
    };
    const auto meta = [this] {
        QString value;
        withConnection(m_path, [&](QSqlDatabase &db) {
            value = queryValue(db, u"SELECT group_concat(value) FROM meta"_s).toString();
        });
        return value;
    };
    const auto ids = [&store] {
        QStringList list;
        for (const StoredTask &t : store.loadTasks())
            list << t.id + u':' + nameOf(t.state);
        return list.join(u' ');
    };
    setMeta(u"v1"_s);

    // Given a checkpoint of two done tasks
    const CheckpointInfo cp = store.createCheckpoint(u"manual"_s, u"{}"_s, &error);
    QVERIFY2(!cp.id.isEmpty(), qPrintable(error));
    QVERIFY(cp.file.isEmpty());
    QVERIFY(cp.sizeBytes > 0);
    QCOMPARE(store.loadCheckpointTasks(cp.id).size(), 2);

    // and later rows (one failed, one more task, other meta), one of them still queued,
    StoredTask failed = fullTask(u"a"_s);
    failed.state = TaskState::Failed;
    store.saveTask(failed);
    store.saveTask(fullTask(u"c"_s));
    QVERIFY2(store.flush(&error), qPrintable(error));
    setMeta(u"v2"_s);
    StoredTask queued = fullTask(u"b"_s);
    queued.state = TaskState::Queued;
    store.saveTask(queued);

    // when the checkpoint is restored, its rows and meta are back,
    const CheckpointInfo undo =
        store.restoreCheckpoint(cp.id, nullptr, u"before"_s, u"{}"_s, &error);
    QVERIFY2(!undo.id.isEmpty(), qPrintable(error));
    QVERIFY(!store.hasPendingWrites());
    QCOMPARE(ids(), u"a:done b:done"_s);
    QCOMPARE(meta(), u"v1"_s);
    // and the undo checkpoint holds the state before, the queued write included.
    QCOMPARE(store.loadCheckpointTasks(undo.id).size(), 3);
    QVERIFY2(store.restoreCheckpoint(undo.id, nullptr, u"before"_s, u"{}"_s, &error).id.size() > 0,
             qPrintable(error));
    QCOMPARE(ids(), u"a:failed b:queued c:done"_s);
    QCOMPARE(meta(), u"v2"_s);

    // An unknown checkpoint changes nothing; a removed one takes its rows with it.
    QVERIFY(store.restoreCheckpoint(u"cp-nope"_s, nullptr, u"x"_s, u"{}"_s, &error).id.isEmpty());
    QCOMPARE(ids(), u"a:failed b:queued c:done"_s);
    QVERIFY2(store.removeCheckpoint(cp.id, &error), qPrintable(error));
    QVERIFY(store.loadCheckpointTasks(cp.id).isEmpty());
    withConnection(m_path, [&](QSqlDatabase &db) {
        QCOMPARE(queryValue(
                     db, u"SELECT COUNT(*) FROM checkpoint_tasks WHERE checkpoint_id = '%1'"_s.arg(
                             cp.id))
                     .toInt(),
                 0);
    });
}

#include "tst_statestore.moc"
