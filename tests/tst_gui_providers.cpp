// The provider profiles dialog and the providers panel, offscreen: a profile added in the
// dialog lands in the user's settings; bad input is refused with the field named; "Test
// connection" reaches an in-process retake-sim without blocking the GUI thread (the
// simulator answers from this very thread) and shows OK or the auth failure; an API key
// set in the dialog is used and never written to a settings file; the providers panel's
// model follows the engine (open breaker, in-flight count) without a reset.
#include "providerprofileeditor.h"
#include "providerprofilemodel.h"
#include "providerprofilesdialog.h"
#include "providerstatusmodel.h"
#include "providerstatuspanel.h"
#include "testprinters.h"
#include "tst_gui_fixture.h"

#include "providers/apikeystore.h"
#include "providers/providerprofilestore.h"
#include "simserver.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDirIterator>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableView>

using namespace retake;
using namespace retake::ui;
using namespace retake::ui::test;
using namespace retake::test;
using namespace Qt::StringLiterals;

namespace {

ProviderProfile userProfile(const QString &id, const QString &kind, const QString &baseUrl)
{
    ProviderProfile profile;
    profile.id = id;
    profile.kind = kind;
    profile.baseUrl = baseUrl;
    return profile;
}

void saveUserProfile(const ProviderProfile &profile)
{
    const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
    ProviderProfileStore::saveToSettings(*settings, profile);
}

QList<ProviderProfile> userProfiles()
{
    const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
    return ProviderProfileStore::loadSettings(*settings).profiles;
}

template <typename T> T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

// Every file under the test-mode configuration folder that contains `text`.
QStringList configFilesContaining(const QString &text)
{
    QStringList files;
    const QString root = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text.toUtf8()))
            files << file.fileName();
    }
    return files;
}

ProviderStatus status(const QString &id, int inFlight, ProviderStatus::Breaker breaker)
{
    ProviderStatus s;
    s.id = id;
    s.kind = u"comfyui"_s;
    s.model = u"sdxl"_s;
    s.inFlight = inFlight;
    s.limit = 4;
    s.maxLimit = 4;
    s.breaker = breaker;
    return s;
}

// One provider id whose jobs for `slowTaskId` take a minute and whose other jobs fail
// at once with 503: its breaker opens while that one job is still in flight.
class DownButBusyProvider final : public Provider
{
public:
    DownButBusyProvider(const QString &id, const QString &slowTaskId)
        : m_fast(id, 4), m_slow(id, 4), m_slowTaskId(slowTaskId)
    {
        m_fast.setDefaultOutcome(FakeOutcome(ErrorClass::ProviderUnavailable, std::nullopt, 503));
        m_fast.setLatencyMs(1);
        m_slow.setLatencyMs(60000);
    }
    QString id() const override { return m_fast.id(); }
    QString kind() const override { return m_fast.kind(); }
    QString model() const override { return m_fast.model(); }
    bool supports(Stage stage) const override { return m_fast.supports(stage); }
    int maxConcurrency() const override { return m_fast.maxConcurrency(); }
    ProviderJob *createJob(const GenerationRequest &request, QObject *parent) override
    {
        return (request.taskId == m_slowTaskId ? m_slow : m_fast).createJob(request, parent);
    }

private:
    FakeProvider m_fast;
    FakeProvider m_slow;
    QString m_slowTaskId;
};

} // namespace

class TestGuiProviders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void menuOpensDialogWithTheStoryboardsProfiles();
    void addedProfileIsSavedInSettings();
    void editRenamesTheProfile();
    void badInputNamesTheField_data();
    void badInputNamesTheField();
    void testConnectionShowsOkAndAuthFailure();
    void apiKeyIsUsedAndNeverWrittenToSettings();
    void statusModelUpdatesInPlace();
    void panelShowsOpenBreakerAndInFlight();
    void poolShowsItsEndpoints();

private:
    // A dialog without a storyboard, its catalog loaded, under QAbstractItemModelTester.
    void openDialog();
    ProviderProfileEditor *openEditorFor(const QString &id);
    void storeKey(const QString &key);
    void testSelected(bool expectOk);

    std::unique_ptr<ProviderProfilesDialog> m_dialog;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestGuiProviders::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // No real keychain: keys set in the dialog are kept for this process (see ApiKeyStore).
    qputenv("RETAKE_KEYCHAIN", "off");
}

