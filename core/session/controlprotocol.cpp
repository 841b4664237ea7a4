#include "controlprotocol.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

enum class ArgType { String, TaskList };

struct ArgSpec {
    const char16_t *name;
    ArgType type;
    bool required;
};

struct CommandSpec {
    const char16_t *name;
    std::array<ArgSpec, 2> args;
    int argCount;
};

constexpr std::array<CommandSpec, 11> kCommands{{
    {u"hello", {}, 0},
    {u"subscribe", {}, 0},
    {u"pause", {}, 0},
    {u"resume", {}, 0},
    {u"cancel", {}, 0},
    {u"retry-failed", {{{u"provider", ArgType::String, false}}}, 1},
    {u"retry", {{{u"tasks", ArgType::TaskList, true}}}, 1},
    {u"switch-provider",
     {{{u"tasks", ArgType::TaskList, true}, {u"provider", ArgType::String, true}}},
     2},
    {u"retry-full", {{{u"tasks", ArgType::TaskList, true}}}, 1},
    {u"retry-provider-now", {{{u"provider", ArgType::String, true}}}, 1},
    {u"attempts", {{{u"task", ArgType::String, true}}}, 1},
}};

const CommandSpec *findCommand(const QString &name)
{
    for (const CommandSpec &spec : kCommands) {
        if (name == QString::fromUtf16(spec.name))
            return &spec;
    }
    return nullptr;
}

// Empty when `value` fits `spec`, else why not.
QString checkArg(const QString &cmd, const ArgSpec &spec, const QJsonValue &value)
{
    const QString name = QString::fromUtf16(spec.name);
    if (value.isUndefined())
        return spec.required ? u"%1 needs \"%2\""_s.arg(cmd, name) : QString();
    if (spec.type == ArgType::String) {
        if (!value.isString() || value.toString().isEmpty())
            return u"%1: \"%2\" must be a non-empty string"_s.arg(cmd, name);
        return {};
    }
    const QJsonArray list = value.toArray();
    bool valid = value.isArray() && !list.isEmpty();
    for (const QJsonValue item : list)
        valid = valid && item.isString() && !item.toString().isEmpty();
    return valid ? QString() : u"%1: \"%2\" must be a non-empty array of task ids"_s.arg(cmd, name);
}

constexpr std::array<std::pair<ProviderStatus::Breaker, const char16_t *>, 3> kBreakers{{
    {ProviderStatus::Breaker::Closed, u"closed"},
    {ProviderStatus::Breaker::Open, u"open"},
    {ProviderStatus::Breaker::HalfOpen, u"half-open"},
}};

} // namespace

QStringList controlCommands()
{
    QStringList names;
    for (const CommandSpec &spec : kCommands)
        names.append(QString::fromUtf16(spec.name));
    return names;
}

ControlRequest parseControlRequest(const QByteArray &line)
{
    ControlRequest request;
    request.fatal = true;
    if (line.size() > kMaxLineBytes) {
        request.error = u"message longer than %1 bytes"_s.arg(kMaxLineBytes);
        return request;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        request.error =
            u"not JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset);
        return request;
    }
    if (!document.isObject()) {
        request.error = u"not a JSON object"_s;
        return request;
    }
    request.message = document.object();
    const QJsonValue version = request.message.value(u"v"_s);
    if (!version.isDouble() || version.toDouble() != kProtocolVersion) {
        const QString given = version.isDouble()      ? QString::number(version.toDouble())
                              : version.isString()    ? u'"' + version.toString().left(16) + u'"'
                              : version.isUndefined() ? u"(none)"_s
                                                      : u"(not a number)"_s;
        request.error =
            u"unsupported protocol version %1 (this owner speaks version %2)"_s.arg(given).arg(
                kProtocolVersion);
        return request;
    }
    request.fatal = false;
    const QJsonValue id = request.message.value(u"id"_s);
    if (!id.isDouble() || !std::isfinite(id.toDouble())) {
        request.error = u"\"id\" must be a number"_s;
        return request;
    }
    request.id = id;
    const QJsonValue cmd = request.message.value(u"cmd"_s);
    const CommandSpec *spec = cmd.isString() ? findCommand(cmd.toString()) : nullptr;
    if (!spec) {
        request.error = u"unknown command %1 (known: %2)"_s.arg(
            cmd.isString() ? u'"' + cmd.toString().left(64) + u'"' : u"(none)"_s,
            controlCommands().join(u", "_s));
        return request;
    }
    request.cmd = cmd.toString();
    for (int i = 0; i < spec->argCount && request.error.isEmpty(); ++i) {
        const ArgSpec &arg = spec->args[std::size_t(i)];
        request.error =
            checkArg(request.cmd, arg, request.message.value(QString::fromUtf16(arg.name)));
    }
    return request;
}

