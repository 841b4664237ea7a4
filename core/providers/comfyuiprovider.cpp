#include "providers/comfyuiprovider.h"

#include "providers/comfyuijob.h"
#include "providers/connectiontestjob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

std::optional<ComfyUiWorkflow> loadTemplate(const ProviderProfile &profile, const QString &option,
                                            const ComfyUiWorkflow &fallback,
                                            const QString &requiredPlaceholder, QString *problem)
{
    const QString path = profile.options.value(option).toString();
    if (path.isEmpty())
        return fallback;
    QString error;
    std::optional<ComfyUiWorkflow> workflow = ComfyUiWorkflow::fromFile(path, &error);
    if (!workflow) {
        *problem = error;
        return std::nullopt;
    }
    if (!workflow->usesPlaceholder(requiredPlaceholder)) {
        *problem = u"workflow template %1 has no {{%2}} placeholder"_s.arg(workflow->source(),
                                                                           requiredPlaceholder);
        return std::nullopt;
    }
    return workflow;
}

} // namespace

ComfyUiProvider::ComfyUiProvider(const ProviderProfile &profile)
    : NetworkProvider(profile, kindName(), u"ComfyUI"_s, u"http://127.0.0.1:8188"_s,
                      {Stage::Image, Stage::Video}, defaultImageModel())
{
    QString problem;
    m_imageWorkflow = loadTemplate(profile, u"workflow"_s, ComfyUiWorkflow::defaultImage(),
                                   u"prompt"_s, &problem);
    if (!problem.isEmpty())
        m_workflowProblem = problem;
    problem.clear();
    m_videoWorkflow = loadTemplate(profile, u"videoWorkflow"_s, ComfyUiWorkflow::defaultVideo(),
                                   u"input_image"_s, &problem);
    if (!problem.isEmpty() && m_workflowProblem.isEmpty())
        m_workflowProblem = problem;
}

QString ComfyUiProvider::kindName()
{
    return u"comfyui"_s;
}
QString ComfyUiProvider::defaultImageModel()
{
    return u"v1-5-pruned-emaonly.safetensors"_s;
}
QString ComfyUiProvider::defaultVideoModel()
{
    return u"svd_xt.safetensors"_s;
}

ProviderJob *ComfyUiProvider::createJob(const GenerationRequest &request, QObject *parent)
{
    const bool video = request.stage == Stage::Video;
    const std::optional<ComfyUiWorkflow> &workflow = video ? m_videoWorkflow : m_imageWorkflow;
    QString model = request.model.isEmpty() ? this->model() : request.model;
    if (video) {
        model = profile().options.value(u"videoModel"_s, defaultVideoModel()).toString();
    }
    QString problem;
    if (!workflow)
        problem = m_workflowProblem;
    return new ComfyUiJob(context(), request,
                          workflow ? *workflow : ComfyUiWorkflow::defaultImage(), model, problem,
                          parent);
}

ProviderJob *ComfyUiProvider::createConnectionTest(QObject *parent)
{
    ConnectionTestSpec spec;
    spec.path = u"/system_stats"_s;
    spec.authorize = [](HttpRequestSpec &request, const QString &key) {
        request.addHeader("Authorization", "Bearer " + key.toUtf8());
    };
    spec.evaluate = [](const HttpResponse &response) {
        ConnectionTestSpec::Verdict verdict;
        if (!response.ok()) {
            verdict.errorClass = netfailure::classifyStatus(response.status);
            verdict.problem = u"HTTP %1 from /system_stats"_s.arg(response.status);
            return verdict;
        }
        const QJsonObject stats = QJsonDocument::fromJson(response.body).object();
        const QJsonObject system = stats.value(u"system"_s).toObject();
        if (system.isEmpty()) {
            verdict.errorClass = ErrorClass::ProviderError;
            verdict.problem = u"the answer is not ComfyUI's /system_stats"_s;
            return verdict;
        }
        QStringList devices;
        for (const QJsonValue device : stats.value(u"devices"_s).toArray())
            devices << device.toObject().value(u"name"_s).toString();
        verdict.summary = u"ComfyUI %1 answers; devices: %2"_s.arg(
            system.value(u"comfyui_version"_s).toString(u"(version unknown)"_s),
            devices.isEmpty() ? u"none reported"_s : devices.join(u", "_s));
        return verdict;
    };
    return new ConnectionTestJob(context(), spec, parent);
}

} // namespace retake
