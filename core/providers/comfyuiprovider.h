// Kind "comfyui": a ComfyUI server (usually local). Workflow templates in API format with
// placeholders (ComfyUiWorkflow); profile options:
//   "workflow"          template file for images (default: built-in SD 1.5 text-to-image)
//   "videoWorkflow"     template file for image-to-video (default: built-in SVD -> mp4)
//   "videoModel"        checkpoint for {{model}} in the video template (svd_xt.safetensors)
//   "outputNode"        node id whose output is the result (default: the first with files)
//   "webSocket"         false = completion by /history polling only (default true)
// Base URL default http://127.0.0.1:8188. A key, when stored, is sent as a Bearer token
// (for ComfyUI behind an authenticating proxy).
#pragma once

#include "providers/comfyuiworkflow.h"
#include "providers/networkprovider.h"

#include <optional>

namespace retake {

class ComfyUiProvider final : public NetworkProvider
{
public:
    explicit ComfyUiProvider(const ProviderProfile &profile);

    static QString kindName(); // "comfyui"
    static QString defaultImageModel();
    static QString defaultVideoModel();

    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override;
    ProviderJob *createConnectionTest(QObject *parent) override;

private:
    std::optional<ComfyUiWorkflow> m_imageWorkflow;
    std::optional<ComfyUiWorkflow> m_videoWorkflow;
    QString m_workflowProblem;
};

} // namespace retake
