#include "bannerid.h"

namespace retake::ui {

QString bannerKey(BannerId id, const QString &providerId)
{
    return QString::number(int(id)).rightJustified(2, u'0') + u'-' + providerId;
}

bool isBannerOf(const QString &key, BannerId id)
{
    return key.startsWith(bannerKey(id));
}

} // namespace retake::ui
