// A scriptable in-process provider for engine tests and benchmarks: each task id gets a
// list of outcomes (one per attempt); successes write a small file; everything is
// delivered asynchronously after an optional latency. Counts what it was asked to do.
#pragma once

#include "providers/provider.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace retake::test {

struct FakeOutcome {
    FakeOutcome() = default;
    FakeOutcome(ErrorClass error, std::optional<int> retryAfter = std::nullopt, int status = 0)
        : errorClass(error), retryAfterMs(retryAfter), httpStatus(status)
    {
    }
    ErrorClass errorClass = ErrorClass::None;
    std::optional<int> retryAfterMs;
    int httpStatus = 0;
    // A hostile success: the output the provider names. Names inside the attempt folder
    // are written there; names that escape it (../x, /etc/x) are only reported.
    QString outputName;
    // A hostile success: the output is a symlink to this path.
    QString symlinkTo;
    // What a local tool would have said on stderr (GenerationResult::stderrTail).
    QString stderrTail;
    // How long this call takes (ms); -1 = the provider's latency.
    int latencyMs = -1;
    // A failure's message; empty: "scripted <class>". "{prompt}" becomes the prompt sent, as
    // a server that echoes it would say.
    QString message;

    static FakeOutcome hostile(const QString &name, const QString &symlink = {})
    {
        FakeOutcome o;
        o.outputName = name;
        o.symlinkTo = symlink;
        return o;
    }
};

struct FakeCall {
    QString taskId;
    QList<AssemblyClip> clips;
    QString audioPath;
    QString inputImagePath; // a video's input image
    int attemptNumber = 0;
    RungKind rung = RungKind::Primary;
    QString prompt;
    int width = 0;
    int height = 0;
    qint64 startedMs = 0;
    QString outputDir;         // the attempt's staging folder
    QStringList stagedAtStart; // what was in it when the job was made (should be nothing)
};

class FakeProvider final : public QObject, public Provider
{
    Q_OBJECT
public:
    explicit FakeProvider(const QString &id, int maxConcurrency = 4, QObject *parent = nullptr);

    QString id() const override { return m_id; }
    QString kind() const override { return QStringLiteral("fake"); }
    QString model() const override { return m_id + QStringLiteral("-model"); }
    bool supports(Stage) const override { return true; }
    int maxConcurrency() const override { return m_maxConcurrency; }
    double costPerUnit() const override { return m_costPerUnit; }
    void setCostPerUnit(double cost) { m_costPerUnit = cost; }
    RatePolicy ratePolicy() const override { return m_ratePolicy; }
    void setRatePolicy(const RatePolicy &policy) { m_ratePolicy = policy; }
    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override;

    // Outcomes for successive attempts of `taskId` on this provider; after the script
    // runs out, attempts succeed (or use the default outcome).
    void script(const QString &taskId, const QList<FakeOutcome> &outcomes);
    void setDefaultOutcome(const FakeOutcome &outcome) { m_default = outcome; }
    // Decides the outcome of every call when set (overrides scripts).
    void setDecider(std::function<FakeOutcome(const GenerationRequest &)> decider)
    {
        m_decider = std::move(decider);
    }
    void setLatencyMs(int ms) { m_latencyMs = ms; }
    // Successes write no file content when false (benchmarks).
    void setWriteOutputs(bool write) { m_writeOutputs = write; }
    // Every job writes a partial file into its output folder as soon as it starts, like a
    // download in progress.
    void setWritePartialFiles(bool write) { m_writePartialFiles = write; }

    QList<FakeCall> calls() const { return m_calls; }
    int callCount() const { return int(m_calls.size()); }
    int callCount(const QString &taskId) const;
    int cancelCount() const { return m_cancels; }
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }

private:
    friend class FakeJob;
    FakeOutcome nextOutcome(const GenerationRequest &request);

    QString m_id;
    int m_maxConcurrency;
    RatePolicy m_ratePolicy = [] {
        RatePolicy policy;
        policy.learnsRate = true; // scripted 429s stand for a real provider's
        return policy;
    }();
    int m_latencyMs = 0;
    double m_costPerUnit = 0.0;
    bool m_writeOutputs = true;
    bool m_writePartialFiles = false;
    FakeOutcome m_default;
    std::function<FakeOutcome(const GenerationRequest &)> m_decider;
    QHash<QString, QList<FakeOutcome>> m_scripts;
    QList<FakeCall> m_calls;
    int m_cancels = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    qint64 m_clockStart = 0;
};

} // namespace retake::test
