// Settings > Provider profiles…: every profile the core knows (built in, the open
// storyboard's, providers.json beside it, the user's settings) with where each comes
// from; add, edit and remove the user's own; test a connection (asynchronously, through
// the core's ConnectionTester) and store an API key in the system keychain (ApiKeyStore)
// without ever showing it back or writing it to the settings.
#pragma once

#include "domain/project.h"
#include "providers/provider.h"
#include "providers/providerprofilestore.h"

#include <QDialog>
#include <QHash>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace retake {
class ConnectionTester;
}

namespace retake::ui {

class ProviderProfileEditor;
class ProviderProfileModel;

class ProviderProfilesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderProfilesDialog)
public:
    // `storyboardPath` and its own `storyboardProfiles`: the open storyboard (may be empty).
    ProviderProfilesDialog(const QString &storyboardPath,
                           const QList<ProviderProfile> &storyboardProfiles,
                           QWidget *parent = nullptr);
    ~ProviderProfilesDialog() override;

    ProviderProfileModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // The last outcome shown under the table (test, key, save), as plain text.
    QString messageText() const;
    bool isLoading() const { return m_loading; }

    // Selects the profile `id` (its first definition); false when there is none.
    bool selectProfile(const QString &id);
    // Reads the catalog again, off the GUI thread; catalogLoaded() follows.
    void reload();

    // The actions of the buttons, on the selected profile.
    ProviderProfileEditor *addProfile();
    ProviderProfileEditor *editSelected();
    void removeSelected();
    void testSelected();
    void setKeyForSelected();

Q_SIGNALS:
    void catalogLoaded();
    void profileSaved(const QString &profileId);
    void profileRemoved(const QString &profileId);
    void connectionTested(const QString &profileId, bool ok);
    void keyStored(const QString &keyName, bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    const ProfileEntry *selectedEntry() const;
    ProviderProfileEditor *openEditor(const ProviderProfile &profile, const QString &replacedId);
    void lookUpKeys();
    void lookUpKey(int row);
    void onTested(const QString &profileId, ProfileSource source, const GenerationResult &result);
    void showMessage(const QString &text, int visualCategory);
    void updateButtons();

    QString m_storyboardPath;
    QList<ProviderProfile> m_storyboardProfiles;
    ProviderProfileModel *m_model;
    QTableView *m_view;
    QLabel *m_problems;
    QLabel *m_messageIcon;
    QLabel *m_message;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_test;
    QPushButton *m_setKey;
    QHash<QString, ConnectionTester *> m_testers; // by "<source>/<id>"
    int m_generation = 0;                         // of the catalog; drops stale key lookups
    bool m_loading = false;
    QString m_selectAfterLoad;
};

} // namespace retake::ui
