// The Settings menu: the preferences (saved, then applied to the open engine) and the
// provider profiles dialog. Its texts keep the window's translation context
// (MainWindow::tr).
#pragma once

#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace retake::ui {

class EngineController;
struct ProjectSession;

class SettingsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsController)
public:
    // Dialogs open on `window`, the parent.
    explicit SettingsController(ProjectSession *session, EngineController *engine, QWidget *window);

    void showPreferences();
    // Opens the provider profiles dialog, or raises it when it is open.
    void showProviderProfiles();

Q_SIGNALS:
    void logLine(const QString &line);
    void statusMessage(const QString &text);

private:
    void applyPreferences();
    QWidget *window() const;

    ProjectSession *m_session;
    EngineController *m_engine;
};

} // namespace retake::ui
