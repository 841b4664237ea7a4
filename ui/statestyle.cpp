#include "statestyle.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QPainter>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace retake::ui {

QString StateStyle::stateLabel(TaskState state)
{
    switch (state) {
    case TaskState::Waiting:
        return tr("waiting", "task state");
    case TaskState::Queued:
        return tr("queued", "task state");
    case TaskState::Running:
        return tr("running", "task state");
    case TaskState::Retrying:
        return tr("retrying", "task state");
    case TaskState::Done:
        return tr("done", "task state");
    case TaskState::Failed:
        return tr("failed", "task state");
    case TaskState::Blocked:
        return tr("blocked", "task state");
    case TaskState::Interrupted:
        return tr("interrupted", "task state");
    case TaskState::Cancelled:
        return tr("cancelled", "task state");
    case TaskState::Skipped:
        return tr("skipped", "task state");
    }
    Q_UNREACHABLE();
}

QString StateStyle::chipStateLabel(TaskState state)
{
    switch (state) {
    case TaskState::Waiting:
        return tr("waiting", "short task state on a tile chip");
    case TaskState::Queued:
        return tr("queued", "short task state on a tile chip");
    case TaskState::Running:
        return tr("running", "short task state on a tile chip");
    case TaskState::Retrying:
        return tr("retrying", "short task state on a tile chip");
    case TaskState::Done:
        return tr("done", "short task state on a tile chip");
    case TaskState::Failed:
        return tr("failed", "short task state on a tile chip");
    case TaskState::Blocked:
        return tr("blocked", "short task state on a tile chip");
    case TaskState::Interrupted:
        return tr("interrupted", "short task state on a tile chip");
    case TaskState::Cancelled:
        return tr("cancelled", "short task state on a tile chip");
    case TaskState::Skipped:
        return tr("skipped", "short task state on a tile chip");
    }
    Q_UNREACHABLE();
}

QString StateStyle::categoryLabel(StateCategory category)
{
    switch (category) {
    case StateCategory::Done:
        return tr("done", "summary bar filter");
    case StateCategory::Degraded:
        return tr("degraded", "summary bar filter");
    case StateCategory::Running:
        return tr("running", "summary bar filter");
    case StateCategory::Retrying:
        return tr("retrying", "summary bar filter");
    case StateCategory::Queued:
        return tr("queued", "summary bar filter");
    case StateCategory::Failed:
        return tr("failed", "summary bar filter");
    case StateCategory::Blocked:
        return tr("blocked", "summary bar filter");
    }
    Q_UNREACHABLE();
}

QString StateStyle::categoryToolTip(StateCategory category)
{
    switch (category) {
    case StateCategory::Done:
        return tr("Tasks with a verified output, at any quality. Click to show only their "
                  "shots.");
    case StateCategory::Degraded:
        return tr("Done tasks below full quality (simplified prompt, lower resolution or "
                  "built-in fallback). Click to show only their shots.");
    case StateCategory::Running:
        return tr("Tasks with an attempt in flight. Click to show only their shots.");
    case StateCategory::Retrying:
        return tr("Tasks waiting for their backoff before the next automatic retry. Click "
                  "to show only their shots.");
    case StateCategory::Queued:
        return tr("Tasks waiting for a provider slot or for their image. Click to show "
                  "only their shots.");
    case StateCategory::Failed:
        return tr("Tasks whose automatic recovery is exhausted: they need you. Click to "
                  "show only their shots.");
    case StateCategory::Blocked:
        return tr("Tasks waiting for a failed task they depend on. Click to show only "
                  "their shots.");
    }
    Q_UNREACHABLE();
}

QString StateStyle::stageLabel(Stage stage)
{
    switch (stage) {
    case Stage::Image:
        return tr("Image", "generation stage");
    case Stage::Video:
        return tr("Video", "generation stage");
    case Stage::Audio:
        return tr("Voice-over", "generation stage");
    case Stage::Assembly:
        return tr("Cut", "generation stage: assembling shots into a scene or film");
    }
    Q_UNREACHABLE();
}

