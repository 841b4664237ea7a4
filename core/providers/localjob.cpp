#include "providers/localjob.h"
#include "util/diskspace.h"

#include "engine/mediatools.h"

#include <QBuffer>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QLinearGradient>
#include <QMutex>
#include <QMutexLocker>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <QPromise>
#include <QRadialGradient>
#include <QSaveFile>
#include <QStorageInfo>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

constexpr int kMaxImageSide = 8192;
constexpr int kMaxVideoSide = 4096;
constexpr double kMaxVideoDurationSec = 600.0;
constexpr int kMaxFps = 120;
constexpr qsizetype kStderrTailBytes = 2048;

// ---------------------------------------------------------------------------------------
// Procedural storyboard frame. Everything is derived from integer hashes of the prompt
// words and the seed, so the same inputs paint the same pixels; no text, no fonts.

quint64 mix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

quint64 hashBytes(const QByteArray &bytes)
{
    quint64 hash = 0xcbf29ce484222325ull;
    for (const char c : bytes) {
        hash ^= quint64(quint8(c));
        hash *= 0x100000001b3ull;
    }
    return mix64(hash);
}

class Random
{
public:
    explicit Random(quint64 state) : m_state(state) {}
    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ull;
        quint64 z = m_state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double range(double low, double high) { return low + (high - low) * uniform(); }
    int bounded(int n) { return int(next() % quint64(n)); }
    bool chance(double p) { return uniform() < p; }

private:
    quint64 m_state;
};

// The time of day sets the sky and the light; the land sets the ground and the shapes.
enum class Light { Day, Sunset, Night };
enum class Land { Plain, Sea, Forest, Desert, Snow };

struct Scenery {
    Light light = Light::Day;
    Land land = Land::Plain;
    bool city = false;
    bool trees = false;
    bool water = false;
    bool figure = false;
    bool mountains = true;
    int props = 0; // words that did not map to anything: small landmarks
};

QStringList promptWords(const QString &prompt)
{
    static const QStringList stopWords = {u"the"_s,  u"and"_s,   u"with"_s, u"from"_s, u"into"_s,
                                          u"over"_s, u"under"_s, u"for"_s,  u"that"_s, u"this"_s,
                                          u"are"_s,  u"its"_s,   u"his"_s,  u"her"_s,  u"their"_s,
                                          u"very"_s, u"while"_s, u"shot"_s, u"wide"_s, u"close"_s};
    QStringList words;
    QString word;
    const QString lower = prompt.toLower();
    for (const QChar c : lower) {
        if (c.isLetterOrNumber()) {
            word.append(c);
            continue;
        }
        if (word.size() >= 3 && !stopWords.contains(word))
            words.append(word);
        word.clear();
    }
    if (word.size() >= 3 && !stopWords.contains(word))
        words.append(word);
    return words;
}

Scenery sceneryFor(const QStringList &words)
{
    struct Keyword {
        const char16_t *word;
        int kind; // 1 sunset, 2 night, 3..6 land, 10 city, 11 trees, 12 water, 13 figure
    };
    static constexpr Keyword keywords[] = {
        {u"night", 2},      {u"moon", 2},      {u"midnight", 2},   {u"dark", 2},
        {u"stars", 2},      {u"neon", 2},      {u"noir", 2},       {u"sunset", 1},
        {u"dusk", 1},       {u"evening", 1},   {u"dawn", 1},       {u"sunrise", 1},
        {u"golden", 1},     {u"fire", 1},      {u"sea", 3},        {u"ocean", 3},
        {u"beach", 3},      {u"coast", 3},     {u"harbor", 3},     {u"lake", 3},
        {u"forest", 4},     {u"woods", 4},     {u"jungle", 4},     {u"meadow", 4},
        {u"garden", 4},     {u"desert", 5},    {u"sand", 5},       {u"dune", 5},
        {u"dunes", 5},      {u"canyon", 5},    {u"snow", 6},       {u"winter", 6},
        {u"ice", 6},        {u"arctic", 6},    {u"frozen", 6},     {u"city", 10},
        {u"street", 10},    {u"town", 10},     {u"skyline", 10},   {u"building", 10},
        {u"buildings", 10}, {u"tower", 10},    {u"rooftop", 10},   {u"village", 10},
        {u"tree", 11},      {u"trees", 11},    {u"park", 11},      {u"field", 11},
        {u"river", 12},     {u"water", 12},    {u"boat", 12},      {u"waves", 12},
        {u"man", 13},       {u"woman", 13},    {u"girl", 13},      {u"boy", 13},
        {u"person", 13},    {u"child", 13},    {u"hero", 13},      {u"robot", 13},
        {u"knight", 13},    {u"traveler", 13}, {u"character", 13}, {u"figure", 13},
    };
    Scenery scenery;
    bool lightSet = false;
    bool landSet = false;
    for (const QString &word : words) {
        int kind = -1;
        for (const Keyword &keyword : keywords) {
            if (word == QStringView(keyword.word)) {
                kind = keyword.kind;
                break;
            }
        }
        if (kind == 1 || kind == 2) {
            if (!lightSet)
                scenery.light = kind == 1 ? Light::Sunset : Light::Night;
            lightSet = true;
        } else if (kind >= 3 && kind <= 6) {
            if (!landSet)
                scenery.land = Land(kind - 2);
            landSet = true;
        } else if (kind == 10) {
            scenery.city = true;
        } else if (kind == 11) {
            scenery.trees = true;
        } else if (kind == 12) {
            scenery.water = true;
        } else if (kind == 13) {
            scenery.figure = true;
        } else {
            ++scenery.props;
        }
    }
    if (scenery.land == Land::Sea)
        scenery.water = true;
    if (scenery.land == Land::Forest)
        scenery.trees = true;
    scenery.props = qMin(scenery.props, 4);
    return scenery;
}

