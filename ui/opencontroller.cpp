#include "opencontroller.h"

#include "enginecontroller.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "recentfiles.h"
#include "store/workspace.h"
#include "validationdialog.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace retake::ui {

OpenController::OpenController(ProjectSession *session, EngineController *engine, QWidget *window)
    : QObject(window), m_session(session), m_engine(engine)
{
    connect(m_engine, &EngineController::opened, this, &OpenController::onEngineOpened);
    connect(m_engine, &EngineController::openFailed, this, &OpenController::onEngineOpenFailed);
}

QWidget *OpenController::window() const
{
    return qobject_cast<QWidget *>(parent());
}

void OpenController::openFile(const QString &path)
{
    if (path.isEmpty())
        return;
    if (m_loader) {
        Q_EMIT statusMessage(
            MainWindow::tr("Still reading %1…").arg(QFileInfo(m_pendingPath).fileName()));
        return;
    }
    m_pendingPath = QFileInfo(path).absoluteFilePath();
    Q_EMIT statusMessage(MainWindow::tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_loader = new QFutureWatcher<StoryboardLoad>(this);
    connect(m_loader, &QFutureWatcher<StoryboardLoad>::finished, this, [this] {
        const StoryboardLoad result = m_loader->result();
        m_loader->deleteLater();
        m_loader = nullptr;
        onLoaded(m_pendingPath, result);
    });
    const QString file = m_pendingPath;
    // With the profiles of providers.json beside it and of the user's settings.
    m_loader->setFuture(QtConcurrent::run([file] {
        const std::unique_ptr<QSettings> settings = ProviderProfileStore::userSettings();
        return ProviderProfileStore::loadStoryboard(file, *settings);
    }));
}

void OpenController::onLoaded(const QString &path, const StoryboardLoad &loaded)
{
    const LoadResult &result = loaded.result;
    for (const QString &problem : loaded.profileProblems)
        Q_EMIT logLine(MainWindow::tr("Provider profile left out: %1").arg(problem));
    if (!result.ok()) {
        const QString reason = MainWindow::tr("%1 has %n problem(s); it was not opened.", nullptr,
                                              int(result.issues.size()))
                                   .arg(QFileInfo(path).fileName());
        Q_EMIT statusMessage(reason);
        Q_EMIT logLine(reason);
        auto *dialog = new ValidationDialog(path, result.issues, window());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        Q_EMIT loadRejected();
        Q_EMIT openFailed(reason);
        return;
    }
    RecentFiles::add(path);
    m_session->project = *result.project;
    m_session->storyboardProfiles = loaded.storyboardProfiles;
    m_session->path = path;
    m_session->loaded = false;
    m_session->summary = BatchSummary();
    const QString workspaceDir = Workspace::forStoryboard(m_session->project.filePath);
    Q_EMIT loadStarted(workspaceDir);
    Q_EMIT statusMessage(MainWindow::tr("Opening %1…").arg(QFileInfo(path).fileName()));
    Q_EMIT logLine(MainWindow::tr("Opening %1.").arg(path));
    openWorkspace(workspaceDir);
}

void OpenController::reopen()
{
    if (m_session->path.isEmpty() || m_loader)
        return;
    m_pendingPath = m_session->path;
    m_session->loaded = false;
    openWorkspace(Workspace::forStoryboard(m_session->project.filePath));
}

// Owns the workspace, or watches the live process that owns it (EngineController::open).
void OpenController::openWorkspace(const QString &workspaceDir)
{
    const Preferences preferences = m_session->preferences;
    m_engine->open(m_session->project, workspaceDir, [preferences](Engine &engine) {
        EngineOptions options = engine.options();
        preferences.applyTo(options);
        engine.setOptions(options);
    });
    Q_EMIT stateChanged();
}

void OpenController::onEngineOpened(const EngineSnapshot &snapshot)
{
    m_session->loaded = true;
    m_session->workspaceDir = snapshot.workspaceDir;
    m_session->providerIds = snapshot.providerIds;
    Q_EMIT opened(snapshot);
}

void OpenController::onEngineOpenFailed(const QString &error)
{
    m_session->loaded = false;
    const QString text = MainWindow::tr("Could not open the workspace of %1: %2")
                             .arg(QFileInfo(m_pendingPath).fileName(), error);
    Q_EMIT statusMessage(text);
    Q_EMIT logLine(text);
    auto *box = new QMessageBox(QMessageBox::Warning, MainWindow::tr("Storyboard not opened"), text,
                                QMessageBox::Close, window());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT stateChanged();
    Q_EMIT openFailed(text);
}

void OpenController::fillRecentMenu(QMenu *menu)
{
    menu->clear();
    const QStringList files = RecentFiles::list();
    int n = 0;
    for (const QString &file : files) {
        ++n;
        QAction *entry = menu->addAction(n < 10 ? u"&%1 %2"_s.arg(n).arg(QFileInfo(file).fileName())
                                                : QFileInfo(file).fileName());
        entry->setToolTip(file);
        entry->setStatusTip(file);
        connect(entry, &QAction::triggered, this, [this, file] {
            if (!QFileInfo::exists(file)) {
                RecentFiles::remove(file);
                Q_EMIT statusMessage(
                    MainWindow::tr("%1 no longer exists; removed from the recent files.")
                        .arg(file));
                return;
            }
            openFile(file);
        });
    }
    if (files.isEmpty()) {
        menu->addAction(MainWindow::tr("No recent storyboards"))->setEnabled(false);
        return;
    }
    menu->addSeparator();
    connect(menu->addAction(MainWindow::tr("Clear the list")), &QAction::triggered, this,
            [] { RecentFiles::clear(); });
}

void OpenController::browseForFile()
{
    const QString &path = m_session->path;
    const QString dir = path.isEmpty() ? QString() : QFileInfo(path).absolutePath();
    auto *dialog =
        new QFileDialog(window(), MainWindow::tr("Open a storyboard"), dir,
                        MainWindow::tr("Storyboards (*.retake.json *.json *.csv);;All files (*)"));
    dialog->setObjectName(u"openDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &OpenController::openFile);
    dialog->open();
}

} // namespace retake::ui