void TestGuiProviders::init()
{
    const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
    settings->remove(u"providers"_s);
    settings->sync();
}

void TestGuiProviders::cleanup()
{
    m_tester.reset();
    m_dialog.reset();
}

void TestGuiProviders::openDialog()
{
    m_dialog = std::make_unique<ProviderProfilesDialog>(QString(), QList<ProviderProfile>());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(m_dialog.get(), &ProviderProfilesDialog::catalogLoaded);
    QVERIFY(loaded.isValid());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    if (m_dialog->isLoading())
        QVERIFY(loaded.wait());
}

ProviderProfileEditor *TestGuiProviders::openEditorFor(const QString &id)
{
    if (!m_dialog->selectProfile(id))
        return nullptr;
    auto *edit = m_dialog->findChild<QPushButton *>(u"editProfile"_s);
    if (!edit || !edit->isEnabled())
        return nullptr;
    QTest::mouseClick(edit, Qt::LeftButton);
    return visibleChild<ProviderProfileEditor>(m_dialog.get());
}

void TestGuiProviders::storeKey(const QString &key)
{
    QSignalSpy stored(m_dialog.get(), &ProviderProfilesDialog::keyStored);
    QVERIFY(stored.isValid());
    auto *setKey = child<QPushButton>(m_dialog.get(), u"setApiKey"_s);
    QVERIFY(setKey && setKey->isEnabled());
    QTest::mouseClick(setKey, Qt::LeftButton);
    QInputDialog *input = nullptr;
    QTRY_VERIFY((input = visibleChild<QInputDialog>(m_dialog.get())));
    QCOMPARE(input->textEchoMode(), QLineEdit::Password);
    auto *line = input->findChild<QLineEdit *>();
    QVERIFY(line);
    QTest::keyClicks(line, key);
    input->accept();
    QVERIFY(stored.wait());
    QCOMPARE(stored.constFirst().at(1).toBool(), true);
}

void TestGuiProviders::testSelected(bool expectOk)
{
    QSignalSpy tested(m_dialog.get(), &ProviderProfilesDialog::connectionTested);
    QVERIFY(tested.isValid());
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"testConnection"_s), Qt::LeftButton);
    // Asynchronous: the dialog says it is testing before anything answered.
    QVERIFY2(m_dialog->messageText().startsWith(u"Testing "_s),
             qPrintable(m_dialog->messageText()));
    QVERIFY(tested.wait(20000));
    QCOMPARE(tested.constFirst().at(1).toBool(), expectOk);
}

void TestGuiProviders::menuOpensDialogWithTheStoryboardsProfiles()
{
    // Given a storyboard with its own profile "studio" and a user profile "cloud"
    saveUserProfile(userProfile(u"cloud"_s, u"openai-images"_s, {}));
    GuiFixture f;
    f.openAndWait(writeStoryboard(*f.dir));

    // When Settings > Provider profiles… is chosen
    QAction *action = f.window->action(MainWindow::Action::ProviderProfiles);
    QVERIFY(action);
    auto *settingsMenu = f.window->findChild<QMenu *>(u"settingsMenu"_s);
    QVERIFY(settingsMenu && settingsMenu->actions().contains(action));
    action->trigger();
    ProviderProfilesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ProviderProfilesDialog>(f.window.get())));
    QAbstractItemModelTester tester(dialog->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(!dialog->isLoading());

    // Then it lists the built-in provider, the storyboard's and the user's, with sources
    const ProviderProfileModel *model = dialog->model();
    const int local = model->rowOf(u"local"_s, ProfileSource::BuiltIn);
    const int studio = model->rowOf(u"studio"_s, ProfileSource::Storyboard);
    const int cloud = model->rowOf(u"cloud"_s, ProfileSource::UserSettings);
    QVERIFY(local >= 0 && studio >= 0 && cloud >= 0);
    QCOMPARE(model->index(studio, ProviderProfileModel::SourceColumn).data().toString(),
             u"Storyboard (banners.retake.json)"_s);
    QCOMPARE(model->index(cloud, ProviderProfileModel::SourceColumn).data().toString(),
             u"Your settings"_s);
    // and only the user's own can be edited.
    QVERIFY(dialog->selectProfile(u"studio"_s));
    QVERIFY(!child<QPushButton>(dialog, u"editProfile"_s)->isEnabled());
    QVERIFY(dialog->selectProfile(u"cloud"_s));
    QVERIFY(child<QPushButton>(dialog, u"editProfile"_s)->isEnabled());
    // The user's profile also reached the engine of the open storyboard.
    QVERIFY(f.window->providerIds().contains(u"cloud"_s));
}

