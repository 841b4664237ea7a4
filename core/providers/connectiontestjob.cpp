#include "providers/connectiontestjob.h"

using namespace Qt::StringLiterals;

namespace retake {

namespace {

GenerationRequest probeRequest()
{
    GenerationRequest request;
    request.taskId = u"connection-test"_s;
    return request;
}

} // namespace

ConnectionTestJob::ConnectionTestJob(std::shared_ptr<NetworkContext> context,
                                     const ConnectionTestSpec &spec, QObject *parent)
    : NetworkJob(std::move(context), probeRequest(), parent), m_spec(spec)
{
}

NetworkJob::KeyNeed ConnectionTestJob::keyNeed() const
{
    return m_spec.keyRequired ? KeyNeed::Required : KeyNeed::Optional;
}

void ConnectionTestJob::authorize(HttpRequestSpec &spec) const
{
    if (m_spec.authorize && !apiKey().isEmpty())
        m_spec.authorize(spec, apiKey());
}

void ConnectionTestJob::begin()
{
    const QUrl url = context().endpoint(m_spec.path);
    HttpRequestSpec spec = apiRequest(m_spec.method, url);
    spec.addHeader("Accept", "application/json");
    send(spec, [this, url](const HttpResponse &response) {
        const QString doing = u"testing "_s % url.toDisplayString(QUrl::RemoveQuery);
        if (!response.answered()) {
            failTransport(response, doing);
            return;
        }
        const ConnectionTestSpec::Verdict verdict = m_spec.evaluate(response);
        if (!verdict.problem.isEmpty()) {
            fail(verdict.errorClass == ErrorClass::None ? ErrorClass::ProviderError
                                                        : verdict.errorClass,
                 doing % u": "_s % verdict.problem, response.status,
                 netfailure::retryAfterMs(response.headers));
            return;
        }
        GenerationResult result;
        result.message = name() % u": OK — "_s % verdict.summary;
        finishWith(result);
    });
}

} // namespace retake
