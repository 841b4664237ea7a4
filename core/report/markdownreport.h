// report.md: the job report as Markdown (retake-cli report --format md), rendered from
// report.json: header, counts, tasks, failures with their recovery path, audit trail.
#pragma once

#include <QJsonObject>
#include <QString>

namespace retake {

class MarkdownReport final
{
public:
    MarkdownReport() = delete;

    static QString render(const QJsonObject &report);
};

} // namespace retake