QJsonObject parseControlMessage(const QByteArray &line, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = u"the owner sent something that is not a JSON object"_s;
        return {};
    }
    QJsonObject object = document.object();
    if (object.value(u"v"_s).toDouble() != kProtocolVersion) {
        *error = u"the owner speaks another protocol version (%1, this is %2)"_s
                     .arg(object.value(u"v"_s).toVariant().toString())
                     .arg(kProtocolVersion);
        return {};
    }
    return object;
}

QByteArray encodeControlLine(QJsonObject message)
{
    message.insert(u"v"_s, kProtocolVersion);
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject controlReply(const QJsonValue &id, QJsonObject fields)
{
    fields.insert(u"re"_s, id.isUndefined() ? QJsonValue() : id);
    fields.insert(u"ok"_s, true);
    return fields;
}

QJsonObject controlError(const QJsonValue &id, const QString &error)
{
    return QJsonObject{
        {u"re"_s, id.isUndefined() ? QJsonValue() : id}, {u"ok"_s, false}, {u"error"_s, error}};
}

QJsonObject controlEvent(const QString &kind, QJsonObject fields)
{
    fields.insert(u"event"_s, kind);
    return fields;
}

QJsonObject toJson(const TaskSnapshot &t)
{
    return QJsonObject{{u"id"_s, t.id},
                       {u"sceneId"_s, t.sceneId},
                       {u"shotId"_s, t.shotId},
                       {u"stage"_s, nameOf(t.stage)},
                       {u"state"_s, nameOf(t.state)},
                       {u"quality"_s, nameOf(t.quality)},
                       {u"rung"_s, nameOf(t.rung)},
                       {u"provider"_s, t.providerId},
                       {u"attemptCount"_s, t.attemptCount},
                       {u"retriesUsed"_s, t.retriesUsed},
                       {u"progress"_s, t.progress},
                       {u"retryAt"_s, isoTime(t.retryAt)},
                       {u"lastError"_s, nameOf(t.lastError)},
                       {u"lastMessage"_s, t.lastMessage},
                       {u"lastHttpStatus"_s, t.lastHttpStatus},
                       {u"outputPath"_s, t.outputPath},
                       {u"manualRetries"_s, t.manualRetries}};
}

TaskSnapshot taskSnapshotFromJson(const QJsonObject &o)
{
    TaskSnapshot t;
    t.id = o.value(u"id"_s).toString();
    t.sceneId = o.value(u"sceneId"_s).toString();
    t.shotId = o.value(u"shotId"_s).toString();
    t.stage = enumFrom(o.value(u"stage"_s), stageFromString, Stage::Image);
    t.state = enumFrom(o.value(u"state"_s), taskStateFromString, TaskState::Waiting);
    t.quality = enumFrom(o.value(u"quality"_s), qualityFromString, Quality::None);
    t.rung = enumFrom(o.value(u"rung"_s), rungKindFromString, RungKind::Primary);
    t.providerId = o.value(u"provider"_s).toString();
    t.attemptCount = o.value(u"attemptCount"_s).toInt();
    t.retriesUsed = o.value(u"retriesUsed"_s).toInt();
    t.progress = o.value(u"progress"_s).toDouble(-1.0);
    t.retryAt = timeFrom(o.value(u"retryAt"_s));
    t.lastError = enumFrom(o.value(u"lastError"_s), errorClassFromString, ErrorClass::None);
    t.lastMessage = o.value(u"lastMessage"_s).toString();
    t.lastHttpStatus = o.value(u"lastHttpStatus"_s).toInt();
    t.outputPath = o.value(u"outputPath"_s).toString();
    t.manualRetries = o.value(u"manualRetries"_s).toInt();
    return t;
}

QJsonObject toJson(const Attempt &a)
{
    return attemptToJson(a);
}

QJsonObject toJson(const BatchSummary &s)
{
    QJsonObject counts;
    for (auto it = s.counts.cbegin(); it != s.counts.cend(); ++it)
        counts.insert(nameOf(it.key()), it.value());
    QJsonObject qualities;
    for (auto it = s.qualities.cbegin(); it != s.qualities.cend(); ++it)
        qualities.insert(nameOf(it.key()), it.value());
    return QJsonObject{{u"total"_s, s.total},       {u"counts"_s, counts},
                       {u"qualities"_s, qualities}, {u"running"_s, s.running},
                       {u"paused"_s, s.paused},     {u"pauseReason"_s, nameOf(s.pauseReason)},
                       {u"spent"_s, s.spent},       {u"budgetCap"_s, s.budgetCap}};
}

BatchSummary batchSummaryFromJson(const QJsonObject &o)
{
    BatchSummary s;
    s.total = o.value(u"total"_s).toInt();
    const QJsonObject counts = o.value(u"counts"_s).toObject();
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        if (const std::optional<TaskState> state = taskStateFromString(it.key()))
            s.counts.insert(*state, it.value().toInt());
    }
    const QJsonObject qualities = o.value(u"qualities"_s).toObject();
    for (auto it = qualities.constBegin(); it != qualities.constEnd(); ++it) {
        if (const std::optional<Quality> quality = qualityFromString(it.key()))
            s.qualities.insert(*quality, it.value().toInt());
    }
    s.running = o.value(u"running"_s).toBool();
    s.paused = o.value(u"paused"_s).toBool();
    s.pauseReason = pauseReasonFromName(o.value(u"pauseReason"_s).toString());
    s.spent = o.value(u"spent"_s).toDouble();
    s.budgetCap = o.value(u"budgetCap"_s).toDouble();
    return s;
}

