// One settings file for the window's preferences, recent files and the provider profiles
// (which retake-cli reads too): the file ProviderProfileStore::userSettings() names.
// Before, the window kept its preferences under the application name "retake" and the
// profiles under "Retake": two files. The values of the old file are copied over once.
#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace retake::ui::AppSettings {

// Gives the application the organization and application names of the shared settings
// file, so that QSettings() is that file, then migrates the old file once. Call it before
// anything reads the settings.
void useSharedFile();

// Copies every key of `legacy` that `settings` lacks into `settings`, unless a migration
// from it was recorded in `settings` already; records it. `legacy` is left as it was (on a
// case-insensitive file system it may be the same file). Returns the number of keys copied.
int migrateOnce(QSettings &settings, const QSettings &legacy);

// The window's settings file before there was one file: (organization, "retake").
inline constexpr char16_t kLegacyApplication[] = u"retake";

} // namespace retake::ui::AppSettings
