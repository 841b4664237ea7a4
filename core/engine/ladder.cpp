#include "ladder.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace retake {

Ladder buildLadder(Stage stage, const QStringList &providerPreference)
{
    QStringList preference = providerPreference;
    preference.removeDuplicates();
    if (preference.isEmpty())
        preference << QString::fromUtf16(kBuiltinProviderId);

    Ladder ladder;
    if (stage == Stage::Assembly) {
        // Assembly is the built-in ffmpeg job; transient failures retry it.
        ladder << Rung{RungKind::Primary, QString::fromUtf16(kBuiltinProviderId)};
        return ladder;
    }
    ladder << Rung{RungKind::Primary, preference.first()};
    for (qsizetype i = 1; i < preference.size(); ++i)
        ladder << Rung{RungKind::AlternativeProvider, preference.at(i)};
    switch (stage) {
    case Stage::Image:
        ladder << Rung{RungKind::SimplifiedPrompt, preference.first()};
        ladder << Rung{RungKind::LowerResolution, preference.first()};
        break;
    case Stage::Video:
        ladder << Rung{RungKind::LowerResolution, preference.first()};
        break;
    case Stage::Audio:
        ladder << Rung{RungKind::AlternativeSettings, preference.first()};
        break;
    case Stage::Assembly:
        break;
    }
    ladder << Rung{RungKind::Fallback, QString::fromUtf16(kBuiltinProviderId)};
    return ladder;
}

int nextRungWithOtherProvider(const Ladder &ladder, int from, const QString &providerId)
{
    for (int i = std::max(from, 0); i < ladder.size(); ++i) {
        if (ladder.at(i).providerId != providerId)
            return i;
    }
    return -1;
}

int nextRungAfter(const Ladder &ladder, int current, ErrorClass errorClass)
{
    const int next = current + 1;
    switch (recoveryRoute(errorClass)) {
    case RecoveryRoute::RetrySameRung:
    case RecoveryRoute::NextRung:
        return next < ladder.size() ? next : -1;
    case RecoveryRoute::SimplifiedPrompt: {
        // The first rung that no longer sends the full prompt.
        for (int i = next; i < ladder.size(); ++i) {
            const RungKind kind = ladder.at(i).kind;
            if (kind == RungKind::SimplifiedPrompt || kind == RungKind::AlternativeSettings ||
                kind == RungKind::Fallback)
                return i;
        }
        return -1;
    }
    case RecoveryRoute::LowerResolution: {
        // A smaller request frees GPU memory; a shorter prompt does not. Without a
        // lower-resolution rung ahead (audio, or already on it), the built-in fallback.
        int fallback = -1;
        for (int i = next; i < ladder.size(); ++i) {
            const RungKind kind = ladder.at(i).kind;
            if (kind == RungKind::LowerResolution)
                return i;
            if (kind == RungKind::Fallback && fallback < 0)
                fallback = i;
        }
        return fallback;
    }
    case RecoveryRoute::SwitchProvider:
        return nextRungWithOtherProvider(ladder, next, ladder.at(current).providerId);
    case RecoveryRoute::FailFast:
    case RecoveryRoute::PauseBatch:
    case RecoveryRoute::Stop:
        return -1;
    }
    Q_UNREACHABLE();
    return -1;
}

QString simplifyPrompt(const QString &prompt)
{
    static const QRegularExpression clauseEnd(u"[.;:!?\\n]"_s);
    static const QRegularExpression weights(u"[()\\[\\]{}<>]|:\\d+(\\.\\d+)?"_s);
    QString text = prompt;
    const qsizetype end = text.indexOf(clauseEnd);
    if (end > 0)
        text.truncate(end);
    text.remove(weights);
    // Keep the subject: the part before the first comma-separated style list.
    const qsizetype comma = text.indexOf(u',');
    if (comma > 0)
        text.truncate(comma);
    QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    constexpr int kMaxWords = 12;
    if (words.size() > kMaxWords)
        words = words.mid(0, kMaxWords);
    return words.join(u' ');
}

namespace {
int halfEven(int value)
{
    const int half = std::max(16, value / 2);
    return half - (half % 2);
}
} // namespace

void applyRung(GenerationRequest &request, const Rung &rung)
{
    request.rung = rung.kind;
    switch (rung.kind) {
    case RungKind::Primary:
    case RungKind::AlternativeProvider:
        return;
    case RungKind::SimplifiedPrompt:
        request.prompt = simplifyPrompt(request.prompt);
        request.negativePrompt.clear();
        request.steps = std::max(1, request.steps / 2);
        return;
    case RungKind::LowerResolution:
        request.width = halfEven(request.width);
        request.height = halfEven(request.height);
        request.steps = std::max(1, request.steps / 2);
        return;
    case RungKind::AlternativeSettings:
        // Audio: the default voice at a steady rate instead of the requested voice.
        request.voice.clear();
        request.extra.insert(u"rate"_s, 150);
        return;
    case RungKind::Fallback:
        if (request.stage == Stage::Audio) {
            request.voice.clear();
            request.extra.insert(u"fallback"_s, true);
            return;
        }
        request.prompt = simplifyPrompt(request.prompt);
        request.negativePrompt.clear();
        request.extra.insert(u"fallback"_s, true);
        if (request.stage == Stage::Video)
            request.motion = u"zoom-in"_s; // a still with a gentle push-in
        return;
    }
    Q_UNREACHABLE();
}

} // namespace retake
