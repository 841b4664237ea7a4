// The degradation ladder of a stage (docs/ARCHITECTURE.md, "Failures"), best rung first:
//   image: primary -> alternative providers -> simplified prompt -> lower resolution -> fallback
//   video: primary -> alternative providers -> lower resolution -> fallback (built-in motion)
// and how a rung changes the request that reaches the provider.
#pragma once

#include "domain/project.h"
#include "domain/types.h"
#include "providers/provider.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace retake {

struct Rung {
    RungKind kind = RungKind::Primary;
    QString providerId;
    bool operator==(const Rung &other) const
    {
        return kind == other.kind && providerId == other.providerId;
    }
};

using Ladder = QList<Rung>;

Ladder buildLadder(Stage stage, const QStringList &providerPreference);

// Index of the rung to go to after a failure of `errorClass` at rung `current`, or -1
// when the ladder is exhausted. Does not consider retry budgets or breakers.
int nextRungAfter(const Ladder &ladder, int current, ErrorClass errorClass);

// Index of the first rung at or after `from` whose provider differs from `providerId`.
int nextRungWithOtherProvider(const Ladder &ladder, int from, const QString &providerId);

// The first words of the prompt's first clause, without weights or style lists: what the
// simplified-prompt and fallback rungs send.
QString simplifyPrompt(const QString &prompt);

// Applies a rung to a full-quality request.
void applyRung(GenerationRequest &request, const Rung &rung);

} // namespace retake