QString StateStyle::stageShortLabel(Stage stage)
{
    switch (stage) {
    case Stage::Image:
        return tr("IMG", "short label of the image stage on a tile");
    case Stage::Video:
        return tr("VID", "short label of the video stage on a tile");
    case Stage::Audio:
        return tr("VOICE", "short label of a scene's voice-over on its header");
    case Stage::Assembly:
        return tr("CUT", "short label of a scene's (or the film's) assembly on its header");
    }
    Q_UNREACHABLE();
}

QString StateStyle::errorLabel(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None:
        return tr("no error", "error class");
    case ErrorClass::Network:
        return tr("network error", "error class");
    case ErrorClass::Timeout:
        return tr("timeout", "error class");
    case ErrorClass::RateLimited:
        return tr("rate limited", "error class");
    case ErrorClass::ProviderUnavailable:
        return tr("provider unavailable", "error class");
    case ErrorClass::ProviderError:
        return tr("provider error", "error class");
    case ErrorClass::OutOfMemory:
        return tr("out of memory", "error class: the provider's GPU ran out of memory");
    case ErrorClass::ContentPolicy:
        return tr("content policy", "error class");
    case ErrorClass::InvalidRequest:
        return tr("invalid request", "error class");
    case ErrorClass::Auth:
        return tr("authentication", "error class");
    case ErrorClass::QuotaExhausted:
        return tr("quota exhausted", "error class");
    case ErrorClass::OutputInvalid:
        return tr("invalid output", "error class");
    case ErrorClass::UnsafeOutput:
        return tr("unsafe output", "error class");
    case ErrorClass::FileIo:
        return tr("file error", "error class");
    case ErrorClass::DiskFull:
        return tr("disk full", "error class");
    case ErrorClass::Cancelled:
        return tr("cancelled", "error class");
    }
    Q_UNREACHABLE();
}

QString StateStyle::recommendedAction(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None:
        return {};
    case ErrorClass::Network:
        return tr("Check the network connection, then retry.");
    case ErrorClass::Timeout:
        return tr("The provider is slow; retry, or switch to another provider.");
    case ErrorClass::RateLimited:
        return tr("The provider limits the request rate; wait, lower the concurrency or "
                  "switch provider.");
    case ErrorClass::ProviderUnavailable:
        return tr("The provider is down; retry later or switch provider.");
    case ErrorClass::ProviderError:
        return tr("The model failed on this job; retry, or switch provider.");
    case ErrorClass::OutOfMemory:
        return tr("The provider's GPU ran out of memory; Retake tries a lower resolution. "
                  "Lower the shot's size or steps, or switch to a provider with more memory.");
    case ErrorClass::ContentPolicy:
        return tr("The prompt was rejected; edit the prompt or switch provider.");
    case ErrorClass::InvalidRequest:
        return tr("The request was refused as invalid; fix the shot's parameters or switch "
                  "provider.");
    case ErrorClass::Auth:
        return tr("The provider refused the API key; check the key, or switch provider.");
    case ErrorClass::QuotaExhausted:
        return tr("The provider's quota is used up; switch provider or raise the quota.");
    case ErrorClass::OutputInvalid:
        return tr("The output did not pass verification; retry.");
    case ErrorClass::UnsafeOutput:
        return tr("The provider tried to write outside the workspace; switch provider.");
    case ErrorClass::FileIo:
        return tr("Check that the workspace folder is writable, then retry.");
    case ErrorClass::DiskFull:
        return tr("Free some disk space; Retake resumes by itself.");
    case ErrorClass::Cancelled:
        return tr("Cancelled by you; retry to run it again.");
    }
    Q_UNREACHABLE();
}

