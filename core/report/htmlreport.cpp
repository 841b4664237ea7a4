#include "htmlreport.h"

#include "report/documentparts.h"
#include "report/reporttext.h"
#include "report/reportwriter.h"
#include "report/timeline.h"

#include <QIODevice>
#include <QJsonArray>
#include <QStringList>
#include <QUrl>
#include <QXmlStreamWriter>

#include <initializer_list>
#include <utility>

using namespace Qt::StringLiterals;

namespace retake {

namespace {

// No '<', '>', '&' or '"' in here: the style element is raw text in HTML but escaped in XML.
constexpr auto kStyle = uR"(
body { font: 14px/1.45 system-ui, 'Segoe UI', Roboto, sans-serif; color: #1d2329;
       background: #f6f7f9; margin: 0; padding: 24px 32px; }
h1 { font-size: 22px; margin: 0 0 4px 0; }
h2 { font-size: 18px; margin: 32px 0 8px 0; border-bottom: 1px solid #d5dae0;
     padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px 0; }
table { border-collapse: collapse; background: #fff; margin: 6px 0 12px 0; }
th, td { border: 1px solid #d5dae0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.header { display: grid; grid-template-columns: max-content auto; gap: 2px 16px;
            background: #fff; border: 1px solid #d5dae0; padding: 10px 14px; }
dl.header dt { font-weight: 600; color: #4a5560; }
dl.header dd { margin: 0; }
.badge { display: inline-block; border-radius: 10px; padding: 1px 9px; font-size: 12px;
         font-weight: 600; background: #e3e7eb; }
.outcome-complete, .outcome-recovered, .state-done { background: #d7f0dc; color: #145c26; }
.outcome-partial, .outcome-cancelled, .outcome-budget-cap, .outcome-crashed,
.outcome-unfinished, .state-failed, .state-blocked { background: #f9dcdc; color: #8a1c1c; }
.outcome-crashed-and-resumed, .quality-reduced, .quality-fallback, .state-cancelled,
.state-interrupted { background: #fbeccc; color: #7a4b00; }
.quality-full_other_provider { background: #dbe8f6; color: #1b4a7a; }
article.failure { background: #fff; border: 1px solid #d5dae0; border-left: 4px solid #c62828;
                  padding: 8px 14px; margin: 10px 0; }
article.failure.degraded { border-left-color: #e0a000; }
ol.recovery li { margin: 2px 0; }
.muted { color: #6b7682; }
.timeline { overflow-x: auto; }
img.thumb { display: block; max-width: 120px; max-height: 68px; border: 1px solid #d5dae0; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 12px; }
.prompt { white-space: pre-wrap; color: #4a5560; font-size: 12px; }
pre.stderr { background: #f3f4f6; border: 1px solid #d5dae0; padding: 6px 8px; margin: 4px 0;
             font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: #6b7682; font-size: 12px; }
)";

QString str(const QJsonObject &object, const QString &key)
{
    return object.value(key).toString();
}

bool isImageFile(const QString &path)
{
    const QString lower = path.toLower();
    for (const QString &suffix : {u".png"_s, u".jpg"_s, u".jpeg"_s, u".webp"_s, u".gif"_s}) {
        if (lower.endsWith(suffix))
            return true;
    }
    return false;
}

using Attributes = std::initializer_list<std::pair<QString, QString>>;

// A thin layer over QXmlStreamWriter that never writes a self-closing non-void element
// ("<td/>" would open a cell in an HTML parser rather than close it).
class Html
{
public:
    explicit Html(QString *out) : m_w(out) { m_w.setAutoFormatting(true); }
    explicit Html(QIODevice *out) : m_w(out) { m_w.setAutoFormatting(true); }

    void open(const QString &tag, Attributes attributes = {})
    {
        m_w.writeStartElement(tag);
        for (const auto &[name, value] : attributes)
            m_w.writeAttribute(name, value);
    }
    void close()
    {
        m_w.writeCharacters(QString());
        m_w.writeEndElement();
    }
    void element(const QString &tag, const QString &text, Attributes attributes = {})
    {
        open(tag, attributes);
        m_w.writeCharacters(text);
        m_w.writeEndElement();
    }
    void voidElement(const QString &tag, Attributes attributes)
    {
        m_w.writeEmptyElement(tag);
        for (const auto &[name, value] : attributes)
            m_w.writeAttribute(name, value);
    }
    void text(const QString &text) { m_w.writeCharacters(text); }
    void link(const QString &relativePath, const QString &label)
    {
        element(u"a"_s, label, {{u"href"_s, HtmlReport::workspaceLink(relativePath)}});
    }
    void badge(const QString &text, const QString &cssClass)
    {
        element(u"span"_s, text, {{u"class"_s, u"badge "_s + cssClass}});
    }
    void row(const QStringList &cells)
    {
        open(u"tr"_s);
        for (const QString &cell : cells)
            element(u"td"_s, cell);
        close();
    }
    void headerRow(const QStringList &cells, int firstNumeric = -1)
    {
        open(u"tr"_s);
        for (int i = 0; i < cells.size(); ++i) {
            if (firstNumeric >= 0 && i >= firstNumeric)
                element(u"th"_s, cells.at(i), {{u"class"_s, u"num"_s}});
            else
                element(u"th"_s, cells.at(i));
        }
        close();
    }
    void td(const QString &text, bool numeric = false)
    {
        if (numeric)
            element(u"td"_s, text, {{u"class"_s, u"num"_s}});
        else
            element(u"td"_s, text);
    }
    void finish() { m_w.writeEndDocument(); }
    QXmlStreamWriter &writer() { return m_w; }

private:
    QXmlStreamWriter m_w;
};

void header(Html &h, const QJsonObject &report)
{
    const QJsonObject storyboard = report.value(u"storyboard"_s).toObject();
    const QJsonObject run = report.value(u"run"_s).toObject();
    const QString outcome = str(run, u"outcome"_s);
    h.open(u"header"_s);
    h.element(u"h1"_s, u"Job report — "_s + str(storyboard, u"title"_s));
    h.open(u"p"_s);
    h.text(u"Run "_s + str(run, u"id"_s) + u" "_s);
    h.badge(ReportText::outcomeLabel(outcome), u"outcome-"_s + outcome);
    h.close();
    h.open(u"dl"_s, {{u"class"_s, u"header"_s}});
    const auto item = [&h](const QString &term, const QString &value) {
        h.element(u"dt"_s, term);
        h.element(u"dd"_s, value);
    };
    item(u"Storyboard"_s,
         str(storyboard, u"title"_s) + u" ("_s + str(storyboard, u"file"_s) + u")"_s);
    item(u"Run"_s, str(run, u"id"_s));
    item(u"Started"_s, ReportText::time(run.value(u"startedAt"_s)));
    item(u"Ended"_s, run.value(u"endedAt"_s).isNull() ? u"not ended"_s
                                                      : ReportText::time(run.value(u"endedAt"_s)));
    item(u"Duration"_s, ReportText::duration(run.value(u"durationMs"_s)));
    item(u"Outcome"_s,
         ReportText::outcomeLabel(outcome) + u". "_s + str(run, u"outcomeExplanation"_s));
    if (!run.value(u"recoveredAt"_s).isNull())
        item(u"Recovered"_s, ReportText::time(run.value(u"recoveredAt"_s)));
    item(u"Resumed after a crash"_s,
         run.value(u"resumedAfterCrash"_s).toBool() ? u"yes"_s : u"no"_s);
    item(u"Debug logging"_s, run.value(u"debugLogging"_s).toBool()
                                 ? u"on — prompts are included in this report"_s
                                 : u"off — prompts and provider bodies are left out"_s);
    item(u"Budget cap"_s,
         run.value(u"budgetCap"_s).isNull()
             ? u"none"_s
             : ReportText::cost(run.value(u"budgetCap"_s).toDouble()) + u" cost units"_s);
    item(u"Task states as of"_s, ReportText::time(run.value(u"statesAsOf"_s)));
    h.close();
    h.close();
}

void summary(Html &h, const QJsonObject &counts)
{
    h.open(u"section"_s, {{u"id"_s, u"summary"_s}});
    h.element(u"h2"_s, u"Summary"_s);
    h.element(u"p"_s, u"%1 tasks; %2 attempts in this run, %3 of them failed; %4 degraded, %5 "
                      u"on another provider."_s.arg(counts.value(u"total"_s).toInt())
                          .arg(counts.value(u"attempts"_s).toInt())
                          .arg(counts.value(u"failedAttempts"_s).toInt())
                          .arg(counts.value(u"degraded"_s).toInt())
                          .arg(counts.value(u"onOtherProvider"_s).toInt()));
    h.open(u"table"_s);
    const QJsonObject states = counts.value(u"states"_s).toObject();
    h.headerRow({u"State"_s, u"Tasks"_s}, 1);
    for (auto it = states.constBegin(); it != states.constEnd(); ++it) {
        if (it.value().toInt() == 0)
            continue;
        h.open(u"tr"_s);
        h.td(it.key());
        h.td(QString::number(it.value().toInt()), true);
        h.close();
    }
    h.close();
    h.open(u"table"_s);
    const QJsonObject qualities = counts.value(u"qualities"_s).toObject();
    h.headerRow({u"Quality (done tasks)"_s, u"Tasks"_s}, 1);
    for (auto it = qualities.constBegin(); it != qualities.constEnd(); ++it) {
        h.open(u"tr"_s);
        h.td(it.key());
        h.td(QString::number(it.value().toInt()), true);
        h.close();
    }
    h.close();
    h.close();
}

void beginTasks(Html &h)
{
    h.open(u"section"_s, {{u"id"_s, u"tasks"_s}});
    h.element(u"h2"_s, u"Tasks"_s);
    h.open(u"table"_s);
    h.headerRow({u"Task"_s, u"Output"_s, u"State"_s, u"Quality"_s, u"Attempts (run / all)"_s,
                 u"Provider and model"_s, u"Duration"_s, u"Last error"_s, u"Recommended action"_s});
}

void tasks(Html &h, const QJsonArray &tasks, bool prompts)
{
    for (const QJsonValue value : tasks) {
        const QJsonObject t = value.toObject();
        const QString id = str(t, u"id"_s);
        h.open(u"tr"_s, {{u"id"_s, u"task-"_s + QString(id).replace(u'/', u'-')}});
        h.open(u"td"_s);
        h.element(u"code"_s, id);
        if (!str(t, u"shotTitle"_s).isEmpty())
            h.element(u"div"_s, str(t, u"shotTitle"_s), {{u"class"_s, u"muted"_s}});
        if (prompts && t.contains(u"prompt"_s))
            h.element(u"div"_s, str(t, u"prompt"_s), {{u"class"_s, u"prompt"_s}});
        h.close();
        h.open(u"td"_s);
        const QString output = str(t, u"output"_s);
        if (output.isEmpty()) {
            h.text(u"—"_s);
        } else if (isImageFile(output)) {
            h.open(u"a"_s, {{u"href"_s, HtmlReport::workspaceLink(output)}});
            h.voidElement(u"img"_s, {{u"class"_s, u"thumb"_s},
                                     {u"src"_s, HtmlReport::workspaceLink(output)},
                                     {u"alt"_s, id}});
            h.close();
        } else {
            h.link(output, output.section(u'/', -1));
        }
        h.close();
        h.open(u"td"_s);
        h.badge(str(t, u"state"_s), u"state-"_s + str(t, u"state"_s));
        h.close();
        h.open(u"td"_s);
        const QString quality = str(t, u"quality"_s);
        if (quality == u"none"_s)
            h.text(u"—"_s);
        else
            h.badge(ReportText::qualityLabel(quality), u"quality-"_s + quality);
        h.close();
        h.td(u"%1 / %2"_s.arg(t.value(u"attempts"_s).toInt())
                 .arg(t.value(u"attemptsTotal"_s).toInt()),
             true);
        h.td(str(t, u"provider"_s) +
             (str(t, u"model"_s).isEmpty() ? QString() : u" · "_s + str(t, u"model"_s)));
        h.td(ReportText::duration(t.value(u"durationMs"_s)), true);
        const QString error = ReportText::errorText(t.value(u"lastError"_s));
        h.td(error.isEmpty() ? str(t, u"note"_s) : error);
        h.td(str(t, u"recommendedAction"_s));
        h.close();
    }
}

void partialOutputs(Html &h, const QJsonArray &partial)
{
    h.element(u"h3"_s, u"Partial outputs"_s);
    if (partial.isEmpty()) {
        h.element(u"p"_s, u"None archived in this run."_s, {{u"class"_s, u"muted"_s}});
    } else {
        h.open(u"ul"_s);
        for (const QJsonValue p : partial) {
            const QJsonObject o = p.toObject();
            h.open(u"li"_s);
            h.text(u"Attempt %1: "_s.arg(o.value(u"attempt"_s).toInt()));
            h.link(str(o, u"folder"_s), str(o, u"folder"_s));
            const QJsonArray files = o.value(u"files"_s).toArray();
            if (!files.isEmpty()) {
                h.text(u" — "_s);
                for (int i = 0; i < files.size(); ++i) {
                    if (i > 0)
                        h.text(u", "_s);
                    h.link(files.at(i).toString(), files.at(i).toString().section(u'/', -1));
                }
            }
            h.close();
        }
        h.close();
    }
}

void recoveryPath(Html &h, const QJsonArray &recovery)
{
    h.element(u"h3"_s, u"Recovery path"_s);
    h.open(u"ol"_s, {{u"class"_s, u"recovery"_s}});
    for (const QJsonValue r : recovery) {
        const QJsonObject o = r.toObject();
        h.open(u"li"_s);
        const QString when = ReportText::time(o.value(u"time"_s));
        if (str(o, u"kind"_s) == u"attempt"_s) {
            QString line =
                u"%1 — attempt %2 on %3 (%4, rung %5%6): "_s.arg(when)
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
                    line += u" — "_s + str(o, u"message"_s);
            }
            line += u" ["_s + ReportText::duration(o.value(u"durationMs"_s)) + u"]"_s;
            h.text(line);
            if (o.contains(u"prompt"_s))
                h.element(u"div"_s, str(o, u"prompt"_s), {{u"class"_s, u"prompt"_s}});
            if (o.contains(u"stderrTail"_s)) {
                h.open(u"details"_s, {{u"class"_s, u"stderr"_s}});
                h.element(u"summary"_s, u"ffmpeg output (last lines)"_s);
                h.element(u"pre"_s, str(o, u"stderrTail"_s), {{u"class"_s, u"stderr"_s}});
                h.close();
            }
        } else {
            h.text(u"%1 — user action: %2"_s.arg(when, str(o, u"action"_s)) +
                   (str(o, u"detail"_s).isEmpty() ? QString()
                                                  : u" ("_s + str(o, u"detail"_s) + u")"_s));
        }
        h.close();
    }
    h.close();
}

void failure(Html &h, const QJsonObject &f)
{
    const QString id = str(f, u"task"_s);
    const bool degraded = str(f, u"state"_s) == u"done"_s;
    h.open(u"article"_s, {{u"class"_s, degraded ? u"failure degraded"_s : u"failure"_s},
                          {u"id"_s, u"failure-"_s + QString(id).replace(u'/', u'-')}});
    h.open(u"h3"_s);
    h.element(u"code"_s, id);
    h.text(u" "_s);
    h.badge(degraded ? u"degraded: "_s + str(f, u"quality"_s) : str(f, u"state"_s),
            degraded ? u"quality-"_s + str(f, u"quality"_s) : u"state-"_s + str(f, u"state"_s));
    if (!str(f, u"shotTitle"_s).isEmpty())
        h.element(u"span"_s, u" "_s + str(f, u"shotTitle"_s), {{u"class"_s, u"muted"_s}});
    h.close();
    h.open(u"dl"_s, {{u"class"_s, u"header"_s}});
    h.element(u"dt"_s, u"Reason"_s);
    const QString reason = ReportText::errorText(f.value(u"reason"_s));
    h.element(u"dd"_s, reason.isEmpty() ? u"—"_s : reason);
    h.element(u"dt"_s, u"Last completed step"_s);
    const QJsonValue step = f.value(u"lastCompletedStep"_s);
    if (step.isObject()) {
        const QJsonObject s = step.toObject();
        h.open(u"dd"_s);
        h.text(u"%1 (%2 quality) at %3: "_s.arg(str(s, u"task"_s), str(s, u"quality"_s),
                                                ReportText::time(s.value(u"at"_s))));
        h.link(str(s, u"output"_s), str(s, u"output"_s));
        h.close();
    } else {
        h.element(u"dd"_s, u"none: no stage of this shot has a verified output"_s);
    }
    const QJsonArray blocks = f.value(u"blocks"_s).toArray();
    if (!blocks.isEmpty()) {
        QStringList ids;
        for (const QJsonValue b : blocks)
            ids << b.toString();
        h.element(u"dt"_s, u"Blocks"_s);
        h.element(u"dd"_s, ids.join(u", "_s));
    }
    if (f.value(u"attemptsBeforeRun"_s).toInt() > 0) {
        h.element(u"dt"_s, u"Earlier runs"_s);
        h.element(u"dd"_s,
                  u"%1 attempt(s) before this run"_s.arg(f.value(u"attemptsBeforeRun"_s).toInt()));
    }
    h.close();

    partialOutputs(h, f.value(u"partialOutputs"_s).toArray());
    recoveryPath(h, f.value(u"recovery"_s).toArray());
    h.close();
}

void beginFailures(Html &h, qsizetype count)
{
    h.open(u"section"_s, {{u"id"_s, u"failures"_s}});
    h.element(u"h2"_s, u"Failures and recovery"_s);
    if (count == 0)
        h.element(u"p"_s, u"No task failed or finished degraded."_s);
}

void pathList(Html &h, const QString &title, const QJsonArray &paths)
{
    h.element(u"h3"_s, u"%1 (%2)"_s.arg(title).arg(paths.size()));
    if (paths.isEmpty()) {
        h.element(u"p"_s, u"None."_s, {{u"class"_s, u"muted"_s}});
        return;
    }
    h.open(u"ul"_s);
    for (const QJsonValue p : paths) {
        h.open(u"li"_s);
        h.link(p.toString(), p.toString());
        h.close();
    }
    h.close();
}

void usage(Html &h, const QJsonObject &usage)
{
    h.element(u"h3"_s, u"Usage: estimate vs actual"_s);
    h.open(u"table"_s);
    h.headerRow({u"Provider"_s, u"Cost / unit"_s, u"Est. tasks"_s, u"Est. time"_s, u"Est. cost"_s,
                 u"Attempts"_s, u"Actual time"_s, u"Actual cost"_s},
                1);
    for (const QJsonValue value : usage.value(u"providers"_s).toArray()) {
        const QJsonObject row = value.toObject();
        const QJsonObject estimate = row.value(u"estimate"_s).toObject();
        const QJsonObject actual = row.value(u"actual"_s).toObject();
        h.open(u"tr"_s);
        h.td(str(row, u"provider"_s));
        h.td(ReportText::cost(row.value(u"costPerUnit"_s).toDouble()), true);
        h.td(QString::number(estimate.value(u"tasks"_s).toInt()), true);
        h.td(ReportText::duration(estimate.value(u"timeMs"_s)) +
                 (str(estimate, u"timeSource"_s) == u"default"_s ? u" (default)"_s : QString()),
             true);
        h.td(ReportText::cost(estimate.value(u"costUnits"_s).toDouble()), true);
        h.td(QString::number(actual.value(u"attempts"_s).toInt()), true);
        h.td(ReportText::duration(actual.value(u"timeMs"_s)), true);
        h.td(ReportText::cost(actual.value(u"costUnits"_s).toDouble()), true);
        h.close();
    }
    const QJsonObject totals = usage.value(u"totals"_s).toObject();
    const QJsonObject estimate = totals.value(u"estimate"_s).toObject();
    const QJsonObject actual = totals.value(u"actual"_s).toObject();
    h.open(u"tr"_s);
    h.element(u"th"_s, u"Total"_s);
    h.td(QString());
    h.td(QString());
    h.td(ReportText::duration(estimate.value(u"timeMs"_s)), true);
    h.td(ReportText::cost(estimate.value(u"costUnits"_s).toDouble()), true);
    h.td(QString::number(actual.value(u"attempts"_s).toInt()), true);
    h.td(ReportText::duration(actual.value(u"timeMs"_s)), true);
    h.td(ReportText::cost(actual.value(u"costUnits"_s).toDouble()), true);
    h.close();
    h.close();
    h.element(u"p"_s, str(usage, u"basis"_s), {{u"class"_s, u"muted"_s}});
}

void providers(Html &h, const QJsonArray &providers)
{
    h.element(u"h3"_s, u"Providers and models used"_s);
    if (providers.isEmpty()) {
        h.element(u"p"_s, u"No attempt was made in this run."_s, {{u"class"_s, u"muted"_s}});
    } else {
        h.open(u"table"_s);
        h.headerRow({u"Provider"_s, u"Kind"_s, u"Models"_s, u"Attempts"_s, u"Succeeded"_s,
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
            h.open(u"tr"_s);
            h.td(str(p, u"id"_s));
            h.td(str(p, u"kind"_s));
            h.td(models.join(u", "_s));
            h.td(QString::number(p.value(u"attempts"_s).toInt()), true);
            h.td(QString::number(p.value(u"succeeded"_s).toInt()), true);
            h.td(QString::number(p.value(u"failed"_s).toInt()), true);
            h.td(classes.join(u", "_s));
            h.close();
        }
        h.close();
    }
}

void beginSteps(Html &h, qsizetype count)
{
    h.element(u"h3"_s, u"Steps completed (%1)"_s.arg(count));
    if (count > 0) {
        h.open(u"table"_s);
        h.headerRow(
            {u"Finished"_s, u"Task"_s, u"Attempt"_s, u"Provider"_s, u"Rung"_s, u"Output"_s});
    }
}

void steps(Html &h, const QJsonArray &steps)
{
    for (const QJsonValue value : steps) {
        const QJsonObject s = value.toObject();
        h.open(u"tr"_s);
        h.td(ReportText::time(s.value(u"at"_s)));
        h.td(str(s, u"task"_s));
        h.td(QString::number(s.value(u"attempt"_s).toInt()), true);
        h.td(str(s, u"provider"_s) + u" · "_s + str(s, u"model"_s));
        h.td(str(s, u"rung"_s));
        h.open(u"td"_s);
        h.link(str(s, u"output"_s), str(s, u"output"_s));
        h.close();
        h.close();
    }
}

void files(Html &h, const QJsonObject &files)
{
    pathList(h, u"Files written to draft/"_s, files.value(u"written"_s).toArray());
    pathList(h, u"Failed attempts archived to _failed/"_s, files.value(u"archived"_s).toArray());
    pathList(h, u"Rejected outputs moved to _untrusted/"_s, files.value(u"untrusted"_s).toArray());
}

void checkpoints(Html &h, const QJsonArray &checkpoints)
{
    h.element(u"h3"_s, u"Checkpoints created (%1)"_s.arg(checkpoints.size()));
    if (!checkpoints.isEmpty()) {
        h.open(u"table"_s);
        h.headerRow({u"Created"_s, u"Checkpoint"_s, u"Reason"_s});
        for (const QJsonValue value : checkpoints) {
            const QJsonObject c = value.toObject();
            h.row(
                {ReportText::time(c.value(u"createdAt"_s)), str(c, u"id"_s), str(c, u"reason"_s)});
        }
        h.close();
    }
}

void events(Html &h, const QJsonArray &events)
{
    h.element(u"h3"_s, u"Events and user actions (%1)"_s.arg(events.size()));
    if (!events.isEmpty()) {
        h.open(u"table"_s);
        h.headerRow({u"Time"_s, u"Event"_s, u"Task"_s, u"Detail"_s});
        for (const QJsonValue value : events) {
            const QJsonObject e = value.toObject();
            h.row({ReportText::time(e.value(u"time"_s)), str(e, u"kind"_s), str(e, u"task"_s),
                   str(e, u"detail"_s)});
        }
        h.close();
    }
}

// report.html's body section by section; see ReportWriter.
class HtmlSections final : public ReportWriter
{
public:
    explicit HtmlSections(Html *html) : m_h(*html) {}

protected:
    void header(const QJsonObject &report) override { retake::header(m_h, report); }
    void summary(const QJsonObject &counts) override { retake::summary(m_h, counts); }
    void timeline(const QJsonObject &json) override
    {
        const Timeline timeline = Timeline::fromJson(json);
        if (timeline.isEmpty())
            return;
        m_h.open(u"section"_s, {{u"id"_s, u"timeline"_s}});
        m_h.element(u"h2"_s, u"Timeline"_s);
        m_h.element(u"p"_s,
                    u"Every attempt of this run as a bar, one lane per provider, as many rows as "
                    u"it ran at once; below each lane, how many tasks were waiting to be sent "
                    u"again. Point at a bar for the task, attempt and outcome."_s);
        m_h.open(u"div"_s, {{u"class"_s, u"timeline"_s}});
        timeline.writeSvg(m_h.writer(), 1100);
        m_h.close();
        m_h.close();
    }
    void beginFailures(qsizetype count) override { retake::beginFailures(m_h, count); }
    void failures(const QJsonArray &list) override
    {
        for (const QJsonValue value : list)
            retake::failure(m_h, value.toObject());
    }
    void endFailures() override { m_h.close(); }
    void beginTasks(bool) override { retake::beginTasks(m_h); }
    void tasks(const QJsonArray &list, bool prompts) override { retake::tasks(m_h, list, prompts); }
    void endTasks() override
    {
        m_h.close();
        m_h.close();
    }
    void beginAudit() override
    {
        m_h.open(u"section"_s, {{u"id"_s, u"audit"_s}});
        m_h.element(u"h2"_s, u"Audit trail"_s);
    }
    void usage(const QJsonObject &usage) override { retake::usage(m_h, usage); }
    void providers(const QJsonArray &list) override { retake::providers(m_h, list); }
    void beginSteps(qsizetype count) override { retake::beginSteps(m_h, count); }
    void steps(const QJsonArray &list) override { retake::steps(m_h, list); }
    void endSteps(qsizetype count) override
    {
        if (count > 0)
            m_h.close();
    }
    void files(const QJsonObject &files) override { retake::files(m_h, files); }
    void checkpoints(const QJsonArray &list) override { retake::checkpoints(m_h, list); }
    void events(const QJsonArray &list) override { retake::events(m_h, list); }
    void endAudit() override { m_h.close(); }
    void footer(const QJsonObject &report) override
    {
        const QJsonObject run = report.value(u"run"_s).toObject();
        m_h.element(u"footer"_s,
                    u"Generated %1 by %2 (%3). Links point into the workspace folder, "
                    u"relative to reports/%4/."_s.arg(
                        ReportText::time(report.value(u"generatedAt"_s)),
                        str(report, u"generator"_s), str(report, u"format"_s), str(run, u"id"_s)));
    }

private:
    Html &m_h;
};

// The page around the sections; `h` has the doctype before it.
void page(Html &h, const ReportParts &parts, qsizetype rowsPerSlice)
{
    const QJsonObject head = parts.head();
    const QJsonObject storyboard = head.value(u"storyboard"_s).toObject();
    const QJsonObject run = head.value(u"run"_s).toObject();
    h.open(u"html"_s, {{u"xmlns"_s, u"http://www.w3.org/1999/xhtml"_s}, {u"lang"_s, u"en"_s}});
    h.open(u"head"_s);
    h.voidElement(u"meta"_s, {{u"charset"_s, u"utf-8"_s}});
    h.voidElement(u"meta"_s, {{u"name"_s, u"viewport"_s},
                              {u"content"_s, u"width=device-width, initial-scale=1"_s}});
    h.element(u"title"_s, u"Retake job report — %1 — run %2"_s.arg(str(storyboard, u"title"_s),
                                                                   str(run, u"id"_s)));
    h.element(u"style"_s, QString::fromUtf16(kStyle));
    h.close();
    h.open(u"body"_s);
    HtmlSections(&h).renderSections(parts, rowsPerSlice);
    h.close();
    h.close();
    h.finish();
}

// The doctype first and by hand: QXmlStreamWriter would put a line break before it.
constexpr auto kDoctype = "<!DOCTYPE html>";

} // namespace

QString HtmlReport::workspaceLink(const QString &relativePath)
{
    return u"../../"_s + QString::fromLatin1(QUrl::toPercentEncoding(relativePath, "/"));
}

QString HtmlReport::render(const QJsonObject &report)
{
    QString out = QString::fromLatin1(kDoctype);
    Html h(&out);
    page(h, DocumentParts(report), ReportParts::kRowsPerSlice);
    return out;
}

bool HtmlReport::write(const ReportParts &parts, QIODevice *device, qsizetype rowsPerSlice)
{
    if (device->write(kDoctype) < 0)
        return false;
    Html h(device);
    page(h, parts, rowsPerSlice);
    return !h.writer().hasError();
}

} // namespace retake
