// "Test connection" for a network provider: one cheap authenticated request whose
// answer the kind interprets. Reports success with a message saying what answered
// (server version, account, model found) or a classified failure.
#pragma once

#include "providers/networkjob.h"

#include <functional>

namespace retake {

struct ConnectionTestSpec {
    QByteArray method = "GET";
    QString path; // under the base URL
    bool keyRequired = false;
    // Which header carries the key; set by the kind.
    std::function<void(HttpRequestSpec &spec, const QString &key)> authorize;
    // Interprets an HTTP answer: empty `problem` = success with `summary`.
    struct Verdict {
        QString summary;
        ErrorClass errorClass = ErrorClass::None;
        QString problem;
    };
    std::function<Verdict(const HttpResponse &response)> evaluate;
};

class ConnectionTestJob final : public NetworkJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTestJob)
public:
    ConnectionTestJob(std::shared_ptr<NetworkContext> context, const ConnectionTestSpec &spec,
                      QObject *parent = nullptr);

protected:
    KeyNeed keyNeed() const override;
    void begin() override;
    void authorize(HttpRequestSpec &spec) const override;

private:
    ConnectionTestSpec m_spec;
};

} // namespace retake
