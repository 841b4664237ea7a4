// The problems of a storyboard being loaded, and where they are: checks of the raw text,
// the cap on the number of problems, and the wording of locations ("scenes[0].shots[1].id",
// "<file>:<line>:<column>") and of JSON values in messages. Shared by StoryboardLoader and
// JsonProjectReader.
#pragma once

#include "project/storyboardloader.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <utility>

namespace retake::loadissues {

// Checks that the data is UTF-8 text and drops a byte order mark (spreadsheets write one).
bool checkText(QByteArray *data, const QString &sourceName, QList<ValidationIssue> *issues);

// Keeps the first 500 issues and sums up the rest in one more.
void capIssues(QList<ValidationIssue> *issues, const QString &sourceName);

// 1-based line and column (in characters) of a byte offset into valid UTF-8.
std::pair<int, int> lineAndColumn(const QByteArray &data, qsizetype offset);

// A number as written: integers without a fraction, others in the shortest form.
QString formatNumber(double value);

// A JSON value as it appears in a message: numbers and literals as written, strings
// quoted (shortened when long), containers by kind.
QString describe(const QJsonValue &value);

// "parent.key", or "key" at the top level.
QString child(const QString &parent, const QString &key);
// "parent[index]"
QString element(const QString &parent, qsizetype index);

} // namespace retake::loadissues
