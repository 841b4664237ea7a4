#include "reportbuilder.h"

#include "report/auditsection.h"
#include "report/contextparts.h"
#include "report/countssection.h"
#include "report/failuresection.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/reportcontext.h"
#include "report/reportjson.h"
#include "report/runsection.h"
#include "report/statereader.h"
#include "report/tasksection.h"
#include "report/timeline.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <functional>

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
    auto context =
        std::make_shared<ReportContext>(m_project, m_workspaceDir, m_options, m_providers);
    if (!context->load(runId, m_liveTasks, &why))
        return false;
    m_runId = context->run.id;
    m_context = std::move(context);
    return true;
}

QJsonObject ReportBuilder::run() const
{
    return m_context ? RunSection::build(*m_context) : QJsonObject();
}

QJsonObject ReportBuilder::json() const
{
    if (!m_context)
        return {};
    const ReportContext &context = *m_context;
    QJsonObject report = ContextParts(context).head();
    report.insert(u"counts"_s, CountsSection::build(context));
    report.insert(u"tasks"_s, TaskSection::build(context));
    report.insert(u"failures"_s, FailureSection::build(context));
    report.insert(u"audit"_s, AuditSection::build(context));
    report.insert(u"timeline"_s, Timeline::build(context.allAttempts, context.events,
                                                 context.windowStart, context.windowEnd)
                                     .toJson());
    return report;
}

QString ReportBuilder::html() const
{
    return HtmlReport::render(json());
}

QString ReportBuilder::markdown() const
{
    return MarkdownReport::render(json());
}

bool ReportBuilder::write(const QList<ReportFormat> &formats, ReportFiles *files,
                          QString *error) const
{
    QString localError;
    QString &why = error ? *error : localError;
    if (!m_context) {
        why = u"the report has not been built"_s;
        return false;
    }
    const QString directory = reportDirectory(m_workspaceDir, m_runId);
    if (!QDir().mkpath(directory)) {
        why = u"cannot create %1; check that the workspace is writable"_s.arg(
            QDir::toNativeSeparators(directory));
        return false;
    }
    const ContextParts parts(*m_context);
    const qsizetype rows = std::max<qsizetype>(1, m_rowsPerSlice);
    const auto save = [&](const QString &name,
                          const std::function<bool(QIODevice *)> &render) -> QString {
        QString path = QDir(directory).filePath(name);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !render(&file) || !file.commit()) {
            why = u"cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
            return {};
        }
        return path;
    };
    ReportFiles result;
    result.directory = directory;
    result.json = save(u"report.json"_s,
                       [&](QIODevice *device) { return ReportJson::write(parts, device, rows); });
    if (result.json.isEmpty())
        return false;
    result.html = save(u"report.html"_s,
                       [&](QIODevice *device) { return HtmlReport::write(parts, device, rows); });
    if (result.html.isEmpty())
        return false;
    if (formats.contains(ReportFormat::Markdown)) {
        result.markdown = save(u"report.md"_s, [&](QIODevice *device) {
            return MarkdownReport::write(parts, device, rows);
        });
        if (result.markdown.isEmpty())
            return false;
    }
    if (files)
        *files = result;
    return true;
}

} // namespace retake