void TestGuiProviders::addedProfileIsSavedInSettings()
{
    openDialog();
    QSignalSpy saved(m_dialog.get(), &ProviderProfilesDialog::profileSaved);
    QVERIFY(saved.isValid());

    // When a profile is added through the form
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"addProfile"_s), Qt::LeftButton);
    ProviderProfileEditor *editor = nullptr;
    QTRY_VERIFY((editor = visibleChild<ProviderProfileEditor>(m_dialog.get())));
    QTest::keyClicks(child<QLineEdit>(editor, u"profileId"_s), u"gpu-box"_s);
    auto *kind = child<QComboBox>(editor, u"profileKind"_s);
    kind->setCurrentIndex(kind->findData(u"comfyui"_s));
    QTest::keyClicks(child<QLineEdit>(editor, u"profileBaseUrl"_s), u"http://127.0.0.1:8188"_s);
    QTest::keyClicks(child<QLineEdit>(editor, u"profileModel"_s), u"sdxl-turbo"_s);
    auto *stages = child<QComboBox>(editor, u"profileStages"_s);
    stages->setCurrentIndex(stages->findData(u"image"_s));
    child<QSpinBox>(editor, u"profileMaxConcurrency"_s)->setValue(3);
    child<QDoubleSpinBox>(editor, u"profileCost"_s)->setValue(0.25);
    child<QDoubleSpinBox>(editor, u"timeoutConnect"_s)->setValue(5);
    child<QDoubleSpinBox>(editor, u"timeoutJob"_s)->setValue(0);
    QTest::mouseClick(child<QPushButton>(editor, u"saveProfile"_s), Qt::LeftButton);

    // Then the form closes and the profile is in the user's settings
    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.constFirst().constFirst().toString(), u"gpu-box"_s);
    const QList<ProviderProfile> profiles = userProfiles();
    QCOMPARE(profiles.size(), 1);
    const ProviderProfile &p = profiles.constFirst();
    QCOMPARE(p.id, u"gpu-box"_s);
    QCOMPARE(p.kind, u"comfyui"_s);
    QCOMPARE(p.baseUrl, u"http://127.0.0.1:8188"_s);
    QCOMPARE(p.model, u"sdxl-turbo"_s);
    QCOMPARE(p.stages, QList<Stage>{Stage::Image});
    QCOMPARE(p.maxConcurrency, 3);
    QCOMPARE(p.costPerUnit, 0.25);
    QCOMPARE(p.timeouts.connectMs, 5000);
    QCOMPARE(p.timeouts.jobMs, 0);
    QCOMPARE(p.timeouts.totalMs, ProviderTimeouts().totalMs);
    // and the list shows it, selected, as one of the user's own.
    QTRY_VERIFY(!m_dialog->isLoading());
    const int row = m_dialog->model()->rowOf(u"gpu-box"_s, ProfileSource::UserSettings);
    QVERIFY(row >= 0);
    QCOMPARE(m_dialog->view()->selectionModel()->selectedRows().value(0).row(), row);
    QVERIFY(m_dialog->messageText().contains(u"gpu-box"_s));
}

