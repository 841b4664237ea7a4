#include "publishcontroller.h"

#include "enginecontroller.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "store/publisher.h"
#include "store/workspace.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace retake::ui {

PublishController::PublishController(ProjectSession *session, EngineController *engine,
                                     QWidget *window)
    : QObject(window), m_session(session), m_engine(engine)
{
}

QWidget *PublishController::window() const
{
    return qobject_cast<QWidget *>(parent());
}

void PublishController::publish()
{
    if (!m_session->loaded || m_session->busy)
        return;
    const int done = m_session->summary.count(TaskState::Done);
    const int missing = m_session->summary.total - done;
    if (missing <= 0) {
        publishNow();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, MainWindow::tr("Publish"),
                                MainWindow::tr("%n task(s) are not done and will be missing "
                                               "from published/.",
                                               nullptr, missing),
                                QMessageBox::NoButton, window());
    box->setObjectName(u"confirmPublish"_s);
    box->setInformativeText(MainWindow::tr("Publish the %n done output(s) now? The previous "
                                           "published/ is replaced in one step.",
                                           nullptr, done));
    QPushButton *yes = box->addButton(MainWindow::tr("Publish"), QMessageBox::AcceptRole);
    yes->setObjectName(u"confirmPublishButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes](QAbstractButton *b) {
        if (b == yes)
            publishNow();
    });
    box->open();
}

void PublishController::publishNow()
{
    m_session->busy = true;
    Q_EMIT busyChanged();
    Q_EMIT statusMessage(MainWindow::tr("Publishing…"));
    const QString dir = m_session->workspaceDir;
    m_engine->query<QList<PublishItem>>(
        [](Engine &engine) { return Publisher::itemsFor(engine.tasks(), engine.allAttempts()); },
        this,
        [this, dir](const QList<PublishItem> &items) {
            // Copying is disk work: on the pool, never on the GUI or engine thread.
            auto *watcher = new QFutureWatcher<PublishResult>(this);
            connect(watcher, &QFutureWatcher<PublishResult>::finished, this, [this, watcher] {
                watcher->deleteLater();
                m_session->busy = false;
                const PublishResult result = watcher->result();
                const QString text =
                    result.ok ? MainWindow::tr("Published %n file(s) (%1 MB) to published/.",
                                               nullptr, result.files)
                                    .arg(QLocale().toString(result.bytes / 1048576.0, 'f', 1))
                              : MainWindow::tr("Not published: %1").arg(result.message);
                Q_EMIT logLine(text);
                Q_EMIT statusMessage(text);
                if (!result.ok) {
                    auto *box = new QMessageBox(QMessageBox::Warning, MainWindow::tr("Publish"),
                                                text, QMessageBox::Close, window());
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                }
                Q_EMIT busyChanged();
                Q_EMIT published(result.ok, text);
            });
            watcher->setFuture(QtConcurrent::run(
                [dir, items] { return Publisher::publish(Workspace(dir), items); }));
        });
}

} // namespace retake::ui
