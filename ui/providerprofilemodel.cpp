#include "providerprofilemodel.h"

#include "providers/apikeystore.h"
#include "providers/providerfactory.h"
#include "statecategory.h"
#include "statestyle.h"

#include <QFileInfo>
#include <QFont>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {
constexpr int kIconSize = 16;
} // namespace

ProviderProfileModel::ProviderProfileModel(QObject *parent)
    : QAbstractTableModel(parent), m_palette(QGuiApplication::palette())
{
}

QString ProviderProfileModel::keyOf(const ProfileEntry &entry)
{
    return QString::number(int(entry.source)) + u'/' + entry.profile.id;
}

void ProviderProfileModel::setCatalog(const ProfileCatalog &catalog)
{
    QHash<QString, TestOutcome> outcomes;
    for (int row = 0; row < m_catalog.entries.size(); ++row)
        outcomes.insert(keyOf(m_catalog.entries.at(row)), m_states.at(row).test);
    beginResetModel();
    m_catalog = catalog;
    m_states.clear();
    for (const ProfileEntry &entry : std::as_const(m_catalog.entries)) {
        RowState state;
        state.key =
            providerKindInfo(entry.profile.kind).network ? KeyState::Looking : KeyState::NotNeeded;
        state.test = outcomes.value(keyOf(entry));
        if (state.test.state == TestState::Testing)
            state.test = TestOutcome();
        m_states << state;
    }
    endResetModel();
}

const ProfileEntry *ProviderProfileModel::entryAt(int row) const
{
    return row >= 0 && row < m_catalog.entries.size() ? &m_catalog.entries.at(row) : nullptr;
}

int ProviderProfileModel::rowOf(const QString &id, ProfileSource source) const
{
    for (int row = 0; row < m_catalog.entries.size(); ++row) {
        const ProfileEntry &entry = m_catalog.entries.at(row);
        if (entry.profile.id == id && entry.source == source)
            return row;
    }
    return -1;
}

void ProviderProfileModel::setKeyState(int row, KeyState state, const QString &environmentVariable)
{
    if (row < 0 || row >= m_states.size())
        return;
    m_states[row].key = state;
    m_states[row].environmentVariable = environmentVariable;
    Q_EMIT dataChanged(index(row, KeyColumn), index(row, KeyColumn));
}

void ProviderProfileModel::setTestOutcome(int row, const TestOutcome &outcome)
{
    if (row < 0 || row >= m_states.size())
        return;
    m_states[row].test = outcome;
    Q_EMIT dataChanged(index(row, ConnectionColumn), index(row, ConnectionColumn));
}

void ProviderProfileModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_states.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::DecorationRole});
}

int ProviderProfileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_catalog.entries.size());
}

int ProviderProfileModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QString ProviderProfileModel::sourceLabel(const ProfileEntry &entry)
{
    switch (entry.source) {
    case ProfileSource::BuiltIn:
        return tr("Built in", "where a provider profile is defined");
    case ProfileSource::Storyboard:
        return tr("Storyboard (%1)", "where a provider profile is defined")
            .arg(QFileInfo(entry.location).fileName());
    case ProfileSource::ProvidersFile:
        return tr("providers.json beside the storyboard", "where a provider profile is defined");
    case ProfileSource::UserSettings:
        return tr("Your settings", "where a provider profile is defined");
    }
    Q_UNREACHABLE();
}

QVariant ProviderProfileModel::display(int row, Column column) const
{
    const ProfileEntry &entry = m_catalog.entries.at(row);
    const ProviderProfile &p = entry.profile;
    const RowState &state = m_states.at(row);
    switch (column) {
    case IdColumn:
        return p.id;
    case KindColumn: {
        const ProviderKindInfo info = providerKindInfo(p.kind);
        return info.kind.isEmpty() ? p.kind : info.label;
    }
    case ModelColumn:
        if (!p.model.isEmpty())
            return p.model;
        if (const QString model = providerKindInfo(p.kind).defaultModel; !model.isEmpty())
            return tr("%1 (default)", "model").arg(model);
        return QString();
    case BaseUrlColumn: {
        const ProviderKindInfo info = providerKindInfo(p.kind);
        if (!info.network)
            return tr("this computer", "base URL of a provider without a server");
        if (!p.baseUrl.isEmpty())
            return p.baseUrl;
        return tr("%1 (default)", "base URL").arg(info.defaultBaseUrl);
    }
    case SourceColumn:
        if (!entry.shadowedBy.isEmpty())
            return tr("%1 — not used", "source — hidden by another definition")
                .arg(sourceLabel(entry));
        return sourceLabel(entry);
    case KeyColumn:
        switch (state.key) {
        case KeyState::NotNeeded:
            return tr("not needed", "API key");
        case KeyState::Looking:
            return tr("looking…", "API key");
        case KeyState::Missing:
            return tr("none", "API key");
        case KeyState::Keychain:
            return tr("system keychain", "API key");
        case KeyState::Session:
            return tr("this session only", "API key");
        case KeyState::Environment:
            return state.environmentVariable;
        }
        Q_UNREACHABLE();
    case ConnectionColumn:
        switch (state.test.state) {
        case TestState::NotTested:
            return tr("not tested", "connection test");
        case TestState::Testing:
            return tr("testing…", "connection test");
        case TestState::Succeeded:
            return tr("OK", "connection test");
        case TestState::Failed:
            return tr("FAILED: %1", "connection test: error class")
                .arg(StateStyle::errorLabel(state.test.errorClass));
        }
        Q_UNREACHABLE();
    case ColumnCount:
        break;
    }
    Q_UNREACHABLE();
}

