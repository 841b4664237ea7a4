#include "project/shotlistreader.h"

#include "project/csvimport.h"
#include "project/shotstages.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

bool isBlank(const QStringList &fields)
{
    for (const QString &field : fields) {
        if (!field.trimmed().isEmpty())
            return false;
    }
    return true;
}

} // namespace

ShotListReader::ShotListReader(const QString &sourceName, const QString &baseDir)
    : m_sourceName(sourceName), m_baseDir(baseDir)
{
}

LoadResult ShotListReader::read(QStringView text)
{
    LoadResult result;
    QList<CsvImport::Record> records;
    CsvImport::ParseError error;
    if (!CsvImport::parseRecords(text, &records, &error)) {
        addAt(error.line, error.message);
        result.issues = m_issues;
        return result;
    }
    qsizetype next = 0;
    while (next < records.size() && isBlank(records.at(next).fields))
        ++next;
    if (next == records.size()) {
        addAt(1, u"missing header row (expected columns %1, ...)"_s.arg(
                     CsvImport::requiredColumns().join(u", "_s)));
        result.issues = m_issues;
        return result;
    }
    if (!readHeader(records.at(next))) {
        result.issues = m_issues;
        return result;
    }

    Project project;
    project.title = QFileInfo(m_sourceName).baseName();
    const QStringList local{QString::fromUtf16(kBuiltinProviderId)};
    project.providerPreference.insert(Stage::Image, local);
    project.providerPreference.insert(Stage::Video, local);
    const qsizetype shots =
        std::count_if(records.cbegin() + next + 1, records.cend(),
                      [](const CsvImport::Record &record) { return !isBlank(record.fields); });
    if (shots > StoryboardLoader::kMaxShots) {
        m_issues.append({m_sourceName, StoryboardLoader::tooManyShots(shots)});
        result.issues = m_issues;
        return result;
    }
    int rows = 0;
    for (++next; next < records.size(); ++next) {
        const CsvImport::Record &record = records.at(next);
        if (isBlank(record.fields))
            continue;
        ++rows;
        readRow(record, &project);
    }
    if (rows == 0)
        m_issues.append({m_sourceName, u"no shots: add one row per shot below the header"_s});
    result.issues = m_issues;
    if (m_issues.isEmpty())
        result.project = std::move(project);
    return result;
}

void ShotListReader::addAt(int line, const QString &message)
{
    m_issues.append({m_sourceName + u':' + QString::number(line), message});
}

bool ShotListReader::readHeader(const CsvImport::Record &header)
{
    const QStringList known = CsvImport::columns();
    bool usable = true;
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields.at(i).trimmed().toLower();
        if (name.isEmpty()) {
            m_unnamed.insert(i); // an unused spreadsheet column; data in it is reported
        } else if (!known.contains(name)) {
            QString shown = header.fields.at(i).trimmed();
            if (shown.size() > 40)
                shown = shown.left(40) + u"..."_s;
            addAt(header.line,
                  u"unknown column \"%1\" (expected: %2)"_s.arg(shown, known.join(u", "_s)));
        } else if (m_columns.contains(name)) {
            addAt(header.line, u"duplicate column \"%1\""_s.arg(name));
            usable = false;
        } else {
            m_columns.insert(name, i);
        }
    }
    m_headerSize = header.fields.size();
    if (m_columns.isEmpty()) {
        // Not a header at all (a shot list without one): one message, not one per cell.
        m_issues.clear();
        addAt(header.line, u"missing header row (expected columns %1, ...)"_s.arg(
                               CsvImport::requiredColumns().join(u", "_s)));
        return false;
    }
    for (const QString &required : CsvImport::requiredColumns()) {
        if (!m_columns.contains(required)) {
            addAt(header.line, u"missing column \"%1\""_s.arg(required));
            usable = false;
        }
    }
    return usable;
}