void TestGuiProviders::editRenamesTheProfile()
{
    saveUserProfile(userProfile(u"old-name"_s, u"comfyui"_s, u"http://127.0.0.1:8188"_s));
    openDialog();
    ProviderProfileEditor *editor = openEditorFor(u"old-name"_s);
    QVERIFY(editor);
    QCOMPARE(child<QLineEdit>(editor, u"profileBaseUrl"_s)->text(), u"http://127.0.0.1:8188"_s);
    QSignalSpy saved(m_dialog.get(), &ProviderProfilesDialog::profileSaved);
    child<QLineEdit>(editor, u"profileId"_s)->setText(u"new-name"_s);
    QTest::mouseClick(child<QPushButton>(editor, u"saveProfile"_s), Qt::LeftButton);
    QCOMPARE(saved.size(), 1);
    const QList<ProviderProfile> profiles = userProfiles();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(profiles.constFirst().id, u"new-name"_s);
    QCOMPARE(profiles.constFirst().baseUrl, u"http://127.0.0.1:8188"_s);
}

void TestGuiProviders::badInputNamesTheField_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("hosts");
    QTest::addColumn<QString>("expected"); // the start of the message: the field's name
    QTest::addColumn<QString>("phrase");

    QTest::newRow("empty id") << u""_s << u""_s << u""_s << u"ID: enter an id"_s << u""_s;
    QTest::newRow("bad id") << u"two words"_s << u""_s << u""_s << u"ID: use only letters"_s
                            << u""_s;
    QTest::newRow("reserved id") << u"local"_s << u""_s << u""_s << u"ID: \"local\""_s << u""_s;
    QTest::newRow("duplicate id") << u"taken"_s << u""_s << u""_s
                                  << u"ID: another profile with this id"_s << u"your settings"_s;
    QTest::newRow("duplicate ignoring case")
        << u"TAKEN"_s << u""_s << u""_s << u"ID: another profile"_s << u"your settings"_s;
    QTest::newRow("bad url") << u"ok-id"_s << u"not a url"_s << u""_s
                             << u"Base URL: not an http or https address"_s << u""_s;
    QTest::newRow("ftp url") << u"ok-id"_s << u"ftp://example.com"_s << u""_s
                             << u"Base URL: not an http or https address"_s << u""_s;
    QTest::newRow("plain http to a remote host")
        << u"ok-id"_s << u"http://gpu-box.example:8188"_s << u""_s
        << u"Base URL: plain http to gpu-box.example"_s << u"Plain http allowed to"_s;
    QTest::newRow("password in url") << u"ok-id"_s << u"https://me:secret@example.com"_s << u""_s
                                     << u"Base URL: remove the user name and password"_s << u""_s;
    QTest::newRow("bad allowed host")
        << u"ok-id"_s << u""_s << u"gpu/box"_s << u"Plain http allowed to: \"gpu/box\""_s << u""_s;
}

void TestGuiProviders::badInputNamesTheField()
{
    QFETCH(QString, id);
    QFETCH(QString, baseUrl);
    QFETCH(QString, hosts);
    QFETCH(QString, expected);
    QFETCH(QString, phrase);
    saveUserProfile(userProfile(u"taken"_s, u"comfyui"_s, {}));
    openDialog();
    QSignalSpy saved(m_dialog.get(), &ProviderProfilesDialog::profileSaved);

    ProviderProfileEditor *editor = m_dialog->addProfile();
    QVERIFY(editor);
    child<QLineEdit>(editor, u"profileId"_s)->setText(id);
    child<QLineEdit>(editor, u"profileBaseUrl"_s)->setText(baseUrl);
    child<QLineEdit>(editor, u"profileHttpHosts"_s)->setText(hosts);
    QTest::mouseClick(child<QPushButton>(editor, u"saveProfile"_s), Qt::LeftButton);

    // The form stays open, names the field and saves nothing.
    QVERIFY(editor->isVisible());
    QVERIFY2(editor->problemText().startsWith(expected), qPrintable(editor->problemText()));
    QVERIFY2(editor->problemText().contains(phrase), qPrintable(editor->problemText()));
    QVERIFY(child<MessageBanner>(editor, u"profileProblems"_s)->isVisible());
    QCOMPARE(saved.size(), 0);
    QCOMPARE(userProfiles().size(), 1);

    // Fixed input is accepted: a fresh id over https (or loopback http).
    child<QLineEdit>(editor, u"profileId"_s)->setText(u"fixed"_s);
    child<QLineEdit>(editor, u"profileBaseUrl"_s)->setText(u"http://localhost:8188"_s);
    child<QLineEdit>(editor, u"profileHttpHosts"_s)->clear();
    QTest::mouseClick(child<QPushButton>(editor, u"saveProfile"_s), Qt::LeftButton);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(userProfiles().size(), 2);
}