QVariant ProviderProfileModel::toolTip(int row, Column column) const
{
    const ProfileEntry &entry = m_catalog.entries.at(row);
    const RowState &state = m_states.at(row);
    switch (column) {
    case SourceColumn: {
        QString text = entry.location.isEmpty() ? sourceLabel(entry) : entry.location;
        if (!entry.shadowedBy.isEmpty())
            text += u'\n' + tr("Not used: %1 defines the same id and comes first.")
                                .arg(QFileInfo(entry.shadowedBy).fileName());
        else if (!entry.isEditable())
            text += u'\n' + tr("Read-only here: edit the file that defines it.");
        return text;
    }
    case KeyColumn:
        switch (state.key) {
        case KeyState::NotNeeded:
            return tr("This kind runs without an API key.");
        case KeyState::Missing:
            return tr("No key found. Use \"Set API key…\", or set %1.")
                .arg(ApiKeyStore::environmentVariable(
                    ProviderProfileStore::keyNameOf(entry.profile)));
        case KeyState::Looking:
        case KeyState::Keychain:
        case KeyState::Session:
        case KeyState::Environment:
            return tr("Where the key of \"%1\" is found. The key itself is never shown.")
                .arg(ProviderProfileStore::keyNameOf(entry.profile));
        }
        Q_UNREACHABLE();
    case ConnectionColumn:
        return state.test.message;
    case KindColumn:
        return tr("Kind \"%1\"").arg(entry.profile.kind);
    case IdColumn:
    case ModelColumn:
    case BaseUrlColumn:
        return display(row, column);
    case ColumnCount:
        break;
    }
    Q_UNREACHABLE();
}

QVariant ProviderProfileModel::decoration(int row, Column column) const
{
    if (column != ConnectionColumn)
        return {};
    QString icon;
    int category = -1;
    switch (m_states.at(row).test.state) {
    case TestState::NotTested:
        return {};
    case TestState::Testing:
        icon = u"state-running"_s;
        category = int(StateCategory::Running);
        break;
    case TestState::Succeeded:
        icon = u"state-done"_s;
        category = int(StateCategory::Done);
        break;
    case TestState::Failed:
        icon = u"state-failed"_s;
        category = int(StateCategory::Failed);
        break;
    }
    return StateStyle::tintedPixmap(icon, StateStyle::accent(category, m_palette), kIconSize,
                                    qGuiApp->devicePixelRatio());
}

QVariant ProviderProfileModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const auto column = Column(index.column());
    const ProfileEntry &entry = m_catalog.entries.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::DecorationRole:
        return decoration(row, column);
    case Qt::FontRole:
        if (!entry.shadowedBy.isEmpty()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (!entry.shadowedBy.isEmpty())
            return m_palette.brush(QPalette::Disabled, QPalette::Text);
        return {};
    case ProfileIdRole:
        return entry.profile.id;
    case SourceRole:
        return int(entry.source);
    case EditableRole:
        return entry.isEditable();
    case KeyStateRole:
        return int(m_states.at(row).key);
    case TestStateRole:
        return int(m_states.at(row).test.state);
    default:
        return {};
    }
}

QVariant ProviderProfileModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IdColumn:
        return tr("ID");
    case KindColumn:
        return tr("Kind");
    case ModelColumn:
        return tr("Model");
    case BaseUrlColumn:
        return tr("Base URL");
    case SourceColumn:
        return tr("Defined in");
    case KeyColumn:
        return tr("API key");
    case ConnectionColumn:
        return tr("Connection");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace retake::ui
