#include "providerprofilesdialog.h"

#include "providerprofileeditor.h"
#include "providerprofilemodel.h"
#include "providers/apikeystore.h"
#include "providers/connectiontester.h"
#include "providers/providerfactory.h"
#include "statecategory.h"
#include "statestyle.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {

constexpr int kIconSize = 16;

QString testerKey(const QString &id, ProfileSource source)
{
    return QString::number(int(source)) + u'/' + id;
}

} // namespace

ProviderProfilesDialog::ProviderProfilesDialog(const QString &storyboardPath,
                                               const QList<ProviderProfile> &storyboardProfiles,
                                               QWidget *parent)
    : QDialog(parent), m_storyboardPath(storyboardPath), m_storyboardProfiles(storyboardProfiles),
      m_model(new ProviderProfileModel(this)), m_view(new QTableView(this)),
      m_problems(new QLabel(this)), m_messageIcon(new QLabel(this)), m_message(new QLabel(this)),
      m_add(new QPushButton(tr("&Add…"), this)), m_edit(new QPushButton(tr("&Edit…"), this)),
      m_remove(new QPushButton(tr("&Remove"), this)),
      m_test(new QPushButton(tr("&Test connection"), this)),
      m_setKey(new QPushButton(tr("Set API &key…"), this))
{
    setObjectName(u"providerProfilesDialog"_s);
    setWindowTitle(tr("Provider profiles"));
    m_model->setPalette(palette());
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(
        tr("Profiles come from the storyboard, from providers.json beside it and from your "
           "settings; the first definition of an id wins. Your own profiles are used by every "
           "storyboard; the others are read-only here. Changes take effect the next time a "
           "storyboard is opened."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *middle = new QHBoxLayout;
    m_view->setObjectName(u"profileTable"_s);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Provider profiles"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setMinimumSectionSize(48);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Long values (model file names, URLs) are elided; the full text is in the tooltip.
    header->setSectionResizeMode(ProviderProfileModel::ModelColumn, QHeaderView::Interactive);
    header->resizeSection(ProviderProfileModel::ModelColumn, 150);
    header->setSectionResizeMode(ProviderProfileModel::BaseUrlColumn, QHeaderView::Stretch);
    middle->addWidget(m_view, 1);

    auto *buttons = new QVBoxLayout;
    m_add->setObjectName(u"addProfile"_s);
    m_add->setToolTip(tr("Add a profile to your settings"));
    m_edit->setObjectName(u"editProfile"_s);
    m_remove->setObjectName(u"removeProfile"_s);
    m_remove->setToolTip(tr("Remove the selected profile from your settings"));
    m_test->setObjectName(u"testConnection"_s);
    m_test->setToolTip(tr("Make one cheap real request that proves the address and the key"));
    m_setKey->setObjectName(u"setApiKey"_s);
    for (QPushButton *button : {m_add, m_edit, m_remove, m_test, m_setKey}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
        if (button == m_remove)
            buttons->addSpacing(12);
    }
    buttons->addStretch(1);
    middle->addLayout(buttons);
    layout->addLayout(middle, 1);

    m_problems->setObjectName(u"catalogProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->hide();
    layout->addWidget(m_problems);

    auto *messageRow = new QHBoxLayout;
    m_messageIcon->setFixedSize(kIconSize, kIconSize);
    m_messageIcon->setAlignment(Qt::AlignTop);
    messageRow->addWidget(m_messageIcon, 0, Qt::AlignTop);
    m_message->setObjectName(u"profilesMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMinimumHeight(m_message->fontMetrics().lineSpacing() * 3);
    m_message->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    messageRow->addWidget(m_message, 1);
    layout->addLayout(messageRow);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(close);

    connect(m_add, &QPushButton::clicked, this, [this] { addProfile(); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editSelected(); });
    connect(m_remove, &QPushButton::clicked, this, &ProviderProfilesDialog::removeSelected);
    connect(m_test, &QPushButton::clicked, this, &ProviderProfilesDialog::testSelected);
    connect(m_setKey, &QPushButton::clicked, this, &ProviderProfilesDialog::setKeyForSelected);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this] {
        if (const ProfileEntry *entry = selectedEntry(); entry && entry->isEditable())
            editSelected();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProviderProfilesDialog::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProviderProfilesDialog::updateButtons);

    showMessage(tr("Select a profile to test its connection or to set its API key."), -1);
    resize(1120, 480);
    reload();
}

ProviderProfilesDialog::~ProviderProfilesDialog() = default;

QString ProviderProfilesDialog::messageText() const
{
    return m_message->text();
}

void ProviderProfilesDialog::reload()
{
    m_loading = true;
    updateButtons();
    const int generation = ++m_generation;
    const QString path = m_storyboardPath;
    const QList<ProviderProfile> own = m_storyboardProfiles;
    auto *watcher = new QFutureWatcher<ProfileCatalog>(this);
    connect(watcher, &QFutureWatcher<ProfileCatalog>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const ProfileCatalog catalog = watcher->result();
        const QString select = std::exchange(m_selectAfterLoad, {});
        const ProfileEntry *before = selectedEntry();
        const QString selectedId = select.isEmpty() && before ? before->profile.id : select;
        m_model->setCatalog(catalog);
        m_loading = false;
        m_problems->setText(catalog.problems.isEmpty()
                                ? QString()
                                : tr("Some profiles could not be read and are left out:") +
                                      u"\n"_s + catalog.problems.join(u'\n'));
        m_problems->setVisible(!catalog.problems.isEmpty());
        if (selectedId.isEmpty() || !selectProfile(selectedId))
            m_view->selectRow(0);
        lookUpKeys();
        updateButtons();
        Q_EMIT catalogLoaded();
    });
    // The settings and providers.json are files: read them on the pool.
    watcher->setFuture(QtConcurrent::run([path, own] {
        const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
        return ProviderProfileStore::catalog(path, own, *settings);
    }));
}

bool ProviderProfilesDialog::selectProfile(const QString &id)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->entryAt(row)->profile.id == id) {
            m_view->selectRow(row);
            m_view->scrollTo(m_model->index(row, 0));
            return true;
        }
    }
    return false;
}