struct Palette {
    QColor skyTop;
    QColor skyHorizon;
    QColor sun;
    QColor far;  // distant ridges
    QColor near; // foreground
    QColor ground;
    QColor accent;
};

QColor hsv(double h, double s, double v)
{
    h = h - std::floor(h);
    return QColor::fromHsvF(float(h), float(qBound(0.0, s, 1.0)), float(qBound(0.0, v, 1.0)));
}

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

Palette paletteFor(Land land, Light light, Random &random)
{
    const double shift = random.range(-0.04, 0.04);
    Palette p;
    switch (land) {
    case Land::Sea:
        p = {hsv(0.58 + shift, 0.60, 0.85), hsv(0.54 + shift, 0.25, 0.97),
             hsv(0.14, 0.25, 1.00),         hsv(0.58 + shift, 0.30, 0.70),
             hsv(0.60 + shift, 0.60, 0.30), hsv(0.11 + shift, 0.35, 0.85),
             hsv(0.02, 0.70, 0.90)};
        break;
    case Land::Forest:
        p = {hsv(0.55 + shift, 0.45, 0.88), hsv(0.22 + shift, 0.20, 0.95),
             hsv(0.15, 0.30, 1.00),         hsv(0.38 + shift, 0.30, 0.55),
             hsv(0.36 + shift, 0.65, 0.22), hsv(0.28 + shift, 0.55, 0.42),
             hsv(0.05, 0.70, 0.85)};
        break;
    case Land::Desert:
        p = {hsv(0.57 + shift, 0.45, 0.90), hsv(0.11 + shift, 0.30, 0.98),
             hsv(0.13, 0.35, 1.00),         hsv(0.07 + shift, 0.40, 0.78),
             hsv(0.05 + shift, 0.60, 0.45), hsv(0.09 + shift, 0.55, 0.80),
             hsv(0.55, 0.60, 0.70)};
        break;
    case Land::Snow:
        p = {hsv(0.58 + shift, 0.30, 0.85), hsv(0.58 + shift, 0.08, 0.98),
             hsv(0.14, 0.15, 1.00),         hsv(0.60 + shift, 0.15, 0.85),
             hsv(0.62 + shift, 0.30, 0.45), hsv(0.60 + shift, 0.06, 0.95),
             hsv(0.00, 0.65, 0.80)};
        break;
    case Land::Plain: {
        // The hue of the whole frame comes from the prompt itself.
        const double hue = random.uniform();
        p = {hsv(hue + 0.55, 0.45, 0.88), hsv(hue + 0.50, 0.15, 0.98), hsv(0.14, 0.30, 1.00),
             hsv(hue + 0.45, 0.25, 0.70), hsv(hue + 0.30, 0.45, 0.30), hsv(hue + 0.25, 0.40, 0.55),
             hsv(hue + 0.05, 0.70, 0.95)};
        break;
    }
    }
    switch (light) {
    case Light::Day:
        break;
    case Light::Sunset: {
        const QColor dusk = hsv(0.88 + shift, 0.55, 0.35);
        p.skyTop = hsv(0.75 + shift, 0.55, 0.45);
        p.skyHorizon = hsv(0.07 + shift, 0.75, 0.98);
        p.sun = hsv(0.12, 0.55, 1.00);
        p.far = blend(p.far, hsv(0.90 + shift, 0.45, 0.55), 0.65);
        p.near = blend(p.near, dusk, 0.55);
        p.ground = blend(p.ground, hsv(0.04 + shift, 0.55, 0.40), 0.55);
        p.accent = hsv(0.10, 0.80, 1.00);
        break;
    }
    case Light::Night: {
        const QColor navy = hsv(0.68 + shift, 0.50, 0.12);
        p.skyTop = hsv(0.66 + shift, 0.75, 0.16);
        p.skyHorizon = hsv(0.72 + shift, 0.55, 0.38);
        p.sun = hsv(0.14, 0.08, 0.97);
        p.far = blend(p.far, hsv(0.68 + shift, 0.45, 0.26), 0.75);
        p.near = blend(p.near, navy, 0.75);
        p.ground = blend(p.ground, navy, 0.7);
        p.accent = hsv(0.12, 0.65, 0.98);
        break;
    }
    }
    return p;
}