QString ShotListReader::value(const CsvImport::Record &record, const QString &column) const
{
    const qsizetype index = m_columns.value(column, -1);
    if (index < 0 || index >= record.fields.size())
        return {};
    return record.fields.at(index).trimmed();
}

std::optional<QString> ShotListReader::readId(const CsvImport::Record &record,
                                              const QString &column)
{
    const QString id = value(record, column);
    if (id.isEmpty()) {
        addAt(record.line, column + u": missing"_s);
        return std::nullopt;
    }
    const QString problem = StoryboardLoader::idProblem(id);
    if (!problem.isEmpty()) {
        addAt(record.line, column + u": "_s + problem);
        return std::nullopt;
    }
    return id;
}

std::optional<int> ShotListReader::readPositiveInt(const CsvImport::Record &record,
                                                   const QString &column, int maximum)
{
    const QString text = value(record, column);
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    if (!ok || number <= 0) {
        addAt(record.line, u"%1 \"%2\" is not a positive integer"_s.arg(column, text));
        return std::nullopt;
    }
    if (number > maximum) {
        addAt(record.line,
              u"%1 \"%2\" must be at most %3"_s.arg(column, text, QString::number(maximum)));
        return std::nullopt;
    }
    return int(number);
}

void ShotListReader::readRow(const CsvImport::Record &record, Project *project)
{
    if (!checkShape(record))
        return;

    Shot shot;
    shot.image = project->imageDefaults;
    shot.video = project->videoDefaults;
    const auto sceneId = readId(record, u"scene"_s);
    readShotId(record, &shot);
    shot.prompt = value(record, u"prompt"_s);
    if (shot.prompt.isEmpty())
        addAt(record.line, u"prompt: missing"_s);
    shot.negativePrompt = value(record, u"negative"_s);
    shot.title = value(record, u"title"_s);

    readSeed(record, &shot);
    const int maxSide = StoryboardLoader::kMaxImageSide;
    if (const auto width = readPositiveInt(record, u"width"_s, maxSide))
        shot.image.width = *width;
    if (const auto height = readPositiveInt(record, u"height"_s, maxSide))
        shot.image.height = *height;
    if (const auto fps = readPositiveInt(record, u"fps"_s, StoryboardLoader::kMaxFps))
        shot.video.fps = *fps;
    readDuration(record, &shot);
    readMotion(record, &shot);
    readStages(record, &shot);

    if (sceneId)
        addToScene(record, *sceneId, shot, project);
}

bool ShotListReader::checkShape(const CsvImport::Record &record)
{
    if (record.fields.size() > m_headerSize) {
        addAt(record.line, u"%1 fields, but the header has %2 columns; put values that "
                           u"contain commas in double quotes"_s.arg(record.fields.size())
                               .arg(m_headerSize));
        return false;
    }
    for (qsizetype i = 0; i < record.fields.size(); ++i) {
        const QString text = record.fields.at(i).trimmed();
        if (!text.isEmpty() && m_unnamed.contains(i)) {
            addAt(record.line, u"value \"%1\" in column %2, which has no name in the "
                               u"header"_s.arg(text, QString::number(i + 1)));
        }
    }
    return true;
}

void ShotListReader::readShotId(const CsvImport::Record &record, Shot *shot)
{
    if (const auto shotId = readId(record, u"shot"_s)) {
        shot->id = *shotId;
        const QString key = shotId->toLower();
        if (const auto first = m_shotLines.constFind(key); first != m_shotLines.cend()) {
            addAt(record.line, u"shot: duplicate id \"%1\" (first at line %2)"_s.arg(*shotId).arg(
                                   first.value()));
        } else {
            m_shotLines.insert(key, record.line);
        }
    }
}

