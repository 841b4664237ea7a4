#include "markdownreport.h"

#include "report/documentparts.h"
#include "report/reporttext.h"
#include "report/reportwriter.h"

#include <QIODevice>
#include <QJsonArray>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

QString str(const QJsonObject &object, const QString &key)
{
    return object.value(key).toString();
}

// A table cell: one line, no column separators, Markdown characters escaped.
QString cell(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\n' || c == u'\r') {
            out += u' ';
        } else if (c == u'|' || c == u'\\' || c == u'`' || c == u'*' || c == u'_' || c == u'[' ||
                   c == u']' || c == u'<' || c == u'>') {
            out += u'\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out.isEmpty() ? u"—"_s : out;
}

QString code(const QString &text)
{
    QString safe = text;
    safe.replace(u'`', u'\'');
    return u'`' + safe + u'`';
}

QString tableRow(const QStringList &cells)
{
    return u"| "_s + cells.join(u" | "_s) + u" |\n"_s;
}

QString tableHead(const QStringList &titles)
{
    QStringList rule;
    for (int i = 0; i < titles.size(); ++i)
        rule << u"---"_s;
    return tableRow(titles) + tableRow(rule);
}

// report.md section by section; see ReportWriter.
class MarkdownSections final : public ReportWriter
{
public:
    // Renders into `out`; with a `device`, every flush() writes what is there and empties it.
    explicit MarkdownSections(QString *out, QIODevice *device = nullptr)
        : m_md(*out), m_device(device)
    {
    }
    bool ok() const { return m_ok; }

protected:
    void header(const QJsonObject &report) override
    {
        QString &md = m_md;
        const QJsonObject storyboard = report.value(u"storyboard"_s).toObject();
        const QJsonObject run = report.value(u"run"_s).toObject();
        const bool prompts = run.value(u"debugLogging"_s).toBool();
        md += u"# Job report — %1\n\n"_s.arg(cell(str(storyboard, u"title"_s)));
        md += u"- **Storyboard:** %1 (%2)\n"_s.arg(cell(str(storyboard, u"title"_s)),
                                                   code(str(storyboard, u"file"_s)));
        md += u"- **Run:** %1\n"_s.arg(code(str(run, u"id"_s)));
        md += u"- **Started:** %1\n"_s.arg(ReportText::time(run.value(u"startedAt"_s)));
        md += u"- **Ended:** %1\n"_s.arg(run.value(u"endedAt"_s).isNull()
                                             ? u"not ended"_s
                                             : ReportText::time(run.value(u"endedAt"_s)));
        md += u"- **Duration:** %1\n"_s.arg(ReportText::duration(run.value(u"durationMs"_s)));
        md += u"- **Outcome:** %1. %2\n"_s.arg(ReportText::outcomeLabel(str(run, u"outcome"_s)),
                                               str(run, u"outcomeExplanation"_s));
        if (!run.value(u"recoveredAt"_s).isNull())
            md += u"- **Recovered:** %1\n"_s.arg(ReportText::time(run.value(u"recoveredAt"_s)));
        md += u"- **Resumed after a crash:** %1\n"_s.arg(
            run.value(u"resumedAfterCrash"_s).toBool() ? u"yes"_s : u"no"_s);
        md += u"- **Debug logging:** %1\n"_s.arg(
            prompts ? u"on — prompts are included"_s
                    : u"off — prompts and provider bodies are left out"_s);
        md += u"- **Budget cap:** %1\n"_s.arg(
            run.value(u"budgetCap"_s).isNull()
                ? u"none"_s
                : ReportText::cost(run.value(u"budgetCap"_s).toDouble()) + u" cost units"_s);
        md +=
            u"- **Task states as of:** %1\n\n"_s.arg(ReportText::time(run.value(u"statesAsOf"_s)));
    }

    void timeline(const QJsonObject &timeline) override
    {
        if (timeline.value(u"bars"_s).toArray().isEmpty())
            return;
        m_md += u"## Timeline\n\nDrawn in report.html: %1 attempts on %2 provider(s).\n\n"_s
                    .arg(timeline.value(u"bars"_s).toArray().size())
                    .arg(timeline.value(u"lanes"_s).toArray().size());
    }
    void summary(const QJsonObject &counts) override
    {
        QString &md = m_md;
        md += u"## Summary\n\n"_s;
        md += u"%1 tasks; %2 attempts in this run, %3 of them failed; %4 degraded, %5 on "
              u"another provider.\n\n"_s.arg(counts.value(u"total"_s).toInt())
                  .arg(counts.value(u"attempts"_s).toInt())
                  .arg(counts.value(u"failedAttempts"_s).toInt())
                  .arg(counts.value(u"degraded"_s).toInt())
                  .arg(counts.value(u"onOtherProvider"_s).toInt());
        md += tableHead({u"State"_s, u"Tasks"_s});
        const QJsonObject states = counts.value(u"states"_s).toObject();
        for (auto it = states.constBegin(); it != states.constEnd(); ++it) {
            if (it.value().toInt() > 0)
                md += tableRow({it.key(), QString::number(it.value().toInt())});
        }
        md += u"\n"_s + tableHead({u"Quality (done tasks)"_s, u"Tasks"_s});
        const QJsonObject qualities = counts.value(u"qualities"_s).toObject();
        for (auto it = qualities.constBegin(); it != qualities.constEnd(); ++it)
            md += tableRow({it.key(), QString::number(it.value().toInt())});
    }

