#include "requestbuilder.h"

#include "engine/ladder.h"
#include "project/storyboardloader.h"
#include "providers/provider.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

const Shot &RequestBuilder::shotOf(const TaskRecord &t) const
{
    return m_project.scenes.at(t.node.sceneIndex).shots.at(t.node.shotIndex);
}

QString RequestBuilder::withoutPrompts(const TaskRecord &t, QString text) const
{
    if (text.isEmpty())
        return text;
    QStringList variants{t.request.prompt, t.request.negativePrompt};
    if (t.isShotTask()) {
        const Shot &shot = shotOf(t);
        variants << shot.prompt << shot.negativePrompt << simplifyPrompt(shot.prompt);
    } else if (t.node.sceneIndex >= 0 && t.node.sceneIndex < m_project.scenes.size()) {
        variants << m_project.scenes.at(t.node.sceneIndex).voiceOver.text;
    }
    std::sort(variants.begin(), variants.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &variant : std::as_const(variants)) {
        const QString trimmed = variant.trimmed();
        if (trimmed.size() >= 4) // shorter ones would blank out ordinary words
            text.replace(trimmed, u"[prompt withheld]"_s);
    }
    return text;
}

double RequestBuilder::durationOf(const TaskRecord &t) const
{
    // The picture length a task contributes to an assembly.
    if (t.isShotTask())
        return shotOf(t).video.durationSec;
    double total = 0.0;
    for (int d : t.node.dependencies) {
        if (m_tasks.at(d).snap.stage != Stage::Audio)
            total += durationOf(m_tasks.at(d));
    }
    return total;
}

GenerationRequest RequestBuilder::request(const TaskRecord &t) const
{
    GenerationRequest r;
    r.taskId = t.snap.id;
    r.stage = t.snap.stage;
    r.sceneId = t.snap.sceneId;
    r.shotId = t.snap.shotId;
    r.attemptNumber = int(t.attempts.size()) + 1;
    switch (t.snap.stage) {
    case Stage::Image:
    case Stage::Video: {
        const Shot &shot = shotOf(t);
        r.prompt = shot.prompt;
        r.negativePrompt = shot.negativePrompt;
        r.seed = shot.seed;
        r.width = shot.image.width;
        r.height = shot.image.height;
        r.steps = shot.image.steps;
        if (t.snap.stage == Stage::Video) {
            r.durationSec = shot.video.durationSec;
            r.fps = shot.video.fps;
            r.motion = shot.video.motion;
            // The image task's output, or a video-only shot's image file.
            r.inputImagePath = t.node.dependency >= 0
                                   ? m_tasks.at(t.node.dependency).snap.outputPath
                                   : shot.inputImagePath;
        }
        break;
    }
    case Stage::Audio: {
        const VoiceOver &vo = m_project.scenes.at(t.node.sceneIndex).voiceOver;
        r.prompt = vo.text;
        r.voice = vo.voice;
        r.language = vo.language;
        break;
    }
    case Stage::Assembly:
        addAssemblyInputs(t, &r);
        break;
    }
    applyRung(r, t.ladder.at(t.rungIndex));
    return r;
}

void RequestBuilder::addAssemblyInputs(const TaskRecord &t, GenerationRequest *r) const
{
    r->width = m_project.imageDefaults.width;
    r->height = m_project.imageDefaults.height;
    r->fps = m_project.videoDefaults.fps;
    for (int d : t.node.dependencies) {
        const TaskRecord &dep = m_tasks.at(d);
        if (dep.snap.stage == Stage::Audio) {
            if (dep.snap.state == TaskState::Done)
                r->audioPath = dep.snap.outputPath;
            continue;
        }
        AssemblyClip clip;
        clip.durationSec = durationOf(dep);
        if (dep.snap.state == TaskState::Done) {
            clip.path = dep.snap.outputPath;
            clip.still = dep.snap.stage == Stage::Image; // an image-only shot's picture
        } else {
            // Never dropped silently: a slate of the same length says what is missing.
            clip.slateLabel = dep.isShotTask() ? dep.snap.shotId : dep.snap.sceneId;
            clip.slateReason =
                dep.snap.lastError != ErrorClass::None
                    ? u"%1: %2"_s.arg(nameOf(dep.snap.state), nameOf(dep.snap.lastError))
                    : nameOf(dep.snap.state);
        }
        r->clips << clip;
        r->durationSec += clip.durationSec;
    }
}

QVariantMap RequestBuilder::attemptParams(const GenerationRequest &request)
{
    if (request.stage == Stage::Audio) {
        // What a voice-over rung changes: the voice, the rate, the basic synthesis.
        QVariantMap params{{u"prompt"_s, request.prompt},
                           {u"voice"_s, request.voice},
                           {u"language"_s, request.language},
                           {u"model"_s, request.model}};
        for (const QString &key : {u"rate"_s, u"fallback"_s}) {
            if (request.extra.contains(key))
                params.insert(key, request.extra.value(key));
        }
        return params;
    }
    QVariantMap params{
        {u"prompt"_s, request.prompt}, {u"negative"_s, request.negativePrompt},
        {u"seed"_s, request.seed},     {u"width"_s, request.width},
        {u"height"_s, request.height}, {u"steps"_s, request.steps},
        {u"model"_s, request.model},
    };
    if (request.stage == Stage::Video) {
        params.insert(u"duration"_s, request.durationSec);
        params.insert(u"fps"_s, request.fps);
        params.insert(u"motion"_s, request.motion);
    }
    return params;
}

QString RequestBuilder::hashOf(const QVariantMap &params)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(
            QJsonDocument(QJsonObject::fromVariantMap(params)).toJson(QJsonDocument::Compact),
            QCryptographicHash::Sha1)
            .toHex());
}

QByteArray RequestBuilder::paramsHash(const TaskRecord &t) const
{
    if (t.isShotTask())
        return StoryboardLoader::shotParamsHash(shotOf(t), t.snap.stage);
    QCryptographicHash hash(QCryptographicHash::Sha1);
    if (t.snap.stage == Stage::Audio) {
        const VoiceOver &vo = m_project.scenes.at(t.node.sceneIndex).voiceOver;
        hash.addData((vo.text + u'\n' + vo.voice + u'\n' + vo.language).toUtf8());
    } else {
        // An assembly is current while its inputs are the ones it was made from.
        for (int d : t.node.dependencies) {
            const TaskRecord &dep = m_tasks.at(d);
            hash.addData((dep.snap.id + u'|' + nameOf(dep.snap.state) + u'|' +
                          m_workspace.relativePath(dep.snap.outputPath) + u'\n')
                             .toUtf8());
        }
    }
    return hash.result().toHex();
}

double RequestBuilder::estimatedCost(const TaskRecord &t, const Provider *provider) const
{
    if (!provider)
        return 0.0;
    const double perUnit = provider->costPerUnit();
    // Images and voice-overs cost one unit; videos one unit per second (as providers bill
    // them); assembly is local.
    switch (t.snap.stage) {
    case Stage::Image:
    case Stage::Audio:
        return perUnit;
    case Stage::Video:
        return perUnit * shotOf(t).video.durationSec;
    case Stage::Assembly:
        return 0.0;
    }
    Q_UNREACHABLE();
    return 0.0;
}

} // namespace retake
