// The parts of a job report as its writers take them (docs/ARCHITECTURE.md, "Reports"):
// the small sections whole, the long lists (failures, tasks, steps completed) a slice at a
// time, so that a report of 20,000 tasks is written to disk without the whole document in
// memory. ContextParts makes them from the state database, DocumentParts from a report that
// is one JSON object already.
#pragma once

#include <QJsonArray>
#include <QJsonObject>

namespace retake {

class ReportParts
{
public:
    virtual ~ReportParts() = default;

    // report.json's top level without its sections: format, generatedAt, generator,
    // storyboard and run.
    virtual QJsonObject head() const = 0;
    virtual QJsonObject counts() const = 0;
    virtual QJsonObject timeline() const = 0;
    virtual qsizetype failureCount() const = 0;
    virtual QJsonArray failures(qsizetype from, qsizetype count) const = 0;
    virtual qsizetype taskCount() const = 0;
    virtual QJsonArray tasks(qsizetype from, qsizetype count) const = 0;
    // The audit trail.
    virtual QJsonObject usage() const = 0;
    virtual QJsonArray providers() const = 0;
    virtual qsizetype stepCount() const = 0;
    virtual QJsonArray steps(qsizetype from, qsizetype count) const = 0;
    virtual QJsonObject files() const = 0;
    virtual QJsonArray checkpoints() const = 0;
    virtual QJsonArray events() const = 0;

    // How many rows of a long list a writer takes at a time.
    static constexpr qsizetype kRowsPerSlice = 256;

protected:
    ReportParts() = default;
};

} // namespace retake