    void beginFailures(qsizetype count) override
    {
        m_md += u"\n## Failures and recovery\n\n"_s;
        if (count == 0)
            m_md += u"No task failed or finished degraded.\n"_s;
    }
    void failures(const QJsonArray &failures) override
    {
        for (const QJsonValue value : failures)
            failure(value.toObject());
    }
    void endFailures() override {}

    void beginTasks(bool prompts) override
    {
        m_md += u"## Tasks\n\n"_s;
        QStringList titles{u"Task"_s,     u"State"_s,    u"Quality"_s,    u"Attempts (run / all)"_s,
                           u"Provider"_s, u"Duration"_s, u"Last error"_s, u"Recommended action"_s};
        if (prompts)
            titles << u"Prompt"_s;
        m_md += tableHead(titles);
    }
    void tasks(const QJsonArray &tasks, bool prompts) override
    {
        QString &md = m_md;
        for (const QJsonValue value : tasks) {
            const QJsonObject t = value.toObject();
            const QString error = ReportText::errorText(t.value(u"lastError"_s));
            QStringList cells{
                code(str(t, u"id"_s)),
                str(t, u"state"_s),
                ReportText::qualityLabel(str(t, u"quality"_s)),
                u"%1 / %2"_s.arg(t.value(u"attempts"_s).toInt())
                    .arg(t.value(u"attemptsTotal"_s).toInt()),
                cell(str(t, u"provider"_s) +
                     (str(t, u"model"_s).isEmpty() ? QString() : u" · "_s + str(t, u"model"_s))),
                ReportText::duration(t.value(u"durationMs"_s)),
                cell(error.isEmpty() ? str(t, u"note"_s) : error),
                cell(str(t, u"recommendedAction"_s))};
            if (prompts)
                cells << cell(str(t, u"prompt"_s));
            md += tableRow(cells);
        }
    }
    void endTasks() override {}

    void beginAudit() override { m_md += u"\n## Audit trail\n\n"_s; }

    void usage(const QJsonObject &usage) override
    {
        QString &md = m_md;
        md += u"### Usage: estimate vs actual\n\n"_s;
        md += tableHead({u"Provider"_s, u"Cost / unit"_s, u"Est. tasks"_s, u"Est. time"_s,
                         u"Est. cost"_s, u"Attempts"_s, u"Actual time"_s, u"Actual cost"_s});
        for (const QJsonValue value : usage.value(u"providers"_s).toArray()) {
            const QJsonObject row = value.toObject();
            const QJsonObject estimate = row.value(u"estimate"_s).toObject();
            const QJsonObject actual = row.value(u"actual"_s).toObject();
            md += tableRow(
                {cell(str(row, u"provider"_s)),
                 ReportText::cost(row.value(u"costPerUnit"_s).toDouble()),
                 QString::number(estimate.value(u"tasks"_s).toInt()),
                 ReportText::duration(estimate.value(u"timeMs"_s)) +
                     (str(estimate, u"timeSource"_s) == u"default"_s ? u" (default)"_s : QString()),
                 ReportText::cost(estimate.value(u"costUnits"_s).toDouble()),
                 QString::number(actual.value(u"attempts"_s).toInt()),
                 ReportText::duration(actual.value(u"timeMs"_s)),
                 ReportText::cost(actual.value(u"costUnits"_s).toDouble())});
        }
        const QJsonObject totals = usage.value(u"totals"_s).toObject();
        md += tableRow(
            {u"**Total**"_s, QString(), QString(),
             ReportText::duration(totals.value(u"estimate"_s).toObject().value(u"timeMs"_s)),
             ReportText::cost(
                 totals.value(u"estimate"_s).toObject().value(u"costUnits"_s).toDouble()),
             QString::number(totals.value(u"actual"_s).toObject().value(u"attempts"_s).toInt()),
             ReportText::duration(totals.value(u"actual"_s).toObject().value(u"timeMs"_s)),
             ReportText::cost(
                 totals.value(u"actual"_s).toObject().value(u"costUnits"_s).toDouble())});
        md += u"\n"_s + str(usage, u"basis"_s) + u"\n\n"_s;
    }

