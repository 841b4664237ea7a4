#include "project/storyboardloader.h"

#include "project/csvimport.h"
#include "project/jsonprojectreader.h"
#include "project/loadissues.h"
#include "project/shotparams.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace retake {

using loadissues::capIssues;
using loadissues::checkText;
using loadissues::lineAndColumn;

namespace {

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + u" MB"_s;
}

// Reads a whole file after checking its kind and size, so that a huge file is refused
// unread and a FIFO or device (which may never end, or block the open) is never opened.
std::optional<QByteArray> readStoryboardFile(const QString &path, const QString &sourceName,
                                             QList<ValidationIssue> *issues)
{
    const QFileInfo info(path); // exists() and isFile() follow symbolic links
    if (info.exists() && !info.isFile()) {
        issues->append({sourceName, u"cannot read: not a regular file (a pipe, device or "
                                    u"folder); give the path of a storyboard saved as a file"_s});
        return std::nullopt;
    }
    const QString limit = QString::number(StoryboardLoader::kMaxFileBytes / (qint64(1024) * 1024));
    if (info.exists() && info.size() > StoryboardLoader::kMaxFileBytes) {
        issues->append(
            {sourceName, u"file is %1, larger than the %2 MB limit for a storyboard"_s.arg(
                             megabytes(info.size()), limit)});
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        issues->append({sourceName, u"cannot open: "_s + file.errorString()});
        return std::nullopt;
    }
    // The file may have grown since it was measured, or be a device without a size.
    QByteArray data = file.read(StoryboardLoader::kMaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        issues->append({sourceName, u"cannot read: "_s + file.errorString()});
        return std::nullopt;
    }
    if (data.size() > StoryboardLoader::kMaxFileBytes) {
        issues->append(
            {sourceName, u"file is larger than the %1 MB limit for a storyboard"_s.arg(limit)});
        return std::nullopt;
    }
    return data;
}

// A project read from the file `info`: its path, and its profiles' workflow templates
// found beside it.
void placeBesideFile(LoadResult *result, const QFileInfo &info)
{
    if (!result->project)
        return;
    result->project->filePath = info.absoluteFilePath();
    // Workflow templates of network profiles are found beside the storyboard.
    for (ProviderProfile &profile : result->project->providers) {
        for (const QString &option : {u"workflow"_s, u"videoWorkflow"_s}) {
            const QString file = profile.options.value(option).toString();
            if (!file.isEmpty() && QDir::isRelativePath(file))
                profile.options.insert(option, info.absoluteDir().absoluteFilePath(file));
        }
        profile.origin = info.fileName();
    }
}

} // namespace

QString ValidationIssue::toString() const
{
    return location + u": "_s + message;
}

QStringList LoadResult::issueStrings() const
{
    QStringList lines;
    lines.reserve(issues.size());
    for (const ValidationIssue &issue : issues)
        lines.append(issue.toString());
    return lines;
}

QString StoryboardLoader::tooManyShots(qsizetype shots)
{
    return u"%1 shots; a storyboard holds at most %2: split it into several storyboards "
           u"(each gets its own workspace)"_s.arg(shots)
               .arg(kMaxShots);
}

LoadResult StoryboardLoader::loadFile(const QString &path, const QStringList &knownProviderIds)
{
    const QFileInfo info(path);
    const QString sourceName = info.fileName();
    LoadResult result;
    auto data = readStoryboardFile(path, sourceName, &result.issues);
    if (!data)
        return result;
    if (info.suffix().compare(u"csv"_s, Qt::CaseInsensitive) == 0)
        result = loadCsv(*data, sourceName, knownProviderIds, info.absolutePath());
    else
        result = loadJson(*data, sourceName, knownProviderIds, info.absolutePath());
    placeBesideFile(&result, info);
    return result;
}

LoadResult StoryboardLoader::importCsv(const QString &path, const QStringList &knownProviderIds)
{
    const QFileInfo info(path);
    const QString sourceName = info.fileName();
    LoadResult result;
    auto data = readStoryboardFile(path, sourceName, &result.issues);
    if (!data)
        return result;
    result = loadCsv(*data, sourceName, knownProviderIds, info.absolutePath());
    placeBesideFile(&result, info);
    return result;
}

