// What every section of a job report is built from (see reportbuilder.h): the run and the
// time window it owns, its tasks in report order with their states, attempts, events and
// checkpoints from the state database, the project's shots and scenes, the provider
// profiles and the redaction of private text. Loaded once by ReportBuilder::build().
#pragma once

#include "domain/project.h"
#include "domain/taskid.h"
#include "report/redactor.h"
#include "report/reportbuilder.h"
#include "report/usageestimator.h"
#include "store/staterows.h"
#include "store/workspace.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace retake {

struct ReportContext final {
    struct ShotRef {
        const Scene *scene = nullptr;
        const Shot *shot = nullptr;
    };

    ReportContext(const Project &project, const QString &workspaceDir, const ReportOptions &options,
                  const QList<ProviderInfo> &providers);

    // Reads run `runId` (empty = the newest) and its tasks; `liveTasks` as in
    // ReportBuilder::setLiveTasks(). False with `error` (not null) set when there is no
    // state database or no such run.
    bool load(const QString &runId, const QList<TaskSnapshot> &liveTasks, QString *error);

    // Whether `time` falls in the window the run owns.
    bool inRun(const QDateTime &time) const;
    QList<Attempt> runAttemptsOf(const QString &taskId) const;
    // The newest failed attempt of a task (any run) that was not a cancellation.
    std::optional<Attempt> lastFailureOf(const QString &taskId) const;
    double videoSeconds(const QString &taskId) const;
    QJsonObject errorObject(ErrorClass cls, int httpStatus, const QString &message) const;
    QString clean(const QString &text) const { return redactor.apply(text); }
    const StoredTask &task(const QString &id) const { return *tasks.constFind(id); }

    static Stage stageOf(const QString &taskId);
    static QString shotIdOf(const QString &taskId) { return TaskId::itemOf(taskId); }
    static QString iso(const QDateTime &time);
    static QJsonValue isoOrNull(const QDateTime &time);
    static QJsonValue stringOrNull(const QString &text);
    static qint64 durationOf(const Attempt &a);
    static bool failedAttempt(const Attempt &a) { return a.errorClass != ErrorClass::None; }

    const Project project; // a copy: shots and scenes below point into it
    const QString workspaceDir;
    const Workspace workspace;
    const ReportOptions options;
    const QList<ProviderInfo> providers;
    QHash<QString, ProviderInfo> providerInfo;

    RunRecord run;
    QDateTime windowStart;
    QDateTime windowEnd; // invalid for the newest run: until now
    bool ended = false;
    bool crashed = false;
    QDateTime now;

    QHash<QString, ShotRef> shots;
    QHash<QString, const Scene *> scenes;
    Redactor redactor;

    QStringList order; // every task, in report order
    QHash<QString, StoredTask> tasks;
    QHash<QString, QStringList> tasksOfShot; // in order
    QHash<QString, QList<Attempt>> allAttempts;
    QList<StoredEvent> events;
    QList<CheckpointInfo> checkpoints;

private:
    bool selectRun(const QList<RunRecord> &runs, const QString &runId, QString *error);
    void indexProject();
    void orderTasks(const QList<StoredTask> &stored, const QList<TaskSnapshot> &liveTasks);
    void resolveTasks(QList<StoredTask> stored, const QList<TaskSnapshot> &liveTasks);
};

} // namespace retake
