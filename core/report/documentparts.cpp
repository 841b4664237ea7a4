#include "documentparts.h"

using namespace Qt::StringLiterals;

namespace retake {

DocumentParts::DocumentParts(const QJsonObject &report)
    : m_report(report), m_audit(report.value(u"audit"_s).toObject())
{
}

QJsonArray DocumentParts::slice(const QJsonArray &array, qsizetype from, qsizetype count)
{
    if (from == 0 && count >= array.size())
        return array;
    QJsonArray part;
    for (qsizetype i = from; i < std::min(array.size(), from + count); ++i)
        part.append(array.at(i));
    return part;
}

QJsonObject DocumentParts::head() const
{
    QJsonObject head = m_report;
    for (const QString &section :
         {u"audit"_s, u"counts"_s, u"failures"_s, u"tasks"_s, u"timeline"_s})
        head.remove(section);
    return head;
}

QJsonObject DocumentParts::counts() const
{
    return m_report.value(u"counts"_s).toObject();
}

QJsonObject DocumentParts::timeline() const
{
    return m_report.value(u"timeline"_s).toObject();
}

qsizetype DocumentParts::failureCount() const
{
    return m_report.value(u"failures"_s).toArray().size();
}

QJsonArray DocumentParts::failures(qsizetype from, qsizetype count) const
{
    return slice(m_report.value(u"failures"_s).toArray(), from, count);
}

qsizetype DocumentParts::taskCount() const
{
    return m_report.value(u"tasks"_s).toArray().size();
}

QJsonArray DocumentParts::tasks(qsizetype from, qsizetype count) const
{
    return slice(m_report.value(u"tasks"_s).toArray(), from, count);
}

QJsonObject DocumentParts::usage() const
{
    return m_audit.value(u"usage"_s).toObject();
}

QJsonArray DocumentParts::providers() const
{
    return m_audit.value(u"providers"_s).toArray();
}

qsizetype DocumentParts::stepCount() const
{
    return m_audit.value(u"stepsCompleted"_s).toArray().size();
}

QJsonArray DocumentParts::steps(qsizetype from, qsizetype count) const
{
    return slice(m_audit.value(u"stepsCompleted"_s).toArray(), from, count);
}

QJsonObject DocumentParts::files() const
{
    return m_audit.value(u"files"_s).toObject();
}

QJsonArray DocumentParts::checkpoints() const
{
    return m_audit.value(u"checkpoints"_s).toArray();
}

QJsonArray DocumentParts::events() const
{
    return m_audit.value(u"events"_s).toArray();
}

} // namespace retake
