// Loading and validation of storyboards, format "retake-project/1" (JSON, described by
// resources/schema/retake-project-1.schema.json), and import of CSV shot lists.
// Validation collects every problem with its location; a project is returned only when
// there is none, so nothing runs on a storyboard with a mistake in it.
#pragma once

#include "domain/project.h"
#include "domain/types.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace retake {

// One problem found while loading. `location` is a JSON path such as
// "scenes[0].shots[1].id", or "<file>" / "<file>:<line>" / "<file>:<line>:<column>".
struct ValidationIssue {
    QString location;
    QString message;

    QString toString() const;
    bool operator==(const ValidationIssue &other) const
    {
        return location == other.location && message == other.message;
    }
};

struct LoadResult {
    std::optional<Project> project; // set only when there are no issues
    QList<ValidationIssue> issues;

    bool ok() const { return project.has_value() && issues.isEmpty(); }
    // One issue per line, "location: message".
    QStringList issueStrings() const;
};

class StoryboardLoader final
{
public:
    static constexpr qint64 kMaxFileBytes = qint64(16) * 1024 * 1024;
    static constexpr int kMaxIdLength = 64;
    static constexpr int kMaxImageSide = 8192;
    static constexpr int kMaxSteps = 1000;
    static constexpr int kMaxFps = 120;
    // A shot shorter than this cannot be rendered as video (a frame or two at most).
    static constexpr double kMinDurationSec = 0.1;
    static constexpr double kMaxDurationSec = 600.0;
    static constexpr qint64 kMaxSeed = (qint64(1) << 53) - 1; // exact in a JSON number
    // Shots in one storyboard (two to three tasks each). Beyond this every command would
    // take seconds and gigabytes; larger productions are split into several storyboards.
    static constexpr qsizetype kMaxShots = 100000;
    // "<n> shots; ..." for a storyboard over kMaxShots.
    static QString tooManyShots(qsizetype shots);

    StoryboardLoader() = delete;

    // Reads a storyboard file: "*.csv" is imported as a shot list, anything else is read
    // as JSON. The size is checked before reading. Project::filePath is the absolute path.
    // knownProviderIds: provider ids known besides "local" and the project's own
    // "providerProfiles" (for example the user's profiles).
    static LoadResult loadFile(const QString &path, const QStringList &knownProviderIds = {});
    // Parses and validates a JSON storyboard; `sourceName` names it in messages. `baseDir`
    // is the storyboard's folder, against which a video-only shot's inputImage is resolved
    // and checked on disk; empty: resolved against the current folder, not checked.
    static LoadResult loadJson(const QByteArray &input, const QString &sourceName,
                               const QStringList &knownProviderIds = {},
                               const QString &baseDir = {});
    // Builds a project from a CSV shot list (header row; columns scene, shot, prompt and
    // optionally negative, duration, width, height, seed, title, fps, motion, stages,
    // inputimage).
    static LoadResult importCsv(const QString &path, const QStringList &knownProviderIds = {});
    static LoadResult loadCsv(const QByteArray &input, const QString &sourceName,
                              const QStringList &knownProviderIds = {},
                              const QString &baseDir = {});

    // SHA-1 (hex) of the parameters that affect the output of a stage: prompt, negative,
    // seed, size and steps; for video also duration, fps, motion and the image hash.
    // Titles do not count. Used to notice that a shot was edited since it was generated.
    static QByteArray shotParamsHash(const Shot &shot, Stage stage);

    // Helpers shared by the JSON and CSV readers, public for the UI's editors.
    // Empty when `id` can be a scene or shot id (it becomes a folder name), else why not.
    static QString idProblem(const QString &id);
    // The seed of a shot without one: derived from its id, stable across runs and machines.
    static qint64 defaultSeed(const QString &shotId);
    static QStringList motions(); // zoom-in, zoom-out, pan-left, pan-right, static
    // local, comfyui, a1111, openai-images, openai-tts, replicate, fal
    static QStringList providerKinds();
};

} // namespace retake