const ProfileEntry *ProviderProfilesDialog::selectedEntry() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->entryAt(rows.constFirst().row());
}

void ProviderProfilesDialog::updateButtons()
{
    const ProfileEntry *entry = m_loading ? nullptr : selectedEntry();
    const bool editable = entry && entry->isEditable();
    const bool network = entry && providerKindInfo(entry->profile.kind).network;
    m_add->setEnabled(!m_loading);
    m_edit->setEnabled(editable);
    m_remove->setEnabled(editable);
    m_test->setEnabled(entry != nullptr);
    m_setKey->setEnabled(network);
    const QString readOnly =
        tr("Defined in %1: edit that file to change it")
            .arg(entry ? ProviderProfileModel::sourceLabel(*entry) : QString());
    m_edit->setToolTip(editable || !entry ? tr("Change the selected profile") : readOnly);
    m_setKey->setToolTip(
        network || !entry
            ? tr("Store the selected profile's API key in the system keychain; it is never "
                 "shown again")
            : tr("This kind runs without an API key"));
}

ProviderProfileEditor *ProviderProfilesDialog::addProfile()
{
    if (m_loading)
        return nullptr;
    ProviderProfile profile;
    profile.kind = u"comfyui"_s;
    return openEditor(profile, QString());
}

ProviderProfileEditor *ProviderProfilesDialog::editSelected()
{
    const ProfileEntry *entry = selectedEntry();
    if (m_loading || !entry || !entry->isEditable())
        return nullptr;
    return openEditor(entry->profile, entry->profile.id);
}

ProviderProfileEditor *ProviderProfilesDialog::openEditor(const ProviderProfile &profile,
                                                          const QString &replacedId)
{
    auto *editor = new ProviderProfileEditor(
        profile,
        replacedId.isEmpty() ? ProviderProfileEditor::Mode::Add : ProviderProfileEditor::Mode::Edit,
        [this, replacedId](const ProviderProfile &edited) {
            const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
            return ProviderProfileStore::saveUserProfile(*settings, edited, m_model->catalog(),
                                                         replacedId);
        },
        this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        const QString id = editor->profile().id;
        showMessage(tr("Saved the profile %1 in your settings. Storyboards opened from now on "
                       "can use it.")
                        .arg(id),
                    int(StateCategory::Done));
        m_selectAfterLoad = id;
        reload();
        Q_EMIT profileSaved(id);
    });
    editor->open();
    return editor;
}

