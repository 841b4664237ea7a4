// A ComfyUI workflow template in API format ("Save (API Format)" in ComfyUI: an object of
// nodes, each {"class_type", "inputs"}) with placeholders that Retake fills per task:
// {{prompt}} {{negative}} {{seed}} {{width}} {{height}} {{steps}} {{model}}
// {{input_image}} {{frames}} {{fps}} {{duration}} {{filename_prefix}}.
// A string that is exactly one placeholder becomes a typed value (numbers stay numbers);
// placeholders inside longer strings are replaced as text. Values are inserted into the
// parsed JSON, so a prompt can never change the workflow's structure.
#pragma once

#include "domain/types.h"

#include <QJsonObject>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace retake {

class ComfyUiWorkflow final
{
public:
    // The built-in templates: SD 1.5 text-to-image, and SVD image-to-video ending in
    // CreateVideo + SaveVideo (mp4).
    static ComfyUiWorkflow defaultImage();
    static ComfyUiWorkflow defaultVideo();
    // Reads a template file. On failure returns nothing and sets `error`.
    static std::optional<ComfyUiWorkflow> fromFile(const QString &path, QString *error);
    static std::optional<ComfyUiWorkflow> fromJson(const QByteArray &json, const QString &source,
                                                   QString *error);

    QString source() const { return m_source; }
    const QJsonObject &nodes() const { return m_nodes; }
    bool usesPlaceholder(const QString &name) const;
    // The template with every placeholder replaced by `values` (unknown placeholders are
    // an error, named in `error`).
    std::optional<QJsonObject> instantiate(const QVariantMap &values, QString *error) const;
    // "node 4 (CheckpointLoaderSimple)".
    QString describeNode(const QString &nodeId) const;

private:
    QString m_source;
    QJsonObject m_nodes;
};

} // namespace retake