    void providers(const QJsonArray &providers) override
    {
        QString &md = m_md;
        md += u"### Providers and models used\n\n"_s;
        md += tableHead({u"Provider"_s, u"Kind"_s, u"Models"_s, u"Attempts"_s, u"Succeeded"_s,
                         u"Failed"_s, u"Error classes"_s});
        for (const QJsonValue value : providers) {
            const QJsonObject p = value.toObject();
            QStringList models;
            for (const QJsonValue m : p.value(u"models"_s).toArray())
                models << m.toString();
            QStringList classes;
            const QJsonObject errorClasses = p.value(u"errorClasses"_s).toObject();
            for (auto it = errorClasses.constBegin(); it != errorClasses.constEnd(); ++it)
                classes << u"%1 × %2"_s.arg(it.key()).arg(it.value().toInt());
            md += tableRow(
                {cell(str(p, u"id"_s)), cell(str(p, u"kind"_s)), cell(models.join(u", "_s)),
                 QString::number(p.value(u"attempts"_s).toInt()),
                 QString::number(p.value(u"succeeded"_s).toInt()),
                 QString::number(p.value(u"failed"_s).toInt()), cell(classes.join(u", "_s))});
        }
    }

    void beginSteps(qsizetype count) override
    {
        m_md += u"\n### Steps completed (%1)\n\n"_s.arg(count);
        if (count > 0) {
            m_md += tableHead(
                {u"Finished"_s, u"Task"_s, u"Attempt"_s, u"Provider"_s, u"Rung"_s, u"Output"_s});
        }
    }
    void steps(const QJsonArray &steps) override
    {
        for (const QJsonValue value : steps) {
            const QJsonObject s = value.toObject();
            m_md += tableRow({ReportText::time(s.value(u"at"_s)), code(str(s, u"task"_s)),
                              QString::number(s.value(u"attempt"_s).toInt()),
                              cell(str(s, u"provider"_s)), str(s, u"rung"_s),
                              code(str(s, u"output"_s))});
        }
    }
    void endSteps(qsizetype) override {}

    void files(const QJsonObject &files) override
    {
        QString &md = m_md;
        for (const auto &[key, title] :
             {std::pair{u"written"_s, u"Files written to draft/"_s},
              std::pair{u"archived"_s, u"Failed attempts archived to _failed/"_s},
              std::pair{u"untrusted"_s, u"Rejected outputs moved to _untrusted/"_s}}) {
            const QJsonArray paths = files.value(key).toArray();
            md += u"\n### %1 (%2)\n\n"_s.arg(title).arg(paths.size());
            for (const QJsonValue p : paths)
                md += u"- "_s + code(p.toString()) + u"\n"_s;
        }
    }

    void checkpoints(const QJsonArray &checkpoints) override
    {
        QString &md = m_md;
        md += u"\n### Checkpoints created (%1)\n\n"_s.arg(checkpoints.size());
        for (const QJsonValue value : checkpoints) {
            const QJsonObject c = value.toObject();
            md += u"- %1 %2: %3\n"_s.arg(ReportText::time(c.value(u"createdAt"_s)),
                                         code(str(c, u"id"_s)), cell(str(c, u"reason"_s)));
        }
    }

    void events(const QJsonArray &events) override
    {
        QString &md = m_md;
        md += u"\n### Events and user actions (%1)\n\n"_s.arg(events.size());
        for (const QJsonValue value : events) {
            const QJsonObject e = value.toObject();
            md += u"- %1 %2%3%4\n"_s.arg(
                ReportText::time(e.value(u"time"_s)), str(e, u"kind"_s),
                str(e, u"task"_s).isEmpty() ? QString() : u" "_s + code(str(e, u"task"_s)),
                str(e, u"detail"_s).isEmpty() ? QString() : u": "_s + cell(str(e, u"detail"_s)));
        }
    }

    void endAudit() override {}

    void footer(const QJsonObject &report) override
    {
        QString &md = m_md;
        md += u"\n---\nGenerated %1 by %2 (%3).\n"_s.arg(
            ReportText::time(report.value(u"generatedAt"_s)), str(report, u"generator"_s),
            str(report, u"format"_s));
    }