void ProviderProfilesDialog::removeSelected()
{
    const ProfileEntry *entry = selectedEntry();
    if (m_loading || !entry || !entry->isEditable())
        return;
    const QString id = entry->profile.id;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove provider profile"),
                                tr("Remove the profile %1 from your settings?").arg(id),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"confirmRemoveProfile"_s);
    box->setInformativeText(tr("Storyboards that use %1 will report it as unknown. Its API key "
                               "stays in the system keychain.")
                                .arg(id));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, id](QAbstractButton *b) {
        if (b != remove)
            return;
        const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
        ProviderProfileStore::removeFromSettings(*settings, id);
        showMessage(tr("Removed the profile %1 from your settings.").arg(id), -1);
        reload();
        Q_EMIT profileRemoved(id);
    });
    box->open();
}

void ProviderProfilesDialog::testSelected()
{
    const ProfileEntry *entry = selectedEntry();
    if (m_loading || !entry)
        return;
    const ProviderProfile profile = entry->profile;
    const ProfileSource source = entry->source;
    const QString key = testerKey(profile.id, source);
    ConnectionTester *tester = m_testers.value(key);
    if (!tester) {
        tester = new ConnectionTester(this);
        m_testers.insert(key, tester);
        connect(tester, &ConnectionTester::finished, this,
                [this, source](const QString &id, const GenerationResult &result) {
                    onTested(id, source, result);
                });
    }
    ProviderProfileModel::TestOutcome outcome;
    outcome.state = ProviderProfileModel::TestState::Testing;
    m_model->setTestOutcome(m_model->rowOf(profile.id, source), outcome);
    const ProviderKindInfo info = providerKindInfo(profile.kind);
    const QString where = profile.baseUrl.isEmpty() ? info.defaultBaseUrl : profile.baseUrl;
    showMessage(where.isEmpty() ? tr("Testing %1…").arg(profile.id)
                                : tr("Testing %1 at %2…").arg(profile.id, where),
                int(StateCategory::Running));
    tester->start(profile);
}

void ProviderProfilesDialog::onTested(const QString &profileId, ProfileSource source,
                                      const GenerationResult &result)
{
    ProviderProfileModel::TestOutcome outcome;
    outcome.state = result.ok() ? ProviderProfileModel::TestState::Succeeded
                                : ProviderProfileModel::TestState::Failed;
    outcome.errorClass = result.errorClass;
    outcome.httpStatus = result.httpStatus;
    outcome.message = result.message;
    m_model->setTestOutcome(m_model->rowOf(profileId, source), outcome);
    if (result.ok()) {
        showMessage(tr("Connection to %1: OK.").arg(profileId) + u'\n' + result.message,
                    int(StateCategory::Done));
    } else {
        const QString what = result.httpStatus > 0
                                 ? tr("Connection to %1: FAILED (%2, HTTP %3).")
                                       .arg(profileId, StateStyle::errorLabel(result.errorClass))
                                       .arg(result.httpStatus)
                                 : tr("Connection to %1: FAILED (%2).")
                                       .arg(profileId, StateStyle::errorLabel(result.errorClass));
        showMessage(what + u'\n' + result.message + u'\n' +
                        tr("What to do: %1").arg(StateStyle::recommendedAction(result.errorClass)),
                    int(StateCategory::Failed));
    }
    Q_EMIT connectionTested(profileId, result.ok());
}