QColor withAlpha(QColor color, double alpha)
{
    color.setAlphaF(float(alpha));
    return color;
}

// A ridge line across the frame by midpoint displacement, filled down to the bottom.
QPainterPath ridge(Random &random, double width, double height, double baseY, double roughness)
{
    const int segments = 32;
    QList<double> ys(segments + 1, baseY);
    ys[0] = baseY - random.range(0, roughness);
    ys[segments] = baseY - random.range(0, roughness);
    for (int step = segments / 2; step >= 1; step /= 2) {
        for (int i = step; i < segments; i += 2 * step) {
            const double amplitude = roughness * double(step) / segments * 2.0;
            ys[i] = (ys[i - step] + ys[i + step]) / 2 + random.range(-amplitude, amplitude);
        }
    }
    QPainterPath path(QPointF(0, height));
    for (int i = 0; i <= segments; ++i)
        path.lineTo(width * i / segments, ys[i]);
    path.lineTo(width, height);
    path.closeSubpath();
    return path;
}

QImage renderFrame(const QString &prompt, qint64 seed, int width, int height, RungKind rung)
{
    const QStringList words = promptWords(prompt);
    const bool simplified = rung == RungKind::SimplifiedPrompt;
    const bool fallback = rung == RungKind::Fallback;
    Scenery scenery = sceneryFor(words);
    if (simplified) {
        scenery.props = 0;
        scenery.figure = false;
    }
    Random random(hashBytes(words.join(u' ').toUtf8()) ^ mix64(quint64(seed)));
    const Palette palette = paletteFor(scenery.land, scenery.light, random);

    const double w = width;
    const double h = height;
    const double unit = qMin(w, h);
    const double horizon = h * random.range(0.56, 0.70);

    QImage image(width, height, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, !fallback);
    painter.setPen(Qt::NoPen);

    // Sky.
    QLinearGradient sky(0, 0, 0, horizon);
    sky.setColorAt(0, palette.skyTop);
    sky.setColorAt(0.65, blend(palette.skyTop, palette.skyHorizon, 0.7));
    sky.setColorAt(1, palette.skyHorizon);
    painter.fillRect(QRectF(0, 0, w, horizon + 1), sky);

    if (scenery.light == Light::Night && !fallback) {
        const int stars = 40 + random.bounded(60);
        for (int i = 0; i < stars; ++i) {
            const double r = unit * random.range(0.0015, 0.004);
            painter.setBrush(withAlpha(Qt::white, random.range(0.3, 0.9)));
            painter.drawEllipse(QPointF(random.range(0, w), random.range(0, horizon * 0.8)), r, r);
        }
    }

    // Sun or moon with a soft glow.
    const QPointF sunCentre(w * random.range(0.18, 0.82), horizon * random.range(0.25, 0.75));
    const double sunRadius = unit * random.range(0.05, 0.09);
    if (!fallback) {
        QRadialGradient glow(sunCentre, sunRadius * 5);
        glow.setColorAt(0, withAlpha(palette.sun, 0.55));
        glow.setColorAt(1, withAlpha(palette.sun, 0.0));
        painter.setBrush(glow);
        painter.drawEllipse(sunCentre, sunRadius * 5, sunRadius * 5);
    }
    painter.setBrush(palette.sun);
    painter.drawEllipse(sunCentre, sunRadius, sunRadius);

    // Clouds: clusters of overlapping translucent ellipses.
    if (!fallback && !simplified) {
        const int clouds = 2 + random.bounded(4);
        const QColor cloud = scenery.light == Light::Night
                                 ? withAlpha(palette.far, 0.45)
                                 : withAlpha(blend(Qt::white, palette.skyHorizon,
                                                   scenery.light == Light::Sunset ? 0.45 : 0.2),
                                             0.55);
        for (int i = 0; i < clouds; ++i) {
            const QPointF centre(random.range(-0.1, 1.1) * w, random.range(0.08, 0.45) * horizon);
            const double size = unit * random.range(0.06, 0.12);
            const int puffs = 4 + random.bounded(4);
            painter.setBrush(cloud);
            for (int p = 0; p < puffs; ++p) {
                const QPointF offset(random.range(-2.2, 2.2) * size,
                                     random.range(-0.4, 0.3) * size);
                painter.drawEllipse(centre + offset, size * random.range(0.8, 1.5),
                                    size * random.range(0.45, 0.75));
            }
        }
    }

    // Distant ridges, fading into the sky (aerial perspective).
    const int layers = fallback ? 0 : (simplified ? 1 : 3);
    for (int layer = 0; layer < layers; ++layer) {
        const double depth = double(layer + 1) / (layers + 1);
        const double roughness =
            unit * (scenery.land == Land::Snow ? 0.30 : 0.18) * (1 - depth * 0.5);
        painter.setBrush(blend(palette.skyHorizon, palette.far, 0.35 + 0.55 * depth));
        painter.drawPath(ridge(random, w, h, horizon - unit * 0.02 * (layers - layer), roughness));
    }

    // City skyline on the horizon.
    if (scenery.city && !fallback) {
        double x = random.range(-0.05, 0.05) * w;
        const QColor building = blend(palette.far, palette.near, 0.55);
        while (x < w) {
            const double bw = unit * random.range(0.04, 0.10);
            const double bh = unit * random.range(0.08, 0.32);
            painter.setBrush(building);
            painter.drawRect(QRectF(x, horizon - bh, bw, bh + 1));
            if (scenery.light != Light::Day) {
                painter.setBrush(withAlpha(palette.accent, 0.85));
                const double win = unit * 0.008;
                for (double wy = horizon - bh + win * 2; wy < horizon - win * 2; wy += win * 3) {
                    for (double wx = x + win; wx < x + bw - win * 1.5; wx += win * 2.5) {
                        if (random.chance(0.35))
                            painter.drawRect(QRectF(wx, wy, win, win * 1.4));
                    }
                }
            }
            x += bw + unit * random.range(0.0, 0.02);
        }
    }

    // Ground, or water with the sun's reflection.
    QLinearGradient ground(0, horizon, 0, h);
    ground.setColorAt(0, blend(palette.ground, palette.skyHorizon, 0.25));
    ground.setColorAt(1, blend(palette.ground, palette.near, 0.6));
    painter.setBrush(ground);
    painter.drawRect(QRectF(0, horizon, w, h - horizon));
    if (scenery.water && !fallback) {
        const double shoreline = horizon + (h - horizon) * (scenery.land == Land::Sea ? 0.6 : 0.45);
        QLinearGradient water(0, horizon, 0, shoreline);
        water.setColorAt(0, blend(palette.skyHorizon, palette.ground, 0.5));
        water.setColorAt(1, blend(palette.skyTop, palette.near, 0.5));
        painter.setBrush(water);
        painter.drawRect(QRectF(0, horizon, w, shoreline - horizon));
        painter.setBrush(withAlpha(palette.sun, 0.5));
        for (double y = horizon + unit * 0.01; y < shoreline;
             y += unit * random.range(0.012, 0.03)) {
            const double spread = sunRadius * (1.0 + 2.5 * (y - horizon) / (h - horizon));
            const double len = spread * random.range(0.4, 1.2);
            painter.drawRect(QRectF(sunCentre.x() - len / 2 + random.range(-spread, spread) * 0.3,
                                    y, len, unit * 0.004));
        }
    }

    // Trees: layered silhouettes along the lower third.
    if (scenery.trees && !fallback) {
        const int trees = simplified ? 3 : 5 + random.bounded(6);
        for (int i = 0; i < trees; ++i) {
            const double x = random.range(0, w);
            const double base = horizon + (h - horizon) * random.range(0.1, 0.7);
            const double th = unit * random.range(0.15, 0.35);
            const QColor colour = blend(palette.near, palette.far, random.range(0.0, 0.3));
            painter.setBrush(colour);
            painter.drawRect(QRectF(x - th * 0.03, base - th * 0.3, th * 0.06, th * 0.3));
            if (random.chance(0.5)) {
                QPainterPath crown;
                crown.moveTo(x, base - th);
                crown.lineTo(x + th * 0.22, base - th * 0.25);
                crown.lineTo(x - th * 0.22, base - th * 0.25);
                crown.closeSubpath();
                painter.drawPath(crown);
            } else {
                painter.drawEllipse(QPointF(x, base - th * 0.6), th * 0.24, th * 0.36);
            }
        }
    }

    // Props: one small landmark per remaining prompt word.
    for (int i = 0; i < scenery.props && !fallback; ++i) {
        const double x = random.range(0.08, 0.92) * w;
        const double base = horizon + (h - horizon) * random.range(0.2, 0.8);
        const double size = unit * random.range(0.03, 0.08);
        painter.setBrush(blend(palette.near, palette.accent, random.range(0.1, 0.4)));
        switch (random.bounded(3)) {
        case 0:
            painter.drawEllipse(QPointF(x, base - size * 0.4), size, size * 0.5);
            break;
        case 1:
            painter.drawRect(QRectF(x - size * 0.25, base - size * 2, size * 0.5, size * 2));
            break;
        default: {
            QPainterPath arch;
            arch.moveTo(x - size, base);
            arch.arcTo(QRectF(x - size, base - size * 1.6, size * 2, size * 2), 180, -180);
            arch.closeSubpath();
            painter.drawPath(arch);
            break;
        }
        }
    }

    // A figure on a third of the frame: the storyboard's subject.
    if (scenery.figure && !fallback) {
        const double x = w * (random.chance(0.5) ? 1.0 / 3 : 2.0 / 3);
        const double base = horizon + (h - horizon) * random.range(0.45, 0.8);
        const double fh = unit * random.range(0.22, 0.32);
        painter.setBrush(withAlpha(Qt::black, 0.25));
        painter.drawEllipse(QPointF(x, base), fh * 0.22, fh * 0.04);
        painter.setBrush(palette.near.darker(140));
        QPainterPath body;
        body.addRoundedRect(QRectF(x - fh * 0.12, base - fh * 0.78, fh * 0.24, fh * 0.78), fh * 0.1,
                            fh * 0.1);
        painter.drawPath(body);
        painter.drawEllipse(QPointF(x, base - fh * 0.9), fh * 0.1, fh * 0.1);
        painter.setBrush(palette.accent);
        painter.drawRect(QRectF(x - fh * 0.12, base - fh * 0.62, fh * 0.24, fh * 0.06));
    }

    // Vignette and a thin storyboard frame line.
    if (!fallback) {
        QRadialGradient vignette(QPointF(w / 2, h / 2), std::hypot(w, h) / 2);
        vignette.setColorAt(0.55, withAlpha(Qt::black, 0.0));
        vignette.setColorAt(1.0, withAlpha(Qt::black, 0.45));
        painter.setBrush(vignette);
        painter.drawRect(QRectF(0, 0, w, h));
    }
    const double frame = qMax(1.0, unit * 0.006);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(withAlpha(Qt::black, 0.6), frame));
    painter.drawRect(QRectF(frame / 2, frame / 2, w - frame, h - frame));
    painter.end();
    return image;
}