QString StateStyle::rungLabel(RungKind rung)
{
    switch (rung) {
    case RungKind::Primary:
        return tr("primary", "degradation rung");
    case RungKind::AlternativeProvider:
        return tr("alternative provider", "degradation rung");
    case RungKind::AlternativeSettings:
        return tr("alternative settings", "degradation rung (audio: another voice)");
    case RungKind::SimplifiedPrompt:
        return tr("simplified prompt", "degradation rung");
    case RungKind::LowerResolution:
        return tr("lower resolution", "degradation rung");
    case RungKind::Fallback:
        return tr("built-in fallback", "degradation rung");
    }
    Q_UNREACHABLE();
}

QString StateStyle::qualityLabel(Quality quality)
{
    switch (quality) {
    case Quality::None:
        return tr("none", "output quality");
    case Quality::Full:
        return tr("full quality", "output quality");
    case Quality::Reduced:
        return tr("reduced quality", "output quality");
    case Quality::Fallback:
        return tr("fallback quality", "output quality");
    case Quality::FullOtherProvider:
        return tr("full · other provider",
                  "output quality: full parameters, but made by an alternative provider");
    }
    Q_UNREACHABLE();
}

QString StateStyle::chipText(const TaskSnapshot &task)
{
    switch (task.state) {
    case TaskState::Running:
        if (task.progress >= 0.0)
            return tr("%1 %", "progress of a running task").arg(qRound(task.progress * 100));
        return chipStateLabel(task.state);
    case TaskState::Retrying:
        if (task.retryAt.isValid()) {
            const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(task.retryAt);
            const int seconds = int(std::max<qint64>(0, (ms + 999) / 1000));
            return tr("retry %1 s", "countdown to the next automatic retry").arg(seconds);
        }
        return chipStateLabel(task.state);
    case TaskState::Done:
        return isDegraded(task.quality) ? tr("degraded", "a done task below full quality")
                                        : chipStateLabel(task.state);
    case TaskState::Waiting:
    case TaskState::Queued:
    case TaskState::Failed:
    case TaskState::Blocked:
    case TaskState::Interrupted:
    case TaskState::Cancelled:
    case TaskState::Skipped:
        return chipStateLabel(task.state);
    }
    Q_UNREACHABLE();
}

QString StateStyle::describe(const TaskSnapshot &task)
{
    QString text = tr("%1: %2", "stage: state").arg(stageLabel(task.stage), stateLabel(task.state));
    if (task.state == TaskState::Done)
        text += tr(" (%1)", "quality in a task description").arg(qualityLabel(task.quality));
    if (task.attemptCount > 0)
        text += tr(", %n attempt(s)", nullptr, task.attemptCount);
    if (task.state == TaskState::Running && task.progress >= 0.0)
        text += tr(", %1 % done").arg(qRound(task.progress * 100));
    if (task.state == TaskState::Retrying && task.retryAt.isValid()) {
        const qint64 s = std::max<qint64>(
            0, (QDateTime::currentDateTimeUtc().msecsTo(task.retryAt) + 999) / 1000);
        text += tr(", next try in %n second(s)", nullptr, int(s));
    }
    if (task.lastError != ErrorClass::None && task.state != TaskState::Done)
        text += tr(", last error: %1").arg(errorLabel(task.lastError));
    return text;
}

bool StateStyle::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor StateStyle::mix(const QColor &a, const QColor &b, double amountOfB)
{
    const double t = std::clamp(amountOfB, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

QColor StateStyle::accent(int category, const QPalette &palette)
{
    const bool dark = isDark(palette);
    // Saturated hues; lighter on dark bases so they keep their contrast.
    const auto hue = [dark](int h, int s) { return QColor::fromHsl(h, s, dark ? 150 : 100); };
    if (category < 0)
        return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
    switch (StateCategory(category)) {
    case StateCategory::Done:
        return hue(130, 150);
    case StateCategory::Degraded:
        return hue(42, 230);
    case StateCategory::Running:
        return palette.color(QPalette::Highlight);
    case StateCategory::Retrying:
        return hue(24, 230);
    case StateCategory::Queued:
        return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.35);
    case StateCategory::Failed:
        return hue(356, 200);
    case StateCategory::Blocked:
        return hue(285, 110);
    }
    Q_UNREACHABLE();
}

QColor StateStyle::chipFill(int category, const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), accent(category, palette),
               isDark(palette) ? 0.30 : 0.16);
}

