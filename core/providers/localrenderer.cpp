#include "providers/localrenderer.h"

#include <QColor>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <QRadialGradient>

#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

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

// One frame being painted. The steps run in a fixed order and draw from `random` in that
// order, so the same inputs paint the same pixels.
struct Canvas {
    Canvas(QImage *image, Random &random, const Scenery &scenery, const Palette &palette,
           RungKind rung);
    void paint();
    void paintSky();
    void paintSun();
    void paintClouds();
    void paintRidges();
    void paintCity();
    void paintGround();
    void paintTrees();
    void paintProps();
    void paintFigure();
    void paintFinish();

    QPainter painter;
    Random &random;
    const Scenery &scenery;
    const Palette &palette;
    const bool simplified;
    const bool fallback;
    const double w;
    const double h;
    const double unit;
    const double horizon;
    QPointF sunCentre;
    double sunRadius = 0.0;
};

Canvas::Canvas(QImage *image, Random &random, const Scenery &scenery, const Palette &palette,
               RungKind rung)
    : painter(image), random(random), scenery(scenery), palette(palette),
      simplified(rung == RungKind::SimplifiedPrompt), fallback(rung == RungKind::Fallback),
      w(image->width()), h(image->height()), unit(qMin(w, h)), horizon(h * random.range(0.56, 0.70))
{
    painter.setRenderHint(QPainter::Antialiasing, !fallback);
    painter.setPen(Qt::NoPen);
}

void Canvas::paint()
{
    paintSky();
    paintSun();
    paintClouds();
    paintRidges();
    paintCity();
    paintGround();
    paintTrees();
    paintProps();
    paintFigure();
    paintFinish();
    painter.end();
}

void Canvas::paintSky()
{
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
}

void Canvas::paintSun()
{
    // Sun or moon with a soft glow.
    sunCentre = QPointF(w * random.range(0.18, 0.82), horizon * random.range(0.25, 0.75));
    sunRadius = unit * random.range(0.05, 0.09);
    if (!fallback) {
        QRadialGradient glow(sunCentre, sunRadius * 5);
        glow.setColorAt(0, withAlpha(palette.sun, 0.55));
        glow.setColorAt(1, withAlpha(palette.sun, 0.0));
        painter.setBrush(glow);
        painter.drawEllipse(sunCentre, sunRadius * 5, sunRadius * 5);
    }
    painter.setBrush(palette.sun);
    painter.drawEllipse(sunCentre, sunRadius, sunRadius);
}

void Canvas::paintClouds()
{
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
}

void Canvas::paintRidges()
{
    // Distant ridges, fading into the sky (aerial perspective).
    const int layers = fallback ? 0 : (simplified ? 1 : 3);
    for (int layer = 0; layer < layers; ++layer) {
        const double depth = double(layer + 1) / (layers + 1);
        const double roughness =
            unit * (scenery.land == Land::Snow ? 0.30 : 0.18) * (1 - depth * 0.5);
        painter.setBrush(blend(palette.skyHorizon, palette.far, 0.35 + 0.55 * depth));
        painter.drawPath(ridge(random, w, h, horizon - unit * 0.02 * (layers - layer), roughness));
    }
}

void Canvas::paintCity()
{
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
}

void Canvas::paintGround()
{
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
}

void Canvas::paintTrees()
{
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
}

void Canvas::paintProps()
{
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
}

void Canvas::paintFigure()
{
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
}

void Canvas::paintFinish()
{
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
}

} // namespace

QImage LocalRenderer::renderFrame(const QString &prompt, qint64 seed, int width, int height,
                                  RungKind rung)
{
    const QStringList words = promptWords(prompt);
    Scenery scenery = sceneryFor(words);
    if (rung == RungKind::SimplifiedPrompt) {
        scenery.props = 0;
        scenery.figure = false;
    }
    Random random(hashBytes(words.join(u' ').toUtf8()) ^ mix64(quint64(seed)));
    const Palette palette = paletteFor(scenery.land, scenery.light, random);
    QImage image(width, height, QImage::Format_RGB32);
    Canvas(&image, random, scenery, palette, rung).paint();
    return image;
}

} // namespace retake