QString lastLine(const QByteArray &text)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.constLast().trimmed());
}

} // namespace

// Shared with the pool thread: the write of image.png happens under the mutex and only
// when not cancelled, so once cancel() holds the mutex no output can appear any more.
struct LocalJob::WriteGuard {
    QMutex mutex;
    bool cancelled = false;
};

LocalJob::LocalJob(const GenerationRequest &request, const LocalJobSettings &settings,
                   QObject *parent)
    : ProviderJob(parent), m_request(request), m_settings(settings)
{
}

LocalJob::~LocalJob()
{
    // Only a job that is writing has anything to stop or to clean up.
    if (m_phase != Phase::Working && m_phase != Phase::Cancelling)
        return;
    if (m_guard) {
        QMutexLocker locker(&m_guard->mutex);
        m_guard->cancelled = true;
    }
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(5000); // the process is killed; this reaps it
    }
    removePartialOutputs();
}

QString LocalJob::imageFileName()
{
    return u"image.png"_s;
}
QString LocalJob::videoFileName()
{
    return u"video.mp4"_s;
}

QString LocalJob::outputPath(const QString &fileName) const
{
    return QDir(m_request.outputDir).filePath(fileName);
}

QString LocalJob::model() const
{
    return m_request.model.isEmpty() ? m_settings.model : m_request.model;
}

