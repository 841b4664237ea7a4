// Reads the rows of a CSV shot list into a project, with the position of each column
// taken from the header. Used by CsvImport::toProject.
#pragma once

#include "domain/project.h"
#include "project/csvimport.h"
#include "project/storyboardloader.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringView>

#include <optional>

namespace retake {

class ShotListReader final
{
public:
    // `sourceName` prefixes every issue ("shots.csv:7: prompt: missing").
    // `baseDir`: the list's folder, for a video-only row's input image (empty: unchecked).
    explicit ShotListReader(const QString &sourceName, const QString &baseDir = {});

    LoadResult read(QStringView text);

private:
    void addAt(int line, const QString &message);
    bool readHeader(const CsvImport::Record &header);
    QString value(const CsvImport::Record &record, const QString &column) const;
    // A required id cell; returns it when usable.
    std::optional<QString> readId(const CsvImport::Record &record, const QString &column);
    std::optional<int> readPositiveInt(const CsvImport::Record &record, const QString &column,
                                       int maximum);
    void readRow(const CsvImport::Record &record, Project *project);
    // False when the row has more fields than the header; reports values in unnamed columns.
    bool checkShape(const CsvImport::Record &record);
    void readShotId(const CsvImport::Record &record, Shot *shot);
    void readSeed(const CsvImport::Record &record, Shot *shot);
    void readDuration(const CsvImport::Record &record, Shot *shot);
    void readMotion(const CsvImport::Record &record, Shot *shot);
    void readStages(const CsvImport::Record &record, Shot *shot);
    // Appends `shot` to the scene `sceneId`, which is created at its first row.
    void addToScene(const CsvImport::Record &record, const QString &sceneId, const Shot &shot,
                    Project *project);

    QString m_sourceName;
    QString m_baseDir;
    QList<ValidationIssue> m_issues;
    QHash<QString, qsizetype> m_columns; // lower-case name -> field index
    QSet<qsizetype> m_unnamed;           // header cells left empty
    qsizetype m_headerSize = 0;
    QHash<QString, int> m_shotLines;        // lower-case shot id -> line of its row
    QHash<QString, qsizetype> m_sceneIndex; // lower-case scene id -> index in scenes
};

} // namespace retake