void TestGuiProviders::testConnectionShowsOkAndAuthFailure()
{
    // Given a simulator that wants a key, and profiles pointing at it
    sim::SimServer server;
    QVERIFY(server.start() > 0);
    sim::SimProfile simProfile;
    simProfile.requiredKey = u"sk-gui-right-7"_s;
    server.setProfile(simProfile);
    saveUserProfile(userProfile(u"comfy"_s, u"comfyui"_s, server.baseUrl(u"comfyui"_s).toString()));
    saveUserProfile(userProfile(u"oa-test"_s, u"openai-images"_s,
                                server.baseUrl(u"openai-images"_s).toString()));
    openDialog();

    // A ComfyUI needs no key: OK, with what answered.
    QVERIFY(m_dialog->selectProfile(u"comfy"_s));
    testSelected(true);
    QVERIFY2(m_dialog->messageText().startsWith(u"Connection to comfy: OK."_s),
             qPrintable(m_dialog->messageText()));
    QVERIFY(m_dialog->messageText().contains(u"0.3.40-sim"_s));
    const int comfy = m_dialog->model()->rowOf(u"comfy"_s, ProfileSource::UserSettings);
    QCOMPARE(m_dialog->model()->index(comfy, ProviderProfileModel::ConnectionColumn).data(),
             QVariant(u"OK"_s));

    // A wrong key: FAILED with the error class, the HTTP status and what to do.
    QVERIFY(m_dialog->selectProfile(u"oa-test"_s));
    storeKey(u"sk-gui-wrong"_s);
    testSelected(false);
    const QString failed = m_dialog->messageText();
    QVERIFY2(failed.startsWith(u"Connection to oa-test: FAILED (authentication, HTTP 401)."_s),
             qPrintable(failed));
    QVERIFY(failed.contains(u"What to do: "_s));
    QVERIFY(!failed.contains(u"sk-gui-wrong"_s));
    const int oa = m_dialog->model()->rowOf(u"oa-test"_s, ProfileSource::UserSettings);
    QCOMPARE(m_dialog->model()->index(oa, ProviderProfileModel::ConnectionColumn).data(),
             QVariant(u"FAILED: authentication"_s));
    grabIfAsked(m_dialog.get(), u"profiles-dialog-auth-failed"_s);

    // The right key: OK.
    storeKey(u"sk-gui-right-7"_s);
    testSelected(true);
    QVERIFY2(m_dialog->messageText().startsWith(u"Connection to oa-test: OK."_s),
             qPrintable(m_dialog->messageText()));
}

void TestGuiProviders::apiKeyIsUsedAndNeverWrittenToSettings()
{
    const QString secret = u"sk-planted-93c1f"_s;
    saveUserProfile(userProfile(u"cloud-key"_s, u"replicate"_s, {}));
    openDialog();
    QVERIFY(m_dialog->selectProfile(u"cloud-key"_s));
    const int row = m_dialog->model()->rowOf(u"cloud-key"_s, ProfileSource::UserSettings);
    const QModelIndex keyCell = m_dialog->model()->index(row, ProviderProfileModel::KeyColumn);
    QTRY_COMPARE(keyCell.data().toString(), u"none"_s);

    storeKey(secret);

    // The key is found (for this session, the keychain being off) ...
    QTRY_COMPARE(keyCell.data().toString(), u"this session only"_s);
    QVERIFY(m_dialog->messageText().contains(u"cloud-key"_s));
    bool found = false;
    QObject context;
    ApiKeyStore::lookup(u"cloud-key"_s, &context, [&found, &secret](const ApiKeyLookup &lookup) {
        found = lookup.key == secret && lookup.source == ApiKeyLookup::Source::Session;
    });
    QTRY_VERIFY(found);
    // ... but shown nowhere and written to no settings file.
    for (int r = 0; r < m_dialog->model()->rowCount(); ++r) {
        for (int c = 0; c < m_dialog->model()->columnCount(); ++c) {
            for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                QVERIFY(!m_dialog->model()->index(r, c).data(role).toString().contains(secret));
            }
        }
    }
    QVERIFY(!m_dialog->messageText().contains(secret));
    for (const QLineEdit *edit : m_dialog->findChildren<QLineEdit *>())
        QVERIFY(!edit->text().contains(secret));
    const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
    settings->sync();
    QVERIFY(QFileInfo::exists(settings->fileName()));
    QCOMPARE(configFilesContaining(secret), QStringList());
}

