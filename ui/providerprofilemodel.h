// The provider profiles dialog's table: every profile the core's catalog knows (built
// in, the storyboard's, providers.json's, the user's settings) with where it comes from,
// whether an earlier definition hides it, where its API key would be found (never the
// key) and the outcome of its last connection test.
#pragma once

#include "domain/types.h"
#include "providers/providerprofilestore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPalette>

namespace retake::ui {

class ProviderProfileModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderProfileModel)
public:
    enum Column {
        IdColumn,
        KindColumn,
        ModelColumn,
        BaseUrlColumn,
        SourceColumn,
        KeyColumn,
        ConnectionColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        ProfileIdRole = Qt::UserRole + 1,
        SourceRole,   // ProfileSource as int
        EditableRole, // bool: a profile of the user's settings
        KeyStateRole, // KeyState as int
        TestStateRole // TestState as int
    };
    enum class KeyState { NotNeeded, Looking, Missing, Keychain, Session, Environment };
    Q_ENUM(KeyState)
    enum class TestState { NotTested, Testing, Succeeded, Failed };
    Q_ENUM(TestState)

    struct TestOutcome {
        TestState state = TestState::NotTested;
        ErrorClass errorClass = ErrorClass::None;
        int httpStatus = 0;
        QString message;
    };

    explicit ProviderProfileModel(QObject *parent = nullptr);

    // A new catalog (on open and after a change): a reset. Test outcomes are kept for the
    // profiles that are still there.
    void setCatalog(const ProfileCatalog &catalog);
    const ProfileCatalog &catalog() const { return m_catalog; }
    const ProfileEntry *entryAt(int row) const;
    // The row of the profile `id` defined in `source`; -1 when there is none.
    int rowOf(const QString &id, ProfileSource source) const;

    void setKeyState(int row, KeyState state, const QString &environmentVariable = {});
    void setTestOutcome(int row, const TestOutcome &outcome);
    void setPalette(const QPalette &palette);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString sourceLabel(const ProfileEntry &entry);

private:
    struct RowState {
        KeyState key = KeyState::Looking;
        QString environmentVariable;
        TestOutcome test;
    };
    static QString keyOf(const ProfileEntry &entry);
    QVariant display(int row, Column column) const;
    QVariant toolTip(int row, Column column) const;
    QVariant decoration(int row, Column column) const;

    ProfileCatalog m_catalog;
    QList<RowState> m_states;
    QPalette m_palette;
};

} // namespace retake::ui
