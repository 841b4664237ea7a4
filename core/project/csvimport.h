// Import of a CSV shot list (RFC 4180) into a project: one row per shot, scenes in the
// order of their first row. Used through StoryboardLoader::importCsv / loadCsv.
#pragma once

#include "project/storyboardloader.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace retake {

class CsvImport final
{
public:
    struct Record {
        int line = 0; // physical line where the record starts, 1-based
        QStringList fields;
    };
    struct ParseError {
        int line = 0;
        QString message;
    };

    CsvImport() = delete;

    // Splits `text` into records: fields separated by commas, records by CRLF, LF or CR;
    // a field in double quotes may hold commas, line breaks and doubled quotes.
    // Returns false and sets `error` on broken quoting.
    static bool parseRecords(QStringView text, QList<Record> *records, ParseError *error);

    // The project described by a shot list. `sourceName` prefixes every issue
    // ("shots.csv:7: prompt: missing"); `baseDir` is the list's folder, against which an
    // "inputimage" is resolved and checked (empty: the current folder, unchecked).
    static LoadResult toProject(QStringView text, const QString &sourceName,
                                const QString &baseDir = {});

    // Lower-case column names, required ones first.
    static QStringList columns();
    static QStringList requiredColumns();
};

} // namespace retake