void LocalJob::start()
{
    if (m_phase != Phase::Created)
        return;
    m_phase = Phase::Waiting;
    m_latencyTimer = new QTimer(this);
    m_latencyTimer->setSingleShot(true);
    m_latencyTimer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(m_latencyTimer, &QTimer::timeout, this, &LocalJob::beginWork);
    m_latencyTimer->start(m_settings.latencyMs);
}

void LocalJob::cancel()
{
    switch (m_phase) {
    case Phase::Created:
    case Phase::Waiting:
        // Nothing was written yet: report without touching the folder.
        finish(
            GenerationResult::failure(ErrorClass::Cancelled, m_request.taskId % u": cancelled"_s));
        return;
    case Phase::Working:
        if (m_guard) {
            {
                QMutexLocker locker(&m_guard->mutex);
                m_guard->cancelled = true;
            }
            finishCancelled();
        } else if (m_process) {
            // Report only once the process is gone, so that nothing can write afterwards.
            m_phase = Phase::Cancelling;
            if (m_processTimer)
                m_processTimer->stop();
            m_process->kill();
        } else {
            finishCancelled();
        }
        return;
    case Phase::Cancelling:
    case Phase::Finished:
        return;
    }
}

void LocalJob::beginWork()
{
    if (m_phase != Phase::Waiting)
        return;
    m_phase = Phase::Working;
    if (m_settings.fault.injectsFailure()) {
        finish(m_settings.fault.toResult());
        return;
    }
    if (m_request.outputDir.isEmpty()) {
        finish(GenerationResult::failure(
            ErrorClass::InvalidRequest,
            u"%1: the request has no output folder"_s.arg(m_request.taskId)));
        return;
    }
    if (!QDir().mkpath(m_request.outputDir)) {
        finish(GenerationResult::failure(
            ErrorClass::FileIo,
            u"%1: cannot create the output folder %2"_s.arg(
                m_request.taskId, QDir::toNativeSeparators(m_request.outputDir))));
        return;
    }
    reportProgress(0.0);
    if (m_request.stage == Stage::Image)
        startImage();
    else
        startVideo();
}

// ---------------------------------------------------------------------------------------
// Image