void TestGuiProviders::statusModelUpdatesInPlace()
{
    ProviderStatusModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reset({status(u"a"_s, 0, ProviderStatus::Breaker::Closed),
                 status(u"b"_s, 1, ProviderStatus::Breaker::Closed)});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // b: one more in flight -> one ranged change of that cell only.
    model.update({status(u"a"_s, 0, ProviderStatus::Breaker::Closed),
                  status(u"b"_s, 2, ProviderStatus::Breaker::Closed)});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(),
             model.index(1, ProviderStatusModel::InFlightColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex(),
             model.index(1, ProviderStatusModel::InFlightColumn));
    // Nothing changed -> no signal.
    model.update({status(u"a"_s, 0, ProviderStatus::Breaker::Closed),
                  status(u"b"_s, 2, ProviderStatus::Breaker::Closed)});
    QCOMPARE(changed.size(), 1);
    // a's breaker opens: breaker text with the time, an icon, a tooltip.
    ProviderStatus open = status(u"a"_s, 0, ProviderStatus::Breaker::Open);
    open.breakerOpenUntil = QDateTime::currentDateTimeUtc().addSecs(30);
    open.lastError = ErrorClass::ProviderUnavailable;
    open.lastErrorMessage = u"HTTP 503"_s;
    open.lastErrorAt = QDateTime::currentDateTimeUtc();
    open.recentErrorRate = 0.25;
    model.update({open, status(u"b"_s, 2, ProviderStatus::Breaker::Closed)});
    QCOMPARE(changed.size(), 2);
    const QModelIndex breaker = model.index(0, ProviderStatusModel::BreakerColumn);
    QVERIFY2(QRegularExpression(u"^Open until \\d\\d:\\d\\d:\\d\\d$"_s)
                 .match(breaker.data().toString())
                 .hasMatch(),
             qPrintable(breaker.data().toString()));
    QVERIFY(!breaker.data(Qt::DecorationRole).value<QPixmap>().isNull());
    QCOMPARE(model.index(0, ProviderStatusModel::ErrorRateColumn).data().toString(), u"25 %"_s);
    QCOMPARE(model.index(0, ProviderStatusModel::LastErrorColumn).data().toString(),
             u"provider unavailable: HTTP 503"_s);
    // A new provider is appended, a gone one removed; never a reset.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.update({open, status(u"c"_s, 0, ProviderStatus::Breaker::HalfOpen)});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, ProviderStatusModel::BreakerColumn).data().toString(), u"Half-open"_s);
    QCOMPARE(reset.size(), 0);
}

void TestGuiProviders::poolShowsItsEndpoints()
{
    // Given a pool of three endpoints, one of them down (docs/ARCHITECTURE.md, "Endpoint pools")
    ProviderStatus pool = status(u"gpus"_s, 3, ProviderStatus::Breaker::Closed);
    pool.endpoints = {{u"http://gpu1:8188"_s, EndpointStatus::State::Ok, 2, 2},
                      {u"http://gpu2:8188"_s, EndpointStatus::State::Down, 0, 2},
                      {u"http://gpu3:8188"_s, EndpointStatus::State::Ok, 1, 2}};
    ProviderStatusPanel panel(new QAction(u"Profiles"_s, this));
    ProviderStatusModel &model = *panel.model();
    model.reset({pool});

    // Then its row says how many endpoints are ok, and its tooltip lists each one
    const QModelIndex name = model.index(0, ProviderStatusModel::ProviderColumn);
    QCOMPARE(name.data().toString(), u"gpus (2 of 3 endpoints ok)"_s);
    const QString tip = name.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"http://gpu1:8188 — ok, 2 of 2 in flight"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"http://gpu2:8188 — down, 0 of 2 in flight"_s), qPrintable(tip));

    // And a change of one endpoint alone updates the row
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    pool.endpoints[1].state = EndpointStatus::State::Ok;
    model.update({pool});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(name.data().toString(), u"gpus (3 of 3 endpoints ok)"_s);
    if (const QString dir = qEnvironmentVariable("RETAKE_GRAB_DIR"); !dir.isEmpty()) {
        panel.resize(900, 160);
        panel.show();
        panel.grab().save(dir + u"/pools-dock.png"_s);
    }
}

