#include "statereader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return u"retake-report-reader-"_s + QString::number(++counter);
}

// Times are stored as ISO-8601 UTC with milliseconds; NULL or empty = invalid.
QDateTime timeFromSql(const QVariant &value)
{
    if (value.isNull() || value.toString().isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : time;
}

template <typename Enum>
Enum enumFromSql(std::optional<Enum> (*parse)(const QString &), const QVariant &value,
                 Enum fallback)
{
    const std::optional<Enum> parsed = parse(value.toString());
    return parsed ? *parsed : fallback;
}

} // namespace

StateReader::~StateReader()
{
    close();
}

bool StateReader::open(const QString &databasePath, QString *error)
{
    close();
    const QFileInfo info(databasePath);
    if (!info.exists() || info.size() == 0) {
        if (error)
            *error = u"%1 does not exist yet: nothing has run in this workspace"_s.arg(
                QDir::toNativeSeparators(databasePath));
        return false;
    }
    const QString name = nextConnectionName();
    bool ok = false;
    QString why;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(databasePath);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open()) {
            QSqlQuery probe(db);
            ok = probe.exec(u"SELECT COUNT(*) FROM runs"_s) && probe.next();
            if (!ok)
                why = probe.lastError().text();
        } else {
            why = db.lastError().text();
        }
    }
    if (!ok) {
        QSqlDatabase::removeDatabase(name);
        if (error)
            *error = u"cannot read %1 (%2); is it a Retake state database?"_s.arg(
                QDir::toNativeSeparators(databasePath), why);
        return false;
    }
    m_connectionName = name;
    return true;
}

void StateReader::close()
{
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

QList<RunRecord> StateReader::runs() const
{
    QList<RunRecord> runs;
    if (!isOpen())
        return runs;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, started_at, ended_at, outcome FROM runs"
                    u" ORDER BY started_at, rowid"_s))
        return runs;
    while (query.next()) {
        RunRecord run;
        run.id = query.value(0).toString();
        run.startedAt = timeFromSql(query.value(1));
        run.endedAt = timeFromSql(query.value(2));
        run.outcome = query.value(3).toString();
        runs << run;
    }
    return runs;
}

QList<StoredTask> StateReader::tasks() const
{
    QList<StoredTask> tasks;
    if (!isOpen())
        return tasks;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id, state, quality, rung, provider_id, attempt_count, last_error,"
                    u" last_message, last_http_status, output_path, manual_retries"
                    u" FROM tasks ORDER BY rowid"_s))
        return tasks;
    while (query.next()) {
        StoredTask t;
        t.id = query.value(0).toString();
        t.state = enumFromSql(taskStateFromString, query.value(1), TaskState::Waiting);
        t.quality = enumFromSql(qualityFromString, query.value(2), Quality::None);
        t.rung = enumFromSql(rungKindFromString, query.value(3), RungKind::Primary);
        t.providerId = query.value(4).toString();
        t.attemptCount = query.value(5).toInt();
        t.lastError = enumFromSql(errorClassFromString, query.value(6), ErrorClass::None);
        t.lastMessage = query.value(7).toString();
        t.lastHttpStatus = query.value(8).toInt();
        t.outputPath = query.value(9).toString();
        t.manualRetries = query.value(10).toInt();
        tasks << t;
    }
    return tasks;
}

QHash<QString, QList<Attempt>> StateReader::attempts() const
{
    QHash<QString, QList<Attempt>> attempts;
    if (!isOpen())
        return attempts;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    const QString columns = u"SELECT task_id, number, rung, provider_id, model, params_hash,"
                            u" params_json, started_at, ended_at, error_class, http_status,"
                            u" message, output_path, archived_to, cost_units, counted"_s;
    // stderr_tail exists from schema 3 on; a file no engine of that version has opened yet
    // (this reader never migrates) has none.
    const bool withTail =
        query.exec(columns + u", stderr_tail FROM attempts ORDER BY task_id, number"_s);
    if (!withTail && !query.exec(columns + u" FROM attempts ORDER BY task_id, number"_s))
        return attempts;
    while (query.next()) {
        Attempt a;
        a.number = query.value(1).toInt();
        a.rung = enumFromSql(rungKindFromString, query.value(2), RungKind::Primary);
        a.providerId = query.value(3).toString();
        a.model = query.value(4).toString();
        a.paramsHash = query.value(5).toString();
        // params_json holds the prompt: it is read only so that nothing else is lost, and the
        // report decides what of it to show.
        const QString params = query.value(6).toString();
        if (!params.isEmpty())
            a.params = QJsonDocument::fromJson(params.toUtf8()).object().toVariantMap();
        a.startedAt = timeFromSql(query.value(7));
        a.endedAt = timeFromSql(query.value(8));
        a.errorClass = enumFromSql(errorClassFromString, query.value(9), ErrorClass::None);
        a.httpStatus = query.value(10).toInt();
        a.message = query.value(11).toString();
        a.outputPath = query.value(12).toString();
        a.archivedTo = query.value(13).toString();
        a.costUnits = query.value(14).toDouble();
        a.countedAgainstBudget = query.value(15).toInt() != 0;
        if (withTail)
            a.stderrTail = query.value(16).toString();
        attempts[query.value(0).toString()].append(a);
    }
    return attempts;
}

QList<StoredEvent> StateReader::events() const
{
    QList<StoredEvent> events;
    if (!isOpen())
        return events;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT time, task_id, kind, detail FROM events ORDER BY id"_s))
        return events;
    while (query.next()) {
        StoredEvent e;
        e.time = timeFromSql(query.value(0));
        e.taskId = query.value(1).toString();
        e.kind = query.value(2).toString();
        e.detail = query.value(3).toString();
        events << e;
    }
    return events;
}

QList<CheckpointInfo> StateReader::checkpoints() const
{
    QList<CheckpointInfo> list;
    if (!isOpen())
        return list;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    // The table exists from schema 2 on; an older file simply has none.
    if (!query.exec(u"SELECT id, created_at, reason, file, counts_json, size_bytes"
                    u" FROM checkpoints ORDER BY created_at, rowid"_s))
        return list;
    while (query.next()) {
        CheckpointInfo info;
        info.id = query.value(0).toString();
        info.createdAt = timeFromSql(query.value(1));
        info.reason = query.value(2).toString();
        info.file = query.value(3).toString();
        info.countsJson = query.value(4).toString();
        info.sizeBytes = query.value(5).toLongLong();
        list << info;
    }
    return list;
}

} // namespace retake
