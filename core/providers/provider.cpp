#include "providers/provider.h"

namespace retake {

void ProviderJob::cancel()
{
    if (m_finished || m_cancelRequested)
        return;
    m_cancelRequested = true;
    doCancel();
}

bool ProviderJob::emitResult(const GenerationResult &result)
{
    if (m_finished)
        return false;
    m_finished = true;
    QMetaObject::invokeMethod(
        this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
    return true;
}

} // namespace retake
