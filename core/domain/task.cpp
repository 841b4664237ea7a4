#include "task.h"

namespace retake {

double BatchSummary::percent() const
{
    if (total <= 0)
        return 0.0;
    int finished = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (isFinal(it.key()))
            finished += it.value();
    }
    return 100.0 * finished / total;
}

} // namespace retake