void TestGuiProviders::panelShowsOpenBreakerAndInFlight()
{
    // Given a provider that is down (5xx) with a long cool-down, except for one slow job
    GuiFixture f;
    f.window->engineController()->addSetup([](Engine &engine) {
        EngineOptions options = engine.options();
        options.verifyOutputs = false;
        options.breaker.failureThreshold = 2;
        options.breaker.cooldownMs = 10 * 60 * 1000;
        engine.setOptions(options);
        engine.setProvider(std::make_unique<DownButBusyProvider>(u"studio"_s, u"a-3/image"_s));
    });
    f.openAndWait(writeStoryboard(*f.dir));
    ProviderStatusPanel *panel = f.window->providerStatusPanel();
    QVERIFY(panel && panel->isVisible());
    ProviderStatusModel *model = panel->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model->rowOf(u"studio"_s) >= 0);
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);

    // When the batch runs
    f.window->action(MainWindow::Action::Run)->trigger();

    // Then the panel shows studio's breaker open until a time, with its last error
    const auto studio = [model] { return model->rowOf(u"studio"_s); };
    QTRY_VERIFY_WITH_TIMEOUT(model->index(studio(), 0).data(ProviderStatusModel::BreakerRole) ==
                                 int(ProviderStatus::Breaker::Open),
                             30000);
    const QString breaker =
        model->index(studio(), ProviderStatusModel::BreakerColumn).data().toString();
    QVERIFY2(breaker.startsWith(u"Open until "_s), qPrintable(breaker));
    QVERIFY(!model->index(studio(), ProviderStatusModel::BreakerColumn)
                 .data(Qt::DecorationRole)
                 .value<QPixmap>()
                 .isNull());
    QVERIFY(model->index(studio(), ProviderStatusModel::LastErrorColumn)
                .data()
                .toString()
                .startsWith(u"provider unavailable"_s));
    // and its one attempt still in flight, out of a current and a configured limit of 4.
    QTRY_COMPARE(model->index(studio(), ProviderStatusModel::InFlightColumn)
                     .data(ProviderStatusModel::NumberRole)
                     .toInt(),
                 1);
    QCOMPARE(model->index(studio(), ProviderStatusModel::InFlightColumn).data().toString(), u"1"_s);
    QCOMPARE(model->index(studio(), ProviderStatusModel::ConfiguredLimitColumn).data().toString(),
             u"4"_s);
    QCOMPARE(reset.size(), 0);

    if (!qEnvironmentVariableIsEmpty("RETAKE_GUI_SCREENSHOTS")) {
        grabIfAsked(f.window.get(), u"mainwindow-providers"_s);
        f.window->showProviderProfiles();
        ProviderProfilesDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = visibleChild<ProviderProfilesDialog>(f.window.get())));
        QTRY_VERIFY(!dialog->isLoading());
        grabIfAsked(dialog, u"profiles-dialog"_s);
        ProviderProfileEditor *editor = dialog->addProfile();
        child<QLineEdit>(editor, u"profileBaseUrl"_s)->setText(u"http://gpu-box.example"_s);
        QTest::mouseClick(child<QPushButton>(editor, u"saveProfile"_s), Qt::LeftButton);
        grabIfAsked(editor, u"profile-editor"_s);
    }
    f.window->action(MainWindow::Action::Cancel)->trigger();
}

QTEST_MAIN(TestGuiProviders)
#include "tst_gui_providers.moc"
