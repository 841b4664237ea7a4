#include "providers/faultinjector.h"

#include "providers/provider.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

Q_LOGGING_CATEGORY(lcFaults, "retake.faults")

// FNV-1a over the bytes, then the splitmix64 finaliser so that nearby keys (attempt 1
// and 2 of one task) land far apart. Stable across runs, machines and Qt versions.
quint64 stableHash(const QByteArray &bytes)
{
    quint64 hash = 0xcbf29ce484222325ull;
    for (const char c : bytes) {
        hash ^= quint64(quint8(c));
        hash *= 0x100000001b3ull;
    }
    hash += 0x9e3779b97f4a7c15ull;
    hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9ull;
    hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebull;
    return hash ^ (hash >> 31);
}

int nonNegativeOption(const QVariantMap &options, const QString &name)
{
    if (!options.contains(name))
        return 0;
    bool ok = false;
    const double value = options.value(name).toDouble(&ok);
    if (!ok || value < 0) {
        qCWarning(lcFaults, "fault option %s=%s is not a non-negative number; using 0",
                  qUtf8Printable(name), qUtf8Printable(options.value(name).toString()));
        return 0;
    }
    return int(qMin(value, 24.0 * 3600 * 1000));
}

} // namespace

GenerationResult FaultDecision::toResult() const
{
    GenerationResult result = GenerationResult::failure(errorClass, message, httpStatus);
    result.detail = detail;
    result.retryAfterMs = retryAfterMs;
    return result;
}

FaultInjector::FaultInjector(const QString &providerId, const FaultProfile &faults,
                             const QVariantMap &options)
    : m_providerId(providerId), m_seed(faults.seed)
{
    for (auto it = faults.rates.cbegin(); it != faults.rates.cend(); ++it) {
        if (!isInjectable(it.key())) {
            qCWarning(lcFaults, "provider %s: faults of class %s cannot be injected; ignored",
                      qUtf8Printable(providerId), qUtf8Printable(nameOf(it.key())));
            continue;
        }
        if (it.value() > 0)
            m_rates[it.key()] += qMin(it.value(), 1.0);
    }
    bool ok = false;
    const double corruption = options.value(u"outputCorruption"_s).toDouble(&ok);
    if (ok && corruption > 0)
        m_rates[ErrorClass::OutputInvalid] += qMin(corruption, 1.0);

    m_latencyMs = nonNegativeOption(options, u"latencyMs"_s);
    m_retryAfterMs = nonNegativeOption(options, u"retryAfterMs"_s);
    m_failFirstAttempts = nonNegativeOption(options, u"failFirstAttempts"_s);
    const QString failClass = options.value(u"failClass"_s).toString();
    if (!failClass.isEmpty()) {
        const std::optional<ErrorClass> parsed = errorClassFromString(failClass);
        if (parsed && isInjectable(*parsed)) {
            m_failClass = *parsed;
        } else {
            qCWarning(lcFaults, "provider %s: failClass \"%s\" cannot be injected; using timeout",
                      qUtf8Printable(providerId), qUtf8Printable(failClass));
        }
    }
}

bool FaultInjector::isActive() const
{
    return !m_rates.isEmpty() || m_failFirstAttempts > 0;
}

bool FaultInjector::isInjectable(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None:
    case ErrorClass::UnsafeOutput:
    case ErrorClass::Cancelled:
        return false;
    case ErrorClass::Network:
    case ErrorClass::Timeout:
    case ErrorClass::RateLimited:
    case ErrorClass::ProviderUnavailable:
    case ErrorClass::ProviderError:
    case ErrorClass::OutOfMemory:
    case ErrorClass::ContentPolicy:
    case ErrorClass::InvalidRequest:
    case ErrorClass::Auth:
    case ErrorClass::QuotaExhausted:
    case ErrorClass::OutputInvalid:
    case ErrorClass::FileIo:
    case ErrorClass::DiskFull:
        return true;
    }
    Q_UNREACHABLE();
}

