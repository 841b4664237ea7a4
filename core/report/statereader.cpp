#include "statereader.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>

#include <atomic>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return u"retake-report-reader-"_s + QString::number(++counter);
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
        if (db.open())
            ok = StateRows(db).hasRunsTable(&why);
        else
            why = db.lastError().text();
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

StateRows StateReader::rows() const
{
    return StateRows(QSqlDatabase::database(m_connectionName, false));
}

QList<RunRecord> StateReader::runs() const
{
    return isOpen() ? rows().runs() : QList<RunRecord>();
}

QList<StoredTask> StateReader::tasks() const
{
    return isOpen() ? rows().tasks() : QList<StoredTask>();
}

QHash<QString, QList<Attempt>> StateReader::attempts() const
{
    return isOpen() ? rows().attempts() : QHash<QString, QList<Attempt>>();
}

QList<StoredEvent> StateReader::events() const
{
    return isOpen() ? rows().events() : QList<StoredEvent>();
}

QList<CheckpointInfo> StateReader::checkpoints() const
{
    return isOpen() ? rows().checkpoints() : QList<CheckpointInfo>();
}

QList<TaskLine> StateReader::taskLines() const
{
    return isOpen() ? rows().taskLines() : QList<TaskLine>();
}

int StateReader::attemptCount(const QString &taskId) const
{
    return isOpen() ? rows().attemptCount(taskId) : 0;
}

QHash<QString, QList<Attempt>> StateReader::attemptTimes() const
{
    return isOpen() ? rows().attemptTimes() : QHash<QString, QList<Attempt>>();
}

std::optional<QList<StateRows::DurationSum>> StateReader::attemptDurations() const
{
    return isOpen() ? rows().attemptDurations() : std::nullopt;
}

QString StateReader::unfinishedRunId() const
{
    return isOpen() ? rows().unfinishedRunId() : QString();
}

} // namespace retake