QColor StateStyle::chipBorder(int category, const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), accent(category, palette), 0.85);
}

QString StateStyle::iconName(const TaskSnapshot &task)
{
    switch (task.state) {
    case TaskState::Waiting:
        return u"state-waiting"_s;
    case TaskState::Queued:
        return u"state-queued"_s;
    case TaskState::Running:
        return u"state-running"_s;
    case TaskState::Retrying:
        return u"state-retrying"_s;
    case TaskState::Done:
        return isDegraded(task.quality) ? u"state-degraded"_s : u"state-done"_s;
    case TaskState::Failed:
        return u"state-failed"_s;
    case TaskState::Blocked:
        return u"state-blocked"_s;
    case TaskState::Interrupted:
        return u"state-interrupted"_s;
    case TaskState::Cancelled:
        return u"state-cancelled"_s;
    case TaskState::Skipped:
        return u"state-skipped"_s;
    }
    Q_UNREACHABLE();
}

QString StateStyle::iconName(StateCategory category)
{
    switch (category) {
    case StateCategory::Done:
        return u"state-done"_s;
    case StateCategory::Degraded:
        return u"state-degraded"_s;
    case StateCategory::Running:
        return u"state-running"_s;
    case StateCategory::Retrying:
        return u"state-retrying"_s;
    case StateCategory::Queued:
        return u"state-queued"_s;
    case StateCategory::Failed:
        return u"state-failed"_s;
    case StateCategory::Blocked:
        return u"state-blocked"_s;
    }
    Q_UNREACHABLE();
}

QPixmap StateStyle::tintedPixmap(const QString &name, const QColor &color, int size,
                                 qreal devicePixelRatio)
{
    static QHash<QString, QPixmap> cache;
    const QString key = name + u'|' + color.name(QColor::HexArgb) + u'|' + QString::number(size) +
                        u'|' + QString::number(devicePixelRatio);
    const auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    const int device = qCeil(size * devicePixelRatio);
    // The SVGs are black shapes with white details: black becomes `color`, white and
    // transparent become holes.
    QImage source(device, device, QImage::Format_ARGB32);
    source.fill(Qt::transparent);
    {
        QSvgRenderer renderer(u":/icons/"_s + name + u".svg"_s);
        QPainter painter(&source);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
    }
    QImage image(device, device, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < device; ++y) {
        const QRgb *src = reinterpret_cast<const QRgb *>(source.constScanLine(y));
        QRgb *dst = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < device; ++x) {
            const int coverage = qAlpha(src[x]) * (255 - qGray(src[x])) / 255;
            dst[x] = qPremultiply(
                qRgba(color.red(), color.green(), color.blue(), coverage * color.alpha() / 255));
        }
    }
    QPixmap pixmap = QPixmap::fromImage(image);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    if (cache.size() > 512)
        cache.clear();
    cache.insert(key, pixmap);
    return pixmap;
}

QIcon StateStyle::actionIcon(const QString &name, const QPalette &palette)
{
    QIcon icon;
    const QColor normal = palette.color(QPalette::Active, QPalette::ButtonText);
    const QColor disabled = palette.color(QPalette::Disabled, QPalette::ButtonText);
    for (const int size : {16, 22, 24, 32, 48}) {
        icon.addPixmap(tintedPixmap(name, normal, size, 1.0), QIcon::Normal);
        icon.addPixmap(tintedPixmap(name, disabled, size, 1.0), QIcon::Disabled);
    }
    return icon;
}

QIcon StateStyle::appIcon()
{
    QIcon icon(u":/icons/retake.svg"_s);
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        const QString png = u":/icons/retake-%1.png"_s.arg(size);
        if (QFile::exists(png))
            icon.addFile(png, QSize(size, size));
    }
    return icon;
}

} // namespace retake::ui
