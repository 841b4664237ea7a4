// Opening a storyboard: the file dialog, the recent files, reading and validating it in
// the background, then opening its workspace through the EngineController. Its texts
// keep the window's translation context (MainWindow::tr).
#pragma once

#include "project/storyboardloader.h"
#include "providers/providerprofilestore.h"

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QMenu;
class QWidget;
template <typename T> class QFutureWatcher;
QT_END_NAMESPACE

namespace retake::ui {

class EngineController;
struct EngineSnapshot;
struct ProjectSession;

class OpenController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenController)
public:
    // Dialogs open on `window`, the parent.
    explicit OpenController(ProjectSession *session, EngineController *engine, QWidget *window);

    // Loads `path` (a .retake.json storyboard or a .csv shot list) in the background and
    // opens it; problems are listed in a dialog. opened() or openFailed() follows.
    void openFile(const QString &path);
    void browseForFile();
    // Fills `menu` with the recent files (Open Recent).
    void fillRecentMenu(QMenu *menu);
    // Opens the open storyboard's workspace again, without reading the file: to own it
    // after the process watched ended or died (or to watch whoever owns it now).
    void reopen();

Q_SIGNALS:
    // The storyboard was read and its workspace is being opened: the window forgets the
    // previous one.
    void loadStarted(const QString &workspaceDir);
    // The storyboard had problems; openFailed() follows.
    void loadRejected();
    void opened(const retake::ui::EngineSnapshot &snapshot);
    void openFailed(const QString &reason);
    void stateChanged();
    void logLine(const QString &line);
    void statusMessage(const QString &text);

private:
    void onLoaded(const QString &path, const StoryboardLoad &loaded);
    void openWorkspace(const QString &workspaceDir);
    void onEngineOpened(const EngineSnapshot &snapshot);
    void onEngineOpenFailed(const QString &error);
    QWidget *window() const;

    ProjectSession *m_session;
    EngineController *m_engine;
    QFutureWatcher<StoryboardLoad> *m_loader = nullptr;
    QString m_pendingPath;
};

} // namespace retake::ui