void ProviderProfilesDialog::setKeyForSelected()
{
    const ProfileEntry *entry = selectedEntry();
    if (m_loading || !entry || !providerKindInfo(entry->profile.kind).network)
        return;
    const QString id = entry->profile.id;
    const QString keyName = ProviderProfileStore::keyNameOf(entry->profile);
    const bool keychain = ApiKeyStore::keychainEnabled();
    auto *input = new QInputDialog(this);
    input->setObjectName(u"apiKeyInput"_s);
    input->setWindowTitle(tr("Set API key"));
    input->setInputMode(QInputDialog::TextInput);
    input->setTextEchoMode(QLineEdit::Password);
    input->setLabelText(
        keychain ? tr("API key of %1. It is stored in the system keychain under \"%2\", never "
                      "in a file, and never shown again.")
                       .arg(id, keyName)
                 : tr("API key of %1. The system keychain is switched off (RETAKE_KEYCHAIN), so "
                      "the key is kept only until Retake quits; set %2 to keep it.")
                       .arg(id, ApiKeyStore::environmentVariable(keyName)));
    input->setOkButtonText(tr("Store key"));
    input->setAttribute(Qt::WA_DeleteOnClose);
    connect(input, &QInputDialog::textValueSelected, this,
            [this, input, id, keyName, keychain](const QString &text) {
                // Nothing of the key stays in the dialog.
                input->setTextValue(QString());
                const QString key = text.trimmed();
                if (key.isEmpty()) {
                    showMessage(tr("No key entered for %1; nothing was stored.").arg(id), -1);
                    return;
                }
                QPointer<ProviderProfilesDialog> self(this);
                ApiKeyStore::store(
                    keyName, key, this, [self, id, keyName, keychain](const QString &problem) {
                        if (!self)
                            return;
                        if (!problem.isEmpty()) {
                            self->showMessage(
                                tr("The system keychain did not store the key of %1: %2. Set "
                                   "the environment variable %3 instead.")
                                    .arg(id, problem, ApiKeyStore::environmentVariable(keyName)),
                                int(StateCategory::Failed));
                        } else {
                            self->showMessage(
                                keychain
                                    ? tr("Stored the API key of %1 in the system keychain.").arg(id)
                                    : tr("Kept the API key of %1 for this session only.").arg(id),
                                int(StateCategory::Done));
                        }
                        self->lookUpKeys();
                        Q_EMIT self->keyStored(keyName, problem.isEmpty());
                    });
            });
    input->open();
}

void ProviderProfilesDialog::lookUpKeys()
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        lookUpKey(row);
}

void ProviderProfilesDialog::lookUpKey(int row)
{
    const ProfileEntry *entry = m_model->entryAt(row);
    if (!entry || !providerKindInfo(entry->profile.kind).network)
        return;
    const int generation = m_generation;
    ApiKeyStore::lookup(ProviderProfileStore::keyNameOf(entry->profile), this,
                        [this, row, generation](const ApiKeyLookup &lookup) {
                            if (generation != m_generation)
                                return;
                            using KeyState = ProviderProfileModel::KeyState;
                            switch (lookup.source) {
                            case ApiKeyLookup::Source::None:
                                m_model->setKeyState(row, KeyState::Missing);
                                return;
                            case ApiKeyLookup::Source::Keychain:
                                m_model->setKeyState(row, KeyState::Keychain);
                                return;
                            case ApiKeyLookup::Source::Session:
                                m_model->setKeyState(row, KeyState::Session);
                                return;
                            case ApiKeyLookup::Source::Environment:
                                m_model->setKeyState(
                                    row, KeyState::Environment,
                                    ApiKeyStore::environmentVariable(lookup.keyRef));
                                return;
                            }
                            Q_UNREACHABLE();
                        });
}

void ProviderProfilesDialog::showMessage(const QString &text, int visualCategory)
{
    m_message->setText(text);
    static const QHash<int, QString> icons{{int(StateCategory::Done), u"state-done"_s},
                                           {int(StateCategory::Failed), u"state-failed"_s},
                                           {int(StateCategory::Running), u"state-running"_s}};
    const QString icon = icons.value(visualCategory, u"banner-info"_s);
    m_messageIcon->setPixmap(StateStyle::tintedPixmap(
        icon, StateStyle::accent(visualCategory, palette()), kIconSize, devicePixelRatioF()));
    m_message->setAccessibleDescription(text);
}

void ProviderProfilesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setPalette(palette());
    QDialog::changeEvent(event);
}

} // namespace retake::ui