QString breakerName(ProviderStatus::Breaker breaker)
{
    for (const auto &[value, name] : kBreakers) {
        if (value == breaker)
            return QString::fromUtf16(name);
    }
    return {};
}

namespace {

constexpr std::array<std::pair<EndpointStatus::State, const char16_t *>, 3> kEndpointStates{{
    {EndpointStatus::State::Ok, u"ok"},
    {EndpointStatus::State::Avoided, u"avoided"},
    {EndpointStatus::State::Down, u"down"},
}};

QString endpointStateName(EndpointStatus::State state)
{
    for (const auto &[value, name] : kEndpointStates) {
        if (value == state)
            return QString::fromUtf16(name);
    }
    return {};
}

} // namespace

QJsonArray endpointsToJson(const QList<EndpointStatus> &endpoints)
{
    QJsonArray array;
    for (const EndpointStatus &e : endpoints) {
        array.append(QJsonObject{{u"url"_s, e.url},
                                 {u"state"_s, endpointStateName(e.state)},
                                 {u"inFlight"_s, e.inFlight},
                                 {u"limit"_s, e.limit}});
    }
    return array;
}

namespace {

QList<EndpointStatus> endpointsFromJson(const QJsonArray &array)
{
    QList<EndpointStatus> endpoints;
    for (const QJsonValue value : array) {
        const QJsonObject o = value.toObject();
        EndpointStatus e;
        e.url = o.value(u"url"_s).toString();
        const QString state = o.value(u"state"_s).toString();
        for (const auto &[known, name] : kEndpointStates) {
            if (state == QString::fromUtf16(name))
                e.state = known;
        }
        e.inFlight = o.value(u"inFlight"_s).toInt();
        e.limit = o.value(u"limit"_s).toInt();
        endpoints << e;
    }
    return endpoints;
}

} // namespace

QJsonObject toJson(const ProviderStatus &p)
{
    const QString breaker = breakerName(p.breaker);
    QJsonObject object{{u"id"_s, p.id},
                       {u"kind"_s, p.kind},
                       {u"model"_s, p.model},
                       {u"breaker"_s, breaker},
                       {u"breakerOpenUntil"_s, isoTime(p.breakerOpenUntil)},
                       {u"inFlight"_s, p.inFlight},
                       {u"limit"_s, p.limit},
                       {u"maxLimit"_s, p.maxLimit},
                       {u"queued"_s, p.queued},
                       {u"recentErrorRate"_s, p.recentErrorRate},
                       {u"lastError"_s, nameOf(p.lastError)},
                       {u"lastErrorMessage"_s, p.lastErrorMessage},
                       {u"lastErrorAt"_s, isoTime(p.lastErrorAt)}};
    if (!p.endpoints.isEmpty()) // a pool (docs/ARCHITECTURE.md, "Endpoint pools")
        object.insert(u"endpoints"_s, endpointsToJson(p.endpoints));
    return object;
}

