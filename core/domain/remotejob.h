// The identity of a job a remote provider accepted (a ComfyUI prompt_id, a Replicate
// prediction id, a fal request_id): stored on the task's row before the engine waits on it,
// so that a run resumed after a kill re-attaches to the job instead of paying for it again
// (docs/ARCHITECTURE.md, "Remote jobs across a restart").
//
// state.sqlite is untrusted (a shared or downloaded workspace): only the server's job id is
// kept, never a URL. The adapters rebuild every poll, result and cancel URL from the
// profile's own base URL, so an API key never goes to a host named by the state.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace retake {

struct RemoteJobRef {
    QString id;         // the server's job id; isSafeId()
    QString providerId; // the profile that submitted it
    int attemptNumber = 0;
    QString paramsHash; // Attempt::paramsHash of what was submitted
    QDateTime submittedAt;
    // The pool endpoint ("host:port") it was submitted to; empty for a profile of one URL.
    // Only compared with the profile's own endpoints, never used as an address.
    QString endpoint = {};

    bool isValid() const { return isSafeId(id) && !providerId.isEmpty(); }

    // Compact JSON for the tasks.remote_job column; empty for an invalid ref.
    QByteArray toJson() const;
    // A ref read back from the state: an invalid one (malformed JSON, an unsafe id) is empty.
    static RemoteJobRef fromJson(const QByteArray &json);
    // Whether `id` can be put into a URL path as it is: 1 to 128 of [A-Za-z0-9._:-], and no
    // "..". Ids with '/', '?', '#', '%', '@' or spaces never reach a request.
    static bool isSafeId(const QString &id);
};

} // namespace retake
