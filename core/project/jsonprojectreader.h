// Reads a "retake-project/1" document (resources/schema/retake-project-1.schema.json) into a
// Project, recording every problem with its JSON path. Used by StoryboardLoader::loadJson.
#pragma once

#include "domain/project.h"
#include "project/storyboardloader.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <initializer_list>
#include <optional>
#include <utility>

namespace retake {

class JsonProjectReader final
{
public:
    // `sourceName` names the document; `knownProviderIds` are the provider ids that may
    // appear in "providers" besides "local" and the document's own profiles.
    JsonProjectReader(const QString &sourceName, const QStringList &knownProviderIds);

    QList<ValidationIssue> issues() const { return m_issues; }
    // The storyboard's folder: a video-only shot's inputImage is resolved against it and
    // checked on disk. Empty (the default): resolved against the current folder, unchecked.
    void setBaseDir(const QString &dir) { m_baseDir = dir; }

    // The project as far as it could be read; valid only while issues() is empty.
    Project read(const QJsonObject &root);

private:
    enum class IntRule { Positive, NonNegative };
    enum class NumberRule { Positive, NonNegative, Fraction };
    // Lower-case id -> the id as written and the location of its first definition.
    using SeenIds = QHash<QString, std::pair<QString, QString>>;

    void add(const QString &location, const QString &message);
    void checkFields(const QJsonObject &object, const QString &location,
                     std::initializer_list<QStringView> allowed);
    bool require(const QJsonObject &object, const QString &location, const QString &key);

    std::optional<QJsonObject> readObject(const QJsonValue &value, const QString &location);
    std::optional<QJsonArray> readArray(const QJsonValue &value, const QString &location);
    std::optional<QString> readString(const QJsonObject &object, const QString &parent,
                                      const QString &key);
    std::optional<qint64> readInt(const QJsonObject &object, const QString &parent,
                                  const QString &key, IntRule rule, qint64 maximum);
    std::optional<double> readNumber(const QJsonObject &object, const QString &parent,
                                     const QString &key, NumberRule rule,
                                     std::optional<double> maximum = std::nullopt,
                                     std::optional<double> minimum = std::nullopt);
    // A required id; returns it when present and usable.
    std::optional<QString> readId(const QJsonObject &object, const QString &parent);
    // Ids become folder names: ids that differ only in case would share a folder on
    // Windows and macOS, so they count as duplicates too.
    bool checkUnique(SeenIds *seen, const QString &id, const QString &parent);

    void readImage(const QJsonValue &value, const QString &location, ImageParams *params);
    void readVideo(const QJsonValue &value, const QString &location, VideoParams *params);
    void readFaults(const QJsonValue &value, const QString &location, FaultProfile *faults);
    void readProfiles(const QJsonValue &value, Project *project);
    void readPreferences(const QJsonValue &value, Project *project);
    void readRetry(const QJsonValue &value, RetrySettings *retry);
    void readScenes(const QJsonValue &value, Project *project);
    // `stagesSource` says where the stages `shot` starts with were set (scene, defaults).
    void readShot(const QJsonValue &value, const QString &at, SeenIds *shotIds, Shot *shot,
                  const QString &stagesSource);
    std::optional<ShotStages> readStages(const QJsonObject &object, const QString &parent);
    void readShotStages(const QJsonObject &object, const QString &at, Shot *shot,
                        QString stagesSource);

    QString m_sourceName;
    QStringList m_knownProviderIds;
    QStringList m_profileIds; // ids of the document's own providerProfiles
    QString m_baseDir;
    std::optional<ShotStages> m_defaultStages; // defaults.stages
    QList<ValidationIssue> m_issues;
};

} // namespace retake
