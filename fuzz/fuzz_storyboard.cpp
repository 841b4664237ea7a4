// Fuzzes the storyboard reader: a "retake-project/1" JSON document, parsed and validated by
// StoryboardLoader::loadJson (the path StoryboardLoader::loadFile takes after reading).
// fuzz-max-len: 65536

#include "project/storyboardloader.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const retake::LoadResult result = retake::StoryboardLoader::loadJson(
        input, QStringLiteral("storyboard.json"), {QStringLiteral("studio")});
    if (result.ok()) {
        // What a run computes first from every shot: the hash of its parameters.
        for (const retake::Scene &scene : result.project->scenes) {
            for (const retake::Shot &shot : scene.shots) {
                (void)retake::StoryboardLoader::shotParamsHash(shot, retake::Stage::Image);
                (void)retake::StoryboardLoader::shotParamsHash(shot, retake::Stage::Video);
            }
        }
    }
    (void)result.issueStrings();
    return 0;
}