void LocalJob::startImage()
{
    const int width = m_request.width;
    const int height = m_request.height;
    if (width < 1 || height < 1 || width > kMaxImageSide || height > kMaxImageSide) {
        finish(GenerationResult::failure(
            ErrorClass::InvalidRequest,
            u"%1: image size %2x%3 is invalid (1 to %4 pixels per side)"_s.arg(m_request.taskId)
                .arg(width)
                .arg(height)
                .arg(kMaxImageSide)));
        return;
    }

    m_guard = std::make_shared<WriteGuard>();
    m_watcher = new QFutureWatcher<RenderOutcome>(this);
    connect(m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int value) { reportProgress(value / 100.0); });
    connect(m_watcher, &QFutureWatcherBase::finished, this, &LocalJob::onRenderFinished);

    const QString prompt = m_request.prompt;
    const qint64 seed = m_request.seed;
    const RungKind rung = m_request.rung;
    const QString path = outputPath(imageFileName());
    const bool corrupt = m_settings.fault.corruptsOutput();
    QMap<QString, QString> text{{u"prompt"_s, prompt},
                                {u"seed"_s, QString::number(seed)},
                                {u"provider"_s, m_settings.providerId},
                                {u"model"_s, model()},
                                {u"rung"_s, nameOf(rung)}};
    const std::shared_ptr<WriteGuard> guard = m_guard;

    m_watcher->setFuture(QtConcurrent::run([=](QPromise<RenderOutcome> &promise) {
        promise.setProgressRange(0, 100);
        auto cancelled = [&guard] {
            QMutexLocker locker(&guard->mutex);
            return guard->cancelled;
        };
        promise.setProgressValue(10);
        const QImage image = renderFrame(prompt, seed, width, height, rung);
        if (cancelled()) {
            promise.addResult(RenderOutcome{ErrorClass::Cancelled, {}, {}});
            return;
        }
        promise.setProgressValue(60);

        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "png");
        for (auto it = text.cbegin(); it != text.cend(); ++it)
            writer.setText(it.key(), it.value());
        if (!writer.write(image)) {
            promise.addResult(RenderOutcome{ErrorClass::ProviderError, u"the PNG encoder failed"_s,
                                            writer.errorString()});
            return;
        }
        buffer.close();
        if (corrupt)
            bytes.truncate(bytes.size() / 3); // a download cut short
        promise.setProgressValue(90);

        QMutexLocker locker(&guard->mutex);
        if (guard->cancelled) {
            promise.addResult(RenderOutcome{ErrorClass::Cancelled, {}, {}});
            return;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
            !file.commit()) {
            const QString directory = QFileInfo(path).absolutePath();
            const ErrorClass errorClass =
                isOutOfSpace(directory, bytes.size()) ? ErrorClass::DiskFull : ErrorClass::FileIo;
            promise.addResult(RenderOutcome{errorClass, u"cannot write %1"_s.arg(imageFileName()),
                                            file.errorString()});
            return;
        }
        promise.setProgressValue(100);
        promise.addResult(RenderOutcome{});
    }));
}

void LocalJob::onRenderFinished()
{
    if (m_phase != Phase::Working)
        return;
    const QFuture<RenderOutcome> future = m_watcher->future();
    const RenderOutcome outcome =
        future.resultCount() > 0
            ? future.result()
            : RenderOutcome{ErrorClass::ProviderError, u"the renderer stopped"_s, {}};
    if (outcome.errorClass == ErrorClass::Cancelled) {
        finishCancelled();
        return;
    }
    if (outcome.errorClass != ErrorClass::None) {
        GenerationResult result = GenerationResult::failure(
            outcome.errorClass, m_request.taskId % u": "_s % outcome.message);
        result.detail = outcome.detail;
        finish(result);
        return;
    }
    reportProgress(1.0);
    GenerationResult result;
    result.outputFiles = {outputPath(imageFileName())};
    result.costUnits = m_settings.costPerUnit;
    finish(result);
}

// ---------------------------------------------------------------------------------------
// Video

GenerationResult LocalJob::failVideo(ErrorClass errorClass, const QString &message) const
{
    return GenerationResult::failure(errorClass, m_request.taskId % u": "_s % message);
}

