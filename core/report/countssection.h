// report.json's "counts": tasks by state and done tasks by quality (as of the report),
// degraded tasks, and the attempts of the run and how many of them failed.
#pragma once

#include <QJsonObject>

namespace retake {

struct ReportContext;

class CountsSection final
{
public:
    CountsSection() = delete;

    static QJsonObject build(const ReportContext &context);
};

} // namespace retake