void ShotListReader::readSeed(const CsvImport::Record &record, Shot *shot)
{
    const QString seedText = value(record, u"seed"_s);
    shot->seed = StoryboardLoader::defaultSeed(shot->id);
    if (!seedText.isEmpty()) {
        bool ok = false;
        const qint64 seed = seedText.toLongLong(&ok);
        if (!ok || seed < 0) {
            addAt(record.line, u"seed \"%1\" is not a non-negative integer"_s.arg(seedText));
        } else if (seed > StoryboardLoader::kMaxSeed) {
            addAt(record.line, u"seed \"%1\" must be at most %2"_s.arg(
                                   seedText, QString::number(StoryboardLoader::kMaxSeed)));
        } else {
            shot->seed = seed;
        }
    }
}

void ShotListReader::readDuration(const CsvImport::Record &record, Shot *shot)
{
    const QString durationText = value(record, u"duration"_s);
    if (!durationText.isEmpty()) {
        bool ok = false;
        const double duration = durationText.toDouble(&ok);
        if (!ok || !std::isfinite(duration)) {
            addAt(record.line, u"duration \"%1\" is not a number"_s.arg(durationText));
        } else if (duration <= 0.0) {
            addAt(record.line, u"duration \"%1\" must be a positive number"_s.arg(durationText));
        } else if (duration < StoryboardLoader::kMinDurationSec) {
            addAt(record.line,
                  u"duration \"%1\" must be at least %2"_s.arg(
                      durationText, QString::number(StoryboardLoader::kMinDurationSec)));
        } else if (duration > StoryboardLoader::kMaxDurationSec) {
            addAt(record.line,
                  u"duration \"%1\" must be at most %2"_s.arg(
                      durationText, QString::number(StoryboardLoader::kMaxDurationSec)));
        } else {
            shot->video.durationSec = duration;
        }
    }
}

void ShotListReader::readMotion(const CsvImport::Record &record, Shot *shot)
{
    const QString motion = value(record, u"motion"_s).toLower();
    if (!motion.isEmpty()) {
        if (StoryboardLoader::motions().contains(motion)) {
            shot->video.motion = motion;
        } else {
            addAt(record.line,
                  u"motion \"%1\" is unknown (expected one of: %2)"_s.arg(
                      value(record, u"motion"_s), StoryboardLoader::motions().join(u", "_s)));
        }
    }
}

void ShotListReader::readStages(const CsvImport::Record &record, Shot *shot)
{
    const QString text = value(record, u"stages"_s);
    if (!text.isEmpty()) {
        const auto stages = shotstages::parse(text);
        if (!stages) {
            addAt(record.line, u"stages: "_s + shotstages::unknownValue(text));
            return;
        }
        shot->stages = *stages;
    }
    shot->inputImage = value(record, u"inputimage"_s);
    QString problem = shotstages::checkDeclaration(
        *shot, text.isEmpty() ? u"default"_s : u"the row's \"stages\" column"_s);
    if (problem.isEmpty())
        problem = shotstages::resolveInputImage(m_baseDir, shot);
    if (!problem.isEmpty())
        addAt(record.line, u"inputimage: "_s + problem);
}

void ShotListReader::addToScene(const CsvImport::Record &record, const QString &sceneId,
                                const Shot &shot, Project *project)
{
    const QString sceneKey = sceneId.toLower();
    auto sceneIndex = m_sceneIndex.constFind(sceneKey);
    if (sceneIndex == m_sceneIndex.cend()) {
        Scene scene;
        scene.id = sceneId;
        project->scenes.append(scene);
        sceneIndex = m_sceneIndex.insert(sceneKey, project->scenes.size() - 1);
    } else if (project->scenes.at(sceneIndex.value()).id != sceneId) {
        addAt(record.line, u"scene: \"%1\" differs from \"%2\" only in letter case; folder "
                           u"names ignore case on Windows and macOS"_s.arg(
                               sceneId, project->scenes.at(sceneIndex.value()).id));
    }
    project->scenes[sceneIndex.value()].shots.append(shot);
}

} // namespace retake
