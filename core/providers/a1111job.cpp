#include "providers/a1111job.h"

#include "providers/a1111provider.h"
#include "providers/responseparsers.h"
#include "providers/wireformat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace retake {

A1111Job::A1111Job(std::shared_ptr<NetworkContext> context, const GenerationRequest &request,
                   const QString &model, QObject *parent)
    : NetworkJob(std::move(context), request, parent), m_model(model)
{
}

A1111Job::~A1111Job()
{
    if (isRunning())
        cancelOnServer();
}

void A1111Job::authorize(HttpRequestSpec &spec) const
{
    if (!apiKey().isEmpty())
        spec.addHeader("Authorization", A1111Provider::authorization(apiKey()));
}

void A1111Job::begin()
{
    const GenerationRequest &r = request();
    if (r.stage != Stage::Image) {
        fail(ErrorClass::InvalidRequest, u"AUTOMATIC1111 makes images only; choose another "
                                         u"provider for video"_s);
        return;
    }
    const QVariantMap &options = profile().options;
    QJsonObject body{
        {u"prompt"_s, r.prompt},
        {u"negative_prompt"_s, r.negativePrompt},
        {u"seed"_s, double(r.seed)},
        {u"width"_s, r.width},
        {u"height"_s, r.height},
        {u"steps"_s, r.steps > 0 ? r.steps : 20},
        {u"sampler_name"_s, options.value(u"sampler"_s, u"Euler a"_s).toString()},
        {u"cfg_scale"_s, options.value(u"cfgScale"_s, 7.0).toDouble()},
        {u"batch_size"_s, 1},
        {u"n_iter"_s, 1},
        {u"send_images"_s, true},
        {u"save_images"_s, false},
    };
    if (!m_model.isEmpty()) {
        body.insert(u"override_settings"_s, QJsonObject{{u"sd_model_checkpoint"_s, m_model}});
        body.insert(u"override_settings_restore_afterwards"_s, true);
    }
    QString path = u"/sdapi/v1/txt2img"_s;
    if (!r.inputImagePath.isEmpty()) {
        QFile file(r.inputImagePath);
        if (!file.open(QIODevice::ReadOnly)) {
            fail(ErrorClass::InvalidRequest,
                 u"cannot read the input image %1"_s.arg(QFileInfo(r.inputImagePath).fileName()));
            return;
        }
        path = u"/sdapi/v1/img2img"_s;
        body.insert(u"init_images"_s, QJsonArray{QString::fromLatin1(file.readAll().toBase64())});
        body.insert(u"denoising_strength"_s,
                    options.value(u"denoisingStrength"_s, 0.75).toDouble());
    }
    m_generating = true;
    send(jsonRequest("POST", context().endpoint(path),
                     QJsonDocument(body).toJson(QJsonDocument::Compact)),
         [this](const HttpResponse &response) {
             m_generating = false;
             onGenerated(response);
         });
    reportProgress(0.01);
    schedulePoll([this] { pollProgress(); });
}

void A1111Job::pollProgress()
{
    if (!m_generating || m_progressInFlight)
        return;
    m_progressInFlight = true;
    QUrl url = context().endpoint(u"/sdapi/v1/progress"_s);
    url.setQuery(u"skip_current_image=true"_s);
    send(apiRequest("GET", url), [this](const HttpResponse &response) {
        m_progressInFlight = false;
        if (!m_generating)
            return;
        // Progress is best effort: a failed poll never fails the job.
        if (response.ok()) {
            if (const auto progress = responses::readA1111Progress(response.body))
                reportProgress(qMin(0.95, *progress));
        }
        schedulePoll([this] { pollProgress(); });
    });
}

void A1111Job::failAnswer(const HttpResponse &response, const QString &doing)
{
    const responses::A1111Problem problem = responses::readA1111Problem(response.body);
    QString why = problem.why;
    const int status = response.status;
    if (status == 422 || status == 400 || status == 404) {
        if (why.contains(u"Model not found"))
            why += u" (model \"%1\")"_s.arg(m_model);
        fail(ErrorClass::InvalidRequest, doing % u": "_s % why, status, std::nullopt,
             netfailure::excerpt(response.body, 2000));
        return;
    }
    if (status == 500 && problem.isObject) {
        // An exception while generating (out of memory, a broken model): the job failed.
        // why = "OutOfMemoryError: CUDA out of memory. ..." for the first.
        fail(wireformat::looksLikeOutOfMemory(why) ? ErrorClass::OutOfMemory
                                                   : ErrorClass::ProviderError,
             doing % u": "_s % why, status, std::nullopt, netfailure::excerpt(response.body, 2000));
        return;
    }
    failStatus(response, doing, why);
}

void A1111Job::onGenerated(const HttpResponse &response)
{
    const QString doing = u"generating the image"_s;
    if (!response.answered()) {
        failTransport(response, doing);
        return;
    }
    if (!response.ok()) {
        failAnswer(response, doing);
        return;
    }
    const auto object = parseObject(response, doing);
    if (!object)
        return;
    const responses::A1111Image image = responses::readA1111Image(*object);
    if (!image.present) {
        fail(ErrorClass::ProviderError, doing % u": the answer has no image"_s, response.status);
        return;
    }
    const std::optional<QByteArray> &bytes = image.bytes;
    if (!bytes) {
        fail(ErrorClass::OutputInvalid, doing % u": the image is not valid base64"_s,
             response.status);
        return;
    }
    writeOutput(*bytes,
                [this](const QString &path) { succeedWithOutput(path, profile().costPerUnit); });
}

void A1111Job::cancelOnServer()
{
    if (!m_generating || m_interruptSent)
        return;
    m_interruptSent = true;
    sendDetached(jsonRequest("POST", context().endpoint(u"/sdapi/v1/interrupt"_s), "{}"));
}

} // namespace retake
