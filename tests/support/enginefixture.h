// A fresh engine on a temporary workspace with three scripted providers ("a", "b" and the
// built-in fallback "local"), millisecond delays and no real disk probe.
#pragma once

#include "engine/engine.h"
#include "fakeprovider.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace retake::test {

// One scene "s01" with `shots` shots "sh01".."shNN", 64x36 images.
Project makeProject(int shots,
                    const QStringList &imageProviders = {QStringLiteral("a"), QStringLiteral("b")},
                    const QStringList &videoProviders = {QStringLiteral("a")});
QString imageTask(int shot);
QString videoTask(int shot);

class EngineFixture
{
public:
    EngineFixture();
    ~EngineFixture();

    // Opens a new engine on `project` in workspace "<tmp>/ws" (closing the previous one).
    bool open(const Project &project, QString *error = nullptr);
    void close();
    // Starts (or restarts) the batch and waits for batchFinished.
    bool runToEnd(int timeoutMs = 15000);
    // Replaces provider `id` with a new fake and returns it.
    FakeProvider *replaceProvider(const QString &id, int maxConcurrency);
    QString path(const QString &relative) const;

    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Engine> engine;
    FakeProvider *a = nullptr;
    FakeProvider *b = nullptr;
    FakeProvider *local = nullptr;
};

} // namespace retake::test