void LocalJob::startVideo()
{
    const QString ffmpeg = mediaToolPath(MediaTool::Ffmpeg);
    if (ffmpeg.isEmpty()) {
        finish(failVideo(ErrorClass::ProviderUnavailable,
                         u"cannot make the motion clip: "_s %
                             mediaToolMissingMessage(MediaTool::Ffmpeg)));
        return;
    }
    const QString input = m_request.inputImagePath;
    const QString inputName = QFileInfo(input).fileName();
    if (input.isEmpty() || !QFileInfo(input).isFile()) {
        finish(failVideo(ErrorClass::InvalidRequest,
                         input.isEmpty() ? u"no input image for the video"_s
                                         : u"input image %1 does not exist"_s.arg(inputName)));
        return;
    }
    QImageReader reader(input);
    const QSize inputSize = reader.size();
    if (!inputSize.isValid()) {
        finish(failVideo(ErrorClass::InvalidRequest, u"input image %1 cannot be read (%2)"_s.arg(
                                                         inputName, reader.errorString())));
        return;
    }
    int width = m_request.width > 0 ? m_request.width : inputSize.width();
    int height = m_request.height > 0 ? m_request.height : inputSize.height();
    width -= width % 2; // H.264 in 4:2:0 needs even dimensions
    height -= height % 2;
    if (width < 2 || height < 2 || width > kMaxVideoSide || height > kMaxVideoSide) {
        finish(failVideo(
            ErrorClass::InvalidRequest,
            u"video size %1x%2 is invalid (2 to %3 pixels per side)"_s.arg(width).arg(height).arg(
                kMaxVideoSide)));
        return;
    }
    const double duration = m_request.durationSec;
    if (!(duration > 0.0) || duration > kMaxVideoDurationSec) {
        finish(
            failVideo(ErrorClass::InvalidRequest,
                      u"video duration %1 s is invalid (above 0, at most %2 s)"_s.arg(duration).arg(
                          kMaxVideoDurationSec)));
        return;
    }
    const int fps = m_request.fps;
    if (fps < 1 || fps > kMaxFps) {
        finish(failVideo(ErrorClass::InvalidRequest,
                         u"video frame rate %1 is invalid (1 to %2 fps)"_s.arg(fps).arg(kMaxFps)));
        return;
    }
    const int frames = qMax(1, qRound(duration * fps));
    const QString last = QString::number(qMax(1, frames - 1));
    const QString motion = m_request.motion.isEmpty() ? u"static"_s : m_request.motion;
    const QString centreX = u"iw/2-iw/zoom/2"_s;
    const QString centreY = u"ih/2-ih/zoom/2"_s;
    QString zoom;
    QString x = centreX;
    QString y = centreY;
    if (motion == u"zoom-in") {
        zoom = u"1+0.25*on/"_s % last;
    } else if (motion == u"zoom-out") {
        zoom = u"1.25-0.25*on/"_s % last;
    } else if (motion == u"pan-left") {
        zoom = u"1.2"_s;
        x = u"(iw-iw/zoom)*(1-on/"_s % last % u')';
    } else if (motion == u"pan-right") {
        zoom = u"1.2"_s;
        x = u"(iw-iw/zoom)*on/"_s % last;
    } else if (motion == u"static") {
        zoom = u"1"_s;
        x = u"0"_s;
        y = u"0"_s;
    } else {
        finish(failVideo(ErrorClass::InvalidRequest,
                         u"unknown motion \"%1\" (zoom-in, zoom-out, pan-left, pan-right or "
                         u"static)"_s.arg(motion)));
        return;
    }

    // zoompan crops whole pixels of its input: upscale first so the motion is smooth.
    const int factor = qBound(1, 4096 / qMax(width, height), 4);
    const QString prescaled =
        QString::number(width * factor) % u':' % QString::number(height * factor);
    const QString filter =
        u"scale="_s % prescaled % u":force_original_aspect_ratio=increase:flags=bicubic,crop="_s %
        prescaled % u",zoompan=z='"_s % zoom % u"':x='"_s % x % u"':y='"_s % y % u"':d="_s %
        QString::number(frames) % u":s="_s % QString::number(width) % u'x' %
        QString::number(height) % u":fps="_s % QString::number(fps) % u",setsar=1,format=yuv420p"_s;
    const QString temp = outputPath(videoFileName() + u".part"_s);
    QFile::remove(temp);
    const QStringList arguments = {u"-hide_banner"_s,
                                   u"-nostdin"_s,
                                   u"-nostats"_s,
                                   u"-loglevel"_s,
                                   u"error"_s,
                                   u"-y"_s,
                                   u"-i"_s,
                                   input,
                                   u"-vf"_s,
                                   filter,
                                   u"-t"_s,
                                   QString::number(duration, 'g', 10),
                                   u"-c:v"_s,
                                   u"libx264"_s,
                                   u"-preset"_s,
                                   u"ultrafast"_s,
                                   u"-pix_fmt"_s,
                                   u"yuv420p"_s,
                                   u"-movflags"_s,
                                   u"+faststart"_s,
                                   u"-progress"_s,
                                   u"pipe:1"_s,
                                   u"-f"_s,
                                   u"mp4"_s,
                                   temp};

    m_videoDurationSec = duration;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setWorkingDirectory(m_request.outputDir);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &LocalJob::onProcessOutput);
    connect(m_process, &QProcess::readyReadStandardError, this, &LocalJob::onProcessErrorOutput);
    connect(m_process, &QProcess::finished, this, &LocalJob::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &LocalJob::onProcessError);
    if (m_settings.processTimeoutMs > 0) {
        m_processTimer = new QTimer(this);
        m_processTimer->setSingleShot(true);
        connect(m_processTimer, &QTimer::timeout, this, &LocalJob::onProcessTimeout);
        m_processTimer->start(m_settings.processTimeoutMs);
    }
    m_process->start(ffmpeg, arguments, QIODevice::ReadOnly);
}

