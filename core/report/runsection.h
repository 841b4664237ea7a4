// report.json's "run": the run's times, its outcome in the report's vocabulary and why
// ("recovered", with recoveredAt, when the tasks it ended with failed are all done now),
// and how the report was made (debug logging, budget cap, when task states were read).
#pragma once

#include <QJsonObject>

namespace retake {

struct ReportContext;

class RunSection final
{
public:
    RunSection() = delete;

    static QJsonObject build(const ReportContext &context);
};

} // namespace retake
