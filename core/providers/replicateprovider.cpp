#include "providers/replicateprovider.h"

#include "providers/connectiontestjob.h"
#include "providers/replicatejob.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

ReplicateProvider::ReplicateProvider(const ProviderProfile &profile)
    : NetworkProvider(profile, kindName(), u"Replicate"_s, u"https://api.replicate.com/v1"_s,
                      {Stage::Image, Stage::Video})
{
}

QString ReplicateProvider::kindName()
{
    return u"replicate"_s;
}

ProviderJob *ReplicateProvider::createJob(const GenerationRequest &request, QObject *parent)
{
    return new ReplicateJob(context(), request, model(), parent);
}

ProviderJob *ReplicateProvider::createConnectionTest(QObject *parent)
{
    ConnectionTestSpec spec;
    spec.path = u"/account"_s;
    spec.keyRequired = true;
    spec.authorize = [](HttpRequestSpec &request, const QString &key) {
        request.addHeader("Authorization", "Bearer " + key.toUtf8());
    };
    spec.evaluate = [](const HttpResponse &response) {
        ConnectionTestSpec::Verdict verdict;
        const QJsonObject object = QJsonDocument::fromJson(response.body).object();
        if (!response.ok()) {
            verdict.errorClass = netfailure::classifyStatus(response.status);
            verdict.problem = u"HTTP %1: %2"_s.arg(response.status)
                                  .arg(object.value(u"detail"_s).toString(u"no detail"_s));
            return verdict;
        }
        verdict.summary = u"the key belongs to %1 \"%2\""_s.arg(
            object.value(u"type"_s).toString(u"account"_s), object.value(u"username"_s).toString());
        return verdict;
    };
    return new ConnectionTestJob(context(), spec, parent);
}

} // namespace retake
