// report.md: the job report as Markdown (retake-cli report --format md), rendered from
// report.json: header, counts, tasks, failures with their recovery path, audit trail.
#pragma once

#include "report/reportparts.h"

#include <QJsonObject>
#include <QString>

class QIODevice;

namespace retake {

class MarkdownReport final
{
public:
    MarkdownReport() = delete;

    // The text of a whole report (report.json as one object).
    static QString render(const QJsonObject &report);
    // Writes the text to `device` (UTF-8) a section or a slice of rows at a time; the same
    // bytes as render() of the whole report. False when a write failed.
    static bool write(const ReportParts &parts, QIODevice *device,
                      qsizetype rowsPerSlice = ReportParts::kRowsPerSlice);
};

} // namespace retake
