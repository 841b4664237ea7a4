#include "fakeprovider.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace retake::test {

class FakeJob final : public ProviderJob
{
public:
    FakeJob(FakeProvider *provider, const GenerationRequest &request, QObject *parent)
        : ProviderJob(parent), m_provider(provider), m_request(request)
    {
    }

    void start() override
    {
        m_outcome = m_provider->nextOutcome(m_request);
        m_provider->m_inFlight += 1;
        m_provider->m_maxInFlight = std::max(m_provider->m_maxInFlight, m_provider->m_inFlight);
        if (m_provider->m_writePartialFiles) {
            QDir().mkpath(m_request.outputDir);
            QFile part(QDir(m_request.outputDir).filePath(u"out.part"_s));
            if (part.open(QIODevice::WriteOnly))
                part.write("partial");
        }
        const int latency =
            m_outcome.latencyMs >= 0 ? m_outcome.latencyMs : m_provider->m_latencyMs;
        QTimer::singleShot(latency, this, [this] { complete(); });
    }

protected:
    void doCancel() override
    {
        if (m_done)
            return;
        m_provider->m_cancels += 1;
        finish(GenerationResult::failure(ErrorClass::Cancelled, u"cancelled"_s));
    }

private:
    void complete()
    {
        if (m_done)
            return;
        Q_EMIT progressed(0.5);
        if (m_outcome.errorClass != ErrorClass::None) {
            const QString message =
                m_outcome.message.isEmpty()
                    ? u"scripted %1"_s.arg(nameOf(m_outcome.errorClass))
                    : QString(m_outcome.message).replace(u"{prompt}"_s, m_request.prompt);
            GenerationResult r =
                GenerationResult::failure(m_outcome.errorClass, message, m_outcome.httpStatus);
            r.retryAfterMs = m_outcome.retryAfterMs;
            r.stderrTail = m_outcome.stderrTail;
            finish(r);
            return;
        }
        GenerationResult r;
        r.stderrTail = m_outcome.stderrTail;
        if (!m_outcome.outputName.isEmpty() || !m_outcome.symlinkTo.isEmpty()) {
            QString file = m_outcome.outputName;
            if (QDir::isRelativePath(file)) {
                file = QDir::cleanPath(
                    QDir(m_request.outputDir).filePath(file.isEmpty() ? u"out.png"_s : file));
                const bool inside = file.startsWith(QDir::cleanPath(m_request.outputDir) + u'/');
                if (!m_outcome.symlinkTo.isEmpty()) {
                    QFile::link(m_outcome.symlinkTo, file);
                } else if (inside) { // a name that escapes is only reported, as a server would
                    QFile out(file);
                    if (out.open(QIODevice::WriteOnly))
                        out.write("hostile");
                }
            }
            r.outputFiles << file;
            finish(r);
            return;
        }
        const QString file =
            QDir(m_request.outputDir)
                .filePath(m_request.stage == Stage::Image ? u"out.png"_s : u"out.mp4"_s);
        if (m_provider->m_writeOutputs) {
            QFile out(file);
            if (out.open(QIODevice::WriteOnly))
                out.write("fake output of " + m_request.taskId.toUtf8());
        }
        r.outputFiles << file;
        r.costUnits = m_provider->m_costPerUnit *
                      (m_request.stage == Stage::Video ? m_request.durationSec : 1.0);
        finish(r);
    }

    void finish(const GenerationResult &result)
    {
        m_done = true;
        m_provider->m_inFlight -= 1;
        Q_EMIT finished(result);
    }

    QPointer<FakeProvider> m_provider;
    GenerationRequest m_request;
    FakeOutcome m_outcome;
    bool m_done = false;
};

FakeProvider::FakeProvider(const QString &id, int maxConcurrency, QObject *parent)
    : QObject(parent), m_id(id), m_maxConcurrency(maxConcurrency),
      m_clockStart(QDateTime::currentMSecsSinceEpoch())
{
}

ProviderJob *FakeProvider::createJob(const GenerationRequest &request, QObject *parent)
{
    FakeCall call;
    call.taskId = request.taskId;
    call.clips = request.clips;
    call.audioPath = request.audioPath;
    call.inputImagePath = request.inputImagePath;
    call.attemptNumber = request.attemptNumber;
    call.rung = request.rung;
    call.prompt = request.prompt;
    call.width = request.width;
    call.height = request.height;
    call.startedMs = QDateTime::currentMSecsSinceEpoch() - m_clockStart;
    call.outputDir = request.outputDir;
    if (!request.outputDir.isEmpty())
        call.stagedAtStart =
            QDir(request.outputDir)
                .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    m_calls << call;
    return new FakeJob(this, request, parent);
}

void FakeProvider::script(const QString &taskId, const QList<FakeOutcome> &outcomes)
{
    m_scripts.insert(taskId, outcomes);
}

int FakeProvider::callCount(const QString &taskId) const
{
    int n = 0;
    for (const FakeCall &call : m_calls)
        n += call.taskId == taskId ? 1 : 0;
    return n;
}

FakeOutcome FakeProvider::nextOutcome(const GenerationRequest &request)
{
    if (m_decider)
        return m_decider(request);
    auto it = m_scripts.find(request.taskId);
    if (it != m_scripts.end() && !it->isEmpty())
        return it->takeFirst();
    return m_default;
}

} // namespace retake::test
