// report.json written as it is produced (docs/ARCHITECTURE.md, "Reports"): the same bytes as
// QJsonDocument(report).toJson(QJsonDocument::Indented) of the whole report, with the long
// lists taken a slice at a time from ReportParts.
#pragma once

#include "report/reportparts.h"

class QIODevice;

namespace retake {

class ReportJson final
{
public:
    ReportJson() = delete;

    // False when a write to `device` failed.
    static bool write(const ReportParts &parts, QIODevice *device,
                      qsizetype rowsPerSlice = ReportParts::kRowsPerSlice);
};

} // namespace retake
