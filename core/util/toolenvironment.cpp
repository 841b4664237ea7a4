#include "toolenvironment.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace retake {

QProcessEnvironment toolEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList names = environment.keys();
    for (const QString &name : names) {
        if (name.startsWith(u"RETAKE_KEY_"_s))
            environment.remove(name);
    }
    return environment;
}

} // namespace retake
