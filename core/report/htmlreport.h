// report.html: a self-contained page (inline CSS, no script, no external resource) rendered
// from report.json. Well-formed XHTML-compatible HTML5: every element closed, attributes
// quoted, text escaped, so it parses as XML too. Thumbnails and partial outputs are links
// relative to reports/<run-id>/ ("../../draft/..."), so the workspace folder can be zipped
// and sent as it is.
#pragma once

#include "report/reportparts.h"

#include <QJsonObject>
#include <QString>

class QIODevice;

namespace retake {

class HtmlReport final
{
public:
    HtmlReport() = delete;

    // The page of a whole report (report.json as one object).
    static QString render(const QJsonObject &report);
    // Writes the page to `device` (UTF-8) as it renders it, a slice of rows at a time; the
    // same bytes as render() of the whole report. False when a write failed.
    static bool write(const ReportParts &parts, QIODevice *device,
                      qsizetype rowsPerSlice = ReportParts::kRowsPerSlice);
    // "../../<path>" with every segment percent-encoded: a link from reports/<run-id>/.
    static QString workspaceLink(const QString &relativePath);
};

} // namespace retake
