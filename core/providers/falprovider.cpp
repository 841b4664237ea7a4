#include "providers/falprovider.h"

#include "providers/connectiontestjob.h"
#include "providers/faljob.h"
#include "providers/wireformat.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace retake {

FalProvider::FalProvider(const ProviderProfile &profile)
    : NetworkProvider(profile, kindName(), u"fal"_s, u"https://queue.fal.run"_s,
                      {Stage::Image, Stage::Video})
{
}

QString FalProvider::kindName()
{
    return u"fal"_s;
}

ProviderJob *FalProvider::createJob(const GenerationRequest &request, QObject *parent)
{
    return new FalJob(context(), request, model(), parent);
}

ProviderJob *FalProvider::createConnectionTest(QObject *parent)
{
    // fal has no account endpoint: ask for the status of a request that cannot exist.
    // 404 proves the URL and that the key was accepted; 401/403 that it was not.
    ConnectionTestSpec spec;
    const QString app = model().split(u'/').mid(0, 2).join(u'/');
    spec.path = u'/' % (app.isEmpty() ? u"fal-ai/fast-sdxl"_s : app) %
                u"/requests/00000000-0000-0000-0000-000000000000/status"_s;
    spec.keyRequired = true;
    spec.authorize = [](HttpRequestSpec &request, const QString &key) {
        request.addHeader("Authorization", "Key " + key.toUtf8());
    };
    spec.evaluate = [](const HttpResponse &response) {
        ConnectionTestSpec::Verdict verdict;
        if (response.status == 404 || response.ok()) {
            verdict.summary = u"the queue answers and the key is accepted"_s;
            return verdict;
        }
        const QJsonObject object = QJsonDocument::fromJson(response.body).object();
        const QString why = wireformat::describeValidationDetail(object.value(u"detail"_s));
        verdict.errorClass = netfailure::classifyStatus(response.status);
        if (response.status == 403 && why.contains(u"balance", Qt::CaseInsensitive))
            verdict.errorClass = ErrorClass::QuotaExhausted;
        verdict.problem =
            u"HTTP %1: %2"_s.arg(response.status).arg(why.isEmpty() ? u"no detail"_s : why);
        return verdict;
    };
    return new ConnectionTestJob(context(), spec, parent);
}

} // namespace retake
