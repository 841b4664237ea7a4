#include "providers/openaiimagesprovider.h"

#include "providers/connectiontestjob.h"
#include "providers/openaiimagesjob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

OpenAiImagesProvider::OpenAiImagesProvider(const ProviderProfile &profile)
    : NetworkProvider(profile, kindName(), u"OpenAI Images"_s, u"https://api.openai.com/v1"_s,
                      {Stage::Image}, defaultModel())
{
}

QString OpenAiImagesProvider::kindName()
{
    return u"openai-images"_s;
}
QString OpenAiImagesProvider::defaultModel()
{
    return u"gpt-image-1"_s;
}

QSize OpenAiImagesProvider::requestSize(const QString &model, const QSize &wanted)
{
    QList<QSize> sizes;
    if (model == u"dall-e-2") {
        const int side = qMax(wanted.width(), wanted.height());
        return side <= 256 ? QSize(256, 256) : side <= 512 ? QSize(512, 512) : QSize(1024, 1024);
    }
    if (model == u"dall-e-3")
        sizes = {QSize(1024, 1024), QSize(1792, 1024), QSize(1024, 1792)};
    else
        sizes = {QSize(1024, 1024), QSize(1536, 1024), QSize(1024, 1536)};
    const double aspect = double(wanted.width()) / qMax(1, wanted.height());
    QSize best = sizes.first();
    double bestDistance = 1e9;
    for (const QSize &size : std::as_const(sizes)) {
        const double distance =
            std::abs(std::log(double(size.width()) / size.height()) - std::log(aspect));
        if (distance < bestDistance - 1e-9) {
            best = size;
            bestDistance = distance;
        }
    }
    return best;
}

ProviderJob *OpenAiImagesProvider::createJob(const GenerationRequest &request, QObject *parent)
{
    return new OpenAiImagesJob(context(), request, model(), parent);
}

ProviderJob *OpenAiImagesProvider::createConnectionTest(QObject *parent)
{
    ConnectionTestSpec spec;
    spec.path = u"/models"_s;
    spec.keyRequired = true;
    spec.authorize = [](HttpRequestSpec &request, const QString &key) {
        request.addHeader("Authorization", "Bearer " + key.toUtf8());
    };
    const QString wanted = model();
    spec.evaluate = [wanted](const HttpResponse &response) {
        ConnectionTestSpec::Verdict verdict;
        const QJsonObject object = QJsonDocument::fromJson(response.body).object();
        if (!response.ok()) {
            const QJsonObject error = object.value(u"error"_s).toObject();
            verdict.errorClass =
                OpenAiImagesJob::classify(response.status, error.value(u"type"_s).toString(),
                                          error.value(u"code"_s).toVariant().toString(),
                                          error.value(u"message"_s).toString());
            verdict.problem = u"HTTP %1: %2"_s.arg(response.status)
                                  .arg(error.value(u"message"_s).toString(u"no message"_s));
            return verdict;
        }
        QStringList ids;
        for (const QJsonValue value : object.value(u"data"_s).toArray())
            ids << value.toObject().value(u"id"_s).toString();
        if (!ids.contains(wanted)) {
            verdict.errorClass = ErrorClass::InvalidRequest;
            verdict.problem = u"the key works, but model \"%1\" is not available to it (%2 "
                              u"models listed)"_s.arg(wanted)
                                  .arg(ids.size());
            return verdict;
        }
        verdict.summary = u"the key is accepted and model \"%1\" is available"_s.arg(wanted);
        return verdict;
    };
    return new ConnectionTestJob(context(), spec, parent);
}

} // namespace retake
