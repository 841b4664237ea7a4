#include "statedigest.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr auto kFormat = u"retake-state-digest/1";

// A scene line: "<scene id> <0|1: voice-over> <shot id>:<i|v|b>:<video seconds> ...". Ids
// hold letters, digits, - and _ only (StoryboardLoader::idProblem); canDescribe() checks.
char stagesCode(ShotStages stages)
{
    return stages == ShotStages::ImageOnly ? 'i' : stages == ShotStages::VideoOnly ? 'v' : 'b';
}

QByteArray sceneLine(const Scene &scene)
{
    QByteArray line = scene.id.toUtf8() + (scene.voiceOver.isEmpty() ? " 0" : " 1");
    for (const Shot &shot : scene.shots) {
        line += ' ' + shot.id.toUtf8() + ':' + stagesCode(shot.stages) + ':' +
                QByteArray::number(shot.video.durationSec, 'g', 17);
    }
    return line + '\n';
}

std::optional<Scene> sceneFromLine(const QByteArray &line)
{
    const QList<QByteArray> words = line.split(' ');
    if (words.size() < 2 || (words.at(1) != "0" && words.at(1) != "1"))
        return std::nullopt;
    Scene scene;
    scene.id = QString::fromUtf8(words.at(0));
    if (words.at(1) == "1")
        scene.voiceOver.text = u"-"_s; // only its presence matters here
    scene.shots.reserve(words.size() - 2);
    for (qsizetype i = 2; i < words.size(); ++i) {
        const QList<QByteArray> fields = words.at(i).split(':');
        bool ok = false;
        if (fields.size() != 3 || fields.at(1).size() != 1)
            return std::nullopt;
        Shot shot;
        shot.id = QString::fromUtf8(fields.at(0));
        const char code = fields.at(1).at(0);
        shot.stages = code == 'i'   ? ShotStages::ImageOnly
                      : code == 'v' ? ShotStages::VideoOnly
                                    : ShotStages::ImageAndVideo;
        shot.video.durationSec = fields.at(2).toDouble(&ok);
        if (!ok || (code != 'i' && code != 'v' && code != 'b'))
            return std::nullopt;
        scene.shots.append(std::move(shot));
    }
    return scene;
}

bool isPlainId(const QString &id)
{
    return !id.isEmpty() && !id.contains(u' ') && !id.contains(u':') && !id.contains(u'\n');
}

} // namespace

QString StateDigest::fileName()
{
    return u"state.digest.json"_s;
}

bool StateDigest::canDescribe(const Project &project)
{
    for (const Scene &scene : project.scenes) {
        if (!isPlainId(scene.id))
            return false;
        for (const Shot &shot : scene.shots) {
            if (!shot.inputImage.isEmpty() || !isPlainId(shot.id))
                return false;
        }
    }
    return true;
}

QByteArray StateDigest::header(const QByteArray &inputs)
{
    return QString::fromUtf16(kFormat).toLatin1() + ' ' + inputs + '\n';
}

QByteArray StateDigest::encode() const
{
    QJsonObject preference;
    for (auto it = skeleton.providerPreference.cbegin(); it != skeleton.providerPreference.cend();
         ++it)
        preference.insert(nameOf(it.key()), QJsonArray::fromStringList(it.value()));
    QJsonArray providerList;
    for (const Provider &p : providers) {
        providerList.append(QJsonObject{{u"id"_s, p.id},
                                        {u"kind"_s, p.kind},
                                        {u"model"_s, p.model},
                                        {u"maxConcurrency"_s, p.maxConcurrency},
                                        {u"costPerUnit"_s, p.costPerUnit}});
    }
    const QJsonObject root{{u"title"_s, skeleton.title},
                           {u"assemble"_s, skeleton.assemble},
                           {u"preference"_s, preference},
                           {u"providers"_s, providerList}};
    QByteArray data = header(inputs) + QJsonDocument(root).toJson(QJsonDocument::Compact) + '\n';
    for (const Scene &scene : skeleton.scenes)
        data += sceneLine(scene);
    return data;
}

std::optional<StateDigest> StateDigest::decode(const QByteArray &data)
{
    const qsizetype newline = data.indexOf('\n');
    const QList<QByteArray> words = data.left(newline).split(' ');
    if (newline < 0 || words.size() != 2 || words.first() != QString::fromUtf16(kFormat).toLatin1())
        return std::nullopt;
    StateDigest digest;
    digest.inputs = words.at(1);
    const qsizetype end = data.indexOf('\n', newline + 1);
    const QJsonObject root =
        QJsonDocument::fromJson(data.mid(newline + 1, end - newline - 1)).object();
    if (end < 0 || root.isEmpty())
        return std::nullopt;
    digest.skeleton.title = root.value(u"title"_s).toString();
    digest.skeleton.assemble = root.value(u"assemble"_s).toBool();
    const QJsonObject preference = root.value(u"preference"_s).toObject();
    for (auto it = preference.constBegin(); it != preference.constEnd(); ++it) {
        const std::optional<Stage> stage = stageFromString(it.key());
        if (!stage)
            return std::nullopt;
        QStringList ids;
        for (const QJsonValue &id : it.value().toArray())
            ids << id.toString();
        digest.skeleton.providerPreference.insert(*stage, ids);
    }
    for (const QJsonValue &value : root.value(u"providers"_s).toArray()) {
        const QJsonObject p = value.toObject();
        digest.providers << Provider{p.value(u"id"_s).toString(), p.value(u"kind"_s).toString(),
                                     p.value(u"model"_s).toString(),
                                     p.value(u"maxConcurrency"_s).toInt(),
                                     p.value(u"costPerUnit"_s).toDouble()};
    }
    for (qsizetype from = end + 1; from < data.size();) {
        qsizetype to = data.indexOf('\n', from);
        if (to < 0)
            return std::nullopt; // cut short
        std::optional<Scene> scene = sceneFromLine(data.mid(from, to - from));
        if (!scene)
            return std::nullopt;
        digest.skeleton.scenes.append(std::move(*scene));
        from = to + 1;
    }
    if (digest.inputs.isEmpty())
        return std::nullopt;
    return digest;
}

bool StateDigest::write(const QString &workspaceDir, QString *error) const
{
    QSaveFile file(QDir(workspaceDir).filePath(fileName()));
    if (!file.open(QIODevice::WriteOnly) || file.write(encode()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void StateDigest::remove(const QString &workspaceDir)
{
    QFile::remove(QDir(workspaceDir).filePath(fileName()));
}

bool StateDigest::isCurrent(const QString &workspaceDir, const QByteArray &inputs)
{
    QFile file(QDir(workspaceDir).filePath(fileName()));
    return file.open(QIODevice::ReadOnly) && file.readLine(4096) == header(inputs);
}

std::optional<StateDigest> StateDigest::read(const QString &workspaceDir, const QByteArray &inputs)
{
    QFile file(QDir(workspaceDir).filePath(fileName()));
    if (inputs.isEmpty() || !file.open(QIODevice::ReadOnly) ||
        file.readLine(4096) != header(inputs))
        return std::nullopt;
    file.seek(0);
    return decode(file.readAll());
}

} // namespace retake
