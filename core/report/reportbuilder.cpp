#include "reportbuilder.h"

#include "report/auditsection.h"
#include "report/countssection.h"
#include "report/failuresection.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/reportcontext.h"
#include "report/runsection.h"
#include "report/statereader.h"
#include "report/tasksection.h"
#include "report/timeline.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

ReportBuilder::ReportBuilder(const Project &project, const QString &workspaceDir)
    : m_project(project), m_workspaceDir(workspaceDir), m_providers(providersOf(project))
{
}

QList<ProviderInfo> ReportBuilder::providersOf(const Project &project)
{
    QList<ProviderInfo> list;
    bool builtin = false;
    for (const ProviderProfile &profile : project.providers) {
        list << ProviderInfo{profile.id, profile.kind, profile.model, profile.costPerUnit,
                             std::max(1, profile.maxConcurrency)};
        builtin = builtin || profile.id == QString::fromUtf16(kBuiltinProviderId);
    }
    if (!builtin) {
        list << ProviderInfo{QString::fromUtf16(kBuiltinProviderId), u"local"_s, QString(), 0.0, 4};
    }
    return list;
}

QString ReportBuilder::reportDirectory(const QString &workspaceDir, const QString &runId)
{
    return Workspace(workspaceDir).path(u"reports/"_s + runId);
}

QString ReportBuilder::newestRunId(const QString &workspaceDir, QString *error)
{
    StateReader reader;
    if (!reader.open(Workspace(workspaceDir).path(u"state.sqlite"_s), error))
        return {};
    const QList<RunRecord> runs = reader.runs();
    if (runs.isEmpty()) {
        if (error)
            *error = u"no run is recorded in %1 yet; start one with retake-cli run"_s.arg(
                QDir::toNativeSeparators(workspaceDir));
        return {};
    }
    return runs.last().id;
}

bool ReportBuilder::build(const QString &runId, QString *error)
{
    QString localError;
    QString &why = error ? *error : localError;
    ReportContext context(m_project, m_workspaceDir, m_options, m_providers);
    if (!context.load(runId, m_liveTasks, &why))
        return false;

    const QFileInfo storyboard(m_project.filePath);
    m_report = QJsonObject{
        {u"format"_s, QString::fromUtf16(kFormat)},
        {u"generatedAt"_s, ReportContext::iso(context.now)},
        {u"generator"_s, QString(u"Retake "_s + QString::fromLatin1(RETAKE_VERSION))},
        {u"storyboard"_s, QJsonObject{{u"title"_s, m_project.title},
                                      {u"file"_s, storyboard.fileName()},
                                      {u"workspace"_s, QFileInfo(m_workspaceDir).fileName()}}},
        {u"run"_s, RunSection::build(context)},
        {u"counts"_s, CountsSection::build(context)},
        {u"tasks"_s, TaskSection::build(context)},
        {u"failures"_s, FailureSection::build(context)},
        {u"audit"_s, AuditSection::build(context)},
        {u"timeline"_s, Timeline::build(context.allAttempts, context.events, context.windowStart,
                                        context.windowEnd)
                            .toJson()},
    };
    m_runId = context.run.id;
    return true;
}

QString ReportBuilder::html() const
{
    return HtmlReport::render(m_report);
}

QString ReportBuilder::markdown() const
{
    return MarkdownReport::render(m_report);
}

bool ReportBuilder::write(const QList<ReportFormat> &formats, ReportFiles *files,
                          QString *error) const
{
    QString localError;
    QString &why = error ? *error : localError;
    if (m_runId.isEmpty()) {
        why = u"the report has not been built"_s;
        return false;
    }
    const QString directory = reportDirectory(m_workspaceDir, m_runId);
    if (!QDir().mkpath(directory)) {
        why = u"cannot create %1; check that the workspace is writable"_s.arg(
            QDir::toNativeSeparators(directory));
        return false;
    }
    const auto save = [&](const QString &name, const QByteArray &bytes) -> QString {
        QString path = QDir(directory).filePath(name);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
            !file.commit()) {
            why = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
            return {};
        }
        return path;
    };
    ReportFiles result;
    result.directory = directory;
    result.json = save(u"report.json"_s, QJsonDocument(m_report).toJson(QJsonDocument::Indented));
    if (result.json.isEmpty())
        return false;
    result.html = save(u"report.html"_s, html().toUtf8());
    if (result.html.isEmpty())
        return false;
    if (formats.contains(ReportFormat::Markdown)) {
        result.markdown = save(u"report.md"_s, markdown().toUtf8());
        if (result.markdown.isEmpty())
            return false;
    }
    if (files)
        *files = result;
    return true;
}

} // namespace retake