double FaultInjector::draw(const QString &taskId, int attemptNumber) const
{
    const QString key = QString::number(m_seed) % u'\x1f' % m_providerId % u'\x1f' % taskId %
                        u'\x1f' % QString::number(attemptNumber);
    // The top 53 bits make an exactly representable double in [0, 1).
    return double(stableHash(key.toUtf8()) >> 11) * 0x1.0p-53;
}

FaultDecision FaultInjector::decide(const GenerationRequest &request) const
{
    return decide(request.taskId, request.attemptNumber);
}

FaultDecision FaultInjector::decide(const QString &taskId, int attemptNumber) const
{
    if (attemptNumber <= m_failFirstAttempts) {
        FaultDecision decision = failureFor(m_failClass);
        decision.detail = u"injected: failFirstAttempts=%1, attempt %2"_s.arg(m_failFirstAttempts)
                              .arg(attemptNumber);
        return decision;
    }
    if (m_rates.isEmpty())
        return {};
    const double x = draw(taskId, attemptNumber);
    double threshold = 0.0;
    // QMap iterates in enum order: a fixed walk, independent of how the rates were given.
    for (auto it = m_rates.cbegin(); it != m_rates.cend(); ++it) {
        threshold += it.value();
        if (x < threshold) {
            FaultDecision decision = failureFor(it.key());
            decision.detail = u"injected: seed %1, draw %2 < %3 (%4)"_s.arg(m_seed)
                                  .arg(x, 0, 'f', 6)
                                  .arg(threshold, 0, 'f', 6)
                                  .arg(nameOf(it.key()));
            return decision;
        }
    }
    return {};
}

FaultDecision FaultInjector::failureFor(ErrorClass errorClass) const
{
    FaultDecision d;
    d.errorClass = errorClass;
    switch (errorClass) {
    case ErrorClass::None:
    case ErrorClass::UnsafeOutput:
    case ErrorClass::Cancelled:
        return {};
    case ErrorClass::Network:
        d.message = u"network error: connection reset by peer"_s;
        break;
    case ErrorClass::Timeout:
        d.message = u"simulated timeout after 30 s"_s;
        break;
    case ErrorClass::RateLimited:
        d.httpStatus = 429;
        d.message = u"HTTP 429 Too Many Requests"_s;
        if (m_retryAfterMs > 0)
            d.retryAfterMs = m_retryAfterMs;
        break;
    case ErrorClass::ProviderUnavailable:
        d.httpStatus = 503;
        d.message = u"HTTP 503 Service Unavailable"_s;
        break;
    case ErrorClass::ProviderError:
        d.httpStatus = 500;
        d.message = u"model error: generation failed"_s;
        break;
    case ErrorClass::OutOfMemory:
        // As ComfyUI reports it (execution_error, torch.OutOfMemoryError).
        d.httpStatus = 500;
        d.message = u"torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB"_s;
        break;
    case ErrorClass::ContentPolicy:
        d.httpStatus = 400;
        d.message = u"prompt rejected by the safety filter"_s;
        break;
    case ErrorClass::InvalidRequest:
        d.httpStatus = 400;
        d.message = u"HTTP 400 Bad Request: unsupported parameter value"_s;
        break;
    case ErrorClass::Auth:
        d.httpStatus = 401;
        d.message = u"HTTP 401 Unauthorized: invalid API key"_s;
        break;
    case ErrorClass::QuotaExhausted:
        d.httpStatus = 402;
        d.message = u"HTTP 402 Payment Required: credit quota exhausted"_s;
        break;
    case ErrorClass::OutputInvalid:
        d.message = u"output written truncated"_s;
        break;
    case ErrorClass::FileIo:
        d.message = u"I/O error while writing the output"_s;
        break;
    case ErrorClass::DiskFull:
        d.message = u"No space left on device"_s;
        break;
    }
    return d;
}

} // namespace retake
