// Human wording shared by the HTML and Markdown reports and the CLI: durations, times,
// cost units, outcome labels.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace retake {

class ReportText final
{
public:
    ReportText() = delete;

    // "850 ms", "12.4 s", "3 min 05 s", "1 h 02 min"; "—" for null.
    static QString duration(const QJsonValue &milliseconds);
    static QString duration(qint64 ms);
    // An ISO-8601 time from report.json as "2026-11-25 14:30:00 UTC"; "—" for null/empty.
    static QString time(const QJsonValue &iso);
    // Cost units with two decimals.
    static QString cost(double units);
    // An error object of report.json ({class, httpStatus, message}) as one line:
    // "timeout (HTTP 504): message"; empty for null.
    static QString errorText(const QJsonValue &error);
    // "Complete", "Partial", "Cancelled", "Budget cap reached", ...
    static QString outcomeLabel(const QString &outcome);
    // A quality name of report.json for people: "full · other provider" for
    // "full_other_provider", the name itself otherwise, "—" for "none".
    static QString qualityLabel(const QString &quality);
};

} // namespace retake
