#include "providers/comfyuiworkflow.h"

#include "providers/jsontemplate.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr qint64 kMaxTemplateBytes = qint64(4) * 1024 * 1024;

// SD 1.5 text-to-image, the graph ComfyUI loads by default, in API format.
constexpr char kDefaultImage[] = R"({
  "3": {"class_type": "KSampler", "inputs": {"seed": "{{seed}}", "steps": "{{steps}}",
        "cfg": 7, "sampler_name": "euler", "scheduler": "normal", "denoise": 1,
        "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0],
        "latent_image": ["5", 0]}},
  "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "{{model}}"}},
  "5": {"class_type": "EmptyLatentImage",
        "inputs": {"width": "{{width}}", "height": "{{height}}", "batch_size": 1}},
  "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{prompt}}", "clip": ["4", 1]}},
  "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "{{negative}}", "clip": ["4", 1]}},
  "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
  "9": {"class_type": "SaveImage",
        "inputs": {"filename_prefix": "retake/{{filename_prefix}}", "images": ["8", 0]}}
})";

// Stable Video Diffusion image-to-video with core nodes, saved as H.264 mp4.
constexpr char kDefaultVideo[] = R"({
  "1": {"class_type": "ImageOnlyCheckpointLoader", "inputs": {"ckpt_name": "{{model}}"}},
  "2": {"class_type": "LoadImage", "inputs": {"image": "{{input_image}}"}},
  "3": {"class_type": "SVD_img2vid_Conditioning",
        "inputs": {"clip_vision": ["1", 1], "init_image": ["2", 0], "vae": ["1", 2],
                   "width": "{{width}}", "height": "{{height}}", "video_frames": "{{frames}}",
                   "motion_bucket_id": 127, "fps": "{{fps}}", "augmentation_level": 0}},
  "4": {"class_type": "VideoLinearCFGGuidance", "inputs": {"model": ["1", 0], "min_cfg": 1}},
  "5": {"class_type": "KSampler", "inputs": {"seed": "{{seed}}", "steps": "{{steps}}",
        "cfg": 2.5, "sampler_name": "euler", "scheduler": "karras", "denoise": 1,
        "model": ["4", 0], "positive": ["3", 0], "negative": ["3", 1],
        "latent_image": ["3", 2]}},
  "6": {"class_type": "VAEDecode", "inputs": {"samples": ["5", 0], "vae": ["1", 2]}},
  "7": {"class_type": "CreateVideo", "inputs": {"images": ["6", 0], "fps": "{{fps}}"}},
  "8": {"class_type": "SaveVideo",
        "inputs": {"video": ["7", 0], "filename_prefix": "retake/{{filename_prefix}}",
                   "format": "mp4", "codec": "h264"}}
})";

} // namespace

ComfyUiWorkflow ComfyUiWorkflow::defaultImage()
{
    QString error;
    return *fromJson(QByteArray(kDefaultImage), u"built-in text-to-image template"_s, &error);
}

ComfyUiWorkflow ComfyUiWorkflow::defaultVideo()
{
    QString error;
    return *fromJson(QByteArray(kDefaultVideo), u"built-in image-to-video template"_s, &error);
}

std::optional<ComfyUiWorkflow> ComfyUiWorkflow::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (QFileInfo(path).size() > kMaxTemplateBytes) {
        *error = u"workflow template %1 is larger than 4 MiB"_s.arg(name);
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read workflow template %1: %2"_s.arg(name, file.errorString());
        return std::nullopt;
    }
    return fromJson(file.readAll(), name, error);
}

std::optional<ComfyUiWorkflow> ComfyUiWorkflow::fromJson(const QByteArray &json,
                                                         const QString &source, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = u"workflow template %1 is not a JSON object (%2)"_s.arg(source,
                                                                         parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject nodes = document.object();
    if (nodes.contains(u"nodes"_s) && nodes.contains(u"links"_s)) {
        *error = u"workflow template %1 is in ComfyUI's UI format; export it with "
                 u"\"Save (API Format)\""_s.arg(source);
        return std::nullopt;
    }
    if (nodes.isEmpty()) {
        *error = u"workflow template %1 has no nodes"_s.arg(source);
        return std::nullopt;
    }
    for (auto it = nodes.begin(); it != nodes.end(); ++it) {
        const QJsonObject node = it.value().toObject();
        if (!node.value(u"class_type"_s).isString() || !node.value(u"inputs"_s).isObject()) {
            *error = u"workflow template %1: node \"%2\" has no class_type and inputs (is it "
                     u"in API format?)"_s.arg(source, it.key());
            return std::nullopt;
        }
    }
    ComfyUiWorkflow workflow;
    workflow.m_source = source;
    workflow.m_nodes = nodes;
    return workflow;
}

bool ComfyUiWorkflow::usesPlaceholder(const QString &name) const
{
    return JsonTemplate::usesPlaceholder(m_nodes, name);
}

std::optional<QJsonObject> ComfyUiWorkflow::instantiate(const QVariantMap &values,
                                                        QString *error) const
{
    QStringList unknown;
    const QJsonObject result = JsonTemplate::fill(m_nodes, values, &unknown).toObject();
    if (!unknown.isEmpty()) {
        unknown.removeDuplicates();
        *error = u"workflow template %1 uses unknown placeholders: {{%2}}"_s.arg(
            m_source, unknown.join(u"}}, {{"_s));
        return std::nullopt;
    }
    return result;
}

QString ComfyUiWorkflow::describeNode(const QString &nodeId) const
{
    const QString type = m_nodes.value(nodeId).toObject().value(u"class_type"_s).toString();
    return type.isEmpty() ? u"node %1"_s.arg(nodeId) : u"node %1 (%2)"_s.arg(nodeId, type);
}

} // namespace retake
