#include "providers/connectiontester.h"

#include "providers/networkprovider.h"
#include "providers/providerfactory.h"

using namespace Qt::StringLiterals;

namespace retake {

ConnectionTester::ConnectionTester(QObject *parent) : QObject(parent)
{
}

ConnectionTester::~ConnectionTester()
{
    release();
}

void ConnectionTester::start(const ProviderProfile &profile)
{
    release();
    m_profileId = profile.id;
    m_running = true;
    const int generation = m_generation;
    const auto answerLater = [this, generation](const GenerationResult &result) {
        QMetaObject::invokeMethod(
            this,
            [this, generation, result] {
                if (generation == m_generation)
                    report(result);
            },
            Qt::QueuedConnection);
    };
    QString why;
    m_provider = createProvider(profile, &why);
    if (!m_provider) {
        answerLater(GenerationResult::failure(ErrorClass::InvalidRequest, why));
        return;
    }
    auto *network = dynamic_cast<NetworkProvider *>(m_provider.get());
    if (!network) {
        GenerationResult result;
        result.message = u"%1: OK — a built-in provider on this computer; there is no "
                         u"connection to test"_s.arg(profile.id);
        answerLater(result);
        return;
    }
    m_job = network->createConnectionTest(this);
    connect(m_job, &ProviderJob::finished, this, &ConnectionTester::report);
    m_job->start();
}

void ConnectionTester::cancel()
{
    release();
}

void ConnectionTester::report(const GenerationResult &result)
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->deleteLater();
        m_job = nullptr;
    }
    ++m_generation;
    m_running = false;
    Q_EMIT finished(m_profileId, result);
}

void ConnectionTester::release()
{
    ++m_generation;
    m_running = false;
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
        delete m_job;
        m_job = nullptr;
    }
    m_provider.reset();
}

} // namespace retake
