#include "providers/a1111provider.h"

#include "providers/a1111job.h"
#include "providers/connectiontestjob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

A1111Provider::A1111Provider(const ProviderProfile &profile)
    : NetworkProvider(profile, kindName(), u"AUTOMATIC1111"_s, u"http://127.0.0.1:7860"_s,
                      {Stage::Image})
{
}

QString A1111Provider::kindName()
{
    return u"a1111"_s;
}

QByteArray A1111Provider::authorization(const QString &key)
{
    if (key.contains(u':'))
        return "Basic " + key.toUtf8().toBase64();
    return "Bearer " + key.toUtf8();
}

ProviderJob *A1111Provider::createJob(const GenerationRequest &request, QObject *parent)
{
    return new A1111Job(context(), request, model(), parent);
}

ProviderJob *A1111Provider::createConnectionTest(QObject *parent)
{
    ConnectionTestSpec spec;
    spec.path = u"/sdapi/v1/sd-models"_s;
    spec.authorize = [](HttpRequestSpec &request, const QString &key) {
        request.addHeader("Authorization", authorization(key));
    };
    const QString wanted = model();
    spec.evaluate = [wanted](const HttpResponse &response) {
        ConnectionTestSpec::Verdict verdict;
        if (!response.ok()) {
            verdict.errorClass = netfailure::classifyStatus(response.status);
            verdict.problem = response.status == 404
                                  ? u"HTTP 404: is the web UI started with --api?"_s
                                  : u"HTTP %1"_s.arg(response.status);
            return verdict;
        }
        const QJsonDocument document = QJsonDocument::fromJson(response.body);
        if (!document.isArray()) {
            verdict.errorClass = ErrorClass::ProviderError;
            verdict.problem = u"the answer is not a model list"_s;
            return verdict;
        }
        QStringList titles;
        bool found = wanted.isEmpty();
        for (const QJsonValue value : document.array()) {
            const QJsonObject model = value.toObject();
            const QString title = model.value(u"title"_s).toString();
            titles << title;
            found = found || title == wanted || model.value(u"model_name"_s).toString() == wanted;
        }
        if (!found) {
            verdict.errorClass = ErrorClass::InvalidRequest;
            verdict.problem = u"model \"%1\" is not among the server's %2 models"_s.arg(wanted).arg(
                titles.size());
            return verdict;
        }
        verdict.summary =
            u"AUTOMATIC1111 answers with %1 model(s)%2"_s.arg(titles.size())
                .arg(wanted.isEmpty() ? QString() : u"; \"%1\" is available"_s.arg(wanted));
        return verdict;
    };
    return new ConnectionTestJob(context(), spec, parent);
}

} // namespace retake