ProviderStatus providerStatusFromJson(const QJsonObject &o)
{
    ProviderStatus p;
    p.id = o.value(u"id"_s).toString();
    p.kind = o.value(u"kind"_s).toString();
    p.model = o.value(u"model"_s).toString();
    const QString breaker = o.value(u"breaker"_s).toString();
    for (const auto &[value, name] : kBreakers) {
        if (breaker == QString::fromUtf16(name))
            p.breaker = value;
    }
    p.breakerOpenUntil = timeFrom(o.value(u"breakerOpenUntil"_s));
    p.inFlight = o.value(u"inFlight"_s).toInt();
    p.limit = o.value(u"limit"_s).toInt();
    p.maxLimit = o.value(u"maxLimit"_s).toInt();
    p.queued = o.value(u"queued"_s).toInt();
    p.recentErrorRate = o.value(u"recentErrorRate"_s).toDouble();
    p.lastError = enumFrom(o.value(u"lastError"_s), errorClassFromString, ErrorClass::None);
    p.lastErrorMessage = o.value(u"lastErrorMessage"_s).toString();
    p.lastErrorAt = timeFrom(o.value(u"lastErrorAt"_s));
    p.endpoints = endpointsFromJson(o.value(u"endpoints"_s).toArray());
    return p;
}

QJsonArray toJson(const QList<TaskSnapshot> &tasks)
{
    QJsonArray array;
    for (const TaskSnapshot &task : tasks)
        array.append(toJson(task));
    return array;
}

QList<TaskSnapshot> taskSnapshotsFromJson(const QJsonArray &array)
{
    QList<TaskSnapshot> tasks;
    tasks.reserve(array.size());
    for (const QJsonValue value : array)
        tasks.append(taskSnapshotFromJson(value.toObject()));
    return tasks;
}

QJsonArray toJson(const QList<ProviderStatus> &providers)
{
    QJsonArray array;
    for (const ProviderStatus &provider : providers)
        array.append(toJson(provider));
    return array;
}

QList<ProviderStatus> providerStatusesFromJson(const QJsonArray &array)
{
    QList<ProviderStatus> providers;
    providers.reserve(array.size());
    for (const QJsonValue value : array)
        providers.append(providerStatusFromJson(value.toObject()));
    return providers;
}

PauseReason pauseReasonFromName(const QString &name)
{
    for (const PauseReason reason :
         {PauseReason::User, PauseReason::DiskFull, PauseReason::BudgetCap}) {
        if (name == nameOf(reason))
            return reason;
    }
    return PauseReason::None;
}

RemoteSnapshot remoteSnapshotFromJson(const QJsonObject &reply)
{
    RemoteSnapshot snapshot;
    snapshot.owner = OwnerInfo::fromJson(reply.value(u"owner"_s).toObject());
    snapshot.title = reply.value(u"title"_s).toString();
    snapshot.workspace = reply.value(u"workspace"_s).toString();
    snapshot.storyboard = reply.value(u"storyboard"_s).toString();
    snapshot.runId = reply.value(u"runId"_s).toString();
    const QJsonObject state = reply.value(u"snapshot"_s).toObject();
    snapshot.tasks = taskSnapshotsFromJson(state.value(u"tasks"_s).toArray());
    snapshot.summary = batchSummaryFromJson(state.value(u"summary"_s).toObject());
    snapshot.providers = providerStatusesFromJson(state.value(u"providers"_s).toArray());
    for (const QJsonValue id : state.value(u"providerIds"_s).toArray())
        snapshot.providerIds.append(id.toString());
    snapshot.paused = state.value(u"paused"_s).toBool();
    snapshot.pauseReason = pauseReasonFromName(state.value(u"pauseReason"_s).toString());
    return snapshot;
}

int runExitCode(const BatchSummary &s, bool cancelledByUser)
{
    if (cancelledByUser)
        return 130;
    if (s.count(TaskState::Failed) > 0 || s.count(TaskState::Blocked) > 0 ||
        s.count(TaskState::Cancelled) > 0)
        return 3;
    return s.allDone() ? 0 : 3;
}

} // namespace retake