void LocalJob::onProcessOutput()
{
    m_stdoutBuffer += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_stdoutBuffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_stdoutBuffer.left(newline).trimmed();
        m_stdoutBuffer.remove(0, newline + 1);
        // Both keys carry microseconds (out_time_ms is misnamed in ffmpeg).
        if (!line.startsWith("out_time_us=") && !line.startsWith("out_time_ms="))
            continue;
        bool ok = false;
        const qint64 us = line.mid(line.indexOf('=') + 1).toLongLong(&ok);
        if (ok && us >= 0 && m_videoDurationSec > 0)
            reportProgress(qMin(0.99, double(us) / 1e6 / m_videoDurationSec));
    }
}

void LocalJob::onProcessErrorOutput()
{
    m_stderrTail += m_process->readAllStandardError();
    if (m_stderrTail.size() > kStderrTailBytes)
        m_stderrTail = m_stderrTail.right(kStderrTailBytes);
}

void LocalJob::onProcessTimeout()
{
    if (m_phase != Phase::Working || !m_process)
        return;
    m_processTimedOut = true;
    m_process->kill();
}

void LocalJob::onProcessError(QProcess::ProcessError error)
{
    // Crashes and kills arrive through finished(); only a failed start ends here alone.
    if (error != QProcess::FailedToStart)
        return;
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase != Phase::Working)
        return;
    GenerationResult result =
        failVideo(ErrorClass::ProviderUnavailable,
                  u"ffmpeg could not be started (%1); install the Debian "
                  u"package ffmpeg or set RETAKE_FFMPEG"_s.arg(m_process->errorString()));
    result.detail = m_process->program();
    finish(result);
}

void LocalJob::onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (m_processTimer)
        m_processTimer->stop();
    if (m_phase == Phase::Cancelling) {
        finishCancelled();
        return;
    }
    if (m_phase != Phase::Working)
        return;
    onProcessErrorOutput();
    const QString temp = outputPath(videoFileName() + u".part"_s);
    const QString target = outputPath(videoFileName());

    if (m_processTimedOut) {
        GenerationResult result = failVideo(
            ErrorClass::Timeout,
            u"ffmpeg did not finish within %1 s"_s.arg(m_settings.processTimeoutMs / 1000));
        result.detail = QString::fromUtf8(m_stderrTail);
        finish(result);
        return;
    }
    if (exitStatus != QProcess::NormalExit || exitCode != 0) {
        const bool noSpace =
            m_stderrTail.contains("No space left on device") || isOutOfSpace(m_request.outputDir);
        const QString reason = exitStatus == QProcess::CrashExit
                                   ? u"ffmpeg crashed"_s
                                   : u"ffmpeg failed with exit code %1"_s.arg(exitCode);
        const QString tail = lastLine(m_stderrTail);
        GenerationResult result =
            failVideo(noSpace ? ErrorClass::DiskFull : ErrorClass::ProviderError,
                      tail.isEmpty() ? reason : reason % u": "_s % tail);
        result.detail = QString::fromUtf8(m_stderrTail);
        finish(result);
        return;
    }
    if (QFileInfo(temp).size() <= 0) {
        GenerationResult result =
            failVideo(ErrorClass::ProviderError, u"ffmpeg finished without writing a video"_s);
        result.detail = QString::fromUtf8(m_stderrTail);
        finish(result);
        return;
    }
    if (m_settings.fault.corruptsOutput()) {
        QFile file(temp);
        file.resize(file.size() / 2); // a download cut short
    }
    QFile::remove(target);
    if (!QFile::rename(temp, target)) {
        finish(
            failVideo(ErrorClass::FileIo, u"cannot rename the clip to %1"_s.arg(videoFileName())));
        return;
    }
    reportProgress(1.0);
    GenerationResult result;
    result.outputFiles = {target};
    result.costUnits = m_settings.costPerUnit * m_videoDurationSec;
    finish(result);
}

// ---------------------------------------------------------------------------------------
// Results

void LocalJob::reportProgress(double fraction)
{
    if (fraction <= m_lastProgress)
        return;
    m_lastProgress = fraction;
    Q_EMIT progressed(fraction);
}

void LocalJob::finishCancelled()
{
    removePartialOutputs();
    GenerationResult result =
        GenerationResult::failure(ErrorClass::Cancelled, m_request.taskId % u": cancelled"_s);
    finish(result);
}

void LocalJob::finish(const GenerationResult &result)
{
    if (m_phase == Phase::Finished)
        return;
    m_phase = Phase::Finished;
    if (m_latencyTimer)
        m_latencyTimer->stop();
    if (m_processTimer)
        m_processTimer->stop();
    // Always from the event loop: never re-entrantly from start() or cancel().
    QMetaObject::invokeMethod(
        this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

void LocalJob::removePartialOutputs() const
{
    if (m_request.outputDir.isEmpty())
        return;
    const QString names[] = {imageFileName(), videoFileName(), videoFileName() + u".part"_s};
    for (const QString &name : names)
        QFile::remove(outputPath(name));
}

} // namespace retake
