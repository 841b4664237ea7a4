#include "providers/localprovider.h"

#include "providers/assemblyjob.h"
#include "providers/espeakjob.h"
#include "providers/localjob.h"

#include <QDateTime>
#include <QFile>

using namespace Qt::StringLiterals;

namespace retake {

LocalProvider::LocalProvider(const ProviderProfile &profile)
    : m_profile(profile), m_faults(profile.id, profile.faults, profile.options)
{
    if (m_profile.model.isEmpty())
        m_profile.model = defaultModel();
    m_profile.maxConcurrency = qMax(1, m_profile.maxConcurrency);
    m_profile.costPerUnit = qMax(0.0, m_profile.costPerUnit);
    bool ok = false;
    const int timeout = profile.options.value(u"processTimeoutMs"_s).toInt(&ok);
    if (ok && timeout >= 0)
        m_processTimeoutMs = timeout;
}

QString LocalProvider::kindName()
{
    return u"local"_s;
}
QString LocalProvider::defaultModel()
{
    return u"procedural-v1"_s;
}

QString LocalProvider::id() const
{
    return m_profile.id;
}
QString LocalProvider::kind() const
{
    return kindName();
}
QString LocalProvider::model() const
{
    return m_profile.model;
}

bool LocalProvider::supports(Stage stage) const
{
    switch (stage) {
    case Stage::Image:
    case Stage::Video:
    case Stage::Audio:
    case Stage::Assembly:
        return true;
    }
    Q_UNREACHABLE();
}

int LocalProvider::maxConcurrency() const
{
    return m_profile.maxConcurrency;
}
double LocalProvider::costPerUnit() const
{
    return m_profile.costPerUnit;
}

ProviderJob *LocalProvider::createJob(const GenerationRequest &request, QObject *parent)
{
    LocalJobSettings settings;
    settings.providerId = m_profile.id;
    settings.model = m_profile.model;
    settings.costPerUnit = m_profile.costPerUnit;
    settings.fault = m_faults.decide(request);
    settings.latencyMs = m_faults.latencyMs();
    settings.processTimeoutMs = m_processTimeoutMs;
    // Option "submissionLog": the provider's own record of every job it was given, one
    // line "<epoch ms> <task> <attempt>", as a server would count submissions. Crash
    // tests read it to prove that nothing finished is asked for again.
    const QString submissionLog = m_profile.options.value(u"submissionLog"_s).toString();
    if (!submissionLog.isEmpty()) {
        QFile log(submissionLog);
        if (log.open(QIODevice::WriteOnly | QIODevice::Append)) {
            log.write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + ' ' +
                      request.taskId.toUtf8() + ' ' + QByteArray::number(request.attemptNumber) +
                      '\n');
        }
    }
    switch (request.stage) {
    case Stage::Image:
    case Stage::Video:
        return new LocalJob(request, settings, parent);
    case Stage::Audio:
        return new EspeakJob(request, settings, parent);
    case Stage::Assembly:
        return new AssemblyJob(request, settings, parent);
    }
    Q_UNREACHABLE();
    return nullptr;
}

} // namespace retake
