// What a reader needs to show a workspace's state without loading its storyboard
// (docs/ARCHITECTURE.md, "State and workspace"): the fingerprint of the inputs the stored rows
// were written from, the shape of the task graph, the provider preferences and the providers.
// A writing engine keeps `<workspace>/state.digest.json` while its rows are current for its
// inputs and removes it when they are not; `retake-cli status`, `estimate` and `checkpoint
// list` answer from the rows only when the file's fingerprint is that of the storyboard and
// profiles on disk now (app/cli/lightread.*), else they open the engine.
#pragma once

#include "domain/project.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace retake {

class StateDigest final
{
public:
    // A provider as `retake-cli estimate` shows it. maxConcurrency: the configured slots
    // (summed over a pool's endpoints), before any cap of the engine's options.
    struct Provider {
        QString id;
        QString kind;
        QString model;
        int maxConcurrency = 1;
        double costPerUnit = 0.0;
    };

    QByteArray inputs; // the fingerprint of the storyboard and profiles (hex)
    // A project with only what the task graph, the ladders and the estimate read: title,
    // assemble, provider preferences, scene ids and voice-over presence, shot ids, stages
    // and video durations.
    Project skeleton;
    QList<Provider> providers; // in the engine's order (built-in first)

    static QString fileName(); // "state.digest.json"
    // Whether a digest can describe `project` at all: not when a shot's video starts from an
    // input image (its parameters hash includes the image file's bytes, which no fingerprint
    // of the storyboard covers), nor ids the scene lines cannot hold.
    static bool canDescribe(const Project &project);

    // The file: a first line "retake-state-digest/1 <inputs>", a line of JSON (title,
    // assemble, preferences, providers), then a line per scene with its shots.
    QByteArray encode() const;
    static std::optional<StateDigest> decode(const QByteArray &data);

    // Written atomically (QSaveFile); false with `error` set.
    bool write(const QString &workspaceDir, QString *error) const;
    static void remove(const QString &workspaceDir);

    // Whether `workspaceDir` holds a digest of `inputs` (its first line only is read).
    static bool isCurrent(const QString &workspaceDir, const QByteArray &inputs);
    // The digest of `workspaceDir` when it is one of `inputs` that this version can read.
    static std::optional<StateDigest> read(const QString &workspaceDir, const QByteArray &inputs);

private:
    static QByteArray header(const QByteArray &inputs);
};

} // namespace retake
