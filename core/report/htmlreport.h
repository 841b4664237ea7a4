// report.html: a self-contained page (inline CSS, no script, no external resource) rendered
// from report.json. Well-formed XHTML-compatible HTML5: every element closed, attributes
// quoted, text escaped, so it parses as XML too. Thumbnails and partial outputs are links
// relative to reports/<run-id>/ ("../../draft/..."), so the workspace folder can be zipped
// and sent as it is.
#pragma once

#include <QJsonObject>
#include <QString>

namespace retake {

class HtmlReport final
{
public:
    HtmlReport() = delete;

    static QString render(const QJsonObject &report);
    // "../../<path>" with every segment percent-encoded: a link from reports/<run-id>/.
    static QString workspaceLink(const QString &relativePath);
};

} // namespace retake
