#include "project/csvimport.h"

#include "project/shotlistreader.h"

using namespace Qt::StringLiterals;

namespace retake {

namespace {

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r';
}

// Consumes one line break (CRLF, LF or CR) at `*i`.
void skipLineBreak(QStringView text, qsizetype *i)
{
    if (text.at(*i) == u'\r' && *i + 1 < text.size() && text.at(*i + 1) == u'\n')
        ++*i;
    ++*i;
}

// Reads the quoted field whose opening quote is at `*i` into `field`, up to the comma
// or line break after the closing quote; counts the line breaks inside it in `*line`.
bool readQuotedField(QStringView text, qsizetype *i, int *line, QString *field,
                     CsvImport::ParseError *error)
{
    const qsizetype size = text.size();
    const int openedAt = *line;
    field->clear();
    ++*i;
    bool closed = false;
    while (*i < size) {
        const QChar c = text.at(*i);
        if (c == u'"') {
            if (*i + 1 < size && text.at(*i + 1) == u'"') {
                field->append(u'"');
                *i += 2;
                continue;
            }
            ++*i;
            closed = true;
            break;
        }
        if (isLineBreak(c)) {
            skipLineBreak(text, i);
            field->append(u'\n');
            ++*line;
            continue;
        }
        field->append(c);
        ++*i;
    }
    if (!closed) {
        *error = {openedAt, u"a quoted field is not closed: a \" is missing"_s};
        return false;
    }
    while (*i < size && (text.at(*i) == u' ' || text.at(*i) == u'\t'))
        ++*i;
    if (*i < size && text.at(*i) != u',' && !isLineBreak(text.at(*i))) {
        *error = {*line, u"unexpected text after a closing quote; write a \" inside "
                         u"a quoted field as \"\""_s};
        return false;
    }
    return true;
}

} // namespace

bool CsvImport::parseRecords(QStringView text, QList<Record> *records, ParseError *error)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    int line = 1;
    while (i < size) {
        Record record;
        record.line = line;
        bool endOfRecord = false;
        while (!endOfRecord) {
            QString field;
            // Unquoted text before a quote may only be spaces: ` "a, b"` is a quoted field.
            while (i < size && text.at(i) == u' ')
                field.append(text.at(i++));
            if (i < size && text.at(i) == u'"') {
                if (!readQuotedField(text, &i, &line, &field, error))
                    return false;
            } else {
                // Unquoted: a stray quote inside (`5" wide`) is kept as written.
                while (i < size && text.at(i) != u',' && !isLineBreak(text.at(i)))
                    field.append(text.at(i++));
            }
            record.fields.append(field);
            if (i >= size) {
                endOfRecord = true;
            } else if (text.at(i) == u',') {
                ++i;
                if (i >= size) {
                    record.fields.append(QString());
                    endOfRecord = true;
                }
            } else {
                skipLineBreak(text, &i);
                ++line;
                endOfRecord = true;
            }
        }
        records->append(record);
    }
    return true;
}

LoadResult CsvImport::toProject(QStringView text, const QString &sourceName, const QString &baseDir)
{
    return ShotListReader(sourceName, baseDir).read(text);
}

QStringList CsvImport::columns()
{
    return {u"scene"_s,  u"shot"_s,   u"prompt"_s,    u"negative"_s, u"duration"_s,
            u"width"_s,  u"height"_s, u"seed"_s,      u"title"_s,    u"fps"_s,
            u"motion"_s, u"stages"_s, u"inputimage"_s};
}

QStringList CsvImport::requiredColumns()
{
    return {u"scene"_s, u"shot"_s, u"prompt"_s};
}

} // namespace retake
