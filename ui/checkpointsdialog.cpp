#include "checkpointsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace retake::ui {

namespace {
enum Column { TimeColumn, ReasonColumn, CountsColumn };
}

CheckpointsDialog::CheckpointsDialog(QWidget *parent)
    : QDialog(parent), m_list(new QTreeWidget(this)), m_message(new QLabel(this)),
      m_restore(new QPushButton(this))
{
    setObjectName(u"checkpointsDialog"_s);
    setWindowTitle(tr("Checkpoints"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Retake makes a checkpoint when a stage finishes for every shot "
                                "and before every bulk action. Restoring one rolls every task "
                                "back to that moment; no file is deleted, and the restore can "
                                "be undone."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list->setObjectName(u"checkpointList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Time"), tr("Reason"), tr("Tasks then")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);
    m_message->setObjectName(u"checkpointMessage"_s);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore->setObjectName(u"restoreCheckpoint"_s);
    m_restore->setText(tr("Restore…"));
    m_restore->setToolTip(tr("Roll every task back to the selected checkpoint"));
    m_restore->setEnabled(false);
    buttons->addButton(m_restore, QDialogButtonBox::ActionRole);
    connect(m_restore, &QPushButton::clicked, this, &CheckpointsDialog::requestRestore);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this] { m_restore->setEnabled(!selectedId().isEmpty()); });
    layout->addWidget(buttons);
    resize(640, 380);
}

void CheckpointsDialog::setCheckpoints(const QList<CheckpointInfo> &checkpoints)
{
    const QString keep = selectedId();
    m_list->clear();
    // Newest first.
    for (auto it = checkpoints.crbegin(); it != checkpoints.crend(); ++it) {
        const CheckpointInfo &cp = *it;
        QStringList counts;
        const QJsonObject object = QJsonDocument::fromJson(cp.countsJson.toUtf8()).object();
        for (auto c = object.constBegin(); c != object.constEnd(); ++c) {
            if (c.value().toInt() > 0)
                counts << u"%1 %2"_s.arg(c.value().toInt()).arg(c.key());
        }
        auto *item = new QTreeWidgetItem(
            m_list, {QLocale().toString(cp.createdAt.toLocalTime(), QLocale::ShortFormat),
                     cp.reason, counts.join(u", "_s)});
        item->setData(TimeColumn, Qt::UserRole, cp.id);
        item->setToolTip(TimeColumn, cp.id);
    }
    if (!keep.isEmpty())
        select(keep);
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
}

void CheckpointsDialog::select(const QString &checkpointId)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(TimeColumn, Qt::UserRole).toString() == checkpointId)
            m_list->setCurrentItem(m_list->topLevelItem(i));
    }
}

QString CheckpointsDialog::selectedId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(TimeColumn, Qt::UserRole).toString() : QString();
}

int CheckpointsDialog::count() const
{
    return m_list->topLevelItemCount();
}

void CheckpointsDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void CheckpointsDialog::requestRestore()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    const QTreeWidgetItem *item = m_list->currentItem();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore checkpoint"),
                                tr("Roll every task back to the checkpoint of %1 (%2)?")
                                    .arg(item->text(TimeColumn), item->text(ReasonColumn)),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"confirmRestore"_s);
    box->setInformativeText(tr("Outputs made since then stay on disk, and the current state is "
                               "saved first so that you can undo the restore."));
    QPushButton *restore = box->addButton(tr("Restore"), QMessageBox::AcceptRole);
    restore->setObjectName(u"confirmRestoreButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(restore);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, restore, id](QAbstractButton *b) {
        if (b == restore)
            Q_EMIT restoreRequested(id);
    });
    box->open();
}

} // namespace retake::ui
