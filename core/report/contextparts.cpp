#include "contextparts.h"

#include "report/countssection.h"
#include "report/failuresection.h"
#include "report/reportcontext.h"
#include "report/runsection.h"
#include "report/tasksection.h"
#include "report/timeline.h"

#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

ContextParts::ContextParts(const ReportContext &context)
    : m_context(context), m_audit(context), m_failures(FailureSection::ids(context))
{
}

QJsonObject ContextParts::head() const
{
    const ReportContext &context = m_context;
    return QJsonObject{
        {u"format"_s, QString::fromUtf16(ReportBuilder::kFormat)},
        {u"generatedAt"_s, ReportContext::iso(context.now)},
        {u"generator"_s, QString(u"Retake "_s + QString::fromLatin1(RETAKE_VERSION))},
        {u"storyboard"_s,
         QJsonObject{{u"title"_s, context.project.title},
                     {u"file"_s, QFileInfo(context.project.filePath).fileName()},
                     {u"workspace"_s, QFileInfo(context.workspaceDir).fileName()}}},
        {u"run"_s, RunSection::build(context)},
    };
}

QJsonObject ContextParts::counts() const
{
    return CountsSection::build(m_context);
}

QJsonObject ContextParts::timeline() const
{
    const ReportContext &context = m_context;
    return Timeline::build(context.allAttempts, context.events, context.windowStart,
                           context.windowEnd)
        .toJson();
}

QJsonArray ContextParts::failures(qsizetype from, qsizetype count) const
{
    QJsonArray slice;
    for (qsizetype i = from; i < std::min(m_failures.size(), from + count); ++i)
        slice.append(FailureSection::failure(m_context, m_failures.at(i)));
    return slice;
}

qsizetype ContextParts::taskCount() const
{
    return m_context.order.size();
}

QJsonArray ContextParts::tasks(qsizetype from, qsizetype count) const
{
    const QStringList &order = m_context.order;
    QJsonArray slice;
    for (qsizetype i = from; i < std::min(order.size(), from + count); ++i)
        slice.append(TaskSection::row(m_context, order.at(i)));
    return slice;
}

QJsonArray ContextParts::steps(qsizetype from, qsizetype count) const
{
    return m_audit.steps(from, count);
}

} // namespace retake
