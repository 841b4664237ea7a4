// The slow batch that the multi-process tests run, stop, watch and steer: `shots` shots in
// one scene on one built-in ("local") profile "studio" that takes `latencyMs` per attempt,
// `concurrency` at a time, optionally with seeded faults. Shot ids are <shotPrefix>01, ...
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace retake::test {

struct LocalStoryboard {
    int shots = 8;
    int latencyMs = 300;
    int concurrency = 2;
    QString title = QStringLiteral("Test");
    QString sceneId = QStringLiteral("s01");
    QString shotPrefix = QStringLiteral("sh");
    int fps = 8;
    QJsonObject faults; // the profile's "faults" (none when empty)

    QByteArray toJson() const;
};

} // namespace retake::test