    void flush() override
    {
        if (!m_device || m_md.isEmpty())
            return;
        const QByteArray bytes = m_md.toUtf8();
        m_ok = m_ok && m_device->write(bytes) == bytes.size();
        m_md.clear();
    }

private:
    void failure(const QJsonObject &f)
    {
        QString &md = m_md;
        const bool degraded = str(f, u"state"_s) == u"done"_s;
        md += u"### %1 — %2\n\n"_s.arg(code(str(f, u"task"_s)),
                                       degraded ? u"degraded (%1)"_s.arg(str(f, u"quality"_s))
                                                : str(f, u"state"_s));
        const QString reason = ReportText::errorText(f.value(u"reason"_s));
        md += u"- **Reason:** %1\n"_s.arg(cell(reason));
        const QJsonValue step = f.value(u"lastCompletedStep"_s);
        if (step.isObject()) {
            const QJsonObject s = step.toObject();
            md += u"- **Last completed step:** %1 (%2 quality) at %3, %4\n"_s.arg(
                code(str(s, u"task"_s)), str(s, u"quality"_s), ReportText::time(s.value(u"at"_s)),
                code(str(s, u"output"_s)));
        } else {
            md += u"- **Last completed step:** none\n"_s;
        }
        const QJsonArray blocks = f.value(u"blocks"_s).toArray();
        if (!blocks.isEmpty()) {
            QStringList ids;
            for (const QJsonValue b : blocks)
                ids << code(b.toString());
            md += u"- **Blocks:** %1\n"_s.arg(ids.join(u", "_s));
        }
        for (const QJsonValue p : f.value(u"partialOutputs"_s).toArray()) {
            const QJsonObject o = p.toObject();
            QStringList files;
            for (const QJsonValue file : o.value(u"files"_s).toArray())
                files << code(file.toString());
            md +=
                u"- **Partial outputs of attempt %1:** %2%3\n"_s.arg(o.value(u"attempt"_s).toInt())
                    .arg(code(str(o, u"folder"_s)),
                         files.isEmpty() ? QString() : u" — "_s + files.join(u", "_s));
        }
        recoveryPath(f.value(u"recovery"_s).toArray());
    }

    void recoveryPath(const QJsonArray &recovery)
    {
        QString &md = m_md;
        md += u"\nRecovery path:\n\n"_s;
        int n = 0;
        for (const QJsonValue r : recovery) {
            const QJsonObject o = r.toObject();
            const QString when = ReportText::time(o.value(u"time"_s));
            if (str(o, u"kind"_s) == u"attempt"_s) {
                QString line =
                    u"%1. %2 — attempt %3 on %4 (%5, rung %6%7): "_s.arg(++n)
                        .arg(when)
                        .arg(o.value(u"attempt"_s).toInt())
                        .arg(str(o, u"provider"_s), str(o, u"model"_s), str(o, u"rung"_s),
                             o.value(u"rungChanged"_s).toBool() ? u", rung changed"_s : QString());
                if (str(o, u"outcome"_s) == u"ok"_s) {
                    line += u"succeeded"_s;
                } else {
                    line += str(o, u"class"_s);
                    if (o.value(u"httpStatus"_s).toInt() > 0)
                        line += u" (HTTP %1)"_s.arg(o.value(u"httpStatus"_s).toInt());
                    if (!str(o, u"message"_s).isEmpty())
                        line += u" — "_s + cell(str(o, u"message"_s));
                }
                md += line + u"\n"_s;
                if (o.contains(u"prompt"_s))
                    md += u"   - prompt: %1\n"_s.arg(cell(str(o, u"prompt"_s)));
                if (o.contains(u"stderrTail"_s)) {
                    // An indented code block inside the list item: nothing in it is markup.
                    md += u"   - ffmpeg output (last lines):\n\n"_s;
                    for (const QString &tailLine : str(o, u"stderrTail"_s).split(u'\n'))
                        md += u"         "_s + tailLine + u"\n"_s;
                    md += u"\n"_s;
                }
            } else {
                md += u"%1. %2 — user action: %3%4\n"_s.arg(++n).arg(
                    when, str(o, u"action"_s),
                    str(o, u"detail"_s).isEmpty() ? QString()
                                                  : u" ("_s + cell(str(o, u"detail"_s)) + u")"_s);
            }
        }
        md += u"\n"_s;
    }

    QString &m_md;
    QIODevice *m_device;
    bool m_ok = true;
};

} // namespace

QString MarkdownReport::render(const QJsonObject &report)
{
    QString md;
    MarkdownSections(&md).renderSections(DocumentParts(report));
    return md;
}

bool MarkdownReport::write(const ReportParts &parts, QIODevice *device, qsizetype rowsPerSlice)
{
    QString md;
    MarkdownSections sections(&md, device);
    sections.renderSections(parts, rowsPerSlice);
    return sections.ok();
}

} // namespace retake
