// The banners the window can show, in the order they stack (most urgent first), and the
// key each one has in the BannerArea. A provider's banner has one key per provider.
#pragma once

#include <QString>

namespace retake::ui {

enum class BannerId {
    Watching, // another process owns the workspace: watching it, how it ended, or it died
    BudgetCap,
    DiskFull,
    Failed,
    LoopGuard,
    Breaker, // one per provider
    RateLimited,
    ContentPolicy,
    Checkpoint, // offers to go back to the checkpoint made before a bulk action
    Restored,
    CrashedRun,
};

// The banner's key: sorts in BannerId order, then by provider.
QString bannerKey(BannerId id, const QString &providerId = {});
bool isBannerOf(const QString &key, BannerId id);

} // namespace retake::ui
