// Deterministic fault injection for the built-in provider (and any provider that wants
// it). Whether an attempt fails, and how, is a pure function of (fault seed, provider id,
// task id, attempt number): the same project fails the same way on every run and machine.
//
// Rates come from FaultProfile::rates; behaviour options from ProviderProfile::options:
//   "latencyMs"          delay before any result is delivered, success or failure (0)
//   "retryAfterMs"       Retry-After carried by injected rate_limited failures (0 = none)
//   "failFirstAttempts"  attempts 1..N of every task fail with "failClass" (0)
//   "failClass"          error class name used by failFirstAttempts ("timeout")
//   "outputCorruption"   probability of a truncated output file that verification must
//                        reject; a rate for output_invalid in FaultProfile means the same
#pragma once

#include "domain/project.h"
#include "domain/types.h"

#include <QString>
#include <QVariantMap>

#include <optional>

namespace retake {

struct GenerationRequest;
struct GenerationResult;

struct FaultDecision {
    // None: no failure. OutputInvalid: the job succeeds but writes a corrupt file.
    // Anything else: the job fails with this class after the latency.
    ErrorClass errorClass = ErrorClass::None;
    int httpStatus = 0;
    QString message;
    QString detail;
    std::optional<int> retryAfterMs;

    bool injectsFailure() const
    {
        return errorClass != ErrorClass::None && errorClass != ErrorClass::OutputInvalid;
    }
    bool corruptsOutput() const { return errorClass == ErrorClass::OutputInvalid; }
    // The result a provider reports for an injected failure.
    GenerationResult toResult() const;
};

class FaultInjector final
{
public:
    FaultInjector() = default;
    FaultInjector(const QString &providerId, const FaultProfile &faults,
                  const QVariantMap &options = {});

    QString providerId() const { return m_providerId; }
    // True when any failure or corruption can be injected.
    bool isActive() const;
    int latencyMs() const { return m_latencyMs; }
    int failFirstAttempts() const { return m_failFirstAttempts; }
    // The per-class rates as applied, in the order they are walked (output_invalid
    // includes "outputCorruption").
    QMap<ErrorClass, double> rates() const { return m_rates; }

    FaultDecision decide(const GenerationRequest &request) const;
    FaultDecision decide(const QString &taskId, int attemptNumber) const;

    // The uniform number in [0, 1) that decide() draws for this attempt.
    double draw(const QString &taskId, int attemptNumber) const;
    // The failure injected for `errorClass`: realistic message and HTTP status.
    FaultDecision failureFor(ErrorClass errorClass) const;
    // Classes that can be injected (None, UnsafeOutput and Cancelled cannot).
    static bool isInjectable(ErrorClass errorClass);

private:
    QString m_providerId;
    quint64 m_seed = 0;
    QMap<ErrorClass, double> m_rates;
    int m_latencyMs = 0;
    int m_retryAfterMs = 0;
    int m_failFirstAttempts = 0;
    ErrorClass m_failClass = ErrorClass::Timeout;
};

} // namespace retake