LoadResult StoryboardLoader::loadJson(const QByteArray &input, const QString &sourceName,
                                      const QStringList &knownProviderIds, const QString &baseDir)
{
    LoadResult result;
    QByteArray data = input;
    if (!checkText(&data, sourceName, &result.issues))
        return result;
    if (data.trimmed().isEmpty()) {
        result.issues.append({sourceName, u"file is empty"_s});
        return result;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(data, error.offset);
        result.issues.append(
            {sourceName + u':' + QString::number(line) + u':' + QString::number(column),
             u"JSON syntax error: "_s + error.errorString()});
        return result;
    }
    if (!document.isObject()) {
        result.issues.append(
            {sourceName, u"expected a JSON object at the top level, got an array"_s});
        return result;
    }
    JsonProjectReader reader(sourceName, knownProviderIds);
    reader.setBaseDir(baseDir);
    Project project = reader.read(document.object());
    result.issues = reader.issues();
    capIssues(&result.issues, sourceName);
    if (result.issues.isEmpty())
        result.project = std::move(project);
    return result;
}

LoadResult StoryboardLoader::loadCsv(const QByteArray &input, const QString &sourceName,
                                     const QStringList &knownProviderIds, const QString &baseDir)
{
    Q_UNUSED(knownProviderIds); // a shot list always runs on the built-in provider
    LoadResult result;
    QByteArray data = input;
    if (!checkText(&data, sourceName, &result.issues))
        return result;
    result = CsvImport::toProject(QString::fromUtf8(data), sourceName, baseDir);
    capIssues(&result.issues, sourceName);
    if (!result.issues.isEmpty())
        result.project.reset();
    return result;
}

QByteArray StoryboardLoader::shotParamsHash(const Shot &shot, Stage stage)
{
    return ShotParams::hash(shot, stage);
}

QString StoryboardLoader::idProblem(const QString &id)
{
    if (id.isEmpty())
        return u"must not be empty"_s;
    if (id.size() > kMaxIdLength)
        return u"must be at most %1 characters long, got %2"_s.arg(kMaxIdLength).arg(id.size());
    const auto isWordChar = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    };
    for (const QChar c : id) {
        if (!isWordChar(c) && c != u'-' && c != u'_')
            return u"\"%1\" is not a valid id (letters, digits, - and _ only)"_s.arg(id);
    }
    if (!isWordChar(id.front()))
        return u"\"%1\" is not a valid id (it must start with a letter or digit)"_s.arg(id);
    // Device names that Windows refuses as folder names, with or without a number.
    static const QStringList reserved{u"con"_s, u"prn"_s, u"aux"_s, u"nul"_s};
    const QString lower = id.toLower();
    const bool isPort = lower.size() == 4 &&
                        (lower.startsWith(u"com"_s) || lower.startsWith(u"lpt"_s)) &&
                        lower.at(3) >= u'1' && lower.at(3) <= u'9';
    if (reserved.contains(lower) || isPort)
        return u"\"%1\" is not a valid id (reserved as a device name on Windows)"_s.arg(id);
    return {};
}

qint64 StoryboardLoader::defaultSeed(const QString &shotId)
{
    const QByteArray digest = QCryptographicHash::hash(QByteArray("retake-seed:" + shotId.toUtf8()),
                                                       QCryptographicHash::Sha1);
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value = (value << 8) | uchar(digest.at(i));
    return qint64(value & 0x7FFFFFFFu);
}

QStringList StoryboardLoader::motions()
{
    return {u"zoom-in"_s, u"zoom-out"_s, u"pan-left"_s, u"pan-right"_s, u"static"_s};
}

QStringList StoryboardLoader::providerKinds()
{
    return {u"local"_s,      u"comfyui"_s,   u"a1111"_s, u"openai-images"_s,
            u"openai-tts"_s, u"replicate"_s, u"fal"_s};
}

} // namespace retake
